"""The two ways of putting towns on a folium map, built and measured in Python.

- project: `base_map` + `towns_layer(towns_payload(...))`, compact columns drawn on a canvas;
- baseline: the same base map + one `folium.CircleMarker` with a `folium.Tooltip` per town.

Both colour the towns by the default metric (affordability) and show name, state,
population and the metric's value on hover.
"""

from __future__ import annotations

import html
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
from common import median
from streamlit import config as st_config
from streamlit import logger as st_logger

from hubmap.colors import SCALES, metric_values
from hubmap.mapview import base_map, regions_script_json
from hubmap.towns import load_regions
from hubmap.townslayer import towns_layer, towns_payload

SCALE = SCALES["afford"]
RETURNED = ["last_object_clicked", "center", "zoom"]
"""What the app asks `st_folium` to return (dashboard/pages/explorer.py)."""

MapPair = tuple[folium.Map, folium.FeatureGroup]


def regions_json(folder: Any = None) -> str:
    """The region outlines as the app caches them (computed once, outside every timing)."""
    return regions_script_json(load_regions(folder).__geo_interface__)


def build_project(frame: pd.DataFrame, regions: str) -> MapPair:
    """The project's way: the base map and the canvas towns layer."""
    return base_map(regions), towns_layer(towns_payload(frame, SCALE, None))


def _radius(population: float) -> float:
    if not population or math.isnan(population):
        return 3.0
    return max(3.0, min(10.0, 1.6 * math.log10(population) - 1.5))


def build_baseline(frame: pd.DataFrame, regions: str) -> MapPair:
    """The usual way: one CircleMarker with a tooltip per town, in one FeatureGroup."""
    m = base_map(regions)
    group = folium.FeatureGroup(name="Towns", control=False)
    classes = SCALE.classify(metric_values(frame, SCALE))
    values = frame[SCALE.value_column] if SCALE.value_column else metric_values(frame, SCALE)
    rows = zip(
        frame.geometry.y, frame.geometry.x, frame["name"], frame["state"],
        frame["population"], values, classes, strict=True,
    )  # fmt: skip
    for lat, lon, name, state, pop, value, cls in rows:
        people = "no data" if pd.isna(pop) else f"{int(pop):,}"
        text = (
            f"<b>{html.escape(str(name))}, {state}</b><br>Population: {people}<br>"
            f"{SCALE.label}: {SCALE.format_value(value)}"
        )
        folium.CircleMarker(
            location=(round(lat, 4), round(lon, 4)),
            radius=_radius(pop),
            color="#333333",
            weight=0.5,
            fill=True,
            fill_color=SCALE.colors[int(cls)],
            fill_opacity=0.85,
            tooltip=folium.Tooltip(text),
        ).add_to(group)
    return m, group


def standalone_html(pair: MapPair) -> str:
    """A whole HTML page of the map with its towns (what a browser loads on its own)."""
    m, layer = pair
    layer.add_to(m)
    return m.get_root().render()


def component_args(pair: MapPair) -> dict[str, Any]:
    """What `st_folium` would send to its component for this map, as the app calls it.

    The component function is swapped for one that records its arguments, so no
    Streamlit server is needed.
    """
    st_config.get_config_options()  # reading the config first sets its log level ...
    st_logger.set_log_level(logging.ERROR)  # ... then no "missing ScriptRunContext" warnings
    import streamlit_folium

    captured: dict[str, Any] = {}

    def record(**kwargs: Any) -> Any:
        captured.update(kwargs)
        return kwargs.get("default")

    original = streamlit_folium._component_func
    streamlit_folium._component_func = record
    try:
        m, layer = pair
        streamlit_folium.st_folium(
            m, key="map", feature_group_to_add=layer, returned_objects=RETURNED, height=560
        )
    finally:
        streamlit_folium._component_func = original
    return captured


def payload_bytes(args: dict[str, Any]) -> tuple[int, int]:
    """(all the text sent to the component, the towns layer's part of it), in bytes."""
    total = 0
    for value in args.values():
        if isinstance(value, str):
            total += len(value.encode())
        elif isinstance(value, list):
            total += sum(len(str(item).encode()) for item in value)
    return total, len((args.get("feature_group") or "").encode())


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


@dataclass
class PythonResult:
    """Medians of one way on one data set (seconds and bytes)."""

    towns: int
    build_s: float
    render_s: float
    component_s: float
    html_bytes: int
    component_bytes: int
    layer_bytes: int
    html: str

    @property
    def layer_bytes_per_town(self) -> float:
        """Bytes of the towns layer sent to the component, per town."""
        return self.layer_bytes / max(self.towns, 1)


def measure_python(
    build: Callable[[pd.DataFrame, str], MapPair], frame: pd.DataFrame, regions: str, reps: int
) -> PythonResult:
    """Build + render a standalone page, and build + convert for `st_folium`, `reps` times."""
    builds, renders, conversions = [], [], []
    page, args = "", {}
    for _ in range(reps):
        seconds, pair = timed(lambda: build(frame, regions))
        builds.append(seconds)
        seconds, page = timed(lambda pair=pair: standalone_html(pair))
        renders.append(seconds)
        pair = build(frame, regions)
        seconds, args = timed(lambda pair=pair: component_args(pair))
        conversions.append(seconds)
    total, layer = payload_bytes(args)
    return PythonResult(
        towns=len(frame),
        build_s=median(builds),
        render_s=median(renders),
        component_s=median(conversions),
        html_bytes=len(page.encode()),
        component_bytes=total,
        layer_bytes=layer,
        html=page,
    )
