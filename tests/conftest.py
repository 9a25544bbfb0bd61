"""Shared fixtures: a small town frame built in code, with every schema column."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from hubmap.schema import COLUMNS, CRS

ROWS = [
    # town_id, name, state, country, pop, lat, lon, p2i, rent, tier, gig, 5G land, jobs,
    # inc_status, inc
    ("3008950", "Bozeman", "MT", "US", 55042, 45.68, -111.05, 6.5, 1717.0,
     "Gigabit wired (fiber-class)", 0.89, 0.99, 1700, "no program known", None),
    ("4075000", "Tulsa", "OK", "US", 412322, 36.13, -95.90, 2.6, 1000.0,
     "Gigabit wired (fiber-class)", 0.8, 0.96, 10150, "cash program", 10000.0),
    ("4105800", "Bend", "OR", "US", 101472, 44.05, -121.31, 7.0, 1800.0,
     "5G (outdoor coverage)", 0.09, 0.98, 2430, "no program known", None),
    ("3000100", "Smalltown", "MT", "US", 1200, 47.0, -109.0, None, None, None, None, None,
     None, "no program known", None),
    ("0500001", "Fayetteville", "AR", "US", 95000, 36.06, -94.16, 3.2, 900.0,
     "Satellite only (e.g. Starlink)", 0.1, 0.3, 4000, "cash program", 10000.0),
    ("csd:4806016", "Calgary", "AB", "CA", 1306784, 51.05, -114.07, None, None, None, None, None,
     None, "not researched", None),
]  # fmt: skip


@pytest.fixture
def towns() -> gpd.GeoDataFrame:
    """Six towns with every schema column (unlisted ones missing), in EPSG:4326."""
    empty = {"float64": float("nan")}
    data = {
        c.name: pd.Series([empty.get(c.dtype, pd.NA)] * len(ROWS), dtype=c.dtype) for c in COLUMNS
    }
    frame = pd.DataFrame(data)
    keys = (
        "town_id", "name", "state", "country", "population", "lat", "lon", "price_to_income",
        "median_gross_rent_usd", "connectivity_tier", "fcc_1000_100_share",
        "fcc_5g_35_3_land_share", "tech_employment", "incentive_status", "incentive_max_usd",
    )  # fmt: skip
    for i, key in enumerate(keys):
        if key in frame:
            frame[key] = pd.Series([r[i] for r in ROWS]).astype(frame[key].dtype)
    frame["state_name"] = frame["state"]
    frame["data_coverage"] = ["full"] * 5 + ["partial"]
    frame["currency"] = pd.array(["USD"] * 5 + ["CAD"], dtype="string")
    frame.loc[5, "median_renter_shelter_cost_cad"] = 1_350.0
    frame["est_monthly_mortgage_usd"] = frame["median_gross_rent_usd"] * 1.5
    frame["small_town_tech_hub"] = pd.array([True, False, False, None, True, False], "boolean")
    lat = [r[5] for r in ROWS]
    lon = [r[6] for r in ROWS]
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs=CRS)
