"""Headless Chromium for the benchmarks (Playwright's async API, so many sessions can run
at once): offline contexts, "the map is drawn" waits, the app's widgets, and the script
time of each rerun read from Streamlit's websocket.

The offline routing is the browser tests' own (`tests/browser/offline.py`);
`install_offline_routes` is written for the sync API, so a small adapter lets its handler
answer async routes. hubmap's layer says itself when it has drawn (`window.__hubmapTowns`);
the baseline's circles are counted by `DRAW_COUNTER_JS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

import common  # noqa: F401  (sys.path for tests/)
from playwright.async_api import Browser, BrowserContext, Frame, Page, Playwright, Route
from playwright.async_api import Error as PlaywrightError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.browser.offline import install_offline_routes

MAP_IFRAME = 'iframe[src*="streamlit_folium"]'
ERROR_ELEMENT = '[data-testid="stException"]'
MARK_JS = "() => { window.__benchPrevTowns = window.__hubmapTowns; }"
"""Run in the map iframe before an action: remember the current towns layer."""
DRAWN_JS = """({n, metric}) => {
    const t = window.__hubmapTowns;
    return !!t && t !== window.__benchPrevTowns && t.count === n
        && (metric === null || t.metric === metric) && t.draws > 0;
}"""
"""A new towns layer (hubmap's `L.HubmapTowns`) with `n` towns (and `metric`), drawn."""
STANDALONE_DRAWN_JS = """n => {
    const t = window.__hubmapTowns;
    return (!!t && t.count === n && t.draws > 0) || (window.__hubmapCircleDraws || 0) >= n;
}"""
"""A standalone page's `n` towns are drawn: by hubmap's layer, or as `n` Leaflet circles
(the baseline, counted by `DRAW_COUNTER_JS`)."""
PAINTED_JS = """() => new Promise(done => {
    setTimeout(done, 2000);
    requestAnimationFrame(() => requestAnimationFrame(done));
})"""
"""Resolves once the frame with the drawn circles has been painted (or after 2 s)."""

# Counts circle draws of both renderers once Leaflet assigns window.L. The hook
# is a setter on window.L (Leaflet sets it after defining everything), with a
# short poll as fallback. window.__hubmapXss is deliberately never touched.
DRAW_COUNTER_JS = """
(() => {
  if (window.__hubmapDrawCounter) return;
  window.__hubmapDrawCounter = true;
  window.__hubmapCircleDraws = 0;
  const patch = (L) => {
    for (const name of ["Canvas", "SVG"]) {
      const proto = L && L[name] && L[name].prototype;
      if (!proto || !proto._updateCircle || proto._updateCircle.__hubmapCounted) continue;
      const original = proto._updateCircle;
      const counted = function () {
        window.__hubmapCircleDraws += 1;
        return original.apply(this, arguments);
      };
      counted.__hubmapCounted = true;
      proto._updateCircle = counted;
    }
  };
  let current = window.L;
  if (current) patch(current);
  try {
    Object.defineProperty(window, "L", {
      configurable: true,
      enumerable: true,
      get() { return current; },
      set(value) { current = value; patch(value); },
    });
  } catch (e) { /* fall back to polling */ }
  const poll = setInterval(() => {
    if (window.L && window.L.Canvas) patch(window.L);
    if (window.L && window.L.Canvas && window.L.Canvas.prototype._updateCircle.__hubmapCounted) {
      clearInterval(poll);
    }
  }, 50);
})();
"""


async def launch(pw: Playwright) -> Browser:
    """Headless Debian chromium with the browser tests' arguments."""
    return await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class _SyncStyleRoute:
    """An async Route that the sync-API handler of `install_offline_routes` can answer."""

    def __init__(self, route: Route) -> None:
        self._route = route
        self.calls: list[Awaitable[None]] = []

    @property
    def request(self) -> Any:
        return self._route.request

    def continue_(self, **kwargs: Any) -> None:
        self.calls.append(self._route.continue_(**kwargs))

    def fulfill(self, **kwargs: Any) -> None:
        self.calls.append(self._route.fulfill(**kwargs))

    def abort(self, error_code: str | None = None) -> None:
        self.calls.append(self._route.abort(error_code))


class _SyncStyleContext:
    """Collects `route(url, handler)` registrations for an async BrowserContext."""

    def __init__(self, context: BrowserContext) -> None:
        self._context = context
        self._pending: list[Awaitable[None]] = []

    def route(self, url: str, handler: Callable[[Any], None]) -> None:
        async def answer(route: Route) -> None:
            proxy = _SyncStyleRoute(route)
            handler(proxy)
            for call in proxy.calls:
                with contextlib.suppress(PlaywrightError):  # the page may have gone away
                    await call

        self._pending.append(self._context.route(url, answer))

    async def ready(self) -> None:
        for registration in self._pending:
            await registration


async def offline_context(browser: Browser, manifest: Path) -> tuple[BrowserContext, list[str]]:
    """A context whose requests never leave 127.0.0.1 (CDN files from the asset cache, grey
    tiles) and that counts drawn Leaflet circles; also the live list of aborted URLs."""
    context = await browser.new_context(viewport=VIEWPORT)
    adapter = _SyncStyleContext(context)
    aborted = install_offline_routes(cast(Any, adapter), manifest)
    await adapter.ready()
    await context.add_init_script(DRAW_COUNTER_JS)
    return context, aborted


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1 (a free port) in a thread; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


async def time_standalone(browser: Browser, manifest: Path, url: str, n: int) -> float:
    """Seconds from navigating to a standalone map page until its `n` circles are painted."""
    context, _ = await offline_context(browser, manifest)
    try:
        page = await context.new_page()
        start = time.monotonic()
        await page.goto(url, wait_until="commit", timeout=120_000)
        await page.wait_for_function(STANDALONE_DRAWN_JS, arg=n, timeout=120_000, polling=20)
        await page.evaluate(PAINTED_JS)
        return time.monotonic() - start
    finally:
        await context.close()


async def map_frame(page: Page, timeout: float = 60) -> Frame:
    """The streamlit-folium iframe's Frame once a Leaflet map is in it."""
    deadline = time.monotonic() + timeout
    while True:
        left_ms = max(1.0, deadline - time.monotonic()) * 1000
        try:
            handle = await page.wait_for_selector(MAP_IFRAME, state="attached", timeout=left_ms)
            frame = await handle.content_frame() if handle else None
            if frame is not None and not frame.is_detached():
                await frame.wait_for_selector(".leaflet-container", state="attached", timeout=2000)
                return frame
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.1)


