"""A state pick moves the map to the state's towns in the same step as it draws them, in the
browser (no rerun for the view); other filter changes leave the user's view alone."""

from __future__ import annotations

from playwright.sync_api import Frame, Page
from streamlit.proto.BackMsg_pb2 import BackMsg

from hubmap.filters import POPULATION_CEILING, FilterState, filter_towns
from hubmap.mapview import DEFAULT_CENTER, DEFAULT_ZOOM
from hubmap.towns import load_towns

from .offline import wait_for_towns

SENT_JS = """
(() => {
    if (window.top !== window) return;
    window.__sent = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
        if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
            const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
                : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
            if (bytes.length < 65536) window.__sent.push(Array.from(bytes));
        }
        return send.call(this, data);
    };
})();
"""
"""Keeps every small message the page sends Streamlit (rerun requests among them)."""
ALL = f"pop=0-{POPULATION_CEILING}"


def page_reruns(page: Page) -> int:
    """Requests to rerun the whole page (not the map's fragment) since the last call."""
    sent = page.evaluate("() => window.__sent.splice(0)")
    messages = [BackMsg.FromString(bytes(raw)) for raw in sent]
    return sum(
        1
        for m in messages
        if m.WhichOneof("type") == "rerun_script" and not m.rerun_script.fragment_id
    )


def mark_layer(frame: Frame) -> None:
    frame.evaluate("() => { window.__previous = window.__hubmapTowns; }")


def wait_new_layer(frame: Frame, n: int, metric: str | None = None) -> dict:
    """The status of the next towns layer once it has `n` towns (and `metric`) drawn."""
    frame.wait_for_function(
        """([n, metric]) => { const t = window.__hubmapTowns;
            return t !== window.__previous && t.count === n && t.draws > 0
                && (metric === null || t.metric === metric); }""",
        arg=[n, metric],
        timeout=30_000,
    )
    return frame.evaluate(
        "() => { const t = window.__hubmapTowns, m = window.map_div, c = m.getCenter();"
        " return {draws: t.draws, zoom: m.getZoom(), lat: c.lat, lng: c.lng}; }"
    )


def view(frame: Frame) -> tuple[float, float, int]:
    return frame.evaluate(
        "() => { const m = window.map_div, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"
    )


def outside_view(frame: Frame) -> list[str]:
    """Names of the layer's towns outside the map's visible bounds."""
    return frame.evaluate(
        """() => { const d = window.__hubmapTowns.data.towns, b = window.map_div.getBounds();
            return d.n.filter((_, i) => !b.contains([d.lat[i], d.lon[i]])); }"""
    )


def basemap_at_view(frame: Frame) -> dict:
    """The basemap's layers, how many are on the map, whether loaded tiles of the map's zoom
    and outline paths are shown."""
    return frame.evaluate(
        """() => { const m = window.map_div, layers = m._hubmapBasemap || [];
            const z = "/" + m.getZoom() + "/";
            return {layers: layers.length, onMap: layers.filter(l => m.hasLayer(l)).length,
                tiles: [...document.querySelectorAll("img.leaflet-tile-loaded")]
                    .some(img => img.src.includes(z)),
                outlines: document.querySelectorAll(".leaflet-hubmapRegions-pane path")
                    .length > 0}; }"""
    )


def test_state_pick_fits_in_one_step_and_other_changes_keep_the_view(
    streamlit_app, page: Page, map_frame, artifacts_dir
) -> None:
    app = streamlit_app()
    towns = load_towns()
    everywhere = FilterState(population_max=POPULATION_CEILING)
    montana = len(
        filter_towns(towns, FilterState(states=("MT",), population_max=POPULATION_CEILING))
    )
    page.add_init_script(SENT_JS)
    page.goto(f"{app.url}/?{ALL}")
    frame = map_frame(page)
    assert wait_for_towns(frame, len(filter_towns(towns, everywhere))) == len(towns)
    page.wait_for_timeout(1_000)  # the map's first report of its view
    page_reruns(page)

    # Pick Montana: one page rerun, one new layer drawn once, already at Montana.
    mark_layer(frame)
    combo = page.get_by_role("combobox", name="State or province")
    combo.click()
    combo.fill("MT")
    page.get_by_role("option", name="MT - Montana", exact=True).click()
    page.keyboard.press("Escape")
    status = wait_new_layer(frame, montana)
    assert status["draws"] == 1  # drawn once, where it stays
    assert status["zoom"] >= 5
    assert outside_view(frame) == []  # every Montana town in the view
    page.wait_for_timeout(1_500)  # the map reports its new view (a rerun of the map alone)
    assert page_reruns(page) == 1
    assert frame.evaluate("window.__hubmapTowns.draws") == 1  # the report did not redraw
    page.wait_for_function("location.search.includes('z=')")  # the view is in the link
    # The tiles and outlines, taken off for the fit, are back at the new view.
    assert basemap_at_view(frame) == {"layers": 2, "onMap": 2, "tiles": True, "outlines": True}
    page.screenshot(path=artifacts_dir / "fit-montana.png")

    # The user zooms in; a colour change and a name search keep that view.
    frame.evaluate("() => window.map_div.setView([45.68, -111.04], 9, {animate: false})")
    page.wait_for_function("location.search.includes('z=9')", timeout=15_000)
    before = view(frame)
    mark_layer(frame)
    radio = page.get_by_test_id("stRadio").filter(has_text="Colour towns by")
    radio.get_by_text("Connectivity tier", exact=True).click()
    wait_new_layer(frame, montana, "Connectivity tier")
    mark_layer(frame)
    page.get_by_label("Town name contains").fill("Boz")
    page.get_by_label("Town name contains").press("Enter")
    wait_new_layer(
        frame,
        len(
            filter_towns(
                towns,
                FilterState(states=("MT",), population_max=POPULATION_CEILING, name_query="Boz"),
            )
        ),
    )
    page.wait_for_timeout(1_000)
    after = view(frame)
    assert after[2] == before[2] == 9
    assert abs(after[0] - before[0]) < 1e-3 and abs(after[1] - before[1]) < 1e-3

    # Clearing the state filter goes back to the opening view in the same step.
    page.get_by_label("Town name contains").fill("")
    page.get_by_label("Town name contains").press("Enter")
    wait_new_layer(frame, montana)
    mark_layer(frame)
    page.get_by_role("button", name="Remove MT - Montana", exact=True).click()
    status = wait_new_layer(frame, len(towns))
    assert status["draws"] == 1
    assert status["zoom"] == DEFAULT_ZOOM
    assert abs(status["lat"] - DEFAULT_CENTER[0]) < 0.01
    assert abs(status["lng"] - DEFAULT_CENTER[1]) < 0.01
    app.assert_no_traceback()
