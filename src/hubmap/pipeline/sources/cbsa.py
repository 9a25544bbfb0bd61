"""OMB July 2023 delineation: county -> core-based statistical area (metro or micro)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique

FILE = "list1_Jul_2023.csv"
_TYPES = {"Metropolitan Statistical Area": "metro", "Micropolitan Statistical Area": "micro"}


def load(raw: Path) -> pd.DataFrame:
    """Counties keyed by `county_fips`: `cbsa_code`, `cbsa_title`, `cbsa_type` (metro/micro)."""
    path = raw / FILE
    d = read_table(
        path,
        required=[
            "CBSA Code",
            "CBSA Title",
            "Metropolitan/Micropolitan Statistical Area",
            "FIPS State Code",
            "FIPS County Code",
        ],
    )
    d = d[d["FIPS State Code"].notna() & d["FIPS County Code"].notna()]
    out = pd.DataFrame(
        {
            "county_fips": d["FIPS State Code"].str.zfill(2) + d["FIPS County Code"].str.zfill(3),
            "cbsa_code": d["CBSA Code"],
            "cbsa_title": d["CBSA Title"],
            "cbsa_type": d["Metropolitan/Micropolitan Statistical Area"].map(_TYPES),
        }
    )
    require_unique(out, "county_fips", path)
    return out
