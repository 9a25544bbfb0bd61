from __future__ import annotations

import folium

from hubmap.mapview import DEFAULT_CENTER, DEFAULT_ZOOM, base_map, fit_view


def test_base_map_has_tiles_outlines_and_the_layer_code() -> None:
    m = base_map('{"type": "FeatureCollection", "features": []}')
    html = m.get_root().render()
    assert "tile.openstreetmap.org" in html and "OpenStreetMap" in html
    assert "L.geoJSON(" in html
    assert "L.HubmapTowns = L.Layer.extend" in html
    # Leaflet only: none of folium's jQuery, Bootstrap or Font Awesome.
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    assert isinstance(m, folium.Map)


def test_fit_view(towns) -> None:
    centre, zoom = fit_view(towns[towns["state"] == "MT"])
    assert 45.5 < centre[0] < 47.2 and -111.1 < centre[1] < -108.9
    assert 5 <= zoom <= 9
    assert fit_view(towns.iloc[0:0]) == (DEFAULT_CENTER, DEFAULT_ZOOM)
    _, single = fit_view(towns.iloc[[0]])
    assert single == 12
