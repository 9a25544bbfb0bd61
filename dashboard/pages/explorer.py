"""The map explorer: filters in the sidebar, the map, headline numbers, details, table, charts."""

from __future__ import annotations

import streamlit as st
import ui_cache
import ui_map
import ui_panels
import ui_sidebar
import ui_state
import ui_upload

from hubmap.summary import map_summary
from hubmap.text import escape_markdown
from hubmap.townslayer import payload_json, selected_index, towns_payload

towns = ui_cache.towns()
ui_state.load_from_url(list(ui_cache.state_names()), ui_cache.town_ids())
ui_state.ensure_defaults()
with st.sidebar:
    ui_sidebar.render(ui_cache.state_names())
    upload = ui_upload.sidebar()

view = ui_state.current_view()
if upload is None:
    frame = ui_cache.view_frame(view.filters, view.weights)
    scale = ui_cache.scale(view.metric, view.weights)
    payload = payload_json(
        ui_cache.map_columns(view.filters),
        ui_cache.map_colours(view.filters, view.weights, view.metric),
        selected_index(frame, view.town),
        ui_map.fit_request(view.filters.states),
    )
else:
    with st.sidebar:
        frame, scale = ui_upload.view(upload)
    payload = towns_payload(
        frame, scale, st.session_state.get("upload_town"), ui_map.fit_request(view.filters.states)
    )

st.title("hubmap")
st.caption(
    "Where tech workers can live well outside the expensive tech cities: every figure "
    "is sourced and dated (see *Sources and method*)."
)
for warning in st.session_state.get(ui_state.WARNINGS, []):
    st.warning(escape_markdown(warning), icon="⚠️")

if upload is not None:
    st.info(f"Showing {len(frame):,} of your {len(upload.frame):,} places (this session only).")

ui_map.render(frame, payload, upload_active=upload is not None)
query = ui_state.sync_url(ui_state.current_view())
# Under the map, so that on a phone the map is on the first screen: what it shows in words,
# then how the metric is defined.
left, right = st.columns([3, 1])
with left:
    if upload is None:
        st.markdown(escape_markdown(map_summary(frame, scale, len(towns))))
    st.caption(escape_markdown(f"{scale.label}: {scale.description}"))
with right:
    st.button("Zoom to these towns", width="stretch", on_click=ui_map.request_fit)
if upload is None:
    ui_panels.headline(frame, len(towns), scale)

if upload is not None:
    ui_panels.user_places(frame, st.session_state.get("upload_town"))
    st.stop()
ui_panels.selected_town(ui_cache.towns_for(view.filters), frame, ui_cache.programs())
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
    st.session_state[ui_map.SHARED] = query
    st.code(ui_state.share_link(query), language=None)
    st.caption(
        "The link holds every filter, the colour metric, the selected town, the hub "
        "score weights and the map position."
    )
