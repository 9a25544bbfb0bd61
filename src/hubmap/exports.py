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


def export_columns(frame: pd.DataFrame) -> list[str]:
    """Schema columns in schema order, then the view's derived columns present in `frame`."""
    return [c.name for c in COLUMNS] + [c for c in EXTRA_COLUMNS if c in frame.columns]


def to_csv_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """UTF-8 CSV of `frame` with `lat` and `lon` (degrees, EPSG:4326); empty cells = no data."""
    table = with_texts(pd.DataFrame(frame[export_columns(frame)]))
    table.insert(2, "lat", frame.geometry.y.round(6))
    table.insert(3, "lon", frame.geometry.x.round(6))
    return table.to_csv(index=False).encode("utf-8")


def to_geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """GeoJSON FeatureCollection (EPSG:4326) of `frame`'s points and columns; null = no data."""
    table = with_texts(pd.DataFrame(frame[export_columns(frame)]))
    out = gpd.GeoDataFrame(table, geometry=frame.geometry, crs=frame.crs)
    return out.to_crs("EPSG:4326").to_json(na="null", drop_id=True).encode("utf-8")
