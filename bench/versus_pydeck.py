"""hubmap against st.pydeck_chart (deck.gl) on the same towns, in one run, with ratios.

Usage: python bench/versus_pydeck.py [--reps N] [--out FILE]

Two servers at once on 127.0.0.1: hubmap (`dashboard/app.py`, every town: `?pop=0-10000000`)
and `bench/pydeck_app.py` (the same 16,975 towns in a ScatterplotLayer). Each repetition
opens each app in a new browser context (a new session; the apps take turns going first)
and times, with the same "drawn" signal for both (`paint.py`):

1. first page load: navigation start -> every town drawn and painted;
2. colour metric change: click in "Colour towns by" -> the new colours drawn;
3. pick one state (Montana) in "State or province" -> its towns drawn where the view has
   settled (a map that draws and then moves is timed until it has moved);
4. remove it -> every town drawn again.

Three reference pages give the floor of a first load on the same machine in the same run: a
Streamlit page with only a title (Streamlit's own boot), an empty st_folium map (boot plus
the component and Leaflet, until the map is created) and hubmap's map alone in st_folium
(all that plus the tiles, outlines and towns, until every town is drawn). hubmap's own
features are timed in fresh sessions too (`FEATURES`): a first load with a town selected and
its card, a search, opening Compare with two pinned towns, a calculator input change.

It also records hubmap's first-load timeline (`paint.TIMELINE_JS`, Performance API), the
main-thread time of each first load (Chrome's `Performance.getMetrics`), the page reruns
each change caused, the machine's load average before and after, and the CPU seconds that
processes other than this run used meanwhile. Prints a markdown report and writes it to
bench/results/versus_pydeck.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import browser as br
import paint
import psutil
import streamlit
from common import (
    REPO,
    RESULTS,
    Monitor,
    Server,
    asset_manifest,
    full_dataset,
    median,
    streamlit_server,
)
from playwright.async_api import Browser, CDPSession, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from hubmap.colors import SCALES
from hubmap.filters import POPULATION_CEILING, FilterState, filter_towns

PYDECK_APP = REPO / "bench" / "pydeck_app.py"
FLOORS = {
    "Streamlit page with a title only": (REPO / "bench" / "floor_empty_app.py", "title"),
    "an empty st_folium map": (REPO / "bench" / "floor_bare_map_app.py", "map"),
    "hubmap's map alone (st_folium)": (REPO / "bench" / "floor_map_app.py", "towns"),
}
"""Reference pages and what their first load waits for: the title shown, Leaflet's map
created, every town drawn."""
ALL_TOWNS = FilterState(population_max=POPULATION_CEILING)
HUBMAP_QUERY = f"pop=0-{POPULATION_CEILING}"
STATE = "MT"
METRIC_CYCLE = ("tier", "incentive", "score", "tier", "incentive")
KINDS = {"hubmap": "hubmap", "pydeck": "deck"}
"""App -> the draw kind `paint.PAINT_HOOK_JS` logs for its map."""
STEPS = ("first page load", "colour metric change", f"pick one state ({STATE})", "remove it")
CLICKED = "Bozeman"
HUBMAP_ONLY = (f"click a town ({CLICKED}) -> its details shown",)
"""Steps of hubmap's own features, timed in the same run (deck.gl has no counterpart here)."""
DETAILS_JS = """name => [...document.querySelectorAll('[data-testid="stMain"] h1, h2, h3')]
    .some(h => h.textContent.includes(name))"""
