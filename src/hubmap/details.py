"""A selected town's fields, formatted with unit, level and source, for the detail panel."""

from __future__ import annotations

import pandas as pd

from hubmap.formatting import column_value
from hubmap.incentive_rules import program_status_label
from hubmap.schema import COLUMNS, SOURCES, Column

SECTIONS: dict[str, tuple[str, ...]] = {
    "Place": (
        "census_name", "place_type", "state_name", "county_name", "county_placement",
        "cbsa_title", "cbsa_type", "rucc_2023", "population", "housing_units", "land_area_sqmi",
        "density_per_sqmi",
    ),
    "Affordability": (
        "housing_status", "median_home_value_usd", "median_gross_rent_usd",
        "median_household_income_usd", "area_household_income_usd",
        "median_dwelling_value_cad", "median_renter_shelter_cost_cad",
        "median_household_income_cad", "price_to_income", "rent_to_income_pct",
        "est_monthly_mortgage_usd", "county_owner_costs_with_mortgage_usd", "rpp_all_items",
        "hud_fmr_2br_usd",
    ),
    "Connectivity": (
        "connectivity_tier", "connectivity_area", "fcc_1000_100_share",
        "fcc_5g_35_3_land_share", "fcc_5g_7_1_land_share", "fcc_250_25_share",
        "fcc_100_20_share", "ms_usage_25_place_share", "ms_usage_25_place_error95",
        "ms_usage_25_county_share", "ms_availability_25_3_share", "svi_no_broadband_pct",
    ),
    "Tech jobs": (
        "tech_area_name", "tech_employment", "tech_median_wage_usd", "tech_location_quotient",
        "software_dev_employment", "software_dev_median_wage_usd",
    ),
    "Life and talent": (
        "airport_mi", "airport_name", "airport_code", "large_airport_mi", "large_airport_code",
        "research_university_mi", "research_university_name", "college_mi",
        "colleges_within_30mi", "hospital_mi", "hospital_name", "trauma_center_mi",
        "trauma_center_name", "national_park_mi", "national_park_name",
    ),
    "Incentives": (
        "incentive_summary", "incentive_status", "incentive_max_usd",
        "incentive_first_year_usd", "incentive_last_reported",
    ),
    "Small-town tech hub": (
        "crit_population_under_100k", "leads_labour_market", "crit_tech_jobs_500",
        "crit_broadband", "business_applications_per_1k", "crit_business_applications",
        "small_town_tech_hub",
    ),
}  # fmt: skip
"""The detail panel's sections and the columns each shows, in order."""

LEVEL_COLUMNS = {
    "median_home_value_usd": "median_home_value_level",
    "median_gross_rent_usd": "median_gross_rent_level",
    "median_household_income_usd": "median_household_income_level",
    "area_household_income_usd": "area_household_income_level",
    "est_monthly_mortgage_usd": "median_home_value_level",
    "rpp_all_items": "rpp_level",
}
"""Columns whose level varies per town (place, or a county fallback, ...)."""
_RATIO_LEVELS = {
    "price_to_income": ("median_home_value_level", "median_household_income_level"),
    "rent_to_income_pct": ("median_gross_rent_level", "median_household_income_level"),
}
"""Ratios mix two levels: shown as "place / metro" and the like."""
_FCC_COLUMNS = (
    "connectivity_tier", "connectivity_area", "fcc_1000_100_share", "fcc_5g_35_3_land_share",
    "fcc_5g_7_1_land_share", "fcc_250_25_share", "fcc_100_20_share",
)  # fmt: skip
_BROADBAND_COUNTY_COLUMNS = (
    *_FCC_COLUMNS, "ms_usage_25_county_share", "ms_availability_25_3_share",
)  # fmt: skip
"""Figures from the county in `broadband_county_fips` (in Connecticut the pre-2022 county):
their level is `connectivity_level`, plus ", urban part" for FCC figures of the urban row."""
VINTAGE_COLUMNS = {
    "median_home_value_usd": "median_home_value_vintage",
    "est_monthly_mortgage_usd": "median_home_value_vintage",
    "median_gross_rent_usd": "median_gross_rent_vintage",
    "median_household_income_usd": "median_household_income_vintage",
    "price_to_income": "price_to_income_vintage",
    "rent_to_income_pct": "rent_to_income_vintage",
}
"""Columns whose survey vintage varies per town (ACS 2020-2024, 2019-2023 or 2018-2022)."""
_CANADA_SOURCE = {
    "population": "statcan_census",
    "census_name": "statcan_census",
    "place_type": "statcan_census",
    "land_area_sqmi": "statcan_census",
    "density_per_sqmi": "statcan_census",
    "price_to_income": "statcan_census",
    "rent_to_income_pct": "statcan_census",
}
"""Canadian towns take these figures from the 2021 Census of Canada."""
_MONEY_UNITS = ("USD", "CAD")


