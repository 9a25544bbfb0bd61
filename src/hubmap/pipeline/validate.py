"""Checks on the assembled table: schema, ranges, point-in-polygon, and join coverage."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pandera.errors

from hubmap.schema import COLUMNS, TOWN_SCHEMA

MAX_KM_OUTSIDE_REGION = 10.0
"""A town's point may sit this far outside its (simplified 1:50m) state outline."""
_EQUAL_AREA = "ESRI:102008"
KNOWN_OFFSHORE_POINTS = {
    "0667000": "San Francisco: the city's land includes the Farallon Islands, so the Census "
    "internal point falls in the ocean, about 30 km west of the simplified coastline.",
    # Small islands that the 1:50m outlines leave out (only in the every-place stress build).
    "0204670": "Attu Station, AK: Attu Island, westernmost Aleutians.",
    "0219060": "Diomede, AK: Little Diomede Island, Bering Strait.",
    "0220716": "Eareckson Station, AK: Shemya Island, Aleutians.",
    "2472887": "Smith Island, MD: island in Chesapeake Bay.",
    "3625923": "Fishers Island, NY: island in Long Island Sound.",
    "5177520": "Tangier, VA: island in Chesapeake Bay.",
}
"""Towns whose Census internal point is known to lie far outside their state's outline."""


class ValidationError(Exception):
    """The assembled table breaks a rule; the message lists what and where."""


def check_schema(towns: gpd.GeoDataFrame) -> None:
    """Dtypes, nullability, ranges and unique ids, as `hubmap.schema.TOWN_SCHEMA` says."""
    try:
        TOWN_SCHEMA.validate(pd.DataFrame(towns.drop(columns="geometry")), lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(10).to_string()
        raise ValidationError(f"town table breaks its schema:\n{cases}") from exc


def check_points_in_regions(towns: gpd.GeoDataFrame, regions: gpd.GeoDataFrame) -> pd.DataFrame:
    """Every town's point inside (or within `MAX_KM_OUTSIDE_REGION` of) the region it claims.

    Returns the towns outside their outline but within the tolerance (for the report);
    raises `ValidationError` listing those farther away.
    """
    outline = regions.set_index("code").geometry
    claimed = gpd.GeoSeries(outline.reindex(towns["state"]).to_numpy(), crs=regions.crs)
    unknown = claimed.isna().to_numpy()
    if unknown.any():
        codes = sorted(set(towns.loc[unknown, "state"]))
        raise ValidationError(f"towns claim unknown states/provinces: {codes}")
    inside = claimed.contains(towns.geometry.reset_index(drop=True)).to_numpy()
    outside = towns.loc[~inside, ["town_id", "name", "state"]].copy()
    if outside.empty:
        return outside
    pts = towns.geometry[~inside].to_crs(_EQUAL_AREA).reset_index(drop=True)
    shapes = claimed[~inside].to_crs(_EQUAL_AREA).reset_index(drop=True)
    outside["km_outside"] = (shapes.distance(pts) / 1000).round(1).to_numpy()
    far = outside[
        (outside["km_outside"] > MAX_KM_OUTSIDE_REGION)
        & ~outside["town_id"].isin(KNOWN_OFFSHORE_POINTS)
    ]
    if not far.empty:
        raise ValidationError(
            f"{len(far)} towns lie more than {MAX_KM_OUTSIDE_REGION} km outside the state "
            f"they claim:\n{far.head(10).to_string(index=False)}"
        )
    return outside


def coverage(towns: pd.DataFrame) -> pd.DataFrame:
    """Share of towns (US and Canada separately) with a value in each column, in %."""
    rows = []
    for col in COLUMNS:
        row = {"column": col.name, "level": col.level}
        for country in ("US", "CA"):
            part = towns.loc[towns["country"] == country, col.name]
            row[f"{country} %"] = round(100 * part.notna().mean(), 1) if len(part) else None
        rows.append(row)
    return pd.DataFrame(rows)
