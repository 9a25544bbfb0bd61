"""The selected town's card beside the map (under it on a phone): the answers first."""

from __future__ import annotations

import streamlit as st
import ui_cache
import ui_compare

from hubmap.calculator import Inputs, assumptions_text, relocation
from hubmap.card import Budget, calculator_rows, card_rows, life_rows, place_line
from hubmap.metrics import SCORE_COMPONENTS
from hubmap.text import escape_markdown
from hubmap.viewstate import ViewState

CARD_STYLE = """<style>
.st-key-town_card [data-testid="stVerticalBlock"] { gap: 0.3rem; }
.st-key-town_card [data-testid="stMarkdownContainer"] p { margin-bottom: 0; line-height: 1.4; }
.st-key-town_card h3 { padding-top: 0; font-size: 1.4rem; }
</style>"""
"""Tighter lines inside the card, so it fits beside the map without scrolling."""


def budget_of(view: ViewState) -> Budget | None:
    """The user's housing budget, when the budget filter is on."""
    f = view.filters
    return None if f.budget_max_usd is None else Budget(f.budget_basis, f.budget_max_usd)


def rules_of(view: ViewState) -> tuple[bool, bool]:
    """Which incentive programs count: (unknown status too, other program types too)."""
    return (view.filters.include_unknown_incentive, view.filters.include_other_incentive_types)


def render(view: ViewState, in_filters: bool, calc: Inputs | None, calc_source: str) -> None:
    """The card of `view.town`, or a hint when no town is selected."""
    if not view.town:
        st.info(
            "Click a town on the map, or find one with **Find a town**, to see its hub "
            "score and rank, connectivity, housing cost and incentives here."
        )
        return
    town = ui_cache.town_row(view.town, view)
    if town is None:
        return
    weights = dict(zip((c.key for c in SCORE_COMPONENTS), view.weights, strict=True))
    st.html(CARD_STYLE)
    with st.container(border=True, key="town_card"):
        st.subheader(escape_markdown(f"{town['name']}, {town['state_name']}"))
        st.caption(escape_markdown(place_line(town)))
        if not in_filters:
            st.caption("This town is outside the current filters.")
        # At the top: under the rows it fell below the first screen at 1440 x 900.
        ui_compare.pin_button(view.town, "card")
        rows = card_rows(
            town,
            ui_cache.programs(),
            weights,
            budget_of(view),
            view.include_partial,
            rules_of(view),
        )
        if calc is not None:
            result = relocation(town.to_frame().T, calc).iloc[0]
            notes = [*assumptions_text(calc), f"Today's cost is {calc_source}."]
            rows += calculator_rows(result, notes)
        elif view.metric == "savings":
            st.caption(
                "First-year savings needs your housing cost today: open *Relocation "
                "calculator* in the sidebar."
            )
        for row in [*rows, *life_rows(town)]:
            st.markdown(
                f"**{escape_markdown(row.label)}**: {escape_markdown(row.value)}",
                help=escape_markdown(row.detail) if row.detail else None,
            )
        st.caption("Hover **?** for each figure's level and source; all figures are below.")
        # Not beside the pin button: side by side in the narrow column both labels were cut.
        if st.button("Clear selection", key="card_clear", type="tertiary", icon=":material/close:"):
            st.session_state["town"] = None
            st.rerun()
