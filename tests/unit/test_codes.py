"""Census codes in the pipeline: flags on published codes, bounds on the ratios built on them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors
import pytest

from hubmap.pipeline import codes
from hubmap.schema import COLUMNS, TOWN_SCHEMA, is_price


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "median_home_value_usd": [2_000_001.0, 9_999.0, 300_000.0, 2_000_001.0, np.nan],
            "median_household_income_usd": [100_000.0, 50_000.0, 250_001.0, 250_001.0, 60_000.0],
            "median_gross_rent_usd": [3_501.0, 99.0, 1_000.0, 1_200.0, 900.0],
        }
    )


def test_flags_follow_the_published_codes() -> None:
    towns = codes.flag_codes(_frame())
    assert towns["median_home_value_usd_topcoded"].tolist() == [True, False, False, True, False]
    assert towns["median_home_value_usd_bottomcoded"].tolist() == [False, True, False, False, False]
    assert towns["median_household_income_usd_topcoded"].tolist() == [
        False, False, True, True, False,
    ]  # fmt: skip
    assert towns["median_gross_rent_usd_topcoded"].tolist() == [True, False, False, False, False]
    assert towns["median_gross_rent_usd_bottomcoded"].tolist() == [False, True, False, False, False]
    # the values stay as published
    assert towns["median_home_value_usd"].iloc[0] == 2_000_001.0
    # a column absent from the frame gets all-False flags (never missing)
    assert not towns["county_owner_costs_with_mortgage_usd_topcoded"].any()


def test_ratio_bounds_follow_numerator_and_denominator() -> None:
    towns = codes.flag_codes(_frame())
    towns["price_to_income"] = towns["median_home_value_usd"] / towns["median_household_income_usd"]
    towns = codes.ratio_bound(
        towns, "price_to_income", "median_home_value_usd", "median_household_income_usd"
    )
    # top-coded value -> at least; bottom-coded value -> at most; top-coded income -> at most;
    # top-coded value over top-coded income -> undetermined and emptied; no value -> no bound
    assert towns["price_to_income_bound"].tolist()[:4] == [
        "at least", "at most", "at most", "undetermined",
    ]  # fmt: skip
    assert pd.isna(towns["price_to_income_bound"].iloc[4])
    assert towns["price_to_income"].iloc[0] == pytest.approx(20.00001)
    assert np.isnan(towns["price_to_income"].iloc[3])


def test_one_input_ratio() -> None:
    towns = codes.flag_codes(_frame())
    towns["est_monthly_mortgage_usd"] = towns["median_home_value_usd"] / 200
    towns = codes.ratio_bound(towns, "est_monthly_mortgage_usd", "median_home_value_usd")
    assert towns["est_monthly_mortgage_usd_bound"].tolist()[:4] == [
        "at least", "at most", "exact", "at least",
    ]  # fmt: skip


def test_money_and_index_columns_must_be_above_zero() -> None:
    prices = [c.name for c in COLUMNS if is_price(c)]
    assert {"rpp_all_items", "median_home_value_usd", "hud_fmr_2br_usd"} <= set(prices)
    assert "population" not in prices and "price_to_income" not in prices
    for name in prices:
        frame = pd.DataFrame({name: pd.Series([0.0], dtype="float64")})
        schema = TOWN_SCHEMA.select_columns([name])
        with pytest.raises(pandera.errors.SchemaError):
            schema.validate(frame)
        schema.validate(pd.DataFrame({name: pd.Series([1.0], dtype="float64")}))