def _other_currency(column: Column, currency: object) -> bool:
    """A housing or income figure in the other country's currency (never shown, never 0)."""
    return column.unit.startswith(_MONEY_UNITS) and not column.unit.startswith(str(currency))


def town_details(town: pd.Series) -> pd.DataFrame:
    """One row per field of `town`: section, field, value (with unit), level, source.

    The level is the geography the value was measured at for this town (place, ZIP, county,
    metro, micro, state nonmetro portion); the source names the publisher and vintage.
    """
    by_name = {c.name: c for c in COLUMNS}
    canadian = town.get("country") == "CA"
    rows = []
    for section, names in SECTIONS.items():
        for name in names:
            col = by_name[name]
            if section == "Affordability" and _other_currency(col, town.get("currency")):
                continue
            level = col.level
            if name in LEVEL_COLUMNS and pd.notna(town.get(LEVEL_COLUMNS[name])):
                level = str(town[LEVEL_COLUMNS[name]])
            if name in _BROADBAND_COUNTY_COLUMNS and pd.notna(town.get("connectivity_level")):
                level = str(town["connectivity_level"])
                if name in _FCC_COLUMNS and town.get("connectivity_area") == "urban":
                    level += ", urban part"
            if name in _RATIO_LEVELS:
                parts = [town.get(c) for c in _RATIO_LEVELS[name]]
                level = " / ".join(str(p) for p in parts if pd.notna(p)) or level
            source = SOURCES.get(col.source)
            value = town.get(name)
            vintage = town.get(VINTAGE_COLUMNS.get(name, ""))
            if canadian and name in _CANADA_SOURCE:
                source = SOURCES[_CANADA_SOURCE[name]]
                level = "census subdivision" if level == "place" else level
            text = f"{source.publisher}, {source.vintage}" if source else "derived"
            if not canadian and pd.notna(vintage):
                text = f"US Census Bureau, {vintage} 5-year"
            rows.append({
                "section": section,
                "field": col.label,
                "value": column_value(col, value, town),
                "level": level if pd.notna(value) else "",
                "source": text,
            })  # fmt: skip
    return pd.DataFrame(rows)


PROGRAM_FIELDS: dict[str, str] = {
    "program": "Program",
    "program_type": "Type",
    "status_label": "Status",
    "area_description": "Area",
    "cash": "Cash",
    "first_year": "Paid in the first 12 months",
    "payout_terms": "Payout terms",
    "eligibility": "Eligibility",
    "perks": "Perks",
    "status_note": "Status note",
    "cash_source_url": "Amount source",
    "status_source_url": "Status source",
}
"""The columns of `program_table`, in order, with their headings."""


def _usd(value: object) -> str:
    return "not stated" if pd.isna(value) else f"${value:,.0f}"


def _cash(program: pd.Series) -> str:
    low, high = program["cash_min_usd"], program["cash_max_usd"]
    if pd.isna(high):
        return "no cash amount stated"
    if pd.notna(low) and low < high:
        return f"${low:,.0f} to ${high:,.0f}"
    return f"up to ${high:,.0f}"


def _first_year(program: pd.Series) -> str:
    if pd.isna(program["cash_max_usd"]):
        return "no cash amount stated"
    if pd.isna(program["first_year_usd"]):
        return "schedule not stated"
    months = program["payout_months"]
    if pd.isna(months):
        when = ""
    elif months == 0:
        when = " (paid at or soon after the move)"
    else:
        when = f" (last payment {int(months)} months after moving)"
    return _usd(program["first_year_usd"]) + when


def program_table(programs: pd.DataFrame, program_ids: list[str]) -> pd.DataFrame:
    """The named programs as the details show them: type, status with its date, amounts
    (USD) and when they are paid, eligibility, perks and the source of each fact.

    Columns are `PROGRAM_FIELDS`' keys; text cells are plain text (escape before Markdown).
    """
    chosen = programs[programs["program_id"].isin(program_ids)]
    rows = [
        {
            "program": p["program"],
            "program_type": p["program_type"],
            "status_label": program_status_label(p["status"], p["last_reported"]),
            "area_description": p["area_description"],
            "cash": _cash(p),
            "first_year": _first_year(p),
            "payout_terms": p["payout_terms"],
            "eligibility": p["eligibility"],
            "perks": p["perks"],
            "status_note": p["status_note"],
            "cash_source_url": p["cash_source_url"],
            "status_source_url": p["status_source_url"],
        }
        for _, p in chosen.iterrows()
    ]
    return pd.DataFrame(rows, columns=list(PROGRAM_FIELDS))
