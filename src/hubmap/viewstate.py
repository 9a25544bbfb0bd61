"""The URL <-> view codec: everything a shared link must reproduce, as one value.

`decode` never raises: any mapping of strings gives a valid `ViewState` plus a list of
warnings that say which parameter was ignored and why. `encode` writes only what differs
from the defaults, so a default view has a clean URL, and `decode(encode(v)) == v`.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from hubmap.filters import (
    BUDGET_COLUMNS,
    NAME_QUERY_MAX_CHARS,
    POPULATION_CEILING,
    FilterState,
)
from hubmap.mapview import DEFAULT_CENTER, DEFAULT_ZOOM, MAX_ZOOM, MIN_ZOOM
from hubmap.metrics import DEFAULT_WEIGHTS, SCORE_COMPONENTS
from hubmap.schema import CONNECTIVITY_TIERS

METRICS = ("afford", "tier", "incentive", "score")
DEFAULT_METRIC = "afford"
TIER_CODES = dict(zip(("gig", "250", "sat"), CONNECTIVITY_TIERS, strict=True))
"""Short URL codes for the connectivity tiers."""
BUDGET_MAX_USD = 20_000
INCENTIVE_MAX_USD = 100_000
MAX_VALUE_CHARS = 2_000
"""Longer parameter values are ignored outright (a 100 kB link is not an error)."""
KNOWN_KEYS = (
    "state", "budget", "basis", "nodata_budget", "tier", "nodata_tier", "min_incentive",
    "nodata_incentive", "pop", "q", "hub", "nodata_hub", "metric", "town", "w", "lat", "lon",
    "z",
)  # fmt: skip


@dataclass(frozen=True)
class ViewState:
    """What the user sees: filters, colour metric, selected town, hub-score weights, map view."""

    filters: FilterState = field(default_factory=FilterState)
    metric: str = DEFAULT_METRIC
    town: str | None = None
    weights: tuple[int, ...] = tuple(DEFAULT_WEIGHTS[c.key] for c in SCORE_COMPONENTS)
    center: tuple[float, float] = DEFAULT_CENTER
    zoom: int = DEFAULT_ZOOM


def _fmt_float(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def encode(view: ViewState) -> dict[str, str]:
    """Query parameters for `view`: only the ones that differ from the default view."""
    f, d = view.filters, FilterState()
    out: dict[str, str] = {}
    if f.states:
        out["state"] = ",".join(f.states)
    if f.budget_max_usd is not None:
        out["budget"] = str(f.budget_max_usd)
    if f.budget_basis != d.budget_basis:
        out["basis"] = f.budget_basis
    if f.include_missing_budget != d.include_missing_budget:
        out["nodata_budget"] = "hide"
    if f.tiers:
        codes = {v: k for k, v in TIER_CODES.items()}
        out["tier"] = ",".join(codes[t] for t in f.tiers)
    if f.include_missing_tier != d.include_missing_tier:
        out["nodata_tier"] = "hide"
    if f.min_incentive_usd:
        out["min_incentive"] = str(f.min_incentive_usd)
    if f.include_missing_incentive != d.include_missing_incentive:
        out["nodata_incentive"] = "hide"
    if (f.population_min, f.population_max) != (d.population_min, d.population_max):
        out["pop"] = f"{f.population_min}-{f.population_max}"
    if f.name_query:
        out["q"] = f.name_query
    if f.hub_only:
        out["hub"] = "1"
    if f.include_missing_hub != d.include_missing_hub:
        out["nodata_hub"] = "show"
    if view.metric != DEFAULT_METRIC:
        out["metric"] = view.metric
    if view.town:
        out["town"] = view.town
    if view.weights != ViewState().weights:
        out["w"] = ",".join(str(w) for w in view.weights)
    if view.center != DEFAULT_CENTER or view.zoom != DEFAULT_ZOOM:
        out["lat"] = _fmt_float(view.center[0])
        out["lon"] = _fmt_float(view.center[1])
        out["z"] = str(view.zoom)
    return out


def _int_in(text: str, low: int, high: int) -> int:
    stripped = text.strip()
    if not stripped.isascii() or not stripped.lstrip("-").isdigit() or len(stripped) > 12:
        raise ValueError(f"must be a whole number between {low:,} and {high:,}")
    value = int(stripped)
    if not low <= value <= high:
        raise ValueError(f"must be between {low:,} and {high:,}")
    return value


def _float_in(text: str, low: float, high: float) -> float:
    value = float(text.strip())
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"must be a number between {low} and {high}")
    return round(value, 4)


def _single(params: Mapping[str, str | Iterable[str]], warnings: list[str]) -> dict[str, str]:
    """Last value of each known key; warnings for unknown, repeated and oversized ones."""
    out = {}
    for key, raw in params.items():
        values = [raw] if isinstance(raw, str) else [str(v) for v in raw]
        short_key = repr(key[:40])
        if key not in KNOWN_KEYS:
            warnings.append(f"Ignored unknown link parameter {short_key}.")
            continue
        if not values:
            continue
        if len(values) > 1:
            warnings.append(
                f"Link parameter {short_key} was given {len(values)} times; the last one is used."
            )
        value = values[-1]
        if len(value) > MAX_VALUE_CHARS:
            warnings.append(
                f"Ignored link parameter {short_key}: its value is "
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
    """The view a link asks for, and a warning for every part of it that was ignored.

    `known_states` are the valid state/province codes; `known_towns` the valid town ids
    (None accepts any well-formed id). Never raises.
    """
    warnings: list[str] = []
    p = _single(params, warnings)
    states_ok = set(known_states)
    f = FilterState()
    view = ViewState()

    def attempt(key: str, apply) -> None:
        if key not in p:
            return
        try:
            apply(p[key])
        except (ValueError, TypeError, OverflowError) as exc:
            shown = p[key][:40] + ("..." if len(p[key]) > 40 else "")
            warnings.append(f"Ignored link parameter {key}={shown!r}: {exc}.")

    def states(text: str) -> None:
        nonlocal f
        codes = [c.strip().upper() for c in text.split(",") if c.strip()]
        unknown = [c for c in codes if c not in states_ok]
        if unknown:
            warnings.append(
                "Ignored unknown state/province code(s) in link: "
                + ", ".join(repr(c[:10]) for c in unknown[:5])
                + "."
            )
        good = tuple(dict.fromkeys(c for c in codes if c in states_ok))
        f = replace(f, states=good)

    def budget(text: str) -> None:
        nonlocal f
        f = replace(f, budget_max_usd=_int_in(text, 0, BUDGET_MAX_USD))

    def basis(text: str) -> None:
        nonlocal f
        if text not in BUDGET_COLUMNS:
            raise ValueError(f"must be one of {', '.join(BUDGET_COLUMNS)}")
        f = replace(f, budget_basis=text)

    def hide_flag(field_name: str):
        def apply(text: str) -> None:
            nonlocal f
            if text not in ("hide", "show"):
                raise ValueError("must be 'hide' or 'show'")
            f = replace(f, **{field_name: text == "show"})

        return apply

    def tiers(text: str) -> None:
        nonlocal f
        codes = [c.strip() for c in text.split(",") if c.strip()]
        unknown = [c for c in codes if c not in TIER_CODES]
        if unknown:
            raise ValueError(f"unknown tier code(s); use {', '.join(TIER_CODES)}")
        f = replace(f, tiers=tuple(dict.fromkeys(TIER_CODES[c] for c in codes)))

    def min_incentive(text: str) -> None:
        nonlocal f
        f = replace(f, min_incentive_usd=_int_in(text, 0, INCENTIVE_MAX_USD))

    def population(text: str) -> None:
        nonlocal f
        low, sep, high = text.partition("-")
        if not sep:
            raise ValueError("must look like MIN-MAX")
        lo, hi = _int_in(low, 0, POPULATION_CEILING), _int_in(high, 0, POPULATION_CEILING)
        if lo > hi:
            raise ValueError("minimum is above maximum")
        f = replace(f, population_min=lo, population_max=hi)

    def query(text: str) -> None:
        nonlocal f
        cleaned = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
        cleaned = cleaned[:NAME_QUERY_MAX_CHARS]
        f = replace(f, name_query=cleaned)

    def hub(text: str) -> None:
        nonlocal f
        if text not in ("0", "1"):
            raise ValueError("must be 0 or 1")
        f = replace(f, hub_only=text == "1")

    for key, apply in (
        ("state", states), ("budget", budget), ("basis", basis),
        ("nodata_budget", hide_flag("include_missing_budget")), ("tier", tiers),
        ("nodata_tier", hide_flag("include_missing_tier")), ("min_incentive", min_incentive),
        ("nodata_incentive", hide_flag("include_missing_incentive")),
        ("pop", population), ("q", query), ("hub", hub),
        ("nodata_hub", hide_flag("include_missing_hub")),
    ):  # fmt: skip
        attempt(key, apply)

    def metric(text: str) -> None:
        nonlocal view
        if text not in METRICS:
            raise ValueError(f"must be one of {', '.join(METRICS)}")
        view = replace(view, metric=text)

    def town(text: str) -> None:
        nonlocal view
        ok_form = (text.isdigit() and len(text) == 7) or (
            text.startswith("gn:") and text[3:].isdigit() and len(text) <= 15
        )
        if not ok_form:
            raise ValueError("not a town id")
        if known_towns is not None and text not in known_towns:
            raise ValueError("no such town in the data")
        view = replace(view, town=text)

    def weights(text: str) -> None:
        nonlocal view
        parts = text.split(",")
        if len(parts) != len(SCORE_COMPONENTS):
            raise ValueError(f"needs {len(SCORE_COMPONENTS)} comma-separated weights")
        view = replace(view, weights=tuple(_int_in(w, 0, 100) for w in parts))

    attempt("metric", metric)
    attempt("town", town)
    attempt("w", weights)
    if any(k in p for k in ("lat", "lon", "z")):
        try:
            centre = (_float_in(p.get("lat", ""), -85, 85), _float_in(p.get("lon", ""), -180, 180))
            view = replace(view, center=centre, zoom=_int_in(p.get("z", ""), MIN_ZOOM, MAX_ZOOM))
        except (ValueError, TypeError):
            warnings.append(
                "Ignored the map position in the link: lat (-85 to 85), lon (-180 to 180) and "
                f"z ({MIN_ZOOM} to {MAX_ZOOM}) must all be given as numbers."
            )
    return replace(view, filters=f), warnings
