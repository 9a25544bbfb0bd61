"""Where a town stands among its peers, metric by metric, for economic developers.

Peers are drawn from every town of the same country (never the filtered view, so a filter
never changes a town's standing): towns of similar size (half to twice its population), in
its state or province, or of its kind (metro, micro or outside both; US only: the Canadian
data has no such classification).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hubmap.exports import spreadsheet_safe
from hubmap.formatting import NO_DATA, column_texts, column_value, is_exact
from hubmap.formatting import score as score_text
from hubmap.ranks import ordinal
from hubmap.schema import BOTTOMCODED_SUFFIX, BOUND_SUFFIX, TOPCODED_SUFFIX

GROUPS = {
    "size": "Similar size",
    "state": "Same state or province",
    "kind": "Same kind (metro, micro, outside)",
}
"""Peer group key -> its label."""
SIZE_RANGE = (0.5, 2.0)
"""Peers by size have from half to twice the town's population (both ends included)."""
KINDS = {"metro": "metropolitan", "micro": "micropolitan", "none": "outside metro and micro"}


@dataclass(frozen=True)
class PeerMetric:
    """A metric towns are ranked on among their peers."""

    column: str
    label: str
    higher_is_better: bool


US_METRICS = (
    PeerMetric("hub_score", "Hub score", True),
    PeerMetric("price_to_income", "Price-to-income (lower is better)", False),
    PeerMetric("median_gross_rent_usd", "Median rent (lower is better)", False),
    PeerMetric("est_monthly_mortgage_usd", "Estimated mortgage (lower is better)", False),
    PeerMetric("fcc_1000_100_share", "Homes with gigabit (county)", True),
    PeerMetric("fcc_5g_35_3_land_share", "Land with 5G (county)", True),
    PeerMetric("tech_employment", "Tech jobs (metro)", True),
    PeerMetric("incentive_max_usd", "Largest cash incentive (towns with one)", True),
)
CA_METRICS = (
    PeerMetric("price_to_income", "Price-to-income (lower is better)", False),
    PeerMetric("median_renter_shelter_cost_cad", "Median rent, CAD (lower is better)", False),
)
"""Canadian towns have housing figures only (in CAD); the others are US sources."""


def peer_columns(columns: list[str]) -> list[str]:
    """The columns of the town table `peer_ranks` reads (metrics with their code flags and
    bounds, and what the groups need), in table order."""
    metrics = {m.column for m in (*US_METRICS, *CA_METRICS)}
    base = {"town_id", "name", "state", "state_name", "country", "population", "cbsa_type"}
    base |= {"incentive_status", "housing_status", "hub_score_partial"}
    return [
        c
        for c in columns
        if c in base or c in metrics or any(c.startswith(m + "_") for m in metrics)
    ]


def peer_mask(towns: pd.DataFrame, town: pd.Series, group: str) -> pd.Series:
    """True for the towns of `towns` that are `town`'s peers in `group` (the town itself
    included), always within its country. An unknown group key raises KeyError; a town
    without the group's attribute (no population, no kind) has no peers but itself."""
    same = towns["country"] == town["country"]
    itself = towns["town_id"] == town["town_id"]
    if group == "size":
        people = town["population"]
        if pd.isna(people):
            return itself
        low, high = SIZE_RANGE[0] * people, SIZE_RANGE[1] * people
        return (same & towns["population"].between(low, high)).fillna(False) | itself
    if group == "state":
        return (same & (towns["state"] == town["state"])).fillna(False) | itself
    if group == "kind":
        if pd.isna(town["cbsa_type"]):
            return itself
        return (same & (towns["cbsa_type"] == town["cbsa_type"])).fillna(False) | itself
    raise KeyError(group)


def group_text(towns: pd.DataFrame, town: pd.Series, group: str, n: int) -> str:
    """ "412 towns of 15,137-60,546 people in the US" and the like, for `n` peers."""
    country = "Canada" if town["country"] == "CA" else "the US"
    if group == "size" and pd.notna(town["population"]):
        low = int(np.ceil(SIZE_RANGE[0] * town["population"]))
        high = int(SIZE_RANGE[1] * town["population"])
        return f"{n:,} towns of {low:,}-{high:,} people in {country}"
    if group == "state":
        return f"{n:,} towns in {town['state_name']}"
    if group == "kind" and pd.notna(town["cbsa_type"]):
        kind = KINDS.get(str(town["cbsa_type"]), str(town["cbsa_type"]))
        return f"{n:,} {kind} towns in {country}"
    if group == "kind" and town["country"] == "CA":
        return "no peers: the Canadian data has no metro or micro classification"
    return f"no peers: {town['name']} has no {'population' if group == 'size' else 'kind'}"


