"""Downloads of a filtered frame: CSV (with latitude and longitude) and GeoJSON, every schema
column under a readable heading with its unit ("Median gross rent (USD per month)").

Values stay machine-readable: numbers are numbers (a Census code is the published number,
2,000,001, beside its `top-coded` flag and its text companion "$2,000,000+"), an empty
cell or null is no data, never 0. What each heading means, its vintage and source are in
the sidecar (`hubmap.about`); the GeoJSON carries the same as a foreign member.
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from hubmap.calculator import Inputs, relocation
from hubmap.formatting import column_texts
from hubmap.schema import BOUNDED_COLUMNS, CODED_COLUMNS, COLUMNS, Column

POSITION_COLUMNS: tuple[Column, ...] = (
    Column("lat", "float64", "Latitude", "degrees, WGS 84", "place", "gazetteer",
           "The town's point: Census internal point (US); GeoNames point or CSD centroid "
           "(Canada); 6 decimals"),
    Column("lon", "float64", "Longitude", "degrees, WGS 84", "place", "gazetteer",
           "As lat"),
)  # fmt: skip
"""The point of each town, written as two columns in the CSV (the GeoJSON geometry)."""

DERIVED_COLUMNS: tuple[Column, ...] = (
    Column("hub_score", "float64", "Hub score", "0-100", "place", "",
           "Weighted mean of the percentiles (0-100) of affordability, connectivity, tech "
           "jobs and incentive at the view's weights, among towns with data", decimals=0),
    Column("hub_score_partial", "boolean", "Hub score is partial", "", "place", "",
           "True where a weighted component has no data and the score is of the rest"),
    Column("monthly_cost_usd", "float64", "Calculator: housing cost there", "USD per month",
           "place", "", "Median gross rent, or principal and interest on the median home "
           "value (calculator inputs)"),
    Column("yearly_difference_usd", "float64", "Calculator: yearly housing difference",
           "USD per year", "place", "", "12 x (today's monthly cost - the cost there); "
           "positive: less spent there"),
    Column("first_year_incentive_usd", "float64", "Calculator: incentive cash in year one",
           "USD", "place", "", "Counted incentive cash paid within 12 months of moving"),
    Column("incentive_first_year_known", "boolean",
           "Calculator: first-year incentive share known", "", "place", "",
           "False where a counted program's payout schedule is not stated (left out)"),
    Column("first_year_savings_usd", "float64", "Calculator: first-year savings", "USD",
           "place", "", "Yearly housing difference + incentive cash of year one; negative: "
           "it would cost more"),
    Column("five_year_savings_usd", "float64", "Calculator: five-year savings", "USD",
           "place", "", "5 x the yearly housing difference + the full counted incentive"),
    Column("housing_share_of_income", "float64", "Calculator: housing share of income",
           "share 0-1", "place", "", "12 x the cost there / the household income given"),
)  # fmt: skip
"""Columns the app derives per view (the hub score at the view's weights, the relocation
calculator's results when it has inputs) that downloads carry too."""

TEXT_SUFFIX = "_text"
"""`<column>_text`: the value as the app reads it ("$2,000,000+", "at least 15.5 ..."),
beside the published number, for every column that can hold a Census code or a bound."""


def text_column(column: Column) -> Column:
    """The text companion of a coded or bounded column."""
    return Column(
        column.name + TEXT_SUFFIX,
        "string",
        f"{column.label}, as read",
        "text",
        column.level,
        column.source,
        "The value as hubmap shows it: a Census code as the interval it stands for "
        "('$2,000,000+'), a ratio built on one as its bound ('at least 15.5')",
    )


TEXT_COLUMNS: tuple[Column, ...] = tuple(text_column(c) for c in (*CODED_COLUMNS, *BOUNDED_COLUMNS))
EXPORT_COLUMN_BY_NAME: dict[str, Column] = {
    c.name: c for c in (*COLUMNS, *POSITION_COLUMNS, *DERIVED_COLUMNS, *TEXT_COLUMNS)
}
"""Every column a download can hold, by its machine name."""


def heading(column: Column) -> str:
    """The readable heading of a column: its label, and its unit in brackets."""
    return f"{column.label} ({column.unit})" if column.unit else column.label


def export_table(frame: gpd.GeoDataFrame, calc: Inputs | None = None) -> pd.DataFrame:
    """What a download holds, under the machine names: `lat`/`lon` (degrees, EPSG:4326)
    after the name, every schema column in schema order, the view's derived columns present
    in `frame` (and the calculator's, computed from `calc` when `frame` lacks them), then a
    `<column>_text` companion for each coded or bounded column."""
    points = frame.geometry.to_crs("EPSG:4326")
    table = pd.DataFrame(frame[[c.name for c in COLUMNS]])
    table.insert(2, "lat", points.y.round(6))
    table.insert(3, "lon", points.x.round(6))
    extra = pd.DataFrame(frame[[c.name for c in DERIVED_COLUMNS if c.name in frame.columns]])
    if calc is not None and "first_year_savings_usd" not in extra:
        extra = pd.concat([extra, relocation(pd.DataFrame(frame), calc)], axis=1)
    table = pd.concat([table, extra], axis=1)
    texts = {
        c.name + TEXT_SUFFIX: column_texts(table, c.name)
        for c in (*CODED_COLUMNS, *BOUNDED_COLUMNS)
    }
    return pd.concat([table, pd.DataFrame(texts, index=table.index)], axis=1)


def described(table: pd.DataFrame) -> list[Column]:
    """The column descriptions of `export_table`'s columns, in order."""
    return [EXPORT_COLUMN_BY_NAME[name] for name in table.columns]


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with each machine name replaced by its readable heading."""
    return table.set_axis([heading(c) for c in described(table)], axis=1)


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


def to_csv_bytes(frame: gpd.GeoDataFrame, calc: Inputs | None = None) -> bytes:
    """UTF-8 CSV of `export_table(frame, calc)` under readable headings; empty cells = no
    data; text cells that a spreadsheet would run as a formula start with an apostrophe."""
    table = readable(export_table(frame, calc))
    # CRLF rows (RFC 4180): a cell holding a CR or LF is quoted, so it cannot end its row.
    return spreadsheet_safe(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


ABOUT_MEMBER = "hubmap"
"""The GeoJSON's top-level foreign member (RFC 7946, section 6.1) holding the sidecar."""


def to_geojson_bytes(
    frame: gpd.GeoDataFrame, calc: Inputs | None = None, about: dict | None = None
) -> bytes:
    """GeoJSON FeatureCollection (EPSG:4326) of `frame`'s points, properties under the
    readable headings (null = no data), and `about` (the sidecar) as the foreign member
    `ABOUT_MEMBER`."""
    table = readable(export_table(frame, calc).drop(columns=["lat", "lon"]))
    points = gpd.GeoDataFrame(table, geometry=frame.geometry.to_crs("EPSG:4326").values)
    doc = json.loads(points.set_crs("EPSG:4326").to_json(na="null", drop_id=True))
    if about is not None:
        doc[ABOUT_MEMBER] = about
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")
