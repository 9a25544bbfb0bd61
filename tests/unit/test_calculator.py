"""The relocation calculator's arithmetic, including missing income, coded and missing
values, a town without programs and a Canadian town."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hubmap.calculator import (
    Inputs,
    assumptions_text,
    link_inputs,
    monthly_cost,
    relocation,
    savings_kept,
)
from hubmap.metrics import MortgageAssumptions, monthly_mortgage_payment
from hubmap.viewstate import CalculatorState

TOWNS = pd.DataFrame(
    {
        "name": ["Ascend", "Plain", "Unknown schedule", "Calgary", "No rent"],
        "country": ["US", "US", "US", "CA", "US"],
        "median_gross_rent_usd": [900.0, 1_200.0, 1_000.0, np.nan, np.nan],
        "median_home_value_usd": [200_000.0, 300_000.0, 250_000.0, np.nan, 2_000_001.0],
        "incentive_status": ["cash program", "no program known", "cash program",
                             "not researched", "no program known"],
        "incentive_max_usd": [12_000.0, np.nan, 10_000.0, np.nan, np.nan],
        "incentive_first_year_usd": [10_000.0, np.nan, np.nan, np.nan, np.nan],
    }
)  # fmt: skip


def test_rent_first_year_and_five_years() -> None:
    out = relocation(TOWNS, Inputs(current_monthly_usd=2_500))
    ascend = out.iloc[0]
    assert ascend["monthly_cost_usd"] == 900
    assert ascend["yearly_difference_usd"] == (2_500 - 900) * 12
    assert ascend["first_year_savings_usd"] == 19_200 + 10_000  # $12,000 is not all year one
    assert ascend["five_year_savings_usd"] == 19_200 * 5 + 12_000
    plain = out.iloc[1]  # no program: a real zero
    assert plain["first_year_incentive_usd"] == 0 and plain["incentive_first_year_known"]
    assert plain["first_year_savings_usd"] == (2_500 - 1_200) * 12


def test_unknown_first_year_share_is_left_out_and_flagged() -> None:
    row = relocation(TOWNS, Inputs(current_monthly_usd=1_000)).iloc[2]
    assert not row["incentive_first_year_known"]
    assert math.isnan(row["first_year_incentive_usd"])
    assert row["first_year_savings_usd"] == 0.0  # housing the same, incentive not guessed
    assert row["five_year_savings_usd"] == 10_000


def test_canadian_town_and_missing_rent_give_no_result_not_zero() -> None:
    out = relocation(TOWNS, Inputs(current_monthly_usd=2_000))
    for i in (3, 4):
        assert math.isnan(out.iloc[i]["first_year_savings_usd"])
        assert math.isnan(out.iloc[i]["five_year_savings_usd"])
    own = relocation(TOWNS, Inputs(current_monthly_usd=2_000, basis="own"))
    assert math.isnan(own.iloc[3]["monthly_cost_usd"])  # CA: never a USD figure


def test_own_defaults_to_the_sourced_mortgage_assumptions() -> None:
    cost = monthly_cost(TOWNS, Inputs(current_monthly_usd=0, basis="own"))
    expected = monthly_mortgage_payment(TOWNS["median_home_value_usd"], MortgageAssumptions())
    assert cost.iloc[0] == pytest.approx(expected.iloc[0])
    # A top-coded home value ($2,000,001 = "$2,000,000+") gives a lower bound, not a guess.
    assert cost.iloc[4] == pytest.approx(expected.iloc[4])


def test_own_with_the_users_down_payment_and_rate() -> None:
    inputs = Inputs(current_monthly_usd=0, basis="own", down_payment_usd=50_000, rate_pct=6.5)
    cost = monthly_cost(TOWNS, inputs).iloc[0]
    r, n = 0.065 / 12, 360
    assert cost == pytest.approx(150_000 * r / (1 - (1 + r) ** -n))
    free = monthly_cost(TOWNS, Inputs(0, "own", down_payment_usd=500_000)).iloc[0]
    assert free == 0  # the down payment covers the home
    zero_rate = monthly_cost(TOWNS, Inputs(0, "own", down_payment_usd=20_000, rate_pct=0))
    assert zero_rate.iloc[0] == pytest.approx(180_000 / 360)


def test_income_is_optional() -> None:
    without = relocation(TOWNS, Inputs(current_monthly_usd=2_000))
    assert without["housing_share_of_income"].isna().all()
    share = relocation(TOWNS, Inputs(current_monthly_usd=2_000, income_usd=90_000))
    assert share.iloc[0]["housing_share_of_income"] == pytest.approx(900 * 12 / 90_000)


def test_every_assumption_is_said() -> None:
    text = " ".join(assumptions_text(Inputs(1_800, "own")))
    assert "5.98%" in text and "Freddie Mac" in text and "20% of the median home value" in text
    assert "Outside the US" in text
    assert "yours" in " ".join(assumptions_text(Inputs(1_800, "own", rate_pct=7.0)))


def test_bad_basis_is_refused() -> None:
    with pytest.raises(ValueError, match="basis"):
        Inputs(1_000, basis="buy")


def test_no_incentive_for_staying_in_the_home_town() -> None:
    towns = TOWNS.assign(town_id=["1", "2", "3", "4", "5"])
    out = relocation(towns, Inputs(current_monthly_usd=900, home_town="1"))
    assert out.iloc[0]["first_year_savings_usd"] == 0
    assert out.iloc[0]["five_year_savings_usd"] == 0
    assert out.iloc[2]["five_year_savings_usd"] == (900 - 1_000) * 12 * 5 + 10_000


def test_link_inputs_from_an_own_figure_a_home_town_or_nothing() -> None:
    own, source = link_inputs(CalculatorState(monthly_usd=1_800), None)
    assert own == Inputs(1_800.0) and source == "your own figure"
    plain = TOWNS.assign(town_id=[f"t{i}" for i in range(len(TOWNS))], state="XX").iloc[1]
    home, source = link_inputs(CalculatorState(from_town="t1"), plain)
    assert home == Inputs(1_200.0, home_town="t1") and "Plain, XX" in source
    calgary = TOWNS.assign(state="AB").iloc[3]
    assert link_inputs(CalculatorState(from_town="c"), calgary) == (
        None,
        "Calgary, AB has no rent figure",
    )
    assert link_inputs(CalculatorState(from_town="gone"), None) == (None, "")
    assert link_inputs(CalculatorState(), None) == (None, "")


def test_savings_kept_drops_towns_without_a_first_year_figure() -> None:
    kept = savings_kept(TOWNS, Inputs(current_monthly_usd=2_500), 0)
    assert "Calgary" not in set(kept["name"]) and "No rent" not in set(kept["name"])
    assert (kept["first_year_savings_usd"] >= 0).all()
    assert len(savings_kept(TOWNS, Inputs(current_monthly_usd=2_500), None)) == len(TOWNS)
