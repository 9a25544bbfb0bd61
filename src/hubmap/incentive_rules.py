"""Which incentive programs count for a town, and what the town's incentive columns say.

Every curated program has a status (`PROGRAM_STATUSES`) and a type (`PROGRAM_TYPES`). By
default a program counts only if it is a remote-worker relocation program reported open: only
counted programs give a town its cash figure, on the map, in the headline and in the filters.
The user can also count programs of unknown status, and programs of the other types. A town
covered only by programs that do not count says why: "status unknown", "closed" or "other
program types only" (`INCENTIVE_STATUSES`).

The build writes the default columns into the town table; the app recomputes them with the
same function when the user changes what counts.
"""

from __future__ import annotations

import pandas as pd

from hubmap.schema import INCENTIVE_STATUSES, PROGRAM_STATUSES, PROGRAM_TYPES

OPEN, UNKNOWN, CLOSED = PROGRAM_STATUSES
DEFAULT_TYPE = PROGRAM_TYPES[0]
(
    CASH,
    NO_AMOUNT,
    STATUS_UNKNOWN,
    ALL_CLOSED,
    OTHER_TYPES_ONLY,
    NO_PROGRAM,
    NOT_RESEARCHED,
) = INCENTIVE_STATUSES
NO_COUNTED_CASH: tuple[str, ...] = (STATUS_UNKNOWN, ALL_CLOSED, OTHER_TYPES_ONLY, NO_PROGRAM)
"""Town statuses meaning "no counted program": a real 0 USD for filters and the hub score
(unlike "program, amount not stated" and "not researched", which are missing data)."""
COLUMNS: tuple[str, ...] = (
    "incentive_status",
    "incentive_summary",
    "incentive_max_usd",
    "incentive_first_year_usd",
    "incentive_last_reported",
)
"""The town columns `town_incentives` computes."""
PROGRAM_NUMBERS: tuple[str, ...] = (
    "cash_max_usd",
    "cash_min_usd",
    "payout_months",
    "first_year_usd",
)
"""The numeric columns of the curated programs table."""
FIRST_YEAR_MONTHS = 12
"""A payment counts in the first year when it is due at most this many months after moving."""


def program_status_label(status: str, last_reported: object) -> str:
    """A program's status as the app says it: "open as last reported 2024-02",
    "status unknown, last reported 2022-01", "closed (last reported 2020-01-06)"."""
    date = "date not stated" if pd.isna(last_reported) else str(last_reported)
    if status == OPEN:
        return f"open as last reported {date}"
    if status == CLOSED:
        return f"closed (last reported {date})"
    return f"status unknown, last reported {date}"


def counts(
    programs: pd.DataFrame, include_unknown: bool = False, include_other_types: bool = False
) -> pd.Series:
    """Per program (bool): does it count under these rules?"""
    of_type = include_other_types | (programs["program_type"] == DEFAULT_TYPE)
    statuses = (OPEN, UNKNOWN) if include_unknown else (OPEN,)
    return of_type & programs["status"].isin(statuses)


def _first_year(counted: pd.DataFrame) -> float:
    """Largest first-year payment among counted programs; NaN when a program whose schedule
    is not stated could pay more than that in its first year."""
    known = counted["first_year_usd"].max()
    unknown_cash = counted.loc[counted["first_year_usd"].isna(), "cash_max_usd"].max()
    if pd.isna(known) or (pd.notna(unknown_cash) and unknown_cash > known):
        return float("nan")
    return float(known)


def _names(rows: pd.DataFrame) -> str:
    return "; ".join(sorted(set(rows["program"])))


