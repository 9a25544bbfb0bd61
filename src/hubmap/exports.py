"""Downloads of a filtered frame: CSV (with lat/lon columns) and GeoJSON, every schema column."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from hubmap.formatting import column_texts
from hubmap.schema import BOUNDED_COLUMNS, CODED_COLUMNS, COLUMNS

EXTRA_COLUMNS = ("hub_score", "hub_score_partial")
"""Columns the app derives per view that downloads carry too."""


TEXT_SUFFIX = "_text"
"""`<column>_text`: the value as the app reads it ("$2,000,000+", "at least 15.5 ..."),
beside the published number, for every column that can hold a Census code or a bound."""


def with_texts(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with a `<column>_text` column (appended) for each coded or bounded column."""
    out = table.copy()
    for col in (*CODED_COLUMNS, *BOUNDED_COLUMNS):
        if col.name in out:
            out[col.name + TEXT_SUFFIX] = column_texts(out, col.name)
    return out


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""A text cell starting with one of these is a formula to a spreadsheet (OWASP, CSV
injection): `=HYPERLINK(...)` in a town name would run when the file is opened."""


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with every text cell that a spreadsheet would read as a formula prefixed by
    an apostrophe (OWASP's advice; the cell shows its text). Number columns are left as
    they are, so -5 stays the number -5."""
    out = table.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        text = values.astype("string")
        risky = text.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(dtype=bool)
        if risky.any():
            out[col] = values.astype(object).where(~risky, "'" + text.astype(object))
    return out


def export_columns(frame: pd.DataFrame) -> list[str]:
    """Schema columns in schema order, then the view's derived columns present in `frame`."""
    return [c.name for c in COLUMNS] + [c for c in EXTRA_COLUMNS if c in frame.columns]


def to_csv_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """UTF-8 CSV of `frame` with `lat` and `lon` (degrees, EPSG:4326); empty cells = no data;
    text cells that a spreadsheet would run as a formula start with an apostrophe."""
    table = with_texts(pd.DataFrame(frame[export_columns(frame)]))
    table.insert(2, "lat", frame.geometry.y.round(6))
    table.insert(3, "lon", frame.geometry.x.round(6))
    # CRLF rows (RFC 4180): a cell holding a CR or LF is quoted, so it cannot end its row.
    return spreadsheet_safe(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def to_geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """GeoJSON FeatureCollection (EPSG:4326) of `frame`'s points and columns; null = no data."""
    table = with_texts(pd.DataFrame(frame[export_columns(frame)]))
    out = gpd.GeoDataFrame(table, geometry=frame.geometry, crs=frame.crs)
    return out.to_crs("EPSG:4326").to_json(na="null", drop_id=True).encode("utf-8")
