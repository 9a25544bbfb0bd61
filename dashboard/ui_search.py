""" "Find a town": a search box with suggestions as you type (streamlit-searchbox), in its own
fragment, so a keystroke reruns the box alone; choosing a town reruns the page once.

Choosing selects the town (card, ring on the map, the link) and moves the map to it; the
filters stay as they are, so the other towns stay on the map.
"""

from __future__ import annotations

import streamlit as st
import ui_cache
import ui_state
from streamlit_searchbox import st_searchbox

from hubmap.search import suggest

KEY = "town_search"
CHOSEN = "_search_chosen"
"""A town id the box reported, waiting to be selected."""
TOWN_ZOOM = 11
"""Map zoom after choosing a town (streets and neighbouring towns visible)."""


def _remember(town_id: str) -> None:
    st.session_state[CHOSEN] = town_id


def choose(town_id: str) -> None:
    """Select `town_id` and move the map to it (the filters stay as they are)."""
    towns = ui_cache.towns()
    row = towns[towns["town_id"] == town_id]
    if row.empty:
        return
    point = row.geometry.iloc[0]
    st.session_state["town"] = town_id
    ui_state.request_map_view((round(point.y, 4), round(point.x, 4)), TOWN_ZOOM)


@st.fragment
def render() -> None:
    """The search box; suggestions come from `hubmap.search.suggest`."""
    box = st.session_state.get(KEY)
    if box and box.get("result") and box["result"] != st.session_state.get("town"):
        # The town chosen here is no longer selected (cleared, or another town clicked):
        # start an empty box, so it does not show a stale name and can choose it again.
        del st.session_state[KEY]
    index = ui_cache.search_index()
    st_searchbox(
        lambda text: suggest(index, text),
        placeholder="Find a town: Morgantown, WV",
        label="Find a town",
        key=KEY,
        rerun_scope="fragment",
        submit_function=_remember,
        debounce=120,
        help="Type a name, optionally with its state or province: “Bend OR”, “bend”. "
        "Arrow keys and Enter choose a suggestion.",
    )
    town_id = st.session_state.pop(CHOSEN, None)
    if town_id:
        choose(town_id)
        st.rerun(scope="app")
