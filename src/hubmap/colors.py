"""Colour scales and legends for the four map metrics.

Every scale is classed (a legend entry per class), drawn from ColorBrewer palettes that stay
readable for colour-blind readers (single-hue or yellow-green-blue sequential schemes, via
branca), and puts towns without a value in a grey "no data" class, never in a real class.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from branca.utilities import color_brewer

from hubmap.schema import CONNECTIVITY_TIERS

NO_DATA_COLOR = "#9e9e9e"
NO_DATA_LABEL = "No data"


_FORMAT = re.compile(r"(?P<prefix>[^{]*)\{:,?\.(?P<precision>\d+)(?P<kind>[fg])\}(?P<suffix>[^{]*)")
"""The number formats `MetricScale.value_format` uses: "{:,.1f}x", "${:,.0f}", "{:,.4g}"."""


@dataclass(frozen=True)
class MetricScale:
    """A metric as the map shows it.

    `edges` (classed numeric metrics) are the class boundaries: class i holds values in
    [edges[i], edges[i+1]). `categories` (categorical metrics) map values to classes in order.
    `colors[i]` and `labels[i]` belong to class i; the no-data class comes last.
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

    def classify(self, values: pd.Series) -> np.ndarray:
        """Class index per value (int8); missing values get the last (no-data) class."""
        no_data = len(self.colors) - 1
        if self.categories:
            lookup = {c: i for i, c in enumerate(self.categories)}
            idx = values.map(lookup).astype("float64")
        else:
            v = values.astype("float64").to_numpy()
            idx = pd.Series(np.digitize(v, self.edges[1:-1]).astype("float64"), index=values.index)
            idx[np.isnan(v)] = np.nan
        return idx.fillna(no_data).to_numpy(dtype=np.int8)

    def format_value(self, value: object) -> str:
        """The value as the tooltip and headline numbers show it."""
        if value is None or pd.isna(value):
            return NO_DATA_LABEL
        if isinstance(value, str):
            return value
        return self.value_format.format(value)

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


def _ramp(name: str, n: int, reverse: bool = False) -> tuple[str, ...]:
    colors = color_brewer(name, n)[:n]
    return tuple(reversed(colors)) if reverse else tuple(colors)


AFFORDABILITY = MetricScale(
    key="afford",
    label="Affordability (price-to-income)",
    column="price_to_income",
    unit="years of household income",
    description=(
        "Median home value of the place (or its county) divided by the median household "
        "income of its metro or micro area (or county). Lower is more affordable."
    ),
    edges=(0, 3, 4, 5, 6, 8, np.inf),
    colors=(*_ramp("YlGnBu", 6, reverse=True), NO_DATA_COLOR),
    labels=("under 3", "3 to 4", "4 to 5", "5 to 6", "6 to 8", "8 or more", NO_DATA_LABEL),
    value_column="price_to_income",
    value_format="{:,.1f}x",
)

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
    colors=(*_ramp("YlGnBu", len(CONNECTIVITY_TIERS), reverse=True), NO_DATA_COLOR),
    labels=(*CONNECTIVITY_TIERS, NO_DATA_LABEL),
)

INCENTIVE_NOT_COUNTED: dict[str, str] = {
    "status unknown": "Status unknown (not counted)",
    "closed": "Closed",
    "other program types only": "Other program types only",
    "no program known": "No program known",
}
"""Town incentive statuses without counted cash -> their legend class."""
INCENTIVE_CASH_CLASSES = ("$10,000 or more", "$5,000 to $9,999", "under $5,000")
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
        "in hubmap's table. Grey: a program with no stated amount, or a town not researched."
    ),
    categories=(*INCENTIVE_CASH_CLASSES, *INCENTIVE_NOT_COUNTED.values()),
    colors=(
        *_ramp("YlOrBr", 4, reverse=True)[:3],
        "#92c5de",
        "#de77ae",
        "#b8e186",
        "#f7f4e9",
        NO_DATA_COLOR,
    ),
    labels=(*INCENTIVE_CASH_CLASSES, *INCENTIVE_NOT_COUNTED.values(), NO_DATA_LABEL),
    value_column="incentive_max_usd",
    value_format="${:,.0f}",
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
    edges=(0, 20, 40, 60, 80, np.inf),
    colors=(*_ramp("YlGnBu", 5), NO_DATA_COLOR),
    labels=("0 to 20", "20 to 40", "40 to 60", "60 to 80", "80 to 100", NO_DATA_LABEL),
    value_column="hub_score",
    value_format="{:,.0f}",
)

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
    edges=(-np.inf, -5_000, 0, 5_000, 10_000, 20_000, np.inf),
    colors=(*_ramp("PuOr", 6), NO_DATA_COLOR),
    labels=(
        "costs $5,000+ more",
        "costs up to $5,000 more",
        "saves up to $5,000",
        "saves $5,000 to $10,000",
        "saves $10,000 to $20,000",
        "saves $20,000 or more",
        NO_DATA_LABEL,
    ),
    value_column="first_year_savings_usd",
    value_format="${:,.0f}",
)

SCALES: dict[str, MetricScale] = {
    s.key: s for s in (AFFORDABILITY, CONNECTIVITY, INCENTIVE, HUB_SCORE, SAVINGS)
}


def quantile_scale(values: pd.Series, label: str, classes: int = 5) -> MetricScale:
    """A classed scale for any numeric column (a user's own data): up to `classes` quantile
    classes of the values present, YlGnBu colours, grey for missing."""
    present = values.astype("float64").dropna()
    inner = (
        np.unique(np.quantile(present, np.linspace(0, 1, classes + 1)[1:-1]))
        if len(present)
        else np.array([])
    )
    edges = (-np.inf, *inner.tolist(), np.inf)
    n = len(edges) - 1
    bounds = [f"{v:,.4g}" for v in inner]
    labels = ["all values"]
    if bounds:
        middle = [f"{a} to {b}" for a, b in itertools.pairwise(bounds)]
        labels = [f"under {bounds[0]}", *middle, f"{bounds[-1]} or more"]
    return MetricScale(
        key="upload",
        label=label,
        column=label,
        unit="",
        description=f"Your data: '{label}', in {n} quantile class(es) of the places shown.",
        edges=edges,
        colors=(*_ramp("YlGnBu", max(n, 3))[-n:], NO_DATA_COLOR),
        labels=(*labels, NO_DATA_LABEL),
        value_column=label,
        value_format="{:,.4g}",
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
    if scale is INCENTIVE:
        return incentive_class(frame)
    return frame[scale.column]
