"""The only place that caches: the shared town table and everything derived from it once.

`st.cache_resource` hands every session the same objects (loaded once per server process);
treat them as read-only. Small per-view results use `st.cache_data`.
"""

from __future__ import annotations

import gc

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from hubmap import towns as town_data
from hubmap.calculator import Inputs, savings_kept
from hubmap.colors import SCALES, MetricScale, classed, metric_values
from hubmap.filters import FilterState, filter_mask
from hubmap.incentive_rules import with_counting_rules
from hubmap.metrics import SCORE_COMPONENTS, hub_score, percentile_scores
from hubmap.peers import peer_columns
from hubmap.ranks import score_ranks
from hubmap.search import SearchIndex
from hubmap.search import search_index as build_search_index
from hubmap.townslayer import colours_json, columns_json
from hubmap.viewstate import ViewState


@st.cache_resource(show_spinner="Loading towns...")
def towns() -> gpd.GeoDataFrame:
    """The shared town table (read-only), with the score components' percentiles."""
    # Text columns are Arrow arrays. pyarrow's default pool (mimalloc) keeps memory per
    # thread, and Streamlit runs every script run in a new thread: measured with 10
    # sessions, server memory grew 1.8-1.9x over one session with mimalloc, about 1.5x with
    # the system allocator.
    pa.set_memory_pool(pa.system_memory_pool())
    frame = town_data.load_towns()
    pct = percentile_scores(frame)
    for key in pct.columns:
        frame[f"pct_{key}"] = pct[key]
    # The table lives as long as the process: move it and everything loaded so far out of
    # the garbage collector's way, so the full collection Streamlit runs after every script
    # run does not walk it again (measured: about 170 ms of server CPU per rerun).
    gc.freeze()
    return frame


@st.cache_resource
def town_ids() -> frozenset[str]:
    """Every town id (to check links against)."""
    return frozenset(towns()["town_id"])


@st.cache_resource
def state_names() -> dict[str, str]:
    """State or province code -> name, sorted by code."""
    pairs = towns()[["state", "state_name"]].drop_duplicates().sort_values("state")
    return dict(zip(pairs["state"], pairs["state_name"], strict=True))


@st.cache_resource
def metadata() -> dict:
    """geodata/metadata.json."""
    return town_data.load_metadata()


@st.cache_resource
def programs() -> pd.DataFrame:
    """The curated incentive programs."""
    return town_data.load_programs()


@st.cache_resource(max_entries=4, show_spinner=False)
def counted_towns(include_unknown: bool, include_other_types: bool) -> gpd.GeoDataFrame:
    """`towns()` with its incentive columns (and incentive percentile) for these counting
    rules (read-only); the default rules are `towns()` itself."""
    base = towns()
    frame = with_counting_rules(base, programs(), include_unknown, include_other_types)
    if frame is not base:
        frame["pct_incentive"] = percentile_scores(frame)["incentive"]
    return frame


def towns_for(filters: FilterState) -> gpd.GeoDataFrame:
    """The town table whose incentive columns follow the filters' counting rules."""
    return counted_towns(filters.include_unknown_incentive, filters.include_other_incentive_types)


@st.cache_resource(max_entries=8, show_spinner=False)
def kept_rows(filters: FilterState) -> np.ndarray:
    """Which rows of `towns_for(filters)` the filters keep (bool per town), computed once
    per filter set for both the view frame and the map's columns."""
    return filter_mask(towns_for(filters), filters)


@st.cache_resource(max_entries=8, show_spinner=False)
def view_frame(filters: FilterState, weights: tuple[int, ...]) -> pd.DataFrame:
    """The one filtered frame every part of the page reads, with `hub_score` added.

    Shared between sessions showing the same view (read-only): the map payload, the panels
    and every rerun of the page reuse it instead of filtering again.
    """
    subset = towns_for(filters)[kept_rows(filters)].copy()
    keys = [c.key for c in SCORE_COMPONENTS]
    pct = subset[[f"pct_{k}" for k in keys]].set_axis(keys, axis=1)
    scores = hub_score(pct, dict(zip(keys, weights, strict=True)))
    subset["hub_score"] = scores["hub_score"]
    subset["hub_score_partial"] = scores["hub_score_partial"]
    return subset


@st.cache_resource(max_entries=8, show_spinner=False)
def map_columns(filters: FilterState) -> str:
    """The towns layer's columns for the towns `filters` keep, in `view_frame`'s row order.

    Keyed by the filters alone: the hub score weights change the scores, not which towns
    are shown, so a weight change reuses this. A string, so sharing it is safe.
    """
    return columns_json(towns_for(filters)[kept_rows(filters)])


