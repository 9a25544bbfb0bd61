"""How the map reads, in Debian's chromium: screenshots of every metric at three zooms on a
desktop and a phone and under colour-vision emulation, the share of "no data" pixels, the
phone layout with its two-finger gesture, names, focus and contrast for keyboards and
screen readers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Frame, Page, expect

from hubmap.colors import NO_DATA_COLOR, SCALES
from hubmap.colorvision import blend, contrast_ratio

from .offline import install_offline_routes, map_frame, wait_for_towns

ALL = "pop=0-10000000"
"""Every town (the default population filter stops at 100,000)."""
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWS = {
    "national": None,  # as the page opens
    "state": ([38.5, -98.3], 7),  # Kansas
    "town": ([45.68, -111.04], 11),  # Bozeman, Montana
}
DEFICIENCIES = ("deuteranopia", "protanopia", "tritanopia", "achromatopsia")
NO_DATA_TOLERANCE = 0.035
"""How far the share of "no data" pixels may fall from the share of drawn towns without
data (absolute, 0-1). Rings and dots are about the same area at national zoom (a 1.6 px
ring of 0.9 px line against a 1.5-3 px dot), no data is painted first, and the measured
gap was 0.003-0.012 (affordability 0.087 of pixels against 0.078 of towns, connectivity
0.085 / 0.088, hub score 0.090 / 0.077); the old dark outline on every dot pushed the grey
share to several times the towns' share, far outside this."""


@pytest.fixture
def phone_context(
    browser: Browser, asset_manifest: Path, aborted_urls: list[str]
) -> Iterator[BrowserContext]:
    """An offline phone: 390 x 844 CSS px, touch, mobile viewport, 2x pixels."""
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    install_offline_routes(ctx, asset_manifest, aborted_urls)
    yield ctx
    ctx.close()
    assert not aborted_urls, f"requests aborted (not served offline): {aborted_urls}"


def _open(page: Page, url: str) -> Frame:
    page.goto(url)
    frame = map_frame(page)
    wait_for_towns(frame)
    return frame


def _view(page: Page, frame: Frame, view: tuple | None) -> Frame:
    if view is not None:
        frame.evaluate("([c, z]) => window.map_div.setView(c, z, {animate: false})", list(view))
        page.wait_for_function(f"location.search.includes('z={view[1]}')", timeout=15_000)
        frame = map_frame(page)
    wait_for_towns(frame)
    page.wait_for_timeout(300)  # tiles
    return frame


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_screenshots_every_metric_at_three_zooms(
    streamlit_app, browser: Browser, asset_manifest: Path, artifacts_dir: Path, viewport: str
) -> None:
    app = streamlit_app()
    aborted: list[str] = []
    options = {"viewport": DESKTOP}
    if viewport == "phone":
        options = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    ctx = browser.new_context(**options)
    install_offline_routes(ctx, asset_manifest, aborted)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    for metric in SCALES:
        frame = _open(page, f"{app.url}/?{ALL}&metric={metric}")
        legend = frame.locator(".hubmap-legend")
        expect(legend).to_contain_text(SCALES[metric].label)
        for name, view in VIEWS.items():
            frame = _view(page, frame, view)
            page.screenshot(path=artifacts_dir / f"map-{viewport}-{metric}-{name}.png")
    ctx.close()
    assert aborted == []
    app.assert_no_traceback()


def test_screenshots_under_colour_vision_emulation(
    streamlit_app, page: Page, artifacts_dir: Path
) -> None:
    app = streamlit_app()
    page.set_viewport_size(DESKTOP)
    cdp = page.context.new_cdp_session(page)
    for metric in SCALES:
        frame = _open(page, f"{app.url}/?{ALL}&metric={metric}")
        for view in ("national", "state"):
            frame = _view(page, frame, VIEWS[view])
            for kind in DEFICIENCIES:
                cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": kind})
                page.wait_for_timeout(150)
                page.screenshot(path=artifacts_dir / f"cvd-{kind}-{metric}-{view}.png")
            cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": "none"})
    app.assert_no_traceback()


