"""Floor of any st_folium first load: an empty Leaflet map (no tiles, no outlines, no towns).

Run by bench/versus_pydeck.py as a reference row: Streamlit's boot plus the st_folium
component's iframe, its JavaScript and Leaflet, until Leaflet has created the map. Nothing
hubmap draws is on it, so no hubmap change can make a first load faster than this page.
"""

import folium
import streamlit as st
from streamlit_folium import st_folium

MAP_HEIGHT = 560  # pixels, as hubmap's map

st.set_page_config(page_title="An empty st_folium map", layout="wide")  # hubmap's layout
st_folium(
    folium.Map(location=(42, -96), zoom_start=4, tiles=None),
    key="map",
    returned_objects=["center", "zoom"],
    height=MAP_HEIGHT,
    use_container_width=True,
)
