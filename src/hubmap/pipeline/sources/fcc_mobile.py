"""FCC Broadband Data Collection, mobile, December 2025: share of land covered outdoors
(stationary) by 5G-NR at 35/3 and 7/1 Mbps, per county for its whole area and urban part."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, to_number
from hubmap.pipeline.sources.fcc_bdc import AREAS, require_unique_pairs

FILE = "bdc_us_mobile_broadband_summary_by_geography_D25_09jun2026.csv"


def load(raw: Path) -> pd.DataFrame:
    """(`county_fips`, `area` total/urban) -> `fcc_5g_35_3_land_share`,
    `fcc_5g_7_1_land_share`: shares (0-1) of the land area, not of homes or people.

    Connecticut keeps its 8 old counties, as in the fixed file.
    """
    path = raw / FILE
    d = read_table(
        path,
        required=[
            "area_data_type",
            "geography_type",
            "geography_id",
            "mobilebb_5g_spd1_area_st_pct",
            "mobilebb_5g_spd2_area_st_pct",
        ],
    )
    d = d[d["area_data_type"].isin(AREAS) & (d["geography_type"] == "County")]
    d = d.assign(county_fips=d["geography_id"].str.zfill(5), area=d["area_data_type"].map(AREAS))
    require_unique_pairs(d, path)
    return pd.DataFrame(
        {
            "county_fips": d["county_fips"],
            "area": d["area"],
            "fcc_5g_35_3_land_share": to_number(d, "mobilebb_5g_spd2_area_st_pct", path),
            "fcc_5g_7_1_land_share": to_number(d, "mobilebb_5g_spd1_area_st_pct", path),
        }
    )
