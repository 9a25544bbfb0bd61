"""The sidebar's filters as one value (`FilterState`) and one pure function (`filter_towns`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hubmap.incentive_rules import NO_COUNTED_CASH
from hubmap.schema import CONNECTIVITY_TIERS

BUDGET_COLUMNS: dict[str, str] = {
    "rent": "median_gross_rent_usd",
    "own": "est_monthly_mortgage_usd",
}
"""What a monthly budget in USD is compared with for US towns: median gross rent, or the
estimated mortgage payment on the median home."""
BUDGET_COLUMNS_CAD: dict[str, str] = {"rent": "median_renter_shelter_cost_cad"}
"""What a monthly budget in CAD is compared with for Canadian towns: the median shelter cost
of renters. There is no Canadian mortgage estimate (the US 30-year fixed-rate assumptions do
not describe Canadian mortgages), so on the "own" basis Canadian towns have no figure."""

DISTANCE_FILTERS: dict[str, str] = {
    "max_airport_mi": "airport_mi",
    "max_research_university_mi": "research_university_mi",
    "max_hospital_mi": "hospital_mi",
    "max_national_park_mi": "national_park_mi",
}
"""`FilterState` field (miles, None = no limit) -> the distance column it limits. A town
without the distance (Canadian towns have no US college, hospital or park data) does not
pass a distance limit."""
POPULATION_CEILING = 10_000_000
"""Upper end of the population slider (people); no town is larger."""
SMALL_TOWN_MAX = 100_000
NAME_QUERY_MAX_CHARS = 100


@dataclass(frozen=True)
class FilterState:
    """Everything the sidebar filters on. Empty tuples mean "all"; None means "no limit".

    `include_missing_*` keep towns that have no value for that filter's metric (shown grey):
    on by default for the budget, tier and incentive filters; off for the tech-hub filter,
    whose point is to list towns known to meet every criterion.

    `include_unknown_incentive` and `include_other_incentive_types` say which incentive
    programs count (`hubmap.incentive_rules`); the frame given to `filter_mask` must carry
    the incentive columns computed under the same rules.

    Budgets are per currency and never converted: US towns are compared with
    `budget_max_usd`, Canadian towns with `budget_max_cad`. While either is set, a town whose
    currency has no budget counts as having no figure (kept only with
    `include_missing_budget`).
    """

    states: tuple[str, ...] = ()
    budget_basis: str = "rent"
    budget_max_usd: int | None = None
    budget_max_cad: int | None = None
    include_missing_budget: bool = True
    tiers: tuple[str, ...] = ()
    include_missing_tier: bool = True
    min_incentive_usd: int = 0
    include_missing_incentive: bool = True
    include_unknown_incentive: bool = False
    include_other_incentive_types: bool = False
    population_min: int = 0
    population_max: int = SMALL_TOWN_MAX
    name_query: str = ""
    hub_only: bool = False
    include_missing_hub: bool = False
    max_airport_mi: int | None = None
    max_research_university_mi: int | None = None
    max_hospital_mi: int | None = None
    max_national_park_mi: int | None = None

    def __post_init__(self) -> None:
        if self.budget_basis not in BUDGET_COLUMNS:
            raise ValueError(f"budget_basis must be one of {sorted(BUDGET_COLUMNS)}")
        unknown = set(self.tiers) - set(CONNECTIVITY_TIERS)
        if unknown:
            raise ValueError(f"unknown tiers {sorted(unknown)}")


def _keep(values: pd.Series, test: pd.Series, include_missing: bool) -> np.ndarray:
    passed = test.fillna(False).to_numpy(dtype=bool)
    if include_missing:
        passed = passed | values.isna().to_numpy()
    return passed


def _budget_cost(frame: pd.DataFrame, state: FilterState) -> tuple[pd.Series, pd.Series]:
    """Each town's monthly cost and budget in its own currency (missing where the town's
    currency has no budget or no figure on the chosen basis)."""
    cost = pd.Series(np.nan, index=frame.index)
    limit = pd.Series(np.nan, index=frame.index)
    for currency, budget, columns in (
        ("USD", state.budget_max_usd, BUDGET_COLUMNS),
        ("CAD", state.budget_max_cad, BUDGET_COLUMNS_CAD),
    ):
        rows = (frame["currency"] == currency).fillna(False).to_numpy(dtype=bool)
        if budget is None or state.budget_basis not in columns or not rows.any():
            continue
        cost[rows] = frame.loc[rows, columns[state.budget_basis]].astype("float64").to_numpy()
        limit[rows] = float(budget)
    return cost, limit


def filter_mask(frame: pd.DataFrame, state: FilterState) -> np.ndarray:
    """Boolean array (len(frame)): which towns pass every filter in `state`."""
    keep = np.ones(len(frame), dtype=bool)
    if state.states:
        keep &= frame["state"].isin(state.states).to_numpy()
    if state.budget_max_usd is not None or state.budget_max_cad is not None:
        cost, limit = _budget_cost(frame, state)
        keep &= _keep(cost, cost <= limit, state.include_missing_budget)
    if state.tiers:
        tier = frame["connectivity_tier"]
        keep &= _keep(tier, tier.isin(state.tiers), state.include_missing_tier)
    if state.min_incentive_usd > 0:
        cash = frame["incentive_max_usd"]
        # A program with no stated amount, or a town never researched, is "no data"; no
        # counted program (none known, closed, unknown status, other types) is a real zero.
        unknown = cash.where(~frame["incentive_status"].isin(NO_COUNTED_CASH), 0.0)
        keep &= _keep(unknown, cash >= state.min_incentive_usd, state.include_missing_incentive)
    population = frame["population"]
    keep &= (population >= state.population_min).fillna(False).to_numpy(dtype=bool)
    if state.population_max < POPULATION_CEILING:
        keep &= (population <= state.population_max).fillna(False).to_numpy(dtype=bool)
    query = state.name_query.strip().casefold()
    if query:
        keep &= frame["name"].str.casefold().str.contains(query, regex=False).to_numpy(bool)
    if state.hub_only:
        hub = frame["small_town_tech_hub"]
        keep &= _keep(hub, hub, state.include_missing_hub)
    for field_name, column in DISTANCE_FILTERS.items():
        limit = getattr(state, field_name)
        if limit is not None:
            keep &= (frame[column] <= limit).fillna(False).to_numpy(dtype=bool)
    return keep


def filter_towns(frame: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The towns of `frame` that pass every filter in `state` (same columns, same order)."""
    return frame[filter_mask(frame, state)]
