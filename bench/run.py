"""hubmap's speed and memory, the project's way against one CircleMarker per town.

Usage: python bench/run.py [--no-stress] [--no-app] [--budget SECONDS]

Measures, on the shipped data (about 17,000 towns) and on every Census place (about
33,000, built with `hubmap build --us-min-population 0` when ../shared/rawdata exists):
Python build and render time, payload bytes, time until drawn in headless Chromium, and,
through `streamlit run dashboard/app.py` on 127.0.0.1, first page load, widget change ->
map drawn, script time per rerun and server memory with 1 and 10 sessions. Prints a
table of medians with the targets and writes it to bench/results/latest.md.
See bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import browser as br
import folium
import streamlit
from common import (
    RESULTS,
    Budget,
    Dataset,
    Monitor,
    Server,
    asset_manifest,
    full_dataset,
    mb,
    median,
    streamlit_server,
    stress_dataset,
    workdir,
)
from maps import PythonResult, build_baseline, build_project, measure_python, regions_json
from playwright.async_api import Browser, Page, async_playwright

from hubmap.colors import SCALES
from hubmap.filters import POPULATION_CEILING, FilterState, filter_towns

BUILD_REPS = 3
BROWSER_REPS = 5
SESSIONS = 10
BASELINE_CAP_S = 60.0
"""The baseline is skipped on a data set when its measurement would take longer."""
ALL_TOWNS = FilterState(population_max=POPULATION_CEILING)
"""The app's filters for every town (the link `?pop=0-10000000`)."""
APP_QUERY = f"pop=0-{POPULATION_CEILING}"
METRIC_CYCLE = ("tier", "incentive", "score", "afford")
NAME_CYCLE = ("ville", "", "burg", "", "ton", "")
STATE_CYCLE = ("VT", "MT")
SESSION_QUERIES = ("a", "e", "i", "o", "u", "n", "r", "s", "t", "l")
"""One distinct name search per session in the memory test."""

# Targets from the issue.
SCRIPT_MAX_S = 0.150
NEW_MAP_MAX_S = 1.0
FIRST_LOAD_MAX_S = 3.0
BYTES_PER_TOWN_MAX = 80
MEMORY_RATIO_MAX = 2.0


@dataclass
class WayResult:
    """One way (project or baseline) on one data set."""

    python: PythonResult | None = None
    drawn_s: float | None = None
    note: str = ""


@dataclass
class Changes:
    """Round trips of one kind of widget change."""

    seconds: list[float] = field(default_factory=list)
    script_s: list[float] = field(default_factory=list)
    reruns: list[int] = field(default_factory=list)
    map_reruns: list[int] = field(default_factory=list)
    server_cpu_s: list[float] = field(default_factory=list)
    logged_script_s: list[float] = field(default_factory=list)

    def add(self, trip: br.Trip, server_cpu_s: float, logged: list[float]) -> None:
        self.seconds.append(trip.seconds)
        self.server_cpu_s.append(server_cpu_s)
        self.logged_script_s += logged
        if trip.script_times:
            self.script_s.append(trip.script_times[0])
        self.reruns.append(trip.reruns)
        self.map_reruns.append(trip.map_reruns)


@dataclass
class AppResult:
    """The app under `streamlit run` on one data set."""

    towns: int = 0
    cold_load_s: float = float("nan")
    loads_s: list[float] = field(default_factory=list)
    load_script_s: list[float] = field(default_factory=list)
    load_reruns: list[int] = field(default_factory=list)
    load_map_reruns: list[int] = field(default_factory=list)
    pans: Changes = field(default_factory=Changes)
    changes: dict[str, Changes] = field(default_factory=dict)
    rss_idle: int = 0
    rss_one: int = 0
    rss_ten: int = 0
    rss_peak: int = 0
    errors: int = 0
    traceback: bool = False
    aborted: list[str] = field(default_factory=list)
    failure: str = ""


