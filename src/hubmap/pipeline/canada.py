"""Canadian towns: Statistics Canada census subdivisions (municipalities) of 5,000+ people,
placed at the GeoNames point of the same name where one lies close, else at the CSD centroid.

GeoNames alone lists neighbourhoods, boroughs and former cities beside municipalities (87
entries within 15 km of Calgary), so the town list comes from the census and GeoNames only
gives a point: a town centre is where people live, a centroid may fall in a lake or a field.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from hubmap.pipeline.geodesic import KM_PER_MILE, geodesic_miles
from hubmap.pipeline.readers import BuildError
from hubmap.pipeline.sources import geonames, statcan

MATCH_MIN_KM = 10.0
"""A GeoNames point of the same name matches within this distance of the CSD centroid, or
within the radius of a circle of the CSD's land area when that is larger (a large
municipality such as Halifax has its centre far from its centroid)."""
EXCLUDED_CSD_TYPES = {"NO": "Unorganized"}
"""Unorganized territories are CSDs without local government (Algoma, Kenora, Thunder Bay
districts in Ontario): vast areas whose centroid is no place anyone lives."""
LOCATION_GEONAMES = "GeoNames point"
LOCATION_CENTROID = "CSD centroid"


def normalise_name(name: str) -> str:
    """Name as a matching key: no accents, case or punctuation; 'St.'/'Ste' spelled out."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"\bste\b", "sainte", text)
    text = re.sub(r"\bst\b", "saint", text)
    return " ".join(text.split())


def match_points(csds: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """The GeoNames point of each CSD, where one matches: same province, same normalised name,
    within the match radius. Each point serves one CSD, the nearest (Moncton's point goes to
    the city, not to the parish of the same name around it).

    `csds`: csd_id, name, state, lat, lon, land_area_sqmi; `points`: geonameid, name,
    state, lat, lon. Returns csd_id, geonameid, lat, lon, match_km.
    """
    left = csds.assign(key=csds["name"].map(normalise_name))
    right = points.assign(key=points["name"].map(normalise_name))
    pairs = left.merge(right, on=["state", "key"], suffixes=("", "_gn"))
    pairs["match_km"] = (
        geodesic_miles(pairs["lat"], pairs["lon"], pairs["lat_gn"], pairs["lon_gn"]) * KM_PER_MILE
    )
    land_km2 = pairs["land_area_sqmi"] * statcan.SQ_KM_PER_SQ_MI
    radius = np.maximum(MATCH_MIN_KM, np.sqrt(land_km2.fillna(0) / np.pi))
    pairs = pairs[pairs["match_km"] <= radius].sort_values(["match_km", "csd_id"])
    pairs = pairs.drop_duplicates("geonameid").drop_duplicates("csd_id")
    return pairs.rename(columns={"lat_gn": "lat_point", "lon_gn": "lon_point"})[
        ["csd_id", "geonameid", "lat_point", "lon_point", "match_km"]
    ]


def _disambiguate(towns: pd.DataFrame) -> pd.Series:
    """Names unique within a province: the most populous keeps the plain name, others add
    their CSD type ('Hamilton (township)' beside the city of Hamilton)."""
    order = towns.sort_values("population", ascending=False)
    repeat = order.duplicated(["state", "name"])
    named = order["name"].where(
        ~repeat, order["name"] + " (" + order["place_type"].str.lower() + ")"
    )
    return named.reindex(towns.index)


def canadian_towns(raw: Path, min_population: int) -> pd.DataFrame:
    """CSDs of at least `min_population` people as towns: town_id ('csd:' + CSDUID), name,
    census_name, place_type, state, population, land_area_sqmi, the CAD medians, lat, lon
    (degrees), location_source, and the GeoNames id where its point is used."""
    csds = statcan.csd_profile(raw).merge(statcan.csd_centroids(raw), on="csd_id", how="left")
    keep = (csds["population"] >= min_population).fillna(False) & ~csds["csd_type_code"].isin(
        EXCLUDED_CSD_TYPES
    )
    towns = csds[keep].copy()
    missing = towns["lat"].isna()
    if missing.any():
        raise BuildError(
            raw / statcan.CENTROID_FILE,
            f"no centroid for CSD(s) {', '.join(towns.loc[missing, 'csd_id'].head(5))}",
        )
    matched = match_points(towns, geonames.canadian_points(raw))
    towns = towns.merge(matched, on="csd_id", how="left")
    by_point = towns["geonameid"].notna()
    towns["location_source"] = np.where(by_point, LOCATION_GEONAMES, LOCATION_CENTROID)
    towns["lat"] = towns["lat_point"].where(by_point, towns["lat"])
    towns["lon"] = towns["lon_point"].where(by_point, towns["lon"])
    towns["name"] = _disambiguate(towns)
    towns["town_id"] = "csd:" + towns["csd_id"]
    return towns.drop(columns=["lat_point", "lon_point", "match_km", "csd_type_code"])
