from __future__ import annotations

import csv
import io
import json

import pandas as pd

from hubmap.details import town_details
from hubmap.exports import to_csv_bytes, to_geojson_bytes
from hubmap.formatting import column_value as format_value
from hubmap.schema import COLUMN_BY_NAME


def test_missing_is_no_data_never_zero() -> None:
    col = COLUMN_BY_NAME["median_gross_rent_usd"]
    assert format_value(col, None) == "no data"
    assert format_value(col, float("nan")) == "no data"
    assert format_value(col, 1717.0) == "$1,717 per month"
    assert format_value(COLUMN_BY_NAME["fcc_1000_100_share"], 0.7508) == "75.1%"


def test_details_say_the_level_of_each_value(towns) -> None:
    town = towns.iloc[0].copy()
    town["median_home_value_usd"] = 300_000.0
    town["median_home_value_level"] = "county"
    town["median_home_value_vintage"] = "ACS 2019-2023"
    rows = town_details(town).set_index("field")
    assert rows.loc["Median home value", "level"] == "county"
    town["price_to_income"] = 4.0
    town["median_household_income_level"] = "metro"
    rows = town_details(town).set_index("field")
    assert rows.loc["Price-to-income ratio", "level"] == "county / metro"
    # the source names the vintage of this town's value
    assert rows.loc["Median home value", "source"] == "US Census Bureau, ACS 2019-2023 5-year"
    town["connectivity_level"] = "county (pre-2022)"
    town["connectivity_area"] = "urban"
    rows = town_details(town).set_index("field")
    assert rows.loc["Homes with gigabit (1000/100 Mbps) available", "level"] == (
        "county (pre-2022), urban part"
    )
    assert rows.loc["Land with 5G at 35/3 Mbps (outdoors)", "value"] == "99.0%"
    assert rows.loc["Median gross rent", "value"] == "$1,717 per month"
    assert rows.loc["Tech location quotient", "value"] == "no data"


def test_canadian_details_are_in_cad_from_statistics_canada(towns) -> None:
    calgary = towns.iloc[5].copy()
    calgary["median_dwelling_value_cad"] = 456_000.0
    calgary["median_household_income_cad"] = 98_000.0
    calgary["price_to_income"] = 456_000 / 98_000
    rows = town_details(calgary).set_index("field")
    assert rows.loc["Median dwelling value", "value"] == "CA$456,000"
    assert rows.loc["Median rent (renters' shelter cost)", "value"] == "CA$1,350 per month"
    assert rows.loc["Median household income", "value"] == "CA$98,000 per year"
    assert rows.loc["Median household income", "level"] == "census subdivision"
    assert "Statistics Canada" in rows.loc["Price-to-income ratio", "source"]
    assert rows.loc["Price-to-income ratio", "level"] == "census subdivision"
    # no US dollar figure is shown for a Canadian town, not even as "no data"
    assert "Median home value" not in rows.index
    assert "Estimated mortgage payment" not in rows.index
    bozeman = town_details(towns.iloc[0]).set_index("field")
    assert "Median dwelling value" not in bozeman.index
    assert bozeman.loc["Median household income", "source"].startswith("US Census")


def test_exports_hold_exactly_the_rows_given(towns) -> None:
    part = towns.iloc[[0, 3]]
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(part)), dtype={"Town id": str})
    assert csv["Town id"].tolist() == ["3008950", "3000100"]
    ratio = "Price-to-income ratio (years of income)"
    assert {"Latitude (degrees, WGS 84)", "Longitude (degrees, WGS 84)", ratio} <= set(csv)
    assert pd.isna(csv.loc[1, ratio])
    geo = json.loads(to_geojson_bytes(part))
    assert len(geo["features"]) == 2
    assert geo["features"][1]["properties"][ratio] is None
    assert geo["features"][0]["geometry"]["coordinates"] == [-111.05, 45.68]


def _coded_town(towns):
    town = towns.iloc[0].copy()
    town["median_home_value_usd"] = 2_000_001.0
    town["median_home_value_usd_topcoded"] = True
    town["price_to_income"] = 25.02
    town["price_to_income_bound"] = "at least"
    return town


def test_details_read_codes_and_bounds(towns) -> None:
    rows = town_details(_coded_town(towns)).set_index("field")
    assert rows.loc["Median home value", "value"] == "$2,000,000+"
    assert rows.loc["Price-to-income ratio", "value"] == "at least 25.0 years of income"


def test_exports_carry_the_published_value_its_flag_and_its_text(towns) -> None:
    part = towns.iloc[[0]].copy()
    town = _coded_town(towns)
    for name in ("median_home_value_usd", "median_home_value_usd_topcoded", "price_to_income",
                 "price_to_income_bound"):  # fmt: skip
        part[name] = pd.Series([town[name]], index=part.index).astype(part[name].dtype)
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(part)), dtype={"Town id": str})
    assert csv.loc[0, "Median home value (USD)"] == 2_000_001
    assert bool(csv.loc[0, "Median home value: top-coded"]) is True
    assert csv.loc[0, "Median home value, as read (text)"] == "$2,000,000+"
    text = "Price-to-income ratio, as read (text)"
    assert csv.loc[0, text] == "at least 25.0 years of income"
    props = json.loads(to_geojson_bytes(part))["features"][0]["properties"]
    assert props["Median home value, as read (text)"] == "$2,000,000+"


FORMULAS = ['=HYPERLINK("http://x.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\tTab",
            "\rReturn", "=cmd|' /C calc'!A0"]  # fmt: skip


def test_csv_cells_a_spreadsheet_would_run_start_with_an_apostrophe(towns) -> None:
    """Seen: the CSV export wrote `=HYPERLINK(...)` names as they were (OWASP CSV injection)."""
    frame = towns.iloc[: len(FORMULAS)].copy()
    frame["name"] = FORMULAS[: len(frame)]
    frame["county_name"] = "Plain - county"
    frame["incentive_max_usd"] = -5.0
    rows = list(csv.DictReader(io.StringIO(to_csv_bytes(frame).decode("utf-8"), newline="")))
    assert [r["Name"] for r in rows] == ["'" + f for f in FORMULAS[: len(frame)]]
    assert {r["County"] for r in rows} == {"Plain - county"}  # only leading characters
    assert {r["Largest cash incentive (USD)"] for r in rows} == {"-5.0"}  # numbers stay numbers
    assert float(rows[0]["Longitude (degrees, WGS 84)"]) < 0  # negative coordinates too


def test_geojson_keeps_text_as_it_is(towns) -> None:
    frame = towns.iloc[:1].copy()
    frame["name"] = "=1+2"
    doc = json.loads(to_geojson_bytes(frame))
    assert doc["features"][0]["properties"]["Name"] == "=1+2"