"""A heading outside the map names the clicked town (the details panel, the card)."""
MORGANTOWN, BEND = "5455756", "4105800"
SEARCH_FRAME = 'iframe[title="streamlit_searchbox.searchbox"]'
SAVINGS = SCALES["savings"].label
CALC_QUERY = "calc_cost=2500&metric=savings"
FEATURES = (
    "first load, a town selected and its card shown (Morgantown, WV)",
    'search: choose "Morgantown, WV" -> the map moved there and the card shown',
    "open Compare with two pinned towns -> the table shown",
    "calculator: housing cost +50 USD -> the new savings colours drawn",
)
"""hubmap's features, each in the run; the first against pydeck's first load (its target),
the others against `FEATURE_LIMIT_S` (deck.gl has none of them)."""
FEATURE_LIMIT_S = 1.0
"""bench/run.py's target for a widget change: the new map (or panel) within 1 s."""
WATCH_JS = """
(() => {
  if (window.top !== window || window.__benchWatching) return;
  window.__benchWatching = true;
  if (!("__benchWatch" in window)) window.__benchWatch = null;
  window.__benchSeenAt = null;
  const tick = () => {
    const w = window.__benchWatch;
    if (w && window.__benchSeenAt === null) {
      const el = document.querySelector(w.selector);
      if (el && el.textContent.includes(w.text)) {
        window.__benchSeenAt = performance.timeOrigin + performance.now();
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
"""Init script (top page): the first animation frame at which an element matching
`__benchWatch.selector` holds `__benchWatch.text` (its time in `__benchSeenAt`, page clock)."""
START_NOW_JS = "() => { window.__benchInputAt = performance.timeOrigin + performance.now(); }"
SEEN_JS = """load => window.__benchSeenAt === null ? null
    : (window.__benchSeenAt - (load ? performance.timeOrigin : window.__benchInputAt)) / 1000"""
TARGETS = {
    "first page load": ("<= 0.35x", 0.35),
    "colour metric change": ("<= 0.25x", 0.25),
    f"pick one state ({STATE})": ("<= 1x", 1.0),
}
METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
"""Chrome's cumulative main-thread seconds, read at the end of each first load."""


@dataclass
class AppRuns:
    """Every repetition of one app: seconds per step, first-draw seconds, draws and page
    reruns per step, main-thread metrics and (hubmap) timelines of first loads."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    first_draw: dict[str, list[float]] = field(default_factory=dict)
    draws: dict[str, list[int]] = field(default_factory=dict)
    reruns: dict[str, list[int]] = field(default_factory=dict)
    main_thread: dict[str, list[float]] = field(default_factory=dict)
    timelines: list[dict[str, float]] = field(default_factory=list)
    extra: dict[str, list[float]] = field(default_factory=dict)
    floors: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    errors: int = 0

    def add(self, step: str, drawn: paint.Drawn, reruns: int) -> None:
        self.seconds.setdefault(step, []).append(drawn.seconds)
        self.first_draw.setdefault(step, []).append(drawn.first_s)
        self.draws.setdefault(step, []).append(drawn.draws)
        self.reruns.setdefault(step, []).append(reruns)


async def new_session(
    browser: Browser, manifest: Path, watch: dict[str, str] | None = None
) -> br.Session:
    """An offline session whose draws and first-load marks are logged, watching for the
    element `watch` describes (selector, text) from the first frame on."""
    session = await br.new_session(browser, manifest)
    await session.context.add_init_script(paint.PAINT_HOOK_JS)
    await session.context.add_init_script(paint.TIMELINE_JS)
    if watch:
        await session.context.add_init_script(f"window.__benchWatch = {json.dumps(watch)};")
    await session.context.add_init_script(WATCH_JS)
    return session


async def seen(page: Page, load: bool = False, timeout: float = 60) -> float:
    """Seconds from the start (navigation if `load`, else the input) until the watched
    element was first shown."""
    await page.wait_for_function("() => window.__benchSeenAt !== null", timeout=timeout * 1000)
    return await page.evaluate(SEEN_JS, load)


async def watch(page: Page, selector: str, text: str) -> None:
    """Watch for `selector` holding `text` from now on (see `WATCH_JS`)."""
    await page.evaluate(
        "w => { window.__benchWatch = w; window.__benchSeenAt = null; }",
        {"selector": selector, "text": text},
    )


async def floor_load(browser: Browser, manifest: Path, url: str, signal: str, n: int) -> float:
    """A reference page's first load, in seconds from navigation: until its title is shown
    (`signal` "title"), Leaflet's map is created ("map") or all `n` towns are drawn ("towns")."""
    watch_title = {"selector": "h1", "text": "Empty page"} if signal == "title" else None
    session = await new_session(browser, manifest, watch_title)
    try:
        await session.page.goto(url, wait_until="commit", timeout=90_000)
        if signal == "towns":
            return (await paint.wait_drawn(session.page, "hubmap", n, load=True)).seconds
        if signal == "map":
            return await map_created(session.page)
        return await seen(session.page, load=True)
    finally:
        await session.close()


