"""The build on the hand-made fixtures (tests/fixtures/raw), and its helpers one by one."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from hubmap.metrics import connectivity_tier
from hubmap.pipeline import canada, readers
from hubmap.pipeline.assemble import urban_by_census_rule
from hubmap.pipeline.readers import BuildError
from hubmap.pipeline.sources import (
    acs_population,
    bea_rpp,
    bfs,
    boundaries,
    cbsa,
    gazetteer,
    geonames,
    incentives,
    microsoft_broadband,
    relationships,
    statcan,
    usda_rucc,
)
from hubmap.pipeline.sources.gazetteer import split_place_name
from hubmap.pipeline.validate import ValidationError, check_points_in_regions
from hubmap.pipeline.write import replace_directory
from hubmap.schema import COLUMNS, CONNECTIVITY_TIERS, CRS, SOURCES, TOWN_SCHEMA
from hubmap.towns import load_metadata, load_programs, load_regions, load_towns

GIGABIT, FIVE_G, PARTIAL, SATELLITE = CONNECTIVITY_TIERS
BOZEMAN, FOUR_CORNERS, PAWHUSKA, TULSA, THOMAS = (
    "3008950",
    "3028862",
    "4057600",
    "4075000",
    "5480020",
)
CANMORE, LANGLEY, LANGLEY_CITY, METRO_VANCOUVER_A, SQUAMISH = (
    "csd:4815023",
    "csd:5915001",
    "csd:5915002",
    "csd:5915020",
    "csd:5931006",
)
BUTTE, GARDINER, LIVINGSTON, CAMPUS = "3011397", "3029950", "3043975", "3099990"


@pytest.fixture(scope="module")
def built_towns(built_geodata: Path) -> gpd.GeoDataFrame:
    return load_towns(built_geodata)


@pytest.fixture(scope="module")
def by_id(built_towns: gpd.GeoDataFrame) -> pd.DataFrame:
    return pd.DataFrame(built_towns.drop(columns="geometry")).set_index("town_id")


# --- the whole build on the fixtures -----------------------------------------------------


def test_rows(built_towns: gpd.GeoDataFrame) -> None:
    assert built_towns["town_id"].tolist() == [
        BOZEMAN,
        BUTTE,
        FOUR_CORNERS,
        GARDINER,
        LIVINGSTON,
        CAMPUS,
        PAWHUSKA,
        TULSA,
        THOMAS,
        CANMORE,
        LANGLEY,
        LANGLEY_CITY,
        METRO_VANCOUVER_A,
        SQUAMISH,
    ]
    assert built_towns["country"].value_counts().to_dict() == {"US": 9, "CA": 5}


def test_left_out(by_id: pd.DataFrame) -> None:
    assert "5420428" not in by_id.index  # Davis: 640 people, no incentive names it
    assert "7288035" not in by_id.index  # Puerto Rico
    assert "csd:5939007" not in by_id.index  # Golden BC: 3,986 people
    assert "csd:3560090" not in by_id.index  # Kenora, Unorganized: no municipality
    assert not by_id.index.str.startswith("gn:").any()  # GeoNames only gives points


@pytest.mark.parametrize(
    ("town_id", "name", "state", "state_name", "county_fips", "county", "cbsa", "cbsa_type"),
    [
        (BOZEMAN, "Bozeman", "MT", "Montana", "30031", "Gallatin County", "14580", "metro"),
        (
            FOUR_CORNERS,
            "Four Corners",
            "MT",
            "Montana",
            "30031",
            "Gallatin County",
            "14580",
            "metro",
        ),
        (PAWHUSKA, "Pawhuska", "OK", "Oklahoma", "40113", "Osage County", "46140", "metro"),
        (TULSA, "Tulsa", "OK", "Oklahoma", "40143", "Tulsa County", "46140", "metro"),
        (THOMAS, "Thomas", "WV", "West Virginia", "54093", "Tucker County", None, "none"),
    ],
)
def test_us_towns(
    by_id: pd.DataFrame,
    town_id: str,
    name: str,
    state: str,
    state_name: str,
    county_fips: str,
    county: str,
    cbsa: str | None,
    cbsa_type: str,
) -> None:
    t = by_id.loc[town_id]
    assert (t["name"], t["state"], t["state_name"]) == (name, state, state_name)
    assert (t["county_fips"], t["county_name"]) == (county_fips, county)
    assert (None if pd.isna(t["cbsa_code"]) else t["cbsa_code"]) == cbsa
    assert t["cbsa_type"] == cbsa_type
    assert (t["country"], t["data_coverage"], t["currency"]) == ("US", "full", "USD")
    assert t["location_source"] == "Census internal point"


def test_names_without_lsad_suffix(by_id: pd.DataFrame) -> None:
    assert by_id.loc[BOZEMAN, ["name", "census_name", "place_type"]].tolist() == [
        "Bozeman",
        "Bozeman city",
        "city",
    ]
    assert by_id.loc[FOUR_CORNERS, ["name", "census_name", "place_type"]].tolist() == [
        "Four Corners",
        "Four Corners CDP",
        "CDP",
    ]


def test_place_spanning_two_counties_takes_the_county_of_its_point(
    raw_dir: Path, by_id: pd.DataFrame
) -> None:
    pairs = relationships.place_counties(raw_dir)
    assert pairs.loc[pairs["town_id"] == TULSA, "county_fips"].tolist() == ["40113", "40143"]
    assert by_id.loc[TULSA, "county_fips"] == "40143"
    assert by_id.loc[TULSA, "rucc_2023"] == 1


def test_census_sentinel_falls_back_to_county(by_id: pd.DataFrame) -> None:
    four = by_id.loc[FOUR_CORNERS]  # place home value and rent are -666666666
    assert four["median_home_value_usd"] == 604_900  # Gallatin County, ACS 2023
    assert four["median_home_value_level"] == "county"
    assert four["median_gross_rent_usd"] == 1_574  # Gallatin County, ACS 2019-2023
    assert four["median_gross_rent_level"] == "county"
    assert four["median_gross_rent_vintage"] == "ACS 2019-2023"
    pawhuska = by_id.loc[PAWHUSKA]  # no home value row at all, a place rent
    assert (pawhuska["median_home_value_usd"], pawhuska["median_home_value_level"]) == (
        172_300,
        "county",
    )
    assert (pawhuska["median_gross_rent_usd"], pawhuska["median_gross_rent_level"]) == (
        554,
        "place",
    )
    bozeman = by_id.loc[BOZEMAN]  # a place of 10,000+: its ACS 2020-2024 value, not 2018-2022
    assert (bozeman["median_home_value_usd"], bozeman["median_home_value_level"]) == (
        687_900,
        "place",
    )
    assert bozeman["median_home_value_vintage"] == "ACS 2020-2024"
    thomas = by_id.loc[THOMAS]  # a small place: its ACS 2018-2022 value
    assert thomas[["median_home_value_usd", "median_home_value_vintage"]].tolist() == [
        151_000,
        "ACS 2018-2022",
    ]


def test_income_price_and_rent_ratios(by_id: pd.DataFrame) -> None:
    bozeman, thomas = by_id.loc[BOZEMAN], by_id.loc[THOMAS]
    # Bozeman (10,000+): place income, value and rent of one survey, ACS 2020-2024
    assert bozeman[
        ["median_household_income_usd", "median_household_income_level",
         "median_household_income_vintage"]
    ].tolist() == [85_747, "place", "ACS 2020-2024"]  # fmt: skip
    assert bozeman["area_household_income_usd"] == 87_454  # Bozeman metro, ACS 2019-2023
    assert bozeman["price_to_income"] == pytest.approx(687_900 / 85_747)
    assert bozeman["rent_to_income_pct"] == pytest.approx(12 * 1_717 / 85_747 * 100)
    assert bozeman["price_to_income_vintage"] == "ACS 2020-2024"
    assert bozeman["rent_to_income_vintage"] == "ACS 2020-2024"
    # Four Corners (small, in the metro): the metro's 2019-2023 income (2023 CBSA file)
    four = by_id.loc[FOUR_CORNERS]
    assert four[["median_household_income_usd", "median_household_income_level"]].tolist() == [
        87_454,
        "metro",
    ]
    assert four["price_to_income_vintage"] == "ACS 2019-2023"  # county value, metro income
    # Thomas (outside any CBSA): county income; its 2018-2022 value makes a mixed vintage
    assert (thomas["median_household_income_usd"], thomas["median_household_income_level"]) == (
        53_475,
        "county",
    )
    assert thomas["price_to_income_vintage"] == "ACS 2018-2022 / ACS 2019-2023"
    assert thomas["rent_to_income_vintage"] == "ACS 2020-2024 / ACS 2019-2023"
    # Butte (micro area, 10,000+): place income; the area figure is the micro area's
    butte = by_id.loc[BUTTE]
    assert butte["median_household_income_level"] == "place"
    # not in the B25064 place file (as Washington DC): its rent from the 10,000+ place file
    assert butte[["median_gross_rent_usd", "median_gross_rent_level"]].tolist() == [856, "place"]
    assert butte[["area_household_income_usd", "area_household_income_level"]].tolist() == [
        57_504,
        "micro",
    ]
    assert bozeman["county_owner_costs_with_mortgage_usd"] == 2_178
    assert bozeman["hud_fmr_2br_usd"] == 2_154
    assert bozeman["est_monthly_mortgage_usd"] > 0


def test_price_parities(by_id: pd.DataFrame) -> None:
    assert by_id.loc[BOZEMAN, ["rpp_all_items", "rpp_level"]].tolist() == [102.51, "metro"]
    assert by_id.loc[TULSA, ["rpp_all_items", "rpp_level"]].tolist() == [89.214, "metro"]
    assert by_id.loc[THOMAS, ["rpp_all_items", "rpp_level"]].tolist() == [
        87.028,
        "state nonmetro portion",
    ]


@pytest.mark.parametrize(
    ("town_id", "area", "share_250", "share_1000", "five_g", "five_g_7", "tier"),
    [
        # 55,042 people: urban, Gallatin's Urban rows (its Total row has 0.7508 gigabit)
        (BOZEMAN, "urban", 0.9912, 0.9105, 0.998851894, 1.0, GIGABIT),
        # 7,301 people (5,000+): urban too, the same county rows
        (FOUR_CORNERS, "urban", 0.9912, 0.9105, 0.998851894, 1.0, GIGABIT),
        # urban, but Tulsa County has no Urban row in the fixed file: Total rows of both
        (TULSA, "total", 0.9237, 0.4321, 0.960316276, 0.994330897, FIVE_G),
        # 2,984 people and 1,593 housing units: not urban, Osage's Total rows
        (PAWHUSKA, "total", 0.5514, 0.2891, 0.582389651, 0.798175231, PARTIAL),
        (THOMAS, "total", 0.3285, 0.0005, 0.294694185, 0.396004147, SATELLITE),
    ],
)
def test_connectivity_from_the_row_of_the_towns_kind_of_area(
    by_id: pd.DataFrame,
    town_id: str,
    area: str,
    share_250: float,
    share_1000: float,
    five_g: float,
    five_g_7: float,
    tier: str,
) -> None:
    """Residential rows only (Gallatin's business row has 0.2456 gigabit); the mobile file's
    state, CBSA, Rural and Tribal rows are never used."""
    t = by_id.loc[town_id]
    assert t["connectivity_area"] == area
    assert (t["fcc_250_25_share"], t["fcc_1000_100_share"]) == (share_250, share_1000)
    assert t["fcc_5g_35_3_land_share"] == pytest.approx(five_g)
    assert t["fcc_5g_7_1_land_share"] == pytest.approx(five_g_7)
    assert t["fcc_100_20_share"] == pytest.approx(1.0, abs=0.001)
    assert t["connectivity_tier"] == tier
    assert (t["connectivity_level"], t["broadband_county_fips"]) == ("county", t["county_fips"])


def test_urban_by_census_rule() -> None:
    population = pd.Series([5_000, 4_999, 4_999, pd.NA, pd.NA], dtype="Int64")
    housing_units = pd.Series([10, 2_000, 1_999, 2_500, pd.NA], dtype="Int64")
    got = urban_by_census_rule(population, housing_units)
    assert got.tolist() == [True, True, False, True, False]


def test_connectivity_tier_rule_at_its_edges() -> None:
    gig = pd.Series([0.75, 0.7499, 0.5, 0.1, 0.4999, 0.9, np.nan, 0.2, 0.6])
    g5 = pd.Series([0.0, 0.9, 0.0, 0.5, 0.4999, np.nan, 0.95, np.nan, np.nan])
    tiers = connectivity_tier(gig, g5)
    assert tiers[:6].tolist() == [GIGABIT, FIVE_G, PARTIAL, PARTIAL, SATELLITE, GIGABIT]
    assert tiers[6:].isna().all()  # a share that decides is missing: no tier, never a guess


def test_canadian_towns_are_census_subdivisions_without_us_figures(by_id: pd.DataFrame) -> None:
    ca = by_id.loc[[CANMORE, SQUAMISH]]
    assert ca["name"].tolist() == ["Canmore", "Squamish"]
    assert ca["census_name"].tolist() == [
        "Canmore, Town (T)",
        "Squamish, District municipality (DM)",
    ]
    assert ca["place_type"].tolist() == ["Town", "District municipality"]
    assert ca["state_name"].tolist() == ["Alberta", "British Columbia"]
    assert ca["population"].tolist() == [15_990, 23_819]  # 2021 Census, not GeoNames
    assert (ca["data_coverage"] == "partial").all()
    assert (ca["currency"] == "CAD").all()
    assert ca["land_area_sqmi"].tolist() == pytest.approx([68.47 / 2.589988, 104.71 / 2.589988])
    for col in (
        "county_fips",
        "cbsa_type",
        "connectivity_tier",
        "median_home_value_usd",
        "median_gross_rent_usd",
        "median_household_income_usd",
        "est_monthly_mortgage_usd",
    ):
        assert ca[col].isna().all(), col


def test_canadian_affordability_in_cad_with_unitless_ratios(by_id: pd.DataFrame) -> None:
    canmore = by_id.loc[CANMORE]
    assert canmore["median_household_income_cad"] == 106_000
    assert canmore["median_dwelling_value_cad"] == 850_000
    assert canmore["median_renter_shelter_cost_cad"] == 1_760
    assert canmore["price_to_income"] == pytest.approx(850_000 / 106_000)
    assert canmore["rent_to_income_pct"] == pytest.approx(12 * 1_760 / 106_000 * 100)
    metro_a = by_id.loc[METRO_VANCOUVER_A]  # dwelling value not published: no ratio, never 0
    assert pd.isna(metro_a["median_dwelling_value_cad"])
    assert pd.isna(metro_a["price_to_income"])
    assert metro_a["rent_to_income_pct"] == pytest.approx(12 * 2_060 / 63_600 * 100)


def test_canadian_towns_placed_by_geonames_point_or_centroid(
    built_towns: gpd.GeoDataFrame,
) -> None:
    t = built_towns.set_index("town_id")
    where = {i: (t.geometry[i].x, t.geometry[i].y, t.loc[i, "location_source"]) for i in t.index}
    assert where[CANMORE] == (-115.35206, 51.08335, "GeoNames point")  # 2.9 km from centroid
    assert where[SQUAMISH] == (-123.15631, 49.69925, "GeoNames point")  # 5.8 km
    # One GeoNames "Langley": the city's (0.3 km away), not the district's (6.3 km)
    assert where[LANGLEY_CITY] == (-122.65883, 49.10107, "GeoNames point")
    assert where[LANGLEY] == (-122.57206, 49.0944, "CSD centroid")
    assert where[METRO_VANCOUVER_A] == (-122.84599, 49.46462, "CSD centroid")  # no namesake
    assert t.loc[LANGLEY, "name"] == "Langley"  # the larger keeps the plain name
    assert t.loc[LANGLEY_CITY, "name"] == "Langley (city)"


def test_connectivity_figures(by_id: pd.DataFrame) -> None:
    bozeman = by_id.loc[BOZEMAN]
    # ZIP usage weighted by shared land area: (0.8 * 30 + 0.6 * 10) / 40
    assert bozeman["ms_usage_25_place_share"] == pytest.approx(0.75)
    assert bozeman["ms_usage_25_place_error95"] == pytest.approx(0.0625)
    # Four Corners' zero-area overlap with 59715 does not count
    assert by_id.loc[FOUR_CORNERS, "ms_usage_25_place_share"] == pytest.approx(0.6)
    assert pd.isna(by_id.loc[PAWHUSKA, "ms_usage_25_place_share"])  # no ZIP overlap
    assert bozeman["ms_availability_25_3_share"] == 0.99
    assert bozeman["svi_no_broadband_pct"] == 5.4
    thomas = by_id.loc[THOMAS]
    assert pd.isna(thomas["ms_availability_25_3_share"])  # ' -   ' in the Microsoft file
    assert thomas["ms_usage_25_county_share"] == 0.243
    assert pd.isna(thomas["svi_no_broadband_pct"])  # -999 in the SVI file


def test_life_distances(by_id: pd.DataFrame) -> None:
    bozeman = by_id.loc[BOZEMAN]
    assert bozeman["airport_code"] == "BZN"  # Gallatin Field, 8.1 miles
    assert bozeman["airport_mi"] == pytest.approx(8.0922, abs=1e-3)
    assert bozeman["large_airport_code"] == "SLC"  # BZN is a medium airport
    assert bozeman["research_university_name"] == "Montana State University"
    assert bozeman["colleges_within_30mi"] == 1  # not the Academy of Cosmetology
    assert bozeman["hospital_name"] == "BOZEMAN HEALTH DEACONESS HOSPITAL"
    # Billings Clinic is Montana's 'RTC' (no level named): the nearest Level I/II is in Tulsa
    assert bozeman["trauma_center_name"] == "SAINT FRANCIS HOSPITAL, INC"
    # due south to the fixture's Yellowstone rectangle (north edge at 45.11 N): 0.5732 deg
    assert bozeman["national_park_name"] == "Yellowstone National Park"
    assert bozeman["national_park_mi"] == pytest.approx(39.5815, abs=0.01)
    tulsa = by_id.loc[TULSA]
    assert tulsa["colleges_within_30mi"] == 2  # Tulsa and Oral Roberts universities
    assert tulsa["airport_code"] == tulsa["large_airport_code"] == "TUL"
    thomas = by_id.loc[THOMAS]
    assert thomas["airport_code"] == "CKB"  # Elkins (EKN) is nearer, without scheduled service
    assert thomas["trauma_center_name"] == "WEST VIRGINIA UNIVERSITY HOSPITALS"
    assert thomas["national_park_name"] == "Shenandoah National Park"  # not Wolf Trap
    canmore = by_id.loc[CANMORE]
    assert canmore["airport_code"] == "YYC"
    for col in (
        "research_university_mi",
        "hospital_mi",
        "national_park_mi",
        "colleges_within_30mi",
    ):
        assert pd.isna(canmore[col]), col  # US-only sources: no data, never 0


def test_tech_jobs_only_for_metro_towns(by_id: pd.DataFrame) -> None:
    bozeman = by_id.loc[BOZEMAN]
    assert bozeman["tech_area_name"] == "Bozeman, MT"
    assert (bozeman["tech_employment"], bozeman["software_dev_employment"]) == (1_700, 510)
    assert bozeman["tech_median_wage_usd"] == 82_480
    assert by_id.loc[THOMAS, ["tech_area_name", "tech_employment"]].isna().all()


def test_incentive_coverage(by_id: pd.DataFrame) -> None:
    tulsa = by_id.loc[TULSA]  # Tulsa Remote ($10,000, open) and a closed $15,000 program
    assert tulsa["incentive_status"] == "cash program"
    assert tulsa["incentive_max_usd"] == 10_000
    assert tulsa["incentive_first_year_usd"] == 10_000
    assert tulsa["incentive_programs"] == "Tulsa Old Bonus; Tulsa Remote"
    assert tulsa["incentive_program_ids"] == "tulsa-old-bonus;tulsa-remote"
    assert tulsa["incentive_last_reported"] == "2024-02"
    assert tulsa["incentive_summary"] == (
        "up to $10,000: Tulsa Remote (open as last reported 2024-02)"
    )
    bozeman = by_id.loc[BOZEMAN]  # county-level program, Gallatin County
    assert (bozeman["incentive_status"], bozeman["incentive_max_usd"]) == ("cash program", 5_000)
    assert bozeman["incentive_program_ids"] == "gallatin-county-move"
    assert pd.isna(bozeman["incentive_first_year_usd"])  # schedule not stated
    # Four Corners: the county's $5,000 program; its $20,000 home-building rebate is another
    # program type and does not count by default
    corners = by_id.loc[FOUR_CORNERS]
    assert (corners["incentive_status"], corners["incentive_max_usd"]) == ("cash program", 5_000)
    assert corners["incentive_program_ids"] == "four-corners-build;gallatin-county-move"
    thomas = by_id.loc[THOMAS]  # 571 people, kept because a program names it
    assert thomas["population"] == 571
    assert thomas["incentive_status"] == "status unknown"  # its only program: unknown
    assert thomas["incentive_summary"].startswith("status unknown, last reported 2023-05")
    assert pd.isna(thomas["incentive_max_usd"])
    pawhuska = by_id.loc[PAWHUSKA]
    assert pawhuska["incentive_status"] == "no program known"
    assert pd.isna(pawhuska["incentive_programs"])
    for town_id in (CANMORE, SQUAMISH):
        assert by_id.loc[town_id, "incentive_status"] == "not researched"


@pytest.mark.parametrize(
    ("town_id", "leads", "population", "jobs", "broadband", "business", "hub"),
    [
        # largest town of the Bozeman metro (1,700 tech jobs), gigabit tier, 25.8
        # applications per 1,000 against the fixture counties' median of 14.81
        (BOZEMAN, True, True, True, True, True, True),
        # a suburb of the same metro: the metro's jobs do not count for it
        (FOUR_CORNERS, False, True, False, True, True, False),
        (PAWHUSKA, False, True, False, False, False, False),
        (TULSA, True, False, True, False, True, False),
        (THOMAS, None, True, None, False, False, False),  # outside any metro or micro area
        (CANMORE, None, True, None, None, None, None),  # Canada: no US job, FCC or BFS data
        (SQUAMISH, None, True, None, None, None, None),
    ],
)
def test_small_town_criteria(
    by_id: pd.DataFrame,
    town_id: str,
    leads: bool | None,
    population: bool | None,
    jobs: bool | None,
    broadband: bool | None,
    business: bool | None,
    hub: bool | None,
) -> None:
    t = by_id.loc[town_id]
    got = [
        t["leads_labour_market"],
        t["crit_population_under_100k"],
        t["crit_tech_jobs_500"],
        t["crit_broadband"],
        t["crit_business_applications"],
        t["small_town_tech_hub"],
    ]
    want = [leads, population, jobs, broadband, business, hub]
    assert [None if pd.isna(v) else bool(v) for v in got] == want


def test_business_applications_per_1k(by_id: pd.DataFrame, built_geodata: Path) -> None:
    """BA2023 (the file's latest year) / ACS 2019-2023 county population x 1,000."""
    assert by_id.loc[BOZEMAN, "business_applications_per_1k"] == pytest.approx(1000 * 3157 / 122194)
    assert by_id.loc[TULSA, "business_applications_per_1k"] == pytest.approx(1000 * 11090 / 673708)
    assert (by_id.loc[[BOZEMAN, TULSA, THOMAS], "business_applications_year"] == 2023).all()
    assert by_id.loc[[CANMORE, SQUAMISH], "business_applications_per_1k"].isna().all()
    # median of the four fixture counties with a population: Tucker 13.138, Osage 13.163,
    # Tulsa 16.461, Gallatin 25.836 (Autauga has no population row, Connecticut's old
    # Hartford County no 2023 count)
    median = (1000 * 605 / 45963 + 1000 * 11090 / 673708) / 2
    thresholds = load_metadata(built_geodata)["thresholds"]
    assert thresholds["median_county_business_applications_per_1k"] == round(median, 2)


def test_business_formation_latest_year_and_blanks(raw_dir: Path) -> None:
    apps = bfs.load(raw_dir).set_index("county_fips")
    assert "09003" not in apps.index  # blank in 2023 (old Connecticut county)
    assert apps.loc["09110", "business_applications"] == 11967  # its planning region
    assert (apps["business_applications_year"] == 2023).all()


def test_tier_distribution_in_metadata(built_geodata: Path) -> None:
    counts = load_metadata(built_geodata)["connectivity_tier_counts"]
    # Campus is in Gallatin County (gigabit); the FCC fixture files have no rows for Silver
    # Bow and Park counties (Butte, Gardiner, Livingston)
    assert counts["US"] == {GIGABIT: 3, FIVE_G: 1, PARTIAL: 1, SATELLITE: 1, "no data": 3}
    assert counts["CA"]["no data"] == 5  # no connectivity figures for Canadian towns


def test_town_table_validates_against_schema(built_towns: gpd.GeoDataFrame) -> None:
    table = pd.DataFrame(built_towns.drop(columns="geometry"))
    TOWN_SCHEMA.validate(table, lazy=True)
    assert table.columns.tolist() == [c.name for c in COLUMNS]
    assert {c.name: str(table[c.name].dtype) for c in COLUMNS} == {c.name: c.dtype for c in COLUMNS}


def test_points_are_the_internal_points(built_towns: gpd.GeoDataFrame) -> None:
    assert built_towns.crs.to_string() == CRS
    bozeman = built_towns.set_index("town_id").geometry[BOZEMAN]
    assert (bozeman.x, bozeman.y) == (-111.053782, 45.683155)


def test_regions_and_programs(built_geodata: Path, incentives_file: Path) -> None:
    regions = load_regions(built_geodata)
    assert regions["code"].tolist() == ["AB", "BC", "MT", "OK", "WV"]
    assert regions["name"].tolist() == [
        "Alberta",
        "British Columbia",
        "Montana",
        "Oklahoma",
        "West Virginia",
    ]
    assert regions["country"].tolist() == ["CA", "CA", "US", "US", "US"]
    programs = load_programs(built_geodata)
    expected = pd.read_csv(incentives_file, dtype=str)
    assert programs["program_id"].tolist() == expected["program_id"].tolist()
    assert programs.columns.tolist() == list(incentives.COLUMNS)


def test_metadata(built_geodata: Path, raw_dir: Path, incentives_file: Path) -> None:
    meta = load_metadata(built_geodata)
    assert meta["incentive_counts"] == {
        "programs_by_status": {"closed": 1, "open as last reported": 3, "unknown": 1},
        "programs_by_type": {"home-building rebate": 1, "remote-worker relocation": 4},
        "towns_by_status": {
            "cash program": 4,  # Bozeman, Four Corners, Campus (Gallatin County), Tulsa
            "no program known": 4,  # Butte, Gardiner, Livingston, Pawhuska
            "not researched": 5,  # the five Canadian towns
            "status unknown": 1,
        },
    }
    assert meta["crs"] == "EPSG:4326"
    assert meta["row_counts"] == {
        "towns": 14,
        "towns_us": 9,
        "towns_ca": 5,
        "regions": 5,
        "incentive_programs": 5,
    }
    assert sorted(meta["sources"]) == sorted(SOURCES)
    for source_id, source in SOURCES.items():
        assert meta["sources"][source_id] == {**asdict(source), "files": list(source.files)}
    assert [c["name"] for c in meta["columns"]] == [c.name for c in COLUMNS]
    assert {c["name"]: c["source"] for c in meta["columns"]} == {c.name: c.source for c in COLUMNS}
    assert len(meta["coverage_pct"]) == len(COLUMNS)
    assert set(meta["method"]) >= {"towns", "connectivity_tier", "incentives"}
    # Every raw input (with its checksum), and the incentives table
    source_files = {Path(f).name for s in SOURCES.values() for f in s.files}
    raw_inputs = {p.name for p in raw_dir.iterdir() if p.name in source_files}
    assert raw_inputs == source_files - {"incentives.csv"}  # the fixtures are complete
    assert set(meta["inputs"]) == raw_inputs | {"incentives.csv"}
    for name, entry in meta["inputs"].items():
        path = incentives_file if name == "incentives.csv" else raw_dir / name
        assert entry == {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "bytes": path.stat().st_size,
        }


def test_every_census_place_with_min_population_zero(
    tmp_path: Path, raw_dir: Path, incentives_file: Path, run_build: Callable[..., int]
) -> None:
    out = tmp_path / "geodata"
    assert run_build(raw_dir, out, incentives_file, "--us-min-population", "0") == 0
    ids = load_towns(out)["town_id"].tolist()
    assert "5420428" in ids  # Davis, 640 people
    assert "7288035" not in ids  # Puerto Rico stays out


def test_fixtures_are_small(raw_dir: Path, incentives_file: Path) -> None:
    total = sum(p.stat().st_size for p in raw_dir.iterdir()) + incentives_file.stat().st_size
    assert total < 200_000


# --- readers ---------------------------------------------------------------------------------


def test_read_table_strips_header_names_and_keeps_na_text(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffST, COUNTY ID ,VALUE\r\nNA,1001,\r\nOK,40143, -   \r\n".encode())
    d = readers.read_table(path, required=["ST", "COUNTY ID", "VALUE"], encoding="utf-8")
    assert d.columns.tolist() == ["ST", "COUNTY ID", "VALUE"]
    assert d["ST"].tolist() == ["NA", "OK"]  # 'NA' is text here, not a missing value
    assert d["COUNTY ID"].tolist() == ["1001", "40143"]  # strings: leading zeros kept
    assert readers.to_number(d, "VALUE", path).isna().all()


@pytest.mark.parametrize(
    ("content", "problem", "line"),
    [
        ("a|b\n1|2\n", r"missing column\(s\) a, b \(only one column .*delimiter ','", None),
        ("a,b\n1,2\n3,4,5\n6,7\n", r"malformed row", 3),
        ("a,b,c\n1,2,3\n4,5", r"last row has 2 of 3 fields \(file truncated\?\)", 3),
        ("a,b\n", r"header but no rows", None),
        ("a,c\n1,2\n", r"missing column\(s\) b$", None),
    ],
)
def test_read_table_errors(tmp_path: Path, content: str, problem: str, line: int | None) -> None:
    path = tmp_path / "t.csv"
    path.write_text(content)
    with pytest.raises(BuildError, match=problem) as info:
        readers.read_table(path, required=["a", "b"])
    assert info.value.path == path
    assert info.value.line == line
    assert str(info.value).startswith("t.csv" + (f", line {line}: " if line else ": "))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "file is empty"),
        (gzip.compress(b"a,b\n1,2\n"), "gzip-compressed"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "contains NUL bytes"),
    ],
)
def test_check_text_file_rejects(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    with pytest.raises(BuildError, match=problem):
        readers.check_text_file(path)


def test_check_text_file_accepts_text_and_reports_missing(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Doña Ana,1\n", encoding="latin-1")
    readers.check_text_file(path)
    with pytest.raises(BuildError, match="file not found"):
        readers.check_text_file(tmp_path / "absent.csv")


def test_to_number_blanks_sentinels_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    d = pd.DataFrame({"v": ["12", "", " -   ", "N/A", "-666666666", "3.5", None]})
    values = readers.to_number(d, "v", path, sentinel_below=0)
    assert values.isna().tolist() == [False, True, True, True, True, False, True]
    assert values.dropna().tolist() == [12.0, 3.5]
    bad = pd.DataFrame({"v": ["1", "2", "3", "NaN"]}).iloc[[0, 3]]  # filtered, labels kept
    with pytest.raises(BuildError, match=r"t\.csv, line 5: column 'v' has non-numeric value 'NaN'"):
        readers.to_number(bad, "v", path)


def test_require_unique_names_the_line_of_the_repeat(tmp_path: Path) -> None:
    d = pd.DataFrame({"id": ["a", "x", "b", "a"]})
    readers.require_unique(d.iloc[:3], "id", tmp_path / "t.csv")
    with pytest.raises(BuildError, match=r"t\.csv, line 5: duplicated id 'a'"):
        readers.require_unique(d[d["id"] != "x"], "id", tmp_path / "t.csv")


def test_require_coordinates(tmp_path: Path) -> None:
    ok = pd.DataFrame({"lat": [45.7, -90.0], "lon": [-111.0, 180.0]})
    readers.require_coordinates(ok, "lat", "lon", tmp_path / "t.csv")
    bad = pd.DataFrame({"lat": [45.7, np.nan], "lon": [-111.0, -111.0]})
    with pytest.raises(BuildError, match=r"line 3: coordinates .*: lat=nan, lon=-111\.0$"):
        readers.require_coordinates(bad, "lat", "lon", tmp_path / "t.csv")


# --- sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "name", "kind"),
    [
        ("Bozeman city", "Bozeman", "city"),
        ("Four Corners CDP", "Four Corners", "CDP"),
        ("Boise City city", "Boise City", "city"),
        ("Town and Country city", "Town and Country", "city"),
        ("Juneau city and borough", "Juneau", "city and borough"),
        ("Indianapolis city (balance)", "Indianapolis", "city"),
        (
            "Nashville-Davidson metropolitan government (balance)",
            "Nashville-Davidson",
            "metropolitan government",
        ),
        ("Yauco zona urbana", "Yauco zona urbana", "place"),
        ("Carson City", "Carson City", "place"),
    ],
)
def test_split_place_name(full: str, name: str, kind: str) -> None:
    assert split_place_name(full) == (name, kind)


def test_place_usage_is_land_area_weighted() -> None:
    figures = pd.DataFrame({"zcta": ["00001", "00002"], "usage": [0.8, 0.2], "error95": [0.1, 0.3]})
    overlaps = pd.DataFrame(
        {
            "zcta": ["00001", "00002", "00002", "00003"],
            "town_id": ["A", "A", "B", "B"],
            "land_area": [3.0, 1.0, 2.0, 50.0],  # ZIP 00003 has no figure: left out
        }
    )
    got = microsoft_broadband.place_usage(figures, overlaps).set_index("town_id")
    assert got.loc["A", "ms_usage_25_place_share"] == pytest.approx((0.8 * 3 + 0.2) / 4)
    assert got.loc["A", "ms_usage_25_place_error95"] == pytest.approx((0.1 * 3 + 0.3) / 4)
    assert got.loc["B", "ms_usage_25_place_share"] == pytest.approx(0.2)


def test_zip_usage_pads_and_keeps_the_first_figure(raw_dir: Path) -> None:
    z = microsoft_broadband.zip_usage(raw_dir).set_index("zcta")
    assert z.loc["59715", "usage"] == 0.8
    assert z.loc["59715", "error95"] == 0.05
    county = microsoft_broadband.county(raw_dir).set_index("county_fips")
    assert county.loc["01001", "ms_usage_25_county_share"] == 0.391  # '1001' padded


def test_zcta_overlaps_without_land_are_dropped(raw_dir: Path) -> None:
    z = relationships.zcta_places(raw_dir)
    assert not ((z["zcta"] == "59715") & (z["town_id"] == FOUR_CORNERS)).any()
    assert (z["land_area"] > 0).all()


def test_bea_footer_lines_latin1_and_line_codes(raw_dir: Path) -> None:
    metro, nonmetro = bea_rpp.load(raw_dir)
    assert dict(zip(metro["cbsa_code"], metro["rpp_metro"], strict=True)) == {
        "00000": 100.0,
        "00999": 88.699,
        "14580": 102.51,
        "46140": 89.214,
    }
    assert dict(zip(nonmetro["state_fips"], nonmetro["rpp_nonmetro"], strict=True)) == {
        "30": 91.618,
        "40": 83.576,
        "54": 87.028,
    }  # Delaware's nonmetro row is 0.000, a placeholder: missing, not an index


def test_bea_accepts_missing_values_and_a_trailing_blank_line(tmp_path: Path) -> None:
    path = tmp_path / bea_rpp.METRO_FILE
    path.write_bytes(
        b'GeoFIPS,GeoName,LineCode,2023,2024\n "10180","Abilene",1,90.1,(NA)\n'
        b' "14580","Bozeman",1,99.0,102.5\n"Note: see footnotes \xe9"\n\n'
    )
    got = bea_rpp._all_items(path)
    assert got.to_dict("list") == {"geofips": ["14580"], "rpp": [102.5]}


@pytest.mark.parametrize(
    ("body", "problem", "line"),
    [
        ('"1","A",1,2\n"2","B",1\n"3","C",1,3\n"Note"\n', r"row has 3 of 4 fields$", 3),
        ('"1","A",1,2\n"2","B",1', r"row has 3 of 4 fields \(file truncated\?\)", 3),
        ('"1","A",1,2\n"2","B",1,"2', r"malformed row \(unexpected end of data\)", 3),
        ('"1","A",1,2\n"1","B",1,3\n"Note"\n', r"duplicated GeoFIPS '1'", 3),
        ('"Note"\n', r"no data rows", None),
    ],
)
def test_bea_errors(tmp_path: Path, body: str, problem: str, line: int | None) -> None:
    path = tmp_path / bea_rpp.METRO_FILE
    path.write_text("GeoFIPS,GeoName,LineCode,2024\n" + body, encoding="latin-1")
    with pytest.raises(BuildError, match=problem) as info:
        bea_rpp._all_items(path)
    assert info.value.line == line


def test_cbsa_delineation(raw_dir: Path) -> None:
    d = cbsa.load(raw_dir).set_index("county_fips")
    assert d.loc["30031", ["cbsa_code", "cbsa_title", "cbsa_type"]].tolist() == [
        "14580",
        "Bozeman, MT",
        "metro",
    ]
    assert d.loc["54083", "cbsa_type"] == "micro"
    assert d.loc["40143", "cbsa_code"] == "46140"  # last row, no final newline


def test_rucc_latin1(raw_dir: Path) -> None:
    d = usda_rucc.load(raw_dir).set_index("county_fips")["rucc_2023"]
    assert d.to_dict() == {"30031": 3, "35013": 3, "40113": 1, "40143": 1, "54093": 9}


def test_acs_population(raw_dir: Path) -> None:
    d = acs_population.load(raw_dir).set_index("town_id")
    assert d.loc[BOZEMAN, ["population", "housing_units"]].tolist() == [55_042, 24_846]
    assert str(d["population"].dtype) == "Int64"


def test_geonames_canadian_points(raw_dir: Path) -> None:
    d = geonames.canadian_points(raw_dir)
    assert d["name"].tolist() == ["Canmore", "Golden", "Squamish", "Langley"]
    assert d["state"].tolist() == ["AB", "BC", "BC", "BC"]


@pytest.mark.parametrize(
    ("geo", "parts"),
    [
        ("Calgary, City (CY)", ("Calgary", "City", "CY")),
        ("Montréal, Ville (V)", ("Montréal", "Ville", "V")),
        ("Lloydminster (Part), City (CY)", ("Lloydminster", "City", "CY")),
        ("Orford, Canton (municipalité de) (CT)", ("Orford", "Canton (municipalité de)", "CT")),
        (
            "Division No.  1, Subd. V, Subdivision of unorganized (SNO)",
            ("Division No.  1, Subd. V", "Subdivision of unorganized", "SNO"),
        ),
        ("Juan de Fuca (Part 1), Regional district electoral area (RDA)",
         ("Juan de Fuca (Part 1)", "Regional district electoral area", "RDA")),
    ],
)  # fmt: skip
def test_split_csd_name(geo: str, parts: tuple[str, str, str]) -> None:
    assert statcan.split_csd_name(geo) == parts


def test_split_csd_name_rejects_a_name_without_type() -> None:
    with pytest.raises(ValueError, match="not 'Name, Type"):
        statcan.split_csd_name("Calgary")


def test_statcan_profile_keeps_unpublished_values_missing(raw_dir: Path) -> None:
    d = statcan.csd_profile(raw_dir).set_index("csd_id")
    assert d.loc["4815023", "median_household_income_cad"] == 106_000
    assert pd.isna(d.loc["5915020", "median_dwelling_value_cad"])
    assert str(d["population"].dtype) == "Int64"


def test_statcan_profile_names_a_bad_row(tmp_path: Path, raw_dir: Path) -> None:
    text = (raw_dir / statcan.PROFILE_FILE).read_text().replace("Canmore, Town (T)", "Canmore")
    (tmp_path / statcan.PROFILE_FILE).write_text(text)
    with pytest.raises(BuildError, match=r"line 3: not 'Name, Type \(CODE\)': 'Canmore'"):
        statcan.csd_profile(tmp_path)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Saint-Jérôme", "saint jerome"),
        ("St. John's", "saint john s"),
        ("Ste-Marie", "sainte marie"),
        ("Sainte-Marie", "sainte marie"),
        ("Trois-Rivières", "trois rivieres"),
    ],
)
def test_normalise_name(name: str, key: str) -> None:
    assert canada.normalise_name(name) == key


