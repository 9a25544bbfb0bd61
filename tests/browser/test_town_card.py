"""Finding a town by search, its card beside the map, on a wide screen and on a phone."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .offline import wait_for_towns

SEARCH = 'iframe[title="streamlit_searchbox.searchbox"]'
MORGANTOWN = (39.6375, -79.9469)
MORGANTOWN_ID = "5455756"


def _in_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + 120 <= size["height"]


def _open_morgantown(page: Page, url: str, map_frame) -> None:
    """The app at 1440 x 900 with Morgantown WV selected, its towns drawn."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{url}/?town={MORGANTOWN_ID}")
    wait_for_towns(map_frame(page))


def test_type_choose_and_see_the_card_with_the_map_moved(
    streamlit_app, page: Page, map_frame, artifacts_dir
) -> None:
    app = streamlit_app()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(app.url)
    frame = map_frame(page)
    before = wait_for_towns(frame)

    box = page.frame_locator(SEARCH).locator("input")
    box.click()
    box.press_sequentially("Morgantown, WV", delay=40)
    suggestion = page.frame_locator(SEARCH).get_by_text("Morgantown, WV", exact=True)
    expect(suggestion.last).to_be_visible(timeout=15_000)
    page.screenshot(path=artifacts_dir / "search-suggestions-1440.png")
    box.press("Enter")  # the keyboard chooses the first suggestion

    page.wait_for_function("location.search.includes('town=5455756')", timeout=20_000)
    heading = page.get_by_role("heading", name="Morgantown, West Virginia")
    expect(heading).to_be_visible(timeout=20_000)
    card = page.locator(".st-key-town_card")
    expect(card).to_contain_text("Hub score")
    expect(card).to_contain_text("in West Virginia")
    assert _in_viewport(page, ".st-key-town_card")  # beside the map, no scrolling

    frame = map_frame(page)
    frame.wait_for_function("window.map_div.getZoom() === 11", timeout=20_000)
    centre = frame.evaluate("window.map_div.getCenter()")
    assert abs(centre["lat"] - MORGANTOWN[0]) < 0.01
    assert abs(centre["lng"] - MORGANTOWN[1]) < 0.01
    assert wait_for_towns(frame) == before  # the search filtered nothing away
    assert frame.evaluate("window.__hubmapTowns.data.sel") >= 0  # ringed on the map
    page.screenshot(path=artifacts_dir / "card-morgantown-1440.png")

    # The mouse works too: another town, clicked in the suggestions.
    box = page.frame_locator(SEARCH).locator("input")
    box.click()
    box.press_sequentially("bend or", delay=40)
    page.frame_locator(SEARCH).get_by_text("Bend, OR", exact=True).click(timeout=15_000)
    expect(page.get_by_role("heading", name="Bend, Oregon")).to_be_visible(timeout=20_000)
    page.wait_for_function("location.search.includes('town=4105800')")
    app.assert_no_traceback()


def test_card_on_a_phone_comes_right_under_the_map(
    streamlit_app, page: Page, map_frame, artifacts_dir
) -> None:
    app = streamlit_app()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app.url}/?town=5455756&budget=1500&metric=score")
    wait_for_towns(map_frame(page, timeout=90_000), timeout=90_000)
    card = page.locator(".st-key-town_card")
    expect(card).to_contain_text("under your $1,500 budget", timeout=60_000)
    map_box = page.locator('iframe[src*="streamlit_folium"]').bounding_box()
    card_box = card.bounding_box()
    assert card_box["y"] > map_box["y"] + map_box["height"] - 5  # under the map
    # Right under it: the search box and the card come before the map's summary.
    summary = page.get_by_text("towns shown, coloured by").bounding_box()
    assert summary["y"] > card_box["y"] + card_box["height"] - 5
    page.screenshot(path=artifacts_dir / "top-390.png")
    page.locator(".st-key-town_card").scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "card-morgantown-390.png")
    app.assert_no_traceback()