@st.cache_resource(max_entries=8, show_spinner=False)
def scored_towns(weights: tuple[int, ...]) -> pd.DataFrame:
    """Every town's metric columns with `hub_score` at these weights (read-only)."""
    keys = [c.key for c in SCORE_COMPONENTS]
    pct = towns()[[f"pct_{k}" for k in keys]].set_axis(keys, axis=1)
    frame = pd.DataFrame(towns().drop(columns="geometry"))
    frame["hub_score"] = hub_score(pct, dict(zip(keys, weights, strict=True)))["hub_score"]
    return frame


@st.cache_resource(max_entries=16, show_spinner=False)
def scale(metric: str, weights: tuple[int, ...]) -> MetricScale:
    """The metric's scale, its breaks taken from every town's value (the hub score's at
    these weights), so a town keeps its colour whatever the filters."""
    base = SCALES[metric]
    return classed(base, metric_values(scored_towns(weights), base))


@st.cache_resource(max_entries=32, show_spinner=False)
def map_colours(filters: FilterState, weights: tuple[int, ...], metric: str) -> str:
    """The towns layer's colours for one view and metric (a metric change computes only
    these: about a third of the payload's work)."""
    return colours_json(view_frame(filters, weights), scale(metric, weights))


@st.cache_resource(max_entries=8, show_spinner=False)
def scored(
    counting: tuple[bool, bool], weights: tuple[int, ...], include_partial: bool
) -> pd.DataFrame:
    """Every town's hub score (whatever the filters) and its rank in its state and country:
    `hub_score`, `hub_score_partial`, `rank_state`, `of_state`, `rank_country`,
    `of_country`, aligned to `towns()`. `counting` is which incentive programs count
    (`counted_towns`' arguments). Read-only."""
    frame = counted_towns(*counting)
    keys = [c.key for c in SCORE_COMPONENTS]
    pct = frame[[f"pct_{k}" for k in keys]].set_axis(keys, axis=1)
    scores = hub_score(pct, dict(zip(keys, weights, strict=True)))
    scores["state"], scores["country"] = frame["state"], frame["country"]
    ranks = score_ranks(scores, include_partial)
    return pd.concat([scores.drop(columns=["state", "country"]), ranks], axis=1)


@st.cache_resource(max_entries=4, show_spinner=False)
def peer_frame(
    counting: tuple[bool, bool], weights: tuple[int, ...], include_partial: bool
) -> pd.DataFrame:
    """Every town's columns `hubmap.peers` reads, with the hub score at these weights
    (whatever the filters: a town's peers are all towns). Read-only."""
    frame = counted_towns(*counting)
    scores = scored(counting, weights, include_partial)
    out = pd.DataFrame(frame[peer_columns(list(frame.columns))])
    out["hub_score"], out["hub_score_partial"] = scores["hub_score"], scores["hub_score_partial"]
    return out


def town_row(town_id: str, view: ViewState) -> pd.Series | None:
    """One town's row of the town table (incentives counted as `view`'s filters say) with
    its score, percentiles and ranks under `view`'s weights, or None."""
    f = view.filters
    counting = (f.include_unknown_incentive, f.include_other_incentive_types)
    frame = counted_towns(*counting)
    hits = (frame["town_id"] == town_id).to_numpy().nonzero()[0]
    if not len(hits):
        return None
    i = frame.index[hits[0]]
    return pd.concat([frame.loc[i], scored(counting, view.weights, view.include_partial).loc[i]])


@st.cache_resource(show_spinner=False)
def search_index() -> SearchIndex:
    """The town search index (built once per server process, on the first search)."""
    return build_search_index(towns())


@st.cache_resource(max_entries=8, show_spinner=False)
def calc_frame(
    filters: FilterState, weights: tuple[int, ...], inputs: Inputs, min_savings: int | None
) -> pd.DataFrame:
    """`view_frame` with the relocation calculator's columns (`hubmap.calculator`), keeping
    only towns saving at least `min_savings` USD in the first year when it is set."""
    return savings_kept(view_frame(filters, weights), inputs, min_savings)


@st.cache_resource(max_entries=16, show_spinner=False)
def calc_layer(
    filters: FilterState,
    weights: tuple[int, ...],
    inputs: Inputs,
    min_savings: int | None,
    metric: str,
) -> tuple[str, str]:
    """The towns layer's columns and colours (strings) for `calc_frame` and `metric`."""
    frame = calc_frame(filters, weights, inputs, min_savings)
    return columns_json(frame), colours_json(frame, SCALES[metric])