async def map_created(page: Page, timeout: float = 60) -> float:
    """Seconds from navigation until Leaflet created a map in the page's component frame."""
    created = "() => (window.__benchMarks || {})['map created']"
    await page.wait_for_function(created, timeout=timeout * 1000)
    return await page.evaluate(f"() => ({created})() - performance.timeOrigin") / 1000


async def features(
    browser: Browser, manifest: Path, base: str, towns: dict[str, int], runs: AppRuns
) -> None:
    """`FEATURES`, each timed in the page's clock: two fresh sessions."""
    n, card = towns["all"], ".st-key-town_card"
    link = f"{base}&town={MORGANTOWN}&compare={MORGANTOWN}%2C{BEND}"
    session = await new_session(browser, manifest, {"selector": card, "text": "West Virginia"})
    try:
        page = session.page
        await page.goto(link, wait_until="commit", timeout=90_000)
        drawn = await paint.wait_drawn(page, "hubmap", n, load=True)
        runs.extra.setdefault(FEATURES[0], []).append(max(drawn.seconds, await seen(page, True)))
        await br.settle(page)
        await watch(page, ".st-key-compare_table", "Bend, OR")
        await paint.arm(page)
        await page.get_by_test_id("stButtonGroup").get_by_text("Compare (2)", exact=True).click()
        runs.extra.setdefault(FEATURES[2], []).append(await seen(page))
        runs.errors += await br.error_count(page)
    finally:
        await session.close()
    session = await new_session(browser, manifest)
    try:
        page = session.page
        await page.goto(f"{base}&{CALC_QUERY}", wait_until="commit", timeout=90_000)
        await paint.wait_drawn(page, "hubmap", n, SAVINGS, load=True)
        await br.settle(page)
        box = page.frame_locator(SEARCH_FRAME).locator("input")
        await box.click()
        await box.press_sequentially("Morgantown, WV", delay=40)
        suggestion = page.frame_locator(SEARCH_FRAME).get_by_text("Morgantown, WV", exact=True)
        await suggestion.last.wait_for(timeout=15_000)
        await watch(page, card, "West Virginia")
        await paint.arm(page)  # the key press is in the search box's frame: start now
        await page.evaluate(START_NOW_JS)
        await box.press("Enter")
        drawn = await paint.wait_drawn(page, "hubmap", n, SAVINGS)
        runs.extra.setdefault(FEATURES[1], []).append(max(drawn.seconds, await seen(page)))
        await br.settle(page)
        slider = page.get_by_test_id("stSlider").filter(has_text="My housing cost today")
        thumb = slider.get_by_role("slider")
        await thumb.focus()
        await paint.arm(page)
        await thumb.press("ArrowRight")
        drawn = await paint.wait_drawn(page, "hubmap", n, SAVINGS)
        runs.extra.setdefault(FEATURES[3], []).append(drawn.seconds)
        runs.errors += await br.error_count(page)
        runs.aborted += session.aborted
    finally:
        await session.close()


async def main_thread_seconds(cdp: CDPSession) -> dict[str, float]:
    """Chrome's cumulative main-thread metrics (seconds) since `Performance.enable`."""
    metrics = (await cdp.send("Performance.getMetrics"))["metrics"]
    return {m["name"]: m["value"] for m in metrics if m["name"] in METRICS}


Action = Callable[[Page], Awaitable[float]]


