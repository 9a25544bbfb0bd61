from __future__ import annotations

import json

import folium

from hubmap.colors import AFFORDABILITY, CONNECTIVITY
from hubmap.mapview import (
    DEFAULT_CENTER,
    DEFAULT_ZOOM,
    base_map,
    fit_view,
    town_at,
    towns_layer,
    towns_payload,
)


def _decode(payload: str) -> dict:
    return json.loads(payload)


def test_payload_is_compact_columns(towns) -> None:
    data = _decode(towns_payload(towns, AFFORDABILITY, selected_town="4075000"))
    assert len(data["lat"]) == len(towns)
    assert data["lat"][0] == 45.68 and data["lon"][0] == -111.05
    assert data["c"][3] == 6  # missing price-to-income -> the no-data class
    assert data["v"][0] == 6.5 and data["v"][3] is None
    assert data["sel"] == 1
    assert data["lab"][-1] == "No data"
    assert sum(data["counts"]) == len(towns)


def test_categorical_payload_sends_no_values(towns) -> None:
    data = _decode(towns_payload(towns, CONNECTIVITY))
    assert data["categorical"] is True and data["v"] == []
    assert data["sel"] == -1


def test_payload_cannot_close_the_script_tag(towns) -> None:
    hostile = towns.copy()
    hostile.loc[0, "name"] = "</script><script>alert(1)</script>"
    payload = towns_payload(hostile, AFFORDABILITY)
    assert "</" not in payload and "<script" not in payload
    assert _decode(payload)["n"][0] == "</script><script>alert(1)</script>"


def test_layer_renders_into_a_map(towns) -> None:
    m = base_map('{"type": "FeatureCollection", "features": []}')
    towns_layer(towns_payload(towns, AFFORDABILITY)).add_to(m)
    html = m.get_root().render()
    assert "L.canvas" in html and "hubmap-legend" in html
    assert "tile.openstreetmap.org" in html and "OpenStreetMap" in html
    assert isinstance(m, folium.Map)


def test_town_at_matches_rounded_centres(towns) -> None:
    assert town_at(towns, 45.68, -111.05) == "3008950"
    assert town_at(towns, 45.68004, -111.04996) == "3008950"
    assert town_at(towns, 45.7, -111.05) is None


def test_fit_view(towns) -> None:
    centre, zoom = fit_view(towns[towns["state"] == "MT"])
    assert 45.5 < centre[0] < 47.2 and -111.1 < centre[1] < -108.9
    assert 5 <= zoom <= 9
    assert fit_view(towns.iloc[0:0]) == (DEFAULT_CENTER, DEFAULT_ZOOM)
    _, single = fit_view(towns.iloc[[0]])
    assert single == 12
