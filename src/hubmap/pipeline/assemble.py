"""Join the sources into the town table: one row per town, every value at its finest level."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from hubmap.metrics import connectivity_tier
from hubmap.pipeline import affordability, canada, codes, connecticut, county_placement, life
from hubmap.pipeline.sources import (
    acs_housing,
    acs_population,
    bea_rpp,
    bfs,
    bls_oews,
    boundaries,
    cbsa,
    cdc_svi,
    fcc_bdc,
    fcc_mobile,
    gazetteer,
    incentives,
    microsoft_broadband,
    relationships,
    usda_rucc,
)
from hubmap.schema import COLUMNS, CONNECTIVITY_TIERS, CRS

US_MIN_POPULATION = 1_000
CA_MIN_POPULATION = 5_000
SMALL_TOWN_MAX_POPULATION = 100_000
TECH_JOBS_MIN = 500
LOCATION_US = "Census internal point"
URBAN_MIN_POPULATION = 5_000
URBAN_MIN_HOUSING_UNITS = 2_000
"""The 2020 Census urban-area thresholds, applied to the place itself: a town this large
gets its county's urban FCC row."""
EXCLUDED_STATES = ("PR",)
"""Puerto Rico is in the Census files but outside the product's 50 states and DC."""
RATIO_INPUTS: dict[str, tuple[str, str | None]] = {
    "price_to_income": ("median_home_value_usd", "median_household_income_usd"),
    "rent_to_income_pct": ("median_gross_rent_usd", "median_household_income_usd"),
    "est_monthly_mortgage_usd": ("median_home_value_usd", None),
}
"""Each derived figure's (numerator, denominator): their Census codes make it a bound."""


@dataclass(frozen=True)
class BuildInputs:
    """Where the build reads from: the raw folder and the project's curated incentives."""

    raw: Path
    incentives: Path
    us_min_population: int = US_MIN_POPULATION
    """People; 0 takes every Census place (the benchmark's stress set)."""


@dataclass(frozen=True)
class BuildResult:
    """What `assemble` produces, ready to validate and write."""

    towns: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    programs: pd.DataFrame
    figures: dict[str, float] = field(default_factory=dict)
    """Thresholds computed from the data (e.g. the US business application rate)."""


def _us_towns(inputs: BuildInputs, programs: pd.DataFrame) -> pd.DataFrame:
    raw = inputs.raw
    places = gazetteer.load_places(raw).merge(acs_population.load(raw), on="town_id", how="left")
    keep = (places["population"] >= inputs.us_min_population).fillna(False) | places[
        "town_id"
    ].isin(incentives.named_places(programs))
    towns = places[keep & ~places["state"].isin(EXCLUDED_STATES)].copy()
    towns["country"] = "US"
    towns["currency"] = "USD"
    towns["data_coverage"] = "full"
    towns["location_source"] = LOCATION_US
    counties = gazetteer.load_counties(raw)
    placed = county_placement.place_in_counties(
        towns, relationships.place_counties(raw), boundaries.counties(raw), counties["county_fips"]
    )
    towns = towns.join(placed, on="town_id")
    names = boundaries.state_names(raw)
    towns["state_name"] = towns["town_id"].str[:2].map(names.set_index("state_fips")["state_name"])
    towns = towns.merge(counties.drop(columns="state"), on="county_fips", how="left")
    towns = towns.merge(cbsa.load(raw), on="county_fips", how="left")
    towns["cbsa_type"] = towns["cbsa_type"].fillna("none")
    towns = towns.merge(usda_rucc.load(raw), on="county_fips", how="left")
    land = towns["land_area_sqmi"].where(towns["land_area_sqmi"] > 0)
    towns["density_per_sqmi"] = towns["population"].astype("float64") / land
    towns = _affordability(towns, raw)
    towns = _connectivity(towns, raw)
    towns["leads_labour_market"] = _leads_labour_market(towns)
    towns = towns.merge(bls_oews.load(raw), on="cbsa_code", how="left")
    not_metro = towns["cbsa_type"] != "metro"
    for col in (
        "tech_area_name",
        "tech_employment",
        "tech_median_wage_usd",
        "tech_location_quotient",
        "software_dev_employment",
        "software_dev_median_wage_usd",
    ):
        towns.loc[not_metro, col] = pd.NA
    return towns


