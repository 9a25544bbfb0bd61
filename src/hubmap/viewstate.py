"""The URL <-> view codec: everything a shared link must reproduce, as one value.

`decode` never raises: any mapping of strings gives a valid `ViewState` plus a list of
warnings that say which parameter was ignored or clamped and why. `encode` writes only what
differs from the defaults, so a default view has a clean URL, and `decode(encode(v)) == v`.
Both work from the one table of parameters in `hubmap.controls` (add a parameter there);
only the map position (lat, lon, z) is handled here.

Warnings are plain text that quotes the link's own keys and values (cut short, as Python
literals): whoever shows them must show them literally (`hubmap.text.escape_markdown`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from hubmap.controls import PARAM_BY_KEY, PARAMS, Param
from hubmap.filters import FilterState
from hubmap.mapview import DEFAULT_CENTER, DEFAULT_ZOOM, MAX_ZOOM, MIN_ZOOM
from hubmap.metrics import DEFAULT_WEIGHTS, SCORE_COMPONENTS
from hubmap.text import quote

METRICS = PARAM_BY_KEY["metric"].choices
DEFAULT_METRIC = "afford"
TIER_CODES = PARAM_BY_KEY["tier"].url_codes()
"""Short URL codes for the connectivity tiers."""
MAX_VALUE_CHARS = 2_000
"""Longer parameter values are ignored outright (a 100 kB link is not an error)."""
LAT_RANGE, LON_RANGE = (-85.0, 85.0), (-180.0, 180.0)
POSITION_KEYS = ("lat", "lon", "z")
KNOWN_KEYS = (*PARAM_BY_KEY, *POSITION_KEYS)
_ID_FORM = re.compile(r"[A-Za-z0-9:._-]+")


@dataclass(frozen=True)
class CalculatorState:
    """The relocation calculator's inputs as the link carries them (USD; None: not given).
    Active when `from_town` or `monthly_usd` is set."""

    from_town: str | None = None
    monthly_usd: int | None = None
    basis: str = "rent"
    income_usd: int | None = None
    down_payment_usd: int | None = None
    rate_bp: int | None = None
    """Mortgage rate in hundredths of a percent (598 = 5.98%)."""
    min_savings_usd: int | None = None
    """Keep only towns saving at least this much in the first year."""


@dataclass(frozen=True)
class ViewState:
    """What the user sees: filters, colour metric, selected town, hub-score weights, map view."""

    filters: FilterState = field(default_factory=FilterState)
    metric: str = DEFAULT_METRIC
    town: str | None = None
    weights: tuple[int, ...] = tuple(DEFAULT_WEIGHTS[c.key] for c in SCORE_COMPONENTS)
    center: tuple[float, float] = DEFAULT_CENTER
    zoom: int = DEFAULT_ZOOM
    include_partial: bool = False
    """Rank towns whose hub score leaves out a component too (off: only full scores rank)."""
    compare: tuple[str, ...] = ()
    """Town ids pinned to compare (at most 4), whatever the filters."""
    calc: CalculatorState = field(default_factory=CalculatorState)


def field_value(view: ViewState, path: str) -> object:
    """The value at `path` ("metric", "filters.states", ...) of `view`."""
    value: object = view
    for part in path.split("."):
        value = getattr(value, part)
    return value


def with_fields(view: ViewState, values: Mapping[str, object]) -> ViewState:
    """`view` with the fields at the given paths replaced ("filters.x" and "calc.x" are
    fields of the nested values; FilterState checks its own)."""
    top = {p: v for p, v in values.items() if "." not in p}
    for group in ("filters", "calc"):
        inner = {p.split(".", 1)[1]: v for p, v in values.items() if p.startswith(group + ".")}
        if inner:
            top[group] = replace(getattr(view, group), **inner)
    return replace(view, **top)


def widget_values(view: ViewState) -> dict[str, object]:
    """Session-state key -> widget value for every parameter of `view` (not the map
    position): what the widgets must hold to show `view`."""
    out: dict[str, object] = {}
    for param in PARAMS:
        values = [field_value(view, f) for f in param.fields]
        if param.kind == "ints":
            out.update(zip(param.state_keys, values[0], strict=True))
            continue
        if param.optional:
            out[param.toggle_key] = values[0] is not None
            values = [param.initial if v is None else v for v in values]
        if param.kind == "multi":
            values = [list(v) for v in values]
        out.update(zip(param.state_keys, values, strict=True))
    return out


def view_from_widgets(state: Mapping[str, object], view: ViewState) -> ViewState:
    """`view` with every parameter read from the widgets' session-state values."""
    values: dict[str, object] = {}
    for param in PARAMS:
        got = [state[k] for k in param.state_keys]
        if param.kind == "ints":
            got = [tuple(int(v) for v in got)]
        elif param.kind in ("int", "range"):
            got = [int(v) for v in got]
        elif param.kind == "multi":
            got = [tuple(v) for v in got]
        if param.kind == "range":
            got = [got[0], max(got)]
        if param.optional and not state[param.toggle_key]:
            got = [None]
        values.update(zip(param.fields, got, strict=True))
    return with_fields(view, values)