def test_match_points_within_the_radius_one_point_per_csd() -> None:
    csds = pd.DataFrame(
        {
            "csd_id": ["1", "2", "3", "4"],
            "name": ["Alpha", "Alpha", "Big", "Far"],
            "state": ["AB", "AB", "AB", "AB"],
            "lat": [50.0, 50.05, 52.0, 54.0],
            "lon": [-110.0, -110.0, -110.0, -110.0],
            "land_area_sqmi": [1.0, 1.0, 2_000.0, 1.0],
        }
    )
    points = pd.DataFrame(
        {
            "geonameid": ["a", "b", "c", "d"],
            "name": ["Alpha", "Big", "Far", "Far"],
            "state": ["AB", "AB", "AB", "BC"],
            # 'a' is 1.1 km from CSD 1, 4.4 km from CSD 2; 'b' 0.3 deg (33 km) north of Big,
            # inside the 40.6 km radius of its 5,180 km2; 'c' 0.2 deg (22 km) from Far.
            "lat": [50.01, 52.3, 54.2, 54.0],
            "lon": [-110.0, -110.0, -110.0, -110.0],
        }
    )
    got = canada.match_points(csds, points).set_index("csd_id")
    assert got["geonameid"].to_dict() == {"1": "a", "3": "b"}
    assert got.loc["1", "match_km"] == pytest.approx(1.11, abs=0.01)


