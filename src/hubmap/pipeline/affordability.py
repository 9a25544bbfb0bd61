"""Home value, rent and income per town at the finest level, with the vintage of each value,
and the ratios built on them.

Rule (finest level first; within a level, the vintage of the income where there is a choice):
- income: the place's own (ACS 2020-2024, places of 10,000+), else its metro or micro area
  (July 2023 CBSA, ACS 2019-2023), else its county (ACS 2019-2023); the area's figure is also
  kept on its own (`area_household_income_usd`), so a city and its suburbs share one;
- home value: the place's ACS 2020-2024 value (places of 10,000+, same survey as their income),
  else its ACS 2018-2022 value (every place: the only place-level value for smaller places),
  else the county's (ACS 2019-2023);
- rent: the place's (ACS 2020-2024: the place file of 10,000+, which also has Washington DC,
  else the B25064 place file), else the county's (ACS 2019-2023, the vintage of metro and
  county incomes).
So a place of 10,000+ divides 2020-2024 figures by a 2020-2024 income; a smaller place divides
its 2018-2022 home value or 2020-2024 rent by a 2019-2023 area income, and the ratio's vintage
column says so. A place with no housing units has no housing market: its housing figures are
left empty (not borrowed from its county) and `housing_status` says why.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hubmap.metrics import MortgageAssumptions, monthly_mortgage_payment
from hubmap.pipeline.sources.acs_housing import ACS_2018_2022, ACS_2019_2023, ACS_2020_2024
from hubmap.schema import HAS_HOUSING, HOUSING_COLUMNS, NO_HOUSING_MARKET

_HOUSING_DESCRIPTIONS = (
    "median_home_value_level",
    "median_home_value_vintage",
    "median_gross_rent_level",
    "median_gross_rent_vintage",
    "price_to_income_vintage",
    "rent_to_income_vintage",
)


@dataclass(frozen=True)
class Candidate:
    """One source of a value: the column holding it, its level and its survey vintage."""

    column: str
    level: str
    vintage: str


def finest(towns: pd.DataFrame, name: str, candidates: list[Candidate]) -> pd.DataFrame:
    """`name` from the first candidate with a value, with `<stem>_level` and `<stem>_vintage`
    (`stem` is `name` without `_usd`)."""
    stem = name.removesuffix("_usd")
    value = pd.Series(np.nan, index=towns.index)
    level = pd.Series(None, index=towns.index, dtype="object")
    vintage = pd.Series(None, index=towns.index, dtype="object")
    for cand in candidates:
        take = value.isna() & towns[cand.column].notna()
        value[take] = towns.loc[take, cand.column]
        level[take] = cand.level
        vintage[take] = cand.vintage
    towns[name], towns[f"{stem}_level"], towns[f"{stem}_vintage"] = value, level, vintage
    return towns


def ratio_vintage(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """One vintage where both values share it ("ACS 2020-2024"), else "numerator /
    denominator" ("ACS 2018-2022 / ACS 2019-2023"); empty where either is missing."""
    same = numerator == denominator
    both = numerator.notna() & denominator.notna()
    mixed = numerator.astype("string") + " / " + denominator.astype("string")
    return numerator.where(same, mixed).where(both)


def values_and_ratios(towns: pd.DataFrame) -> pd.DataFrame:
    """From the merged source columns (`place_*_usd`, `cbsa_income_usd`, `county_*_usd`,
    `median_home_value_usd` = the 2018-2022 place value, `median_gross_rent_usd` = the
    place rent), the town's values, levels, vintages and ratios."""
    area = np.where(towns["cbsa_type"] == "micro", "micro", "metro")
    towns["metro_income_usd"] = towns["cbsa_income_usd"].where(area == "metro")
    towns["micro_income_usd"] = towns["cbsa_income_usd"].where(area == "micro")
    towns["place_value_2022_usd"] = towns["median_home_value_usd"]
    towns["place_rent_2024_usd"] = towns["median_gross_rent_usd"]
    towns = finest(towns, "median_household_income_usd", [
        Candidate("place_income_usd", "place", ACS_2020_2024),
        Candidate("metro_income_usd", "metro", ACS_2019_2023),
        Candidate("micro_income_usd", "micro", ACS_2019_2023),
        Candidate("county_income_usd", "county", ACS_2019_2023),
    ])  # fmt: skip
    towns = finest(towns, "area_household_income_usd", [
        Candidate("metro_income_usd", "metro", ACS_2019_2023),
        Candidate("micro_income_usd", "micro", ACS_2019_2023),
        Candidate("county_income_usd", "county", ACS_2019_2023),
    ])  # fmt: skip
    towns = finest(towns, "median_home_value_usd", [
        Candidate("place_value_usd", "place", ACS_2020_2024),
        Candidate("place_value_2022_usd", "place", ACS_2018_2022),
        Candidate("county_home_value_usd", "county", ACS_2019_2023),
    ])  # fmt: skip
    towns = finest(towns, "median_gross_rent_usd", [
        Candidate("place_rent_usd", "place", ACS_2020_2024),
        Candidate("place_rent_2024_usd", "place", ACS_2020_2024),
        Candidate("county_rent_usd", "county", ACS_2019_2023),
    ])  # fmt: skip
    income = towns["median_household_income_usd"]
    towns["price_to_income"] = towns["median_home_value_usd"] / income
    towns["rent_to_income_pct"] = 12 * towns["median_gross_rent_usd"] / income * 100
    towns["est_monthly_mortgage_usd"] = monthly_mortgage_payment(
        towns["median_home_value_usd"], MortgageAssumptions()
    )
    income_vintage = towns["median_household_income_vintage"]
    towns["price_to_income_vintage"] = ratio_vintage(
        towns["median_home_value_vintage"], income_vintage
    )
    towns["rent_to_income_vintage"] = ratio_vintage(
        towns["median_gross_rent_vintage"], income_vintage
    )
    no_market = towns["housing_units"].eq(0).fillna(False).astype(bool)
    towns["housing_status"] = np.where(
        towns["housing_units"].isna(), None, np.where(no_market, NO_HOUSING_MARKET, HAS_HOUSING)
    )
    towns.loc[no_market, list(HOUSING_COLUMNS)] = np.nan
    towns.loc[no_market, list(_HOUSING_DESCRIPTIONS)] = None
    return towns
