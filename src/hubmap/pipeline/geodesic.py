"""Distances on the WGS 84 ellipsoid, and nearest neighbours among points, vectorised.

Nearest candidates are found with scikit-learn's BallTree on the sphere (haversine metric,
one tree per set of points, no Python loop over towns); the distance reported is then the
geodesic on the WGS 84 ellipsoid between the town and that candidate (pyproj's `Geod.inv`,
Karney's algorithm, accurate to nanometres). The sphere and the ellipsoid differ by at most
about 0.5% in distance, so a candidate chosen on the sphere can only differ from the
ellipsoid's nearest when two are within 0.5% of the same distance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pyproj import Geod
from sklearn.neighbors import BallTree

METRES_PER_MILE = 1_609.344
KM_PER_MILE = METRES_PER_MILE / 1_000
EARTH_MEAN_RADIUS_M = 6_371_008.8
"""IUGG mean Earth radius, for the sphere the BallTree searches on."""
_WGS84 = Geod(ellps="WGS84")


def geodesic_miles(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Geodesic distance on the WGS 84 ellipsoid between paired points (degrees), in miles."""
    _, _, metres = _WGS84.inv(
        np.asarray(lon1, float), np.asarray(lat1, float), np.asarray(lon2, float),
        np.asarray(lat2, float),
    )  # fmt: skip
    return np.asarray(metres) / METRES_PER_MILE


def _radians(lat: pd.Series | np.ndarray, lon: pd.Series | np.ndarray) -> np.ndarray:
    return np.radians(np.column_stack([np.asarray(lat, float), np.asarray(lon, float)]))


def nearest(
    lat: pd.Series, lon: pd.Series, target_lat: pd.Series, target_lon: pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """For each point (degrees): the position of the nearest target and the geodesic
    distance to it in miles. Needs at least one target."""
    tree = BallTree(_radians(target_lat, target_lon), metric="haversine")
    _, index = tree.query(_radians(lat, lon), k=1)
    index = index[:, 0]
    miles = geodesic_miles(
        np.asarray(lat, float), np.asarray(lon, float),
        np.asarray(target_lat, float)[index], np.asarray(target_lon, float)[index],
    )  # fmt: skip
    return index, miles


def count_within(
    lat: pd.Series, lon: pd.Series, target_lat: pd.Series, target_lon: pd.Series, miles: float
) -> np.ndarray:
    """For each point (degrees): how many targets lie within `miles` on the sphere (a radius
    of 30 miles differs from the ellipsoid's by at most about 0.15 miles)."""
    if len(target_lat) == 0:
        return np.zeros(len(lat), dtype="int64")
    tree = BallTree(_radians(target_lat, target_lon), metric="haversine")
    radius = miles * METRES_PER_MILE / EARTH_MEAN_RADIUS_M
    return tree.query_radius(_radians(lat, lon), r=radius, count_only=True).astype("int64")
