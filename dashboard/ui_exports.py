"""Downloads of the shown towns (CSV, its "About this file" sidecar, GeoJSON), named after
the view, and the "Cite this view" text."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
import streamlit as st
import ui_cache
import ui_state

from hubmap.about import about
from hubmap.calculator import Inputs
from hubmap.citation import ViewContext, cite_text, file_stem
from hubmap.exports import export_table, to_csv_bytes, to_geojson_bytes
from hubmap.text import escape_markdown
from hubmap.viewstate import ViewState


def context(view: ViewState, query: str, calc: Inputs | None, calc_source: str) -> ViewContext:
    """What naming and citing `view` needs: state names, metadata, link, today (UTC)."""
    return ViewContext(
        view,
        ui_cache.state_names(),
        ui_cache.metadata(),
        ui_state.share_link(query),
        datetime.now(UTC).date(),
        calc,
        calc_source,
    )


def _about_json(ctx: ViewContext, frame: pd.DataFrame, name: str, kind: str) -> dict:
    table = export_table(frame, ctx.calc)
    if kind == "geojson":
        table = table.drop(columns=["lat", "lon"])
    return about(ctx, table, name, kind)


def downloads(frame: pd.DataFrame, ctx: ViewContext) -> None:
    """CSV, its sidecar and GeoJSON of exactly `frame`'s rows, files built on click."""
    stem = file_stem(ctx)
    csv_name, about_name, geo_name = f"{stem}.csv", f"{stem}-about.json", f"{stem}.geojson"
    a, b, c = st.columns(3)
    a.download_button(
        "Download CSV",
        lambda: to_csv_bytes(frame, ctx.calc),
        csv_name,
        "text/csv",
        width="stretch",
        on_click="ignore",
        key="download_csv",
    )
    b.download_button(
        "About this file (JSON)",
        lambda: json.dumps(_about_json(ctx, frame, csv_name, "csv"), indent=1).encode("utf-8"),
        about_name,
        "application/json",
        width="stretch",
        on_click="ignore",
        key="download_about",
        help="Every column's heading, unit, level, vintage, source and licence, and this "
        "view's filters, weights and link (a Frictionless Data Package descriptor).",
    )
    c.download_button(
        "Download GeoJSON",
        lambda: to_geojson_bytes(frame, ctx.calc, _about_json(ctx, frame, geo_name, "geojson")),
        geo_name,
        "application/geo+json",
        width="stretch",
        on_click="ignore",
        key="download_geojson",
    )
    st.caption(
        escape_markdown(
            f"{csv_name}, {about_name}, {geo_name}: the {len(frame):,} rows above with every "
            "column under readable headings with units. The GeoJSON carries the same "
            "description in its 'hubmap' member."
        )
    )
    with st.expander("Cite this view"):
        cite(ctx)


def cite(ctx: ViewContext) -> None:
    """The citation as literal text, ready to copy."""
    st.code(cite_text(ctx), language=None, wrap_lines=True)
    st.caption("The source line, the data build, today's date and the link to this view.")
