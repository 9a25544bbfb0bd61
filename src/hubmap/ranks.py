"""Where a town's hub score ranks: in its state or province, and in its country.

Only towns whose score uses every weighted component are ranked by default, so a town
missing (say) tech-jobs data cannot top its state on the components it happens to have.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hubmap.metrics import SCORE_COMPONENTS

COUNTRY_NAMES = {"US": "the US", "CA": "Canada"}


def score_ranks(scores: pd.DataFrame, include_partial: bool = False) -> pd.DataFrame:
    """Rank (1 = highest score) within state and within country, and how many were ranked.

    `scores` needs `hub_score`, `hub_score_partial`, `state` and `country`. Towns without a
    score, and partial scores unless `include_partial`, get no rank (missing) but still get
    the group sizes. Ties share the better rank. Returns `rank_state`, `of_state`,
    `rank_country`, `of_country` (nullable integers), aligned to `scores`.
    """
    eligible = scores["hub_score"].notna()
    if not include_partial:
        eligible &= ~scores["hub_score_partial"].astype(bool)
    ranked = scores["hub_score"].where(eligible)
    out = {}
    for suffix, group in (("state", "state"), ("country", "country")):
        by = scores[group]
        out[f"rank_{suffix}"] = ranked.groupby(by).rank(ascending=False, method="min")
        out[f"of_{suffix}"] = eligible.groupby(by).transform("sum")
    return pd.DataFrame(out, index=scores.index).astype("Int64")


def missing_components(percentiles: pd.Series, weights: dict[str, int]) -> list[str]:
    """Labels of the weighted score components a town has no value for."""
    return [
        c.label
        for c in SCORE_COMPONENTS
        if weights.get(c.key, 0) > 0 and pd.isna(percentiles.get(f"pct_{c.key}", np.nan))
    ]


def ordinal(n: int) -> str:
    """1 -> "1st", 12 -> "12th", 410 -> "410th", 1022 -> "1,022nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


@dataclass(frozen=True)
class RankText:
    """A town's score rank as people read it."""

    text: str
    """e.g. "12th of 150 in West Virginia, 410th of 15,665 in the US"."""
    ranked: bool


def rank_text(town: pd.Series, include_partial: bool = False) -> RankText:
    """ "12th of 150 in West Virginia, 410th of 15,665 in the US" for a row of `score_ranks`
    joined to the town table (needs `state_name`, `country` too)."""
    if pd.isna(town.get("hub_score")):
        return RankText("no hub score (no component has data)", False)
    if pd.isna(town.get("rank_state")):
        return RankText("not ranked: partial score (see below)", False)
    among = "towns with a score" if include_partial else "towns with a full score"
    country = COUNTRY_NAMES.get(str(town["country"]), str(town["country"]))
    return RankText(
        f"{ordinal(int(town['rank_state']))} of {int(town['of_state']):,} in "
        f"{town['state_name']}, {ordinal(int(town['rank_country']))} of "
        f"{int(town['of_country']):,} in {country} (among {among})",
        True,
    )