def _value_text(column: str, towns: pd.DataFrame, label: object) -> str:
    """The town's value as the table and card read it (codes and bounds included); a
    missing incentive says why ("no program known", "closed", ...)."""
    value = towns.at[label, column]
    if column == "hub_score":
        return score_text(value)
    if column == "incentive_max_usd" and pd.isna(value):
        status = towns.at[label, "incentive_status"]
        return NO_DATA if pd.isna(status) else str(status)
    return column_texts(towns.loc[[label]], column).iloc[0]


def _median_text(column: str, median: float) -> str:
    if column == "hub_score":
        return score_text(median)
    return NO_DATA if pd.isna(median) else column_value(column, float(median))


def _flag(value: object) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


def _bound_note(metric: PeerMetric, town: pd.Series) -> str:
    """ " or better" / " or worse" when the town's value is a Census code or a bound (its
    true value lies beyond the figure it is ranked by), " (about)" when the bound's
    direction is unknown, "" for an exact value."""
    column = metric.column
    if column == "hub_score" or bool(is_exact(town.to_frame().T, column).iloc[0]):
        return ""
    bound = town.get(column + BOUND_SUFFIX)
    if _flag(town.get(column + TOPCODED_SUFFIX)) or bound == "at least":
        higher = True  # the true value is at least the figure
    elif _flag(town.get(column + BOTTOMCODED_SUFFIX)) or bound == "at most":
        higher = False
    else:
        return " (about)"
    return " or better" if higher == metric.higher_is_better else " or worse"


def peer_ranks(
    towns: pd.DataFrame, town_id: str, group: str, include_partial: bool = False
) -> tuple[pd.DataFrame, str]:
    """The town's standing on each metric among its `group` peers, and the group's text.

    `towns`: every town, with `hub_score` and `hub_score_partial` (the user's weights).
    One row per metric: `metric`, `value` (text), `rank` (1 = best; ties share the better
    rank; "no data" without a value; "3rd of 9 or worse" / "or better" when the town's
    value is a Census code or a bound, ranked by the coded figure), `ranked` (peers with a
    value),
    `percentile` (0-100: the share of the other ranked peers the town does as well as or
    better than; missing without a value or without another ranked peer), `median` (the
    ranked peers' median as text). Partial hub scores are left out unless `include_partial`,
    as in `hubmap.ranks.score_ranks`. Unknown `town_id` raises KeyError.
    """
    hits = towns.index[towns["town_id"] == town_id]
    if not len(hits):
        raise KeyError(town_id)
    town = towns.loc[hits[0]]
    peers = towns[peer_mask(towns, town, group)]
    alone = len(peers) == 1
    rows = []
    for metric in CA_METRICS if town["country"] == "CA" else US_METRICS:
        values = peers[metric.column].astype("float64")
        if metric.column == "hub_score" and not include_partial:
            values = values.where(~peers["hub_score_partial"].fillna(False).astype(bool))
        ranked = values.dropna()
        own = values.loc[hits[0]]
        sign = 1.0 if metric.higher_is_better else -1.0
        rank_text, percentile = ("no peers" if alone else NO_DATA), np.nan
        if pd.notna(own) and not alone:
            rank = int((sign * ranked > sign * own).sum()) + 1
            rank_text = f"{ordinal(rank)} of {len(ranked):,}{_bound_note(metric, town)}"
            if len(ranked) > 1:
                better_or_tied = int((sign * ranked <= sign * own).sum()) - 1
                percentile = 100.0 * better_or_tied / (len(ranked) - 1)
        rows.append(
            {
                "metric": metric.label,
                "value": _value_text(metric.column, towns, hits[0]),
                "rank": rank_text,
                "ranked": len(ranked),
                "percentile": percentile,
                "median": _median_text(metric.column, ranked.median())
                if len(ranked) or metric.column != "incentive_max_usd"
                else "none in the group",
            }
        )
    return pd.DataFrame(rows), group_text(towns, town, group, len(peers))


PEER_HEADINGS = {
    "metric": "Metric",
    "value": "This town",
    "rank": "Rank among peers (1 = best)",
    "ranked": "Peers with a value",
    "percentile": "Percentile (0-100, higher = better)",
    "median": "Peer median",
}
"""Readable headings of `peer_ranks`' table, on screen and in its CSV."""


def percentile_text(percentile: float) -> str:
    """43.6 -> "44"; missing -> "no data"."""
    return NO_DATA if pd.isna(percentile) else f"{percentile:.0f}"


def peers_csv(table: pd.DataFrame, town: str, group: str) -> bytes:
    """`peer_ranks`' table as UTF-8 CSV under readable headings, with two leading columns
    naming the town and its peer group; formula-like text is neutralised."""
    out = table.rename(columns=PEER_HEADINGS)
    out.insert(0, "Peer group", group)
    out.insert(0, "Town", town)
    out["Percentile (0-100, higher = better)"] = out["Percentile (0-100, higher = better)"].round(1)
    return spreadsheet_safe(out).to_csv(index=False, lineterminator="\r\n").encode("utf-8")
