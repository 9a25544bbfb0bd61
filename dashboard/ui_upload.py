"""A user's own places: upload, validation message, and the session-only map view of them."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st
import ui_cache

from hubmap.colors import MetricScale, quantile_scale
from hubmap.text import escape_markdown, escape_markdown_lines
from hubmap.upload import MAX_COLUMNS, MAX_ROWS, MAX_UPLOAD_MB, Upload, read_upload


@st.cache_data(max_entries=8, show_spinner="Checking your file...")
def _read(name: str, content: bytes) -> Upload:
    return read_upload(name, content, ui_cache.towns()[["town_id", "geometry"]])


def sidebar() -> Upload | None:
    """The upload widgets; returns the validated upload while the user shows it."""
    with st.expander("Your own places", expanded=bool(st.session_state.get("upload_file"))):
        file = st.file_uploader("CSV or GeoJSON of places", type=["csv", "geojson", "json"],
                                key="upload_file")  # fmt: skip
        st.caption(
            f"Needs a `name` column and `lat`/`lon` (degrees) or a `geoid` (Census place "
            f"GEOID); other number columns can colour and filter the map. Up to "
            f"{MAX_UPLOAD_MB} MB, {MAX_ROWS:,} rows, {MAX_COLUMNS} columns, UTF-8. Your file "
            "stays in this browser session: it is not stored, not shared in links, and "
            "hubmap's own data is never changed."
        )
        if file is None:
            return None
        upload = _read(file.name, file.getvalue())
        if upload.problems:
            st.error(escape_markdown_lines(upload.message()))
            return None
        st.success(f"{len(upload.frame):,} places read from {escape_markdown(file.name)}.")
        if not st.toggle("Show my places instead of hubmap's towns", key="show_upload"):
            return None
        if upload.numeric_columns:
            st.selectbox("Colour my places by", upload.numeric_columns, key="upload_column")
        return upload


PLAIN = "Your places"


def view(upload: Upload) -> tuple[gpd.GeoDataFrame, MetricScale]:
    """The uploaded places filtered by the chosen column's range, and its colour scale."""
    frame = upload.frame
    column = st.session_state.get("upload_column")
    if not column or column not in frame:
        plain = frame.assign(**{PLAIN: 1.0})
        return plain, quantile_scale(plain[PLAIN], PLAIN)
    values = frame[column].dropna()
    if len(values) and values.min() < values.max():
        low, high = st.slider(
            f"Range of {escape_markdown(column)}", float(values.min()), float(values.max()),
            (float(values.min()), float(values.max())), key=f"upload_range_{column}",
        )  # fmt: skip
        keep_missing = st.checkbox(f"Keep places without {escape_markdown(column)} (grey)",
                                   value=True, key=f"upload_nodata_{column}")  # fmt: skip
        inside = frame[column].between(low, high)
        frame = frame[inside | (keep_missing & frame[column].isna())]
    return frame, quantile_scale(upload.frame[column], column)
