"""ACS 2019-2023 5-year population (B01003) and housing units (B25001), from Census API JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import BuildError, check_text_file, require_unique, to_number

PLACES_FILE = "place_2023.json"
COUNTIES_FILE = "county_2023.json"


def _census_rows(path: Path, need: list[str]) -> pd.DataFrame:
    """A Census API JSON answer (array of rows, header first) as a frame of strings."""
    check_text_file(path)
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise BuildError(path, f"not utf-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise BuildError(path, f"not valid JSON ({exc.msg})", line=exc.lineno) from exc
    if not isinstance(rows, list) or len(rows) < 2 or not isinstance(rows[0], list):
        raise BuildError(path, "expected a JSON array of rows with a header row")
    header = rows[0]
    missing = [c for c in need if c not in header]
    if missing:
        raise BuildError(path, f"missing column(s) {', '.join(missing)}")
    widths = {len(r) for r in rows}
    if widths != {len(header)}:
        bad = next(i for i, r in enumerate(rows) if len(r) != len(header))
        raise BuildError(path, "row with the wrong number of fields", line=bad + 1)
    return pd.DataFrame(rows[1:], columns=header, dtype="string")


def load(raw: Path) -> pd.DataFrame:
    """Places keyed by `town_id`: `population`, `housing_units` (people, units)."""
    path = raw / PLACES_FILE
    a = _census_rows(path, ["B01003_001E", "B25001_001E", "state", "place"])
    a["town_id"] = a["state"] + a["place"]
    require_unique(a, "town_id", path)
    return pd.DataFrame(
        {
            "town_id": a["town_id"],
            "population": to_number(a, "B01003_001E", path, sentinel_below=0)
            .round()
            .astype("Int64"),
            "housing_units": to_number(a, "B25001_001E", path, sentinel_below=0)
            .round()
            .astype("Int64"),
        }
    )


def load_counties(raw: Path) -> pd.DataFrame:
    """Counties keyed by `county_fips`: `county_population` (people, ACS 2019-2023)."""
    path = raw / COUNTIES_FILE
    a = _census_rows(path, ["B01003_001E", "state", "county"])
    a["county_fips"] = a["state"] + a["county"]
    require_unique(a, "county_fips", path)
    return pd.DataFrame(
        {
            "county_fips": a["county_fips"],
            "county_population": to_number(a, "B01003_001E", path, sentinel_below=0),
        }
    )
