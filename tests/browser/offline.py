"""Serve a folium map's CDN files and tiles locally in a Playwright browser.

``install_offline_routes`` answers every request a Streamlit + streamlit-folium
page makes without touching the network: CDN files come from the cache that
``scripts/fetch_browser_assets.py`` fills, tiles are one grey PNG, the local
Streamlit server passes through and anything else is aborted and recorded.

``wait_for_towns`` and ``town_point`` read the towns layer's status
(``window.__hubmapTowns`` in the streamlit-folium iframe: count, metric, data, draws,
shown).
"""

from __future__ import annotations

import json
import mimetypes
import re
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Frame, Page, Route
from playwright.sync_api import Error as PlaywrightError

CORS = {"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=3600"}

# Files folium 0.20 links to that no npm package holds: an empty stylesheet will do.
EMPTY_STYLESHEETS = frozenset(
    {
        "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css",
        "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
    }
)
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com", "tile.opentopomap.org")
TILE_PATH = re.compile(r"/\d+/\d+/\d+(@2x)?\.(png|jpe?g|webp)$")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
NOT_LOCAL = re.compile(r"^(?!https?://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?/)")
"""URLs of any host but this machine's: only these are routed. Playwright matches the pattern
in its driver, so the local server's own files load without a detour through Python (through
it, each of Streamlit's ~60 script chunks waited for this process: seconds on a busy machine)."""
CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".map": "application/json",
}


def _grey_png(size: int = 256, grey: int = 0xDD, edge: int = 0xBB) -> bytes:
    """Return a ``size`` x ``size`` greyscale PNG with a darker top/left edge."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    edge_row = b"\x00" + bytes([edge]) * size
    row = b"\x00" + bytes([edge]) + bytes([grey]) * (size - 1)
    raw = edge_row + row * (size - 1)
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


GREY_TILE_PNG = _grey_png()


def load_manifest(manifest_path: str | Path) -> dict[str, Path]:
    """Read the asset manifest: exact CDN URL -> absolute local file path."""
    manifest_path = Path(manifest_path)
    data = json.loads(manifest_path.read_text())
    return {url: manifest_path.parent / rel for url, rel in data["urls"].items()}


def is_tile_url(url: str) -> bool:
    """True for a map tile request (known tile hosts or a ``/{z}/{x}/{y}.png`` path)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if any(host == h or host.endswith("." + h) for h in TILE_HOSTS):
        return True
    return bool(TILE_PATH.search(parts.path))


