"""A user's own places (CSV or GeoJSON), validated into a frame the map can colour.

Uploads live in the user's session only; the shipped data is never touched. Every problem
found is collected (with row numbers) so the user sees one message listing what is wrong.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from hubmap.schema import CRS
from hubmap.text import quote

MAX_UPLOAD_MB = 5
"""Largest file accepted, in MB (also `server.maxUploadSize` in .streamlit/config.toml)."""
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 40
MAX_PROBLEMS_SHOWN = 5
MAX_PROBLEMS_READ = 100
"""Reading stops after this many malformed rows."""
MAX_LINE_CHARS = 100_000
"""Longest line of a CSV read (characters)."""
MAX_JSON_OBJECTS = 4 * MAX_ROWS + 10
"""A FeatureCollection of `MAX_ROWS` points needs about 3 objects a feature."""
MAX_JSON_VALUES = MAX_ROWS * (MAX_COLUMNS + 10)
"""Numbers (and commas) a GeoJSON of `MAX_ROWS` features of `MAX_COLUMNS` properties needs."""
NUMERIC_SHARE = 0.5
"""A column is numeric when at least this share of its non-empty cells parse as numbers."""
ID_PREFIX = "up:"

_LAT = ("lat", "latitude")
_LON = ("lon", "lng", "long", "longitude")
_RESERVED = {"name", "id", "geoid", "state", *_LAT, *_LON}
_INTERNAL = {"geometry", "town_id"}
"""Column names of the frame hubmap builds; a user column of that name would replace them."""
MAX_NAME_CHARS = 60
"""Column names are cut to this many characters."""


@dataclass(frozen=True)
class Upload:
    """The result of reading an upload: the places (None if rejected) and the problems."""

    frame: gpd.GeoDataFrame | None
    numeric_columns: tuple[str, ...]
    problems: tuple[str, ...]

    def message(self) -> str:
        """One message listing the first problems (and how many more there are)."""
        shown = list(self.problems[:MAX_PROBLEMS_SHOWN])
        more = len(self.problems) - len(shown)
        if more > 0:
            shown.append(f"... and {more} more problem(s).")
        return "Your file was not loaded:\n" + "\n".join(f"- {p}" for p in shown)


def _reject(*problems: str) -> Upload:
    return Upload(None, (), tuple(problems))


def _decode(content: bytes) -> str | Upload:
    if b"\x00" in content[:4096]:
        return _reject("This is not a CSV or GeoJSON file (it holds binary data).")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _reject(
            f"The file is not UTF-8 text (byte {exc.start:,} cannot be read); save it as "
            "UTF-8 CSV and try again."
        )


class _TooBig(Exception):
    """The file holds more than hubmap reads; the message says what."""


def _lines(text: str) -> Iterator[str]:
    """`text` line by line (newlines kept), each line made only when read; a line longer
    than `MAX_LINE_CHARS` stops the reading."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        if end - start > MAX_LINE_CHARS:
            raise _TooBig(f"A line is longer than {MAX_LINE_CHARS:,} characters.")
        yield text[start:end]
        start = end


