"""The relocation calculator: what moving from today's home to each town would change.

Pure arithmetic over the town table, in USD per month or year:
- housing there: the median gross rent, or principal and interest on the median home value
  (the user's down payment and rate, else `MortgageAssumptions`: the sourced rate with its
  date, and a 20% down payment, which is a convention);
- the yearly difference against today (positive: the user would spend less there);
- the counted cash incentives: the part paid in the first year (`incentive_first_year_usd`;
  unknown when a program's schedule is not stated, then left out and said so) and the whole
  amount over five years (programs pay out within two years in the curated table);
- first-year and five-year differences.

Towns outside the US have no USD housing figure: their results stay missing, never converted
silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hubmap.incentive_rules import NO_COUNTED_CASH
from hubmap.metrics import MortgageAssumptions
from hubmap.viewstate import CalculatorState

BASES = ("rent", "own")
YEARS = 5
"""The longer horizon the calculator shows (years)."""


@dataclass(frozen=True)
class Inputs:
    """What the user tells the calculator (USD)."""

    current_monthly_usd: float
    """Today's housing cost per month: the user's own figure, or their current town's."""
    basis: str = "rent"
    """"rent": median gross rent; "own": mortgage payment on the median home value."""
    income_usd: float | None = None
    """Yearly household income, for the share of income housing would take (optional)."""
    down_payment_usd: float | None = None
    """Cash put down on a home (None: 20% of each town's median home value)."""
    rate_pct: float | None = None
    """Yearly mortgage rate in percent (None: the sourced rate, `MortgageAssumptions`)."""
    home_town: str | None = None
    """The town id the user lives in now, if they chose one: no incentive for staying."""

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise ValueError(f"basis must be one of {BASES}")


def monthly_cost(frame: pd.DataFrame, inputs: Inputs) -> pd.Series:
    """Monthly housing cost (USD) in each town of `frame` on the user's basis; missing where
    the town has no figure (Canadian towns, places without an ACS estimate)."""
    if inputs.basis == "rent":
        return frame["median_gross_rent_usd"].astype("float64")
    defaults = MortgageAssumptions()
    rate = (defaults.annual_rate_pct if inputs.rate_pct is None else inputs.rate_pct) / 100 / 12
    value = frame["median_home_value_usd"].astype("float64")
    if inputs.down_payment_usd is None:
        principal = value * (1 - defaults.down_payment_pct / 100)
    else:
        principal = (value - inputs.down_payment_usd).clip(lower=0)
    n = defaults.term_years * 12
    payment = principal / n if rate == 0 else principal * rate / (1 - (1 + rate) ** -n)
    return payment.where(frame["country"] == "US")


def relocation(frame: pd.DataFrame, inputs: Inputs) -> pd.DataFrame:
    """Per town: `monthly_cost_usd`, `yearly_difference_usd` (today minus there, x12),
    `first_year_incentive_usd`, `incentive_first_year_known`, `first_year_savings_usd`,
    `five_year_savings_usd`, and `housing_share_of_income` (0-1, when income is given)."""
    cost = monthly_cost(frame, inputs)
    yearly = (inputs.current_monthly_usd - cost) * 12
    status = frame["incentive_status"]
    no_cash = status.isin(NO_COUNTED_CASH).to_numpy(copy=True)
    if inputs.home_town is not None and "town_id" in frame:
        no_cash |= (frame["town_id"] == inputs.home_town).to_numpy()
    first = frame["incentive_first_year_usd"].astype("float64").where(~no_cash, 0.0)
    total = frame["incentive_max_usd"].astype("float64").where(~no_cash, 0.0)
    known = first.notna()
    out = pd.DataFrame(
        {
            "monthly_cost_usd": cost,
            "yearly_difference_usd": yearly,
            "first_year_incentive_usd": first,
            "incentive_first_year_known": known,
            # An unknown first-year share is left out (not guessed); the flag says so.
            "first_year_savings_usd": yearly + first.fillna(0.0),
            "five_year_savings_usd": yearly * YEARS + total.fillna(0.0),
        },
        index=frame.index,
    )
    if inputs.income_usd:
        out["housing_share_of_income"] = cost * 12 / inputs.income_usd
    else:
        out["housing_share_of_income"] = np.nan
    return out


def assumptions_text(inputs: Inputs) -> list[str]:
    """Every assumption behind the numbers, as sentences to show beside them."""
    a = MortgageAssumptions()
    lines = [f"Today: ${inputs.current_monthly_usd:,.0f} a month for housing."]
    if inputs.basis == "rent":
        lines.append("There: the place's median gross rent (ACS 5-year; county where missing).")
    else:
        rate = a.annual_rate_pct if inputs.rate_pct is None else inputs.rate_pct
        rate_note = f" ({a.rate_source})" if inputs.rate_pct is None else " (yours)"
        down = (
            f"{a.down_payment_pct:.0f}% of the median home value down ({a.down_payment_note})"
            if inputs.down_payment_usd is None
            else f"${inputs.down_payment_usd:,.0f} down"
        )
        lines.append(
            f"There: principal and interest on the place's median home value at {rate:.2f}%"
            f"{rate_note} for {a.term_years} years, {down}; no taxes, insurance or upkeep."
        )
    lines.append(
        "Incentives: counted programs only. First year: what a program pays within 12 "
        "months; left out where its schedule is not stated. Five years: the full amount. "
        "Programs set their own eligibility (most want newcomers from outside the area)."
    )
    if inputs.income_usd:
        lines.append(f"Share of income: against your ${inputs.income_usd:,.0f} a year.")
    lines.append("Outside the US: no USD housing figure, so no result (never converted).")
    return lines


def link_inputs(calc: CalculatorState, home: pd.Series | None) -> tuple[Inputs | None, str]:
    """The calculator's inputs for what the link says (`calc`), and where today's cost comes
    from, as plain text. `home` is the row of `calc.from_town` (None if it is not in the
    data). None while there is no housing cost for today."""
    extras = {
        "basis": calc.basis,
        "income_usd": calc.income_usd,
        "down_payment_usd": calc.down_payment_usd if calc.basis == "own" else None,
        "rate_pct": calc.rate_bp / 100
        if calc.rate_bp is not None and calc.basis == "own"
        else None,
    }
    if calc.monthly_usd is not None:
        return Inputs(float(calc.monthly_usd), **extras), "your own figure"
    if not calc.from_town or home is None:
        return None, ""
    today = monthly_cost(home.to_frame().T, Inputs(0.0, **extras)).iloc[0]
    label = f"{home['name']}, {home['state']}"
    if today != today:  # NaN: no figure for that town
        return None, f"{label} has no {'rent' if calc.basis == 'rent' else 'home value'} figure"
    return Inputs(
        float(today), home_town=calc.from_town, **extras
    ), f"the {calc.basis} figure of {label}"


def savings_kept(frame: pd.DataFrame, inputs: Inputs, min_savings_usd: int | None) -> pd.DataFrame:
    """`frame` with the `relocation` columns, keeping only towns saving at least
    `min_savings_usd` USD in the first year when it is set (towns with no figure drop out)."""
    out = pd.concat([frame, relocation(frame, inputs)], axis=1)
    if min_savings_usd is None:
        return out
    return out[(out["first_year_savings_usd"] >= min_savings_usd).fillna(False).to_numpy(bool)]
