"""Connecticut's pre-2022 counties, for the sources that still use them.

The 2025 Gazetteer (and the ACS from 2022) places Connecticut towns in the 9 planning regions
(09110-09190); the FCC fixed and mobile summaries and the Microsoft county file use the 8 old
counties (09001-09015). A town is put in the old county that holds its internal point, by
point-in-polygon against the us-atlas 2017 county outlines; a point just off the simplified
coast goes to the nearest old county (distance in ESRI:102008, North America equidistant
conic, metres).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from hubmap.schema import CRS

STATE_FIPS = "09"
OLD_COUNTIES = tuple(f"09{n:03d}" for n in range(1, 16, 2))
"""Fairfield 09001 ... Windham 09015."""
LEVEL = "county (pre-2022)"
PROJECTED = "ESRI:102008"


def old_county(towns: pd.DataFrame, county_shapes: gpd.GeoDataFrame) -> pd.Series:
    """Old county FIPS for each Connecticut town of `towns` (`town_id`, `lat`, `lon`,
    degrees), missing for the others. `county_shapes` has `county_fips` and polygons."""
    out = pd.Series(pd.NA, index=towns.index, dtype="string")
    ct = towns[towns["town_id"].str[:2] == STATE_FIPS]
    old = county_shapes[county_shapes["county_fips"].isin(OLD_COUNTIES)]
    if ct.empty or old.empty:
        return out
    points = gpd.GeoDataFrame(
        index=ct.index, geometry=gpd.points_from_xy(ct["lon"], ct["lat"]), crs=CRS
    ).to_crs(PROJECTED)
    shapes = old[["county_fips", "geometry"]].to_crs(PROJECTED)
    nearest = gpd.sjoin_nearest(points, shapes, how="left")
    nearest = nearest[~nearest.index.duplicated(keep="first")]
    out.loc[nearest.index] = nearest["county_fips"].astype("string")
    return out
