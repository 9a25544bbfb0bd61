"""Census 2020 relationship files: place -> county, and ZCTA <-> place overlaps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, to_number

PLACE_COUNTIES_FILE = "place_counties.csv"
ZCTA_PLACES_FILE = "zcta_places.csv"


def place_counties(raw: Path) -> pd.DataFrame:
    """One row per (town_id, county_fips) pair; a place spanning counties has several."""
    path = raw / PLACE_COUNTIES_FILE
    r = read_table(path, required=["Place GEOID", "County GEOID"])
    out = pd.DataFrame({"town_id": r["Place GEOID"], "county_fips": r["County GEOID"]})
    return out.drop_duplicates()


def zcta_places(raw: Path) -> pd.DataFrame:
    """(zcta, town_id, land_sqkm) overlaps with positive land area."""
    path = raw / ZCTA_PLACES_FILE
    r = read_table(path, required=["ZCTA5", "Place GEOID", "Land Area"])
    out = pd.DataFrame(
        {
            "zcta": r["ZCTA5"],
            "town_id": r["Place GEOID"],
            "land_area": to_number(r, "Land Area", path),
        }
    )
    return out[out["land_area"] > 0]