async def change(
    session: br.Session, kind: str, action: Action, n: int, metric: str | None
) -> tuple[paint.Drawn, int]:
    """One widget change: settle, arm, act, wait for the settled new map; page reruns."""
    await br.settle(session.page)
    await paint.arm(session.page)
    await action(session.page)
    drawn = await paint.wait_drawn(session.page, kind, n, metric if kind == "hubmap" else None)
    events = await br.settle(session.page)
    return drawn, br.count(events, "rerun")


async def one_app(
    browser: Browser, manifest: Path, app: str, url: str, rep: int, towns: dict[str, int],
    runs: AppRuns,
) -> None:  # fmt: skip
    """A first load and the three changes, in a new session."""
    kind = KINDS[app]
    session = await new_session(browser, manifest)
    try:
        page = session.page
        cdp = await page.context.new_cdp_session(page)
        await cdp.send("Performance.enable")
        await page.goto(url, wait_until="commit", timeout=90_000)
        drawn = await paint.wait_drawn(page, kind, towns["all"], load=True)
        events = await br.settle(page)
        runs.add(STEPS[0], drawn, br.count(events, "rerun"))
        for name, value in (await main_thread_seconds(cdp)).items():
            runs.main_thread.setdefault(name, []).append(value)
        if app == "hubmap":
            runs.timelines.append(await paint.timeline(page))
        metric = SCALES[METRIC_CYCLE[rep % len(METRIC_CYCLE)]].label
        option = f"{STATE} - {towns['state name']}"
        steps: list[tuple[str, Action, int, str | None]] = [
            (STEPS[1], partial(br.choose_metric, label=metric), towns["all"], metric),
            (STEPS[2], partial(br.add_state, option=option), towns[STATE], metric),
            (STEPS[3], partial(br.remove_state, option=option), towns["all"], metric),
        ]
        for step, action, n, expect_metric in steps:
            drawn, reruns = await change(session, kind, action, n, expect_metric)
            runs.add(step, drawn, reruns)
        if app == "hubmap":
            await change(session, kind, steps[1][1], towns[STATE], metric)  # back to Montana
            try:
                runs.extra.setdefault(HUBMAP_ONLY[0], []).append(await click_town(page))
            except PlaywrightError as exc:  # report the rest; say this one failed
                runs.failures.append(f"{HUBMAP_ONLY[0]}: {str(exc).splitlines()[0][:120]}")
        runs.errors += await br.error_count(page)
        runs.aborted += session.aborted
    finally:
        await session.close()


async def click_town(page: Page) -> float:
    """Seconds from a click on `CLICKED` on the map until a heading outside the map names it
    (harness clock: the click is sent, then the page is polled every frame)."""
    await br.settle(page)
    frame = await br.map_frame(page)
    box = await page.locator(br.MAP_IFRAME).bounding_box()
    x, y = await frame.evaluate(
        """name => { const d = window.__hubmapTowns.data.towns, i = d.n.indexOf(name);
            const p = window.map_div.latLngToContainerPoint([d.lat[i], d.lon[i]]);
            return [p.x, p.y]; }""",
        CLICKED,
    )
    start = time.monotonic()
    await page.mouse.click(box["x"] + x, box["y"] + y)
    await page.wait_for_function(DETAILS_JS, arg=CLICKED, polling="raf", timeout=60_000)
    seconds = time.monotonic() - start
    await br.settle(page)
    return seconds


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (`/proc/loadavg`)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0)


@dataclass
class Machine:
    """The machine's load around the run."""

    load_before: str
    load_after: str = ""
    wall_s: float = 0.0
    busy_s: float = 0.0
    ours_s: float = 0.0

    @property
    def others_cores(self) -> float:
        """Cores' worth of CPU used by processes outside this run, on average."""
        return max(0.0, self.busy_s - self.ours_s) / self.wall_s if self.wall_s else 0.0


