"""A town's card: the answers first (score and rank, connectivity, housing cost against a
budget, incentives, tech jobs, then the distances to airports, a research university,
hospitals and a national park), each with its level and source one click away.

Pure: takes a town row (the town table joined with its hub score and ranks) and returns
rows of plain text; the app escapes and lays them out. The compare view shows the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from hubmap.details import town_details
from hubmap.formatting import KM_PER_MILE, distance, money
from hubmap.formatting import score as score_text
from hubmap.incentive_rules import DEFAULT_TYPE, counts, program_status_label
from hubmap.metrics import SCORE_COMPONENTS
from hubmap.ranks import missing_components, rank_text
from hubmap.schema import COLUMN_BY_NAME, SOURCES

BUDGET_LABELS = {"rent": "Median rent", "own": "Est. mortgage"}
BUDGET_COLUMNS = {"rent": "median_gross_rent_usd", "own": "est_monthly_mortgage_usd"}


@dataclass(frozen=True)
class Budget:
    """The user's monthly housing budget (USD) and what it is compared with."""

    basis: str
    """"rent" (median gross rent) or "own" (estimated mortgage payment)."""
    usd: int


@dataclass(frozen=True)
class CardRow:
    """One line of the card: what, the value as read, and where it comes from."""

    key: str
    label: str
    value: str
    detail: str
    """Level (place, county, metro ...) and source with its vintage."""
    number: float | None = None
    """The value as a number, to mark the best town in a comparison (None: not comparable)."""
    higher_is_better: bool = True


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or bool(pd.isna(value))


def _usd(value: float) -> str:
    return money(value)


def _detail(details: pd.DataFrame, column: str) -> str:
    """ "county · FCC, June 2024" for a column of the town's `town_details`."""
    label = COLUMN_BY_NAME[column].label
    rows = details[details["field"] == label]
    if rows.empty:
        return ""
    row = rows.iloc[0]
    return " · ".join(part for part in (row["level"], row["source"]) if part)


def _budget_note(cost: float, budget: Budget) -> str:
    gap = budget.usd - cost
    if gap >= 0:
        return f"{_usd(gap)} under your {_usd(budget.usd)} budget"
    return f"{_usd(-gap)} over your {_usd(budget.usd)} budget"


def housing_rows(town: pd.Series, details: pd.DataFrame, budget: Budget | None) -> list[CardRow]:
    """Median rent and estimated mortgage per month, each against the budget when set.
    Canadian towns show their CAD figures, never compared with a USD budget."""
    if town.get("country") == "CA":
        return canadian_housing_rows(town, budget)
    rows = []
    for basis, column in BUDGET_COLUMNS.items():
        value = town.get(column)
        detail = _detail(details, column)
        if _missing(value):
            rows.append(CardRow(f"housing_{basis}", BUDGET_LABELS[basis], "no data", detail))
            continue
        text = f"{_usd(value)}/mo"
        if budget is not None and budget.basis == basis:
            text += f": {_budget_note(float(value), budget)}"
        rows.append(
            CardRow(f"housing_{basis}", BUDGET_LABELS[basis], text, detail, float(value), False)
        )
    return rows


CAD_HOUSING = (
    ("housing_rent", "Median shelter cost (renters)", "median_renter_shelter_cost_cad", "/mo"),
    ("housing_own", "Median dwelling value", "median_dwelling_value_cad", ""),
)
"""Canadian housing figures (Statistics Canada 2021 Census, CAD)."""


def canadian_housing_rows(town: pd.Series, budget: Budget | None) -> list[CardRow]:
    """A Canadian town's housing figures in CAD, said to be CAD and not set against the
    (USD) budget."""
    detail = "Statistics Canada, 2021 Census of Population (census subdivision), in CAD"
    rows = []
    for key, label, column, per in CAD_HOUSING:
        value = town.get(column)
        if _missing(value):
            rows.append(CardRow(key, label, "no data", detail))
            continue
        text = f"C${value:,.0f}{per} (CAD)"
        if budget is not None and per:
            text += ": not compared with your budget in USD"
        rows.append(CardRow(key, label, text, detail))
    return rows


