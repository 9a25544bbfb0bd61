"""Builds the folium map (never renders it): a light base map and a canvas layer of towns.

Towns travel to the browser as compact columns (coordinates, a colour class, name, state,
population, the active value), about 50 bytes a town, and a small script of this module's
own draws them as Leaflet circle markers on one canvas. Tooltips and the legend are built in
the browser from that data with `textContent`, so no data text is ever parsed as HTML.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import ClassVar

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from hubmap.colors import MetricScale, metric_values

DEFAULT_CENTER = (42.0, -96.0)
"""Map centre (lat, lon in degrees) that shows the lower 48 states and southern Canada."""
DEFAULT_ZOOM = 4
MIN_ZOOM, MAX_ZOOM = 3, 14
COORD_DECIMALS = 4
"""Coordinates sent to the browser are rounded to 4 decimals (about 11 m)."""


@dataclass(frozen=True)
class TileConfig:
    """The basemap: an XYZ tile URL template and the attribution its provider asks for."""

    url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution: str = (
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )
    name: str = "OpenStreetMap"


def _json_for_script(payload: object) -> str:
    """JSON safe to place inside a <script>: no '</' or HTML comment openers survive."""
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _RawScript(Element):
    """A script that is already rendered: branca would compile it as a Jinja template again."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: object) -> str:
        return self._text


class _DataScript(MacroElement):
    """A MacroElement with only a `script` macro and a large data string.

    branca's `MacroElement.render` wraps the rendered script in a new `Element`, which
    compiles it as a Jinja template: for a 700 kB payload that lexing alone took about
    40 ms per rerun. This renders the macro once and adds the text as it is.
    """

    def render(self, **kwargs: object) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_RawScript(script(self, kwargs)), name=self.get_name())


class RegionOutlines(_DataScript):
    """State and province outlines drawn under the towns, so the map reads without tiles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.geoJSON({{ this.geojson }}, {
            interactive: false,
            style: {color: "#6b6b6b", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 0.35}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, geojson: str) -> None:
        super().__init__()
        self._name = "RegionOutlines"
        self.geojson = geojson


def regions_script_json(regions_geojson: dict) -> str:
    """The outlines as script-safe JSON (compute once and cache; it is about 270 kB)."""
    return _json_for_script(regions_geojson)


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


def base_map(regions_json: str, tiles: TileConfig = TileConfig()) -> folium.Map:
    """The static part of the map: tiles with their attribution and the region outlines.

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
    folium.TileLayer(tiles=tiles.url, attr=tiles.attribution, name=tiles.name).add_to(m)
    RegionOutlines(regions_json).add_to(m)
    return m


