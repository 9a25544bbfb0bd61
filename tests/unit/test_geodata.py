"""The committed `geodata/`: what the app ships, checked without the raw files."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from hubmap.incentive_rules import counts, town_incentives
from hubmap.mapview import outlines_file_text
from hubmap.pipeline.sources import incentives
from hubmap.schema import COLUMNS, PROGRAM_STATUSES, PROGRAM_TYPES, SOURCES, TOWN_SCHEMA
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
    assert 700 <= counts["CA"] <= 760  # census subdivisions of 5,000+
    assert metadata["row_counts"]["towns"] == len(shipped_towns)
    assert metadata["row_counts"]["towns_us"] == counts["US"]
    assert metadata["row_counts"]["towns_ca"] == counts["CA"]


def test_ids_unique_and_well_formed(shipped_towns: gpd.GeoDataFrame) -> None:
    assert shipped_towns["town_id"].is_unique
    us = shipped_towns["country"] == "US"
    assert shipped_towns.loc[us, "town_id"].str.fullmatch(r"\d{7}").all()
    assert shipped_towns.loc[~us, "town_id"].str.fullmatch(r"csd:\d{7}").all()
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


def test_tulsa_remote_counts_only_if_reported_open(
    shipped_towns: gpd.GeoDataFrame, programs: pd.DataFrame
) -> None:
    tulsa = shipped_towns.set_index("town_id").loc["4075000"]
    assert "tulsa-remote" in tulsa["incentive_program_ids"].split(";")
    program = programs.set_index("program_id").loc["tulsa-remote"]
    assert program["program_type"] == "remote-worker relocation"
    if program["status"] == "open as last reported":
        assert tulsa["incentive_status"] == "cash program"
        assert tulsa["incentive_max_usd"] == program["cash_max_usd"]
    else:
        assert tulsa["incentive_status"] != "cash program"
        assert pd.isna(tulsa["incentive_max_usd"])


def test_harmony_mn_is_not_a_remote_worker_incentive_by_default(
    shipped_towns: gpd.GeoDataFrame, programs: pd.DataFrame
) -> None:
    harmony = shipped_towns.set_index("town_id").loc["2727188"]
    assert harmony["name"] == "Harmony" and harmony["state"] == "MN"
    assert (
        programs.set_index("program_id").loc["harmony-mn-home-incentive", "program_type"]
        == "home-building rebate"
    )
    assert harmony["incentive_status"] == "other program types only"
    assert pd.isna(harmony["incentive_max_usd"])
    counted = town_incentives(
        shipped_towns[shipped_towns["town_id"] == "2727188"], programs, include_other_types=True
    ).iloc[0]
    assert counted["incentive_status"] == "cash program"  # counted when the user asks


def test_towns_of_closed_programs_say_closed(
    shipped_towns: gpd.GeoDataFrame, programs: pd.DataFrame
) -> None:
    closed = set(programs.loc[programs["status"] == "closed", "program_id"])
    ids = shipped_towns["incentive_program_ids"].fillna("").str.split(";")
    only_closed = ids.map(lambda p: bool(p) and set(p) <= closed)
    assert only_closed.sum() > 0  # e.g. Vermont's grants, Move to Michigan
    towns = shipped_towns[only_closed]
    assert (towns["incentive_status"] == "closed").all()
    assert towns["incentive_summary"].str.startswith("closed (last reported ").all()


def test_shipped_incentive_columns_follow_the_default_rules(
    shipped_towns: gpd.GeoDataFrame, programs: pd.DataFrame
) -> None:
    again = town_incentives(shipped_towns, programs)
    for column in again.columns:
        pd.testing.assert_series_equal(
            shipped_towns[column], again[column], check_dtype=False, check_names=False
        )
    cash = shipped_towns[shipped_towns["incentive_max_usd"].notna()]
    counted = set(programs.loc[counts(programs), "program_id"])
    assert cash["incentive_program_ids"].str.split(";").map(lambda p: bool(set(p) & counted)).all()


def test_every_program_has_a_status_source_and_a_date(programs: pd.DataFrame) -> None:
    assert programs["status_source_url"].str.match(r"https?://\S+$").all()
    assert programs["last_reported"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()
    assert set(programs["status"]) <= set(PROGRAM_STATUSES)
    assert set(programs["program_type"]) <= set(PROGRAM_TYPES)
    with_cash = programs[programs["cash_max_usd"].notna()]
    assert with_cash["cash_source_url"].str.match(r"https?://\S+$").all()
    stated = programs[programs["first_year_usd"].notna()]
    assert (stated["first_year_usd"] <= stated["cash_max_usd"]).all()


@pytest.fixture(scope="module")
def canada(shipped_towns: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return shipped_towns[shipped_towns["country"] == "CA"]


def test_canadian_population_adds_up(canada: gpd.GeoDataFrame) -> None:
    """CSDs of 5,000+ hold about 33 of Canada's 37 million people (2021 Census); GeoNames'
    neighbourhoods and former cities added up to 45 million."""
    assert 31_000_000 <= canada["population"].sum() <= 34_000_000
    assert (canada["currency"] == "CAD").all()
    assert set(canada["location_source"]) == {"GeoNames point", "CSD centroid"}


def test_calgary(canada: gpd.GeoDataFrame) -> None:
    """Statistics Canada 2021 Census Profile, Calgary CY (4806016)."""
    calgary = canada.set_index("town_id").loc["csd:4806016"]
    assert (calgary["name"], calgary["state"]) == ("Calgary", "AB")
    assert calgary["population"] == 1_306_784
    assert calgary["median_household_income_cad"] == 98_000
    assert calgary["median_dwelling_value_cad"] == 456_000
    assert calgary["median_renter_shelter_cost_cad"] == 1_350
    assert calgary["price_to_income"] == pytest.approx(456_000 / 98_000)
    assert pd.isna(calgary["median_home_value_usd"])
    # one town within 15 km of Calgary's centre (GeoNames listed 87 entries there)
    point = canada.geometry[canada["town_id"] == "csd:4806016"].to_crs("EPSG:3400").iloc[0]
    near = canada.to_crs("EPSG:3400").distance(point) < 15_000
    assert canada.loc[near, "name"].tolist() == ["Calgary"]


@pytest.mark.parametrize(
    "name", ["Nepean", "Kanata", "Gloucester", "Scarborough", "Etobicoke", "Verdun",
             "Le Plateau-Mont-Royal", "Ville-Marie", "Rosemont-La Petite-Patrie", "Saint-Laurent"],
)  # fmt: skip
def test_no_boroughs_or_former_cities(canada: gpd.GeoDataFrame, name: str) -> None:
    assert name not in set(canada["name"])


@pytest.mark.parametrize(
    ("name", "state"), [("Montréal", "QC"), ("Ottawa", "ON"), ("Toronto", "ON"), ("Halifax", "NS")]
)
def test_one_town_per_city(canada: gpd.GeoDataFrame, name: str, state: str) -> None:
    assert ((canada["name"] == name) & (canada["state"] == state)).sum() == 1


@pytest.mark.parametrize(
    ("town_id", "code", "max_miles"),
    [("3008950", "BZN", 10), ("4714000", "CHA", 6), ("4105800", "RDM", 18)],
)
def test_nearest_scheduled_airport(
    shipped_towns: gpd.GeoDataFrame, town_id: str, code: str, max_miles: float
) -> None:
    """Bozeman's Gallatin Field, Chattanooga's Lovell Field and Redmond's Roberts Field (for
    Bend) are medium airports with scheduled service."""
    town = shipped_towns.set_index("town_id").loc[town_id]
    assert town["airport_code"] == code
    assert 0 < town["airport_mi"] <= max_miles


def test_bozeman_life_and_talent(shipped_towns: gpd.GeoDataFrame) -> None:
    bozeman = shipped_towns.set_index("town_id").loc["3008950"]
    assert bozeman["research_university_name"] == "Montana State University"
    assert bozeman["research_university_mi"] < 3
    assert bozeman["national_park_name"] == "Yellowstone National Park"
    assert 30 < bozeman["national_park_mi"] < 50  # the park's northwest corner near Big Sky
    assert bozeman["large_airport_code"] == "SLC"


def test_life_columns_coverage(shipped_towns: gpd.GeoDataFrame) -> None:
    us = shipped_towns[shipped_towns["country"] == "US"]
    ca = shipped_towns[shipped_towns["country"] == "CA"]
    assert shipped_towns["airport_mi"].notna().all()
    for col in ("research_university_mi", "college_mi", "hospital_mi", "trauma_center_mi",
                "national_park_mi", "colleges_within_30mi"):  # fmt: skip
        assert us[col].notna().all(), col
        assert ca[col].isna().all(), col
    assert (us["national_park_mi"] == 0).sum() < 20  # towns inside a park are rare


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


def test_ascend_charleston_covers_kanawha_county(shipped_towns: gpd.GeoDataFrame) -> None:
    kanawha = shipped_towns[shipped_towns["county_fips"] == "54039"]
    assert len(kanawha) > 1  # Charleston and the county's other towns
    ids = kanawha["incentive_program_ids"].fillna("").str.split(";")
    assert ids.map(lambda p: "ascend-wv-charleston" in p).all()


def test_student_loan_and_tax_programs_are_not_remote_worker_cash_by_default(
    shipped_towns: gpd.GeoDataFrame, programs: pd.DataFrame
) -> None:
    roz = programs.set_index("program_id").loc["kansas-roz-student-loan"]
    assert roz["program_type"] == "student-loan repayment"
    towns = shipped_towns[shipped_towns["county_fips"].isin(roz["county_fips"].split(";"))]
    assert len(towns) > 0
    only_roz = (
        towns["incentive_program_ids"] == "kansas-roz-income-tax-waiver;kansas-roz-student-loan"
    )
    assert (towns.loc[only_roz, "incentive_status"] == "other program types only").all()
    assert towns.loc[only_roz, "incentive_max_usd"].isna().all()


def test_the_map_outlines_file_is_written_from_the_shipped_regions() -> None:
    # dashboard/static/regions.json is what the app's map fetches; rerun
    # scripts/write_map_outlines.py after a build if this fails.
    shipped = (REPO / "dashboard" / "static" / "regions.json").read_text(encoding="utf-8")
    assert shipped == outlines_file_text(load_regions(GEODATA).__geo_interface__)
    assert len(json.loads(shipped)["features"]) == 64