def test_pin_two_towns_and_compare(streamlit_app, page: Page, map_frame, artifacts_dir) -> None:
    app = streamlit_app()
    _open_morgantown(page, app.url, map_frame)
    page.get_by_role("button", name="Pin to compare (0/4)").click()
    page.wait_for_function("location.search.includes('compare=5455756')")
    box = page.frame_locator(SEARCH).locator("input")
    box.click()
    box.press_sequentially("Bend, OR", delay=40)
    page.frame_locator(SEARCH).get_by_text("Bend, OR", exact=True).click(timeout=15_000)
    expect(page.get_by_role("heading", name="Bend, Oregon")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Pin to compare (1/4)").click()
    page.wait_for_function("location.search.includes('compare=5455756%2C4105800')")
    page.get_by_test_id("stButtonGroup").get_by_text("Compare (2)", exact=True).click()
    table = page.locator(".st-key-compare_table")
    expect(table).to_contain_text("Bend, OR", timeout=20_000)
    expect(page.get_by_text("marks each row's best value")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").last).to_be_visible()
    table.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "compare-1440.png")
    app.assert_no_traceback()


def test_a_shared_link_with_compare_and_calculator_opens_the_same_view(
    streamlit_app, browser, asset_manifest, map_frame, artifacts_dir
) -> None:
    """The link of one session, opened in a fresh browser context, shows the same numbers."""
    from .offline import install_offline_routes

    app = streamlit_app()
    link = (f"{app.url}/?town=5455756&compare=5455756%2C4105800&calc_cost=2500&"
            "calc_basis=own&calc_rate=650&metric=savings")  # fmt: skip
    texts = []
    for run in range(2):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        install_offline_routes(context, asset_manifest)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(link)
        wait_for_towns(map_frame(page, timeout=90_000), timeout=90_000)
        card = page.locator(".st-key-town_card")
        expect(card).to_contain_text("First-year savings", timeout=20_000)
        expect(card).to_contain_text("Five-year savings")
        page.get_by_test_id("stButtonGroup").get_by_text("Compare (2)", exact=True).click()
        compared = page.locator(".st-key-compare_table")
        expect(compared).to_contain_text("Bend, OR", timeout=20_000)
        expect(page.locator(".hubmap-legend", has_text="First-year savings")).to_have_count(0)
        legend = map_frame(page).locator(".hubmap-legend")
        expect(legend).to_contain_text("First-year savings")
        texts.append(card.inner_text() + compared.inner_text())
        assert "calc_rate=650" in page.url and "compare=5455756" in page.url
        if run == 0:
            page.screenshot(path=artifacts_dir / "shared-calculator-1440.png")
        context.close()
    assert texts[0] == texts[1]
    app.assert_no_traceback()


def _label_fits(page: Page, key: str) -> bool:
    """The button's label is shown whole (not cut with an ellipsis)."""
    return page.locator(f".st-key-{key} button").evaluate(
        "b => [...b.querySelectorAll('p, div, span')].every("
        "e => e.scrollWidth <= e.clientWidth + 1)"
    )


def test_card_buttons_fit_the_narrow_column(streamlit_app, page: Page, map_frame, artifacts_dir):
    """Seen: "Pin to compare (0/4)" read "Pin to c..." beside the map at 1440 x 900, and
    under the card's rows the button fell below the first screen."""
    app = streamlit_app()
    _open_morgantown(page, app.url, map_frame)
    card = page.locator(".st-key-town_card")
    expect(card).to_contain_text("Hub score", timeout=20_000)
    pin = page.locator(".st-key-pin_card button")
    expect(pin).to_be_visible()
    page.wait_for_timeout(500)
    page.screenshot(path=artifacts_dir / "card-life-1440.png")
    box = pin.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900  # on the first screen
    card.screenshot(path=artifacts_dir / "card-buttons-1440.png")
    expect(card).to_contain_text("R1/R2 university")
    assert _label_fits(page, "pin_card"), pin.inner_text()
    assert _label_fits(page, "card_clear")
    pin.click()
    page.wait_for_function("location.search.includes('compare=5455756')", timeout=15_000)
    expect(page.locator(".st-key-pin_card button")).to_contain_text("Unpin")
    assert _label_fits(page, "pin_card")
    card.screenshot(path=artifacts_dir / "card-buttons-pinned-1440.png")
    app.assert_no_traceback()


def test_peers_of_the_selected_town(streamlit_app, page: Page, map_frame, artifacts_dir) -> None:
    """Morgantown among towns of its size, then its state: a table, bars, a CSV."""
    app = streamlit_app()
    _open_morgantown(page, app.url, map_frame)
    page.get_by_test_id("stButtonGroup").get_by_text("Peers", exact=True).click()
    expect(page.get_by_text("among 2,263 towns of 15,137-60,546 people")).to_be_visible(
        timeout=20_000
    )
    page.get_by_text("Same state or province", exact=True).click()
    expect(page.get_by_text("among 150 towns in West Virginia")).to_be_visible(timeout=20_000)
    table = page.get_by_test_id("stTable").filter(has_text="Peer median")
    expect(table).to_contain_text("49th of 85")
    expect(page.get_by_test_id("stVegaLiteChart").last).to_be_visible()
    expect(page.get_by_role("button", name="Download peers (CSV)")).to_be_visible()
    table.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "peers-1440.png")
    page.set_viewport_size({"width": 390, "height": 844})
    table.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "peers-390.png")
    app.assert_no_traceback()
