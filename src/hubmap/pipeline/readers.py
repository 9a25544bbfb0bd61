"""Reading raw files with messages that name the file, the line and the problem."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd


class BuildError(Exception):
    """A raw input the build cannot use; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        where = f"{Path(path).name}" + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {problem}")
        self.path = Path(path)
        self.line = line
        self.problem = problem


_COMPRESSED = {b"\x1f\x8b": "gzip-compressed", b"PK\x03\x04": "a zip archive"}


def check_text_file(path: Path) -> None:
    """Raise `BuildError` unless `path` is an existing, non-empty file that looks like text.

    A compressed download saved under the raw file's name, or any other binary file, is
    reported as such instead of as a parse error deep in a reader.
    """
    if not path.exists():
        raise BuildError(path, "file not found")
    if path.stat().st_size == 0:
        raise BuildError(path, "file is empty")
    with path.open("rb") as handle:
        head = handle.read(8192)
    for magic, kind in _COMPRESSED.items():
        if head.startswith(magic):
            raise BuildError(path, f"not a text file: it is {kind} (unpack it first)")
    if b"\x00" in head:
        raise BuildError(path, "not a text file (it contains NUL bytes)")


def missing_columns_error(
    path: Path, missing: list[str], columns: list[str], sep: str
) -> BuildError:
    """The error for required columns absent from a header, with a delimiter hint."""
    hint = ""
    if len(columns) == 1:
        hint = f" (only one column was found: is the delimiter {sep!r}?)"
    return BuildError(path, f"missing column(s) {', '.join(missing)}{hint}")


def _line_of(frame: pd.DataFrame, position: int, first_data_line: int) -> int:
    """The file line of the row at `position`.

    Rows are located by their index label, which `read_table` sets to the row's place in
    the file: callers filter rows without resetting the index.
    """
    return int(frame.index[position]) + first_data_line


def read_table(
    path: Path,
    *,
    required: Iterable[str],
    sep: str = ",",
    encoding: str = "utf-8",
    dtype: type | dict | None = str,
    strip_names: bool = True,
) -> pd.DataFrame:
    """Read a delimited text file strictly: every row as wide as the header, columns present.

    Raises `BuildError` naming the file (and line, where pandas reports one) on a missing,
    empty or binary file, a ragged or truncated row, a wrong delimiter, or a missing column.
    """
    check_text_file(path)
    try:
        frame = pd.read_csv(
            path,
            sep=sep,
            dtype=dtype,
            encoding=encoding,
            keep_default_na=False,
            na_values=[""],
            on_bad_lines="error",
            engine="c",
        )
    except pd.errors.ParserError as exc:
        line = re.search(r"line (\d+)", str(exc))
        row = re.search(r"starting at row (\d+)", str(exc))  # counted from 0, header included
        where = int(line.group(1)) if line else int(row.group(1)) + 1 if row else None
        raise BuildError(path, f"malformed row ({exc})", where) from exc
    except UnicodeDecodeError as exc:
        raise BuildError(path, f"not {encoding} text ({exc.reason})") from exc
    except pd.errors.EmptyDataError as exc:
        raise BuildError(path, "file has no header or rows") from exc
    if strip_names:
        frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise missing_columns_error(path, missing, list(frame.columns), sep)
    if frame.empty:
        raise BuildError(path, "file has a header but no rows")
    _check_last_row(path, frame, sep, encoding)
    return frame


def _check_last_row(path: Path, frame: pd.DataFrame, sep: str, encoding: str) -> None:
    """A truncated file usually ends inside a row: its last line has too few fields."""
    with path.open(encoding=encoding, newline="") as handle:
        last = None
        for last in csv.reader(handle, delimiter=sep):  # noqa: B007
            pass
    if last is not None and 0 < len(last) < len(frame.columns):
        raise BuildError(
            path,
            f"last row has {len(last)} of {len(frame.columns)} fields (file truncated?)",
            line=len(frame) + 1,
        )


def to_number(
    frame: pd.DataFrame,
    column: str,
    path: Path,
    *,
    sentinel_below: float | None = None,
    first_data_line: int = 2,
) -> pd.Series:
    """Parse a text column as numbers; blanks and Census sentinels (< `sentinel_below`) -> NaN.

    Any other non-numeric text (also 'NaN') raises `BuildError` with the line of the first
    bad value.
    """
    raw = frame[column].astype("string").str.strip()
    blank = raw.isna() | raw.isin(["", "-", "-   ", "N/A", "NA", "(X)", "null"])
    values = pd.to_numeric(raw.where(~blank), errors="coerce")
    bad = values.isna() & ~blank
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise BuildError(
            path,
            f"column {column!r} has non-numeric value {raw.iloc[row]!r}",
            line=_line_of(frame, row, first_data_line),
        )
    if sentinel_below is not None:
        values = values.where(values >= sentinel_below)
    return values.astype("float64")


def require_unique(frame: pd.DataFrame, column: str, path: Path, first_data_line: int = 2) -> None:
    """Raise `BuildError` naming the first duplicated key and its line."""
    dup = frame[column].duplicated()
    if dup.any():
        row = int(dup.to_numpy().nonzero()[0][0])
        raise BuildError(
            path,
            f"duplicated {column} {frame[column].iloc[row]!r}",
            line=_line_of(frame, row, first_data_line),
        )


def require_coordinates(
    frame: pd.DataFrame, lat: str, lon: str, path: Path, first_data_line: int = 2
) -> None:
    """Raise `BuildError` for missing or out-of-range coordinates (degrees)."""
    bad = ~(frame[lat].between(-90, 90) & frame[lon].between(-180, 180))
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise BuildError(
            path,
            f"coordinates out of range or missing: lat={float(frame[lat].iloc[row])!r}, "
            f"lon={float(frame[lon].iloc[row])!r}",
            line=_line_of(frame, row, first_data_line),
        )
