"""Negative savings in the tooltip, and a download named after the view, in Chromium."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from .offline import town_point, wait_for_towns


def test_negative_savings_read_sign_first_and_downloads_follow_the_view(
    streamlit_app, page: Page, map_frame, artifacts_dir
) -> None:
    """Seen: "$-5,000" in the tooltip; the CSV was always "hubmap-towns.csv"."""
    app = streamlit_app()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app.url}/?state=MT&metric=savings&calc_cost=300")
    frame = map_frame(page)
    wait_for_towns(frame)
    frame.evaluate("() => { window.map_div.setView([45.68, -111.04], 11); }")
    frame = map_frame(page)
    wait_for_towns(frame)
    page.mouse.move(*town_point(page, frame, "Bozeman"))
    tip = frame.locator(".leaflet-tooltip")
    expect(tip).to_contain_text("First-year savings: -$")
    assert "$-" not in tip.inner_text()
    page.screenshot(path=artifacts_dir / "savings-negative-tooltip.png")
    page.get_by_text("Table", exact=True).first.click()
    button = page.get_by_role("button", name="Download CSV")
    expect(button).to_be_visible(timeout=20_000)
    with page.expect_download() as info:
        button.click()
    day = datetime.now(UTC).date().isoformat()
    assert info.value.suggested_filename == f"hubmap-montana-first-year-savings-{day}.csv"
    page.screenshot(path=artifacts_dir / "table-downloads.png", full_page=True)
    app.assert_no_traceback()