DRAWN_TOWNS = """() => {
    const d = window.__hubmapTowns.data, map = window.map_div, size = map.getSize();
    const noData = d.colours.pal.length - 1;
    let drawn = 0, drawnNoData = 0;
    for (let i = 0; i < d.towns.lat.length; i++) {
        const q = map.latLngToContainerPoint([d.towns.lat[i], d.towns.lon[i]]);
        if (q.x < 0 || q.y < 0 || q.x > size.x || q.y > size.y) continue;
        drawn++;
        if (d.colours.c[i] === noData) drawnNoData++;
    }
    return {drawn: drawn, noData: drawnNoData, pal: d.colours.pal};
}"""


def _png(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype="float64")


def _hex(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype="float64")


def pixel_classes(under: np.ndarray, over: np.ndarray, palette: list[str]) -> np.ndarray:
    """Per class, the screen pixels that read as that class: where the towns changed the
    picture (`over` against `under`, the same view without them), each pixel is explained
    as a class colour (or the white halo) laid with some opacity over what was beneath, and
    the best explanation wins if it covers at least half the pixel."""
    changed = np.abs(over - under).max(axis=-1) > 12
    base, seen = under[changed], over[changed]
    colours = [_hex(c) for c in palette] + [np.full(3, 255.0)]
    errors, alphas = [], []
    for colour in colours:
        span = colour - base
        alpha = np.clip((span * (seen - base)).sum(-1) / np.maximum((span**2).sum(-1), 1), 0, 1)
        errors.append(np.linalg.norm(seen - base - alpha[:, None] * span, axis=-1))
        alphas.append(alpha)
    best = np.argmin(np.stack(errors), axis=0)
    covered = np.stack(alphas)[best, np.arange(len(best))] >= 0.5
    return np.bincount(best[covered], minlength=len(colours))[: len(palette)]


@pytest.mark.parametrize("metric", ["afford", "tier", "score"])
def test_no_data_pixels_match_towns_without_data(
    streamlit_app, page: Page, artifacts_dir: Path, metric: str
) -> None:
    """On screen, at national zoom, the share of town pixels that read as "no data" is the
    share of drawn towns without data, within NO_DATA_TOLERANCE."""
    app = streamlit_app()
    page.set_viewport_size(DESKTOP)
    frame = _open(page, f"{app.url}/?{ALL}&metric={metric}")
    page.wait_for_timeout(500)  # tiles
    iframe = page.locator('iframe[src*="streamlit_folium"]')
    canvas = "document.querySelector('canvas.hubmap-towns').style.visibility"
    frame.evaluate(f"{canvas} = 'hidden'")
    under = _png(iframe.screenshot())
    frame.evaluate(f"{canvas} = ''")
    over = _png(iframe.screenshot(path=artifacts_dir / f"pixels-{metric}.png"))
    towns = frame.evaluate(DRAWN_TOWNS)
    counts = pixel_classes(under, over, towns["pal"])
    pixels, share = counts[-1] / counts.sum(), towns["noData"] / towns["drawn"]
    print(f"{metric}: no data {pixels:.3f} of {counts.sum():,} town pixels, "
          f"{share:.3f} of {towns['drawn']:,} towns")  # fmt: skip
    assert towns["drawn"] > 15_000 and share > 0.05  # there is no data to find
    assert abs(pixels - share) <= NO_DATA_TOLERANCE


def _scroll_top(page: Page) -> float:
    """How far the page is scrolled (Streamlit scrolls its main section, not the window)."""
    return page.evaluate(
        """() => Math.max(window.scrollY, ...[...document.querySelectorAll('*')]
            .filter(e => e.scrollHeight > e.clientHeight + 1 && e.scrollTop > 0)
            .map(e => e.scrollTop), 0)"""
    )


def _touch(cdp, kind: str, points: list[tuple[float, float]]) -> None:
    cdp.send(
        "Input.dispatchTouchEvent",
        {
            "type": kind,
            "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)],
        },
    )


def _swipe(page: Page, cdp, starts: list[tuple[float, float]], dy: float) -> None:
    _touch(cdp, "touchStart", starts)
    for step in range(1, 11):
        _touch(cdp, "touchMove", [(x, y + dy * step / 10) for x, y in starts])
        page.wait_for_timeout(16)
    _touch(cdp, "touchEnd", [])
    page.wait_for_timeout(400)