@dataclass
class DatasetResult:
    """Everything measured on one data set."""

    data: Dataset
    project: WayResult = field(default_factory=WayResult)
    baseline: WayResult = field(default_factory=WayResult)
    app: AppResult | None = None


# --- Python and standalone Chromium ------------------------------------------------------


def baseline_estimate(full: WayResult, towns_full: int, towns: int) -> float:
    """Seconds the baseline would take on `towns` towns, scaled from the full set."""
    if full.python is None or full.drawn_s is None:
        return float("inf")
    p = full.python
    per_rep = 2 * p.build_s + p.render_s + p.component_s
    return (per_rep * BUILD_REPS + full.drawn_s * BROWSER_REPS) * towns / towns_full


async def time_drawn(
    browser: Browser, manifest: Path, url: str, towns: int, budget: Budget
) -> float:
    """Median seconds until a standalone page's circles are painted."""
    times = []
    for _ in range(BROWSER_REPS):
        if times and budget.left() < 30:
            break
        times.append(await br.time_standalone(browser, manifest, url, towns))
    return median(times)


async def measure_way(
    browser: Browser,
    manifest: Path,
    base_url: str,
    folder: Path,
    name: str,
    result: DatasetResult,
    budget: Budget,
) -> WayResult:
    """Python build + payload, then time until drawn in Chromium, for one way."""
    build = build_project if name == "project" else build_baseline
    data = result.data
    print(f"  {data.label} / {name}: Python build x{BUILD_REPS} ...", flush=True)
    python = measure_python(build, data.towns, regions_json(data.folder), BUILD_REPS)
    page = folder / f"{data.label}-{name}.html"
    page.write_text(python.html, encoding="utf-8")
    python = replace(python, html="")  # the page is on disk; do not keep 14 MB around
    print(f"  {data.label} / {name}: Chromium x{BROWSER_REPS} ...", flush=True)
    drawn = await time_drawn(browser, manifest, f"{base_url}/{page.name}", len(data.towns), budget)
    return WayResult(python, drawn)


async def measure_maps(
    results: list[DatasetResult], manifest: Path, folder: Path, budget: Budget
) -> None:
    """The Python and standalone-Chromium rows for both ways on every data set."""
    full = results[0]
    with br.static_server(folder) as base_url:
        async with async_playwright() as pw:
            browser = await br.launch(pw)
            for result in results:
                result.project = await measure_way(
                    browser, manifest, base_url, folder, "project", result, budget
                )
                estimate = baseline_estimate(
                    full.baseline, len(full.data.towns), len(result.data.towns)
                )
                if result is not full and estimate > BASELINE_CAP_S:
                    result.baseline = WayResult(note=f"skipped (about {estimate:.0f} s)")
                    print(f"  {result.data.label} / baseline: {result.baseline.note}")
                    continue
                result.baseline = await measure_way(
                    browser, manifest, base_url, folder, "baseline", result, budget
                )
            await browser.close()


# --- The app under streamlit run ---------------------------------------------------------


def expected(data: Dataset, filters: FilterState) -> int:
    """Towns the app should draw for `filters` (hubmap's own filter function)."""
    return len(filter_towns(data.towns, filters))


def state_option(data: Dataset, code: str) -> str:
    """The multiselect's text for a state code, e.g. "VT - Vermont"."""
    names = data.towns.drop_duplicates("state").set_index("state")["state_name"]
    return f"{code} - {names[code]}"


