"""Colour scales and legends for the four map metrics.

Every scale is classed (a legend entry per class, best first) and puts towns without a
value in a "no data" class, never in a real class; the map draws no data as a grey hollow
ring, so it is told by its shape as well as its colour. Numeric classes take their breaks
from the distribution (`round_breaks`: round numbers near the quartiles), so no class holds
most towns. Colours are sampled from viridis and ColorBrewer's YlOrBr (both via branca) at
stops chosen so that every pair of classes, every class and "no data", and every symbol and
the light basemap stay at least `MIN_DIFFERENCE` CIEDE2000 apart for normal vision,
deuteranopia, protanopia, tritanopia and greyscale (`hubmap.colorvision`; the unit tests
check every scale). Darker means better in every scale.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, replace

import branca.colormap as cm
import numpy as np
import pandas as pd

from hubmap.formatting import sign_first
from hubmap.schema import CONNECTIVITY_TIERS

NO_DATA_COLOR = "#787878"
"""The ring drawn for a town without a value (a hollow ring: shape and colour)."""
NO_DATA_LABEL = "No data"
MUTED_COLOR = "#e9e5d9"
"""A class that recedes ("no program known"): light, small, drawn under the others."""
MAP_BACKGROUND = "#ececec"
"""About the colour of the light basemap (tiles drawn in grey at reduced contrast)."""
MIN_DIFFERENCE = 10.0
"""Least CIEDE2000 difference between any two classes, between a class and no data, and
between a symbol and `MAP_BACKGROUND`, in every simulated vision (tests check it)."""
CLASS_COUNT = 4
"""Classes of a numeric scale: 4 quartile-near classes keep every pair of colours apart in
greyscale too (6 lightness levels with no data and the basemap); 5 could not."""

_COOL_STOPS: dict[int, tuple[float, ...]] = {
    1: (0.23,),
    2: (0.2, 0.7),
    3: (0.0, 0.27, 0.73),
    4: (0.0, 0.23, 0.6, 0.82),
}
"""Positions (0-1) on viridis per class count, darkest first; chosen by searching for the
largest least difference under every simulation (see MIN_DIFFERENCE)."""
_WARM_STOPS: dict[int, tuple[float, ...]] = {
    1: (0.85,),
    2: (1.0, 0.56),
    3: (1.0, 0.85, 0.6),
}
"""Positions (0-1) on ColorBrewer YlOrBr (9 classes) per class count, darkest first."""


def cool_ramp(n: int) -> tuple[str, ...]:
    """`n` (1-4) ordered colours, darkest (best) first: viridis at checked stops."""
    return tuple(cm.linear.viridis.rgb_hex_str(t) for t in _COOL_STOPS[n])


def warm_ramp(n: int) -> tuple[str, ...]:
    """`n` (1-3) ordered colours, darkest (most) first: YlOrBr at checked stops (the best
    4 stops found keep only 9.6 apart in greyscale, under `MIN_DIFFERENCE`)."""
    return tuple(cm.linear.YlOrBr_09.rgb_hex_str(t) for t in _WARM_STOPS[n])


_FORMAT = re.compile(r"(?P<prefix>[^{]*)\{:,?\.(?P<precision>\d+)(?P<kind>[fg])\}(?P<suffix>[^{]*)")
"""The number formats `MetricScale.value_format` uses: "{:,.1f}x", "${:,.0f}", "{:,.4g}"."""


@dataclass(frozen=True)
class MetricScale:
    """A metric as the map shows it.

    `edges` (classed numeric metrics) are the class boundaries, ascending (class i holds
    [edges[i], edges[i+1])) or descending when higher is better (class i holds
    [edges[i+1], edges[i])). `categories` (categorical metrics) map values to classes in order.
    `colors[i]` and `labels[i]` belong to class i; the no-data class comes last. `muted`
    classes recede (drawn small and first); the map draws the rest over them, class 0 last.
    """

    key: str
    label: str
    column: str
    unit: str
    description: str
    colors: tuple[str, ...]
    labels: tuple[str, ...]
    edges: tuple[float, ...] = ()
    categories: tuple[str, ...] = ()
    value_column: str | None = None
    """The number a tooltip shows (None: the class label says it all)."""
    value_format: str = "{:,.1f}"
    muted: tuple[int, ...] = ()
    """Classes that recede: drawn smaller, under the others (e.g. "No program known")."""

    @property
    def no_data(self) -> int:
        """Index of the no-data class (the last)."""
        return len(self.colors) - 1

    def draw_order(self) -> list[int]:
        """Classes in the order the map paints them: no data, then the muted and then the
        other classes, each from the last to the first, so class 0 ends up on top."""
        backwards = range(self.no_data - 1, -1, -1)
        muted = [k for k in backwards if k in self.muted]
        return [self.no_data, *muted, *(k for k in backwards if k not in self.muted)]

    def classify(self, values: pd.Series) -> np.ndarray:
        """Class index per value (int8); missing values get the last (no-data) class."""
        if self.categories:
            lookup = {c: i for i, c in enumerate(self.categories)}
            idx = values.map(lookup).astype("float64")
        else:
            v = values.astype("float64").to_numpy()
            idx = pd.Series(np.digitize(v, self.edges[1:-1]).astype("float64"), index=values.index)
            idx[np.isnan(v)] = np.nan
        return idx.fillna(self.no_data).to_numpy(dtype=np.int8)

    def format_value(self, value: object) -> str:
        """The value as the tooltip and headline numbers show it."""
        if value is None or pd.isna(value):
            return NO_DATA_LABEL
        if isinstance(value, str):
            return value
        return sign_first(self.value_format, float(value))

    def number_parts(self) -> tuple[str, int, str]:
        """`value_format` as (prefix, decimals, suffix), for formatting in the browser:
        "${:,.0f}" -> ("$", 0, ""); a significant-digits format ("{:,.4g}") gets 2 decimals."""
        match = _FORMAT.fullmatch(self.value_format)
        if match is None:
            raise ValueError(f"unsupported value_format {self.value_format!r}")
        decimals = int(match["precision"]) if match["kind"] == "f" else 2
        return match["prefix"], decimals, match["suffix"]

    def legend(self) -> list[tuple[str, str]]:
        """(colour, label) pairs, best-to-worst order as drawn, no-data last."""
        return list(zip(self.colors, self.labels, strict=True))


def _nice_steps(values: np.ndarray) -> list[float]:
    """Round steps from coarse to fine for numbers of the size of `values`."""
    top = math.ceil(math.log10(max(float(np.max(np.abs(values))), 1e-9)))
    return [m * 10.0**e for e in range(top, top - 5, -1) for m in (5, 2.5, 2, 1)]


def round_breaks(values: pd.Series, classes: int = CLASS_COUNT) -> tuple[float, ...]:
    """Inner class boundaries for `values` (missing ignored): the quantiles that split them
    into `classes` equal parts, rounded to the coarsest round step (5, 2.5, 2 or 1 times a
    power of ten) that keeps every class between half and 1.5 times its equal share.
    Fewer boundaries when values repeat so much that quantiles coincide."""
    present = values.astype("float64").dropna().to_numpy()
    if len(present) == 0:
        return ()
    quantiles = np.unique(np.quantile(present, np.linspace(0, 1, classes + 1)[1:-1]))
    inner = quantiles[(quantiles > present.min()) & (quantiles <= present.max())]
    if len(inner) == 0:
        return ()
    fair = 1 / (len(inner) + 1)
    for step in _nice_steps(inner):
        rounded = np.round(inner / step) * step
        if len(np.unique(rounded)) < len(inner):
            continue
        shares = np.bincount(np.digitize(present, rounded), minlength=len(inner) + 1)
        shares = shares / len(present)
        if shares.min() >= fair / 2 and shares.max() <= fair * 1.5:
            return tuple(float(f"{v:.6g}") for v in rounded)
    return tuple(float(f"{v:.4g}") for v in inner)


def _bound(value: float) -> str:
    return f"{value:,.4g}"


def range_labels(inner: tuple[float, ...]) -> tuple[str, ...]:
    """Class labels for inner boundaries: "under a", "a to b", ..., "z or more"."""
    if not inner:
        return ("all values",)
    middle = [f"{_bound(a)} to {_bound(b)}" for a, b in itertools.pairwise(inner)]
    return (f"under {_bound(inner[0])}", *middle, f"{_bound(inner[-1])} or more")


def with_breaks(scale: MetricScale, values: pd.Series, higher_is_better: bool) -> MetricScale:
    """`scale` classed at `round_breaks(values)`, coloured by `cool_ramp`, best class first
    (the lowest values first unless `higher_is_better`)."""
    inner = round_breaks(values)
    labels = range_labels(inner)
    n = len(labels)
    colors = cool_ramp(n)
    if higher_is_better:
        labels = labels[::-1]
        edges = (np.inf, *inner[::-1], -np.inf)
    else:
        edges = (-np.inf, *inner, np.inf)
    return replace(
        scale, edges=edges, labels=(*labels, NO_DATA_LABEL), colors=(*colors, NO_DATA_COLOR)
    )


AFFORDABILITY = MetricScale(
    key="afford",
    label="Affordability (price-to-income)",
    column="price_to_income",
    unit="years of household income",
    description=(
        "Median home value of the place (or its county) divided by the median household "
        "income of its metro or micro area (or county). Lower is more affordable."
    ),
    edges=(-np.inf, 2, 3, 4, np.inf),
    colors=(*cool_ramp(4), NO_DATA_COLOR),
    labels=(*range_labels((2, 3, 4)), NO_DATA_LABEL),
    value_column="price_to_income",
    value_format="{:,.1f}x",
)
"""Breaks here are a fallback; the app classes at `round_breaks` of all towns (`classed`)."""

CONNECTIVITY = MetricScale(
    key="tier",
    label="Connectivity tier",
    column="connectivity_tier",
    unit="",
    description=(
        "FCC county figures for the town's kind of area: gigabit (1000/100 Mbps, fiber-class) "
        "wired for 3 homes in 4 (June 2024); else 5G at 35/3 Mbps outdoors on 9/10 of the "
        "land, a land share, not homes (Dec 2025); else gigabit or 5G for at least half; "
        "else satellite only."
    ),
    categories=CONNECTIVITY_TIERS,
    colors=(*cool_ramp(len(CONNECTIVITY_TIERS)), NO_DATA_COLOR),
    labels=(*CONNECTIVITY_TIERS, NO_DATA_LABEL),
)

NO_PROGRAM_LABEL = "No program known"
INCENTIVE_NOT_COUNTED: dict[str, str] = {
    "status unknown": "Status unknown (not counted)",
    "closed": "Closed",
    "other program types only": "Other program types only",
    "no program known": NO_PROGRAM_LABEL,
}
"""Town incentive statuses without counted cash -> their legend class."""
INCENTIVE_CASH_CLASSES: tuple[str, ...] = ("$10,000 or more", "$5,000 to $9,999", "under $5,000")
INCENTIVE_MUTED_COLORS: tuple[str, ...] = ("#bcd6ee", "#f2c4dc", "#cfe8a6", MUTED_COLOR)
"""Light tints for the classes without counted cash (in INCENTIVE_NOT_COUNTED's order):
they recede under the cash classes and no data, and differ from each other by hue (in
normal vision; the legend and tooltip name them)."""
INCENTIVE = MetricScale(
    key="incentive",
    label="Incentive value",
    column="incentive_value",
    unit="USD",
    description=(
        "Largest cash amount a counted program pays for moving there: by default "
        "remote-worker relocation programs reported open (the sidebar can also count "
        "programs of unknown status and other program types). Towns whose programs do not "
        "count say why (status unknown, closed, other types); 'No program known' means none "
        "in hubmap's table. A grey ring: a program with no stated amount, or a town not "
        "researched."
    ),
    categories=(*INCENTIVE_CASH_CLASSES, *INCENTIVE_NOT_COUNTED.values()),
    colors=(*warm_ramp(len(INCENTIVE_CASH_CLASSES)), *INCENTIVE_MUTED_COLORS, NO_DATA_COLOR),
    labels=(*INCENTIVE_CASH_CLASSES, *INCENTIVE_NOT_COUNTED.values(), NO_DATA_LABEL),
    value_column="incentive_max_usd",
    value_format="${:,.0f}",
    muted=tuple(
        range(len(INCENTIVE_CASH_CLASSES), len(INCENTIVE_CASH_CLASSES) + len(INCENTIVE_NOT_COUNTED))
    ),
)

HUB_SCORE = MetricScale(
    key="score",
    label="Hub score",
    column="hub_score",
    unit="0-100",
    description=(
        "Weighted mean of 0-100 percentiles (affordability, connectivity tier, tech jobs "
        "nearby, incentive) among towns with data; weights set in the sidebar."
    ),
    edges=(np.inf, 60, 50, 40, -np.inf),
    colors=(*cool_ramp(4), NO_DATA_COLOR),
    labels=(*range_labels((40, 50, 60))[::-1], NO_DATA_LABEL),
    value_column="hub_score",
    value_format="{:,.0f}",
)
"""Breaks here are a fallback; the app classes at `round_breaks` of all towns' scores."""

SAVINGS = MetricScale(
    key="savings",
    label="First-year savings",
    column="first_year_savings_usd",
    unit="USD",
    description=(
        "What moving there would save in the first year against your housing cost today "
        "(relocation calculator): the yearly housing difference plus counted incentive cash "
        "paid within 12 months. Negative: it would cost more. Grey: no housing figure there, "
        "or no calculator input yet."
    ),
    edges=(-np.inf, 0, 5_000, 10_000, np.inf),
    colors=(*reversed(cool_ramp(4)), NO_DATA_COLOR),
    labels=(
        "costs more",
        "saves up to $5,000",
        "saves $5,000 to $10,000",
        "saves $10,000 or more",
        NO_DATA_LABEL,
    ),
    value_column="first_year_savings_usd",
    value_format="${:,.0f}",
)

SCALES: dict[str, MetricScale] = {
    s.key: s for s in (AFFORDABILITY, CONNECTIVITY, INCENTIVE, HUB_SCORE, SAVINGS)
}
HIGHER_IS_BETTER: dict[str, bool] = {"afford": False, "score": True}
"""The numeric scales whose breaks come from the distribution, and their direction."""


def classed(scale: MetricScale, values: pd.Series) -> MetricScale:
    """`scale` with breaks from `values` (all towns' values, not only the filtered ones, so
    a town keeps its colour when the filters change); categorical scales as they are."""
    if scale.key not in HIGHER_IS_BETTER:
        return scale
    return with_breaks(scale, values, HIGHER_IS_BETTER[scale.key])


def quantile_scale(values: pd.Series, label: str) -> MetricScale:
    """A classed scale for any numeric column (a user's own data): up to `CLASS_COUNT`
    classes at round numbers near the quantiles of the values present, highest first."""
    base = MetricScale(
        key="upload",
        label=label,
        column=label,
        unit="",
        description="",
        colors=(),
        labels=(),
        value_column=label,
        value_format="{:,.4g}",
    )
    scale = with_breaks(base, values, higher_is_better=True)
    n = len(scale.labels) - 1
    return replace(
        scale,
        description=f"Your data: '{label}', in {n} class(es) near the quantiles of its values.",
    )


def incentive_class(frame: pd.DataFrame) -> pd.Series:
    """The incentive metric's class label per town (missing = no data)."""
    cash = frame["incentive_max_usd"]
    label = frame["incentive_status"].map(INCENTIVE_NOT_COUNTED).astype("string")
    label[cash < 5_000] = INCENTIVE_CASH_CLASSES[2]
    label[(cash >= 5_000) & (cash < 10_000)] = INCENTIVE_CASH_CLASSES[1]
    label[cash >= 10_000] = INCENTIVE_CASH_CLASSES[0]
    return label


def metric_values(frame: pd.DataFrame, scale: MetricScale) -> pd.Series:
    """The values a scale classifies: the column itself, or the incentive class label."""
    if scale.key == INCENTIVE.key:
        return incentive_class(frame)
    return frame[scale.column]


def class_table(scale: MetricScale, frame: pd.DataFrame) -> pd.DataFrame:
    """Per class of `scale` (legend order, no data last): label, lower and upper bound
    (numeric scales; NaN where open), towns and their share of `frame`."""
    classes = scale.classify(metric_values(frame, scale))
    counts = np.bincount(classes.astype(np.int64), minlength=len(scale.colors))
    table = pd.DataFrame({"class": list(scale.labels), "towns": counts})
    table["share"] = counts / max(len(frame), 1)
    if scale.edges:
        lows = np.minimum(scale.edges[:-1], scale.edges[1:])
        highs = np.maximum(scale.edges[:-1], scale.edges[1:])
        table.insert(1, "from", [*np.where(np.isfinite(lows), lows, np.nan), np.nan])
        table.insert(2, "below", [*np.where(np.isfinite(highs), highs, np.nan), np.nan])
    return table