def score_rows(town: pd.Series, weights: dict[str, int], include_partial: bool) -> list[CardRow]:
    """The hub score (marked partial when a weighted component has no data) and its rank."""
    weight_text = ", ".join(f"{c.label} {weights.get(c.key, 0)}" for c in SCORE_COMPONENTS)
    detail = (
        "Weighted mean of 0-100 percentiles among towns with data; weights: "
        f"{weight_text}. Derived by hubmap from the sources below."
    )
    score = town.get("hub_score")
    if _missing(score):
        return [CardRow("score", "Hub score", "no data", detail)]
    missing = missing_components(town, weights)
    value = score_text(score)
    if missing:
        value += f" (partial: no data for {', '.join(missing).lower()})"
    rank = rank_text(town, include_partial)
    rank_value = rank.text
    if not rank.ranked and missing:
        rank_value = 'not ranked: partial score ("Rank partial scores too" ranks it)'
    return [
        CardRow("score", "Hub score", value, detail, float(score), True),
        CardRow(
            "rank",
            "Rank",
            rank_value,
            "Rank 1 is the highest hub score; ties share a rank.",
            float(town["rank_country"]) if rank.ranked else None,
            False,
        ),
    ]


def incentive_rows(
    town: pd.Series, programs: pd.DataFrame, rules: tuple[bool, bool] = (False, False)
) -> list[CardRow]:
    """One row per incentive program covering the town: cash, what of it is paid in the
    first year, payout terms, status and date, and whether it counts under `rules`
    (include programs of unknown status, include other program types)."""
    source = SOURCES["incentives"]
    ids = (
        []
        if _missing(town.get("incentive_program_ids"))
        else str(town["incentive_program_ids"]).split(";")
    )
    chosen = programs[programs["program_id"].isin(ids)]
    if chosen.empty:
        status = str(town.get("incentive_status") or "no data")
        text = "none known" if status == "no program known" else status
        number = 0.0 if status == "no program known" else None
        return [CardRow("incentive", "Incentives", text, source.title, number, True)]
    counted = counts(chosen, *rules)
    rows = []
    for (_, program), counts_here in zip(chosen.iterrows(), counted, strict=True):
        cash = program.get("cash_max_usd")
        parts = [f"up to {_usd(cash)}" if pd.notna(cash) else "amount not stated"]
        first = program.get("first_year_usd")
        if pd.notna(first):
            parts.append(f"{_usd(first)} in the first year")
        elif pd.notna(cash):
            parts.append("first-year share not stated")
        terms = program.get("payout_terms")
        terms_text = f"Terms: {terms}. " if isinstance(terms, str) and terms else ""
        cited = program.get("cash_source_url") or "none"
        parts.append(program_status_label(program["status"], program.get("last_reported")))
        if program.get("program_type") != DEFAULT_TYPE:
            parts.append(str(program.get("program_type")))
        if not counts_here:
            parts.append("not counted in the map's cash figures")
        rows.append(
            CardRow(
                "incentive",
                str(program["program"]),
                "; ".join(parts),
                f"{terms_text}Source: {cited} · {source.title}",
                float(cash) if pd.notna(cash) and counts_here else None,
                True,
            )
        )
    return rows


def card_rows(
    town: pd.Series,
    programs: pd.DataFrame,
    weights: dict[str, int],
    budget: Budget | None = None,
    include_partial: bool = False,
    incentive_rules: tuple[bool, bool] = (False, False),
) -> list[CardRow]:
    """Every row of the card, answers first.

    `town` is a row of the town table with `hub_score`, `hub_score_partial`, the `pct_*`
    percentiles and the `score_ranks` columns; `programs` the curated incentive table;
    `incentive_rules` which programs count (see `hubmap.incentive_rules.counts`).
    """
    details = town_details(town)
    rows = score_rows(town, weights, include_partial)
    tier = town.get("connectivity_tier")
    gig = town.get("fcc_1000_100_share")
    tier_text = "no data" if _missing(tier) else str(tier)
    if not _missing(gig):
        tier_text += f" (gigabit for {100 * float(gig):.0f}% of homes)"
    rows.append(
        CardRow(
            "tier",
            "Connectivity",
            tier_text,
            _detail(details, "connectivity_tier"),
            None if _missing(gig) else float(gig),
            True,
        )
    )
    rows += housing_rows(town, details, budget)
    rows += incentive_rows(town, programs, incentive_rules)
    jobs = town.get("tech_employment")
    area = town.get("tech_area_name")
    jobs_text = "no data" if _missing(jobs) else f"{int(jobs):,} jobs"
    if not _missing(jobs) and not _missing(area):
        jobs_text += f" in {area}"
    rows.append(
        CardRow(
            "jobs",
            "Tech jobs",
            jobs_text,
            _detail(details, "tech_employment") + " · computer and math occupations",
            None if _missing(jobs) else float(jobs),
            True,
        )
    )
    return rows


