"""Distances on the WGS 84 ellipsoid, and nearest neighbours among points, vectorised.

Nearest candidates are found with a scikit-learn KDTree over points on the unit sphere
(x, y, z): the straight-line (chord) distance between two such points grows with their
great-circle distance, so the nearest by chord is the nearest on the sphere; the tree
queries every town at once in compiled code, no Python loop over towns. The distance
reported is then the geodesic on the WGS 84 ellipsoid between the town and that candidate
(pyproj's `Geod.inv`, Karney's algorithm, accurate to nanometres). Sphere and ellipsoid
differ by at most about 0.5% in distance, so a candidate chosen on the sphere can only
differ from the ellipsoid's nearest when two lie within 0.5% of the same distance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pyproj import Geod
from sklearn.neighbors import KDTree

METRES_PER_MILE = 1_609.344
KM_PER_MILE = METRES_PER_MILE / 1_000
EARTH_MEAN_RADIUS_M = 6_371_008.8
"""IUGG mean Earth radius, for the sphere a radius search runs on."""
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


def unit_vectors(lat: pd.Series | np.ndarray, lon: pd.Series | np.ndarray) -> np.ndarray:
    """Points (degrees) as (x, y, z) on the unit sphere, one row each."""
    phi, lam = np.radians(np.asarray(lat, float)), np.radians(np.asarray(lon, float))
    return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


def nearest(
    lat: pd.Series, lon: pd.Series, target_lat: pd.Series, target_lon: pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """For each point (degrees): the position of the nearest target and the geodesic
    distance to it in miles. Needs at least one target."""
    tree = KDTree(unit_vectors(target_lat, target_lon))
    _, index = tree.query(unit_vectors(lat, lon), k=1)
    index = index[:, 0]
    miles = geodesic_miles(
        np.asarray(lat, float), np.asarray(lon, float),
        np.asarray(target_lat, float)[index], np.asarray(target_lon, float)[index],
    )  # fmt: skip
    return index, miles


def count_within(
    lat: pd.Series, lon: pd.Series, target_lat: pd.Series, target_lon: pd.Series, miles: float
) -> np.ndarray:
    """For each point (degrees): how many targets lie within `miles` on the sphere of mean
    radius (a 30-mile radius differs from the ellipsoid's by at most about 0.15 miles)."""
    if len(target_lat) == 0:
        return np.zeros(len(lat), dtype="int64")
    angle = miles * METRES_PER_MILE / EARTH_MEAN_RADIUS_M
    chord = 2 * np.sin(angle / 2)
    tree = KDTree(unit_vectors(target_lat, target_lon))
    return tree.query_radius(unit_vectors(lat, lon), r=chord, count_only=True).astype("int64")
