"""`geodata/metadata.json`: per column its source, vintage, level and licence; counts; checksums."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from hubmap.incentive_rules import FIRST_YEAR_MONTHS
from hubmap.metrics import TIER_MAJORITY_SHARE, MortgageAssumptions
from hubmap.pipeline import assemble as rules
from hubmap.pipeline import canada
from hubmap.pipeline.write import sha256
from hubmap.schema import COLUMNS, CONNECTIVITY_TIERS, PROGRAM_TYPES, SOURCES


def method_notes() -> dict[str, str]:
    """How each derived figure is computed, in words (shown on the sources page)."""
    pct = int(TIER_MAJORITY_SHARE * 100)
    return {
        "towns": (
            f"Every Census place in the 50 states and DC with an ACS 2019-2023 population of at "
            f"least {rules.US_MIN_POPULATION:,}, every place an incentive program names, and "
            f"every Canadian census subdivision (CSD, the municipality level) of at least "
            f"{rules.CA_MIN_POPULATION:,} people in the 2021 Census, except unorganized "
            "territories (no local government). A Canadian town is named without its CSD type "
            "('Calgary, City (CY)' is Calgary); a second CSD of the same name in a province "
            "adds its type ('Hamilton (township)')."
        ),
        "location": (
            "US towns sit at the Census Gazetteer internal point. A Canadian town sits at the "
            "GeoNames point of the same name (accents, case, punctuation and St./Ste. "
            "ignored) in the same province within "
            f"{canada.MATCH_MIN_KM:.0f} km of the CSD centroid (or within the radius of a "
            "circle of the CSD's land area, if larger); each point serves only the nearest "
            "CSD. Otherwise it sits at the centroid of the CSD's largest polygon. "
            "`location_source` says which."
        ),
        "canada_affordability": (
            "Canadian towns: median value of owned dwellings, median monthly shelter cost of "
            "renters and median total household income (of 2020), all from the 2021 Census "
            "for the CSD, in Canadian dollars (CAD). Price-to-income and rent-to-income are "
            "computed as for US towns and are unitless, so they compare across the border; "
            "dollar amounts are never converted. The housing budget filter compares US towns "
            "with a USD budget and Canadian towns with a separate CAD budget; there is no "
            "Canadian mortgage estimate (the US rate and term do not describe Canadian "
            "mortgages)."
        ),
        "county": (
            "The county holding the place's internal point; places spanning counties are placed "
            "by point-in-polygon against the us-atlas county outlines."
        ),
        "affordability": (
            "Price-to-income = place median home value (ACS 2018-2022) / median household "
            "income of the town's metro or micro area (ACS 2018-2022), or of its county (ACS "
            "2019-2023) outside one. Where a place has no home value or rent estimate the "
            "county figure is used and the level says 'county'. Lower is more affordable."
        ),
        "census_codes": (
            "The ACS publishes a median in an open-ended interval as a code: home value "
            "2,000,001 means $2,000,000 or more and 9,999 means $10,000 or less; rent 3,501 "
            "means $3,500 or more and 99 means $100 or less; household income 250,001 means "
            "$250,000 or more and 2,499 means $2,500 or less; owner costs 4,001 means $4,000 "
            "or more. hubmap keeps the published value, flags it in <column>_topcoded or "
            "<column>_bottomcoded, and shows the interval ('$2,000,000+'). A ratio built on a "
            "coded value is a bound, recorded in <ratio>_bound: 'at least' for a top-coded "
            "numerator or a bottom-coded denominator, 'at most' the other way round, and "
            "'undetermined' (the ratio left empty) when its inputs are coded in opposite "
            "directions. Downloads carry a <column>_text column with the value as shown."
        ),
        "price_parity": (
            "BEA Regional Price Parities 2024, all items: the metro area's index for a town in "
            "a metropolitan area, else the state's nonmetropolitan portion. BEA fills the "
            "nonmetro rows of Delaware and DC with 0.000 (there is no such area): these are "
            "missing, not an index. The build rejects a zero or negative money amount or price "
            "index in any column."
        ),
        "mortgage": (
            "Estimated monthly principal and interest on the median home value; taxes, "
            "insurance and fees are not included. Assumptions are listed under 'assumptions'."
        ),
        "connectivity_tier": (
            f"From the FCC Broadband Data Collection (June 2024), county, residential units: "
            f"'{CONNECTIVITY_TIERS[0]}' when 1000/100 Mbps is available to at least {pct}% of "
            f"them; else '{CONNECTIVITY_TIERS[1]}' when 250/25 Mbps is available to at least "
            f"{pct}%; else '{CONNECTIVITY_TIERS[2]}' (most homes cannot get 250/25 from any "
            "provider and rely on satellite or slower service). The FCC's any-technology "
            "100/20 figure includes low-earth-orbit satellite and is near 100% in every county, "
            "so it cannot tell towns apart. The summary does not split by technology: the tiers "
            "say what speeds are available, not whether they come by fiber, cable or 5G."
        ),
        "tech_jobs": (
            "BLS OEWS May 2025 employment in computer and mathematical occupations (SOC 15-0000) "
            "and software developers (15-1252) for the town's metropolitan area. Towns outside "
            "a metro area have no figure: OEWS nonmetropolitan areas cannot be matched to "
            "counties with the files at hand."
        ),
        "incentives": (
            "Programs from hubmap's curated table (data/incentives.csv), each fact with its "
            "source URL and the date last reported. A program covers the places it names, every "
            "town of the counties it names, or every town of its state."
        ),
        "incentive_status": (
            "Every program has a status from its newest public report: 'open as last "
            "reported', 'unknown' (the newest report does not say whether it still runs) or "
            "'closed'. By default only programs reported open count: they alone give a town "
            "its cash figure on the map, in the headline, the filters and the hub score. "
            "Programs of unknown status are their own class ('status unknown, last reported "
            "<date>') and count only when the user asks (link parameter "
            "incentive_unknown=count). A town covered only by closed programs says 'closed'."
        ),
        "incentive_type": (
            f"Every program has a type: {', '.join(PROGRAM_TYPES)}. Only "
            f"'{PROGRAM_TYPES[0]}' programs (cash for people who move there while working "
            "remotely; some also accept people with local jobs) count by default; the user can "
            "count the other types (link parameter incentive_types=all). A town covered only "
            "by other types says 'other program types only'. Where programs overlap, the "
            "largest amount is shown; amounts are never added up."
        ),
        "incentive_payout": (
            "payout_months: months after the move when a program's last payment is due (0: "
            f"one payment at or soon after the move). first_year_usd: the part of the maximum "
            f"amount due within {FIRST_YEAR_MONTHS} months of moving (a payment due at month "
            f"{FIRST_YEAR_MONTHS} counts). Both come from the program's published terms and "
            "are empty where the terms do not state a schedule; a town's first-year figure is "
            "empty when a counted program without a stated schedule could pay more."
        ),
        "small_town_tech_hub": (
            f"Population under {rules.SMALL_TOWN_MAX_POPULATION:,}; at least "
            f"{rules.TECH_JOBS_MIN} computer and mathematical jobs in the town's metro area; "
            f"250/25 Mbps available to at least {int(rules.BROADBAND_MIN_SHARE * 100)}% of the "
            "county's homes. Each criterion is empty where its data is missing; the overall flag "
            "is true when all three hold, false when any fails."
        ),
        "hub_score": (
            "Each component is ranked as a 0-100 percentile among the towns that have it; the "
            "score is the weighted mean of the available components (weights set in the app). "
            "A town missing a component is scored on the others and marked 'partial'."
        ),
    }


def build_metadata(
    towns: pd.DataFrame,
    regions: pd.DataFrame,
    programs: pd.DataFrame,
    coverage: pd.DataFrame,
    inputs: list[Path],
) -> dict:
    """The metadata document written beside the data."""
    sources = {}
    for s in SOURCES.values():
        entry = asdict(s)
        entry["files"] = list(s.files)
        sources[s.id] = entry
    return {
        "built": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "crs": "EPSG:4326",
        "row_counts": {
            "towns": len(towns),
            "towns_us": int((towns["country"] == "US").sum()),
            "towns_ca": int((towns["country"] == "CA").sum()),
            "regions": len(regions),
            "incentive_programs": len(programs),
        },
        "incentive_counts": {
            "programs_by_status": programs["status"].value_counts().sort_index().to_dict(),
            "programs_by_type": programs["program_type"].value_counts().sort_index().to_dict(),
            "towns_by_status": {
                str(k): int(v)
                for k, v in towns["incentive_status"].value_counts().sort_index().items()
            },
        },
        "columns": [
            {
                "name": c.name,
                "label": c.label,
                "dtype": c.dtype,
                "unit": c.unit,
                "level": c.level,
                "source": c.source,
                "description": c.description,
            }
            for c in COLUMNS
        ],
        "sources": sources,
        "method": method_notes(),
        "assumptions": {"mortgage": asdict(MortgageAssumptions())},
        "coverage_pct": coverage.to_dict(orient="records"),
        "inputs": {p.name: {"sha256": sha256(p), "bytes": p.stat().st_size} for p in inputs},
    }
