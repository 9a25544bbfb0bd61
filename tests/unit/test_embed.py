"""Data text through streamlit-folium's conversion of the map to script arrives as it was."""

from __future__ import annotations

import json

import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string

from hubmap.colors import SCALES
from hubmap.embed import script_json
from hubmap.mapview import base_map, regions_script_json
from hubmap.townslayer import towns_layer, towns_payload

REWRITTEN = [
    "{{'x'}}",  # streamlit-folium resolves {{ 'name' }} to name (seen: the name became x)
    "{{ 'map_div' }} and {{'feature_group_feature_group_0'}}",
    "alert(coords); stays",  # deleted from the base map's script
    "</script><script>window.__hubmapXss=1</script>",
    "line\u2028separator \u202eRTL 'quoted' \"double\" \\ back",
]


def _json_after(script: str, marker: str) -> object:
    start = script.index(marker) + len(marker)
    return json.JSONDecoder().raw_decode(script, start)[0]


def test_town_names_survive_the_feature_group_conversion(towns) -> None:
    frame = towns.iloc[: len(REWRITTEN)].copy()
    frame["name"] = REWRITTEN
    layer = towns_layer(towns_payload(frame, SCALES["afford"]))
    script = _get_feature_group_string(layer, base_map("{}"))
    assert _json_after(script, "new L.HubmapTowns(")["towns"]["n"] == REWRITTEN
    assert "</script" not in script.lower()


def test_region_names_survive_the_base_map_conversion() -> None:
    regions = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": name},
         "geometry": {"type": "Point", "coordinates": [0, 0]}} for name in REWRITTEN]}  # fmt: skip
    script = _get_map_string(base_map(regions_script_json(regions)))
    features = _json_after(script, "L.HubmapTowns.outlines(")["features"]
    names = [f["properties"]["name"] for f in features]
    assert names == REWRITTEN


@pytest.mark.parametrize("text", REWRITTEN)
def test_script_json_is_json_that_reads_back(text) -> None:
    assert json.loads(script_json({"n": [text]})) == {"n": [text]}
