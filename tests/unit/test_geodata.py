"""The committed `geodata/`: what the app ships, checked without the raw files."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from hubmap.pipeline.sources import incentives
from hubmap.schema import COLUMNS, SOURCES, TOWN_SCHEMA
from hubmap.towns import (
    INCENTIVES_FILE,
    REGIONS_FILE,
    load_metadata,
    load_programs,
    load_regions,
    load_towns,
)

REPO = Path(__file__).resolve().parents[2]
GEODATA = REPO / "geodata"
"""Always the repository's folder, whatever HUBMAP_GEODATA says."""


@pytest.fixture(scope="module")
def shipped_towns() -> gpd.GeoDataFrame:
    return load_towns(GEODATA)


@pytest.fixture(scope="module")
def programs() -> pd.DataFrame:
    return load_programs(GEODATA)


@pytest.fixture(scope="module")
def metadata() -> dict:
    return load_metadata(GEODATA)


def test_towns_validate_against_schema(shipped_towns: gpd.GeoDataFrame) -> None:
    table = pd.DataFrame(shipped_towns.drop(columns="geometry"))
    TOWN_SCHEMA.validate(table, lazy=True)
    assert table.columns.tolist() == [c.name for c in COLUMNS]


def test_counts(shipped_towns: gpd.GeoDataFrame, metadata: dict) -> None:
    counts = shipped_towns["country"].value_counts()
    assert 15_000 <= counts["US"] <= 17_000
    assert 1_000 <= counts["CA"] <= 1_600
    assert metadata["row_counts"]["towns"] == len(shipped_towns)
    assert metadata["row_counts"]["towns_us"] == counts["US"]
    assert metadata["row_counts"]["towns_ca"] == counts["CA"]


def test_ids_unique_and_well_formed(shipped_towns: gpd.GeoDataFrame) -> None:
    assert shipped_towns["town_id"].is_unique
    us = shipped_towns["country"] == "US"
    assert shipped_towns.loc[us, "town_id"].str.fullmatch(r"\d{7}").all()
    assert shipped_towns.loc[~us, "town_id"].str.fullmatch(r"gn:\d+").all()
    assert shipped_towns["town_id"].is_monotonic_increasing


def test_points_in_wgs84_north_america(shipped_towns: gpd.GeoDataFrame) -> None:
    assert shipped_towns.crs.to_epsg() == 4326
    assert (shipped_towns.geometry.geom_type == "Point").all()
    assert shipped_towns.geometry.x.between(-180, -50).all()
    assert shipped_towns.geometry.y.between(17, 72).all()


@pytest.mark.parametrize(
    ("name", "state", "county"),
    [
        ("Bozeman", "MT", "Gallatin County"),
        ("Chattanooga", "TN", "Hamilton County"),
        ("Bend", "OR", "Deschutes County"),
        ("Boise City", "ID", "Ada County"),
        ("Tulsa", "OK", "Tulsa County"),
    ],
)
def test_known_towns(shipped_towns: gpd.GeoDataFrame, name: str, state: str, county: str) -> None:
    rows = shipped_towns[(shipped_towns["name"] == name) & (shipped_towns["state"] == state)]
    assert len(rows) == 1, rows
    assert rows["county_name"].iloc[0] == county
    assert rows["country"].iloc[0] == "US"


def test_bozeman_ids(shipped_towns: gpd.GeoDataFrame) -> None:
    bozeman = shipped_towns.set_index("town_id").loc["3008950"]
    assert (bozeman["name"], bozeman["county_fips"]) == ("Bozeman", "30031")


def test_tulsa_remote(shipped_towns: gpd.GeoDataFrame) -> None:
    tulsa = shipped_towns.set_index("town_id").loc["4075000"]
    assert tulsa["incentive_max_usd"] == 10_000
    assert tulsa["incentive_status"] == "cash program"
    assert "Tulsa Remote" in tulsa["incentive_programs"].split("; ")
    assert "tulsa-remote" in tulsa["incentive_program_ids"].split(";")


def test_regions() -> None:
    assert (GEODATA / REGIONS_FILE).stat().st_size < 1_000_000
    regions = load_regions(GEODATA)
    assert len(regions) == 64
    assert regions["country"].value_counts().to_dict() == {"US": 51, "CA": 13}
    assert regions["code"].is_unique
    assert regions["name"].notna().all()
    assert regions.crs.to_epsg() == 4326


def test_every_town_has_its_region(shipped_towns: gpd.GeoDataFrame) -> None:
    codes = set(load_regions(GEODATA)["code"])
    assert set(shipped_towns["state"]) <= codes


def test_incentive_urls_are_http(programs: pd.DataFrame) -> None:
    assert programs.columns.tolist() == list(incentives.COLUMNS)
    assert programs["program_id"].is_unique
    urls = [
        url.strip()
        for col in ("cash_source_url", "status_source_url", "other_source_urls")
        for cell in programs[col].dropna()
        for url in cell.split(";")
        if url.strip()
    ]
    assert urls
    bad = [u for u in urls if not re.match(r"https?://\S+$", u)]
    assert bad == []


def test_towns_name_only_known_programs(
    shipped_towns: gpd.GeoDataFrame, programs: pd.DataFrame
) -> None:
    named = {p for ids in shipped_towns["incentive_program_ids"].dropna() for p in ids.split(";")}
    assert named <= set(programs["program_id"])


def test_programs_match_the_curated_table(programs: pd.DataFrame, metadata: dict) -> None:
    """geodata/ was built from the current data/incentives.csv."""
    curated = REPO / "data" / INCENTIVES_FILE
    digest = hashlib.sha256(curated.read_bytes()).hexdigest()
    assert metadata["inputs"][INCENTIVES_FILE]["sha256"] == digest
    assert programs["program_id"].tolist() == pd.read_csv(curated, dtype=str)["program_id"].tolist()
    assert metadata["row_counts"]["incentive_programs"] == len(programs)


def test_metadata_describes_every_column_and_source(metadata: dict) -> None:
    assert [c["name"] for c in metadata["columns"]] == [c.name for c in COLUMNS]
    for column in metadata["columns"]:
        assert column["source"] == "" or column["source"] in SOURCES, column
    assert sorted(metadata["sources"]) == sorted(SOURCES)
    for source_id, source in SOURCES.items():
        entry = metadata["sources"][source_id]
        assert entry["licence"] == source.licence
        assert entry["files"] == list(source.files)
    assert metadata["crs"] == "EPSG:4326"
    assert metadata["row_counts"]["regions"] == 64
    for name, entry in metadata["inputs"].items():
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]), name
        assert entry["bytes"] > 0, name
    listed = {Path(f).name for s in SOURCES.values() for f in s.files}
    assert set(metadata["inputs"]) == listed