def _affordability(towns: pd.DataFrame, raw: Path) -> pd.DataFrame:
    towns = towns.merge(acs_housing.place_10k(raw), on="town_id", how="left")
    towns = towns.merge(acs_housing.place_home_value(raw), on="town_id", how="left")
    towns = towns.merge(acs_housing.place_rent(raw), on="town_id", how="left")
    towns = towns.merge(acs_housing.county_economic(raw), on="county_fips", how="left")
    towns = towns.merge(acs_housing.cbsa_income(raw), on="cbsa_code", how="left")
    towns = affordability.values_and_ratios(towns)
    metro, nonmetro = bea_rpp.load(raw)
    towns = towns.merge(metro, on="cbsa_code", how="left")
    towns["state_fips"] = towns["town_id"].str[:2]
    towns = towns.merge(nonmetro, on="state_fips", how="left")
    in_metro = (towns["cbsa_type"] == "metro") & towns["rpp_metro"].notna()
    towns["rpp_all_items"] = towns["rpp_metro"].where(in_metro, towns["rpp_nonmetro"])
    towns["rpp_level"] = np.where(
        in_metro, "metro", np.where(towns["rpp_nonmetro"].notna(), "state nonmetro portion", None)
    )
    return towns


def urban_by_census_rule(population: pd.Series, housing_units: pd.Series) -> pd.Series:
    """True for a place of 5,000+ people or 2,000+ housing units (the 2020 Census urban-area
    thresholds applied to the place); a missing count does not make a place urban."""
    people = (population >= URBAN_MIN_POPULATION).fillna(False)
    homes = (housing_units >= URBAN_MIN_HOUSING_UNITS).fillna(False)
    return (people | homes).astype(bool)


def _connectivity(towns: pd.DataFrame, raw: Path) -> pd.DataFrame:
    """FCC fixed and mobile figures for the town's kind of area, Microsoft and SVI figures,
    and the connectivity tier. Connecticut towns get their pre-2022 county's figures."""
    old = connecticut.old_county(towns, boundaries.counties(raw))
    towns["broadband_county_fips"] = old.where(old.notna(), towns["county_fips"])
    towns["connectivity_level"] = pd.Series(
        np.where(old.notna(), connecticut.LEVEL, "county"), index=towns.index, dtype="string"
    ).where(towns["broadband_county_fips"].notna())
    fixed, mobile = fcc_bdc.load(raw), fcc_mobile.load(raw)
    with_urban = set(fixed.loc[fixed["area"] == "urban", "county_fips"]) & set(
        mobile.loc[mobile["area"] == "urban", "county_fips"]
    )
    urban_town = urban_by_census_rule(towns["population"], towns["housing_units"])
    area = np.where(urban_town & towns["broadband_county_fips"].isin(with_urban), "urban", "total")
    towns["area"] = area
    key = ["broadband_county_fips", "area"]
    for figures in (fixed, mobile):
        towns = towns.merge(
            figures.rename(columns={"county_fips": "broadband_county_fips"}), on=key, how="left"
        )
    has_figures = towns[["fcc_1000_100_share", "fcc_5g_35_3_land_share"]].notna().any(axis=1)
    towns["connectivity_area"] = towns.pop("area").where(has_figures)
    towns = towns.merge(
        microsoft_broadband.county(raw).rename(columns={"county_fips": "broadband_county_fips"}),
        on="broadband_county_fips",
        how="left",
    )
    zip_usage = microsoft_broadband.place_usage(
        microsoft_broadband.zip_usage(raw), relationships.zcta_places(raw)
    )
    towns = towns.merge(zip_usage, on="town_id", how="left")
    towns = towns.merge(cdc_svi.load(raw), on="county_fips", how="left")
    towns["connectivity_tier"] = connectivity_tier(
        towns["fcc_1000_100_share"], towns["fcc_5g_35_3_land_share"]
    )
    return towns


def _business_formation(towns: pd.DataFrame, raw: Path) -> tuple[pd.DataFrame, float]:
    """County business applications per 1,000 residents, and the median of that rate over
    US counties (the typical county), which the hub rule compares to."""
    apps = bfs.load(raw).merge(acs_population.load_counties(raw), on="county_fips")
    apps = apps[apps["county_population"] > 0]
    apps["business_applications_per_1k"] = (
        1000 * apps["business_applications"] / apps["county_population"]
    )
    median_rate = apps["business_applications_per_1k"].median()
    towns = towns.merge(
        apps[["county_fips", "business_applications_per_1k", "business_applications_year"]],
        on="county_fips",
        how="left",
    )
    return towns, float(median_rate)


def _leads_labour_market(towns: pd.DataFrame) -> pd.Series:
    """True for the most populous town of each metro or micro area (ties: all of them),
    False for its other towns, missing outside any area."""
    in_area = towns["cbsa_code"].notna()
    largest = towns.groupby("cbsa_code")["population"].transform("max")
    leads = (towns["population"] == largest).astype("boolean")
    return leads.where(in_area)


