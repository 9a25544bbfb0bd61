"""Pinned towns side by side: the card's rows as a table, each row's best value marked.

Pure: takes each town's card rows (`hubmap.card.card_rows`) and returns a frame for display.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from hubmap.card import CardRow
from hubmap.metrics import SCORE_COMPONENTS

MAX_PINNED = 4
"""Towns a comparison holds at most."""
BEST_MARK = "★ "
"""Put before the best value of a row (ties: every town sharing it)."""
ROW_ORDER = (
    "score", "rank", "tier", "housing_rent", "housing_own", "incentive", "jobs", "calc_first",
    "calc_five", "calc_share", "life_airport", "life_hub", "life_university", "life_hospital",
    "life_trauma", "life_park",
)  # fmt: skip


def _merge(rows: Sequence[CardRow]) -> dict[str, CardRow]:
    """One row per key: several incentive programs become one "Incentives" row whose
    number is the largest cash amount of programs not reported closed."""
    merged: dict[str, CardRow] = {}
    for row in rows:
        if row.key != "incentive":
            merged.setdefault(row.key, row)
            continue
        programs = [r for r in rows if r.key == "incentive"]
        numbers = [r.number for r in programs if r.number is not None]
        value = "; ".join(
            r.value if r.label == "Incentives" else f"{r.label}: {r.value}" for r in programs
        )
        merged["incentive"] = CardRow(
            "incentive", "Incentives", value, "", max(numbers) if numbers else None, True
        )
    return merged


def compare_table(rows_by_town: Mapping[str, Sequence[CardRow]]) -> pd.DataFrame:
    """Rows (card labels) x towns (the mapping's keys, in order): the values as text, the
    best value of each row marked with `BEST_MARK` when two or more towns have a number."""
    merged = {town: _merge(rows) for town, rows in rows_by_town.items()}
    keys = [k for k in ROW_ORDER if any(k in rows for rows in merged.values())]
    table: dict[str, dict[str, str]] = {town: {} for town in merged}
    labels = {}
    for key in keys:
        cells = {town: rows.get(key) for town, rows in merged.items()}
        labels[key] = next(c.label for c in cells.values() if c is not None)
        numbers = {t: c.number for t, c in cells.items() if c is not None and c.number is not None}
        best = None
        if len(numbers) >= 2 and len(set(numbers.values())) > 1:
            higher = next(c for c in cells.values() if c is not None).higher_is_better
            best = max(numbers.values()) if higher else min(numbers.values())
        for town, cell in cells.items():
            text = "no data" if cell is None else cell.value
            if best is not None and numbers.get(town) == best:
                text = BEST_MARK + text
            table[town][labels[key]] = text
    return pd.DataFrame(table, index=[labels[k] for k in keys])


def pin(pinned: Sequence[str], town_id: str) -> tuple[str, ...]:
    """`pinned` with `town_id` added at the end (unchanged if present or full)."""
    if town_id in pinned or len(pinned) >= MAX_PINNED:
        return tuple(pinned)
    return (*pinned, town_id)


def unpin(pinned: Sequence[str], town_id: str) -> tuple[str, ...]:
    """`pinned` without `town_id`."""
    return tuple(t for t in pinned if t != town_id)


def components_long(towns: Mapping[str, pd.Series]) -> pd.DataFrame:
    """town, component, percentile (0-100, missing left out): the hub score's parts per
    pinned town, for a grouped bar chart. `towns` maps a label to a row with `pct_*`."""
    records = [
        {"town": label, "component": c.label, "percentile": float(row[f"pct_{c.key}"])}
        for label, row in towns.items()
        for c in SCORE_COMPONENTS
        if pd.notna(row.get(f"pct_{c.key}"))
    ]
    return pd.DataFrame(records, columns=["town", "component", "percentile"])