async def run(reps: int) -> tuple[AppRuns, AppRuns, Machine, dict[str, int]]:
    manifest = asset_manifest()
    data = full_dataset()
    in_state = FilterState(states=(STATE,), population_max=POPULATION_CEILING)
    towns = {
        "all": len(filter_towns(data.towns, ALL_TOWNS)),
        STATE: len(filter_towns(data.towns, in_state)),
        "state name": data.towns.loc[data.towns["state"] == STATE, "state_name"].iloc[0],
    }
    assert towns["all"] == len(data.towns), "hubmap's link must show every town"
    machine = Machine(load_average())
    hub, deck = AppRuns(), AppRuns()
    n = towns["all"]
    start_busy, start = busy_seconds(), asyncio.get_running_loop().time()
    with (
        streamlit_server("versus-hubmap") as hub_server,
        streamlit_server("versus-pydeck", app=PYDECK_APP) as deck_server,
        contextlib.ExitStack() as stack,
        Monitor(hub_server.process.pid) as monitor,
    ):
        urls = {"hubmap": f"{hub_server.url}/?{HUBMAP_QUERY}", "pydeck": deck_server.url}
        floors = {
            name: (stack.enter_context(streamlit_server(f"floor-{i}", app=app)), signal)
            for i, (name, (app, signal)) in enumerate(FLOORS.items())
        }
        async with async_playwright() as pw:
            browser = await br.launch(pw)
            try:
                for app in ("hubmap", "pydeck"):  # warm both servers' caches, not timed
                    await one_app(browser, manifest, app, urls[app], 0, towns, AppRuns())
                await features(browser, manifest, urls["hubmap"], towns, AppRuns())
                for server, signal in floors.values():
                    await floor_load(browser, manifest, server.url, signal, n)
                for rep in range(reps):
                    order = ("hubmap", "pydeck") if rep % 2 == 0 else ("pydeck", "hubmap")
                    for app in order:
                        print(f"  rep {rep + 1}/{reps}: {app}", flush=True)
                        runs = hub if app == "hubmap" else deck
                        await one_app(browser, manifest, app, urls[app], rep, towns, runs)
                    print(f"  rep {rep + 1}/{reps}: hubmap features, reference pages", flush=True)
                    try:
                        await features(browser, manifest, urls["hubmap"], towns, hub)
                    except (PlaywrightError, TimeoutError) as exc:  # report the rest
                        hub.failures.append(f"features: {str(exc).splitlines()[0][:120]}")
                    for name, (server, signal) in floors.items():
                        seconds = await floor_load(browser, manifest, server.url, signal, n)
                        hub.floors.setdefault(name, []).append(seconds)
            finally:
                await browser.close()
        cpu = monitor.cpu_seconds()
        machine.ours_s = sum(cpu.values())  # every process this run started, both servers too
        _check_logs(hub_server, deck_server, *(server for server, _ in floors.values()))
    machine.wall_s = asyncio.get_running_loop().time() - start
    machine.busy_s = busy_seconds() - start_busy
    machine.load_after = load_average()
    return hub, deck, machine, towns


def _check_logs(*servers: Server) -> None:
    for server in servers:
        if "Traceback" in server.log():
            print(f"WARNING: Traceback in {server.log_path}")


def seconds(value: float) -> str:
    return "-" if value != value else f"{value:.2f} s"


