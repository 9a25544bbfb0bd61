"""Statistics Canada 2021 Census of Population: census subdivisions (CSDs, the municipality
level) with population, dwelling value, renter shelter cost and household income (CAD), and
a location per CSD (the centroid of its largest polygon, computed in a public repository)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import (
    BuildError,
    read_table,
    require_coordinates,
    require_unique,
    to_number,
)

PROFILE_FILE = "statcan2021_csd_income_dwelling_rent.csv"
CENTROID_FILE = "csd2021_centroids_where_to_live.csv"
SQ_KM_PER_SQ_MI = 2.589988110336
_TYPE = re.compile(r"^\s*(?P<kind>.+?)\s*\((?P<code>[^()]+)\)\s*$")
"""The part after a CSD name's last comma: 'City (CY)', 'Canton (municipalité de) (CT)'."""
_PART = re.compile(r"\s*\(Part\)$")
"""'Lloydminster (Part)': a CSD that is one province's part of a town that straddles two."""


def split_csd_name(geo: str) -> tuple[str, str, str]:
    """'Calgary, City (CY)' -> ('Calgary', 'City', 'CY'): name, CSD type in words, type code.

    The type follows the last comma ('Division No.  1, Subd. V, Subdivision of unorganized
    (SNO)'); the name loses a trailing ' (Part)' (each province's part of Lloydminster is
    its own CSD).
    """
    head, _, last = geo.strip().rpartition(",")
    kind = _TYPE.match(last)
    if kind is None or not head.strip():
        raise ValueError(f"not 'Name, Type (CODE)': {geo!r}")
    return _PART.sub("", head.strip()), kind["kind"], kind["code"]


def csd_profile(raw: Path) -> pd.DataFrame:
    """One row per CSD: csd_id (CSDUID, 7 digits), name, census_name, place_type,
    csd_type_code, state (province code), population, land_area_sqmi and the 2021 Census
    medians in CAD: median_household_income_cad (total household income in 2020, per year),
    median_dwelling_value_cad (owned dwellings), median_renter_shelter_cost_cad (per month)."""
    path = raw / PROFILE_FILE
    d = read_table(
        path,
        required=[
            "code",
            "geo",
            "prov",
            "pop",
            "area_km2",
            "median_hh_income",
            "dwell_median",
            "rent_median",
        ],
    )
    require_unique(d, "code", path)
    bad = ~d["code"].str.fullmatch(r"\d{7}")
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise BuildError(path, f"CSD code {d['code'].iloc[row]!r} is not 7 digits", line=row + 2)
    parts = []
    for row, geo in enumerate(d["geo"]):
        try:
            parts.append(split_csd_name(geo))
        except ValueError as exc:
            raise BuildError(path, str(exc), line=row + 2) from exc
    names = pd.DataFrame(parts, columns=["name", "place_type", "csd_type_code"], index=d.index)
    return pd.DataFrame(
        {
            "csd_id": d["code"],
            "name": names["name"],
            "census_name": d["geo"].str.strip(),
            "place_type": names["place_type"],
            "csd_type_code": names["csd_type_code"],
            "state": d["prov"],
            "population": to_number(d, "pop", path).round().astype("Int64"),
            "land_area_sqmi": to_number(d, "area_km2", path) / SQ_KM_PER_SQ_MI,
            "median_household_income_cad": to_number(d, "median_hh_income", path),
            "median_dwelling_value_cad": to_number(d, "dwell_median", path),
            "median_renter_shelter_cost_cad": to_number(d, "rent_median", path),
        }
    )


def csd_centroids(raw: Path) -> pd.DataFrame:
    """csd_id, lat, lon (degrees): the centroid of each CSD's largest polygon."""
    path = raw / CENTROID_FILE
    d = read_table(path, required=["code", "lat", "lon"])
    require_unique(d, "code", path)
    d["lat_n"] = to_number(d, "lat", path)
    d["lon_n"] = to_number(d, "lon", path)
    require_coordinates(d, "lat_n", "lon_n", path)
    return pd.DataFrame({"csd_id": d["code"], "lat": d["lat_n"], "lon": d["lon_n"]})
