"""The towns on the map: compact columns for the browser and the layer that draws them.

A town travels as about 45 bytes of JSON: coordinates (4 decimals, about 11 m), name, a state
index, population, a colour class and the active value. `L.HubmapTowns` (js/towns_layer.js,
loaded once with the base map) draws them on one canvas and finds the town under the mouse
through a grid, so hover and click work on every town without one Leaflet object per town.
Tooltips and the legend are built in the browser with `textContent`, so no data text is ever
parsed as HTML.

The payload comes in three parts so that each change recomputes only its own: the columns
(change with the filters), the colours (change with the metric) and the selected town. A
`FitRequest` rides along: the layer moves the map to its own towns before its first draw, so
a state pick redraws and moves in one step, without a round trip for the view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files

import folium
import numpy as np
import pandas as pd
from jinja2 import Template

from hubmap.colors import MetricScale, metric_values
from hubmap.embed import DataScript, script_json
from hubmap.formatting import bounded, code_of, column_value, is_exact
from hubmap.schema import BOUND_SUFFIX, COLUMN_BY_NAME

COORD_DECIMALS = 4
"""Coordinates sent to the browser are rounded to 4 decimals (about 11 m)."""
LAYER_CODE = files("hubmap").joinpath("js", "towns_layer.js").read_text(encoding="utf-8")
"""The JavaScript of `L.HubmapTowns`."""


def _nullable_list(values: pd.Series, decimals: int) -> list:
    """Values rounded to `decimals` (ints when 0), None where missing."""
    arr = values.astype("float64").round(decimals).to_numpy()
    out = arr.astype(object)
    missing = np.isnan(arr)
    out[missing] = None
    if decimals == 0:
        out[~missing] = arr[~missing].astype(np.int64)
    return out.tolist()


def columns_json(frame: pd.DataFrame) -> str:
    """What the layer needs of each town whatever the metric, as script-safe JSON:
    lat, lon (degrees, 4 decimals), n (name), s (index into sc, the state codes), p
    (population or null), in the frame's row order."""
    states = sorted(frame["state"].unique().tolist())
    state_index = {s: i for i, s in enumerate(states)}
    return script_json(
        {
            "lat": frame.geometry.y.round(COORD_DECIMALS).tolist(),
            "lon": frame.geometry.x.round(COORD_DECIMALS).tolist(),
            "n": frame["name"].tolist(),
            "s": frame["state"].map(state_index).tolist(),
            "sc": states,
            "p": _nullable_list(frame["population"], 0),
        }
    )


def inexact_texts(frame: pd.DataFrame, scale: MetricScale) -> dict[str, str]:
    """Tooltip text of the towns whose value is a Census code or a bound, by row position
    ("at least 15.5x", "$2,000,000+"); exact values are formatted in the browser."""
    name = scale.value_column
    if name is None or name not in COLUMN_BY_NAME or name not in frame:
        return {}
    col = COLUMN_BY_NAME[name]
    if col.codes is None and not col.bounded:
        return {}
    inexact = np.flatnonzero(~is_exact(frame, name).to_numpy() & frame[name].notna().to_numpy())
    rows = frame.iloc[inexact]
    texts = {}
    for position, (_, row) in zip(inexact, rows.iterrows(), strict=True):
        if code_of(col, row) is not None:
            texts[str(position)] = column_value(col, row[name], row)
        else:
            bound = row.get(name + BOUND_SUFFIX)
            texts[str(position)] = bounded(scale.format_value(row[name]), bound)
    return texts


def colours_json(frame: pd.DataFrame, scale: MetricScale) -> str:
    """How `scale` colours each town of `frame`, as script-safe JSON: c (class index),
    v (the tooltip's value, [] for categorical metrics), t (the text of coded or bounded
    values by row position, see `inexact_texts`), the value format (pre, suf, dec),
    the legend (pal, lab, counts per class), the paint order of the classes (order), the
    classes that recede (muted), the metric's label, and `partial`: the row positions of
    towns whose hub score leaves out a component (drawn as squares). The last class is no
    data."""
    classes = scale.classify(metric_values(frame, scale))
    values = frame[scale.value_column] if scale.value_column else None
    prefix, decimals, suffix = scale.number_parts()
    counts = np.bincount(classes.astype(np.int64), minlength=len(scale.colors))
    partial = []
    if scale.key == "score" and "hub_score_partial" in frame.columns:
        partial = np.flatnonzero(frame["hub_score_partial"].to_numpy(dtype=bool)).tolist()
    return script_json(
        {
            "c": classes.tolist(),
            "v": [] if values is None else _nullable_list(values, decimals),
            "t": inexact_texts(frame, scale),
            "categorical": values is None,
            "pre": prefix,
            "suf": suffix,
            "dec": decimals,
            "pal": list(scale.colors),
            "lab": list(scale.labels),
            "counts": counts.tolist(),
            "order": scale.draw_order(),
            "muted": list(scale.muted),
            "metric": scale.label,
            "partial": partial,
        }
    )


