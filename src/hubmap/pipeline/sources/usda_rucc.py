"""USDA ERS Rural-Urban Continuum Codes 2023 per county (long format, Latin-1)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique, to_number

FILE = "Ruralurbancontinuumcodes2023.csv"


def load(raw: Path) -> pd.DataFrame:
    """`county_fips` -> `rucc_2023` (1 metro 1M+ ... 9 most rural)."""
    path = raw / FILE
    d = read_table(path, required=["FIPS", "Attribute", "Value"], encoding="latin-1")
    d = d[d["Attribute"] == "RUCC_2023"]
    d = d.assign(county_fips=d["FIPS"].str.zfill(5))
    require_unique(d, "county_fips", path)
    return pd.DataFrame(
        {
            "county_fips": d["county_fips"],
            "rucc_2023": to_number(d, "Value", path).round().astype("Int64"),
        }
    )
