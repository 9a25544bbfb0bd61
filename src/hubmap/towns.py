"""Loading what the build wrote to `geodata/`: the town table, outlines, programs, metadata.

Nothing else reads `geodata/` by hand. The folder is the repository's `geodata/` unless the
environment variable `HUBMAP_GEODATA` names another one (tests use that for small datasets).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd

from hubmap.incentive_rules import PROGRAM_NUMBERS
from hubmap.schema import CRS

TOWNS_FILE = "towns.parquet"
REGIONS_FILE = "regions.geojson"
INCENTIVES_FILE = "incentives.csv"
METADATA_FILE = "metadata.json"
GEODATA_ENV = "HUBMAP_GEODATA"


def geodata_dir() -> Path:
    """The folder to read: `$HUBMAP_GEODATA`, else the repository's `geodata/`."""
    configured = os.environ.get(GEODATA_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "geodata"


def load_towns(folder: Path | None = None) -> gpd.GeoDataFrame:
    """The town table: one row per town, typed columns (see `hubmap.schema.COLUMNS`), points
    in EPSG:4326, indexed 0..n-1 in `town_id` order."""
    frame = gpd.read_parquet((folder or geodata_dir()) / TOWNS_FILE)
    if frame.crs is None or frame.crs.to_string() != CRS:
        frame = frame.set_crs(CRS, allow_override=True) if frame.crs is None else frame.to_crs(CRS)
    return frame


def load_regions(folder: Path | None = None) -> gpd.GeoDataFrame:
    """State and province outlines: `code`, `name`, `country`, geometry (EPSG:4326)."""
    return gpd.read_file((folder or geodata_dir()) / REGIONS_FILE)


def load_programs(folder: Path | None = None) -> pd.DataFrame:
    """The curated incentive programs, one row each (see `data/incentives.csv`); amounts
    (USD), `payout_months` and `first_year_usd` as numbers, everything else text."""
    programs = pd.read_csv(
        (folder or geodata_dir()) / INCENTIVES_FILE,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
    )
    for column in PROGRAM_NUMBERS:
        programs[column] = pd.to_numeric(programs[column])
    return programs


def load_metadata(folder: Path | None = None) -> dict:
    """`metadata.json`: sources, column descriptions, method notes, counts, checksums."""
    return json.loads(((folder or geodata_dir()) / METADATA_FILE).read_text(encoding="utf-8"))
