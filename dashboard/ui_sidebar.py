"""The sidebar: filters, colour metric and hub-score weights, all keyed into session state."""

from __future__ import annotations

import streamlit as st
import ui_state

from hubmap.colors import SCALES
from hubmap.filters import POPULATION_CEILING
from hubmap.metrics import SCORE_COMPONENTS, MortgageAssumptions
from hubmap.schema import CONNECTIVITY_TIERS

POPULATION_STEPS = (
    0,
    1_000,
    2_500,
    5_000,
    10_000,
    25_000,
    50_000,
    100_000,
    250_000,
    500_000,
    1_000_000,
    POPULATION_CEILING,
)
INCENTIVE_STEPS = (0, 1_000, 2_500, 5_000, 10_000, 15_000)


def _pop_label(value: int) -> str:
    return "no limit" if value >= POPULATION_CEILING else f"{value:,}"


def _with(steps: tuple[int, ...], *values: int) -> list[int]:
    """Slider steps plus any value a link asked for, so the link's value is selectable."""
    return sorted(set(steps) | set(values))


def render(names: dict[str, str]) -> None:
    """Draw every sidebar widget; their values live in `st.session_state`.

    `names` maps the state and province codes to offer to their names.
    """
    ss = st.session_state
    st.header("Filters")
    st.multiselect(
        "State or province",
        list(names),
        key="f_states",
        format_func=lambda c: f"{c} - {names[c]}",
        placeholder="All",
    )
    st.toggle("Limit monthly housing cost", key="f_budget_on")
    if ss["f_budget_on"]:
        st.radio(
            "Compare budget with",
            ["rent", "own"],
            key="f_basis",
            horizontal=True,
            format_func={"rent": "median rent", "own": "est. mortgage"}.get,
        )
        st.slider("Monthly budget (USD)", 300, 6_000, step=50, key="f_budget")
        st.checkbox("Keep towns without this cost figure (grey)", key="f_budget_nodata")
        a = MortgageAssumptions()
        st.caption(
            "Median rent: ACS 2020-2024 median gross rent of the place (county where missing). "
            f"Est. mortgage: principal and interest on the median home value at "
            f"{a.annual_rate_pct}% for {a.term_years} years with {a.down_payment_pct:.0f}% down; "
            "no taxes or insurance."
        )
    st.multiselect(
        "Connectivity tier", list(CONNECTIVITY_TIERS), key="f_tiers", placeholder="All tiers"
    )
    if ss["f_tiers"]:
        st.checkbox("Keep towns without connectivity data (grey)", key="f_tier_nodata")
    st.select_slider(
        "Minimum cash incentive",
        _with(INCENTIVE_STEPS, ss["f_min_incentive"]),
        key="f_min_incentive",
        format_func=lambda v: f"${v:,}",
    )
    if ss["f_min_incentive"]:
        st.checkbox(
            "Keep towns without incentive data (grey)",
            key="f_incentive_nodata",
            help="Programs with no stated amount, and Canadian towns (not researched).",
        )
    # Two single-value sliders: a range select_slider keyed in session state loses its
    # range on the second run (seen with streamlit 1.67).
    st.select_slider(
        "Population at least",
        _with(POPULATION_STEPS, ss["f_pop_min"]),
        key="f_pop_min",
        format_func=_pop_label,
    )
    st.select_slider(
        "Population at most",
        _with(POPULATION_STEPS, ss["f_pop_max"]),
        key="f_pop_max",
        format_func=_pop_label,
        help="Small towns by default: under 100,000 people.",
    )
    st.text_input("Town name contains", key="f_q", max_chars=100)
    st.toggle(
        "Only small-town tech hubs",
        key="f_hub",
        help="Population under 100,000, 500+ tech jobs in the metro area, and 250/25 "
        "Mbps available to 80%+ of the county's homes.",
    )
    if ss["f_hub"]:
        st.checkbox("Also keep towns a criterion cannot be checked for", key="f_hub_nodata")
    st.button("Reset filters", on_click=ui_state.reset_filters, width="stretch")
    st.caption(
        "Towns without data for a filter's metric are kept and shown grey unless a "
        "filter says otherwise."
    )

    st.header("Colour")
    st.radio("Colour towns by", list(SCALES), key="metric", format_func=lambda k: SCALES[k].label)
    with st.expander("Hub score weights", expanded=ss["metric"] == "score"):
        for comp, key in zip(SCORE_COMPONENTS, ui_state.WEIGHT_KEYS, strict=True):
            st.slider(comp.label, 0, 100, step=5, key=key)
        st.caption(
            "Each component is a 0-100 percentile among towns with data; the score is "
            "their weighted mean. Towns missing a component are scored on the rest."
        )