async def memory_phase(
    browser: Browser, manifest: Path, server: Server, data: Dataset, app: AppResult, peak: Monitor
) -> br.Session:
    """Server memory idle, with one session and with `SESSIONS` sessions (each loads the
    map and makes one name search). Returns the first session, still open."""
    url = f"{server.url}/?{APP_QUERY}"
    app.rss_idle = server.rss()
    first = await br.new_session(browser, manifest)
    app.cold_load_s = await br.load_app(first, url, app.towns, timeout=120)
    await search_once(first, data, SESSION_QUERIES[0])
    app.rss_one = server.rss()
    others = [await br.new_session(browser, manifest) for _ in range(SESSIONS - 1)]
    await asyncio.gather(*(br.load_app(s, url, app.towns, timeout=180) for s in others))
    await asyncio.gather(
        *(search_once(s, data, q) for s, q in zip(others, SESSION_QUERIES[1:], strict=False))
    )
    app.rss_ten = server.rss()
    app.rss_peak = peak.peak
    for session in others:
        app.errors += await br.error_count(session.page)
        app.aborted += session.aborted
        await session.close()
    return first


async def search_once(session: br.Session, data: Dataset, query: str) -> None:
    """One name search, then a second of quiet so memory settles."""
    towns = expected(data, replace(ALL_TOWNS, name_query=query))
    await br.round_trip(session, partial(br.set_name_query, text=query), towns, timeout=120)
    await asyncio.sleep(1.0)


async def first_loads(
    browser: Browser, manifest: Path, url: str, app: AppResult, budget: Budget
) -> None:
    """`BROWSER_REPS` first page loads, each in a new context (a new session)."""
    for _ in range(BROWSER_REPS):
        if app.loads_s and budget.left() < 60:
            break
        session = await br.new_session(browser, manifest)
        try:
            app.loads_s.append(await br.load_app(session, url, app.towns))
            events = await br.settle(session.page)
            app.load_script_s += br.script_times(events)[:1]
            app.load_reruns.append(br.count(events, "rerun"))
            app.load_map_reruns.append(br.count(events, "fragment"))
            app.errors += await br.error_count(session.page)
            app.aborted += session.aborted
        finally:
            await session.close()


Action = Callable[[Page], Awaitable[float]]