def _fmt_float(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _encode_param(param: Param, values: tuple) -> str:
    value = values[0]
    if param.kind == "int":
        return str(value)
    if param.kind in ("choice", "multi"):
        codes = {v: k for k, v in param.url_codes().items()} if param.choices else {}
        items = [value] if param.kind == "choice" else value
        return ",".join(codes.get(v, v) for v in items)
    if param.kind == "flag":
        return param.words[0] if value else param.words[1]
    if param.kind == "range":
        return f"{values[0]}-{values[1]}"
    if param.kind == "ints":
        return ",".join(str(v) for v in value)
    return str(value)


def encode(view: ViewState) -> dict[str, str]:
    """Query parameters for `view`: only the ones that differ from the default view."""
    default = ViewState()
    out: dict[str, str] = {}
    for param in PARAMS:
        values = tuple(field_value(view, f) for f in param.fields)
        if values != tuple(field_value(default, f) for f in param.fields):
            out[param.key] = _encode_param(param, values)
    if view.center != DEFAULT_CENTER or view.zoom != DEFAULT_ZOOM:
        out["lat"] = _fmt_float(view.center[0])
        out["lon"] = _fmt_float(view.center[1])
        out["z"] = str(view.zoom)
    return out


def _whole_number(text: str) -> int:
    stripped = text.strip()
    if not stripped.isascii() or not stripped.lstrip("-").isdigit() or len(stripped) > 12:
        raise ValueError("must be a whole number")
    return int(stripped)


def _float_in(text: str, low: float, high: float) -> float:
    value = float(text.strip())
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"must be a number between {low} and {high}")
    return round(value, 4)


class _Decoder:
    """Decodes one link's parameters by `PARAMS`, collecting warnings."""

    def __init__(self, known: Mapping[str, frozenset[str] | None]) -> None:
        self.known = known
        self.warnings: list[str] = []

    def clamped(self, param: Param, value: int, what: str = "") -> int:
        """`value` within the parameter's range; a warning when it had to move."""
        inside = param.clamp(value)
        if inside != value:
            side = "below the smallest" if value < inside else "above the largest"
            self.warnings.append(
                f"Link parameter {param.key}{what}={value:,} is {side} value the control "
                f"allows ({param.min:,} to {param.max:,}); {inside:,} is used."
            )
        return inside

    def allowed(self, param: Param) -> dict[str, str] | frozenset[str] | None:
        """URL code -> value for fixed choices, else the known set (None: any id form)."""
        return param.url_codes() if param.choices else self.known.get(param.known)

    def parse(self, param: Param, text: str) -> tuple:
        """The field values `text` sets (one per field); ValueError to ignore it."""
        kind = param.kind
        if kind == "int":
            return (self.clamped(param, _whole_number(text)),)
        if kind == "choice":
            codes = param.url_codes()
            if text not in codes:
                raise ValueError(f"must be one of {', '.join(codes)}")
            return (codes[text],)
        if kind == "multi":
            return (self.items(param, text),)
        if kind == "flag":
            if text not in param.words:
                raise ValueError(f"must be {param.words[0]!r} or {param.words[1]!r}")
            return (text == param.words[0],)
        if kind == "text":
            cleaned = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
            return (cleaned[: param.max_chars],)
        if kind == "range":
            low, sep, high = text.partition("-")
            if not sep:
                raise ValueError("must look like MIN-MAX")
            lo, hi = _whole_number(low), _whole_number(high)
            if lo > hi:
                raise ValueError("minimum is above maximum")
            return (self.clamped(param, lo, " minimum"), self.clamped(param, hi, " maximum"))
        if kind == "ints":
            parts = text.split(",")
            if len(parts) != param.count:
                raise ValueError(f"needs {param.count} comma-separated whole numbers")
            numbers = [_whole_number(p) for p in parts]
            return (tuple(self.clamped(param, n) for n in numbers),)
        # "id"
        ids = self.allowed(param)
        if len(text) > param.max_chars or not _ID_FORM.fullmatch(text):
            raise ValueError("not a valid id")
        if ids is not None and text not in ids:
            raise ValueError(f"no such {param.key} in the data")
        return (text,)

    def items(self, param: Param, text: str) -> tuple[str, ...]:
        """The known values among a comma-separated list, in order, without repeats."""
        allowed = self.allowed(param)
        codes = [c.strip() for c in text.split(",") if c.strip()]
        if param.known == "states":
            codes = [c.upper() for c in codes]
        if isinstance(allowed, dict):
            good = [allowed[c] for c in codes if c in allowed]
            unknown = [c for c in codes if c not in allowed]
        else:
            good = [c for c in codes if (allowed is None and _ID_FORM.fullmatch(c))
                    or (allowed is not None and c in allowed)]  # fmt: skip
            unknown = [c for c in codes if c not in good]
        if unknown:
            self.warnings.append(
                f"Ignored unknown value(s) of link parameter {param.key}: "
                + ", ".join(quote(c[:10]) for c in unknown[:5])
                + (" and more" if len(unknown) > 5 else "")
                + "."
            )
        values = tuple(dict.fromkeys(good))
        if param.count > 1 and len(values) > param.count:
            self.warnings.append(
                f"Link parameter {param.key} holds {len(values)} values; the first "
                f"{param.count} are used."
            )
            values = values[: param.count]
        return values


