"""Floor of hubmap's first load: hubmap's map of every town, alone on the page.

Run by bench/versus_pydeck.py as a reference row: Streamlit's boot plus the st_folium
component (its iframe, Leaflet, hubmap's base map and towns layer, the first draw), with no
sidebar, filters, card or panels: what hubmap's first load would take with nothing but the map.
Its outlines are the app's file too (bench/static links to dashboard/static).
"""

import streamlit as st
from streamlit_folium import st_folium

from hubmap.colors import SCALES
from hubmap.mapview import base_map, regions_url_json
from hubmap.towns import load_towns
from hubmap.townslayer import towns_layer, towns_payload

MAP_HEIGHT = 560  # pixels, as hubmap's map


@st.cache_resource(show_spinner=False)
def payload() -> str:
    """The towns layer's payload (every town, by tier: a metric with no weights), built once
    per server process."""
    return towns_payload(load_towns(), SCALES["tier"])


st.set_page_config(page_title="hubmap's map alone", layout="wide")  # hubmap's layout
st_folium(
    base_map(regions_url_json()),  # as dashboard/ui_map.py
    key="map",
    feature_group_to_add=towns_layer(payload()),
    returned_objects=["center", "zoom"],
    height=MAP_HEIGHT,
    use_container_width=True,
)