def test_phone_first_screen_legend_and_gestures(
    streamlit_app, phone_context: BrowserContext, artifacts_dir: Path
) -> None:
    app = streamlit_app()
    page = phone_context.new_page()
    page.set_default_timeout(30_000)
    frame = _open(page, f"{app.url}/?{ALL}&metric=tier")
    page.wait_for_function("location.search.includes('z=3')", timeout=15_000)
    frame = map_frame(page)
    wait_for_towns(frame)
    box = page.locator('iframe[src*="streamlit_folium"]').bounding_box()
    assert box["y"] < 0.5 * PHONE["height"]  # the map starts in the upper half of the screen
    assert box["width"] <= PHONE["width"]
    bounds = frame.evaluate("(() => { const b = window.map_div.getBounds();"
                            " return [b.getWest(), b.getEast()]; })()")  # fmt: skip
    assert bounds[0] <= -124 and bounds[1] >= -67  # the lower 48 states, coast to coast
    toggle = frame.locator(".hubmap-legend-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")  # folded on a phone
    page.screenshot(path=artifacts_dir / "phone-first-screen.png")
    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(frame.locator(".hubmap-legend-body")).to_contain_text("No data")
    page.screenshot(path=artifacts_dir / "phone-legend-open.png")
    toggle.tap()

    expand = page.get_by_test_id("stExpandSidebarButton")
    assert "Filters" in expand.evaluate("e => getComputedStyle(e, '::after').content")

    cdp = phone_context.new_cdp_session(page)
    centre = frame.evaluate(
        "(() => { const c = window.map_div.getCenter(); return [c.lat, c.lng]; })()"
    )
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.6
    before = _scroll_top(page)
    _swipe(page, cdp, [(x, y)], -250)  # one finger up: the page scrolls, the map stays
    assert _scroll_top(page) > before + 50
    frame = map_frame(page)
    after = frame.evaluate(
        "(() => { const c = window.map_div.getCenter(); return [c.lat, c.lng]; })()"
    )
    assert after == pytest.approx(centre, abs=1e-6)

    box = page.locator('iframe[src*="streamlit_folium"]').bounding_box()
    x, y = (
        box["x"] + box["width"] / 2,
        box["y"] + min(box["height"], PHONE["height"] - box["y"]) / 2,
    )
    _swipe(page, cdp, [(x - 40, y), (x + 40, y)], 120)  # two fingers down: the map moves
    moved = frame.evaluate(
        "(() => { const c = window.map_div.getCenter(); return [c.lat, c.lng]; })()"
    )
    assert moved[0] > centre[0] + 1  # dragged down: the map shows land further north
    page.screenshot(path=artifacts_dir / "phone-after-gestures.png")
    app.assert_no_traceback()


def test_names_focus_contrast_and_summary(streamlit_app, page: Page, artifacts_dir: Path) -> None:
    app = streamlit_app()
    page.set_viewport_size(DESKTOP)
    frame = _open(page, f"{app.url}/?{ALL}&metric=incentive")
    iframe = page.locator('iframe[src*="streamlit_folium"]')
    expect(iframe).to_have_attribute("title", "Map of towns: Map of 16,975 towns coloured by "
                                     "Incentive value; the legend and the text summary below "
                                     "the map list the classes")  # fmt: skip
    expect(page.get_by_text("towns shown, coloured by Incentive value")).to_be_visible()
    expect(page.get_by_text("with a cash incentive are in")).to_be_visible()

    # The legend's fold button is reachable by keyboard and shows where the focus is.
    toggle = frame.locator(".hubmap-legend-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    assert toggle.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    # And the page's own controls show it too.
    page.keyboard.press("Tab")
    radio = page.get_by_role("radiogroup").get_by_role("radio").first
    radio.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, document.activeElement.tagName]; }"
    )
    assert focused[0] == "solid" and focused[1] == "3px", focused
    page.screenshot(path=artifacts_dir / "keyboard-focus.png")

    # Captions as drawn: colour composited over the page's background, WCAG AA.
    colours = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
            .map(e => getComputedStyle(e).color)"""
    )
    assert colours
    for css in set(colours):
        parts = [float(v) for v in css[css.index("(") + 1 : -1].split(",")]
        rgb = "#" + "".join(f"{round(v):02x}" for v in parts[:3])
        alpha = parts[3] if len(parts) == 4 else 1.0
        assert contrast_ratio(blend(rgb, "#ffffff", alpha), "#ffffff") >= 4.5, css
    assert NO_DATA_COLOR in frame.evaluate("window.__hubmapTowns.data.colours.pal")
    app.assert_no_traceback()