def _canadian_towns(raw: Path) -> pd.DataFrame:
    """Statistics Canada municipalities with their 2021 Census housing and income (CAD)."""
    ca = canada.canadian_towns(raw, CA_MIN_POPULATION)
    ca["state_name"] = ca["state"].map(boundaries.PROVINCE_NAMES)
    ca["country"] = "CA"
    ca["currency"] = "CAD"
    ca["data_coverage"] = "partial"
    ca["cbsa_type"] = pd.NA
    land = ca["land_area_sqmi"].where(ca["land_area_sqmi"] > 0)
    ca["density_per_sqmi"] = ca["population"].astype("float64") / land
    income = ca["median_household_income_cad"]
    ca["price_to_income"] = ca["median_dwelling_value_cad"] / income
    ca["rent_to_income_pct"] = 12 * ca["median_renter_shelter_cost_cad"] / income * 100
    return ca


def _criteria(towns: pd.DataFrame, business_rate_min: float) -> pd.DataFrame:
    """The small-town tech hub criteria as nullable booleans (null where data is missing).

    A town is a hub when it has under 100,000 people; leads a metro area of 500+ tech jobs
    (the jobs count only for the metro's largest town, not for its suburbs); has the top
    connectivity tier; and its county's business applications per 1,000 residents are at
    least `business_rate_min` (the median US county's).
    """

    def rule(values: pd.Series, test: pd.Series) -> pd.Series:
        return test.astype("boolean").where(values.notna())

    pop = towns["population"].astype("float64")
    jobs = towns["tech_employment"].astype("float64")
    leads = towns["leads_labour_market"]
    tier = towns["connectivity_tier"]
    apps = towns["business_applications_per_1k"]
    towns["crit_population_under_100k"] = rule(pop, pop < SMALL_TOWN_MAX_POPULATION)
    # A town that does not lead its area fails, whatever the area's jobs; & keeps nulls.
    towns["crit_tech_jobs_500"] = rule(jobs, jobs >= TECH_JOBS_MIN) & leads
    towns["crit_broadband"] = rule(tier, tier == CONNECTIVITY_TIERS[0])
    towns["crit_business_applications"] = rule(apps, apps >= business_rate_min)
    crit = towns[
        [
            "crit_population_under_100k",
            "crit_tech_jobs_500",
            "crit_broadband",
            "crit_business_applications",
        ]
    ]
    all_true = crit.fillna(False).all(axis=1)
    any_false = (crit == False).fillna(False).any(axis=1)  # noqa: E712 (nullable booleans)
    hub = pd.Series(pd.NA, index=towns.index, dtype="boolean")
    hub[all_true] = True
    hub[any_false] = False
    towns["small_town_tech_hub"] = hub
    return towns


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Only the schema's columns, in its order, with its dtypes."""
    out = pd.DataFrame(index=frame.index)
    for col in COLUMNS:
        values = frame[col.name] if col.name in frame else pd.Series(pd.NA, index=frame.index)
        if col.dtype == "Int64":
            out[col.name] = pd.to_numeric(values, errors="raise").round().astype("Int64")
        elif col.dtype == "float64":
            out[col.name] = pd.to_numeric(values, errors="raise").astype("float64")
        else:
            out[col.name] = values.astype(col.dtype)
    return out


def assemble(inputs: BuildInputs) -> BuildResult:
    """Read every source and return the town table, the region outlines and the programs."""
    programs = incentives.load(inputs.incentives)
    us = _us_towns(inputs, programs)
    ca = _canadian_towns(inputs.raw)
    towns = pd.concat([us, ca], ignore_index=True)
    towns = towns.merge(
        life.life_columns(towns[["town_id", "lat", "lon", "country"]], inputs.raw),
        on="town_id",
        how="left",
    )
    towns = codes.flag_codes(towns)
    for ratio, (numerator, denominator) in RATIO_INPUTS.items():
        towns = codes.ratio_bound(towns, ratio, numerator, denominator)
    pairs = incentives.coverage(programs, towns)
    towns = towns.merge(incentives.summarise(towns, programs, pairs), on="town_id", how="left")
    towns, business_rate = _business_formation(towns, inputs.raw)
    towns = _criteria(towns, business_rate)
    towns = towns.sort_values("town_id", ignore_index=True)
    table = _typed(towns)
    gdf = gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(towns["lon"], towns["lat"]), crs=CRS)
    us_names = dict(zip(us["state"], us["state_name"], strict=False))
    regions = boundaries.regions(inputs.raw, us_names)
    figures = {"median_county_business_applications_per_1k": round(business_rate, 2)}
    return BuildResult(towns=gdf, regions=regions, programs=programs, figures=figures)
