"""Session state and the URL, through hubmap's pure codec (`hubmap.viewstate`).

The widgets own their values in `st.session_state` (keys below). On a session's first run
the link's parameters are decoded into those keys; after the widgets have run, the current
view is encoded back into `st.query_params`, so the address bar always reproduces the view.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from hubmap.filters import FilterState
from hubmap.metrics import SCORE_COMPONENTS
from hubmap.viewstate import ViewState, decode, encode

DEFAULT_BUDGET_USD = 1_500
WEIGHT_KEYS = tuple(f"w_{c.key}" for c in SCORE_COMPONENTS)
_LOADED = "_url_loaded"
MAP_REQUEST = "_map_request"
"""(centre, zoom) the app asks the map to show; changes only on an explicit move (a link,
a state filter change, "zoom to these towns"). The position the map reports goes to
"center"/"zoom" and the URL, never back into the request, or the two would chase each
other across reruns."""
WARNINGS = "_url_warnings"


def _view_keys(view: ViewState) -> dict[str, object]:
    """Session-state key -> value for every widget (and the map view) showing `view`."""
    f = view.filters
    keys: dict[str, object] = {
        "f_states": list(f.states),
        "f_budget_on": f.budget_max_usd is not None,
        "f_budget": f.budget_max_usd if f.budget_max_usd is not None else DEFAULT_BUDGET_USD,
        "f_basis": f.budget_basis,
        "f_budget_nodata": f.include_missing_budget,
        "f_tiers": list(f.tiers),
        "f_tier_nodata": f.include_missing_tier,
        "f_min_incentive": f.min_incentive_usd,
        "f_incentive_nodata": f.include_missing_incentive,
        "f_pop_min": f.population_min,
        "f_pop_max": f.population_max,
        "f_q": f.name_query,
        "f_hub": f.hub_only,
        "f_hub_nodata": f.include_missing_hub,
        "metric": view.metric,
        "town": view.town,
        "center": view.center,
        "zoom": view.zoom,
    }
    keys.update(zip(WEIGHT_KEYS, view.weights, strict=True))
    return keys


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
    filters = FilterState(
        states=tuple(ss["f_states"]),
        budget_basis=ss["f_basis"],
        budget_max_usd=int(ss["f_budget"]) if ss["f_budget_on"] else None,
        include_missing_budget=ss["f_budget_nodata"],
        tiers=tuple(ss["f_tiers"]),
        include_missing_tier=ss["f_tier_nodata"],
        min_incentive_usd=int(ss["f_min_incentive"]),
        include_missing_incentive=ss["f_incentive_nodata"],
        population_min=int(ss["f_pop_min"]),
        population_max=max(int(ss["f_pop_max"]), int(ss["f_pop_min"])),
        name_query=ss["f_q"],
        hub_only=ss["f_hub"],
        include_missing_hub=ss["f_hub_nodata"],
    )
    return ViewState(
        filters=filters,
        metric=ss["metric"],
        town=ss["town"],
        weights=tuple(int(ss[k]) for k in WEIGHT_KEYS),
        center=tuple(ss["center"]),
        zoom=int(ss["zoom"]),
    )


def reset_filters() -> None:
    """Button callback: default filters, keeping the colour metric, weights and map view."""
    view = current_view()
    apply_view(
        replace(
            ViewState(),
            metric=view.metric,
            weights=view.weights,
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
