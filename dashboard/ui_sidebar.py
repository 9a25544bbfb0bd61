"""The sidebar: colour metric first, then hub-score weights and filters, all keyed into
session state."""

from __future__ import annotations

import streamlit as st
import ui_state
from ui_controls import control, toggle

from hubmap.colors import SCALES
from hubmap.filters import POPULATION_CEILING
from hubmap.metrics import MortgageAssumptions


def _pop_label(value: int) -> str:
    return "no limit" if value >= POPULATION_CEILING else f"{value:,}"


def render(names: dict[str, str]) -> None:
    """Draw every sidebar widget; their values live in `st.session_state`.

    `names` maps the state and province codes to offer to their names.
    """
    ss = st.session_state
    # The colour metric first: it decides what the map says.
    control("metric", format_func=lambda k: SCALES[k].label)
    # A popover, not an expander: Streamlit draws a closed popover's sliders only when it
    # opens, and the five sliders were a sixth of the browser's work on a first load.
    with st.popover("Hub score weights", width="stretch"):
        control("w")
        control("partial")
        st.caption(
            "Each component is a 0-100 percentile among towns with data; the score is "
            "their weighted mean. A town missing a component gets a partial score from "
            "the rest (a square on the map), ranked only if you ask for it."
        )
    st.header("Filters")
    control("state", list(names), format_func=lambda c: f"{c} - {names[c]}", placeholder="All")
    usd_budget = toggle("budget", "Limit monthly housing cost, US towns (USD)")
    if usd_budget:
        control("budget")
    cad_budget = toggle("budget_cad", "Limit monthly housing cost, Canadian towns (CAD)")
    if cad_budget:
        control("budget_cad")
    if usd_budget or cad_budget:
        control(
            "basis",
            horizontal=True,
            format_func={"rent": "median rent", "own": "est. mortgage"}.get,
        )
        control("nodata_budget")
        a = MortgageAssumptions()
        st.caption(
            "Each budget applies to towns in its own currency; amounts are never converted. "
            "Median rent: ACS 2020-2024 median gross rent of the place (county where missing); "
            "Canada: median monthly shelter cost of renters (2021 Census). "
            f"Est. mortgage: principal and interest on the median home value at "
            f"{a.annual_rate_pct}% for {a.term_years} years with {a.down_payment_pct:.0f}% down; "
            "no taxes or insurance; none for Canadian towns (US rates and terms do not apply)."
        )
    control("tier", placeholder="All tiers")
    if ss["f_tiers"]:
        control("nodata_tier")
    control("min_incentive", format_func=lambda v: f"${v:,}")
    if ss["f_min_incentive"]:
        control("nodata_incentive")
    control("incentive_unknown")
    control("incentive_types")
    # Two single-value sliders: a range select_slider keyed in session state loses its
    # range on the second run (seen with streamlit 1.67).
    control("pop", format_func=_pop_label)
    control("q")
    control("hub")
    if ss["f_hub"]:
        control("nodata_hub")
    st.subheader("Nearby")
    for key, label in (
        ("airport", "Near an airport with scheduled service"),
        ("university", "Near a research university"),
        ("hospital", "Near a hospital"),
        ("park", "Near a national park"),
    ):
        if toggle(key, label):
            control(key)
    st.button("Reset filters", on_click=ui_state.reset_filters, width="stretch")
    st.caption(
        "Towns without data for a filter's metric are kept and shown grey unless a "
        "filter says otherwise."
    )