def _content_type(path: Path) -> str:
    """Content-Type for a local asset file."""
    return (
        CONTENT_TYPES.get(path.suffix)
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


def install_offline_routes(
    context: BrowserContext, manifest_path: str | Path, aborted: list[str] | None = None
) -> list[str]:
    """Route all of ``context``'s requests offline; return the live list of aborted URLs.

    CDN URLs in the manifest are served from disk, the non-npm stylesheets in
    ``EMPTY_STYLESHEETS`` as empty CSS, tiles as ``GREY_TILE_PNG``; localhost,
    ``data:`` and ``blob:`` URLs pass through. Every other request is aborted and
    its URL appended to ``aborted`` (a new list unless one is given).
    """
    files = load_manifest(manifest_path)
    aborted = [] if aborted is None else aborted

    def handle(route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
            return
        bare = parts._replace(query="", fragment="").geturl()
        path = files.get(url) or files.get(bare)
        if path is not None:
            route.fulfill(path=path, content_type=_content_type(path), headers=CORS)
        elif bare in EMPTY_STYLESHEETS:
            route.fulfill(body="", content_type="text/css; charset=utf-8", headers=CORS)
        elif is_tile_url(url):
            route.fulfill(body=GREY_TILE_PNG, content_type="image/png", headers=CORS)
        else:
            aborted.append(url)
            route.abort("internetdisconnected")

    context.route(NOT_LOCAL, handle)
    return aborted


def map_frame(page: Page, index: int = 0, timeout: float = 30_000) -> Frame:
    """Return the Frame of the ``index``-th streamlit-folium iframe once Leaflet is in it.

    Streamlit may replace the iframe while the first reruns settle, so a detached frame is
    looked up again until ``timeout`` (ms) runs out.
    """
    selector = 'iframe[src*="streamlit_folium"]'
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            page.wait_for_selector(selector, state="attached", timeout=timeout)
            handle = page.locator(selector).nth(index).element_handle(timeout=timeout)
            frame = handle.content_frame() if handle else None
            if frame is not None and not frame.is_detached():
                frame.wait_for_selector(".leaflet-container", state="attached", timeout=2_000)
                return frame
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            raise RuntimeError("streamlit-folium iframe never showed a Leaflet map")
        page.wait_for_timeout(200)


def wait_for_towns(frame: Frame, n: int | None = None, timeout: float = 30_000) -> int:
    """Wait until ``frame``'s towns layer has been drawn (with ``n`` towns, if given) at the
    map's current zoom, with no zoom animation running; return its town count."""
    frame.wait_for_function(
        """n => { const t = window.__hubmapTowns, map = window.map_div;
                  return !!t && t.draws > 0 && (n === null || t.count === n)
                      && t.zoom === map.getZoom() && !map._animatingZoom; }""",
        arg=n,
        timeout=timeout,
        polling=100,
    )
    return int(frame.evaluate("window.__hubmapTowns.count"))


def canvas_alpha(frame: Frame, town: int | str) -> int:
    """Opacity (0-255) of the towns canvas at a town's centre: 0 where nothing is painted."""
    return int(
        frame.evaluate(
            """(town) => {
                const d = window.__hubmapTowns.data.towns;
                const i = typeof town === "number" ? town : d.n.indexOf(town);
                const canvas = document.querySelector("canvas.hubmap-towns");
                const p = window.map_div.latLngToContainerPoint([d.lat[i], d.lon[i]]);
                const map = window.map_div.getContainer().getBoundingClientRect();
                const box = canvas.getBoundingClientRect();
                const scale = canvas.width / box.width;
                const x = Math.round((p.x + map.left - box.left) * scale);
                const y = Math.round((p.y + map.top - box.top) * scale);
                return canvas.getContext("2d").getImageData(x, y, 1, 1).data[3];
            }""",
            town,
        )
    )


def unreachable_towns(frame: Frame) -> list[str]:
    """Names of drawn towns that the mouse cannot reach: hovering a town's centre must find
    that town, or one drawn less than 1.5 px away (the nearest centre wins, and Leaflet rounds
    the point given for a town to whole pixels)."""
    return frame.evaluate(
        """() => {
            const map = window.map_div;
            const layer = Object.values(map._layers).find(l => l instanceof L.HubmapTowns);
            const d = layer.status.data.towns, missed = [];
            const size = map.getSize();
            for (let i = 0; i < d.lat.length; i++) {
                const p = map.latLngToContainerPoint([d.lat[i], d.lon[i]]);
                if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) continue;
                const j = layer.townAt(p);
                const q = j < 0 ? null : map.latLngToContainerPoint([d.lat[j], d.lon[j]]);
                if (q === null || q.distanceTo(p) >= 1.5) missed.push(d.n[i]);
            }
            return missed;
        }"""
    )


def town_point(page: Page, frame: Frame, town: int | str) -> tuple[float, float]:
    """Page coordinates (px) of a drawn town, by its index in the layer's data or its name,
    once the map frame has stopped moving on the page (a rerun that shortens the page
    scrolls it)."""
    box = stable_box(page)
    x, y = frame.evaluate(
        """(town) => {
            const d = window.__hubmapTowns.data.towns;
            const i = typeof town === "number" ? town : d.n.indexOf(town);
            const p = window.map_div.latLngToContainerPoint([d.lat[i], d.lon[i]]);
            const r = window.map_div.getContainer().getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];
        }""",
        town,
    )
    return box["x"] + x, box["y"] + y


def stable_box(page: Page, timeout: float = 5_000) -> dict:
    """The map iframe's bounding box, scrolled to the middle of the window (so no town is
    under Streamlit's header), once it is the same in two looks 150 ms apart."""
    frame_el = page.locator('iframe[src*="streamlit_folium"]')
    frame_el.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = frame_el.bounding_box()
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        page.wait_for_timeout(150)
        again = frame_el.bounding_box()
        if again == box:
            return box
        box = again
    return box


def streamlit_command(script: str | Path, port: int) -> list[str]:
    """`streamlit run` for tests and benchmarks: headless, on 127.0.0.1:`port` only, no file
    watcher (edits elsewhere must not rerun the app), no usage statistics."""
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll `url`/_stcore/health until it answers; RuntimeError if the process exits first or
    `timeout` (s) runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited ({process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s")
