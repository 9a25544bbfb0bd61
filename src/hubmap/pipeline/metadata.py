"""`geodata/metadata.json`: per column its source, vintage, level and licence; counts; checksums."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from hubmap.incentive_rules import FIRST_YEAR_MONTHS
from hubmap.metrics import (
    FIVE_G_MIN_LAND_SHARE,
    GIGABIT_MIN_SHARE,
    MOST_SHARE,
    MortgageAssumptions,
)
from hubmap.pipeline import assemble as rules
from hubmap.pipeline import canada, county_placement, life
from hubmap.pipeline.sources.incentives import OPEN_REPORTED_SINCE
from hubmap.pipeline.write import sha256
from hubmap.schema import COLUMNS, CONNECTIVITY_TIERS, PROGRAM_TYPES, SOURCES


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def method_notes(figures: dict[str, float] | None = None) -> dict[str, str]:
    """How each derived figure is computed, in words (shown on the sources page).
    `figures` are the thresholds the build computed from the data."""
    figures = figures or {}
    rate = figures.get("median_county_business_applications_per_1k")
    rate_text = f"{rate:.2f} per 1,000 in this build" if rate is not None else "computed per build"
    gig, five_g, part, sat = CONNECTIVITY_TIERS
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
            "The county of the Census 2020 place-to-county relationship file; a place spanning "
            "counties gets the listed county holding its internal point. Places the file "
            "leaves out (new places such as San Tan Valley, and the balances of consolidated "
            "city-counties: Indianapolis, Louisville, Nashville, Athens, Augusta, Butte, "
            "Washington DC ...) are placed by their Gazetteer internal point in the us-atlas "
            f"county outlines (2017), or in the nearest outline within "
            f"{county_placement.MAX_KM_TO_OUTLINE:.0f} km. Where that outline is not a current "
            "county (Connecticut's 8 old counties, replaced in the 2025 Gazetteer, the ACS 2023 "
            "and the July 2023 CBSA delineation by 9 planning regions), the town takes the "
            "county of the nearest town of its state that the relationship file places. "
            "`county_placement` says which rule placed each town. Consolidated names are "
            "cleaned to the city's own name: the part before the '/', ', ' or '-' that precedes "
            "a county of the state ('Louisville/Jefferson County metro government' -> "
            "'Louisville', 'Nashville-Davidson' -> 'Nashville', 'Butte-Silver Bow' -> 'Butte')."
        ),
        "affordability": (
            "Each value at the finest level the inputs have, with its level and ACS vintage in "
            "the `_level` and `_vintage` columns. Household income: the place's own (ACS "
            "2020-2024, places of 10,000+), else its metro or micro area (July 2023 CBSA, ACS "
            "2019-2023), else its county (ACS 2019-2023); the area figure is also kept in "
            "area_household_income_usd, so a city and its suburbs (Cleveland and Elyria) share "
            "one. Home value: the place's ACS 2020-2024 value (10,000+), else its ACS 2018-2022 "
            "value, else the county's (2019-2023). Rent: the place's (2020-2024), else the "
            "county's (2019-2023). Price-to-income = home value / income and rent-to-income = "
            "12 x rent / income use numerator and denominator of one survey wherever the "
            "inputs have both (every place of 10,000+); a smaller place has no income of its "
            "own and no 2019-2023 home value, so its ratio divides its own 2018-2022 value (or "
            "2020-2024 rent) by its area's 2019-2023 income, and the ratio's `_vintage` column "
            "names both ('ACS 2018-2022 / ACS 2019-2023'). Finest level wins over one vintage: "
            "a town's own home value says more about it than a county value of the income's "
            "vintage would. Places with 0 housing units (campuses, bases, Prudhoe Bay) have no "
            "housing market: no home value, rent, ratio, mortgage, owner costs or fair market "
            "rent (never their county's), and `housing_status` says so. Lower is more "
            "affordable."
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
        "connectivity_area": (
            "FCC county figures describe either the whole county (Total row) or its urban "
            "part (Urban row). A town that is urban by the 2020 Census rule applied to the "
            f"place itself ({rules.URBAN_MIN_POPULATION:,}+ people or "
            f"{rules.URBAN_MIN_HOUSING_UNITS:,}+ housing units) gets its county's Urban row "
            "in both the fixed and the mobile file; every other town, and a town whose county "
            "has no Urban row in both files, gets the Total row. connectivity_area says which."
        ),
        "connecticut": (
            "The FCC fixed and mobile files and the Microsoft county file use Connecticut's 8 "
            "counties as they were before 2022 (09001-09015); the Gazetteer and the ACS use the "
            "2022 planning regions. For those three sources each Connecticut town is put in the "
            "old county holding its internal point (point-in-polygon with the us-atlas 2017 "
            "county outlines; nearest old county for a point off the simplified coast), and "
            "the level reads 'county (pre-2022)'. Everything else uses the planning region."
        ),
        "connectivity_tier": (
            "From the FCC Broadband Data Collection, county figures for the town's kind of area "
            "(connectivity_area): fixed broadband June 2024 (residential units with 1000/100 "
            "Mbps available, any technology: in 2024 almost only fiber and upgraded cable, "
            "hence 'fiber-class'; the file does not split by technology) and mobile broadband "
            "December 2025 (share of LAND covered outdoors, stationary, by 5G-NR at 35/3 Mbps; "
            "a land share is not a share of homes). "
            f"'{gig}': 1000/100 Mbps for at least {_pct(GIGABIT_MIN_SHARE)} of homes. "
            f"'{five_g}': otherwise 5G-NR 35/3 outdoors on at least "
            f"{_pct(FIVE_G_MIN_LAND_SHARE)} of the land. "
            f"'{part}': otherwise 1000/100 for at least {_pct(MOST_SHARE)} of homes or 5G "
            f"on at least {_pct(MOST_SHARE)} of the land. "
            f"'{sat}': neither reaches {_pct(MOST_SHARE)}: the realistic option left is "
            "satellite; the FCC's any-technology 100/20 Mbps figure counts low-earth-orbit "
            "satellite (Starlink and others) and is near 100% of homes in every county, so it "
            "cannot separate towns. Thresholds: at 50% ('most homes') the gigabit tier would "
            "hold half the towns, and 5G on half the land reaches most towns; the bars are "
            "three homes in four and nine tenths of the land, so that no tier holds most "
            "towns. The build prints the distribution. The old speed shares (100/20, 250/25) "
            "are kept as details."
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
            f"'closed'. 'Open' needs a report of {OPEN_REPORTED_SINCE} or later saying the "
            "program runs; an older report leaves the status 'unknown'. By default only "
            "programs reported open count: they alone give a town "
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
            "A town that is itself a small tech hub, as the source articles define one: "
            f"(1) under {rules.SMALL_TOWN_MAX_POPULATION:,} people; (2) at least "
            f"{rules.TECH_JOBS_MIN} computer and mathematical jobs (BLS OEWS) in a metro area "
            "the town leads, i.e. it is the most populous town of its metro or micro area "
            "(the jobs of a metro do not make its suburbs hubs); (3) the connectivity tier "
            f"'{gig}'; (4) the county's business applications per 1,000 residents (Census "
            "Business Formation Statistics, latest year in the file, applications of every "
            "kind: a new-business signal, not a count of startups) at least the median US "
            "county's (applications / ACS 2019-2023 population, the same year; "
            f"{rate_text}; the national total rate is higher, pulled up by large metro "
            "counties and by counties where many businesses register). "
            "Each criterion is empty where its data is missing (OEWS has no figures for "
            "micro areas); the flag is true when all four hold, false when any fails."
        ),
        "life_and_talent": (
            "Distances in miles (km = miles x 1.609344) from the town's point to the nearest "
            "facility: the nearest is found on the sphere (scikit-learn KDTree over unit "
            "vectors) and the distance is the geodesic on the WGS 84 ellipsoid (pyproj Geod, "
            "Karney), not a projected distance. Airports: OurAirports (2023-04-29) medium or "
            "large airports with scheduled service; large hub = large_airport. Research "
            "university: IPEDS HD2024, Carnegie 2021 R1/R2 (C21BASIC 15, 16), active. Four-"
            "year college: active, public or private not-for-profit four-year (SECTOR 1, 2), "
            "Carnegie 2021 doctoral, master's or baccalaureate (C21BASIC 15-23); for-profit, "
            "special-focus and tribal institutions are left out. Colleges within "
            f"{life.COLLEGE_RADIUS_MI} miles: great-circle radius on the mean-radius sphere. "
            "Hospital: HIFLD Open, open GENERAL ACUTE CARE (critical access hospitals are a "
            "separate type and do not count). Trauma centre: an open hospital whose HIFLD "
            "TRAUMA field names a Level I or II adult trauma centre; state designations that "
            "name no level (Montana's RTC/ATH/CTH, TRH, TRF ...) do not count. National park: "
            "distance to the boundary of the nearest of the 62 national parks of April 2020 "
            "(Wolf Trap, a performing-arts park, is left out; New River Gorge is missing), 0 "
            "inside; boundaries are densified to vertices at most "
            f"{life.PARK_VERTEX_DEG} degrees apart, so a distance is at most about 0.2 miles "
            "long. IPEDS, HIFLD and NPS cover the US only: Canadian towns have airport "
            "distances and no data for the rest."
        ),
        "hub_score": (
            "Each component is ranked as a 0-100 percentile among the towns that have it; the "
            "score is the weighted mean of the available components (weights set in the app). "
            "Connectivity ranks the tier first, then within a tier the share that placed the "
            "town there (gigabit homes for the top tier, 5G land for the 5G tier, the larger "
            "of the two below). A town missing a component is scored on the others and marked "
            "'partial'."
        ),
    }


def thresholds(figures: dict[str, float] | None = None) -> dict[str, float]:
    """The connectivity tier and tech hub thresholds, as numbers (shares are 0-1)."""
    return {
        "gigabit_min_share_of_homes": GIGABIT_MIN_SHARE,
        "five_g_35_3_min_share_of_land": FIVE_G_MIN_LAND_SHARE,
        "most_share": MOST_SHARE,
        "urban_min_population": rules.URBAN_MIN_POPULATION,
        "urban_min_housing_units": rules.URBAN_MIN_HOUSING_UNITS,
        "hub_max_population": rules.SMALL_TOWN_MAX_POPULATION,
        "hub_min_tech_jobs": rules.TECH_JOBS_MIN,
        **(figures or {}),
    }


def tier_counts(towns: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Towns per connectivity tier (best first, then 'no data'), per country."""
    out = {}
    for country, group in towns.groupby("country"):
        counts = group["connectivity_tier"].value_counts()
        row = {t: int(counts.get(t, 0)) for t in CONNECTIVITY_TIERS}
        row["no data"] = int(group["connectivity_tier"].isna().sum())
        out[str(country)] = row
    return out


