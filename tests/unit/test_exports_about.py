"""Downloads as researchers read them: readable headings with units, a sidecar describing
every column and the view, a file name built from the view, and the citation."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest

from hubmap.about import about
from hubmap.calculator import Inputs
from hubmap.citation import MAX_STEM_CHARS, ViewContext, cite_text, file_stem, slug
from hubmap.exports import (
    ABOUT_MEMBER,
    EXPORT_COLUMN_BY_NAME,
    export_table,
    heading,
    to_csv_bytes,
    to_geojson_bytes,
)
from hubmap.filters import FilterState
from hubmap.schema import COLUMN_BY_NAME
from hubmap.towns import load_metadata
from hubmap.viewstate import CalculatorState, ViewState

DAY = date(2026, 12, 2)
LINK = "https://hubmap.example/?state=MT&metric=score"


@pytest.fixture(scope="module")
def metadata() -> dict:
    return load_metadata()


def context(metadata, view: ViewState | None = None, **kwargs) -> ViewContext:
    names = {"MT": "Montana", "OK": "Oklahoma", "QC": "Québec"}
    return ViewContext(view or ViewState(), names, metadata, LINK, DAY, **kwargs)


def montana() -> ViewState:
    return ViewState(
        filters=FilterState(states=("MT",), tiers=("Gigabit wired (fiber-class)",)),
        metric="score",
    )


def test_headings_are_readable_with_units_and_unique() -> None:
    assert heading(COLUMN_BY_NAME["median_gross_rent_usd"]) == "Median gross rent (USD per month)"
    assert heading(COLUMN_BY_NAME["airport_mi"]) == "Nearest airport with scheduled service (miles)"
    assert heading(COLUMN_BY_NAME["name"]) == "Name"
    headings = [heading(c) for c in EXPORT_COLUMN_BY_NAME.values()]
    assert len(headings) == len(set(headings))


def test_csv_numbers_stay_numbers_under_readable_headings(towns) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv_bytes(towns).decode("utf-8"), newline="")))
    assert rows[0]["Median gross rent (USD per month)"] == "1717.0"
    assert rows[0]["Population (people)"] == "55042"
    assert rows[0]["Small-town tech hub"] == "True"
    assert rows[3]["Median gross rent (USD per month)"] == ""  # no data, never 0
    assert rows[3]["Median gross rent, as read (text)"] == "no data"
    assert not any(re.fullmatch(r"[a-z0-9_]+", h) for h in rows[0] if h not in ("",))


def test_sidecar_describes_every_column_of_the_file_with_its_vintage(towns, metadata) -> None:
    ctx = context(metadata, montana())
    data = to_csv_bytes(towns)
    header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
    doc = about(ctx, export_table(towns), "x.csv", "csv")
    fields = doc["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == header
    assert doc["resources"][0]["path"] == "x.csv"
    assert doc["resources"][0]["rows"] == len(towns)
    for f in fields:
        assert f["vintage"], f["name"]
        assert f["type"] in ("string", "integer", "number", "boolean")
        assert {"title", "unit", "level", "source", "hubmap_name"} <= set(f)
    by_name = {f["hubmap_name"]: f for f in fields}
    rent = by_name["median_gross_rent_usd"]
    assert rent["unit"] == "USD per month"
    assert rent["vintage"] == "varies by town: see 'Rent vintage'"
    assert rent["licence"] == metadata["sources"]["acs_rent"]["licence"]
    assert by_name["fcc_1000_100_share"]["vintage"] == metadata["sources"]["fcc_bdc"]["vintage"]
    assert by_name["median_home_value_usd"]["level"].startswith("varies by town")
    assert doc["created"] == "2026-12-02"
    assert doc["name"] == file_stem(ctx)


def test_sidecar_holds_the_view(towns, metadata) -> None:
    calc = Inputs(2500.0, income_usd=90000.0)
    view = ViewState(
        filters=FilterState(states=("MT",), include_unknown_incentive=True),
        metric="savings",
        weights=(40, 30, 20, 10),
        calc=CalculatorState(monthly_usd=2500, income_usd=90000),
    )
    doc = about(context(metadata, view, calc=calc, calc_source="your own figure"),
                export_table(towns, calc), "x.csv", "csv")  # fmt: skip
    shown = doc["view"]
    assert shown["link"] == LINK
    assert shown["data_build"] == metadata["built"]
    assert shown["colour_metric"]["label"] == "First-year savings"
    settings = {s["parameter"]: s for s in shown["settings_changed_from_default"]}
    assert settings["state"]["value"] == ["MT"]
    assert settings["calc_cost"]["value"] == 2500
    assert shown["hub_score_weights"] == {
        "Affordability": 40, "Connectivity": 30, "Tech jobs nearby": 20, "Incentive": 10
    }  # fmt: skip
    assert shown["incentive_counting"]["programs_of_unknown_status_count"] is True
    assert shown["calculator"]["inputs"]["current_monthly_usd"] == 2500.0
    assert any("Today: $2,500" in a for a in shown["calculator"]["assumptions"])
    assert doc["citation"] == cite_text(context(metadata, view, calc=calc))


def test_calculator_results_are_exported_when_it_has_inputs(towns) -> None:
    rows = list(
        csv.DictReader(io.StringIO(to_csv_bytes(towns, Inputs(2000.0)).decode(), newline=""))
    )
    # Bozeman's rent is $1,717: 12 x (2,000 - 1,717) a year
    assert float(rows[0]["Calculator: first-year savings (USD)"]) == pytest.approx(3396.0)
    assert rows[5]["Calculator: first-year savings (USD)"] == ""  # Calgary: CAD, no result
    assert "Calculator: first-year savings (USD)" not in to_csv_bytes(towns).decode()


def test_geojson_carries_the_sidecar_as_a_foreign_member(towns, metadata) -> None:
    table = export_table(towns).drop(columns=["lat", "lon"])
    sidecar = about(context(metadata), table, "x.geojson", "geojson")
    doc = json.loads(to_geojson_bytes(towns, about=sidecar))
    assert doc["type"] == "FeatureCollection"
    props = doc["features"][0]["properties"]
    fields = doc[ABOUT_MEMBER]["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == list(props)
    assert props["Median gross rent (USD per month)"] == 1717.0
    assert doc["features"][0]["geometry"]["coordinates"] == [-111.05, 45.68]


HOSTILE = [
    "", "../../etc/passwd", "a/b\\c:d*e?f\"g<h>i|j", "=HYPERLINK(\"x\")", "\u202eRTL\u202c",
    "Coeur d'Alene", "Québec", "名古屋", "x" * 500, "-- --", "CON", "\x00\n\r",
]  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE)
def test_file_names_are_safe_and_bounded(metadata, name: str) -> None:
    view = ViewState(filters=FilterState(states=("MT",), name_query=name[:100]), metric="score")
    ctx = ViewContext(view, {"MT": name}, metadata, LINK, DAY)
    stem = file_stem(ctx)
    assert re.fullmatch(r"hubmap(-[a-z0-9]+)+-2026-12-02", stem), stem
    assert len(stem) <= MAX_STEM_CHARS
    assert "--" not in stem


def test_file_names_follow_the_view(metadata) -> None:
    assert file_stem(context(metadata, montana())) == (
        "hubmap-montana-gigabit-wired-hub-score-2026-12-02"
    )
    assert file_stem(context(metadata)) == "hubmap-affordability-2026-12-02"
    many = ViewState(filters=FilterState(states=("MT", "OK", "QC", "ID", "WY")))
    assert file_stem(context(metadata, many)).startswith("hubmap-5-states-")
    budget = ViewState(filters=FilterState(budget_max_usd=2500, hub_only=True))
    assert file_stem(context(metadata, budget)) == (
        "hubmap-rent-under-2500-tech-hubs-affordability-2026-12-02"
    )
    assert slug("Québec") == "quebec"
    assert slug("Coeur d'Alene") == "coeur-d-alene"
    assert slug("aaaa-bbbb-cccc", limit=11) == "aaaa-bbbb"


def test_cite_text_names_sources_vintages_date_and_link(metadata) -> None:
    text = cite_text(context(metadata, montana()))
    first = text.splitlines()[0]
    assert first.startswith("hubmap: Montana, Gigabit wired, Hub score.")
    assert f"Data build {metadata['built']}" in first
    assert "accessed 2026-12-02" in first
    assert first.endswith(LINK)
    for source in metadata["sources"].values():
        assert source["publisher"] in text
        assert source["vintage"] in text
        if source.get("attribution"):
            assert source["attribution"].rstrip(". ") in text
    assert ".." not in text


def test_view_parts_missing_state_name_falls_back_to_code(metadata) -> None:
    view = ViewState(filters=FilterState(states=("ZZ",)))
    assert file_stem(ViewContext(view, {}, metadata, LINK, DAY)).startswith("hubmap-zz-")


def test_derived_columns_are_described_as_hubmap_s(towns, metadata) -> None:
    scored = towns.assign(hub_score=[70.0, 60.0, None, None, 50.0, None], hub_score_partial=False)
    fields = about(context(metadata), export_table(scored), "x.csv", "csv")["resources"][0]
    by_name = {f["hubmap_name"]: f for f in fields["schema"]["fields"]}
    assert by_name["hub_score"]["name"] == "Hub score (0-100)"
    assert by_name["hub_score"]["source"] == "hubmap"
    assert by_name["hub_score"]["vintage"] == "computed by hubmap for this view"
