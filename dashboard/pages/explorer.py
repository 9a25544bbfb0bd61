"""The map explorer: filters in the sidebar, the map, headline numbers, details, table, charts."""

from __future__ import annotations

import streamlit as st
import ui_cache
import ui_calculator
import ui_card
import ui_compare
import ui_exports
import ui_map
import ui_panels
import ui_peers
import ui_search
import ui_sidebar
import ui_state
import ui_upload

from hubmap.colors import SCALES
from hubmap.summary import map_summary
from hubmap.text import escape_markdown
from hubmap.townslayer import payload_json, selected_index, towns_payload

towns = ui_cache.towns()
ui_state.load_from_url(list(ui_cache.state_names()), ui_cache.town_ids())
ui_state.ensure_defaults()
# The sidebar's filters and calculator are drawn after the map (Streamlit sends elements in
# script order, and the map is what a first load waits for), into containers placed here so
# they keep their place at the top of the sidebar. The view is read from session state, which
# holds every widget's value (from the link or the defaults on a first run) before any is drawn.
# A session's first run stops after the map and the card (see `ui_map`): the code of every
# other widget kind would otherwise load in the browser before the map's frame is asked for.
first_draw = ui_map.rest_of_page_waits()
with st.sidebar:
    filters_box, calculator_box = st.container(), st.container()
    upload = None if first_draw else ui_upload.sidebar()

view = ui_state.current_view()
calc, calc_source = ui_calculator.inputs(view)
min_savings = view.calc.min_savings_usd if calc is not None else None
fit = ui_map.fit_request(view.filters.states)
if upload is None and calc is not None and (view.metric == "savings" or min_savings is not None):
    scale = SCALES[view.metric]
    frame = ui_cache.calc_frame(view.filters, view.weights, calc, min_savings)
    layer = ui_cache.calc_layer(view.filters, view.weights, calc, min_savings, view.metric)
    payload = payload_json(*layer, selected_index(frame, view.town), fit)
elif upload is None and view.metric == "savings":
    # No calculator input yet: every town "no data" (grey), and the card says what to do.
    scale = SCALES[view.metric]
    frame = ui_cache.view_frame(view.filters, view.weights).assign(first_year_savings_usd=None)
    frame["first_year_savings_usd"] = frame["first_year_savings_usd"].astype("float64")
    payload = towns_payload(frame, scale, view.town, fit)
elif upload is None:
    frame = ui_cache.view_frame(view.filters, view.weights)
    scale = ui_cache.scale(view.metric, view.weights)
    payload = payload_json(
        ui_cache.map_columns(view.filters),
        ui_cache.map_colours(view.filters, view.weights, view.metric),
        selected_index(frame, view.town),
        fit,
    )
else:
    with st.sidebar:
        frame, scale = ui_upload.view(upload)
    payload = towns_payload(frame, scale, st.session_state.get("upload_town"), fit)

st.title("hubmap")
st.caption(
    "Where tech workers can live well outside the expensive tech cities: every figure "
    "is sourced and dated (see *Sources and method*)."
)
for warning in st.session_state.get(ui_state.WARNINGS, []):
    st.warning(escape_markdown(warning), icon="⚠️")
# Side by side on a wide screen, the card (and the search above it) beside the map; Streamlit
# stacks the columns on a phone, so the card comes right under the map, before the summary.
main, side = st.columns([5, 2], gap="medium") if upload is None else (st.container(), None)
with main:
    if upload is not None:
        st.info(f"Showing {len(frame):,} of your {len(upload.frame):,} places (this session only).")
    ui_map.render(frame, payload, upload_active=upload is not None)
if side is not None:
    with side:
        search_box = st.container()
        ui_card.render(view, bool((frame["town_id"] == view.town).any()), calc, calc_source)
if first_draw:
    ui_map.wait_for_map()
if side is not None:
    with search_box:
        ui_search.render()
with filters_box:
    ui_sidebar.render(ui_cache.state_names())
with calculator_box:
    ui_calculator.sidebar()
# What the map shows in words, then how the metric is defined (a click that focuses a
# half-hidden map frame would scroll the page under the mouse and miss the town).
left, right = st.columns([3, 1])
with left:
    if upload is None:
        st.markdown(escape_markdown(map_summary(frame, scale, len(towns))))
    st.caption(escape_markdown(f"{scale.label}: {scale.description}"))
with right:
    st.button("Zoom to these towns", width="stretch", on_click=ui_map.request_fit)
if upload is None:
    ui_panels.headline(frame, len(towns), scale)
query = ui_state.sync_url(ui_state.current_view())

if upload is not None:
    ui_panels.user_places(frame, st.session_state.get("upload_town"))
    st.stop()
# No panel by default: the table of every filtered town is the heaviest element on the page
# (about 2.5 MB at 17,000 towns) and would delay the map on every first load and rerun.
tab = st.segmented_control(
    "Show",
    ["Table", "Charts", "Compare", "Peers", "Share"],
    key="panel",
    format_func=lambda t: f"Compare ({len(view.compare)})" if t == "Compare" else t,
)
if tab is None:
    st.caption(
        "Choose **Table** for the filtered towns (sortable, with CSV and GeoJSON "
        "downloads), **Charts**, **Compare** for the towns you pinned, **Peers** for the "
        "selected town's rank among towns like it, or **Share** for a link to this view."
    )
elif tab == "Table":
    picked = ui_panels.table(frame, scale, view.town)
    if picked:
        ui_search.choose(picked)
        st.rerun()
    ui_exports.downloads(frame, ui_exports.context(view, query, calc, calc_source))
elif tab == "Compare":
    ui_compare.panel(ui_state.current_view(), ui_card.budget_of(view), calc)
elif tab == "Peers":
    ui_peers.panel(view)
elif tab == "Charts":
    ui_panels.charts(frame, scale, st.session_state["town"])
elif tab == "Share":
    st.session_state[ui_map.SHARED] = query
    st.code(ui_state.share_link(query), language=None)
    st.caption(
        "The link holds every filter, the colour metric, the selected town, the hub "
        "score weights and the map position."
    )
    st.markdown("**Cite this view**")
    ui_exports.cite(ui_exports.context(view, query, calc, calc_source))
# The selected town's full record, after the panels: the card above holds the answers.
ui_panels.selected_town(ui_cache.towns_for(view.filters), ui_cache.programs())
