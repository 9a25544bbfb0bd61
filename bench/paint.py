"""One "drawn" signal for both maps, and the marks of a first load's timeline.

A map counts as drawn when the frame holding its last draw of the expected towns has been
painted and nothing was drawn since for a quiet spell: a map that draws the new towns and
then moves (a second step) is drawn when it has moved. The draws are seen from outside the
app, by an init script in every frame:

- hubmap: `L.HubmapTowns.prototype._draw` (one canvas pass over the layer's towns), with the
  layer's town count and metric;
- deck.gl (`st.pydeck_chart`): every instanced WebGL draw call to the screen (not to a
  picking framebuffer), with its instance count: the ScatterplotLayer draws one instance per
  town.

Each draw gets the wall-clock time (`performance.timeOrigin + performance.now()`, ms) it
happened and the time the frame holding it was painted: the start of the next animation frame
for a draw made inside a frame callback (deck.gl), of the one after for a draw made outside
(hubmap draws when a message arrives), so neither map is charged a frame it did not need.
The user's action is timed from its input event (`arm` before the action, then the first
pointerdown or keydown), a first load from the navigation's start.

`TIMELINE_JS` adds marks of what a first load goes through (Leaflet evaluated, map created,
towns layer built and drawn, the component's first render message), read with the
Performance API's navigation and resource entries by `timeline`.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from playwright.async_api import Page

PAINT_HOOK_JS = """
(() => {
  if (window.__benchPaintHook) return;
  window.__benchPaintHook = true;
  let top = window;
  try { if (window.top.location.href) top = window.top; } catch (e) { /* other origin */ }
  const log = top.__benchDraws || (top.__benchDraws = []);
  const now = () => performance.timeOrigin + performance.now();
  const raf = window.requestAnimationFrame.bind(window);
  let inFrame = false;
  window.requestAnimationFrame = cb => raf(t => {
    inFrame = true;
    try { cb(t); } finally { inFrame = false; }
  });
  const record = (kind, n, metric) => {
    const entry = {kind, n, metric, at: now(), shown: null};
    log.push(entry);
    let hops = inFrame ? 1 : 2;
    const step = () => { if (--hops > 0) raf(step); else entry.shown = now(); };
    raf(step);
  };
  if (window === top) {
    const armed = ev => {
      if (top.__benchInputAt === null) top.__benchInputAt = performance.timeOrigin + ev.timeStamp;
    };
    window.addEventListener("pointerdown", armed, true);
    window.addEventListener("keydown", armed, true);
  }
  const GL = window.WebGL2RenderingContext;
  if (GL) {
    for (const [name, arg] of [["drawArraysInstanced", 3], ["drawElementsInstanced", 4]]) {
      const original = GL.prototype[name];
      GL.prototype[name] = function () {
        const out = original.apply(this, arguments);
        const screen = this.getParameter(this.FRAMEBUFFER_BINDING) === null;
        if (screen) record("deck", arguments[arg], null);
        return out;
      };
    }
  }
  const wrapTowns = cls => {
    if (!cls || cls.prototype.__benchWrapped) return;
    cls.prototype.__benchWrapped = true;
    const draw = cls.prototype._draw;
    cls.prototype._draw = function () {
      const out = draw.apply(this, arguments);
      record("hubmap", this.status.count, this.status.metric);
      return out;
    };
    const init = cls.prototype.initialize;
    cls.prototype.initialize = function () {
      const start = now();
      const out = init.apply(this, arguments);
      const marks = top.__benchMarks || (top.__benchMarks = {});
      if (!marks["towns layer built"]) {
        marks["towns layer payload evaluated"] = start;
        marks["towns layer built"] = now();
      }
      return out;
    };
  };
  let leaflet;
  try {
    Object.defineProperty(window, "L", {
      configurable: true, enumerable: true,
      get() { return leaflet; },
      set(value) {
        leaflet = value;
        if (!value || typeof value !== "object") return;
        let towns = value.HubmapTowns;
        Object.defineProperty(value, "HubmapTowns", {
          configurable: true, enumerable: true,
          get() { return towns; },
          set(cls) { towns = cls; wrapTowns(cls); },
        });
        wrapTowns(towns);
        if (window.__benchLeafletHook) window.__benchLeafletHook(value);
      },
    });
  } catch (e) { /* L already defined */ }
})();
"""
"""Init script (every frame): logs the maps' draws into the top page's `__benchDraws`."""

TIMELINE_JS = """
(() => {
  if (window.__benchTimeline) return;
  window.__benchTimeline = true;
  let top = window;
  try { if (window.top.location.href) top = window.top; } catch (e) { /* other origin */ }
  const marks = top.__benchMarks || (top.__benchMarks = {});
  const now = () => performance.timeOrigin + performance.now();
  const mark = name => { if (!(name in marks)) marks[name] = now(); };
  if (window === top) {
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        mark("websocket created");
        this.addEventListener("open", () => mark("websocket open"));
        this.addEventListener("message", () => mark("first message received"));
      }
    };
    return;
  }
  window.addEventListener("message", ev => {
    const d = ev.data;
    if (!d || d.type !== "streamlit:render" || "component render message" in marks) return;
    mark("component render message");
    const a = d.args || {};
    marks["component args (chars)"] = ["script", "html", "header", "feature_group"]
      .reduce((sum, k) => sum + (typeof a[k] === "string" ? a[k].length : 0), 0);
  }, true);
  document.addEventListener("DOMContentLoaded", () => mark("component document ready"));
  window.__benchLeafletHook = L => {
    mark("leaflet evaluated");
    L.Map.addInitHook(function () { mark("map created"); });
  };
})();
"""
"""Init script (every frame): marks of a first load into the top page's `__benchMarks`."""

