"""The base map (built, never rendered here) and the map views the app asks for.

The base map is the part that never changes with the filters: tiles with their attribution,
state and province outlines, and the code of the towns layer (`hubmap.townslayer`), so the
layer that changes on every filter carries only data.

Tiles and outlines are added to the map after the first paint that follows the script (two
animation frames, then a task), and taken off and put back the same way when a fit moves the
map (`L.HubmapTowns.basemap` in js/towns_layer.js): the towns are drawn and shown first, and
the tile requests and the outlines' SVG do not stand in their way. The app's outlines come
from a file it serves (`regions_url_json`), fetched only then: the 220 kB of GeoJSON are not
in the first load's payload, nor in the copy of the base map every rerun sends.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import ClassVar

import folium
import numpy as np
import pandas as pd
from jinja2 import Template

from hubmap.embed import DataScript, script_json
from hubmap.townslayer import TownsLayerCode

DEFAULT_CENTER = (42.0, -96.0)
"""Map centre (lat, lon in degrees) that shows the lower 48 states and southern Canada."""
DEFAULT_ZOOM = 4
MIN_ZOOM, MAX_ZOOM = 3, 14


@dataclass(frozen=True)
class TileConfig:
    """The basemap: an XYZ tile URL template and the attribution its provider asks for."""

    url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution: str = (
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )


class DeferredTiles(DataScript):
    """The tile layer, added after the first paint (see the module's docstring)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.HubmapTowns.basemap({{ this._parent.get_name() }}, L.tileLayer({{ this.url }}, {
            attribution: {{ this.attribution }},
            minZoom: {{ this.min_zoom }}, maxZoom: {{ this.max_zoom }}}));
        {% endmacro %}
        """
    )

    def __init__(self, tiles: TileConfig) -> None:
        super().__init__()
        self._name = "DeferredTiles"
        self.url, self.attribution = script_json(tiles.url), script_json(tiles.attribution)
        self.min_zoom, self.max_zoom = MIN_ZOOM, MAX_ZOOM


class RegionOutlines(DataScript):
    """State and province outlines drawn under the towns, so the map reads without tiles;
    added after the first paint (`L.HubmapTowns.outlines` in js/towns_layer.js)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.HubmapTowns.outlines({{ this.source }}, {{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, source: str) -> None:
        super().__init__()
        self._name = "RegionOutlines"
        self.source = source


def regions_script_json(regions_geojson: dict) -> str:
    """The outlines inline, as script-safe JSON (compute once and cache; about 270 kB), for a
    map that must work on its own (a saved HTML file)."""
    return script_json(regions_geojson)


OUTLINES_URL = "app/static/regions.json"
"""Where the app serves its outlines file (dashboard/static/regions.json under Streamlit's
`server.enableStaticServing`), relative to the server's root."""


def regions_url_json(path: str = OUTLINES_URL) -> str:
    """The outlines as a file the app serves at `path` (relative to the server's root, e.g.
    `OUTLINES_URL`), fetched after the first paint, as script-safe JSON."""
    return script_json(path)


def outlines_file_text(regions_geojson: dict) -> str:
    """The outlines file the app serves (compact GeoJSON), from `load_regions()`'s
    `__geo_interface__`."""
    return json.dumps(regions_geojson, separators=(",", ":"), ensure_ascii=False)


class MapSetup(DataScript):
    """Once per base map: the map frame's styles (light tiles, legend, focus rings), the
    two-finger gesture on touch screens and, on a phone, a zoom that shows the whole
    country (`L.HubmapTowns.setup` in js/towns_layer.js)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.HubmapTowns.setup({{ this._parent.get_name() }}, {defaultView: true});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MapSetup"


class LeafletOnlyMap(folium.Map):
    """A folium map that loads Leaflet and nothing else.

    folium.Map also loads jQuery, Bootstrap, Font Awesome and Awesome Markers (about 470 kB)
    for popups and marker icons this map never uses.
    """

    default_js: ClassVar[list[tuple[str, str]]] = [
        (name, url) for name, url in folium.Map.default_js if name == "leaflet"
    ]
    default_css: ClassVar[list[tuple[str, str]]] = [
        (name, url) for name, url in folium.Map.default_css if name == "leaflet_css"
    ]


def base_map(regions: str, tiles: TileConfig = TileConfig()) -> folium.Map:
    """The static part of the map: tiles with their attribution, the region outlines
    (`regions`: `regions_script_json` inline or `regions_url_json` to fetch) and the towns
    layer's code (the towns themselves come through `hubmap.townslayer.towns_layer`).

    It does not change with filters, so streamlit-folium keeps the same component and the
    user's pan and zoom survive reruns.
    """
    m = LeafletOnlyMap(
        location=DEFAULT_CENTER,
        zoom_start=DEFAULT_ZOOM,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        tiles=None,
        control_scale=True,
    )
    TownsLayerCode().add_to(m)  # first: the basemap layers are added through its code
    DeferredTiles(tiles).add_to(m)
    RegionOutlines(regions).add_to(m)
    MapSetup().add_to(m)
    return m


def fit_view(
    frame: pd.DataFrame, width_px: int = 900, height_px: int = 560
) -> tuple[tuple[float, float], int]:
    """Centre (lat, lon) and the largest whole zoom that shows every town of `frame` in a
    map of the given size (pixels), in Web Mercator; the default view for an empty frame."""
    if frame.empty:
        return DEFAULT_CENTER, DEFAULT_ZOOM
    lon = frame.geometry.x.to_numpy()
    lat = np.clip(frame.geometry.y.to_numpy(), -85, 85)

    def merc_y(v: np.ndarray) -> np.ndarray:
        return np.log(np.tan(np.pi / 4 + np.radians(v) / 2))

    x_span = max((lon.max() - lon.min()) / 360, 1e-6)
    y_span = max((merc_y(lat).max() - merc_y(lat).min()) / (2 * np.pi), 1e-6)
    zoom_x = math.log2(width_px * 0.85 / 256 / x_span)
    zoom_y = math.log2(height_px * 0.85 / 256 / y_span)
    zoom = int(max(MIN_ZOOM, min(12, math.floor(min(zoom_x, zoom_y)))))
    y_mid = (merc_y(lat).max() + merc_y(lat).min()) / 2
    lat_mid = math.degrees(2 * math.atan(math.exp(y_mid)) - math.pi / 2)
    centre = (round(lat_mid, 4), round(float((lon.max() + lon.min()) / 2), 4))
    return centre, zoom