def _one_town(rows: pd.DataFrame) -> dict[str, object]:
    """The incentive columns of one town from its programs (`rows`, flagged `counted`)."""
    counted = rows[rows["counted"]]
    of_type = rows[rows["of_type"]]
    nan = float("nan")
    if not counted.empty:
        best = counted.sort_values("cash_max_usd", ascending=False, na_position="last").iloc[0]
        label = program_status_label(best["status"], best["last_reported"])
        if pd.notna(best["cash_max_usd"]):
            status = CASH
            summary = f"up to ${best['cash_max_usd']:,.0f}: {best['program']} ({label})"
        else:
            status = NO_AMOUNT
            summary = f"program with no stated cash amount: {_names(counted)} ({label})"
        return {
            "incentive_status": status,
            "incentive_summary": summary,
            "incentive_max_usd": counted["cash_max_usd"].max(),
            "incentive_first_year_usd": _first_year(counted),
            "incentive_last_reported": counted["last_reported"].max(),
        }
    unknown = of_type[of_type["status"] == UNKNOWN]
    if not unknown.empty:
        last = unknown["last_reported"].max()
        status = STATUS_UNKNOWN
        summary = f"status unknown, last reported {last}: {_names(unknown)} (not counted)"
    elif not of_type.empty:
        last = of_type["last_reported"].max()
        status = ALL_CLOSED
        summary = f"closed (last reported {last}): {_names(of_type)}"
    else:
        last = rows["last_reported"].max()
        types = ", ".join(sorted(set(rows["program_type"])))
        status = OTHER_TYPES_ONLY
        summary = f"no {DEFAULT_TYPE} program known; other types: {types} ({_names(rows)})"
    return {
        "incentive_status": status,
        "incentive_summary": summary,
        "incentive_max_usd": nan,
        "incentive_first_year_usd": nan,
        "incentive_last_reported": last,
    }


def town_incentives(
    towns: pd.DataFrame,
    programs: pd.DataFrame,
    include_unknown: bool = False,
    include_other_types: bool = False,
) -> pd.DataFrame:
    """`COLUMNS` per town (aligned to `towns.index`) under the given counting rules.

    `towns` needs `incentive_program_ids` (";"-separated, every covering program) and
    `country`; `programs` the curated table (program_id, program, program_type, status,
    cash_max_usd, first_year_usd, last_reported). Amounts in USD.
    """
    ids = towns["incentive_program_ids"].dropna().astype(str)
    pairs = ids.str.split(";").explode().rename("program_id").rename_axis("row").reset_index()
    table = programs.assign(
        counted=counts(programs, include_unknown, include_other_types),
        of_type=include_other_types | (programs["program_type"] == DEFAULT_TYPE),
    )
    merged = pairs.merge(table, on="program_id", how="inner")
    per_town = {row: _one_town(rows) for row, rows in merged.groupby("row", sort=False)}
    out = pd.DataFrame.from_dict(per_town, orient="index", columns=list(COLUMNS))
    out = out.reindex(towns.index)
    researched = (towns["country"] == "US").to_numpy()
    none = out["incentive_status"].isna().to_numpy()
    out.loc[none & researched, "incentive_status"] = NO_PROGRAM
    out.loc[none & ~researched, "incentive_status"] = NOT_RESEARCHED
    out.loc[none & researched, "incentive_summary"] = "no program known (none in hubmap's table)"
    out.loc[none & ~researched, "incentive_summary"] = "not researched"
    for col in ("incentive_status", "incentive_summary", "incentive_last_reported"):
        out[col] = out[col].astype("string")
    for col in ("incentive_max_usd", "incentive_first_year_usd"):
        out[col] = out[col].astype("float64")
    return out


def with_counting_rules(
    towns: pd.DataFrame,
    programs: pd.DataFrame,
    include_unknown: bool = False,
    include_other_types: bool = False,
) -> pd.DataFrame:
    """`towns` with its `COLUMNS` recomputed under these counting rules (a shallow copy).

    The default rules are the ones the build wrote, so `towns` itself is returned for them.
    """
    if not (include_unknown or include_other_types):
        return towns
    frame = towns.copy(deep=False)
    recounted = town_incentives(frame, programs, include_unknown, include_other_types)
    for column in recounted.columns:
        frame[column] = recounted[column]
    return frame
