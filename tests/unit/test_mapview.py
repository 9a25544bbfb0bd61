from __future__ import annotations

import folium

from hubmap.mapview import (
    DEFAULT_CENTER,
    DEFAULT_ZOOM,
    base_map,
    fit_view,
    regions_script_json,
    regions_url_json,
)


def test_base_map_has_tiles_outlines_and_the_layer_code() -> None:
    m = base_map(regions_script_json({"type": "FeatureCollection", "features": []}))
    html = m.get_root().render()
    assert "tile.openstreetmap.org" in html and "OpenStreetMap" in html
    assert 'L.HubmapTowns.outlines({"type":"FeatureCollection"' in html
    assert "L.HubmapTowns = L.Layer.extend" in html
    # Leaflet only: none of folium's jQuery, Bootstrap or Font Awesome.
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    assert isinstance(m, folium.Map)


def test_a_base_map_with_an_outlines_url_carries_the_url_not_the_outlines() -> None:
    html = base_map(regions_url_json("app/static/regions.json")).get_root().render()
    assert 'L.HubmapTowns.outlines("app/static/regions.json",' in html
    assert "FeatureCollection" not in html


def test_fit_view(towns) -> None:
    centre, zoom = fit_view(towns[towns["state"] == "MT"])
    assert 45.5 < centre[0] < 47.2 and -111.1 < centre[1] < -108.9
    assert 5 <= zoom <= 9
    assert fit_view(towns.iloc[0:0]) == (DEFAULT_CENTER, DEFAULT_ZOOM)
    _, single = fit_view(towns.iloc[[0]])
    assert single == 12
