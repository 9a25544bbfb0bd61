"""HIFLD Open "Hospitals" points: open general acute care hospitals and Level I/II trauma
centres."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_coordinates, require_unique, to_number

FILE = "hifld_hospitals.csv"
GENERAL_ACUTE = "GENERAL ACUTE CARE"
_MAJOR_TRAUMA = re.compile(r"LEVEL (I|II)( ADULT)?")
"""A Level I or II adult trauma designation (the levels that treat the most severe injuries
around the clock), as one part of HIFLD's TRAUMA text ('LEVEL I ADULT, LEVEL II PEDIATRIC',
'LEVEL II / PEDIATRIC'); pediatric-only and rehabilitation levels do not count."""


def is_major_trauma(designation: str | None) -> bool:
    """True when HIFLD's TRAUMA text names a Level I or II adult trauma centre."""
    if not isinstance(designation, str):
        return False
    parts = re.split(r"[,/]", designation.upper())
    return any(_MAJOR_TRAUMA.fullmatch(part.strip()) for part in parts)


def load(raw: Path) -> pd.DataFrame:
    """Open hospitals (STATUS = OPEN): name, general_acute (TYPE = GENERAL ACUTE CARE;
    critical access hospitals are their own type), trauma (a Level I or II adult trauma
    centre), trauma_level (HIFLD's text), lat, lon (degrees)."""
    path = raw / FILE
    d = read_table(
        path, required=["ID", "NAME", "TYPE", "STATUS", "LATITUDE", "LONGITUDE", "TRAUMA"]
    )
    require_unique(d, "ID", path)
    d["lat"] = to_number(d, "LATITUDE", path)
    d["lon"] = to_number(d, "LONGITUDE", path)
    require_coordinates(d, "lat", "lon", path)
    d = d[d["STATUS"].str.strip().str.upper() == "OPEN"]
    return pd.DataFrame(
        {
            "name": d["NAME"].str.strip(),
            "general_acute": d["TYPE"].str.strip().str.upper() == GENERAL_ACUTE,
            "trauma": d["TRAUMA"].map(is_major_trauma).astype(bool),
            "trauma_level": d["TRAUMA"],
            "lat": d["lat"],
            "lon": d["lon"],
        }
    )
