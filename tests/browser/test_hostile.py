"""Bad links and hostile data in Debian's chromium: warnings, literal text, no script runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

import pytest
from playwright.sync_api import Page, expect

from hubmap.towns import (
    INCENTIVES_FILE,
    METADATA_FILE,
    REGIONS_FILE,
    TOWNS_FILE,
    geodata_dir,
    load_programs,
    load_towns,
)
from tests.hostile_data import BEACON, TOWN_IDS, hostile, write_hostile_geodata

from .offline import town_point

FLAG = "window.__hubmapXss"
HOSTILE_NAMES = {
    "3008950": "<script>window.__hubmapXss=1</script>",
    "4075000": '<img src=x onerror="window.__hubmapXss=1">',
    "4105800": '"><svg onload=window.__hubmapXss=1>',
    "1608830": "\u202eevil\u202c Ωmega 🏔️ town alert(coords); {{'x'}}",
}
"""Bozeman, Tulsa, Bend and Boise renamed: far enough apart to hover one at a time."""
JS_URL = "javascript:window.__hubmapXss=1"


@pytest.fixture(scope="module")
def hostile_geodata(tmp_path_factory) -> Path:
    """A four-town geodata folder whose names, county, program and sources are hostile."""
    out = tmp_path_factory.mktemp("hostile-geodata")
    towns = load_towns()
    towns = towns[towns["town_id"].isin(HOSTILE_NAMES)].copy()
    towns["name"] = towns["town_id"].map(HOSTILE_NAMES)
    towns["county_name"] = "[county](javascript:window.__hubmapXss=1)"
    towns.loc[towns["town_id"] == "4075000", "incentive_programs"] = "<b onmouseover=x>prog</b>"
    towns.to_parquet(out / TOWNS_FILE)
    shutil.copy(geodata_dir() / REGIONS_FILE, out / REGIONS_FILE)
    programs = load_programs()
    programs = programs[programs["program_id"] == "tulsa-remote"].copy()
    programs["program"] = "<img src=x onerror=window.__hubmapXss=1>"
    programs["cash_source_url"] = JS_URL
    programs.to_csv(out / INCENTIVES_FILE, index=False)
    meta = json.loads((geodata_dir() / METADATA_FILE).read_text())
    meta["sources"]["geonames"]["attribution"] = "<img src=x onerror=window.__hubmapXss=1>"
    meta["sources"]["geonames"]["url"] = JS_URL
    meta["method"]["towns"] = "[click me](javascript:window.__hubmapXss=1) <script>x</script>"
    (out / METADATA_FILE).write_text(json.dumps(meta))
    return out


def _no_script_ran(page: Page, dialogs: list[str]) -> None:
    assert dialogs == []
    for frame in page.frames:
        assert frame.evaluate(f"typeof {FLAG}") == "undefined", frame.url


def test_hostile_text_is_shown_literally_and_never_runs(
    streamlit_app, page: Page, map_frame, hostile_geodata, artifacts_dir
) -> None:
    app = streamlit_app(env={"HUBMAP_GEODATA": str(hostile_geodata)})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{app.url}/?pop=0-10000000")
    frame = map_frame(page)
    frame.wait_for_function("window.__hubmapTowns && window.__hubmapTowns.count == 4")
    names = frame.evaluate("window.__hubmapTowns.data.towns.n")
    assert sorted(names) == sorted(HOSTILE_NAMES.values())
    ids = {name: town_id for town_id, name in HOSTILE_NAMES.items()}
    for index, name in enumerate(names):
        frame = map_frame(page)
        page.mouse.move(*town_point(page, frame, index))
        tip = frame.locator(".leaflet-tooltip")
        expect(tip).to_contain_text(name)
        assert tip.locator("img, svg, script, b").count() == 0
        page.screenshot(path=artifacts_dir / f"hostile-hover-{index}.png")
        page.mouse.click(*town_point(page, frame, index))
        page.wait_for_function(f"location.search.includes('town={ids[name]}')", timeout=15_000)
        expect(page.locator("h3", has_text=name[-6:])).to_be_visible()
        _no_script_ran(page, dialogs)
    page.screenshot(path=artifacts_dir / "hostile-selected.png", full_page=True)
    expect(page.get_by_text("[county](javascript:window.__hubmapXss=1)").first).to_be_visible()
    assert page.locator("a[href^='javascript']").count() == 0

    page.goto(f"{app.url}/sources")
    expect(page.get_by_text("<img src=x onerror=window.__hubmapXss=1>").first).to_be_visible()
    expect(page.get_by_text("[click me](javascript:window.__hubmapXss=1)", exact=False).first
           ).to_be_visible()  # fmt: skip
    page.screenshot(path=artifacts_dir / "hostile-sources.png", full_page=True)
    assert page.locator("a[href^='javascript']").count() == 0
    _no_script_ran(page, dialogs)
    app.assert_no_traceback()


def test_bad_links_render_with_warnings_and_good_parameters_apply(
    streamlit_app, page: Page, map_frame, artifacts_dir
) -> None:
    app = streamlit_app()
    huge = "x" * 100_000
    query = f"state=MT&state=MT&metric=tier&metric=score&zzz=%3Cscript%3E&budget=abc&q={huge}"
    page.goto(f"{app.url}/?{query}")
    frame = map_frame(page)
    frame.wait_for_function("window.__hubmapTowns && window.__hubmapTowns.count > 0")
    for text in ("given 2 times", "unknown link parameter 'zzz'", "budget='abc'",
                 "100,000 characters"):  # fmt: skip
        expect(page.get_by_text(text, exact=False).first).to_be_visible()
    towns = load_towns()
    montana = towns[(towns["state"] == "MT") & (towns["population"] <= 100_000)]
    assert frame.evaluate("window.__hubmapTowns.count") == len(montana)
    assert frame.evaluate("window.__hubmapTowns.metric") == "Hub score"
    page.screenshot(path=artifacts_dir / "bad-link-warnings.png", full_page=True)
    app.assert_no_traceback()


def test_uploaded_places_with_hostile_text_draw_hover_and_click(
    streamlit_app, page: Page, map_frame, artifacts_dir, tmp_path
) -> None:
    """An upload goes through the same towns layer: its names and column name stay text,
    its values keep their decimals, and a click selects the place."""
    app = streamlit_app()
    column = '<img src=x onerror="window.__hubmapXss=1">'
    rows = [
        ("<script>window.__hubmapXss=1</script>", 45.68, -111.05, 0.35),
        ("Plain place", 40.0, -105.2, 2.5),
        ("No value", 36.1, -95.9, None),
    ]
    lines = [f'name,lat,lon,"{column.replace(chr(34), chr(34) * 2)}"']
    lines += [f'"{n}",{lat},{lon},{"" if v is None else v}' for n, lat, lon, v in rows]
    upload = tmp_path / "mine.csv"
    upload.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(app.url)
    map_frame(page)
    page.get_by_text("Your own places").click()
    page.locator('input[type="file"]').set_input_files(upload)
    expect(page.get_by_text("3 places read from mine.csv")).to_be_visible()
    page.get_by_text("Show my places instead of hubmap's towns").click()
    frame = map_frame(page)
    frame.wait_for_function("window.__hubmapTowns && window.__hubmapTowns.count === 3")
    expect(frame.locator(".hubmap-legend")).to_contain_text(column)
    page.mouse.move(*town_point(page, frame, 0))
    tip = frame.locator(".leaflet-tooltip")
    expect(tip.locator("strong")).to_have_text(rows[0][0])  # no state: no ", "
    expect(tip).to_contain_text(f"{column}: 0.35")
    assert tip.locator("img, script").count() == 0
    page.screenshot(path=artifacts_dir / "upload-hostile-hover.png")
    page.mouse.click(*town_point(page, frame, 1))
    expect(page.locator("h3", has_text="Plain place")).to_be_visible(timeout=15_000)
    _no_script_ran(page, dialogs)
    app.assert_no_traceback()


@pytest.fixture(scope="module")
def every_text_hostile(tmp_path_factory) -> Path:
    """Every text column of two towns and their programs, and every string of
    metadata.json, holding Markdown images and links to BEACON, HTML and script."""
    out = tmp_path_factory.mktemp("every-text-hostile")
    write_hostile_geodata(out)
    return out


def test_no_data_or_link_text_makes_the_browser_load_or_run_anything(
    streamlit_app, page: Page, map_frame, every_text_hostile, artifacts_dir
) -> None:
    """The page-level proof: with hostile text in every data field and in the link, no
    request goes to a URL the text names, no script runs, no image or link is made of it."""
    app = streamlit_app(env={"HUBMAP_GEODATA": str(every_text_hostile)})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    link = {hostile("ZQlinkQ", long=False): "1", "metric": hostile("ZQmQ", long=False),
            "budget": ":red[x] ![b](http://127.0.0.1:9/" + BEACON + "-budget.png)"}  # fmt: skip
    query = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in link.items())
    page.goto(f"{app.url}/?town={TOWN_IDS[1]}&pop=0-10000000&{query}")
    frame = map_frame(page, timeout=90_000)
    frame.wait_for_function("window.__hubmapTowns && window.__hubmapTowns.count >= 1")
    expect(page.locator("h3", has_text="ZQ").first).to_be_visible()
    expect(page.get_by_text("Ignored unknown link parameter").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "every-text-hostile-town.png", full_page=True)
    for panel in ("Table", "Charts", "Share"):
        page.get_by_role("button", name=panel).or_(
            page.get_by_text(panel, exact=True)
        ).first.click()
        page.wait_for_timeout(1_500)
    page.goto(f"{app.url}/?town={TOWN_IDS[0]}&pop=0-10000000")
    expect(page.locator("h3", has_text="ZQ").first).to_be_visible(timeout=30_000)
    page.goto(f"{app.url}/sources")
    expect(page.locator("h1", has_text="Sources and method")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("ZQ", exact=False).first).to_be_visible()
    page.screenshot(path=artifacts_dir / "every-text-hostile-sources.png", full_page=True)
    # The page's own address carries the link; no request may go where the text points.
    fetched = [u for u in requests if BEACON in urlsplit(u).netloc + urlsplit(u).path]
    assert fetched == []
    assert any(BEACON in urlsplit(u).query for u in requests)  # the log does see the link
    made = (
        f"img[src*='{BEACON}'], a[href*='hubmap-b'], a[href*='127.0.0.1:9'], a[href^='javascript']"
    )
    assert page.locator(made).count() == 0  # no image or link made of the text
    _no_script_ran(page, dialogs)
    app.assert_no_traceback()
