"""Census top and bottom codes: flag the published codes, and say which ratios are bounds."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hubmap.schema import (
    BOTTOMCODED_SUFFIX,
    BOUND_SUFFIX,
    CODED_COLUMNS,
    TOPCODED_SUFFIX,
)

EXACT, AT_LEAST, AT_MOST, UNDETERMINED = "exact", "at least", "at most", "undetermined"


def flag_codes(towns: pd.DataFrame) -> pd.DataFrame:
    """Add `<column>_topcoded` and `<column>_bottomcoded` (True/False) for every coded
    column of the schema; the published values are kept as they are."""
    for column in CODED_COLUMNS:
        values = towns[column.name] if column.name in towns else pd.Series(np.nan, towns.index)
        towns[column.name + TOPCODED_SUFFIX] = (values == column.codes.top).fillna(False)
        towns[column.name + BOTTOMCODED_SUFFIX] = (values == column.codes.bottom).fillna(False)
    return towns


def _direction(towns: pd.DataFrame, column: str, sign: int) -> pd.Series:
    """+1 where `column`'s code makes the ratio a lower bound, -1 an upper bound, 0 exact.

    `sign` is +1 for a numerator and -1 for a denominator."""
    top = towns[column + TOPCODED_SUFFIX].astype(bool).astype(int)
    bottom = towns[column + BOTTOMCODED_SUFFIX].astype(bool).astype(int)
    return sign * (top - bottom)


def ratio_bound(
    towns: pd.DataFrame, ratio: str, numerator: str, denominator: str | None = None
) -> pd.DataFrame:
    """Set `<ratio>_bound` from the code flags of its inputs and empty a ratio whose inputs
    are coded in opposite directions (neither a lower nor an upper bound).

    A top-coded numerator ("$2,000,000 or more") or a bottom-coded denominator makes the
    ratio "at least" its value; the reverse makes it "at most"."""
    parts = [_direction(towns, numerator, +1)]
    if denominator is not None:
        parts.append(_direction(towns, denominator, -1))
    lower = sum((p > 0).astype(int) for p in parts) > 0
    upper = sum((p < 0).astype(int) for p in parts) > 0
    bound = pd.Series(EXACT, index=towns.index, dtype="object")
    bound[lower & ~upper] = AT_LEAST
    bound[upper & ~lower] = AT_MOST
    bound[lower & upper] = UNDETERMINED
    towns.loc[lower & upper, ratio] = np.nan
    towns[ratio + BOUND_SUFFIX] = bound.where(towns[ratio].notna() | (lower & upper))
    return towns