def us_data_counts(towns: pd.DataFrame) -> dict:
    """How US towns got their county and their affordability figures: counts per county
    placement rule, income level and vintage, ratio vintage, code flag and bound, and
    housing status (written to metadata.json and printed by the build)."""
    us = towns[towns["country"] == "US"]

    def counts(column: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in us[column].value_counts().sort_index().items()}

    income = us["median_household_income_level"] + ", " + us["median_household_income_vintage"]
    flags = [c.name for c in COLUMNS if c.name.endswith(("_topcoded", "_bottomcoded"))]
    bounds = [c.name for c in COLUMNS if c.name.endswith("_bound")]
    return {
        "county_placement": counts("county_placement"),
        "towns_without_county": int(us["county_fips"].isna().sum()),
        "income_level_vintage": {str(k): int(v) for k, v in income.value_counts().items()},
        "price_to_income_vintage": counts("price_to_income_vintage"),
        "rent_to_income_vintage": counts("rent_to_income_vintage"),
        "coded_values": {name: int(us[name].sum()) for name in flags},
        "ratio_bounds": {name: counts(name) for name in bounds},
        "housing_status": counts("housing_status"),
        "price_parity_missing": int(us["rpp_all_items"].isna().sum()),
    }


def build_metadata(
    towns: pd.DataFrame,
    regions: pd.DataFrame,
    programs: pd.DataFrame,
    coverage: pd.DataFrame,
    inputs: list[Path],
    figures: dict[str, float] | None = None,
) -> dict:
    """The metadata document written beside the data; `figures` are data-derived thresholds."""
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
        "method": method_notes(figures),
        "thresholds": thresholds(figures),
        "connectivity_tier_counts": tier_counts(towns),
        "assumptions": {"mortgage": asdict(MortgageAssumptions())},
        "coverage_pct": coverage.to_dict(orient="records"),
        "us_data_counts": us_data_counts(towns),
        "inputs": {p.name: {"sha256": sha256(p), "bytes": p.stat().st_size} for p in inputs},
    }
