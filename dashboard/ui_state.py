"""Session state and the URL, through hubmap's pure codec (`hubmap.viewstate`).

The widgets own their values in `st.session_state` (keys: `hubmap.controls.PARAMS`). On a
session's first run the link's parameters are decoded into those keys; after the widgets
have run, the current view is encoded back into `st.query_params`, so the address bar
always reproduces the view.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from hubmap.viewstate import ViewState, decode, encode, view_from_widgets, widget_values

_LOADED = "_url_loaded"
MAP_REQUEST = "_map_request"
"""(centre, zoom) the app asks the map to show; changes only on an explicit move (a link,
a state filter change, "zoom to these towns"). The position the map reports goes to
"center"/"zoom" and the URL, never back into the request, or the two would chase each
other across reruns."""
WARNINGS = "_url_warnings"


def _view_keys(view: ViewState) -> dict[str, object]:
    """Session-state key -> value for every widget (and the map view) showing `view`."""
    return {**widget_values(view), "center": view.center, "zoom": view.zoom}


def apply_view(view: ViewState) -> None:
    """Write a view into the widgets' session-state keys (before the widgets run)."""
    st.session_state.update(_view_keys(view))


def ensure_defaults() -> None:
    """Give every key a value; Streamlit drops the state of widgets that were hidden."""
    for key, value in _view_keys(ViewState()).items():
        st.session_state.setdefault(key, value)


def load_from_url(known_states: list[str], known_towns: frozenset[str]) -> None:
    """On a session's first run, decode the link into session state and keep its warnings."""
    if st.session_state.get(_LOADED):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    view, warnings = decode(params, known_states, known_towns)
    apply_view(view)
    st.session_state[WARNINGS] = warnings
    # A link with states but no map position opens fitted to those states.
    st.session_state["_last_states"] = view.filters.states if "lat" in params else ()
    st.session_state[MAP_REQUEST] = (view.center, view.zoom)
    st.session_state[_LOADED] = True


def request_map_view(center: tuple[float, float], zoom: int) -> None:
    """Ask the map to move to `center` (lat, lon) and `zoom`, even if it was asked before."""
    last_center, last_zoom = st.session_state.get(MAP_REQUEST, ((0.0, 0.0), 0))
    if (tuple(center), zoom) == (tuple(last_center), last_zoom):
        # streamlit-folium only moves the map when the request changes: nudge it by ~1 cm.
        center = (center[0] + 1e-7, center[1])
    st.session_state[MAP_REQUEST] = (tuple(center), zoom)
    st.session_state["center"], st.session_state["zoom"] = tuple(center), zoom


def remember_map_view(result: dict | None) -> None:
    """Keep the position the map reports (for the URL); degrees rounded to 4 decimals."""
    if result and result.get("center") and result.get("zoom"):
        centre = result["center"]
        st.session_state["center"] = (round(centre["lat"], 4), round(centre["lng"], 4))
        st.session_state["zoom"] = int(result["zoom"])


def current_view() -> ViewState:
    """The view the widgets show now."""
    ss = st.session_state
    position = ViewState(center=tuple(ss["center"]), zoom=int(ss["zoom"]))
    return view_from_widgets(ss, position)


def reset_filters() -> None:
    """Button callback: default filters, keeping the colour metric, weights and map view."""
    view = current_view()
    apply_view(
        replace(
            ViewState(),
            metric=view.metric,
            weights=view.weights,
            include_partial=view.include_partial,
            compare=view.compare,
            center=view.center,
            zoom=view.zoom,
        )
    )


def sync_url(view: ViewState) -> str:
    """Put `view` into the address bar; returns the query string."""
    params = encode(view)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
    return urlencode(params)


def share_link(query: str) -> str:
    """The full link to this view (the app's URL as the browser sees it, plus the query)."""
    base = st.context.url or ""
    return f"{base}?{query}" if query else base
