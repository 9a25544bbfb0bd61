"""FCC Broadband Data Collection, fixed, June 2024: residential units with 100/20, 250/25,
1000/100 Mbps available, per county for its whole area and its urban part."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique, to_number

FILE = "bdc_us_fixed_broadband_summary_by_geography_J24_29apr2025_COUNTY_ANYTECH_subset.csv"
AREAS = {"Total": "total", "Urban": "urban"}
"""The FCC's `area_data_type` rows the build uses, and how `connectivity_area` names them."""


def require_unique_pairs(frame: pd.DataFrame, path: Path) -> None:
    """One row per (county_fips, area): a repeated pair means the file is not what we read."""
    keyed = frame.assign(county_and_area=frame["county_fips"] + " " + frame["area"])
    require_unique(keyed, "county_and_area", path)


def load(raw: Path) -> pd.DataFrame:
    """(`county_fips`, `area` total/urban) -> `fcc_100_20_share`, `fcc_250_25_share`,
    `fcc_1000_100_share`: shares (0-1) of residential units, any technology.

    Counties with no urban land have no urban row. Connecticut keeps its 8 old counties.
    """
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
    d = d[d["area_data_type"].isin(AREAS) & (d["biz_res"] == "R")]
    d = d.assign(county_fips=d["geography_id"].str.zfill(5), area=d["area_data_type"].map(AREAS))
    require_unique_pairs(d, path)
    return pd.DataFrame(
        {
            "county_fips": d["county_fips"],
            "area": d["area"],
            "fcc_100_20_share": to_number(d, "speed_100_20", path),
            "fcc_250_25_share": to_number(d, "speed_250_25", path),
            "fcc_1000_100_share": to_number(d, "speed_1000_100", path),
        }
    )