async def mark_map(page: Page) -> None:
    """Remember the current towns layer (before an action)."""
    frame = await map_frame(page)
    await frame.evaluate(MARK_JS)


async def wait_map(page: Page, n: int, metric: str | None = None, timeout: float = 60) -> float:
    """Wait until a new towns layer of `n` towns (and `metric`) is painted; monotonic time."""
    deadline = time.monotonic() + timeout
    while True:
        frame = await map_frame(page, max(1.0, deadline - time.monotonic()))
        left_ms = max(1.0, deadline - time.monotonic()) * 1000
        try:
            await frame.wait_for_function(
                DRAWN_JS, arg={"n": n, "metric": metric}, timeout=left_ms, polling=20
            )
            await frame.evaluate(PAINTED_JS)
            return time.monotonic()
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.05)


async def drawn_count(page: Page) -> int:
    """Towns in the map's current layer (-1 without one)."""
    frame = await map_frame(page)
    return int(await frame.evaluate("window.__hubmapTowns ? window.__hubmapTowns.count : -1"))


async def error_count(page: Page) -> int:
    """Streamlit error elements on the page."""
    return await page.locator(ERROR_ELEMENT).count()


# The app's widgets (labels from dashboard/ui_sidebar.py). Each returns the monotonic time
# of the user action that makes Streamlit rerun, and right before it tells the page to time
# from its next input event (`paint.PAINT_HOOK_JS`; harmless without it).

START_AT_NEXT_INPUT_JS = "() => { window.__benchInputAt = null; }"


async def _start_at_next_input(page: Page) -> float:
    await page.evaluate(START_AT_NEXT_INPUT_JS)
    return time.monotonic()


async def set_name_query(page: Page, text: str) -> float:
    """Type into "Town name contains" and press Enter."""
    box = page.get_by_label("Town name contains")
    await box.fill(text)
    start = await _start_at_next_input(page)
    await box.press("Enter")
    return start


async def add_state(page: Page, option: str) -> float:
    """Pick `option` (e.g. "VT - Vermont") in the state multiselect."""
    combo = page.get_by_role("combobox", name="State or province")
    await combo.click()
    await combo.fill(option.split(" - ")[0])
    choice = page.get_by_role("option", name=option, exact=True)
    await choice.wait_for(timeout=10_000)
    start = await _start_at_next_input(page)
    await choice.click()
    await page.keyboard.press("Escape")
    return start


async def remove_state(page: Page, option: str) -> float:
    """Remove `option` from the state multiselect."""
    button = page.get_by_role("button", name=f"Remove {option}", exact=True)
    start = await _start_at_next_input(page)
    await button.click()
    return start


async def choose_metric(page: Page, label: str) -> float:
    """Click `label` in the "Colour towns by" radio."""
    radio = page.get_by_test_id("stRadio").filter(has_text="Colour towns by")
    option = radio.get_by_text(label, exact=True)
    start = await _start_at_next_input(page)
    await option.click()
    return start


SOCKET_LOG_JS = """
(() => {
    if (window.top !== window || window.__benchSocketLog) return;
    const log = window.__benchSocketLog = [];
    const bytesOf = data => data instanceof ArrayBuffer ? new Uint8Array(data)
        : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : null;
    const Native = window.WebSocket;
    const send = Native.prototype.send;
    Native.prototype.send = function (data) {
        const bytes = bytesOf(data);
        if (bytes && bytes.length < 65536) log.push([performance.now(), 1, Array.from(bytes)]);
        return send.call(this, data);
    };
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", event => {
                const bytes = bytesOf(event.data);
                if (bytes && bytes.length < 1000) {
                    log.push([performance.now(), 0, Array.from(bytes)]);
                }
            });
        }
    };
})();
"""
"""Logs, in the page itself, the time and bytes of every small websocket frame the app sends
(rerun requests) and receives (script_finished is tiny): watching frames from Playwright
would copy every large delta to Python and slow down the machine being measured."""