class TownsCanvas(_DataScript):
    """All towns of a frame as canvas circle markers, a shared tooltip, a legend control and
    a ring around the selected town. A click reports the town's exact centre as the clicked
    point, so the app can tell which town it was."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var group = {{ this._parent.get_name() }};
            var d = {{ this.payload }};
            var renderer = L.canvas({padding: 0.3});
            var tip = L.tooltip({direction: "top", offset: [0, -6], className: "hubmap-tip"});
            function fmt(i) {
                var v = d.v[i];
                if (d.categorical || v === null) { return d.lab[d.c[i]]; }
                return d.pre + v.toLocaleString("en-US", {maximumFractionDigits: d.dec}) + d.suf;
            }
            function line(parent, text, bold) {
                var el = document.createElement(bold ? "strong" : "div");
                el.textContent = text;
                parent.appendChild(el);
            }
            function tipContent(i) {
                var box = document.createElement("div");
                line(box, d.n[i] + ", " + d.sc[d.s[i]], true);
                var pop = d.p[i] === null ? "no data" : d.p[i].toLocaleString("en-US");
                line(box, "Population: " + pop);
                line(box, d.metric + ": " + fmt(i));
                return box;
            }
            function keepCentre(e) { e.latlng = e.target.getLatLng(); }
            function radius(p) {
                return p ? Math.max(3, Math.min(10, 1.6 * Math.log10(p) - 1.5)) : 3;
            }
            function zoomFactor() {
                var z = group._map ? group._map.getZoom() : 4;
                return z <= 4 ? 0.6 : (z <= 6 ? 0.8 : 1);
            }
            var factor = zoomFactor();
            for (var i = 0; i < d.lat.length; i++) {
                var m = L.circleMarker([d.lat[i], d.lon[i]], {
                    renderer: renderer, radius: radius(d.p[i]) * factor, color: "#333333",
                    weight: 0.5, fillColor: d.pal[d.c[i]], fillOpacity: 0.85,
                    bubblingMouseEvents: false
                });
                m._hubIdx = i;
                m.on("click", keepCentre);
                group.addLayer(m);
            }
            group.on("mouseover", function (e) {
                if (e.layer._hubIdx === undefined) { return; }
                tip.setLatLng(e.layer.getLatLng()).setContent(tipContent(e.layer._hubIdx));
                if (group._map) { group._map.openTooltip(tip); }
            });
            group.on("mouseout", function () { if (group._map) { group._map.closeTooltip(tip); } });
            if (d.sel >= 0) {
                L.circleMarker([d.lat[d.sel], d.lon[d.sel]], {
                    radius: radius(d.p[d.sel]) + 6, color: "#d7191c", weight: 3, fill: false,
                    interactive: false
                }).addTo(group);
            }
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var box = L.DomUtil.create("div", "hubmap-legend");
                box.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;" +
                    "font:12px/1.35 sans-serif;border-radius:4px;" +
                    "box-shadow:0 1px 4px rgba(0,0,0,.3)";
                line(box, d.title, true);
                for (var k = 0; k < d.pal.length; k++) {
                    var row = document.createElement("div");
                    var sw = document.createElement("span");
                    sw.style.cssText = "display:inline-block;width:11px;height:11px;" +
                        "margin-right:6px;border:1px solid #555;border-radius:50%;" +
                        "vertical-align:-1px;background:" + d.pal[k];
                    row.appendChild(sw);
                    var n = d.counts[k].toLocaleString("en-US");
                    row.appendChild(document.createTextNode(d.lab[k] + " (" + n + ")"));
                    box.appendChild(row);
                }
                return box;
            };
            function resize() {
                var f = zoomFactor();
                if (f === factor) { return; }
                factor = f;
                group.eachLayer(function (m) {
                    if (m._hubIdx !== undefined) { m.setRadius(radius(d.p[m._hubIdx]) * f); }
                });
            }
            function showLegend() {
                if (group._map) { legend.addTo(group._map); group._map.on("zoomend", resize); }
            }
            group.on("add", showLegend);
            group.on("remove", function () {
                legend.remove();
                if (group._map) { group._map.off("zoomend", resize); }
            });
            showLegend();
            window.__hubmapTowns = {count: d.lat.length, metric: d.metric, data: d};
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload: str) -> None:
        super().__init__()
        self._name = "TownsCanvas"
        self.payload = payload


def _nullable_list(values: pd.Series, decimals: int) -> list:
    arr = values.astype("float64").round(decimals).to_numpy()
    out = arr.astype(object)
    out[np.isnan(arr)] = None
    if decimals == 0:
        out[~np.isnan(arr)] = arr[~np.isnan(arr)].astype(np.int64)
    return out.tolist()


def towns_payload(frame: pd.DataFrame, scale: MetricScale, selected_town: str | None = None) -> str:
    """The compact, script-safe JSON the `TownsCanvas` draws from, for `frame` coloured by
    `scale`, with a ring around `selected_town` (a town id) if it is in `frame`."""
    classes = scale.classify(metric_values(frame, scale))
    values = frame[scale.value_column] if scale.value_column else None
    states = sorted(frame["state"].unique().tolist())
    state_index = {s: i for i, s in enumerate(states)}
    decimals = 1 if scale.key == "afford" else 0
    sel = -1
    if selected_town is not None:
        hits = np.flatnonzero(frame["town_id"].to_numpy() == selected_town)
        sel = int(hits[0]) if len(hits) else -1
    counts = np.bincount(classes.astype(np.int64), minlength=len(scale.colors))
    payload = {
        "lat": frame.geometry.y.round(COORD_DECIMALS).tolist(),
        "lon": frame.geometry.x.round(COORD_DECIMALS).tolist(),
        "c": classes.tolist(),
        "n": frame["name"].tolist(),
        "s": frame["state"].map(state_index).tolist(),
        "sc": states,
        "p": _nullable_list(frame["population"], 0),
        "v": [] if values is None else _nullable_list(values, decimals),
        "categorical": values is None,
        "pre": "$" if scale.key == "incentive" else "",
        "suf": "x" if scale.key == "afford" else "",
        "dec": decimals,
        "pal": list(scale.colors),
        "lab": list(scale.labels),
        "counts": counts.tolist(),
        "metric": scale.label,
        "title": scale.label,
        "sel": sel,
    }
    return _json_for_script(payload)


def towns_layer(payload: str) -> folium.FeatureGroup:
    """The filter-dependent layer, to pass to `st_folium(feature_group_to_add=...)`."""
    group = folium.FeatureGroup(name="Towns", control=False)
    TownsCanvas(payload).add_to(group)
    return group


def town_at(frame: pd.DataFrame, lat: float, lon: float) -> str | None:
    """The town whose (rounded) map coordinates are exactly (lat, lon), else None.

    The map reports a clicked town's centre as sent, rounded to `COORD_DECIMALS`; the most
    populous town wins if two share a point.
    """
    lat_r = frame.geometry.y.round(COORD_DECIMALS).to_numpy()
    lon_r = frame.geometry.x.round(COORD_DECIMALS).to_numpy()
    tol = 0.5 * 10**-COORD_DECIMALS
    hit = np.flatnonzero((np.abs(lat_r - lat) < tol) & (np.abs(lon_r - lon) < tol))
    if len(hit) == 0:
        return None
    pops = frame["population"].iloc[hit].fillna(0).to_numpy()
    return str(frame["town_id"].iloc[hit[int(np.argmax(pops))]])


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
