"""The product's metrics as pure functions: connectivity tier, mortgage payment, hub score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hubmap.incentive_rules import NO_COUNTED_CASH
from hubmap.schema import CONNECTIVITY_TIERS

GIGABIT_MIN_SHARE = 0.75
"""Top tier: 1000/100 Mbps available to at least this share (0-1) of the residential units,
three homes in four. At 0.5 ("most homes") half the towns would hold the top tier."""
FIVE_G_MIN_LAND_SHARE = 0.9
"""5G tier: 5G-NR at 35/3 Mbps outdoors on at least this share (0-1) of the land. Land
coverage is high (the median town's area has 0.9) and a land share is not a share of homes,
so the bar is nine tenths; at 0.5 most towns would be 5G."""
MOST_SHARE = 0.5
"""'Most of a town': below this share for both gigabit homes and 5G land, satellite is left."""


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


def connectivity_tier(gigabit_share: pd.Series, five_g_land_share: pd.Series) -> pd.Series:
    """Tier per town from FCC county figures for the town's kind of area (urban part or
    whole county): `gigabit_share` = residential units with 1000/100 Mbps available (fixed,
    any technology), `five_g_land_share` = land covered outdoors by 5G-NR at 35/3 Mbps.

    1. Gigabit wired (fiber-class): gigabit for >= GIGABIT_MIN_SHARE of homes.
    2. 5G: else 5G on >= FIVE_G_MIN_LAND_SHARE of the land.
    3. Partial: else gigabit for >= MOST_SHARE of homes or 5G on >= MOST_SHARE of the land.
    4. Satellite only: neither reaches most of the town; the FCC's any-technology 100/20
       figure, which counts low-earth-orbit satellite, is near 100% everywhere.
    A tier the inputs cannot decide (a missing share that matters) is missing, never a guess.
    """
    gigabit, five_g, partial, satellite = CONNECTIVITY_TIERS
    gig = gigabit_share.astype("float64")
    g5 = five_g_land_share.astype("float64")
    top = gig >= GIGABIT_MIN_SHARE
    second = ~top & gig.notna() & (g5 >= FIVE_G_MIN_LAND_SHARE)
    rest = gig.notna() & g5.notna() & ~top & ~second
    neither = rest & (gig < MOST_SHARE) & (g5 < MOST_SHARE)
    tier = np.select(
        [top, second, neither, rest], [gigabit, five_g, satellite, partial], default=""
    )
    return pd.Series(tier, index=gigabit_share.index, dtype="string").replace("", pd.NA)


def connectivity_rank_value(frame: pd.DataFrame) -> pd.Series:
    """What the hub score ranks for connectivity: tiers first (3 best ... 0), then within a
    tier the share that placed the town there (gigabit homes for the top tier, 5G land for
    the 5G tier, the larger of the two below). Missing tier -> missing value."""
    gigabit, five_g, partial, satellite = CONNECTIVITY_TIERS
    tier = frame["connectivity_tier"]
    gig = frame["fcc_1000_100_share"].astype("float64")
    g5 = frame["fcc_5g_35_3_land_share"].astype("float64")
    best = np.fmax(gig, g5)
    value = np.select(
        [tier.eq(t).fillna(False).to_numpy(bool) for t in (gigabit, five_g, partial, satellite)],
        [3 + gig, 2 + g5, 1 + best, best],
        default=np.nan,
    )
    return pd.Series(value, index=frame.index, dtype="float64")


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
    ScoreComponent("connect", "Connectivity", "connectivity_tier", True, 30),
    ScoreComponent("jobs", "Tech jobs nearby", "tech_employment", True, 20),
    ScoreComponent("incentive", "Incentive", "incentive_max_usd", True, 10),
)
DEFAULT_WEIGHTS: dict[str, int] = {c.key: c.default_weight for c in SCORE_COMPONENTS}


def percentile_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """0-100 percentile rank of each score component among the towns that have it.

    Returns a frame with one column per component key, aligned to `frame`; missing inputs
    stay missing. Ties share their average rank. Connectivity ranks `connectivity_rank_value`
    (the tier, then its deciding share). Incentives count towns with no counted program as 0
    USD (a real zero), but towns never researched stay missing.
    """
    out = {}
    for comp in SCORE_COMPONENTS:
        if comp.key == "connect":
            values = connectivity_rank_value(frame)
        else:
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
