"""hubmap's curated incentives table (`data/incentives.csv`): validated, then matched to towns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import BuildError, read_table, require_unique, to_number

COLUMNS = (
    "program_id",
    "program",
    "sponsor",
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
    "first_reported",
    "last_reported",
    "status",
    "status_note",
    "status_source_url",
    "other_source_urls",
)
STATUSES = ("open as last reported", "closed", "unknown")
LEVELS = ("place", "county", "state")
_URL_COLUMNS = ("cash_source_url", "status_source_url", "other_source_urls")


def _split(value: object) -> list[str]:
    return [] if pd.isna(value) else [v.strip() for v in str(value).split(";") if v.strip()]


def load(path: Path) -> pd.DataFrame:
    """The programs, one row each, with `cash_max_usd`/`cash_min_usd` as numbers (USD).

    Raises `BuildError` (file and line) for unknown statuses or levels, ids that are not
    GEOIDs/FIPS, and any URL that is not http(s).
    """
    d = read_table(path, required=COLUMNS)
    require_unique(d, "program_id", path)
    for i, row in d.iterrows():
        line = int(i) + 2
        if row["status"] not in STATUSES:
            raise BuildError(path, f"status {row['status']!r} is not one of {STATUSES}", line)
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
    d["cash_max_usd"] = to_number(d, "cash_max_usd", path)
    d["cash_min_usd"] = to_number(d, "cash_min_usd", path)
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
    """Per town: incentive_status, incentive_max_usd (USD, programs not reported closed),
    incentive_programs, incentive_program_ids, incentive_last_reported."""
    m = pairs.merge(programs, on="program_id")
    live = m[m["status"] != "closed"]
    g = m.groupby("town_id")
    out = pd.DataFrame(
        {
            "incentive_programs": g["program"].agg(lambda s: "; ".join(sorted(set(s)))),
            "incentive_program_ids": g["program_id"].agg(lambda s: ";".join(sorted(set(s)))),
            "incentive_last_reported": g["last_reported"].max(),
        }
    )
    out["incentive_max_usd"] = live.groupby("town_id")["cash_max_usd"].max()
    has_live = out.index.isin(live["town_id"])
    status = pd.Series("no program known", index=out.index)
    status[has_live] = "program, amount not stated"
    status[out["incentive_max_usd"].notna()] = "cash program"
    out["incentive_status"] = status
    result = towns[["town_id", "country"]].merge(
        out, left_on="town_id", right_index=True, how="left"
    )
    result["incentive_status"] = result["incentive_status"].fillna("no program known")
    result.loc[result["country"] != "US", "incentive_status"] = "not researched"
    return result.drop(columns="country")
