"""Outlines: US states and Canadian provinces (Natural Earth 50m), US counties (us-atlas 10m)."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd

from hubmap.pipeline.readers import BuildError, check_text_file
from hubmap.schema import CRS

REGIONS_FILE = "north-america_50m.json"
STATES_FILE = "states-10m.json"
COUNTIES_FILE = "counties-10m.json"

PROVINCE_NAMES = {
    "AB": "Alberta",
    "BC": "British Columbia",
    "MB": "Manitoba",
    "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador",
    "NS": "Nova Scotia",
    "NT": "Northwest Territories",
    "NU": "Nunavut",
    "ON": "Ontario",
    "PE": "Prince Edward Island",
    "QC": "Quebec",
    "SK": "Saskatchewan",
    "YT": "Yukon",
}
"""Canadian provinces and territories by postal abbreviation."""


def _read_topojson(path: Path, layer: str, required: tuple[str, ...]) -> gpd.GeoDataFrame:
    """One layer (TopoJSON object) whose features all have an `id`, unique, and the
    `required` properties."""
    check_text_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = gpd.read_file(path, layer=layer)
    except Exception as exc:  # pyogrio raises several types for unreadable data
        raise BuildError(path, f"cannot read layer {layer!r} ({exc})") from exc
    for prop in ("id", *required):
        absent = len(frame) if prop not in frame.columns else int(frame[prop].isna().sum())
        if absent:
            raise BuildError(
                path, f"missing property {prop} on {absent} of {len(frame)} features of {layer!r}"
            )
    ids = frame["id"].astype(str)
    if ids.duplicated().any():
        raise BuildError(
            path, f"duplicated id {ids[ids.duplicated()].iloc[0]!r} in layer {layer!r}"
        )
    return frame.set_crs(CRS, allow_override=True)


def state_names(raw: Path) -> pd.DataFrame:
    """`state_fips` -> `state_name` for US states and DC (us-atlas, Census)."""
    s = _read_topojson(raw / STATES_FILE, "states", ("name",))
    return pd.DataFrame({"state_fips": s["id"].astype(str).str.zfill(2), "state_name": s["name"]})


def regions(raw: Path, us_names: dict[str, str], tolerance_deg: float = 0.02) -> gpd.GeoDataFrame:
    """State and province outlines: `code` (postal), `name`, `country` (US/CA), geometry.

    Simplified by `tolerance_deg` degrees (topology preserved) so the file stays small.
    """
    path = raw / REGIONS_FILE
    r = _read_topojson(path, "subunits", ("gu",))
    r = r[r["gu"].isin(["USA", "CAN"])]
    country = r["gu"].map({"USA": "US", "CAN": "CA"})
    names = {**us_names, **PROVINCE_NAMES}
    out = gpd.GeoDataFrame(
        {
            "code": r["id"].to_numpy(),
            "name": r["id"].map(names).to_numpy(),
            "country": country.to_numpy(),
        },
        geometry=r.geometry.make_valid().simplify(tolerance_deg, preserve_topology=True).to_numpy(),
        crs=CRS,
    )
    if out["name"].isna().any():
        unknown = ", ".join(out.loc[out["name"].isna(), "code"].astype(str))
        raise BuildError(path, f"no name known for region code(s) {unknown}")
    return out.sort_values("code", ignore_index=True)


def counties(raw: Path) -> gpd.GeoDataFrame:
    """County polygons keyed by `county_fips`."""
    c = _read_topojson(raw / COUNTIES_FILE, "counties", ())
    return gpd.GeoDataFrame(
        {"county_fips": c["id"].astype(str).str.zfill(5)}, geometry=c.geometry, crs=CRS
    )
