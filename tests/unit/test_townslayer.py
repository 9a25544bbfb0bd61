from __future__ import annotations

import json

import folium
import pandas as pd

from hubmap.colors import AFFORDABILITY, CONNECTIVITY, INCENTIVE
from hubmap.mapview import base_map
from hubmap.townslayer import (
    FitRequest,
    colours_json,
    columns_json,
    payload_json,
    selected_index,
    town_at,
    towns_layer,
    towns_payload,
)


def test_payload_is_compact_columns(towns) -> None:
    data = json.loads(towns_payload(towns, AFFORDABILITY, selected_town="4075000"))
    assert set(data) == {"towns", "colours", "sel", "fit", "hi"}
    assert data["fit"] is None
    columns, colours = data["towns"], data["colours"]
    assert len(columns["lat"]) == len(towns)
    assert columns["lat"][0] == 45.68 and columns["lon"][0] == -111.05
    assert columns["sc"][columns["s"][0]] == "MT"
    assert columns["p"][0] == 55042
    assert colours["c"][3] == 4  # missing price-to-income -> the no-data class
    assert colours["v"][0] == 6.5 and colours["v"][3] is None
    assert data["sel"] == 1
    assert colours["lab"][-1] == "No data"
    assert sum(colours["counts"]) == len(towns)
    assert colours["metric"] == AFFORDABILITY.label
    assert colours["order"] == AFFORDABILITY.draw_order() and colours["muted"] == []
    assert data["hi"] == []


def test_highlighted_towns_travel_as_row_positions(towns) -> None:
    columns, colours = columns_json(towns), colours_json(towns, INCENTIVE)
    data = json.loads(payload_json(columns, colours, 2, highlighted=[0, 3]))
    assert data["sel"] == 2 and data["hi"] == [0, 3]
    assert data["colours"]["muted"] == list(INCENTIVE.muted)


def test_payload_parts_compose(towns) -> None:
    whole = towns_payload(towns, CONNECTIVITY, "3008950")
    parts = payload_json(columns_json(towns), colours_json(towns, CONNECTIVITY), 0)
    assert whole == parts
    assert selected_index(towns, "no-such-town") == -1
    assert selected_index(towns, None) == -1


def test_payload_carries_the_fit_request(towns) -> None:
    columns, colours = columns_json(towns), colours_json(towns, CONNECTIVITY)
    to_towns = json.loads(payload_json(columns, colours, -1, FitRequest(3)))
    assert to_towns["fit"] == {"id": 3, "home": None}
    home = json.loads(payload_json(columns, colours, -1, FitRequest(4, (42.0, -96.0, 4))))
    assert home["fit"] == {"id": 4, "home": [42.0, -96.0, 4]}


def test_categorical_payload_sends_no_values(towns) -> None:
    colours = json.loads(colours_json(towns, CONNECTIVITY))
    assert colours["categorical"] is True and colours["v"] == []


def test_payload_cannot_close_the_script_tag(towns) -> None:
    hostile = towns.copy()
    hostile.loc[0, "name"] = "</script><script>alert(1)</script>"
    payload = towns_payload(hostile, AFFORDABILITY)
    assert "</" not in payload and "<script" not in payload
    assert json.loads(payload)["towns"]["n"][0] == "</script><script>alert(1)</script>"


def test_layer_renders_into_a_map(towns) -> None:
    m = base_map('{"type": "FeatureCollection", "features": []}')
    towns_layer(towns_payload(towns, AFFORDABILITY)).add_to(m)
    html = m.get_root().render()
    assert "new L.HubmapTowns(" in html and "window.__hubmapTowns" in html
    # The class is defined before the layer that uses it.
    assert html.index("L.HubmapTowns = L.Layer.extend") < html.index("new L.HubmapTowns(")
    assert isinstance(towns_layer("{}"), folium.FeatureGroup)


def test_town_at_matches_rounded_centres(towns) -> None:
    assert town_at(towns, 45.68, -111.05) == "3008950"
    assert town_at(towns, 45.68004, -111.04996) == "3008950"
    assert town_at(towns, 45.7, -111.05) is None


def test_tooltip_text_of_bounds_and_codes(towns) -> None:
    towns = towns.copy()
    towns["price_to_income_bound"] = "exact"
    towns.loc[0, "price_to_income"] = 25.02
    towns.loc[0, "price_to_income_bound"] = "at least"
    towns.loc[3, "price_to_income_bound"] = None  # no value, no bound
    colours = json.loads(colours_json(towns, AFFORDABILITY))
    assert colours["t"] == {"0": "at least 25.0x"}
    assert json.loads(colours_json(towns, CONNECTIVITY))["t"] == {}


def test_partial_hub_scores_travel_as_indices_for_the_score_metric_only() -> None:
    from hubmap.colors import HUB_SCORE

    frame = pd.DataFrame(
        {
            "hub_score": [80.0, 40.0, None],
            "hub_score_partial": [True, False, False],
            "price_to_income": [3.0, 4.0, 5.0],
        }
    )
    assert json.loads(colours_json(frame, HUB_SCORE))["partial"] == [0]
    assert json.loads(colours_json(frame, AFFORDABILITY))["partial"] == []