ARM_JS = "() => { window.__benchInputAt = null; (window.__benchDraws || []).length = 0; }"


async def arm(page: Page) -> None:
    """Before a user action: forget earlier draws, time from the next input event."""
    await page.evaluate(ARM_JS)


@dataclass(frozen=True)
class Drawn:
    """Seconds from the start (input event or navigation) until the frame with the last
    draw of the expected towns was painted; draws seen since the start; the first of them."""

    seconds: float
    draws: int
    first_s: float


READ_JS = """({kind, load}) => {
    const start = load ? performance.timeOrigin : window.__benchInputAt;
    const draws = (window.__benchDraws || []).filter(d => d.kind === kind);
    return {start, draws, clock: performance.timeOrigin + performance.now()};
}"""


async def wait_drawn(
    page: Page,
    kind: str,
    n: int,
    metric: str | None = None,
    load: bool = False,
    quiet: float = 0.6,
    timeout: float = 90,
) -> Drawn:
    """Wait until `kind`'s ("hubmap" or "deck") last draw since the start (the navigation's
    if `load`, else the input event after `arm`) has `n` towns (and `metric`), its frame is
    painted and no draw followed for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = await page.evaluate(READ_JS, {"kind": kind, "load": load})
        start, draws, clock = state["start"], state["draws"], state["clock"]
        if start is not None and draws:
            draws = [d for d in draws if d["at"] >= start]
        if start is not None and draws:
            last = draws[-1]
            right = last["n"] == n and (metric is None or last["metric"] == metric)
            if right and last["shown"] is not None and clock - last["at"] >= quiet * 1000:
                first = draws[0]["shown"] or draws[0]["at"]
                return Drawn((last["shown"] - start) / 1000, len(draws), (first - start) / 1000)
        await asyncio.sleep(0.05)
    raise TimeoutError(f"{kind}: no settled draw of {n} towns within {timeout:.0f} s")


TIMELINE_READ_JS = """() => {
    const origin = performance.timeOrigin, out = {}, marks = window.__benchMarks || {};
    for (const [k, v] of Object.entries(marks)) out[k] = k.endsWith("(chars)") ? v : v - origin;
    const nav = performance.getEntriesByType("navigation")[0];
    out["page HTML received"] = nav.responseEnd;
    out["page DOMContentLoaded"] = nav.domContentLoadedEventEnd;
    const scripts = performance.getEntriesByType("resource")
        .filter(r => r.initiatorType === "script" && r.name.includes("/static/js/"));
    out["Streamlit JS received (last file)"] = Math.max(...scripts.map(r => r.responseEnd));
    out["Streamlit JS (bytes)"] = scripts.reduce((s, r) => s + (r.encodedBodySize || 0), 0);
    const frame = performance.getEntriesByType("resource")
        .find(r => r.initiatorType === "iframe" && r.name.includes("streamlit_folium"));
    if (frame) out["component iframe requested"] = frame.startTime;
    const iframe = document.querySelector('iframe[src*="streamlit_folium"]');
    const win = iframe && iframe.contentWindow;
    if (win) {
        const shift = win.performance.timeOrigin - origin;
        for (const r of win.performance.getEntriesByType("resource")) {
            if (r.name.includes("leaflet") && r.name.endsWith(".js")) {
                out["leaflet.js received"] = r.responseEnd + shift;
            }
            if (r.name.includes("/static/js/main")) {
                out["component JS received"] = r.responseEnd + shift;
            }
        }
    }
    return out;
}"""


async def timeline(page: Page) -> dict[str, float]:
    """The first load's marks (ms since navigation start; sizes as counted)."""
    return await page.evaluate(TIMELINE_READ_JS)
