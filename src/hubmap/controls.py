"""Every view parameter, defined once: its URL key, its kind, its range and its widget.

The URL codec (`hubmap.viewstate`) decodes and encodes links by `PARAMS`, and the sidebar
builds each widget from the same entry (dashboard/ui_controls.py), so a widget's range and
the values a link may carry cannot disagree: a link value outside a widget's range is
clamped (with a warning), never passed to the widget.

Adding a parameter is ONE entry in `PARAMS`, for example a distance filter:

    Param("airport_km", "int", ("filters.max_airport_km",), ("f_airport_km",),
          min=0, max=500, step=10, optional=True, initial=100,
          label="Airport within (km)", widget="slider"),

plus the field it sets (here `FilterState.max_airport_km: int | None = None`) and one
`ui_controls.control("airport_km")` call where the sidebar shows the widget. Encoding,
decoding, warnings, session state and the property-based tests follow from the entry.

`fields` are attribute paths in `ViewState` ("filters.x" for a `FilterState` field);
`state_keys` are the widgets' `st.session_state` keys, one per field (an "ints" parameter
has one field holding a tuple and one key per element; an optional "int" adds the key of
its on/off toggle, `state_keys[0] + "_on"`).

Kinds and how a link spells them:
- "int": a whole number in [min, max] (out of range: clamped, with a warning). `optional`:
  absent means None (no limit), and the widget comes with an on/off toggle.
- "choice": one of `choices`, spelled as the same-position entry of `codes` (default: the
  choice itself).
- "multi": comma-separated codes of `choices`, or values of the `known` set given at decode
  time (state codes, town ids); unknown ones are dropped with a warning; at most `count`
  values when `count` > 1.
- "flag": a yes/no, spelled `words[0]` (True) or `words[1]` (False).
- "text": any text; control characters removed, cut to `max_chars`.
- "range": "MIN-MAX", two whole numbers in [min, max] (clamped), MIN <= MAX.
- "ints": `count` comma-separated whole numbers in [min, max] (clamped).
- "id": one value of the `known` set given at decode time (a town id); no widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hubmap.colors import SCALES
from hubmap.filters import BUDGET_COLUMNS, NAME_QUERY_MAX_CHARS, POPULATION_CEILING
from hubmap.metrics import SCORE_COMPONENTS
from hubmap.schema import CONNECTIVITY_TIERS, PROGRAM_TYPES

Kind = Literal["int", "choice", "multi", "flag", "text", "range", "ints", "id"]
Widget = Literal[
    "slider", "select_slider", "radio", "selectbox", "multiselect", "toggle", "checkbox",
    "text_input", "",
]  # fmt: skip


@dataclass(frozen=True)
class Param:
    """One view parameter: URL key, kind, where it lives in the view and in session state,
    its range or choices, and the widget that shows it (see the module docstring)."""

    key: str
    kind: Kind
    fields: tuple[str, ...]
    state_keys: tuple[str, ...]
    min: int | None = None
    max: int | None = None
    step: int | None = None
    steps: tuple[int, ...] = ()
    """Values a select_slider offers (a link's in-range value is offered too)."""
    choices: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    words: tuple[str, str] = ("1", "0")
    max_chars: int = 100
    count: int = 1
    known: Literal["", "states", "towns"] = ""
    """For "multi" and "id": the values are checked against this set, given at decode time
    (`hubmap.viewstate.decode`'s `known_states` / `known_towns`)."""
    optional: bool = False
    initial: int | None = None
    """The widget's value while an optional parameter is off."""
    label: str | tuple[str, ...] = ""
    help: str | None = None
    widget: Widget = ""

    @property
    def toggle_key(self) -> str:
        """Session-state key of an optional parameter's on/off toggle."""
        return self.state_keys[0] + "_on"

    def url_codes(self) -> dict[str, str]:
        """URL code -> value for a "choice" or "multi" parameter with fixed choices."""
        return dict(zip(self.codes or self.choices, self.choices, strict=True))

    def clamp(self, value: int) -> int:
        """`value` moved into [min, max]."""
        low = value if self.min is None else max(value, self.min)
        return low if self.max is None else min(low, self.max)


BUDGET_RANGE_USD = (300, 6_000)
"""Monthly housing budget slider (USD per month)."""
BUDGET_RANGE_CAD = (300, 6_000)
"""Monthly housing budget slider for Canadian towns (CAD per month; never converted)."""
POPULATION_STEPS = (
    0, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
    POPULATION_CEILING,
)  # fmt: skip
INCENTIVE_STEPS = (0, 1_000, 2_500, 5_000, 10_000, 15_000)
"""Minimum cash incentive choices (USD)."""
TIER_CODES = ("gig", "5g", "part", "sat")
"""Short URL codes for the connectivity tiers, in `CONNECTIVITY_TIERS` order. Links from
before the 5G tier keep 'gig' and 'sat'; their '250' (a 250/25 Mbps tier that no longer
exists) is dropped with a warning like any unknown code."""
WEIGHT_KEYS = tuple(f"w_{c.key}" for c in SCORE_COMPONENTS)

PARAMS: tuple[Param, ...] = (
    Param("state", "multi", ("filters.states",), ("f_states",), known="states",
          label="State or province", widget="multiselect"),
    Param("budget", "int", ("filters.budget_max_usd",), ("f_budget",),
          min=BUDGET_RANGE_USD[0], max=BUDGET_RANGE_USD[1], step=50, optional=True,
          initial=1_500, label="Monthly budget, US towns (USD)", widget="slider"),
    Param("budget_cad", "int", ("filters.budget_max_cad",), ("f_budget_cad",),
          min=BUDGET_RANGE_CAD[0], max=BUDGET_RANGE_CAD[1], step=50, optional=True,
          initial=1_500, label="Monthly budget, Canadian towns (CAD)", widget="slider",
          help="Canadian towns are compared with this budget in Canadian dollars, US towns "
          "with the USD budget: no currency conversion. Without a CAD budget, Canadian towns "
          "count as having no figure."),
    Param("basis", "choice", ("filters.budget_basis",), ("f_basis",),
          choices=tuple(BUDGET_COLUMNS), label="Compare budget with", widget="radio"),
    Param("nodata_budget", "flag", ("filters.include_missing_budget",), ("f_budget_nodata",),
          words=("show", "hide"), label="Keep towns without this cost figure (grey)",
          widget="checkbox"),
    Param("tier", "multi", ("filters.tiers",), ("f_tiers",), choices=CONNECTIVITY_TIERS,
          codes=TIER_CODES, label="Connectivity tier", widget="multiselect"),
    Param("nodata_tier", "flag", ("filters.include_missing_tier",), ("f_tier_nodata",),
          words=("show", "hide"), label="Keep towns without connectivity data (grey)",
          widget="checkbox"),
    Param("min_incentive", "int", ("filters.min_incentive_usd",), ("f_min_incentive",),
          min=0, max=100_000, steps=INCENTIVE_STEPS, label="Minimum cash incentive",
          widget="select_slider"),
    Param("nodata_incentive", "flag", ("filters.include_missing_incentive",),
          ("f_incentive_nodata",), words=("show", "hide"),
          label="Keep towns without incentive data (grey)",
          help="Programs with no stated amount, and Canadian towns (not researched).",
          widget="checkbox"),
    Param("incentive_unknown", "flag", ("filters.include_unknown_incentive",),
          ("f_incentive_unknown",), words=("count", "skip"),
          label="Count incentive programs of unknown status",
          help="By default only programs reported open count. Programs whose newest public "
          "report does not say whether they still run are shown as 'status unknown' with "
          "the date of that report.", widget="checkbox"),
    Param("incentive_types", "flag", ("filters.include_other_incentive_types",),
          ("f_incentive_other",), words=("all", "remote"),
          label="Count other program types",
          help=f"By default only {PROGRAM_TYPES[0]} programs count. This also counts: "
          f"{', '.join(PROGRAM_TYPES[1:])}.", widget="checkbox"),
    Param("pop", "range", ("filters.population_min", "filters.population_max"),
          ("f_pop_min", "f_pop_max"), min=0, max=POPULATION_CEILING, steps=POPULATION_STEPS,
          label=("Population at least", "Population at most"), widget="select_slider",
          help="Small towns by default: under 100,000 people."),
    Param("q", "text", ("filters.name_query",), ("f_q",), max_chars=NAME_QUERY_MAX_CHARS,
          label="Town name contains", widget="text_input"),
    Param("hub", "flag", ("filters.hub_only",), ("f_hub",), label="Only small-town tech hubs",
          help="A town that is itself a hub: under 100,000 people; the largest town of a "
          "metro area with 500+ computer and math jobs (a metro's jobs do not make its "
          "suburbs hubs); the 'Gigabit wired (fiber-class)' tier; and county business "
          "applications per 1,000 residents at least the median US county's (new "
          "businesses of every kind, not a count of startups).", widget="toggle"),
    Param("nodata_hub", "flag", ("filters.include_missing_hub",), ("f_hub_nodata",),
          words=("show", "hide"), label="Also keep towns a criterion cannot be checked for",
          widget="checkbox"),
    Param("airport", "int", ("filters.max_airport_mi",), ("f_airport",), min=5, max=300,
          step=5, optional=True, initial=60, widget="slider",
          label="Airport with scheduled service within (miles)",
          help="Great-circle distance from the town to the nearest medium or large airport "
          "with scheduled passenger service (OurAirports, 2023), US and Canada."),
    Param("university", "int", ("filters.max_research_university_mi",), ("f_university",),
          min=5, max=300, step=5, optional=True, initial=60, widget="slider",
          label="Research university within (miles)",
          help="Nearest R1 or R2 university (Carnegie 2021, IPEDS 2024-25). US only: Canadian "
          "towns are left out while this limit is on."),
    Param("hospital", "int", ("filters.max_hospital_mi",), ("f_hospital",), min=5, max=150,
          step=5, optional=True, initial=30, widget="slider",
          label="General acute care hospital within (miles)",
          help="Nearest open general acute care hospital (HIFLD Open). US only: Canadian "
          "towns are left out while this limit is on."),
    Param("park", "int", ("filters.max_national_park_mi",), ("f_park",), min=5, max=300,
          step=5, optional=True, initial=100, widget="slider",
          label="National park within (miles)",
          help="Distance to the nearest national park boundary (NPS, 2020; 0 inside). US "
          "only: Canadian towns are left out while this limit is on."),
    Param("metric", "choice", ("metric",), ("metric",), choices=tuple(SCALES),
          label="Colour towns by", widget="radio"),
    Param("town", "id", ("town",), ("town",), known="towns", max_chars=32),
    Param("w", "ints", ("weights",), WEIGHT_KEYS, min=0, max=100, step=5,
          count=len(SCORE_COMPONENTS), label=tuple(c.label for c in SCORE_COMPONENTS),
          widget="slider"),
    Param("partial", "flag", ("include_partial",), ("score_partial",),
          label="Rank partial scores too",
          help="A town missing a weighted component is scored on the rest: a partial "
          "score, drawn as a square on the map. Off: only full scores are ranked.",
          widget="toggle"),
    Param("compare", "multi", ("compare",), ("compare",), known="towns", count=4),
    # The relocation calculator (hubmap.calculator); amounts in USD.
    Param("calc_from", "id", ("calc.from_town",), ("calc_from",), known="towns", max_chars=32),
    Param("calc_cost", "int", ("calc.monthly_usd",), ("calc_cost",), min=0, max=20_000,
          step=50, optional=True, initial=2_000, label="My housing cost today (USD a month)",
          widget="slider"),
    Param("calc_basis", "choice", ("calc.basis",), ("calc_basis",), choices=("rent", "own"),
          label="There, I would", widget="radio"),
    Param("calc_income", "int", ("calc.income_usd",), ("calc_income",), min=0,
          max=1_000_000, step=1_000, optional=True, initial=90_000,
          label="Household income (USD a year)", widget="slider"),
    Param("calc_down", "int", ("calc.down_payment_usd",), ("calc_down",), min=0,
          max=2_000_000, step=5_000, optional=True, initial=60_000,
          label="Down payment (USD)", widget="slider"),
    Param("calc_rate", "int", ("calc.rate_bp",), ("calc_rate",), min=0, max=2_000, step=5,
          optional=True, initial=598, label="Mortgage rate (hundredths of a percent)",
          widget="slider"),
    Param("min_savings", "int", ("calc.min_savings_usd",), ("calc_min_savings",),
          min=-50_000, max=100_000, step=500, optional=True, initial=0,
          label="First-year savings at least (USD)", widget="slider"),
)  # fmt: skip
"""Every view parameter but the map position (lat, lon, z: see `hubmap.viewstate`)."""

PARAM_BY_KEY: dict[str, Param] = {p.key: p for p in PARAMS}
