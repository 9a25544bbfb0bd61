"""Microsoft US broadband usage (O-UDA-1.0): county availability/usage, ZIP usage with errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique, to_number

COUNTY_FILE = "broadband_data_2020October.csv"
ZIP_FILE = "broadband_data_zipcode.csv"


def county(raw: Path) -> pd.DataFrame:
    """`county_fips` -> `ms_availability_25_3_share` (2019) and `ms_usage_25_county_share`."""
    path = raw / COUNTY_FILE
    d = read_table(
        path, required=["COUNTY ID", "BROADBAND AVAILABILITY PER FCC", "BROADBAND USAGE"]
    )
    d["county_fips"] = d["COUNTY ID"].str.strip().str.zfill(5)
    require_unique(d, "county_fips", path)
    return pd.DataFrame(
        {
            "county_fips": d["county_fips"],
            "ms_availability_25_3_share": to_number(d, "BROADBAND AVAILABILITY PER FCC", path),
            "ms_usage_25_county_share": to_number(d, "BROADBAND USAGE", path),
        }
    )


def zip_usage(raw: Path) -> pd.DataFrame:
    """`zcta` -> `usage` (0-1) and `error95` (+/- share) for ZIP codes with a figure."""
    path = raw / ZIP_FILE
    d = read_table(path, required=["POSTAL CODE", "BROADBAND USAGE", "ERROR RANGE (95%)(+/-)"])
    d["zcta"] = d["POSTAL CODE"].str.strip().str.zfill(5)
    out = pd.DataFrame(
        {
            "zcta": d["zcta"],
            "usage": to_number(d, "BROADBAND USAGE", path),
            "error95": to_number(d, "ERROR RANGE (95%)(+/-)", path),
        }
    ).dropna(subset=["usage"])
    return out.drop_duplicates("zcta")


def place_usage(zip_figures: pd.DataFrame, overlaps: pd.DataFrame) -> pd.DataFrame:
    """Land-area-weighted ZIP usage per place: `town_id` -> usage share and its 95% error.

    `overlaps` has (zcta, town_id, land_area); ZIPs without a figure are left out of the
    weights, so a place's figure covers only the part of it that has data.
    """
    m = overlaps.merge(zip_figures, on="zcta")
    m["w_usage"] = m["usage"] * m["land_area"]
    m["w_error"] = m["error95"] * m["land_area"]
    g = m.groupby("town_id")[["w_usage", "w_error", "land_area"]].sum()
    return pd.DataFrame(
        {
            "town_id": g.index,
            "ms_usage_25_place_share": (g["w_usage"] / g["land_area"]).to_numpy(),
            "ms_usage_25_place_error95": (g["w_error"] / g["land_area"]).to_numpy(),
        }
    )