def change_plan(data: Dataset) -> dict[str, list[tuple[Action, int, str | None]]]:
    """Per kind of change: (action, towns expected, metric label expected) in order."""
    metrics = [METRIC_CYCLE[i % len(METRIC_CYCLE)] for i in range(BROWSER_REPS)]
    names = [NAME_CYCLE[i % len(NAME_CYCLE)] for i in range(BROWSER_REPS)]
    if names[-1]:
        names.append("")  # leave the name search empty for the state changes
    every = expected(data, ALL_TOWNS)
    plan: dict[str, list[tuple[Action, int, str | None]]] = {
        "metric": [
            (partial(br.choose_metric, label=SCALES[m].label), every, SCALES[m].label)
            for m in metrics
        ],
        "name": [
            (
                partial(br.set_name_query, text=q),
                expected(data, replace(ALL_TOWNS, name_query=q)),
                None,
            )
            for q in names
        ],
        "state": [],
    }
    for i in range(BROWSER_REPS):
        code = STATE_CYCLE[(i // 2) % len(STATE_CYCLE)]
        option = state_option(data, code)
        adding = i % 2 == 0
        towns = expected(data, replace(ALL_TOWNS, states=(code,) if adding else ()))
        action = partial(br.add_state if adding else br.remove_state, option=option)
        plan["state"].append((action, towns, None))
    return plan


async def change_phase(
    session: br.Session,
    server: Server,
    data: Dataset,
    app: AppResult,
    budget: Budget,
    cpu: Monitor,
) -> None:
    """Widget change -> new map painted, `BROWSER_REPS` times for each kind of change."""
    for kind, steps in change_plan(data).items():
        changes = app.changes.setdefault(kind, Changes())
        for index, (action, towns, metric) in enumerate(steps):
            before, offset = cpu.cpu_seconds()["server"], server.log_size()
            trip = await br.round_trip(session, action, towns, metric)
            if index < BROWSER_REPS:  # an extra step only resets the view
                logged = server.script_times_since(offset)
                changes.add(trip, cpu.cpu_seconds()["server"] - before, logged[:1])
            if budget.left() < 30 and index >= 1:
                return  # out of time: stop here rather than leave a half-done plan
    app.errors += await br.error_count(session.page)


async def pan_phase(session: br.Session, server: Server, app: AppResult, cpu: Monitor) -> None:
    """Pan the map `BROWSER_REPS` times: which reruns a pan causes, and their cost."""
    for index in range(BROWSER_REPS):
        before, offset = cpu.cpu_seconds()["server"], server.log_size()
        trip = await br.pan(session, 150 if index % 2 == 0 else -150)
        app.pans.add(trip, cpu.cpu_seconds()["server"] - before, server.script_times_since(offset))


async def measure_app(data: Dataset, manifest: Path, budget: Budget) -> AppResult:
    """All app rows on one data set, against a server of our own."""
    app = AppResult(towns=expected(data, ALL_TOWNS))
    with streamlit_server(data.label, data.env) as server, Monitor(server.process.pid) as mon:
        print(f"  {data.label} / app: memory with 1 and {SESSIONS} sessions ...", flush=True)
        async with async_playwright() as pw:
            browser = await br.launch(pw)
            try:
                session = await memory_phase(browser, manifest, server, data, app, mon)
                print(f"  {data.label} / app: first loads and widget changes ...", flush=True)
                url = f"{server.url}/?{APP_QUERY}"
                await first_loads(browser, manifest, url, app, budget)
                await search_once(session, data, "")  # back to every town
                await change_phase(session, server, data, app, budget, mon)
                await pan_phase(session, server, app, mon)
                app.aborted += session.aborted
            except Exception as exc:  # report what was measured, and why the rest was not
                app.failure = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
                print(f"  {data.label} / app: FAILED {app.failure}")
            finally:
                await browser.close()
        app.traceback = "Traceback" in server.log()
    return app


# --- Report ------------------------------------------------------------------------------


def seconds(value: float | None) -> str:
    return "-" if value is None or value != value else f"{value:.3f} s"


def millis(value: float | None) -> str:
    return "-" if value is None or value != value else f"{value * 1000:.0f} ms"


def count(value: float | None) -> str:
    return "-" if value is None or value != value else f"{value:,.0f}"


def ratio(project: float | None, baseline: float | None) -> str:
    if not project or not baseline or project != project or baseline != baseline:
        return "-"
    return f"{project / baseline:.3f}"


def way_rows(result: DatasetResult) -> list[tuple[str, str, str, str]]:
    """Rows comparing the two ways: (measure, project, baseline, project / baseline)."""
    p, b = result.project, result.baseline
    rows: list[tuple[str, str, str, str]] = []
    fields: list[tuple[str, Callable[[WayResult], float | None], Callable[..., str]]] = [
        ("Python: build map objects", lambda w: w.python and w.python.build_s, seconds),
        ("Python: render standalone HTML", lambda w: w.python and w.python.render_s, seconds),
        ("Python: st_folium conversion", lambda w: w.python and w.python.component_s, seconds),
        ("Payload: standalone HTML (bytes)", lambda w: w.python and w.python.html_bytes, count),
        (
            "Payload: sent to the component (bytes)",
            lambda w: w.python and w.python.component_bytes,
            count,
        ),
        (
            "Payload: towns layer, bytes per town",
            lambda w: w.python and w.python.layer_bytes_per_town,
            count,
        ),
        ("Chromium: standalone map drawn", lambda w: w.drawn_s, seconds),
    ]
    for label, get, fmt in fields:
        pv, bv = get(p), get(b)
        shown = fmt(bv) if b.python else (b.note or "-")
        rows.append((label, fmt(pv), shown, ratio(pv, bv)))
    return rows


def app_rows(app: AppResult) -> list[tuple[str, str, str, str]]:
    """Rows of the app measurements (the project's way only)."""
    rows = [
        ("App: first page load, cold server", seconds(app.cold_load_s)),
        (f"App: first page load (x{len(app.loads_s)})", seconds(median(app.loads_s))),
        ("App: first page load, rerun -> finished (page)", millis(median(app.load_script_s))),
        (
            "App: first page load, reruns (page / map alone)",
            f"{count(median(app.load_reruns))} / {count(median(app.load_map_reruns))}",
        ),
    ]
    for kind, ch in app.changes.items():
        rows += [
            (f"App: {kind} change -> map drawn (x{len(ch.seconds)})", seconds(median(ch.seconds))),
            (f"App: {kind} change, script time (app log)", millis(median(ch.logged_script_s))),
            (f"App: {kind} change, rerun -> finished (page)", millis(median(ch.script_s))),
            (
                f"App: {kind} change, reruns (page / map alone)",
                f"{count(median(ch.reruns))} / {count(median(ch.map_reruns))}",
            ),
            (f"App: {kind} change, server CPU", millis(median(ch.server_cpu_s))),
        ]
    pans = app.pans
    rows += [
        (
            "App: map pan, reruns (page / map alone)",
            f"{count(median(pans.reruns))} / {count(median(pans.map_reruns))}",
        ),
        ("App: map pan, rerun -> finished (page)", millis(median(pans.seconds))),
        ("App: map pan, script time (app log)", millis(median(pans.logged_script_s))),
        ("App: map pan, server CPU", millis(median(pans.server_cpu_s))),
        ("Server RSS: idle (MiB)", mb(app.rss_idle)),
        ("Server RSS: 1 session (MiB)", mb(app.rss_one)),
        (f"Server RSS: {SESSIONS} sessions (MiB)", mb(app.rss_ten)),
        (f"Server RSS: peak while {SESSIONS} load (MiB)", mb(app.rss_peak)),
    ]
    return [(label, value, "", "") for label, value in rows]


def table(result: DatasetResult) -> str:
    """The markdown table of one data set."""
    data = result.data
    head = f"### {data.label}: {len(data.towns):,} towns"
    lines = [head, "", "| Measure | Project | Baseline | Project / baseline |", "|---|---|---|---|"]
    rows = way_rows(result) + (app_rows(result.app) if result.app else [])
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    if result.app and result.app.failure:
        lines.append(f"\nApp measurement stopped early: {result.app.failure}")
    return "\n".join(lines)


def targets(result: DatasetResult) -> list[tuple[str, str, str, bool | None]]:
    """(target, limit, measured, passed) per target; None: not measurable."""
    out: list[tuple[str, str, str, bool | None]] = []
    app = result.app or AppResult()
    out.append(script_target(app))
    for kind, ch in app.changes.items():
        value = median(ch.seconds)
        out.append(
            (f"New map after a {kind} change", "<= 1 s", seconds(value), _ok(value, NEW_MAP_MAX_S))
        )
    for kind, ch in app.changes.items():
        reruns = max(ch.reruns, default=float("nan"))
        out.append(
            (
                f"Page reruns per {kind} change (most seen)",
                "1",
                count(reruns),
                None if reruns != reruns else reruns == 1,
            )
        )
    load = median(app.loads_s)
    out.append(("First page load, map drawn", "<= 3 s", seconds(load), _ok(load, FIRST_LOAD_MAX_S)))
    per_town = result.project.python.layer_bytes_per_town if result.project.python else None
    out.append(
        ("Map payload per town", "<= 80 bytes", count(per_town), _ok(per_town, BYTES_PER_TOWN_MAX))
    )
    mem = app.rss_ten / app.rss_one if app.rss_one else float("nan")
    out.append(
        (
            f"Server memory, {SESSIONS} sessions / 1 session",
            "< 2x",
            f"{mem:.2f}x",
            None if mem != mem else mem < MEMORY_RATIO_MAX,
        )
    )
    return out


def script_target(app: AppResult) -> tuple[str, str, str, bool | None]:
    """The script-time target: the slowest kind of change (metric, name, state) by median,
    from the app's own log when it writes one; otherwise the page's rerun -> finished time,
    an upper bound that can only show a pass."""
    kinds = [app.changes.get(k, Changes()) for k in ("metric", "name", "state")]
    name = "Filter change script time, slowest kind"
    logged = max((median(ch.logged_script_s) for ch in kinds if ch.logged_script_s), default=None)
    if logged is not None:
        return f"{name} (app log)", "<= 150 ms", millis(logged), _ok(logged, SCRIPT_MAX_S)
    bound = max((median(ch.script_s) for ch in kinds if ch.script_s), default=None)
    ok = _ok(bound, SCRIPT_MAX_S) or None  # above the limit: unknown, not failed
    return f"{name} (no app log; page upper bound)", "<= 150 ms", f"<= {millis(bound)}", ok


def _ok(value: float | None, limit: float) -> bool | None:
    if value is None or value != value:
        return None
    return value <= limit


def verdict(passed: bool | None) -> str:
    return "not measurable" if passed is None else ("PASS" if passed else "FAIL")


def report(results: list[DatasetResult], elapsed: float) -> str:
    """The whole markdown report."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "# hubmap benchmark",
        "",
        f"{stamp}; {platform.node()}, {platform.machine()}, "
        f"Python {platform.python_version()}, streamlit {streamlit.__version__}, "
        f"folium {folium.__version__}. Medians of {BUILD_REPS} builds and "
        f"{BROWSER_REPS} browser runs. Run took {elapsed:.0f} s.",
        "",
        "Project: `base_map` + `towns_layer(towns_payload(...))`. Baseline: the same base map "
        "+ one `folium.CircleMarker` with a `folium.Tooltip` per town. App rows: the "
        "project's way in `streamlit run dashboard/app.py` with every town shown.",
    ]
    for result in results:
        parts += ["", table(result)]
    for result in results:
        parts += [
            "",
            f"### Targets, {result.data.label}",
            "",
            "| Target | Limit | Measured | Result |",
            "|---|---|---|---|",
        ]
        parts += [f"| {t} | {lim} | {m} | {verdict(ok)} |" for t, lim, m, ok in targets(result)]
    problems = [
        f"{r.data.label}: {what}"
        for r in results
        if r.app
        for what in (
            *(["error element on a page"] if r.app.errors else []),
            *(["Traceback in the server log"] if r.app.traceback else []),
            *([f"requests aborted offline: {sorted(set(r.app.aborted))}"] if r.app.aborted else []),
        )
    ]
    parts += ["", "Problems: " + ("; ".join(problems) if problems else "none")]
    return "\n".join(parts) + "\n"


# --- Main --------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-stress", action="store_true", help="only the shipped data")
    parser.add_argument("--no-app", action="store_true", help="skip the streamlit rows")
    parser.add_argument(
        "--budget", type=float, default=540, help="seconds; repetitions stop early after it"
    )
    return parser.parse_args()


async def run(args: argparse.Namespace, tmp: Path, budget: Budget) -> list[DatasetResult]:
    manifest = asset_manifest()
    datasets = [full_dataset()]
    if not args.no_stress:
        stress = stress_dataset(tmp)
        datasets += [stress] if stress else []
    results = [DatasetResult(data) for data in datasets]
    print("Python builds and standalone maps in Chromium:", flush=True)
    await measure_maps(results, manifest, tmp, budget)
    if not args.no_app:
        print("The app under streamlit run:", flush=True)
        for result in results:
            if budget.left() < 60:
                print(f"  {result.data.label} / app: skipped, time budget spent")
                continue
            result.app = await measure_app(result.data, manifest, budget)
    return results


def main() -> None:
    args = parse_args()
    budget = Budget(args.budget)
    with workdir() as tmp:
        results = asyncio.run(run(args, tmp, budget))
    text = report(results, budget.spent())
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written to {RESULTS / 'latest.md'} at {time.strftime('%H:%M:%S')}")


if __name__ == "__main__":
    main()
