"""The product's metrics as pure functions: connectivity tier, mortgage payment, hub score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hubmap.incentive_rules import NO_COUNTED_CASH
from hubmap.schema import CONNECTIVITY_TIERS

TIER_MAJORITY_SHARE = 0.5
"""A speed is 'for most homes' when at least this share of residential units can get it."""


@dataclass(frozen=True)
class MortgageAssumptions:
    """Assumptions behind `est_monthly_mortgage_usd`; shown in the app and metadata.json."""

    annual_rate_pct: float = 5.98
    term_years: int = 30
    down_payment_pct: float = 20.0
    rate_source: str = (
        'Freddie Mac Primary Mortgage Market Survey: "The 30-year FRM averaged 5.98% as of '
        'February 26, 2026" (Freddie Mac news release)'
    )
    rate_source_url: str = (
        "https://www.globenewswire.com/news-release/2026/02/26/3245903/0/en/"
        "Mortgage-Rates-Drop-Below-6-for-the-First-Time-in-3-5-Years.html"
    )
    down_payment_note: str = "20% down payment is a convention (no mortgage insurance), not data"


def connectivity_tier(share_250_25: pd.Series, share_1000_100: pd.Series) -> pd.Series:
    """Tier per town from county FCC availability shares (0-1 of residential units).

    Gigabit (1000/100 Mbps) for at least half the homes -> tier 1; else 250/25 Mbps for at
    least half -> tier 2; else tier 3: most homes cannot get 250/25 from any provider and
    rely on satellite-class or slower service (the FCC's "any technology" 100/20 Mbps figure
    counts low-earth-orbit satellite and is near 100% everywhere, so it cannot separate
    towns). Missing shares give a missing tier, never a guess.
    """
    gig = share_1000_100 >= TIER_MAJORITY_SHARE
    fast = share_250_25 >= TIER_MAJORITY_SHARE
    tier = np.select(
        [gig, fast], [CONNECTIVITY_TIERS[0], CONNECTIVITY_TIERS[1]], default=CONNECTIVITY_TIERS[2]
    )
    known = share_250_25.notna() & share_1000_100.notna()
    return pd.Series(tier, index=share_250_25.index, dtype="string").where(known)


def monthly_mortgage_payment(
    home_value_usd: pd.Series, assumptions: MortgageAssumptions = MortgageAssumptions()
) -> pd.Series:
    """Principal and interest per month (USD) on a fixed-rate loan for the given home values."""
    principal = home_value_usd * (1 - assumptions.down_payment_pct / 100)
    rate = assumptions.annual_rate_pct / 100 / 12
    n = assumptions.term_years * 12
    return principal * rate / (1 - (1 + rate) ** -n)


@dataclass(frozen=True)
class ScoreComponent:
    """One input of the hub score: a column and whether higher values are better."""

    key: str
    label: str
    column: str
    higher_is_better: bool
    default_weight: int


SCORE_COMPONENTS: tuple[ScoreComponent, ...] = (
    ScoreComponent("afford", "Affordability", "price_to_income", False, 40),
    ScoreComponent("connect", "Gigabit availability", "fcc_1000_100_share", True, 30),
    ScoreComponent("jobs", "Tech jobs nearby", "tech_employment", True, 20),
    ScoreComponent("incentive", "Incentive", "incentive_max_usd", True, 10),
)
DEFAULT_WEIGHTS: dict[str, int] = {c.key: c.default_weight for c in SCORE_COMPONENTS}


def percentile_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """0-100 percentile rank of each score component among the towns that have it.

    Returns a frame with one column per component key, aligned to `frame`; missing inputs
    stay missing. Ties share their average rank. Incentives count towns with no counted
    program as 0 USD (a real zero), but towns never researched stay missing.
    """
    out = {}
    for comp in SCORE_COMPONENTS:
        values = frame[comp.column].astype("float64")
        if comp.key == "incentive":
            status = frame["incentive_status"]
            values = values.where(~status.isin(NO_COUNTED_CASH), 0.0)
        ranks = values.rank(pct=True, ascending=comp.higher_is_better, method="average")
        out[comp.key] = ranks * 100
    return pd.DataFrame(out, index=frame.index)


def hub_score(percentiles: pd.DataFrame, weights: dict[str, int]) -> pd.DataFrame:
    """Weighted mean (0-100) of the available percentiles per town.

    A town missing a component is scored on the others (its weights renormalised) and gets
    `hub_score_partial` = True. All weights zero, or no component at all, gives a missing
    score. Returns columns `hub_score` and `hub_score_partial`.
    """
    keys = [c.key for c in SCORE_COMPONENTS if weights.get(c.key, 0) > 0]
    if not keys:
        missing = pd.Series(np.nan, index=percentiles.index)
        return pd.DataFrame({"hub_score": missing, "hub_score_partial": False})
    w = np.array([float(weights[k]) for k in keys])
    values = percentiles[keys].to_numpy(dtype="float64")
    present = ~np.isnan(values)
    weight_present = (present * w).sum(axis=1)
    total = np.nansum(values * w, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(weight_present > 0, total / weight_present, np.nan)
    partial = (~present).any(axis=1) & (weight_present > 0)
    return pd.DataFrame({"hub_score": score, "hub_score_partial": partial}, index=percentiles.index)
