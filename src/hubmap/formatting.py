"""How a value reads wherever a person sees it: tooltip, details, table and downloads.

Pure functions, no Streamlit. Missing values read "no data", never 0; a Census top code reads
"$2,000,000+" and a bottom code "$10,000 or less"; a ratio built on a coded value reads as the
bound it is ("at least 15.5"). Money always carries its currency symbol ("$" US dollars,
"CA$" Canadian dollars), so CAD is never read as USD.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from hubmap.schema import (
    BOTTOMCODED_SUFFIX,
    BOUND_SUFFIX,
    COLUMN_BY_NAME,
    HOUSING_COLUMNS,
    NO_HOUSING_MARKET,
    TOPCODED_SUFFIX,
    Column,
)

NO_DATA = "no data"
UNDETERMINED = "undetermined"
UNDETERMINED_TEXT = "undetermined (Census-coded inputs)"
KM_PER_MILE = 1.609344
CURRENCY_SYMBOLS = {"USD": "$", "CAD": "CA$"}
"""Symbol per ISO currency code in a column's unit ("USD per month")."""
TOP, BOTTOM = "top", "bottom"


def is_missing(value: object) -> bool:
    """True for None, pd.NA, NaN and NaT."""
    if isinstance(value, float):
        return value != value
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _digits(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def sign_first(template: str, value: float) -> str:
    """`value` through a format `template` ("${:,.0f}") with its minus sign before the
    currency symbol or any other prefix: -5000 -> "-$5,000", never "$-5,000"; a value that
    rounds to zero has no sign."""
    text = template.format(abs(value))
    return "-" + text if value < 0 and text != template.format(0.0) else text


def money(value: object, currency: str = "USD", per: str = "", decimals: int = 0) -> str:
    """ "$1,717 per month"; "CA$456,000"; "-$5,000"; "no data" for a missing value."""
    if is_missing(value):
        return NO_DATA
    text = sign_first(f"{CURRENCY_SYMBOLS[currency]}{{:,.{decimals}f}}", float(value))
    return f"{text} {per}".strip()


def coded_money(
    value: object, bound: float, code: str, currency: str = "USD", per: str = ""
) -> str:
    """A Census code as the interval it stands for: top -> "$2,000,000+", bottom ->
    "$10,000 or less" (`bound` is the interval's end, e.g. 2,000,000 for 2,000,001)."""
    if is_missing(value):
        return NO_DATA
    amount = money(bound, currency)
    text = f"{amount}+" if code == TOP else f"{amount} or less"
    return f"{text} {per}".strip()


def score(value: object) -> str:
    """A hub score as people read it: 43.4 -> "43 of 100"; missing -> "no data"."""
    return NO_DATA if is_missing(value) else f"{float(value):.0f} of 100"


def count(value: object, unit: str = "") -> str:
    """A whole number with thousands separators: "55,042 people"."""
    if is_missing(value):
        return NO_DATA
    return f"{float(value):,.0f} {unit}".strip()


def number(value: object, unit: str = "", decimals: int | None = None) -> str:
    """A number with its unit: `decimals` fixed, else integers plain and others with 2."""
    if is_missing(value):
        return NO_DATA
    v = float(value)
    if decimals is None:
        decimals = 0 if v.is_integer() else 2
    gap = "" if unit.startswith("%") else " "
    return f"{_digits(v, decimals)}{gap}{unit}".strip()


def percent(share: object, decimals: int = 1) -> str:
    """A share 0-1 as a percentage: 0.7508 -> "75.1%"."""
    if is_missing(share):
        return NO_DATA
    return f"{100 * float(share):.{decimals}f}%"


def percent_points(share: object, decimals: int = 1) -> str:
    """An error range on a share: 0.031 -> "+/- 3.1 pts"."""
    if is_missing(share):
        return NO_DATA
    return f"+/- {100 * float(share):.{decimals}f} pts"


def distance(miles: object, decimals: int = 1) -> str:
    """A distance in miles with its km: 8.09 -> "8.1 mi (13.0 km)"."""
    if is_missing(miles):
        return NO_DATA
    mi = float(miles)
    return f"{_digits(mi, decimals)} mi ({_digits(mi * KM_PER_MILE, decimals)} km)"


def bounded(text: str, bound: object) -> str:
    """Prefix a formatted value with its bound: ("15.5", "at least") -> "at least 15.5"."""
    if text == NO_DATA or is_missing(bound) or bound == "exact":
        return text
    return f"{bound} {text}"


def yes_no(value: object) -> str:
    """True/False as "yes"/"no"."""
    if is_missing(value):
        return NO_DATA
    return "yes" if bool(value) else "no"


def currency_of(column: Column) -> str | None:
    """The ISO currency code a money column's unit starts with, else None."""
    head = column.unit.split(" ", 1)[0]
    return head if head in CURRENCY_SYMBOLS else None


def code_of(column: Column, row: Mapping | None) -> str | None:
    """ "top" / "bottom" where `row` flags `column`'s value as a Census code, else None."""
    if column.codes is None or row is None:
        return None
    if _true(row.get(column.name + TOPCODED_SUFFIX)):
        return TOP
    if _true(row.get(column.name + BOTTOMCODED_SUFFIX)):
        return BOTTOM
    return None


def _true(value: object) -> bool:
    return not is_missing(value) and bool(value)


@functools.cache
def _number_text(column: Column) -> Callable[[float], str]:
    """How a present number of `column` reads (the one definition `_plain` and
    `column_texts` share)."""
    currency = currency_of(column)
    if currency is not None:
        per = column.unit.removeprefix(currency).strip()
        return lambda v: money(v, currency, per)
    if column.unit.startswith("share"):
        return percent
    if column.unit == "miles":
        return lambda v: distance(v, 1 if column.decimals is None else column.decimals)
    if column.unit == "+/- share":
        return percent_points
    if column.unit in ("people", "units", "jobs", "colleges"):
        return lambda v: count(v, column.unit)
    return lambda v: number(v, column.unit, column.decimals)


def _plain(column: Column, value: object) -> str:
    # NumPy's scalars too: a town's row of a mixed frame holds numpy.bool_ and numpy.int64.
    if isinstance(value, bool | np.bool_):
        return yes_no(value)
    if isinstance(value, numbers.Real):
        return _number_text(column)(float(value))
    return str(value)


def missing_reason(column: Column, row: Mapping | None) -> str:
    """What a missing value reads: "no housing market" for a housing figure of a place
    without housing units, "undetermined (Census-coded inputs)" for a ratio whose inputs are
    coded in opposite directions, else "no data"."""
    if row is None:
        return NO_DATA
    if column.name in HOUSING_COLUMNS and _is(row.get("housing_status"), NO_HOUSING_MARKET):
        return NO_HOUSING_MARKET
    if column.bounded and _is(row.get(column.name + BOUND_SUFFIX), UNDETERMINED):
        return UNDETERMINED_TEXT
    return NO_DATA


def _is(value: object, text: str) -> bool:
    return not is_missing(value) and value == text


def column_value(column: Column | str, value: object, row: Mapping | None = None) -> str:
    """`value` of `column` as a person reads it, with unit and currency.

    `row` (the town's other fields) supplies the code flags (`<name>_topcoded`, ...) and
    the bound (`<name>_bound`) that change how the value reads."""
    col = COLUMN_BY_NAME[column] if isinstance(column, str) else column
    if is_missing(value):
        return missing_reason(col, row)
    code = code_of(col, row)
    if code is not None and col.codes is not None:
        currency = currency_of(col) or "USD"
        end = col.codes.top_bound if code == TOP else col.codes.bottom_bound
        return coded_money(value, end, code, currency, col.unit.removeprefix(currency).strip())
    text = _plain(col, value)
    if col.bounded and row is not None:
        return bounded(text, row.get(col.name + BOUND_SUFFIX))
    return text


def town_value(town: Mapping, name: str) -> str:
    """The town's `name` field as text (see `column_value`)."""
    return column_value(COLUMN_BY_NAME[name], town.get(name), town)


def column_texts(frame: pd.DataFrame, name: str) -> pd.Series:
    """`column_value` for every row of `frame` (strings, same index): plain formatting for
    most rows, the row-aware path only where a code, a bound or a reason for a missing value
    changes the text."""
    col = COLUMN_BY_NAME[name]
    values = frame[name]
    if col.dtype in ("float64", "Int64"):
        numbers = values.astype("float64").to_numpy()
        text = _number_text(col)
        plain = [NO_DATA if v != v else text(v) for v in numbers.tolist()]
        texts = pd.Series(plain, index=frame.index, dtype=object)
    else:
        texts = values.map(lambda v: NO_DATA if is_missing(v) else _plain(col, v)).astype(object)
    special = ~is_exact(frame, name)
    if col.bounded and name + BOUND_SUFFIX in frame:
        special |= frame[name + BOUND_SUFFIX].notna() & (frame[name + BOUND_SUFFIX] != "exact")
    if name in HOUSING_COLUMNS and "housing_status" in frame:
        special |= frame["housing_status"].eq(NO_HOUSING_MARKET).fillna(False).astype(bool)
    related = [c for c in frame.columns if c.startswith(name + "_") or c == "housing_status"]
    rows = frame.loc[special.to_numpy(), list(dict.fromkeys([name, *related]))]
    for label, row in zip(rows.index, rows.to_dict(orient="records"), strict=True):
        texts[label] = column_value(col, row[name], row)
    return texts


def is_exact(frame: pd.DataFrame, name: str) -> pd.Series:
    """True where `name`'s value is an exact figure (not a Census code, not a bound)."""
    col = COLUMN_BY_NAME[name]
    exact = pd.Series(True, index=frame.index)
    if col.codes is not None:
        for suffix in (TOPCODED_SUFFIX, BOTTOMCODED_SUFFIX):
            if name + suffix in frame:
                exact &= ~frame[name + suffix].fillna(False).astype(bool)
    if col.bounded and name + BOUND_SUFFIX in frame:
        exact &= frame[name + BOUND_SUFFIX].isna() | (frame[name + BOUND_SUFFIX] == "exact")
    return exact
