""" "Find a town": a search box with suggestions as you type (streamlit-searchbox), in its own
fragment, so a keystroke reruns the box alone; choosing a town reruns the page once.

Choosing selects the town (card, ring on the map, the link) and moves the map to it; the
filters stay as they are, so the other towns stay on the map.
"""

from __future__ import annotations

import time

import streamlit as st
import ui_cache
import ui_state
import ui_timing
from streamlit_searchbox import st_searchbox

from hubmap.search import suggest

KEY = "town_search"
CHOSEN = "_search_chosen"
"""A town id the box reported, waiting to be selected."""
PAGE_RUN = "_search_page_run"
"""True while the whole page runs; False during a rerun of the search fragment alone."""
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


def render() -> None:
    """The search box, as part of the page."""
    st.session_state[PAGE_RUN] = True
    try:
        _search()
    finally:
        st.session_state[PAGE_RUN] = False


@st.fragment
def _search() -> None:
    """The fragment: a keystroke reruns this alone; suggestions from `hubmap.search`."""
    started = time.perf_counter()
    try:
        _search_body()
    finally:
        if not st.session_state[PAGE_RUN]:
            ui_timing.log_script_time("explorer-search", started)


def _search_body() -> None:
    box = st.session_state.get(KEY)
    if box and box.get("result") and box["result"] != st.session_state.get("town"):
        # The town chosen here is no longer selected (cleared, or another town clicked):
        # start an empty box, so it does not show a stale name and can choose it again.
        del st.session_state[KEY]
    st_searchbox(
        # The index is built on the first search of the server process, not on page loads.
        lambda text: suggest(ui_cache.search_index(), text),
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