def test_regions_need_a_name_for_every_code(raw_dir: Path) -> None:
    regions = boundaries.regions(raw_dir, {"MT": "Montana", "OK": "Oklahoma", "WV": "WV"})
    assert regions["code"].tolist() == ["AB", "BC", "MT", "OK", "WV"]
    with pytest.raises(BuildError, match=r"no name known for region code\(s\) WV"):
        boundaries.regions(raw_dir, {"MT": "Montana", "OK": "Oklahoma"})


def test_incentives_load_and_coverage(incentives_file: Path) -> None:
    programs = incentives.load(incentives_file)
    assert programs["cash_max_usd"].tolist()[:3] == [10_000, 15_000, 5_000]
    assert pd.isna(programs["cash_max_usd"].iloc[3])
    assert incentives.named_places(programs) == {TULSA, THOMAS, FOUR_CORNERS}
    towns = pd.DataFrame(
        {
            "town_id": [TULSA, BOZEMAN, "9999999"],
            "county_fips": ["40143", "30031", "40143"],
            "state": ["OK", "MT", "OK"],
            "country": ["US", "US", "US"],
        }
    )
    pairs = incentives.coverage(programs, towns)
    # a place-level program does not spread to its county
    assert sorted(map(tuple, pairs.to_numpy())) == [
        (BOZEMAN, "gallatin-county-move"),
        (TULSA, "tulsa-old-bonus"),
        (TULSA, "tulsa-remote"),
    ]


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("status", "open", r"status 'open' is not one of"),
        ("program_type", "remote", r"program_type 'remote' is not one of"),
        ("status_source_url", "", r"status_source_url is empty"),
        ("last_reported", "", r"last_reported must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("last_reported", "Feb 2024", r"last_reported must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("cash_source_url", "", r"cash_max_usd is given without cash_source_url"),
        ("last_reported", "2022-12", r"an open status needs a report of 2023 or later"),
        ("first_year_usd", "6000", r"first_year_usd must be 0 to cash_max_usd"),
        ("payout_months", "1.5", r"payout_months must be a whole number >= 0"),
        ("geography_level", "city", r"geography_level 'city' unknown"),
        ("place_geoids", "407500", r"place GEOID '407500' is not 7 digits"),
        ("county_fips", "4014", r"county FIPS '4014' is not 5 digits"),
        ("other_source_urls", "https://a.org;ftp://b.org", r"other_source_urls 'ftp://b.org'"),
    ],
)
def test_incentives_rules(
    tmp_path: Path, incentives_file: Path, column: str, value: str, problem: str
) -> None:
    d = pd.read_csv(incentives_file, dtype=str, keep_default_na=False)
    d.loc[2, column] = value
    path = tmp_path / "incentives.csv"
    d.to_csv(path, index=False)
    with pytest.raises(BuildError, match=rf"incentives\.csv, line 4: {problem}"):
        incentives.load(path)