@dataclass(frozen=True)
class SocketEvent:
    """A request to rerun the page ("rerun") or only a fragment (the map: "fragment"), or a
    script_finished received ("finished"), at `ms` on the page's clock."""

    ms: float
    kind: str


def _decode(raw: list[Any]) -> SocketEvent | None:
    ms, sent, data = raw
    if sent:
        msg = BackMsg.FromString(bytes(data))
        if msg.WhichOneof("type") != "rerun_script":
            return None
        return SocketEvent(ms, "fragment" if msg.rerun_script.fragment_id else "rerun")
    kind = ForwardMsg.FromString(bytes(data)).WhichOneof("type")
    return SocketEvent(ms, "finished") if kind == "script_finished" else None


async def socket_events(page: Page) -> list[SocketEvent]:
    """Rerun requests and script_finished messages logged since the last call."""
    raw = await page.evaluate("() => (window.__benchSocketLog || []).splice(0)")
    return [e for e in map(_decode, raw) if e is not None]


async def settle(page: Page, quiet: float = 0.5, timeout: float = 15) -> list[SocketEvent]:
    """Wait until no rerun is pending and nothing happened for `quiet` seconds; returns the
    events seen meanwhile."""
    events: list[SocketEvent] = []
    deadline = time.monotonic() + timeout
    last_news = time.monotonic()
    while time.monotonic() < deadline:
        news = await socket_events(page)
        if news:
            events += news
            last_news = time.monotonic()
        pending = bool(events) and events[-1].kind != "finished"
        if not pending and time.monotonic() - last_news >= quiet:
            break
        await asyncio.sleep(0.1)
    return events


def script_times(events: list[SocketEvent]) -> list[float]:
    """Seconds from each rerun request (page or fragment) to the script_finished that ends
    it."""
    times, asked = [], None
    for event in events:
        if event.kind != "finished":
            asked = event.ms
        elif asked is not None:
            times.append((event.ms - asked) / 1000)
            asked = None
    return times


@dataclass
class Session:
    """One user: an offline browser context with one page of the app."""

    context: BrowserContext
    page: Page
    aborted: list[str]

    async def close(self) -> None:
        await self.context.close()


async def new_session(browser: Browser, manifest: Path) -> Session:
    """A fresh context and page (a new Streamlit session once it loads the app)."""
    context, aborted = await offline_context(browser, manifest)
    await context.add_init_script(SOCKET_LOG_JS)
    page = await context.new_page()
    page.set_default_timeout(30_000)
    return Session(context, page, aborted)


async def load_app(session: Session, url: str, towns: int, timeout: float = 90) -> float:
    """Seconds from navigating to `url` until its map has drawn and painted `towns` towns."""
    start = time.monotonic()
    await session.page.goto(url, wait_until="commit", timeout=timeout * 1000)
    return await wait_map(session.page, towns, timeout=timeout) - start


def count(events: list[SocketEvent], kind: str) -> int:
    """Events of one kind ("rerun": the page, "fragment": the map alone)."""
    return sum(1 for e in events if e.kind == kind)


@dataclass(frozen=True)
class Trip:
    """One widget change: seconds until the new map was painted, the script time of each
    rerun it caused (s), and how many reruns of the page and of the map fragment alone."""

    seconds: float
    script_times: tuple[float, ...]
    reruns: int
    map_reruns: int


async def round_trip(
    session: Session,
    action: Callable[[Page], Awaitable[float]],
    towns: int,
    metric: str | None = None,
    timeout: float = 60,
) -> Trip:
    """Do `action` (a widget change) and wait for the new map of `towns` towns."""
    await settle(session.page)
    await mark_map(session.page)
    start = await action(session.page)
    painted = await wait_map(session.page, towns, metric, timeout)
    events = await settle(session.page)
    return Trip(
        painted - start,
        tuple(script_times(events)),
        count(events, "rerun"),
        count(events, "fragment"),
    )


async def pan(session: Session, dx: int = 150) -> Trip:
    """Pan the map by `dx` pixels (as a drag would) and wait for the reruns it causes;
    `seconds` runs from the map's rerun request to the last script_finished (nan if the
    pan caused no rerun)."""
    await settle(session.page)
    frame = await map_frame(session.page)
    await frame.evaluate("dx => window.map_div.panBy([dx, 0], {animate: false})", dx)
    events = await settle(session.page)
    asked = [e.ms for e in events if e.kind != "finished"]
    finished = [e.ms for e in events if e.kind == "finished"]
    seconds = (finished[-1] - asked[0]) / 1000 if asked and finished else float("nan")
    return Trip(
        seconds, tuple(script_times(events)), count(events, "rerun"), count(events, "fragment")
    )
