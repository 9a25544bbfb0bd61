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
    expect(page.get_by_text(f"{expected:,} of {len(load_towns()):,} towns shown")).to_be_visible()
    legend = frame.locator(".hubmap-legend")
    expect(legend).to_contain_text("Connectivity tier")
    expect(legend).to_contain_text("Gigabit wired (fiber-class)")
    expect(legend).to_contain_text("Satellite only (e.g. Starlink)")
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

    # Cleared, then the same town clicked again: selected again.
    page.get_by_role("button", name="Clear selection").click()
    page.wait_for_function("!location.search.includes('town=')")
    frame = map_frame(page)
    frame.wait_for_function("window.__hubmapTowns.data && window.__hubmapTowns.data.sel === -1")
    wait_for_towns(frame)
    page.mouse.click(*town_point(page, frame, "Bozeman"))
    page.wait_for_function("location.search.includes('town=3008950')", timeout=15_000)
    expect(page.get_by_role("heading", name="Bozeman, Montana")).to_be_visible()

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
    # The link itself, then "Cite this view", which quotes the link too.
    link, cite = page.get_by_test_id("stCode").first, page.get_by_test_id("stCode").last
    expect(link).to_contain_text("state=MT")
    expect(cite).to_contain_text("hubmap: Montana")
    frame.evaluate("() => { window.map_div.setView([45.68, -111.04], 10); }")
    expect(link).to_contain_text("z=10", timeout=15_000)
    expect(link).to_contain_text("lat=45.68")
    expect(cite).to_contain_text("z=10")
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

    # The legend sits over towns; clicking it must not select the town below it.
    over = frame.evaluate(
        """() => {
            const map = window.map_div;
            const layer = Object.values(map._layers).find(l => l instanceof L.HubmapTowns);
            const box = document.querySelector(".hubmap-legend").getBoundingClientRect();
            const origin = map.getContainer().getBoundingClientRect();
            // Bring Bozeman under the middle of the legend.
            const d = layer.status.data.towns, i = d.n.indexOf("Bozeman");
            const p = map.latLngToContainerPoint([d.lat[i], d.lon[i]]);
            const cx = (box.left + box.right) / 2 - origin.left;
            const cy = (box.top + box.bottom) / 2 - origin.top;
            map.panBy([p.x - cx, p.y - cy], {animate: false});
            for (let y = box.top + 4; y < box.bottom; y += 4) {
                for (let x = box.left + 4; x < box.right; x += 4) {
                    const p = L.point(x - origin.left, y - origin.top);
                    if (layer.townAt(p) >= 0) return [x, y];
                }
            }
            return null;
        }"""
    )
    assert over is not None  # a town lies under the legend now
    box = page.locator('iframe[src*="streamlit_folium"]').bounding_box()
    page.mouse.move(box["x"] + over[0], box["y"] + over[1])
    expect(frame.locator(".leaflet-tooltip")).to_have_count(0)
    page.mouse.click(box["x"] + over[0], box["y"] + over[1])
    page.wait_for_timeout(1_500)  # a click would have reported within the 250 ms debounce
    assert "town=" not in page.url
    expect(page.get_by_role("button", name="Clear selection")).to_have_count(0)
    app.assert_no_traceback()


def test_the_page_is_whole_even_when_the_map_cannot_load(streamlit_app, page: Page) -> None:
    # The rest of the page waits for the map's first report; without Leaflet it never comes,
    # and the fallback timer must still bring the filters and the numbers.
    app = streamlit_app()
    page.route("**/leaflet.js", lambda route: route.abort("internetdisconnected"))
    page.goto(f"{app.url}/?state=VT")
    expect(page.get_by_role("combobox", name="State")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("VT - Vermont")).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
