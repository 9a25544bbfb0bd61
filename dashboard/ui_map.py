"""The map, in a fragment: when the map reports a pan, a zoom or the view it was asked for,
only this part of the page reruns (the map, the URL), not the filters, numbers and panels.

A click on a town and a view change while the Share panel shows the link rerun the page,
since both change what the rest of the page shows.

A session's first run draws the map and the card and stops: the browser loads the code of
every other widget kind (file uploader, multiselect, slider, metric...) before it asks for the
map's frame, so the rest of the page waits for the map's first report of its view, which
reruns the page whole. If the map never reports (its scripts failed to load), a timer does
the same after `FALLBACK_S` seconds.
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st
import ui_state
import ui_timing
from streamlit_folium import st_folium

from hubmap.mapview import DEFAULT_CENTER, DEFAULT_ZOOM, base_map, regions_url_json
from hubmap.townslayer import FitRequest, town_at, towns_layer

MAP_HEIGHT = 560
PAGE_RUN = "_page_run"
"""True while the whole page runs; False during a rerun of the map fragment alone."""
SHARED = "_shared_query"
"""The query string the Share panel shows."""
LAST_CLICK = "_last_click"
"""The last click the map reported: (town centre, click count)."""
FIT = "_fit_request"
"""The latest `FitRequest`, sent with every towns layer (the map does each id once)."""
LAST_STATES = "_last_states"
"""The state filter the last fit was asked for (set from a link by `ui_state`)."""
REPORTED = "_map_reported"
"""True once the map has reported its view (or the fallback timer has run out)."""
WAITED = "_map_waited"
"""True once the fallback timer has started waiting."""
FALLBACK_S = 2.0
"""How long the rest of the page waits for the map's first report, in seconds."""
OUTLINES = regions_url_json()
"""The state and province outlines: dashboard/static/regions.json (served by Streamlit's
`server.enableStaticServing`, written by scripts/write_map_outlines.py), fetched by the map
after its first paint instead of riding in every rerun's copy of the base map."""


def rest_of_page_waits() -> bool:
    """True on a session's first runs, before the map has reported: draw the map and card only."""
    return not st.session_state.get(REPORTED, False)


def wait_for_map() -> None:
    """End this run after the map and card, with the fallback timer running."""
    _fallback()
    st.stop()


@st.fragment(run_every=FALLBACK_S)
def _fallback() -> None:
    """Rerun the page whole when the map has not reported `FALLBACK_S` seconds after it was sent."""
    if not st.session_state.get(WAITED):
        st.session_state[WAITED] = True
    elif rest_of_page_waits():
        st.session_state[REPORTED] = True
        st.rerun(scope="app")


def request_fit(home: bool = False) -> None:
    """Ask the map to show the filtered towns (or, with `home`, its opening view) when it adds
    the next towns layer: it moves in the browser before drawing, in the same step."""
    last = st.session_state.get(FIT)
    target = (*DEFAULT_CENTER, DEFAULT_ZOOM) if home else None
    st.session_state[FIT] = FitRequest((last.id if last else 0) + 1, target)


def fit_request(states: tuple[str, ...]) -> FitRequest | None:
    """The fit request for the layer of this run: a new one when the state filter changed
    (to those states' towns; to the opening view when cleared), else the latest one."""
    if states != st.session_state.get(LAST_STATES):
        st.session_state[LAST_STATES] = states
        request_fit(home=not states)
    return st.session_state.get(FIT)


def render(frame: pd.DataFrame, payload: str, upload_active: bool) -> None:
    """The map of `frame` drawn from `payload`; runs as part of the page."""
    st.session_state[PAGE_RUN] = True
    try:
        _map(frame, payload, upload_active)
    finally:
        st.session_state[PAGE_RUN] = False


@st.fragment
def _map(frame: pd.DataFrame, payload: str, upload_active: bool) -> None:
    """The fragment: reruns alone when the map reports a new view or a click."""
    started = time.perf_counter()
    try:
        _map_body(frame, payload, upload_active)
    finally:
        if not st.session_state[PAGE_RUN]:
            ui_timing.log_script_time("explorer-map", started)


def _map_body(frame: pd.DataFrame, payload: str, upload_active: bool) -> None:
    # The base map opens at the default view by itself; asking for that view again would
    # make the map move, report its position and cost a rerun on every first load.
    request = st.session_state[ui_state.MAP_REQUEST]
    moved = request != (DEFAULT_CENTER, DEFAULT_ZOOM)
    result = st_folium(
        base_map(OUTLINES),
        key="map",
        feature_group_to_add=towns_layer(payload),
        center=request[0] if moved else None,
        zoom=request[1] if moved else None,
        # The click count makes a second click on the same town news too (after the user
        # cleared the selection, say).
        returned_objects=["last_object_clicked", "last_object_clicked_count", "center", "zoom"],
        height=MAP_HEIGHT,
        use_container_width=True,
    )
    ui_state.remember_map_view(result)
    if (result or {}).get("center") and rest_of_page_waits():
        st.session_state[REPORTED] = True
        if not st.session_state[PAGE_RUN]:
            st.rerun(scope="app")  # the map's first report: now draw the rest of the page
    clicked = (result or {}).get("last_object_clicked")
    click = (clicked, (result or {}).get("last_object_clicked_count"))
    if clicked and click != st.session_state.get(LAST_CLICK):
        st.session_state[LAST_CLICK] = click
        hit = town_at(frame, clicked["lat"], clicked["lng"])
        key = "upload_town" if upload_active else "town"
        if hit and hit != st.session_state.get(key):
            st.session_state[key] = hit
            st.rerun(scope="app")  # the page shows the town's details and puts it in the URL
    if st.session_state[PAGE_RUN]:
        return
    query = ui_state.sync_url(ui_state.current_view())
    sharing = not upload_active and st.session_state.get("panel") == "Share"
    if sharing and query != st.session_state.get(SHARED):
        st.rerun(scope="app")