# --- validate and write ----------------------------------------------------------------------


def test_points_far_outside_their_state_are_rejected(
    built_towns: gpd.GeoDataFrame, built_geodata: Path
) -> None:
    regions = load_regions(built_geodata)
    assert check_points_in_regions(built_towns, regions).empty
    moved = built_towns.copy()
    moved.loc[moved["town_id"] == THOMAS, "geometry"] = gpd.points_from_xy([-85.0], [39.15])
    with pytest.raises(ValidationError, match="Thomas"):
        check_points_in_regions(moved, regions)


def test_replace_directory_is_all_or_nothing(tmp_path: Path) -> None:
    out = tmp_path / "geodata"
    out.mkdir()
    (out / "a.txt").write_text("old")

    def failing(tmp: Path) -> None:
        (tmp / "a.txt").write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        replace_directory(out, failing)
    assert [p.name for p in tmp_path.iterdir()] == ["geodata"]
    assert (out / "a.txt").read_text() == "old"

    replace_directory(out, lambda tmp: (tmp / "b.txt").write_text("new"))
    assert [p.name for p in out.iterdir()] == ["b.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["geodata"]


def test_rebuild_replaces_out_with_the_same_data(
    tmp_path: Path, raw_dir: Path, incentives_file: Path, run_build: Callable[..., int]
) -> None:
    """A second build into the same folder swaps it whole; the output is reproducible."""
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir, raw)
    out = tmp_path / "geodata"
    assert run_build(raw, out, incentives_file) == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run_build(raw, out, incentives_file) == 0
    second = {p.name: p.read_bytes() for p in out.iterdir()}
    for name in ("towns.parquet", "regions.geojson", "incentives.csv"):
        assert first[name] == second[name], name
    assert (
        json.loads(first["metadata.json"])["inputs"]
        == json.loads(second["metadata.json"])["inputs"]
    )


