"""The deck.gl comparison: the same towns in `st.pydeck_chart`, written the way its docs show.

Run by bench/run.py as `streamlit run bench/pydeck_app.py`. Every town (no population
filter), coloured by the same metric classes and palettes as hubmap (`hubmap.colors`), sized
by population in pixels like hubmap's layer, a hover tooltip with name, state, population and
the value. Two widgets with hubmap's labels, so the bench drives both apps the same way:
"State or province" (a state pick fits the view to its towns, as hubmap does) and "Colour
towns by". No basemap (no map provider, no style): deck.gl's code comes with Streamlit's
frontend, so the page needs no network.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pydeck as pdk
import streamlit as st

from hubmap.colors import SCALES, metric_values
from hubmap.mapview import DEFAULT_CENTER, DEFAULT_ZOOM, fit_view
from hubmap.metrics import DEFAULT_WEIGHTS, hub_score, percentile_scores
from hubmap.towns import load_towns

MAP_HEIGHT = 560  # pixels, as hubmap's map
METRICS = {key: scale for key, scale in SCALES.items() if key != "savings"}
"""hubmap's colour metrics but first-year savings, which needs the relocation calculator's
inputs (the bench does not choose it)."""


@st.cache_resource(show_spinner="Loading towns...")
def towns() -> gpd.GeoDataFrame:
    """Every town with what the layer and its tooltip need, one colour column per metric."""
    frame = load_towns()
    frame["hub_score"] = hub_score(percentile_scores(frame), DEFAULT_WEIGHTS)["hub_score"]
    out = gpd.GeoDataFrame(
        {
            "lon": frame.geometry.x.round(4),
            "lat": frame.geometry.y.round(4),
            "name": frame["name"],
            "state": frame["state"],
            "state_name": frame["state_name"],
            "people": [f"{p:,.0f}" if p == p else "no data" for p in frame["population"]],
            # hubmap's radius: 1.6 log10(population) - 1.5 px, 3-10 px, 5 px unknown.
            "radius": np.clip(1.6 * np.log10(frame["population"].to_numpy()) - 1.5, 3, 10),
        },
        geometry=frame.geometry,
    )
    out["radius"] = out["radius"].fillna(5)
    for key, scale in METRICS.items():
        classes = scale.classify(metric_values(frame, scale))
        rgb = [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in scale.colors]
        out[f"color_{key}"] = [rgb[k] for k in classes]
        shown = frame[scale.value_column] if scale.value_column else None
        labels = np.asarray(scale.labels, dtype=object)[classes]
        out[f"value_{key}"] = (
            labels if shown is None else [scale.format_value(v) for v in shown.tolist()]
        )
    return out


st.set_page_config(page_title="Towns in deck.gl", layout="wide")  # hubmap's layout
data = towns()
names = dict(zip(data["state"], data["state_name"], strict=False))
with st.sidebar:
    states = st.multiselect(
        "State or province",
        sorted(names),
        format_func=lambda c: f"{c} - {names[c]}",
        placeholder="All",
    )
    metric = st.radio("Colour towns by", list(METRICS), format_func=lambda k: SCALES[k].label)

shown = data[data["state"].isin(states)] if states else data
scale = METRICS[metric]
# A state pick shows its towns (hubmap's fit); otherwise hubmap's opening view. deck.gl's
# zoom levels count 512 px tiles, Leaflet's 256 px: the same view is one level less.
(lat, lon), leaflet_zoom = fit_view(shown) if states else (DEFAULT_CENTER, DEFAULT_ZOOM)
zoom = leaflet_zoom - 1
layer = pdk.Layer(
    "ScatterplotLayer",
    data=shown[["lon", "lat", "name", "state", "people", "radius"]].assign(
        color=shown[f"color_{metric}"], value=shown[f"value_{metric}"]
    ),
    get_position=["lon", "lat"],
    get_fill_color="color",
    get_radius="radius",
    radius_units="'pixels'",  # quoted: pydeck reads a bare string as an expression
    stroked=True,
    get_line_color=[51, 51, 51],
    line_width_min_pixels=0.5,
    opacity=0.85,
    pickable=True,
)
st.title("Towns in deck.gl")
st.pydeck_chart(
    pdk.Deck(
        layers=[layer],
        initial_view_state=pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom),
        # No map provider and no style: no basemap. (map_style=None would make Streamlit
        # fetch a CARTO style from its CDN.)
        map_provider=None,
        tooltip={"text": "{name}, {state}\nPopulation: {people}\n" + scale.label + ": {value}"},
    ),
    height=MAP_HEIGHT,
    use_container_width=True,
)
