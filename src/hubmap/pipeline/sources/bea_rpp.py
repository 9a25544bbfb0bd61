"""BEA Regional Price Parities 2024, all items: metro areas and states' nonmetro portions."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import (
    BuildError,
    check_text_file,
    missing_columns_error,
    require_unique,
)

METRO_FILE = "MARPP_MSA_2008_2024.csv"
PORTION_FILE = "PARPP_PORT_2008_2024.csv"
YEAR = "2024"
NO_INDEX_AT_OR_BELOW = 0.0
"""BEA fills rows it does not estimate with 0.000 (the nonmetro portions of Delaware and DC,
which have no nonmetro area): such a row is missing data, not an index."""


def _all_items(path: Path) -> pd.DataFrame:
    """GeoFIPS -> 2024 all-items index.

    The table must be followed by nothing but BEA's footnote lines (one field each): a
    shorter or longer row inside the table, or at the end of a truncated file, is an error.
    """
    check_text_file(path)
    with path.open(encoding="latin-1", newline="") as handle:
        reader = csv.reader(handle, skipinitialspace=True, strict=True)
        try:
            rows = list(reader)
        except csv.Error as exc:
            raise BuildError(path, f"malformed row ({exc})", line=reader.line_num) from exc
    header = [h.strip() for h in rows[0]]
    missing = [c for c in ("GeoFIPS", "LineCode", YEAR) if c not in header]
    if missing:
        raise missing_columns_error(path, missing, header, ",")
    body = list(itertools.takewhile(lambda r: len(r) == len(header), rows[1:]))
    end = 1 + len(body)  # the first row after the table
    if any(len(r) > 1 for r in rows[end:]):
        truncated = " (file truncated?)" if end == len(rows) - 1 else ""
        raise BuildError(
            path, f"row has {len(rows[end])} of {len(header)} fields{truncated}", line=end + 1
        )
    if not body:
        raise BuildError(path, "no data rows")
    d = pd.DataFrame(body, columns=header)  # index i is line i + 2
    d = d[d["LineCode"].str.strip() == "1"]
    d = d.assign(GeoFIPS=d["GeoFIPS"].str.strip())
    require_unique(d, "GeoFIPS", path)
    value = pd.to_numeric(d[YEAR].str.strip(), errors="coerce")
    value = value.where(value > NO_INDEX_AT_OR_BELOW)
    return pd.DataFrame({"geofips": d["GeoFIPS"], "rpp": value}).dropna()


def load(raw: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`cbsa_code` -> `rpp_metro`, `state_fips` -> `rpp_nonmetro`) indices, US = 100."""
    metro = _all_items(raw / METRO_FILE).rename(
        columns={"geofips": "cbsa_code", "rpp": "rpp_metro"}
    )
    portion = _all_items(raw / PORTION_FILE)
    nonmetro = portion[portion["geofips"].str.endswith("999") & (portion["geofips"] != "00999")]
    nonmetro = pd.DataFrame(
        {"state_fips": nonmetro["geofips"].str[:2], "rpp_nonmetro": nonmetro["rpp"]}
    )
    return metro, nonmetro
