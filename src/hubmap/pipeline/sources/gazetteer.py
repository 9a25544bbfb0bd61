"""Census Gazetteer 2025: places (name, type, land area, internal point) and counties."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import (
    BuildError,
    read_table,
    require_coordinates,
    require_unique,
    to_number,
)

PLACES_FILE = "2025_Gaz_place_national.txt"
COUNTIES_FILE = "2025_Gaz_counties_national.txt"

_SUFFIXES = (
    "city and borough",
    "consolidated government",
    "metropolitan government",
    "metro government",
    "unified government",
    "urban county",
    "municipality",
    "corporation",
    "borough",
    "village",
    "city",
    "town",
    "CDP",
)
_SUFFIX_RE = re.compile(r"^(?P<name>.+?) (?P<type>" + "|".join(_SUFFIXES) + r")$")


def split_place_name(full_name: str) -> tuple[str, str]:
    """'Bozeman city' -> ('Bozeman', 'city'); '(balance)' is dropped; unknown -> (name, 'place')."""
    base = full_name.removesuffix(" (balance)")
    match = _SUFFIX_RE.match(base)
    if match is None:
        return base, "place"
    return match.group("name"), match.group("type")


_CONSOLIDATED = re.compile(r"\(balance\)$|government$|urban county$|/")
"""Gazetteer names of consolidated city-counties (and their balances): 'Louisville/Jefferson
County metro government (balance)', 'Athens-Clarke County unified government (balance)',
'Butte-Silver Bow (balance)', 'Lynchburg, Moore County metropolitan government'."""
_CITY_COUNTY_SEPARATORS = re.compile(r"/|, |-")


def common_name(census_name: str, name: str, county_names: frozenset[str]) -> str:
    """The city's own name for a consolidated city-county: `name` (the Gazetteer name without
    its type) cut at the separator ('/', ', ' or '-') after which a county of the place's
    state is named ('Louisville/Jefferson County' -> 'Louisville', 'Nashville-Davidson' ->
    'Nashville', 'Butte-Silver Bow' -> 'Butte'). Other names are returned unchanged."""
    if not _CONSOLIDATED.search(census_name):
        return name
    for sep in _CITY_COUNTY_SEPARATORS.finditer(name):
        county = name[sep.end() :]
        if county in county_names or f"{county} County" in county_names:
            return name[: sep.start()]
    return name


def load_places(raw: Path) -> pd.DataFrame:
    """Places keyed by `town_id` (GEOID): name, census_name, place_type, state, area, lat/lon."""
    path = raw / PLACES_FILE
    g = read_table(
        path, sep="|", required=["USPS", "GEOID", "NAME", "ALAND_SQMI", "INTPTLAT", "INTPTLONG"]
    )
    if not g["GEOID"].str.fullmatch(r"\d{7}").all():
        row = int((~g["GEOID"].str.fullmatch(r"\d{7}")).to_numpy().nonzero()[0][0])
        raise BuildError(path, f"GEOID {g['GEOID'].iloc[row]!r} is not 7 digits", line=row + 2)
    require_unique(g, "GEOID", path)
    out = pd.DataFrame({"town_id": g["GEOID"], "census_name": g["NAME"], "state": g["USPS"]})
    parts = g["NAME"].map(split_place_name)
    counties = load_counties(raw)
    by_state = {st: frozenset(c["county_name"]) for st, c in counties.groupby("state")}
    out["name"] = [
        common_name(full, name, by_state.get(state, frozenset()))
        for full, name, state in zip(g["NAME"], parts.str[0], g["USPS"], strict=True)
    ]
    out["place_type"] = parts.str[1]
    out["land_area_sqmi"] = to_number(g, "ALAND_SQMI", path)
    out["lat"] = to_number(g, "INTPTLAT", path)
    out["lon"] = to_number(g, "INTPTLONG", path)
    require_coordinates(out, "lat", "lon", path)
    return out


def load_counties(raw: Path) -> pd.DataFrame:
    """Counties keyed by `county_fips`: `county_name`, `state` (USPS)."""
    path = raw / COUNTIES_FILE
    c = read_table(path, sep="|", required=["USPS", "GEOID", "NAME"])
    require_unique(c, "GEOID", path)
    return pd.DataFrame({"county_fips": c["GEOID"], "county_name": c["NAME"], "state": c["USPS"]})