def _csv_rows(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, rows and ragged-row problems, reading no further than hubmap uses: the
    header's width, `MAX_ROWS` + 1 rows and `MAX_PROBLEMS_READ` ragged rows. Equal cells
    share one string (a repetitive file costs little more than its distinct cells)."""
    reader = csv.reader(_lines(text), skipinitialspace=True)
    header = next((row for row in reader if row), None)
    if header is None:
        raise _TooBig("The file is empty.")
    if len(header) > MAX_COLUMNS:
        raise _TooBig(f"The file has {len(header):,} columns; the limit is {MAX_COLUMNS}.")
    cells: dict[str, str] = {}
    body: list[list[str]] = []
    ragged: list[str] = []
    for row in reader:
        if not row:
            continue
        if len(row) != len(header):
            ragged.append(f"row {len(body) + len(ragged) + 2}: {len(row)} fields where the "
                          f"header has {len(header)}.")  # fmt: skip
            if len(ragged) >= MAX_PROBLEMS_READ:
                break
            continue
        body.append([cells.setdefault(cell, cell) for cell in row])
        if len(body) > MAX_ROWS:
            raise _TooBig(f"The file has more than {MAX_ROWS:,} rows.")
    return header, body, ragged


def _csv_table(text: str) -> pd.DataFrame | Upload:
    try:
        header, body, ragged = _csv_rows(text)
    except csv.Error as exc:
        return _reject(f"This does not read as a CSV table: {exc}.")
    except _TooBig as exc:
        return _reject(str(exc))
    if ragged:
        return _reject("This does not read as a CSV table with one header row:", *ragged)
    return pd.DataFrame(body, columns=header, index=range(2, len(body) + 2), dtype=str)


def _counted(limit: int, what: str):
    """A json.loads hook that counts what it is called for and stops past `limit`."""
    seen = 0

    def hook(value):
        nonlocal seen
        seen += 1
        if seen > limit:
            raise _TooBig(f"The GeoJSON holds more than {limit:,} {what}; hubmap reads "
                          f"{MAX_ROWS:,} features of up to {MAX_COLUMNS} properties.")  # fmt: skip
        return value

    return hook


def _geojson_table(text: str) -> pd.DataFrame | Upload:
    if text.count(",") > MAX_JSON_VALUES:
        return _reject(f"The GeoJSON holds more than {MAX_JSON_VALUES:,} values; hubmap reads "
                       f"{MAX_ROWS:,} features of up to {MAX_COLUMNS} properties.")  # fmt: skip
    objects = _counted(MAX_JSON_OBJECTS, "objects")
    numbers = _counted(MAX_JSON_VALUES, "numbers")
    try:
        doc = json.loads(
            text,
            object_pairs_hook=lambda pairs: objects(dict(pairs)),
            parse_float=lambda v: numbers(float(v)),
            parse_int=lambda v: numbers(int(v)),
        )
    except json.JSONDecodeError as exc:
        return _reject(f"This is not valid GeoJSON (line {exc.lineno}: {exc.msg}).")
    except RecursionError:
        return _reject("This GeoJSON is nested too deeply to read (GeoJSON of points needs "
                       "only a few levels).")  # fmt: skip
    except (_TooBig, ValueError) as exc:
        return _reject(str(exc))
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return _reject("GeoJSON must be a FeatureCollection of Point features.")
    features = doc.get("features")
    if not isinstance(features, list):
        return _reject("GeoJSON FeatureCollection has no 'features' list.")
    rows, problems = [], []
    for number, feature in enumerate(features[: MAX_ROWS + 1], start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not (isinstance(geometry, dict) and geometry.get("type") == "Point"
                and isinstance(coords, list) and len(coords) >= 2):  # fmt: skip
            problems.append(f"feature {number}: not a Point with coordinates.")
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            problems.append(f"feature {number}: properties must be an object.")
            continue
        row = {str(k): "" if v is None else str(v) for k, v in props.items()}
        row["lon"], row["lat"] = str(coords[0]), str(coords[1])
        rows.append((number, row))
    if problems:
        return _reject(*problems)
    table = pd.DataFrame([r for _, r in rows], index=[n for n, _ in rows], dtype=str).fillna("")
    return table


def _find(columns: Iterable[str], names: tuple[str, ...]) -> str | None:
    lowered = {c.strip().lower(): c for c in columns}
    return next((lowered[n] for n in names if n in lowered), None)


def _numbers(values: pd.Series) -> pd.Series:
    cleaned = values.str.strip().str.replace(",", "", regex=False)
    return pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce")


def read_upload(filename: str, content: bytes, places: gpd.GeoDataFrame | None = None) -> Upload:
    """Validate an uploaded CSV or GeoJSON of places.

    Needs a `name` column and either `lat`/`lon` (degrees, WGS 84) or a `geoid` (7-digit
    Census place GEOID, located through `places`, the shipped towns). Other columns whose
    cells are numbers become colourable. Limits: `MAX_UPLOAD_MB` MB, `MAX_ROWS` rows,
    `MAX_COLUMNS` columns, UTF-8 text. Returns the places in EPSG:4326 with `town_id`
    ("up:" + id or row), `name`, `state`, `population` and the numeric columns.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        return _reject(f"The file is {len(content) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_MB} MB.")
    text = _decode(content)
    if isinstance(text, Upload):
        return text
    if not text.strip():
        return _reject("The file is empty.")
    is_json = filename.lower().endswith((".geojson", ".json")) or text.lstrip().startswith("{")
    table = _geojson_table(text) if is_json else _csv_table(text)
    if isinstance(table, Upload):
        return table
    return _validate(table, places, "feature" if is_json else "row")


def _validate(table: pd.DataFrame, places: gpd.GeoDataFrame | None, unit: str) -> Upload:
    problems: list[str] = []
    if len(table) > MAX_ROWS:
        return _reject(f"The file has more than {MAX_ROWS:,} {unit}s.")
    if len(table.columns) > MAX_COLUMNS:
        return _reject(f"The file has {len(table.columns)} columns; the limit is {MAX_COLUMNS}.")
    if table.empty:
        return _reject("The file has a header but no rows.")
    table.columns = [str(c).strip()[:MAX_NAME_CHARS] for c in table.columns]
    folded = [c.lower() for c in table.columns]
    repeated = sorted({c for c in table.columns if folded.count(c.lower()) > 1})
    if repeated:
        return _reject(
            "The header repeats a column name (names are compared without surrounding "
            f"spaces, ignoring case, cut to {MAX_NAME_CHARS} characters): "
            + ", ".join(quote(c) for c in repeated[:MAX_PROBLEMS_SHOWN])
            + "."
        )
    taken = [c for c in table.columns if c.lower() in _INTERNAL]
    if taken:
        return _reject(
            f"Column name {quote(taken[0])} is used by hubmap itself; rename that column."
        )
    name_col = _find(table.columns, ("name",))
    lat_col, lon_col = _find(table.columns, _LAT), _find(table.columns, _LON)
    geoid_col = _find(table.columns, ("geoid",))
    if name_col is None:
        problems.append("Missing required column 'name'.")
    if not (lat_col and lon_col) and geoid_col is None:
        problems.append("Needs coordinates: columns 'lat' and 'lon', or a 'geoid' column "
                        "with 7-digit Census place GEOIDs.")  # fmt: skip
    if problems:
        return _reject(*problems)

    def where(row: object) -> str:
        return f"{unit} {int(row):>6}"

    names = table[name_col].str.strip()
    problems += [f"{where(r)}: the name is empty." for r in names.index[names == ""]]
    if lat_col and lon_col:
        lat, lon = _numbers(table[lat_col]), _numbers(table[lon_col])
        bad = ~(lat.between(-90, 90) & lon.between(-180, 180))
        problems += [
            f"{where(r)}: coordinates lat={quote(table.at[r, lat_col])}, "
            f"lon={quote(table.at[r, lon_col])} "
            "are not numbers within -90..90 and -180..180."
            for r in bad.index[bad]
        ]
    else:
        ids = table[geoid_col].str.strip().str.zfill(7)
        known = places.set_index("town_id").geometry if places is not None else pd.Series()
        found = ids.isin(known.index)
        problems += [f"{where(r)}: GEOID {quote(table.at[r, geoid_col])} is not a town in hubmap."
                     for r in found.index[~found]]  # fmt: skip
        points = gpd.GeoSeries(known.reindex(ids).to_numpy(), index=table.index)
        lat, lon = points.y, points.x
    id_col = _find(table.columns, ("id",)) or geoid_col
    if id_col is not None:
        dup = table[id_col].str.strip().duplicated(keep="first")
        problems += [
            f"{where(r)}: duplicate id {quote(table.at[r, id_col])}." for r in dup.index[dup]
        ]
    numeric: dict[str, pd.Series] = {}
    for col in table.columns:
        if col.strip().lower() in _RESERVED:
            continue
        filled = table[col].str.strip() != ""
        values = _numbers(table[col])
        parsed = values.notna() & filled
        if filled.any() and parsed.sum() >= NUMERIC_SHARE * filled.sum():
            not_numbers = filled & values.isna()
            problems += [f"{where(r)}: column {quote(col)} value {quote(table.at[r, col])} "
                         "is not a number." for r in not_numbers.index[not_numbers]]  # fmt: skip
            numeric[col] = values.where(np.isfinite(values))
    if problems:
        # Row-numbered problems in file order ("row      3" sorts before "row     12").
        return _reject(*(" ".join(p.split()) for p in sorted(problems)))
    ids = table[id_col].str.strip() if id_col else pd.Series(table.index.astype(str),
                                                             index=table.index)  # fmt: skip
    state_col = _find(table.columns, ("state",))
    frame = pd.DataFrame({
        "town_id": ID_PREFIX + ids,
        "name": names,
        "state": table[state_col].str.strip().str[:20] if state_col else "",
        "population": numeric.get("population", pd.Series(np.nan, index=table.index)),
    })  # fmt: skip
    for col, values in numeric.items():
        if col not in frame:
            frame[col] = values
    gdf = gpd.GeoDataFrame(frame.reset_index(drop=True),
                           geometry=gpd.points_from_xy(lon, lat), crs=CRS)  # fmt: skip
    return Upload(gdf, tuple(numeric), ())