def report(hub: AppRuns, deck: AppRuns, machine: Machine, towns: dict[str, int], reps: int) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# hubmap against st.pydeck_chart",
        "",
        f"{stamp}; {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, streamlit {streamlit.__version__}. "
        f"{towns['all']:,} towns ({towns[STATE]} in {STATE}); medians of {reps} repetitions "
        "per app, both apps served at once, taking turns. Load average (1, 5, 15 min) "
        f"before: {machine.load_before}, after: {machine.load_after}; other processes used "
        f"{machine.others_cores:.2f} cores on average during the {machine.wall_s:.0f} s run.",
        "",
        "| measurement | hubmap | st.pydeck_chart | hubmap / pydeck | target | result |",
        "|---|---|---|---|---|---|",
    ]
    for step in STEPS:
        h, d = median(hub.seconds.get(step, [])), median(deck.seconds.get(step, []))
        ratio = h / d if d == d and d else float("nan")
        limit_text, limit = TARGETS.get(step, ("", None))
        verdict = "" if limit is None or ratio != ratio else ("PASS" if ratio <= limit else "FAIL")
        lines.append(
            f"| {step} | {seconds(h)} | {seconds(d)} | {ratio:.2f}x | {limit_text} | {verdict} |"
        )
    lines += [
        "",
        "Until drawn = until the frame holding the map's last draw of the expected towns was "
        "painted, with no further draw for 0.6 s (see bench/paint.py).",
        "",
        "| detail (medians) | hubmap | st.pydeck_chart |",
        "|---|---|---|",
    ]
    for step in STEPS:
        first_h, first_d = (
            median(hub.first_draw.get(step, [])),
            median(deck.first_draw.get(step, [])),
        )
        lines.append(
            f"| {step}: first draw of the new towns | {seconds(first_h)} | {seconds(first_d)} |"
        )
        lines.append(
            f"| {step}: draws / page reruns | {median(hub.draws.get(step, [])):.0f} / "
            f"{median(hub.reruns.get(step, [])):.0f} | {median(deck.draws.get(step, [])):.0f} / "
            f"{median(deck.reruns.get(step, [])):.0f} |"
        )
    for name in METRICS:
        lines.append(
            f"| first load, main thread {name} | {seconds(median(hub.main_thread.get(name, [])))}"
            f" | {seconds(median(deck.main_thread.get(name, [])))} |"
        )
    for step in HUBMAP_ONLY:
        lines.append(f"| {step} (hubmap only) | {seconds(median(hub.extra.get(step, [])))} | - |")
    deck_load = median(deck.seconds.get(STEPS[0], []))
    lines += [
        "",
        "### The floor: reference pages in the same run (first load, against pydeck's)",
        "",
        "| page | first load | / pydeck's first load |",
        "|---|---|---|",
    ]
    for name, values in hub.floors.items():
        lines.append(f"| {name} | {seconds(median(values))} | {median(values) / deck_load:.2f}x |")
    lines += [
        "",
        "### hubmap's features (fresh sessions, same run)",
        "",
        "| measurement | hubmap | against | result |",
        "|---|---|---|---|",
    ]
    for i, step in enumerate(FEATURES):
        value = median(hub.extra.get(step, []))
        if i == 0:
            ratio = value / deck_load
            against, ok = f"{ratio:.2f}x pydeck's first load (<= 0.35x)", ratio <= 0.35
        else:
            against, ok = (
                f"<= {FEATURE_LIMIT_S:.0f} s (bench/run.py's change target)",
                (value <= FEATURE_LIMIT_S),
            )
        verdict = "-" if value != value else ("PASS" if ok else "FAIL")
        lines.append(f"| {step} | {seconds(value)} | {against} | {verdict} |")
    lines += ["", "### hubmap's first load, step by step (median ms since navigation start)", ""]
    lines += ["| mark | ms |", "|---|---|"]
    keys = hub.timelines[0].keys() if hub.timelines else []
    rows = sorted(
        ((k, median([t[k] for t in hub.timelines if k in t])) for k in keys),
        key=lambda kv: (kv[0].endswith(")"), kv[1]),
    )
    lines += [f"| {k} | {v:,.0f} |" for k, v in rows]
    problems = [
        *([f"requests aborted offline: {sorted(set(hub.aborted + deck.aborted))}"]
          if hub.aborted or deck.aborted else []),
        *(["error element on a page"] if hub.errors or deck.errors else []),
        *hub.failures,
    ]  # fmt: skip
    lines += ["", "Problems: " + ("; ".join(problems) if problems else "none")]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="repetitions per app")
    parser.add_argument("--out", type=Path, default=RESULTS / "versus_pydeck.md")
    args = parser.parse_args()
    hub, deck, machine, towns = asyncio.run(run(args.reps))
    text = report(hub, deck, machine, towns, args.reps)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {args.out}")


if __name__ == "__main__":
    main()
