"""FCC Broadband Data Collection, June 2024: residential units with 100/20, 250/25, 1000/100."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique, to_number

FILE = "bdc_us_fixed_broadband_summary_by_geography_J24_29apr2025_COUNTY_ANYTECH_subset.csv"


def load(raw: Path) -> pd.DataFrame:
    """`county_fips` -> `fcc_100_20_share`, `fcc_250_25_share`, `fcc_1000_100_share`:
    shares (0-1) of all residential units, any technology."""
    path = raw / FILE
    d = read_table(
        path,
        required=[
            "area_data_type",
            "geography_id",
            "biz_res",
            "speed_100_20",
            "speed_250_25",
            "speed_1000_100",
        ],
    )
    d = d[(d["area_data_type"] == "Total") & (d["biz_res"] == "R")]
    d = d.assign(county_fips=d["geography_id"].str.zfill(5))
    require_unique(d, "county_fips", path)
    return pd.DataFrame(
        {
            "county_fips": d["county_fips"],
            "fcc_100_20_share": to_number(d, "speed_100_20", path),
            "fcc_250_25_share": to_number(d, "speed_250_25", path),
            "fcc_1000_100_share": to_number(d, "speed_1000_100", path),
        }
    )