def _single(params: Mapping[str, str | Iterable[str]], warnings: list[str]) -> dict[str, str]:
    """Last value of each known key; warnings for unknown, repeated and oversized ones."""
    out = {}
    for key, raw in params.items():
        values = [raw] if isinstance(raw, str) else [str(v) for v in raw]
        if key not in KNOWN_KEYS:
            warnings.append(f"Ignored unknown link parameter {quote(key)}.")
            continue
        if not values:
            continue
        if len(values) > 1:
            warnings.append(
                f"Link parameter {key!r} was given {len(values)} times; the last one is used."
            )
        value = values[-1]
        if len(value) > MAX_VALUE_CHARS:
            warnings.append(
                f"Ignored link parameter {key!r}: its value is "
                f"{len(value):,} characters long (at most {MAX_VALUE_CHARS:,})."
            )
            continue
        out[key] = value
    return out


def decode(
    params: Mapping[str, str | Iterable[str]],
    known_states: Iterable[str] = (),
    known_towns: Iterable[str] | None = None,
) -> tuple[ViewState, list[str]]:
    """The view a link asks for, and a warning for every part of it that was ignored or
    clamped into a control's range.

    `known_states` are the valid state/province codes; `known_towns` the valid town ids
    (None accepts any well-formed id). Never raises.
    """
    warnings: list[str] = []
    p = _single(params, warnings)
    decoder = _Decoder(
        {
            "states": frozenset(known_states),
            "towns": None if known_towns is None else frozenset(known_towns),
        }
    )
    decoder.warnings = warnings
    values: dict[str, object] = {}
    for param in PARAMS:
        if param.key not in p:
            continue
        text = p[param.key]
        try:
            values.update(zip(param.fields, decoder.parse(param, text), strict=True))
        except (ValueError, TypeError, OverflowError) as exc:
            warnings.append(f"Ignored link parameter {param.key}={quote(text)}: {exc}.")
    view = with_fields(ViewState(), values)
    if any(k in p for k in POSITION_KEYS):
        try:
            lat = _float_in(p.get("lat", ""), *LAT_RANGE)
            centre = (lat, _float_in(p.get("lon", ""), *LON_RANGE))
            zoom = _whole_number(p.get("z", ""))
            if not MIN_ZOOM <= zoom <= MAX_ZOOM:
                raise ValueError
            view = replace(view, center=centre, zoom=zoom)
        except (ValueError, TypeError):
            warnings.append(
                "Ignored the map position in the link: lat (-85 to 85), lon (-180 to 180) and "
                f"z ({MIN_ZOOM} to {MAX_ZOOM}) must all be given as numbers."
            )
    return view, warnings
