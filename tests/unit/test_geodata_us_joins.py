"""The committed geodata for the towns issue #9 names: joins, codes, vintages, no housing market.

Every expected figure was looked up by hand in the raw files (../shared/rawdata), file named
next to it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from hubmap.formatting import town_value
from hubmap.schema import COLUMNS, is_price
from hubmap.towns import load_towns

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
DC, INDIANAPOLIS, LOUISVILLE, NASHVILLE = "1150000", "1836003", "2148006", "4752006"
CLEVELAND, ELYRIA, ALAMO, PRUDHOE_BAY, GEORGETOWN_DE = (
    "3916000",
    "3925256",
    "0600618",
    "0264380",
    "1029090",
)


@pytest.fixture(scope="module")
def towns() -> pd.DataFrame:
    frame = load_towns(GEODATA)
    return pd.DataFrame(frame.drop(columns="geometry")).set_index("town_id")


def test_every_us_town_has_a_county_the_county_files_know(towns: pd.DataFrame) -> None:
    us = towns[towns["country"] == "US"]
    assert us["county_fips"].notna().all()
    assert us["county_name"].notna().all()  # joined to the 2025 Gazetteer counties
    assert us["median_household_income_usd"].notna().all()


@pytest.mark.parametrize(
    ("town_id", "name", "county", "cbsa", "placement"),
    [
        (DC, "Washington", "11001", "47900", "internal point"),
        (INDIANAPOLIS, "Indianapolis", "18097", "26900", "internal point"),
        (LOUISVILLE, "Louisville", "21111", "31140", "internal point"),
        (NASHVILLE, "Nashville", "47037", "34980", "internal point"),
        ("3011397", "Butte", "30093", "15580", "internal point"),
        ("0947515", "Milford", "09170", "35300", "nearest town"),  # CT planning region
    ],
)
def test_towns_missing_from_the_relationship_file(
    towns: pd.DataFrame, town_id: str, name: str, county: str, cbsa: str, placement: str
) -> None:
    town = towns.loc[town_id]
    assert town[["name", "county_fips", "cbsa_code", "county_placement"]].tolist() == [
        name,
        county,
        cbsa,
        placement,
    ]
    assert town["cbsa_type"] != "none"


def test_dc_income_value_and_price_parity(towns: pd.DataFrame) -> None:
    dc = towns.loc[DC]
    # acs2024_5yr_place_pop10k_income_value_rent.csv: 1150000 income 109870, value 737100
    assert dc["median_household_income_usd"] == 109_870
    assert dc[["median_household_income_level", "median_household_income_vintage"]].tolist() == [
        "place",
        "ACS 2020-2024",
    ]
    assert dc["price_to_income"] == pytest.approx(737_100 / 109_870)
    assert dc["price_to_income_vintage"] == "ACS 2020-2024"
    # DC is not in the B25064 place file; the 10,000+ place file has its rent, 1954
    assert dc[["median_gross_rent_usd", "median_gross_rent_level"]].tolist() == [1_954, "place"]
    assert dc["rent_to_income_vintage"] == "ACS 2020-2024"
    # acs2023_cbsa_economic.csv: 47900 income 123896; MARPP 47900 2024: 108.884
    assert dc["area_household_income_usd"] == 123_896
    assert dc[["rpp_all_items", "rpp_level"]].tolist() == [108.884, "metro"]


def test_indianapolis(towns: pd.DataFrame) -> None:
    indy = towns.loc[INDIANAPOLIS]
    # place file: 1836003 income 66219, value 224800, rent 1156; MARPP 26900: 95.696
    assert indy[["median_household_income_usd", "median_home_value_usd"]].tolist() == [
        66_219,
        224_800,
    ]
    assert indy["median_gross_rent_usd"] == 1_156
    assert indy["rpp_all_items"] == 95.696
    assert indy["county_name"] == "Marion County"


def test_cleveland_and_elyria_share_the_cleveland_metro_income(towns: pd.DataFrame) -> None:
    # list1_Jul_2023.csv: Cuyahoga (Cleveland) and Lorain (Elyria) are both in 17410;
    # acs2023_cbsa_economic.csv: 17410 income 68507 (no longer each county's own figure)
    cle, ely = towns.loc[CLEVELAND], towns.loc[ELYRIA]
    assert cle["cbsa_code"] == ely["cbsa_code"] == "17410"
    for town in (cle, ely):
        assert town[["area_household_income_usd", "area_household_income_level"]].tolist() == [
            68_507,
            "metro",
        ]
    # both are places of 10,000+: their own income of the same survey as their values
    assert cle["median_household_income_usd"] == 40_801
    assert ely["median_household_income_usd"] == 54_945


def test_alamo_top_coded_value_is_flagged_and_shown_as_a_bound(towns: pd.DataFrame) -> None:
    alamo = towns.loc[ALAMO]
    # place file: 0600618 income 250001, value 2000001, rent 3501 (all three top codes)
    assert alamo["median_home_value_usd"] == 2_000_001
    assert bool(alamo["median_home_value_usd_topcoded"]) is True
    assert bool(alamo["median_household_income_usd_topcoded"]) is True
    assert bool(alamo["median_gross_rent_usd_topcoded"]) is True
    assert town_value(alamo, "median_home_value_usd") == "$2,000,000+"
    assert town_value(alamo, "median_gross_rent_usd") == "$3,500+ per month"
    assert town_value(alamo, "median_household_income_usd") == "$250,000+ per year"
    # the mortgage on "$2,000,000 or more" is a lower bound
    assert alamo["est_monthly_mortgage_usd_bound"] == "at least"
    assert town_value(alamo, "est_monthly_mortgage_usd").startswith("at least $")
    # value and income are both "or more": their ratio is no bound either way, so empty
    assert alamo["price_to_income_bound"] == "undetermined"
    assert pd.isna(alamo["price_to_income"])
    assert town_value(alamo, "price_to_income") == "undetermined (Census-coded inputs)"


def test_coded_values_and_bounds_counted(towns: pd.DataFrame) -> None:
    us = towns[towns["country"] == "US"]
    assert int(us["median_home_value_usd_topcoded"].sum()) == 81
    assert int(us["median_gross_rent_usd_topcoded"].sum()) == 166
    at_least = us[us["price_to_income_bound"] == "at least"]
    assert len(at_least) == 76
    # a lower bound needs a top-coded value or a bottom-coded income
    cause = at_least["median_home_value_usd_topcoded"].astype(bool) | at_least[
        "median_household_income_usd_bottomcoded"
    ].astype(bool)
    assert cause.all()
    # every published 2,000,001 is flagged
    flagged = us["median_home_value_usd_topcoded"].astype(bool)
    assert flagged.equals(us["median_home_value_usd"] == 2_000_001)


def test_sussex_county_de_has_no_price_parity_not_zero(towns: pd.DataFrame) -> None:
    # PARPP 10999 (Delaware nonmetro) is 0.000; Sussex County is in the Seaford micro area
    sussex = towns[towns["county_fips"] == "10005"]
    assert len(sussex) == 18
    assert sussex["rpp_all_items"].isna().all()
    assert towns.loc[GEORGETOWN_DE, "county_fips"] == "10005"
    assert town_value(towns.loc[GEORGETOWN_DE], "rpp_all_items") == "no data"


def test_no_price_or_index_is_zero_or_negative(towns: pd.DataFrame) -> None:
    for col in COLUMNS:
        if is_price(col):
            assert not (towns[col.name] <= 0).any(), col.name


def test_places_without_housing_units_show_no_housing_market(towns: pd.DataFrame) -> None:
    none = towns[towns["housing_units"] == 0]
    assert len(none) == 22
    assert (none["housing_status"] == "no housing market").all()
    housing = ["median_home_value_usd", "median_gross_rent_usd", "price_to_income"]
    assert none[housing].isna().all().all()
    # Prudhoe Bay (place_2023.json: 1,971 people, 0 units) used to show North Slope Borough's
    # home value (219,600); now it keeps its people and says why it has no figure
    prudhoe = towns.loc[PRUDHOE_BAY]
    assert prudhoe["population"] == 1_971
    assert town_value(prudhoe, "median_home_value_usd") == "no housing market"
    assert town_value(prudhoe, "price_to_income") == "no housing market"
