"""Which county a town is in: the Census relationship file, else the town's internal point.

The 2020 place-to-county relationship file leaves out places created or redrawn since
(San Tan Valley AZ) and the balances of consolidated city-counties (Indianapolis,
Louisville, Nashville-Davidson, Washington DC ...). Those are placed by their Gazetteer
internal point in the us-atlas county outlines (2017), or in the nearest outline within
`MAX_KM_TO_OUTLINE` where the simplified coastline misses the point. The outlines predate
Connecticut's planning regions (the county equivalents of the 2025 Gazetteer, the ACS 2023
and the July 2023 CBSA delineation): an outline county that is not a current county gives
way to the county of the nearest town of the same state that the relationship file places.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from hubmap.schema import CRS, NEAREST_TOWN, POINT, RELATIONSHIP, RELATIONSHIP_POINT

EQUAL_AREA = "ESRI:102008"
"""North America Albers equal-area conic, metres: distances to outlines and between towns."""
MAX_KM_TO_OUTLINE = 5.0
"""A point this close to a (simplified) county outline is taken to be in it."""


def _points(frame: pd.DataFrame) -> gpd.GeoSeries:
    return gpd.GeoSeries(
        gpd.points_from_xy(frame["lon"], frame["lat"]), index=frame.index, crs=CRS
    ).to_crs(EQUAL_AREA)


def _from_relationships(
    towns: pd.DataFrame, pairs: pd.DataFrame, shapes: gpd.GeoSeries
) -> pd.DataFrame:
    """Towns the relationship file lists: its only county, else the listed county holding
    (or nearest to) the internal point."""
    pairs = pairs[pairs["town_id"].isin(towns["town_id"])]
    counts = pairs.groupby("town_id")["county_fips"].transform("size")
    single = pairs[counts == 1].assign(county_placement=RELATIONSHIP)
    multi = pairs[counts > 1].merge(towns[["town_id", "lat", "lon"]], on="town_id")
    if not multi.empty:
        points = _points(multi)
        cand = gpd.GeoSeries(shapes.reindex(multi["county_fips"]).to_numpy(), crs=CRS)
        multi["distance"] = cand.to_crs(EQUAL_AREA).distance(points.reset_index(drop=True))
        multi = multi.sort_values(["town_id", "distance"]).drop_duplicates("town_id")
        multi = multi.assign(county_placement=RELATIONSHIP_POINT)
    cols = ["town_id", "county_fips", "county_placement"]
    return pd.concat([single[cols], multi.reindex(columns=cols)], ignore_index=True)


def _from_outlines(towns: pd.DataFrame, county_shapes: gpd.GeoDataFrame) -> pd.DataFrame:
    """The outline holding each town's internal point, else the nearest within the limit."""
    points = gpd.GeoDataFrame(towns[["town_id"]], geometry=_points(towns))
    outlines = county_shapes[["county_fips", "geometry"]].to_crs(EQUAL_AREA)
    hits = gpd.sjoin_nearest(
        points, outlines, how="inner", max_distance=MAX_KM_TO_OUTLINE * 1000, distance_col="d"
    )
    hits = hits.sort_values(["town_id", "d"]).drop_duplicates("town_id")
    return hits[["town_id", "county_fips"]].assign(county_placement=POINT)


def _nearest_placed(towns: pd.DataFrame, placed: pd.DataFrame) -> pd.DataFrame:
    """For each of `towns`, the county of the nearest town of `placed` in the same state."""
    rows = []
    for state, group in towns.groupby("state"):
        pool = placed[placed["state"] == state]
        if pool.empty:
            continue
        targets = gpd.GeoDataFrame(pool[["county_fips"]], geometry=_points(pool))
        here = gpd.GeoDataFrame(group[["town_id"]], geometry=_points(group))
        near = gpd.sjoin_nearest(here, targets, how="inner").drop_duplicates("town_id")
        rows.append(near[["town_id", "county_fips"]])
    found = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["town_id"])
    return found.assign(county_placement=NEAREST_TOWN)


def place_in_counties(
    towns: pd.DataFrame,
    pairs: pd.DataFrame,
    county_shapes: gpd.GeoDataFrame,
    current_counties: pd.Series,
) -> pd.DataFrame:
    """`town_id` -> `county_fips`, `county_placement` (one of `PLACEMENTS`) for `towns`
    (with town_id, state, lat, lon); `current_counties` are the county FIPS codes the
    other county files use (the 2025 Gazetteer's)."""
    shapes = county_shapes.set_index("county_fips").geometry
    listed = _from_relationships(towns, pairs, shapes)
    rest = towns[~towns["town_id"].isin(listed["town_id"])]
    outlined = _from_outlines(rest, county_shapes) if not rest.empty else listed.iloc[:0]
    current = set(current_counties)
    outlined = outlined[outlined["county_fips"].isin(current)]
    lost = rest[~rest["town_id"].isin(outlined["town_id"])]
    placed = listed.merge(towns[["town_id", "state", "lat", "lon"]], on="town_id")
    placed = placed[placed["county_fips"].isin(current)]
    parts = [listed, outlined] + ([_nearest_placed(lost, placed)] if not lost.empty else [])
    return pd.concat(parts, ignore_index=True).set_index("town_id")