# --- joins: towns the relationship file leaves out, codes, no housing market ------------


def test_towns_missing_from_the_relationship_file_are_placed_by_their_point(
    by_id: pd.DataFrame,
) -> None:
    # Butte-Silver Bow (balance) has no place_counties row: its internal point is in the
    # Silver Bow outline, so it gets that county, its micro area and its name "Butte".
    butte = by_id.loc[BUTTE]
    assert butte[["county_fips", "county_placement", "county_name"]].tolist() == [
        "30093",
        "internal point",
        "Silver Bow County",
    ]
    assert butte[["name", "cbsa_code", "cbsa_type"]].tolist() == ["Butte", "15580", "micro"]
    assert by_id.loc[BOZEMAN, "county_placement"] == "relationship file"
    assert by_id.loc[TULSA, "county_placement"] == "relationship file, internal point"


def test_an_out_of_date_outline_gives_way_to_the_nearest_placed_town(by_id: pd.DataFrame) -> None:
    # Gardiner's point lies in an outline whose id (30113) no current county file has (as
    # Connecticut's old counties): it takes the county of the nearest placed town,
    # Livingston (Park County), not Bozeman's Gallatin County farther away.
    gardiner = by_id.loc[GARDINER]
    assert gardiner[["county_fips", "county_placement"]].tolist() == ["30067", "nearest town"]
    assert gardiner["county_name"] == "Park County"