def selected_index(frame: pd.DataFrame, town_id: str | None) -> int:
    """Row position of `town_id` in `frame`, or -1 (no town, or not in the frame)."""
    if town_id is None:
        return -1
    hits = np.flatnonzero(frame["town_id"].to_numpy() == town_id)
    return int(hits[0]) if len(hits) else -1


@dataclass(frozen=True)
class FitRequest:
    """Ask the map to move when it adds the layer: to the bounds of the layer's towns, or to
    `home` (centre lat, lon in degrees, zoom). The map does each `id` once, so the later
    layers that carry the same request (a metric change, say) keep the user's view."""

    id: int
    home: tuple[float, float, int] | None = None

    def json(self) -> str:
        """As the layer reads it: {"id": ..., "home": [lat, lon, zoom] or null}."""
        return script_json({"id": self.id, "home": list(self.home) if self.home else None})


def payload_json(
    columns: str,
    colours: str,
    selected: int = -1,
    fit: FitRequest | None = None,
    highlighted: Sequence[int] = (),
) -> str:
    """The layer's payload from its parts (`columns_json`, `colours_json`, the row position
    of the selected town, a fit request or None, and the row positions of highlighted
    towns such as pinned ones: drawn with the selected one over every other town)."""
    fit_json = "null" if fit is None else fit.json()
    marked = ",".join(str(int(i)) for i in highlighted if int(i) >= 0)
    return (
        f'{{"towns":{columns},"colours":{colours},"sel":{int(selected)},'
        f'"fit":{fit_json},"hi":[{marked}]}}'
    )


def towns_payload(
    frame: pd.DataFrame,
    scale: MetricScale,
    selected_town: str | None = None,
    fit: FitRequest | None = None,
) -> str:
    """The whole payload for `frame` coloured by `scale`, with a ring around `selected_town`
    (a town id) if it is in `frame`, and a fit request (or None)."""
    return payload_json(
        columns_json(frame), colours_json(frame, scale), selected_index(frame, selected_town), fit
    )


class TownsLayerCode(DataScript):
    """Defines `L.HubmapTowns` (js/towns_layer.js); part of the base map."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "TownsLayerCode"
        self.code = LAYER_CODE


class TownsLayer(DataScript):
    """One `L.HubmapTowns` drawing a payload; `window.__hubmapTowns` is its status
    (count, metric, data, draws, shown), for tests and the benchmark."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.__hubmapTowns = new L.HubmapTowns({{ this.payload }})
            .addTo({{ this._parent.get_name() }}).status;
        {% endmacro %}
        """
    )

    def __init__(self, payload: str) -> None:
        super().__init__()
        self._name = "TownsLayer"
        self.payload = payload


def towns_layer(payload: str) -> folium.FeatureGroup:
    """The filter-dependent layer, to pass to `st_folium(feature_group_to_add=...)`."""
    group = folium.FeatureGroup(name="Towns", control=False)
    TownsLayer(payload).add_to(group)
    return group


def town_at(frame: pd.DataFrame, lat: float, lon: float) -> str | None:
    """The town whose (rounded) map coordinates are exactly (lat, lon), else None.

    The layer reports a clicked town's centre as sent, rounded to `COORD_DECIMALS`; the
    most populous town wins if two share a point.
    """
    lat_r = frame.geometry.y.round(COORD_DECIMALS).to_numpy()
    lon_r = frame.geometry.x.round(COORD_DECIMALS).to_numpy()
    tol = 0.5 * 10**-COORD_DECIMALS
    hit = np.flatnonzero((np.abs(lat_r - lat) < tol) & (np.abs(lon_r - lon) < tol))
    if len(hit) == 0:
        return None
    pops = frame["population"].iloc[hit].fillna(0).to_numpy()
    return str(frame["town_id"].iloc[hit[int(np.argmax(pops))]])
