"""CDC/ATSDR SVI 2022, county: % of households without a broadband subscription."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique, to_number

FILE = "SVI_2022_US_county.csv"
MISSING = -999


def load(raw: Path) -> pd.DataFrame:
    """`county_fips` -> `svi_no_broadband_pct` (% of households)."""
    path = raw / FILE
    d = read_table(path, required=["FIPS", "EP_NOINT"], encoding="utf-8-sig")
    d["county_fips"] = d["FIPS"].str.zfill(5)
    require_unique(d, "county_fips", path)
    value = to_number(d, "EP_NOINT", path)
    return pd.DataFrame(
        {"county_fips": d["county_fips"], "svi_no_broadband_pct": value.where(value != MISSING)}
    )
