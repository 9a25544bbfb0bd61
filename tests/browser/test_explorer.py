"""The dashboard in Debian's chromium: a shared link, the drawn map, hover, click, a filter."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from hubmap.filters import filter_towns
from hubmap.towns import load_towns
from hubmap.viewstate import decode

from .offline import canvas_alpha, town_point, unreachable_towns, wait_for_towns

LINK = "state=MT&budget=2000&basis=rent&metric=tier&pop=0-100000"


def _expected_count(query: str) -> int:
    towns = load_towns()
    view, warnings = decode(parse_qs(query), sorted(towns["state"].unique()))
    assert warnings == []
    return len(filter_towns(towns, view.filters))


def test_shared_link_hover_click_and_filter(
    streamlit_app, page: Page, map_frame, artifacts_dir
) -> None:
    app = streamlit_app()
    expected = _expected_count(LINK)
    assert 50 < expected < 200  # Montana towns of 1,000+ with rent under $2,000 (or no data)

    page.goto(f"{app.url}/?{LINK}")
    frame = map_frame(page)
    assert wait_for_towns(frame) == expected
    assert frame.evaluate("window.__hubmapTowns.shown") == expected  # all inside the view
    assert unreachable_towns(frame) == []  # hover and click find every town
    expect(page.get_by_text(f"{expected:,} of")).to_be_visible()
    legend = frame.locator(".hubmap-legend")
    expect(legend).to_contain_text("Connectivity tier")
    expect(legend).to_contain_text("Gigabit for most homes")
    zoom = frame.evaluate("window.map_div.getZoom()")
    assert zoom >= 5  # fitted to Montana, not the whole continent
    page.screenshot(path=artifacts_dir / "explorer-montana-tier.png", full_page=True)

    # The user zooms in on Bozeman; the position goes into the link.
    frame.evaluate("() => { window.map_div.setView([45.68, -111.04], 11); }")
    page.wait_for_function("location.search.includes('z=11')", timeout=15_000)
    frame = map_frame(page)
    wait_for_towns(frame)
    assert canvas_alpha(frame, "Bozeman") > 0  # painted where Leaflet puts Bozeman
    x, y = town_point(page, frame, "Bozeman")
    page.mouse.move(x + 40, y + 40)  # off any town: no tooltip
    expect(frame.locator(".leaflet-tooltip")).to_have_count(0)
    page.mouse.move(x, y)
    tip = frame.locator(".leaflet-tooltip")
    expect(tip).to_contain_text("Bozeman, MT")
    expect(tip).to_contain_text("Population: 55,042")
    expect(tip).to_contain_text("Connectivity tier: ")
    page.screenshot(path=artifacts_dir / "explorer-hover-bozeman.png")

    page.mouse.click(x, y)
    expect(page.get_by_role("heading", name="Bozeman, Montana")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Gallatin County").first).to_be_visible()
    page.wait_for_function("location.search.includes('town=3008950')")
    page.screenshot(path=artifacts_dir / "explorer-selected-bozeman.png", full_page=True)

    frame = map_frame(page)
    zoom_before = frame.evaluate("window.map_div.getZoom()")
    centre_before = frame.evaluate("window.map_div.getCenter()")
    page.get_by_label("Town name contains").fill("Boz")
    page.get_by_label("Town name contains").press("Enter")
    frame.wait_for_function("window.__hubmapTowns.count < 10", timeout=15_000)
    assert wait_for_towns(frame) == _expected_count(LINK + "&q=Boz")
    assert frame.evaluate("window.map_div.getZoom()") == zoom_before
    centre_after = frame.evaluate("window.map_div.getCenter()")
    assert abs(centre_after["lat"] - centre_before["lat"]) < 0.01
    assert abs(centre_after["lng"] - centre_before["lng"]) < 0.01
    page.wait_for_function("location.search.includes('q=Boz')")
    assert re.search(r"state=MT", urlparse(page.url).query)
    page.screenshot(path=artifacts_dir / "explorer-filtered-boz.png", full_page=True)
    app.assert_no_traceback()


def test_share_link_follows_the_map(streamlit_app, page: Page, map_frame, artifacts_dir) -> None:
    """Moving the map reruns only the map, yet an open Share panel shows the new position."""
    app = streamlit_app()
    page.goto(f"{app.url}/?{LINK}")
    frame = map_frame(page)
    wait_for_towns(frame)
    page.get_by_test_id("stButtonGroup").get_by_text("Share", exact=True).click()
    link = page.get_by_test_id("stCode")
    expect(link).to_contain_text("state=MT")
    frame.evaluate("() => { window.map_div.setView([45.68, -111.04], 10); }")
    expect(link).to_contain_text("z=10", timeout=15_000)
    expect(link).to_contain_text("lat=45.68")
    page.wait_for_function("location.search.includes('z=10')")
    page.screenshot(path=artifacts_dir / "explorer-share-after-zoom.png", full_page=True)
    app.assert_no_traceback()


def test_every_town_drawn_and_reachable_at_national_scale(
    streamlit_app, page: Page, map_frame, artifacts_dir
) -> None:
    app = streamlit_app()
    query = "pop=0-10000000&metric=afford"
    page.goto(f"{app.url}/?{query}")
    frame = map_frame(page)
    expected = _expected_count(query)
    assert expected == len(load_towns())  # every town
    assert wait_for_towns(frame, expected) == expected
    shown = frame.evaluate("window.__hubmapTowns.shown")
    assert shown > 0.98 * expected  # the default view leaves out only far-off islands
    assert unreachable_towns(frame) == []
    page.screenshot(path=artifacts_dir / "explorer-national-affordability.png")
    app.assert_no_traceback()