def test_consolidated_city_names_are_cleaned() -> None:
    counties = frozenset(
        {"Jefferson County", "Davidson County", "Silver Bow County", "Clarke County",
         "Moore County", "Webster County", "Salem County"}
    )  # fmt: skip
    cases = {
        "Louisville/Jefferson County metro government (balance)": "Louisville",
        "Nashville-Davidson metropolitan government (balance)": "Nashville",
        "Butte-Silver Bow (balance)": "Butte",
        "Athens-Clarke County unified government (balance)": "Athens",
        "Lynchburg, Moore County metropolitan government": "Lynchburg",
        "Webster County unified government": "Webster County",
        "Winston-Salem city": "Winston-Salem",  # not a consolidated name: left alone
    }
    for full, expected in cases.items():
        name, _ = split_place_name(full)
        assert gazetteer.common_name(full, name, counties) == expected, full


def test_top_coded_value_is_flagged_and_its_ratios_are_bounds(by_id: pd.DataFrame) -> None:
    tulsa = by_id.loc[TULSA]  # fixture: ACS 2020-2024 value 2,000,001 ("$2,000,000 or more")
    assert tulsa["median_home_value_usd"] == 2_000_001
    assert bool(tulsa["median_home_value_usd_topcoded"]) is True
    assert bool(tulsa["median_home_value_usd_bottomcoded"]) is False
    assert tulsa["price_to_income_bound"] == "at least"
    assert tulsa["est_monthly_mortgage_usd_bound"] == "at least"
    assert tulsa["rent_to_income_pct_bound"] == "exact"
    assert bool(by_id.loc[BOZEMAN, "median_home_value_usd_topcoded"]) is False
    assert by_id.loc[BOZEMAN, "price_to_income_bound"] == "exact"


def test_a_place_without_housing_units_has_no_housing_market(by_id: pd.DataFrame) -> None:
    campus = by_id.loc[CAMPUS]  # 1,500 people, 0 housing units
    assert campus["population"] == 1_500
    assert campus["housing_status"] == "no housing market"
    for name in ("median_home_value_usd", "median_gross_rent_usd", "price_to_income",
                 "rent_to_income_pct", "est_monthly_mortgage_usd", "hud_fmr_2br_usd",
                 "county_owner_costs_with_mortgage_usd"):  # fmt: skip
        assert pd.isna(campus[name]), name
    assert pd.isna(campus["median_home_value_level"])
    assert campus["median_household_income_usd"] == 87_454  # the area's income stays
    assert by_id.loc[BOZEMAN, "housing_status"] == "housing units"
    assert pd.isna(by_id.loc[CANMORE, "housing_status"])
