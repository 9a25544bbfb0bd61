"""ACS housing and income figures, each with its 5-year vintage: place income, home value and
rent of places of 10,000+ (2020-2024), place home value (2018-2022), place rent (2020-2024),
the metro/micro and county economic profiles (2019-2023; HUD FMR FY2026 per county)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique, to_number

HOME_VALUE_FILE = "acs2022_place_median_home_value_B25077.csv"
PLACE_RENT_FILE = "acs2024_place_median_gross_rent_B25064.csv"
PLACE_10K_FILE = "acs2024_5yr_place_pop10k_income_value_rent.csv"
CBSA_ECONOMIC_FILE = "acs2023_cbsa_economic.csv"
COUNTY_ECONOMIC_FILE = "acs2023_county_economic.csv"

ACS_2018_2022 = "ACS 2018-2022"
ACS_2019_2023 = "ACS 2019-2023"
ACS_2020_2024 = "ACS 2020-2024"
"""The 5-year survey vintages of the files (the `_vintage` columns hold these)."""

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


def place_rent(raw: Path) -> pd.DataFrame:
    """`town_id` -> `median_gross_rent_usd` (USD per month, ACS 2020-2024)."""
    return _estimates(raw / PLACE_RENT_FILE, "GEOID", "B25064_001E", "town_id",
                      "median_gross_rent_usd")  # fmt: skip


def place_10k(raw: Path) -> pd.DataFrame:
    """`town_id` -> `place_income_usd` (USD per year), `place_value_usd` (USD) and
    `place_rent_usd` (USD per month), ACS 2020-2024, for places of 10,000+ people."""
    path = raw / PLACE_10K_FILE
    cols = {
        "median_hh_income": "place_income_usd",
        "home_value_median": "place_value_usd",
        "rent_median": "place_rent_usd",
    }
    d = read_table(path, required=["geoid", *cols])
    require_unique(d, "geoid", path)
    out = pd.DataFrame({"town_id": d["geoid"].str.zfill(7)})
    for src, dst in cols.items():
        out[dst] = to_number(d, src, path, sentinel_below=NO_ESTIMATE_BELOW)
    return out


def cbsa_income(raw: Path) -> pd.DataFrame:
    """`cbsa_code` (July 2023 delineation) -> `cbsa_income_usd` (USD per year, ACS
    2019-2023), areas with an estimate (the file also lists retired codes, without values)."""
    return _estimates(raw / CBSA_ECONOMIC_FILE, "cbsaCode", "medianHouseholdIncome",
                      "cbsa_code", "cbsa_income_usd")  # fmt: skip


def county_economic(raw: Path) -> pd.DataFrame:
    """`county_fips` -> county home value, gross rent, household income, owner costs (ACS
    2019-2023), and the HUD FY2026 two-bedroom fair market rent; all USD."""
    path = raw / COUNTY_ECONOMIC_FILE
    cols = {
        "medianHomeValue": "county_home_value_usd",
        "medianGrossRent": "county_rent_usd",
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
