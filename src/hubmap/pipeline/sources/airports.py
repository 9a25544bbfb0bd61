"""OurAirports (public domain) medium and large airports of the US and Canada."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_coordinates, require_unique, to_number

FILE = "ourairports_medium_large_airports_US_CA_2023-04-29.csv"
TYPES = ("medium_airport", "large_airport")


def load(raw: Path) -> pd.DataFrame:
    """Airports: code (IATA code, else the OurAirports ident), name, type ('medium_airport'
    or 'large_airport'), scheduled (True where `scheduled_service` is 'yes'), lat, lon
    (degrees)."""
    path = raw / FILE
    d = read_table(
        path,
        required=[
            "ident",
            "type",
            "name",
            "latitude_deg",
            "longitude_deg",
            "scheduled_service",
            "iata_code",
        ],
    )
    require_unique(d, "ident", path)
    d["lat"] = to_number(d, "latitude_deg", path)
    d["lon"] = to_number(d, "longitude_deg", path)
    require_coordinates(d, "lat", "lon", path)
    d = d[d["type"].isin(TYPES)]
    return pd.DataFrame(
        {
            "code": d["iata_code"].fillna(d["ident"]),
            "name": d["name"],
            "type": d["type"],
            "scheduled": d["scheduled_service"].str.strip().str.lower() == "yes",
            "lat": d["lat"],
            "lon": d["lon"],
        }
    )
