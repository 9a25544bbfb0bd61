"""Census Business Formation Statistics: business applications per county, latest year.

Applications for an employer identification number of every kind (all industries, with
differential-privacy noise): a signal of new businesses, not a count of tech startups.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import BuildError, read_table, require_unique, to_number

FILE = "bfs_county_apps_annual_release2024_CountyData.csv"
_YEAR_COLUMN = re.compile(r"BA(\d{4})")


def load(raw: Path) -> pd.DataFrame:
    """`county_fips` -> `business_applications` (count in the file's latest year) and
    `business_applications_year`; counties without a count that year are left out
    (Connecticut's old counties after the 2022 switch to planning regions)."""
    path = raw / FILE
    d = read_table(path, required=["County Code"])
    years = sorted(int(m[1]) for c in d.columns if (m := _YEAR_COLUMN.fullmatch(c)))
    if not years:
        raise BuildError(path, "no BAyyyy (business applications per year) column")
    latest = years[-1]
    d["county_fips"] = d["County Code"].str.strip().str.zfill(5)
    require_unique(d, "county_fips", path)
    out = pd.DataFrame(
        {
            "county_fips": d["county_fips"],
            "business_applications": to_number(d, f"BA{latest}", path),
            "business_applications_year": latest,
        }
    )
    return out.dropna(subset=["business_applications"])
