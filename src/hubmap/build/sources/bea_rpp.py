"""BEA Regional Price Parities 2024, all items: metro areas and states' nonmetro portions."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from hubmap.build.readers import BuildError

METRO_FILE = "MARPP_MSA_2008_2024.csv"
PORTION_FILE = "PARPP_PORT_2008_2024.csv"
YEAR = "2024"


def _all_items(path: Path) -> pd.DataFrame:
    """GeoFIPS -> 2024 all-items index; skips BEA's footnote lines after the table."""
    if not path.exists():
        raise BuildError(path, "file not found")
    with path.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle, skipinitialspace=True))
    if not rows:
        raise BuildError(path, "file is empty")
    header = [h.strip() for h in rows[0]]
    for need in ("GeoFIPS", "LineCode", YEAR):
        if need not in header:
            raise BuildError(path, f"missing column {need}")
    body = [r for r in rows[1:] if len(r) == len(header)]
    if not body:
        raise BuildError(path, "no data rows")
    d = pd.DataFrame(body, columns=header)
    d = d[d["LineCode"].str.strip() == "1"]
    value = pd.to_numeric(d[YEAR].str.strip(), errors="coerce")
    return pd.DataFrame({"geofips": d["GeoFIPS"].str.strip(), "rpp": value}).dropna()


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
