"""National Park Service boundaries of the units designated "National Park" (April 2020)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from hubmap.pipeline.readers import BuildError, check_text_file

FILE = "nps_national_park_units_boundaries.geojson"
NOT_NATIONAL_PARKS = {"WOTR": "Wolf Trap National Park for the Performing Arts"}
"""Typed "National Park" in the file but a performing-arts venue, not one of the national
parks (the file's other 62 are the national parks of April 2020)."""


def load(raw: Path) -> gpd.GeoDataFrame:
    """The national parks: unit_code, name, geometry (polygons, EPSG:4326: GeoJSON without a
    `crs` member is WGS 84 longitude/latitude by RFC 7946)."""
    path = raw / FILE
    check_text_file(path)
    try:
        parks = gpd.read_file(path, engine="pyogrio")
    except Exception as exc:  # pyogrio raises several types for unreadable data
        raise BuildError(path, f"cannot read layer ({exc})") from exc
    missing = [c for c in ("UNIT_CODE", "UNIT_NAME") if c not in parks.columns]
    if missing:
        raise BuildError(path, f"missing column(s) {', '.join(missing)}")
    if parks.empty:
        raise BuildError(path, "file has no features")
    if parks["UNIT_CODE"].duplicated().any():
        code = parks.loc[parks["UNIT_CODE"].duplicated(), "UNIT_CODE"].iloc[0]
        raise BuildError(path, f"duplicated UNIT_CODE {code!r}")
    bad = parks.geometry.isna() | ~parks.geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    if bad.any():
        raise BuildError(path, f"unit {parks.loc[bad, 'UNIT_CODE'].iloc[0]!r} is not a polygon")
    parks = parks.set_crs("EPSG:4326", allow_override=True)
    parks = parks[~parks["UNIT_CODE"].isin(NOT_NATIONAL_PARKS)]
    return gpd.GeoDataFrame(
        {"unit_code": parks["UNIT_CODE"], "name": parks["UNIT_NAME"].str.strip()},
        geometry=parks.geometry.to_numpy(),
        crs="EPSG:4326",
    ).reset_index(drop=True)
