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
from hubmap.towns import load_towns

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
NO_DATA_RATIO = 2.5
"""How far (as a factor) the share of town pixels that read as "no data" may stray from the
share of drawn towns without data. Not closer, because pixels are not towns: the towns
without data are mostly Canadian and sparse, so each keeps its whole ring, while the
coloured US towns overlap in the dense East and lose area to each other (measured here:
connectivity 0.061 of pixels against 0.045 of towns, 1.4x; incentive 0.092 against 0.045,
2.0x, where the pale "no program known" dots are drawn small). What the factor catches is
grey where there are no no-data towns, which the first check pins down exactly."""


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
    frame = map_frame(page, timeout=60_000)  # a first load on a busy machine
    wait_for_towns(frame)
    return frame


def _view(page: Page, frame: Frame, view: tuple | None) -> Frame:
    if view is not None:
        frame.evaluate("([c, z]) => window.map_div.setView(c, z, {animate: false})", list(view))
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


EDGE_MIXES = 0.015
"""Share of town pixels allowed to read as "no data" beyond the no-data towns' own."""
ONLY_CLASSES = """(classes) => {
    const layer = Object.values(window.map_div._layers).find(l => l instanceof L.HubmapTowns);
    layer._order = classes === null ? layer.status.data.colours.order : classes;
    layer._draw(window.map_div.getZoom());
}"""


@pytest.mark.parametrize("metric", ["tier", "incentive"])
def test_no_data_pixels_match_towns_without_data(
    streamlit_app, page: Page, artifacts_dir: Path, metric: str
) -> None:
    """On screen, at national zoom: (1) no pixel reads as "no data" except where a no-data
    symbol is (the pixels that read so with every town drawn are at most those that read so
    with the no-data towns alone, give or take EDGE_MIXES: an outline or overdraw that greys
    coloured towns fails this); (2) the share of town pixels that read as "no data" is
    within NO_DATA_RATIO of the share of drawn towns without data."""
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
    no_data = len(towns["pal"]) - 1
    frame.evaluate(ONLY_CLASSES, [no_data])
    alone = pixel_classes(under, _png(iframe.screenshot()), towns["pal"])[no_data]
    frame.evaluate(ONLY_CLASSES, None)
    counts = pixel_classes(under, over, towns["pal"])
    pixels, share = counts[no_data] / counts.sum(), towns["noData"] / towns["drawn"]
    print(f"{metric}: no data {pixels:.3f} of {counts.sum():,} town pixels "
          f"({counts[no_data]:,}; {alone:,} with no-data towns alone), "
          f"{share:.3f} of {towns['drawn']:,} towns")  # fmt: skip
    assert towns["drawn"] > 15_000 and share > 0.02  # there is no data to find
    # Where two coloured dots overlap, their smoothed edges mix into colours no single class
    # explains, and a few read as grey: 473 of 65,699 town pixels (0.7%) for connectivity.
    # A dark outline on every dot would grey a third of each dot.
    assert counts[no_data] <= alone + EDGE_MIXES * counts.sum()
    assert share / NO_DATA_RATIO <= pixels <= share * NO_DATA_RATIO


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
    # The scale bar reads whole: the attribution (OpenStreetMap's, once the tiles are on)
    # leaves it alone.
    attribution = frame.locator(".leaflet-control-attribution")
    expect(attribution).to_contain_text("OpenStreetMap")
    scale = frame.locator(".leaflet-control-scale").bounding_box()
    credit = attribution.bounding_box()
    assert scale["x"] + scale["width"] <= credit["x"] or scale["y"] + scale["height"] <= credit["y"]
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
    count = f"{len(load_towns()):,}"
    expect(iframe).to_have_attribute("title", f"Map of towns: Map of {count} towns coloured by "
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
