"""hubmap's curated incentives table (`data/incentives.csv`): validated, then matched to towns."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from hubmap.incentive_rules import town_incentives
from hubmap.pipeline.readers import BuildError, read_table, require_unique, to_number
from hubmap.schema import PROGRAM_STATUSES, PROGRAM_TYPES

COLUMNS = (
    "program_id",
    "program",
    "sponsor",
    "program_type",
    "geography_level",
    "state",
    "place_geoids",
    "county_fips",
    "area_description",
    "cash_max_usd",
    "cash_min_usd",
    "cash_source_url",
    "perks",
    "eligibility",
    "payout_terms",
    "payout_months",
    "first_year_usd",
    "first_reported",
    "last_reported",
    "status",
    "status_note",
    "status_source_url",
    "other_source_urls",
)
LEVELS = ("place", "county", "state")
_URL_COLUMNS = ("cash_source_url", "status_source_url", "other_source_urls")
OPEN_REPORTED_SINCE = "2023"
"""A program is "open as last reported" only if a report of 2023 or later says it runs;
older reports of an open program leave its status "unknown"."""
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
"""Report dates: YYYY, YYYY-MM or YYYY-MM-DD."""


def _split(value: object) -> list[str]:
    return [] if pd.isna(value) else [v.strip() for v in str(value).split(";") if v.strip()]


def load(path: Path) -> pd.DataFrame:
    """The programs, one row each, with `cash_max_usd`/`cash_min_usd` (USD),
    `payout_months` (months after moving when the last payment is due) and
    `first_year_usd` (the part of `cash_max_usd` due within 12 months of moving) as numbers.

    Raises `BuildError` (file and line) for unknown statuses, types or levels, ids that are
    not GEOIDs/FIPS, any URL that is not http(s), a program without a status source or a
    last-reported date, and a cash amount without its source.
    """
    d = read_table(path, required=COLUMNS)
    require_unique(d, "program_id", path)
    for i, row in d.iterrows():
        line = int(i) + 2
        if row["status"] not in PROGRAM_STATUSES:
            raise BuildError(
                path, f"status {row['status']!r} is not one of {PROGRAM_STATUSES}", line
            )
        if row["program_type"] not in PROGRAM_TYPES:
            raise BuildError(
                path, f"program_type {row['program_type']!r} is not one of {PROGRAM_TYPES}", line
            )
        if pd.isna(row["status_source_url"]):
            raise BuildError(path, "status_source_url is empty: every status needs a source", line)
        if pd.isna(row["last_reported"]) or not _DATE.fullmatch(str(row["last_reported"])):
            raise BuildError(path, "last_reported must be YYYY, YYYY-MM or YYYY-MM-DD", line)
        if row["status"] == "open as last reported" and row["last_reported"] < OPEN_REPORTED_SINCE:
            raise BuildError(
                path, f"an open status needs a report of {OPEN_REPORTED_SINCE} or later", line
            )
        if pd.notna(row["cash_max_usd"]) and pd.isna(row["cash_source_url"]):
            raise BuildError(path, "cash_max_usd is given without cash_source_url", line)
        if row["geography_level"] not in LEVELS:
            raise BuildError(path, f"geography_level {row['geography_level']!r} unknown", line)
        for geoid in _split(row["place_geoids"]):
            if not (geoid.isdigit() and len(geoid) == 7):
                raise BuildError(path, f"place GEOID {geoid!r} is not 7 digits", line)
        for fips in _split(row["county_fips"]):
            if not (fips.isdigit() and len(fips) == 5):
                raise BuildError(path, f"county FIPS {fips!r} is not 5 digits", line)
        for col in _URL_COLUMNS:
            for url in _split(row[col]):
                if not url.lower().startswith(("https://", "http://")):
                    raise BuildError(path, f"{col} {url!r} is not an http(s) URL", line)
    for col in ("cash_max_usd", "cash_min_usd", "payout_months", "first_year_usd"):
        d[col] = to_number(d, col, path)
    bad_share = (d["first_year_usd"] < 0) | (d["first_year_usd"] > d["cash_max_usd"].fillna(0))
    bad_months = (d["payout_months"] < 0) | (d["payout_months"] % 1 > 0)
    for mask, problem in ((bad_share, "first_year_usd must be 0 to cash_max_usd"),
                          (bad_months, "payout_months must be a whole number >= 0")):  # fmt: skip
        if mask.any():
            raise BuildError(path, problem, int(mask.to_numpy().argmax()) + 2)
    d["payout_months"] = d["payout_months"].astype("Int64")
    return d


def named_places(programs: pd.DataFrame) -> set[str]:
    """Every place GEOID that some program names."""
    return {g for value in programs["place_geoids"] for g in _split(value)}


def coverage(programs: pd.DataFrame, towns: pd.DataFrame) -> pd.DataFrame:
    """(town_id, program_id) pairs: named places, every town of a named county, every town of
    a state for state-level programs. `towns` needs town_id, county_fips and state."""
    pairs = []
    for _, p in programs.iterrows():
        hit = towns["town_id"].isin(_split(p["place_geoids"]))
        if p["geography_level"] in ("county", "state"):
            hit |= towns["county_fips"].isin(_split(p["county_fips"]))
        if p["geography_level"] == "state":
            hit |= (towns["state"] == p["state"]) & (towns["country"] == "US")
        pairs.append(
            pd.DataFrame({"town_id": towns.loc[hit, "town_id"], "program_id": p["program_id"]})
        )
    if not pairs:
        return pd.DataFrame({"town_id": [], "program_id": []}, dtype="string")
    return pd.concat(pairs, ignore_index=True)


def summarise(towns: pd.DataFrame, programs: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Per town: every covering program (incentive_programs, incentive_program_ids) and the
    incentive columns under the default counting rules (`hubmap.incentive_rules`)."""
    m = pairs.merge(programs, on="program_id")
    g = m.groupby("town_id")
    listed = pd.DataFrame(
        {
            "incentive_programs": g["program"].agg(lambda s: "; ".join(sorted(set(s)))),
            "incentive_program_ids": g["program_id"].agg(lambda s: ";".join(sorted(set(s)))),
        }
    )
    result = towns[["town_id", "country"]].merge(
        listed, left_on="town_id", right_index=True, how="left"
    )
    result = result.join(town_incentives(result, programs))
    return result.drop(columns="country")