LIFE_ROWS: tuple[tuple[str, str, str, str | None], ...] = (
    ("life_airport", "Airport", "airport_mi", "airport_code"),
    ("life_hub", "Hub airport", "large_airport_mi", "large_airport_code"),
    ("life_university", "R1/R2 university", "research_university_mi", None),
    ("life_hospital", "Hospital", "hospital_mi", None),
    ("life_trauma", "Trauma centre", "trauma_center_mi", None),
    ("life_park", "National park", "national_park_mi", None),
)
"""(key, label, distance column, code column shown beside the distance) per row."""
LIFE_NAMES = {
    "airport_mi": "airport_name",
    "research_university_mi": "research_university_name",
    "hospital_mi": "hospital_name",
    "trauma_center_mi": "trauma_center_name",
    "national_park_mi": "national_park_name",
}
"""The name of the nearest facility, put in the row's detail."""


def _short_distance(miles: float, canadian: bool) -> str:
    """ "1.6 mi" for a US town, "8.4 km" for a Canadian one (one decimal)."""
    if canadian:
        return f"{miles * KM_PER_MILE:,.1f} km"
    return f"{miles:,.1f} mi"


def life_rows(town: pd.Series) -> list[CardRow]:
    """Distances to the nearest airport with scheduled service, large hub airport, R1/R2
    university, general acute care hospital, Level I/II trauma centre and national park
    boundary, short enough for one line each: miles for US towns, km for Canadian ones
    (both units, the facility's name, level and source in the detail); "no data" where
    missing (Canadian towns have airports only). A shorter distance is better. They follow
    the card's answers (`card_rows`) and the calculator's."""
    details = town_details(town)
    canadian = town.get("country") == "CA"
    rows = []
    for key, label, column, code_column in LIFE_ROWS:
        miles = town.get(column)
        detail = f"{COLUMN_BY_NAME[column].label} · {_detail(details, column)}"
        name = town.get(LIFE_NAMES.get(column, ""))
        if not _missing(name):
            detail = f"{name} · {detail}"
        if not _missing(miles):
            detail = f"{distance(miles)} · {detail}"
        if _missing(miles):
            us_only = canadian and key not in ("life_airport", "life_hub")
            text = "no data (US only)" if us_only else "no data"
            rows.append(CardRow(key, label, text, detail, None, False))
            continue
        text = _short_distance(float(miles), canadian)
        code = town.get(code_column) if code_column else None
        if not _missing(code):
            text += f", {code}"
        if column == "national_park_mi" and float(miles) == 0:
            text += ", inside the park"
        rows.append(CardRow(key, label, text, detail, float(miles), False))
    return rows


def place_line(town: pd.Series) -> str:
    """County, metro or micro area and population, joined by " · "."""
    parts = [str(town[c]) for c in ("county_name", "cbsa_title") if not _missing(town.get(c))]
    if not _missing(town.get("population")):
        parts.append(f"population {int(town['population']):,}")
    return " · ".join(parts)


def calculator_rows(result: pd.Series, assumptions: list[str]) -> list[CardRow]:
    """The relocation calculator's answer for one town (a row of `calculator.relocation`)."""
    detail = " ".join(assumptions)
    first = result.get("first_year_savings_usd")
    if _missing(first):
        return [CardRow("calc_first", "First-year savings", "no data (no housing figure)", detail)]

    def signed(value: float) -> str:
        return f"saves {_usd(value)}" if value >= 0 else f"costs {_usd(-value)} more"

    yearly = float(result["yearly_difference_usd"])
    first_text = f"{signed(float(first))} (housing {signed(yearly)} a year"
    incentive = result.get("first_year_incentive_usd")
    if result.get("incentive_first_year_known"):
        first_text += f", incentive {_usd(incentive)} in year one)" if incentive else ")"
    else:
        first_text += "; the incentive's first-year share is not stated, so left out)"
    five = float(result["five_year_savings_usd"])
    rows = [
        CardRow("calc_first", "First-year savings", first_text, detail, float(first), True),
        CardRow("calc_five", "Five-year savings", signed(five), detail, five, True),
    ]
    share = result.get("housing_share_of_income")
    if not _missing(share):
        rows.append(
            CardRow(
                "calc_share",
                "Housing there",
                f"{100 * float(share):.0f}% of your income",
                detail,
                float(share),
                False,
            )
        )
    return rows
