"""The text under the map: what it shows, in one paragraph (for screen readers, and for
anyone who reads before they look)."""

from __future__ import annotations

import pandas as pd

from hubmap.colors import (
    INCENTIVE,
    INCENTIVE_CASH_CLASSES,
    NO_DATA_LABEL,
    MetricScale,
    class_table,
    metric_values,
)

LISTED_REGIONS = 3
"""States or provinces named for the towns with a cash incentive; the rest are counted."""


def _share(part: int, whole: int) -> str:
    """A share as a whole percent, "<1%" for a few, never "0%" for some."""
    pct = 100 * part / whole
    return "<1%" if 0 < pct < 1 else f"{pct:.0f}%"


def _cash_regions(frame: pd.DataFrame) -> str:
    """Where the towns with a cash incentive are: "Kansas (20), Alabama (12) and 5 more
    states or provinces"."""
    cash = frame[metric_values(frame, INCENTIVE).isin(INCENTIVE_CASH_CLASSES).fillna(False)]
    counts = cash["state_name"].value_counts()
    named = [f"{name} ({n:,})" for name, n in counts.head(LISTED_REGIONS).items()]
    rest = len(counts) - len(named)
    if rest:
        named.append(f"{rest} more {'states or provinces' if rest > 1 else 'state or province'}")
    listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
    towns = "town" if len(cash) == 1 else "towns"
    return f"The {len(cash):,} {towns} with a cash incentive are in {listed}."


def map_summary(frame: pd.DataFrame, scale: MetricScale, total: int) -> str:
    """What the map of `frame` coloured by `scale` shows: how many of `total` towns, the
    share of each class (legend order, empty classes left out), and where the towns with
    a cash incentive are. Plain text: escape it for Markdown or HTML."""
    shown = len(frame)
    if shown == 0:
        return f"No town of {total:,} matches the filters."
    head = f"{shown:,} of {total:,} towns shown, coloured by {scale.label}: "
    table = class_table(scale, frame)
    parts = [
        f"{_share(int(n), shown)} {label if label != NO_DATA_LABEL else 'no data'}"
        for label, n in zip(table["class"], table["towns"], strict=True)
        if n > 0
    ]
    cash = metric_values(frame, INCENTIVE).isin(INCENTIVE_CASH_CLASSES).fillna(False).sum()
    tail = _cash_regions(frame) if cash else "None of them has a cash incentive known."
    return head + "; ".join(parts) + ". " + tail
