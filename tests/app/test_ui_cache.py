"""The app's caches: the layer's parts line up with the frame every panel reads."""

from __future__ import annotations

import json

import pyarrow as pa
import ui_cache

from hubmap.filters import FilterState
from hubmap.metrics import SCORE_COMPONENTS


def test_map_columns_follow_the_view_frame_whatever_the_weights() -> None:
    filters = FilterState(states=("MT", "VT"), population_max=10_000_000)
    for weights in ((40, 30, 20, 10), (0, 0, 100, 0)):
        assert len(weights) == len(SCORE_COMPONENTS)
        frame = ui_cache.view_frame(filters, weights)
        columns = json.loads(ui_cache.map_columns(filters))
        colours = json.loads(ui_cache.map_colours(filters, weights, "score"))
        assert columns["n"] == frame["name"].tolist()
        assert len(colours["c"]) == len(frame) > 100


def test_towns_are_loaded_with_the_system_allocator() -> None:
    """Arrow's mimalloc pool keeps memory per thread; Streamlit uses a thread per run."""
    assert len(ui_cache.towns()) > 10_000
    assert pa.default_memory_pool().backend_name == "system"
