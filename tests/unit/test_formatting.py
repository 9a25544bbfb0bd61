"""How values read: no data, money with currency, Census codes and bounds (hubmap.formatting)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hubmap import formatting
from hubmap.card import CardRow, calculator_rows
from hubmap.colors import SAVINGS
from hubmap.compare import compare_table
from hubmap.formatting import NO_DATA, column_texts, column_value, is_exact, town_value
from hubmap.schema import BOUNDED_COLUMNS, CODED_COLUMNS, COLUMN_BY_NAME


@pytest.mark.parametrize("missing", [None, pd.NA, np.nan, float("nan"), pd.NaT])
def test_missing_reads_no_data_in_every_formatter(missing: object) -> None:
    for fn in (formatting.money, formatting.count, formatting.number, formatting.percent,
               formatting.percent_points, formatting.yes_no):  # fmt: skip
        assert fn(missing) == NO_DATA
    for col in COLUMN_BY_NAME.values():
        assert column_value(col, missing) == NO_DATA


def test_money_carries_its_currency() -> None:
    assert formatting.money(1717.0, "USD", "per month") == "$1,717 per month"
    assert formatting.money(456_000, "CAD") == "CA$456,000"
    assert formatting.money(0.0) == "$0"
    assert column_value("median_gross_rent_usd", 1717.0) == "$1,717 per month"


def test_counts_percentages_and_numbers() -> None:
    assert formatting.count(55042, "people") == "55,042 people"
    assert formatting.percent(0.7508) == "75.1%"
    assert formatting.percent_points(0.031) == "+/- 3.1 pts"
    assert formatting.number(6.5432, "years of income") == "6.54 years of income"
    assert column_value("population", 55042) == "55,042 people"
    assert column_value("fcc_1000_100_share", 0.7508) == "75.1%"


def _town(**fields: object) -> pd.Series:
    row = {f"{c.name}{s}": False for c in CODED_COLUMNS for s in ("_topcoded", "_bottomcoded")}
    row.update(fields)
    return pd.Series(row)


def test_top_and_bottom_codes_read_as_the_interval() -> None:
    town = _town(
        median_home_value_usd=2_000_001.0,
        median_home_value_usd_topcoded=True,
        median_gross_rent_usd=99.0,
        median_gross_rent_usd_bottomcoded=True,
        median_household_income_usd=250_001.0,
        median_household_income_usd_topcoded=True,
        county_owner_costs_with_mortgage_usd=4_001.0,
        county_owner_costs_with_mortgage_usd_topcoded=True,
    )
    assert town_value(town, "median_home_value_usd") == "$2,000,000+"
    assert town_value(town, "median_gross_rent_usd") == "$100 or less per month"
    assert town_value(town, "median_household_income_usd") == "$250,000+ per year"
    assert town_value(town, "county_owner_costs_with_mortgage_usd") == "$4,000+ per month"


def test_an_unflagged_value_equal_to_a_code_is_shown_as_published() -> None:
    # The flag decides, not the number: formatting never guesses.
    town = _town(median_home_value_usd=2_000_001.0)
    assert town_value(town, "median_home_value_usd") == "$2,000,001"


def test_ratios_on_coded_values_read_as_bounds() -> None:
    town = _town(
        price_to_income=15.5,
        price_to_income_bound="at least",
        rent_to_income_pct=10.0,
        rent_to_income_pct_bound="at most",
        est_monthly_mortgage_usd=9_572.4,
        est_monthly_mortgage_usd_bound="exact",
    )
    assert town_value(town, "price_to_income") == "at least 15.5 years of income"
    assert town_value(town, "rent_to_income_pct") == "at most 10.0% of income"
    assert town_value(town, "est_monthly_mortgage_usd") == "$9,572 per month"


def test_column_texts_and_is_exact_over_a_frame() -> None:
    frame = pd.DataFrame(
        {
            "median_home_value_usd": [2_000_001.0, 300_000.0, np.nan],
            "median_home_value_usd_topcoded": [True, False, False],
            "median_home_value_usd_bottomcoded": [False, False, False],
            "price_to_income": [25.0, 4.0, np.nan],
            "price_to_income_bound": ["at least", "exact", pd.NA],
        }
    )
    assert column_texts(frame, "median_home_value_usd").tolist() == [
        "$2,000,000+",
        "$300,000",
        NO_DATA,
    ]
    assert column_texts(frame, "price_to_income").tolist() == [
        "at least 25.0 years of income",
        "4.0 years of income",
        NO_DATA,
    ]
    assert is_exact(frame, "median_home_value_usd").tolist() == [False, True, True]
    assert is_exact(frame, "price_to_income").tolist() == [False, True, True]


def test_every_coded_and_bounded_column_has_its_flags_in_the_schema() -> None:
    for col in CODED_COLUMNS:
        assert col.name + "_topcoded" in COLUMN_BY_NAME
        assert col.name + "_bottomcoded" in COLUMN_BY_NAME
        assert col.codes.top_bound == col.codes.top - 1
    for col in BOUNDED_COLUMNS:
        assert COLUMN_BY_NAME[col.name + "_bound"].dtype == "string"
    assert {c.name for c in CODED_COLUMNS} >= {
        "median_home_value_usd",
        "median_gross_rent_usd",
        "median_household_income_usd",
    }


def test_missing_values_say_why() -> None:
    no_market = _town(housing_status="no housing market", price_to_income_bound=pd.NA)
    assert town_value(no_market, "median_home_value_usd") == "no housing market"
    assert town_value(no_market, "price_to_income") == "no housing market"
    assert town_value(no_market, "median_household_income_usd") == NO_DATA  # not housing
    coded = _town(housing_status=pd.NA, price_to_income_bound="undetermined")
    assert town_value(coded, "price_to_income") == "undetermined (Census-coded inputs)"
    assert town_value(_town(housing_status=pd.NA), "median_home_value_usd") == NO_DATA


def test_column_texts_agree_with_column_value_row_by_row() -> None:
    frame = pd.DataFrame(
        {
            "median_gross_rent_usd": [3_501.0, 1_000.0, np.nan, np.nan],
            "median_gross_rent_usd_topcoded": [True, False, False, False],
            "median_gross_rent_usd_bottomcoded": [False, False, False, False],
            "housing_status": ["housing units", "housing units", "no housing market", pd.NA],
            "population": pd.array([12_000, 900, 1_500, pd.NA], dtype="Int64"),
        }
    )
    for name in ("median_gross_rent_usd", "population"):
        rows = frame.to_dict(orient="records")
        expected = [column_value(name, row[name], row) for row in rows]
        assert column_texts(frame, name).tolist() == expected
    assert column_texts(frame, "median_gross_rent_usd").tolist() == [
        "$3,500+ per month",
        "$1,000 per month",
        "no housing market",
        NO_DATA,
    ]


def test_negative_money_puts_the_sign_before_the_symbol() -> None:
    """Seen: calculator savings read "$-5,000" in the headline and tooltip."""
    assert formatting.money(-5000.0) == "-$5,000"
    assert formatting.money(-1234.5, "CAD", "per month") == "-CA$1,234 per month"
    assert formatting.money(-0.4) == "$0"  # rounds to zero: no sign
    assert formatting.sign_first("${:,.0f}", -5000) == "-$5,000"
    assert formatting.sign_first("{:,.1f}x", -2.25) == "-2.2x"
    assert formatting.sign_first("${:,.0f}", 12_000) == "$12,000"


def test_every_negative_money_on_screen_reads_sign_first() -> None:
    assert SAVINGS.format_value(-5000.0) == "-$5,000"
    assert SAVINGS.format_value(7500.0) == "$7,500"
    result = pd.Series(
        {"first_year_savings_usd": -5000.0, "yearly_difference_usd": -5000.0,
         "first_year_incentive_usd": 0.0, "incentive_first_year_known": True,
         "five_year_savings_usd": -25000.0, "housing_share_of_income": None}
    )  # fmt: skip
    rows = calculator_rows(result, [])
    table = compare_table({"A": rows, "B": [CardRow("calc_first", "First-year savings", "x", "")]})
    shown = " ".join([r.value for r in rows] + table.to_numpy().ravel().tolist())
    assert "$-" not in shown
    assert "costs $5,000 more" in shown


def test_numpy_scalars_read_like_python_ones() -> None:
    """A town's row of a mixed frame holds numpy.bool_ and numpy.int64 (seen: the details
    read "True" and "1780" where they meant "yes" and "1,780 jobs")."""
    assert column_value("small_town_tech_hub", np.bool_(True)) == "yes"
    assert column_value("tech_employment", np.int64(1780)) == column_value("tech_employment", 1780)
    assert column_value("tech_employment", np.int64(1780)) == "1,780 jobs"
