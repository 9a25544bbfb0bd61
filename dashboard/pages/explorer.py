"""The map explorer: filters in the sidebar, the map, headline numbers, details, table, charts."""

from __future__ import annotations

import streamlit as st
import ui_cache
import ui_panels
import ui_sidebar
import ui_state
import ui_upload
from streamlit_folium import st_folium

from hubmap.colors import SCALES
from hubmap.mapview import DEFAULT_CENTER, DEFAULT_ZOOM, base_map, fit_view
from hubmap.text import escape_markdown
from hubmap.townslayer import payload_json, selected_index, town_at, towns_layer, towns_payload

MAP_HEIGHT = 560

towns = ui_cache.towns()
ui_state.load_from_url(list(ui_cache.state_names()), ui_cache.town_ids())
ui_state.ensure_defaults()
with st.sidebar:
    ui_sidebar.render(ui_cache.state_names())
    upload = ui_upload.sidebar()

view = ui_state.current_view()
if upload is None:
    frame = ui_cache.view_frame(view.filters, view.weights)
    scale = SCALES[view.metric]
    payload = payload_json(
        ui_cache.map_columns(view.filters, frame),
        ui_cache.map_colours(view.filters, view.weights, view.metric),
        selected_index(frame, view.town),
    )
else:
    with st.sidebar:
        frame, scale = ui_upload.view(upload)
    payload = towns_payload(frame, scale, st.session_state.get("upload_town"))

if view.filters.states != st.session_state.get("_last_states"):
    st.session_state["_last_states"] = view.filters.states
    ui_state.request_map_view(*fit_view(frame))

st.title("hubmap")
st.caption(
    "Where tech workers can live well outside the expensive tech cities: every figure "
    "is sourced and dated (see *Sources and method*)."
)
for warning in st.session_state.get(ui_state.WARNINGS, []):
    st.warning(warning, icon="⚠️")

if upload is None:
    ui_panels.headline(frame, len(towns), scale)
else:
    st.info(f"Showing {len(frame):,} of your {len(upload.frame):,} places (this session only).")

left, right = st.columns([3, 1], vertical_alignment="bottom")
with right:
    if st.button("Zoom to these towns", width="stretch"):
        ui_state.request_map_view(*fit_view(frame))
# The base map opens at the default view by itself; asking for that view again would make
# the map move, report its position and cost a second rerun on every first load.
request = st.session_state[ui_state.MAP_REQUEST]
moved = request != (DEFAULT_CENTER, DEFAULT_ZOOM)
result = st_folium(
    base_map(ui_cache.regions_json()),
    key="map",
    feature_group_to_add=towns_layer(payload),
    center=request[0] if moved else None,
    zoom=request[1] if moved else None,
    returned_objects=["last_object_clicked", "center", "zoom"],
    height=MAP_HEIGHT,
    use_container_width=True,
)
ui_state.remember_map_view(result)
clicked = (result or {}).get("last_object_clicked")
if clicked and clicked != st.session_state.get("_last_click"):
    st.session_state["_last_click"] = clicked
    hit = town_at(frame, clicked["lat"], clicked["lng"])
    if upload is not None:
        st.session_state["upload_town"] = hit
    elif hit and hit != st.session_state["town"]:
        st.session_state["town"] = hit
        ui_state.sync_url(ui_state.current_view())
        st.rerun()

query = ui_state.sync_url(ui_state.current_view())
with left:
    st.caption(escape_markdown(f"{scale.label}: {scale.description}"))

if upload is not None:
    ui_panels.user_places(frame, st.session_state.get("upload_town"))
    st.stop()
ui_panels.selected_town(towns, frame, ui_cache.programs())
# No panel by default: the table of every filtered town is the heaviest element on the page
# (about 2.5 MB at 17,000 towns) and would delay the map on every first load and rerun.
tab = st.segmented_control("Show", ["Table", "Charts", "Share"], key="panel")
if tab is None:
    st.caption(
        "Choose **Table** for the filtered towns (sortable, with CSV and GeoJSON "
        "downloads), **Charts**, or **Share** for a link to this view."
    )
elif tab == "Table":
    ui_panels.table(frame, scale)
elif tab == "Charts":
    ui_panels.charts(frame, scale, st.session_state["town"])
elif tab == "Share":
    st.code(ui_state.share_link(query), language=None)
    st.caption(
        "The link holds every filter, the colour metric, the selected town, the hub "
        "score weights and the map position."
    )
