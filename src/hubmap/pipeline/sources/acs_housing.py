"""ACS housing and income figures: place home value (2022), place and county rent (2024),
metro/micro household income (2022), and the county economic profile (2023, HUD FMR FY2026)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique, to_number

HOME_VALUE_FILE = "acs2022_place_median_home_value_B25077.csv"
CBSA_INCOME_FILE = "acs2022_cbsa_median_household_income_B19013.csv"
PLACE_RENT_FILE = "acs2024_place_median_gross_rent_B25064.csv"
COUNTY_RENT_FILE = "acs2024_county_median_gross_rent_B25064.csv"
COUNTY_ECONOMIC_FILE = "acs2023_county_economic.csv"

NO_ESTIMATE_BELOW = 0
"""Census API sentinels (-666666666 and the like) are negative: below this means no estimate."""


def _estimates(path: Path, id_column: str, value_column: str, key: str, name: str,
               width: int | None = None) -> pd.DataFrame:  # fmt: skip
    """`key` -> `name` for the rows of a two-column ACS table that have an estimate."""
    d = read_table(path, required=[id_column, value_column])
    require_unique(d, id_column, path)
    ids = d[id_column].str.zfill(width) if width else d[id_column]
    value = to_number(d, value_column, path, sentinel_below=NO_ESTIMATE_BELOW)
    return pd.DataFrame({key: ids, name: value}).dropna()


def place_home_value(raw: Path) -> pd.DataFrame:
    """`town_id` -> `median_home_value_usd` (USD, ACS 2018-2022), places with an estimate."""
    return _estimates(raw / HOME_VALUE_FILE, "place_2020_id", "place_home_value_census_2022",
                      "town_id", "median_home_value_usd", width=7)  # fmt: skip


def cbsa_income(raw: Path) -> pd.DataFrame:
    """`cbsa_code` -> `cbsa_income_usd` (USD per year, ACS 2018-2022)."""
    return _estimates(raw / CBSA_INCOME_FILE, "cbsa_2020_id", "cbsa_income_2022", "cbsa_code",
                      "cbsa_income_usd")  # fmt: skip


def place_rent(raw: Path) -> pd.DataFrame:
    """`town_id` -> `median_gross_rent_usd` (USD per month, ACS 2020-2024)."""
    return _estimates(raw / PLACE_RENT_FILE, "GEOID", "B25064_001E", "town_id",
                      "median_gross_rent_usd")  # fmt: skip


def county_rent(raw: Path) -> pd.DataFrame:
    """`county_fips` -> `county_rent_usd` (USD per month, ACS 2020-2024)."""
    return _estimates(raw / COUNTY_RENT_FILE, "GEOID", "B25064_001E", "county_fips",
                      "county_rent_usd")  # fmt: skip


def county_economic(raw: Path) -> pd.DataFrame:
    """`county_fips` -> county home value, household income, owner costs (ACS 2019-2023),
    and the HUD FY2026 two-bedroom fair market rent; all USD."""
    path = raw / COUNTY_ECONOMIC_FILE
    cols = {
        "medianHomeValue": "county_home_value_usd",
        "medianHouseholdIncome": "county_income_usd",
        "medianOwnerCostsWithMortgage": "county_owner_costs_with_mortgage_usd",
        "fmr2Bedroom": "hud_fmr_2br_usd",
    }
    d = read_table(path, required=["fips", *cols])
    require_unique(d, "fips", path)
    out = pd.DataFrame({"county_fips": d["fips"].str.zfill(5)})
    for src, dst in cols.items():
        out[dst] = to_number(d, src, path, sentinel_below=NO_ESTIMATE_BELOW)
    return out
