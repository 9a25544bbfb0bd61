from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hubmap.metrics import (
    DEFAULT_WEIGHTS,
    MortgageAssumptions,
    connectivity_tier,
    hub_score,
    monthly_mortgage_payment,
    percentile_scores,
)
from hubmap.schema import CONNECTIVITY_TIERS


def test_connectivity_tier_rule() -> None:
    s250 = pd.Series([0.9, 0.9, 0.3, np.nan, 0.5])
    s1000 = pd.Series([0.6, 0.2, 0.1, 0.9, 0.5])
    tiers = connectivity_tier(s250, s1000)
    assert tiers.tolist()[:3] == [CONNECTIVITY_TIERS[0], CONNECTIVITY_TIERS[1],
                                  CONNECTIVITY_TIERS[2]]  # fmt: skip
    assert pd.isna(tiers[3])  # missing input -> missing tier, never a guess
    assert tiers[4] == CONNECTIVITY_TIERS[0]  # exactly half counts as "most"


def test_mortgage_payment_matches_the_annuity_formula() -> None:
    a = MortgageAssumptions(annual_rate_pct=6.0, term_years=30, down_payment_pct=20)
    payment = monthly_mortgage_payment(pd.Series([250_000.0, np.nan]), a)
    assert payment[0] == pytest.approx(1199.10, abs=0.01)  # 200,000 at 6% for 30 years
    assert math.isnan(payment[1])


def test_percentiles_rank_among_towns_with_data(towns) -> None:
    pct = percentile_scores(towns)
    # Lower price-to-income is better: Tulsa (2.6) is the best of four with data.
    assert pct.loc[1, "afford"] == 100
    assert pct.loc[:, "afford"].isna().sum() == 2
    # No program known counts as 0 USD; Canada (not researched) stays missing.
    assert pct.loc[0, "incentive"] < pct.loc[1, "incentive"]
    assert pd.isna(pct.loc[5, "incentive"])


def test_hub_score_renormalises_missing_components() -> None:
    pct = pd.DataFrame({"afford": [100.0, np.nan], "connect": [50.0, 50.0],
                        "jobs": [0.0, np.nan], "incentive": [np.nan, np.nan]})  # fmt: skip
    weights = {"afford": 40, "connect": 30, "jobs": 20, "incentive": 10}
    out = hub_score(pct, weights)
    assert out.loc[0, "hub_score"] == pytest.approx((100 * 40 + 50 * 30) / 90)
    assert out.loc[1, "hub_score"] == pytest.approx(50.0)
    assert out["hub_score_partial"].tolist() == [True, True]


def test_hub_score_with_zero_weights_is_missing() -> None:
    pct = pd.DataFrame({k: [50.0] for k in DEFAULT_WEIGHTS})
    out = hub_score(pct, {k: 0 for k in DEFAULT_WEIGHTS})
    assert out["hub_score"].isna().all()


def test_hub_score_is_between_0_and_100(towns) -> None:
    out = hub_score(percentile_scores(towns), DEFAULT_WEIGHTS)
    scored = out["hub_score"].dropna()
    assert len(scored) == 5
    assert ((scored >= 0) & (scored <= 100)).all()
