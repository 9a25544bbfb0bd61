"""NCES IPEDS HD2024 institutional directory: active research universities and four-year
colleges with their points."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_coordinates, require_unique, to_number

FILE = "hd2024.csv"
RESEARCH_CLASSES = (15, 16)
"""Carnegie 2021 basic classification: 15 = R1 (very high research activity), 16 = R2."""
FOUR_YEAR_CLASSES = tuple(range(15, 24))
"""Carnegie 2021 basic 15-23: doctoral universities (15-17), master's colleges and
universities (18-20) and baccalaureate colleges (21-23). Special-focus institutions (24-32:
seminaries, stand-alone medical, art or law schools...), tribal colleges (33) and
associate's colleges (1-14) are left out."""
FOUR_YEAR_SECTORS = (1, 2)
"""IPEDS SECTOR 1 = public four-year or above, 2 = private not-for-profit four-year or above
(for-profit four-year institutions, sector 3, are left out)."""


def load(raw: Path) -> pd.DataFrame:
    """Active institutions (CYACTIVE = 1): unitid, name, research (R1 or R2), four_year
    (public or private not-for-profit, four-year or above, doctoral / master's /
    baccalaureate class), lat, lon (degrees). Only rows that are one or the other."""
    path = raw / FILE
    d = read_table(
        path,
        required=["UNITID", "INSTNM", "SECTOR", "C21BASIC", "CYACTIVE", "LATITUDE", "LONGITUD"],
        encoding="utf-8-sig",
    )
    require_unique(d, "UNITID", path)
    d["lat"] = to_number(d, "LATITUDE", path)
    d["lon"] = to_number(d, "LONGITUD", path)
    require_coordinates(d, "lat", "lon", path)
    basic = to_number(d, "C21BASIC", path)
    sector = to_number(d, "SECTOR", path)
    active = to_number(d, "CYACTIVE", path) == 1
    research = active & basic.isin(RESEARCH_CLASSES)
    four_year = active & basic.isin(FOUR_YEAR_CLASSES) & sector.isin(FOUR_YEAR_SECTORS)
    keep = research | four_year
    return pd.DataFrame(
        {
            "unitid": d["UNITID"],
            "name": d["INSTNM"].str.strip(),
            "research": research,
            "four_year": four_year,
            "lat": d["lat"],
            "lon": d["lon"],
        }
    )[keep.to_numpy()]
