"""The relocation calculator's inputs (sidebar) and its answer (card, compare): the
arithmetic is `hubmap.calculator`; the inputs are view parameters, so they are in the link."""

from __future__ import annotations

import streamlit as st
import ui_cache
from ui_controls import control, toggle

from hubmap.calculator import Inputs, link_inputs
from hubmap.text import escape_markdown
from hubmap.viewstate import ViewState

HOME = "calc_from"


def inputs(view: ViewState) -> tuple[Inputs | None, str]:
    """The calculator's inputs for `view` (None while it has no housing cost for today),
    and where today's cost comes from, as plain text."""
    home = ui_cache.town_row(view.calc.from_town, view) if view.calc.from_town else None
    return link_inputs(view.calc, home)


def _use_selected_home() -> None:
    st.session_state[HOME] = st.session_state.get("town")
    st.session_state["calc_cost_on"] = False


def _forget_home() -> None:
    st.session_state[HOME] = None


def sidebar() -> None:
    """The calculator's widgets (keyed in session state, ranges from hubmap.controls)."""
    ss = st.session_state
    with st.expander("Relocation calculator", expanded=bool(ss.get(HOME) or ss["calc_cost_on"])):
        st.caption(
            "Where would you be better off? Say what you pay now, or pick your current "
            "town on the map and use it; then colour the map by *First-year savings*."
        )
        if toggle("calc_cost", "I know my monthly housing cost"):
            control("calc_cost")
        home = ss.get(HOME)
        if home and not ss["calc_cost_on"]:
            towns = ui_cache.towns()
            row = towns[towns["town_id"] == home]
            name = f"{row['name'].iloc[0]}, {row['state'].iloc[0]}" if len(row) else home
            st.markdown(f"Home today: **{escape_markdown(name)}**")
            st.button("Forget my home town", on_click=_forget_home, key="calc_forget")
        elif not ss["calc_cost_on"]:
            st.button(
                "Use the selected town as my home",
                on_click=_use_selected_home,
                disabled=not ss.get("town"),
                key="calc_use_town",
                help="Select the town you live in now (map or search) first.",
            )
        control("calc_basis", format_func={"rent": "rent", "own": "buy"}.get, horizontal=True)
        if toggle("calc_income", "Add my household income"):
            control("calc_income")
        if ss["calc_basis"] == "own":
            if toggle("calc_down", "Set my down payment"):
                control("calc_down")
            if toggle("calc_rate", "Set my mortgage rate"):
                control("calc_rate")
        if toggle("min_savings", "Only towns where I would save"):
            control("min_savings")
