"""The selected town among its peers: rank and percentile on each metric, as a table, a
bar per metric and a CSV download (`hubmap.peers`)."""

from __future__ import annotations

from datetime import UTC, datetime

import altair as alt
import streamlit as st
import ui_cache

from hubmap.citation import slug
from hubmap.peers import GROUPS, PEER_HEADINGS, peer_ranks, peers_csv, percentile_text
from hubmap.text import escape_frame, escape_markdown
from hubmap.viewstate import ViewState

SHORT_HEADINGS = {
    **PEER_HEADINGS,
    "rank": "Rank (1 = best)",
    "percentile": "Percentile",
    "median": "Peer median",
}
"""Headings that fit a phone's width (the caption says what they mean)."""


def panel(view: ViewState) -> None:
    """Peers of the selected town, or how to select one."""
    town = ui_cache.town_row(view.town, view) if view.town else None
    if town is None:
        st.info("Select a town (click it on the map, or use **Find a town**) to see its peers.")
        return
    group = st.segmented_control(
        "Peers", list(GROUPS), key="peer_group", format_func=GROUPS.get, default="size"
    )
    group = group or "size"
    f = view.filters
    counting = (f.include_unknown_incentive, f.include_other_incentive_types)
    frame = ui_cache.peer_frame(counting, view.weights, view.include_partial)
    table, among = peer_ranks(frame, view.town, group, view.include_partial)
    name = f"{town['name']}, {town['state']}"
    st.markdown(f"**{escape_markdown(name)}** among {escape_markdown(among)}")
    st.caption(
        "Peers are all towns of the group, whatever the filters; the hub score uses your "
        "weights. Rank 1 is the best value; towns without a value are not ranked; "
        '"or worse" / "or better" marks a rank by a Census-coded value. The percentile is '
        "the share of the other ranked peers the town does as well as or better than "
        "(100 = best)."
    )
    # On screen the rank says "of N" already, so the count of ranked peers stays in the CSV.
    shown = table.assign(percentile=table["percentile"].map(percentile_text))
    shown = shown.drop(columns="ranked").rename(columns=SHORT_HEADINGS).set_index("Metric")
    st.table(escape_frame(shown))
    bars = table.dropna(subset=["percentile"])
    if len(bars):
        base = alt.Chart(bars).encode(
            alt.Y("metric:N", sort=list(table["metric"]), title=None),
            alt.X(
                "percentile:Q",
                title="Percentile among peers (100 = best)",
                scale=alt.Scale(domain=[0, 100]),
            ),
            tooltip=["metric:N", "rank:N", alt.Tooltip("percentile:Q", format=".0f")],
        )
        chart = base.mark_bar(color="#3b528b") + base.mark_text(
            align="left", dx=4, color="#262730"
        ).encode(text=alt.Text("percentile:Q", format=".0f"))
        st.altair_chart(chart.properties(height=28 * len(bars) + 40), width="stretch")
    today = datetime.now(UTC).date().isoformat()
    st.download_button(
        "Download peers (CSV)",
        lambda: peers_csv(table, name, among),
        f"hubmap-peers-{slug(town['name'])}-{slug(town['state'])}-{group}-{today}.csv",
        "text/csv",
        on_click="ignore",
        key="download_peers",
    )
