"""Life and talent: each town's distance to the nearest airport, university, college,
hospital, trauma centre and national park, and the colleges within 30 miles.

Every distance is a geodesic on the WGS 84 ellipsoid, in miles (km = miles x 1.609344), to
the nearest facility found by `hubmap.pipeline.geodesic.nearest`. A park's distance is to
its boundary, 0 inside: the boundaries are densified to vertices at most `PARK_VERTEX_DEG`
apart and the nearest vertex is measured, so the distance is at most about 0.2 miles longer
than to the true nearest point of the (simplified) NPS outline.

The IPEDS, HIFLD and NPS files cover the United States only: Canadian towns get airport
distances (OurAirports covers both countries) and no data for the others, and a US town's
nearest hospital or college is the nearest one in the US.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from hubmap.pipeline.geodesic import count_within, nearest
from hubmap.pipeline.sources import airports, hospitals, ipeds, nps

COLLEGE_RADIUS_MI = 30
PARK_VERTEX_DEG = 0.005
"""Largest gap between boundary vertices, degrees (0.005 deg of latitude is 0.35 miles)."""
US_ONLY_COLUMNS = (
    "research_university_mi", "research_university_name", "college_mi",
    "colleges_within_30mi", "hospital_mi", "hospital_name", "trauma_center_mi",
    "trauma_center_name", "national_park_mi", "national_park_name",
)  # fmt: skip


def nearest_named(
    towns: pd.DataFrame, targets: pd.DataFrame, name: str
) -> tuple[np.ndarray, np.ndarray]:
    """Miles from each town (lat, lon) to its nearest target and that target's `name`."""
    index, miles = nearest(towns["lat"], towns["lon"], targets["lat"], targets["lon"])
    return miles, targets[name].to_numpy()[index]


def park_distance(towns: pd.DataFrame, parks: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Miles from each town to the nearest national park boundary (0 inside a park), and
    that park's name."""
    edges = shapely.segmentize(parks.geometry.boundary.to_numpy(), PARK_VERTEX_DEG)
    coords, owner = shapely.get_coordinates(edges, return_index=True)
    vertices = pd.DataFrame({"lon": coords[:, 0], "lat": coords[:, 1], "park": owner})
    index, miles = nearest(towns["lat"], towns["lon"], vertices["lat"], vertices["lon"])
    names = parks["name"].to_numpy()
    name = names[vertices["park"].to_numpy()[index]]
    points = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy(towns["lon"], towns["lat"]), crs=parks.crs
    ).reset_index(drop=True)
    inside = gpd.sjoin(points, parks[["name", "geometry"]], predicate="within", how="inner")
    inside = inside[~inside.index.duplicated()]
    miles[inside.index.to_numpy()] = 0.0
    name[inside.index.to_numpy()] = inside["name"].to_numpy()
    return miles, name


def life_columns(towns: pd.DataFrame, raw: Path) -> pd.DataFrame:
    """The life-and-talent columns for `towns` (town_id, lat, lon, country), same order."""
    towns = towns.reset_index(drop=True)
    out = pd.DataFrame({"town_id": towns["town_id"]})
    ports = airports.load(raw)
    scheduled = ports[ports["scheduled"]]
    large = scheduled[scheduled["type"] == "large_airport"]
    out["airport_mi"], out["airport_code"] = nearest_named(towns, scheduled, "code")
    _, out["airport_name"] = nearest_named(towns, scheduled, "name")
    out["large_airport_mi"], out["large_airport_code"] = nearest_named(towns, large, "code")

    us = (towns["country"] == "US").to_numpy()
    us_towns = towns[us]
    schools = ipeds.load(raw)
    colleges = schools[schools["four_year"]]
    hospital = hospitals.load(raw)
    values: dict[str, object] = {}
    values["research_university_mi"], values["research_university_name"] = nearest_named(
        us_towns, schools[schools["research"]], "name"
    )
    values["college_mi"], _ = nearest_named(us_towns, colleges, "name")
    values["colleges_within_30mi"] = count_within(
        us_towns["lat"], us_towns["lon"], colleges["lat"], colleges["lon"], COLLEGE_RADIUS_MI
    )
    values["hospital_mi"], values["hospital_name"] = nearest_named(
        us_towns, hospital[hospital["general_acute"]], "name"
    )
    values["trauma_center_mi"], values["trauma_center_name"] = nearest_named(
        us_towns, hospital[hospital["trauma"]], "name"
    )
    values["national_park_mi"], values["national_park_name"] = park_distance(
        us_towns, nps.load(raw)
    )
    for column in US_ONLY_COLUMNS:
        out[column] = pd.Series(pd.NA, index=out.index, dtype="object")
        out.loc[us, column] = values[column]
    return out
