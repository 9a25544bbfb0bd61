"""Many users at once: 20 browser sessions against one `streamlit run dashboard/app.py`.

Usage: python bench/load_test.py [--sessions 20] [--changes 10] [--deadline 420]

Each session (a Playwright context; the sessions share 2 Chromium processes) opens the app
on the default view, then makes `--changes` filter changes, each one widget: adding or
removing a state in the multiselect, or typing a name search. After each change it checks
that the map shows exactly the towns `hubmap.filters.filter_towns` gives for the filters
decoded (`hubmap.viewstate.decode`) from the page's query string, that those are the
filters it asked for, and that no Streamlit error element is on the page. At the end the
server log must hold no Traceback. Reports median and 95th percentile of the round trip
(widget change -> new map painted) and the server's memory; writes
bench/results/load_test.md. Every wait is bounded, and sessions stop changing filters
once `--deadline` seconds have passed. Exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import browser as br
from common import (
    RESULTS,
    Dataset,
    Monitor,
    Server,
    asset_manifest,
    full_dataset,
    mb,
    median,
    percentile,
    streamlit_server,
)
from playwright.async_api import Browser, Page, async_playwright

from hubmap.filters import FilterState, filter_towns
from hubmap.viewstate import decode

BROWSERS = 2
STAGGER_S = 0.5
"""Session i opens the app i * STAGGER_S seconds after the first."""
LOAD_TIMEOUT_S = 240
CHANGE_TIMEOUT_S = 120
STATES_IN_PLAY = 12
"""Sessions toggle states among the ones with the most towns."""

CPU_USERS = {
    "server": "the streamlit server",
    "browsers": "the Chromium processes",
    "harness": "this script and Playwright's driver",
}

Action = Callable[[Page], Awaitable[float]]


@dataclass
class SessionReport:
    """What one simulated user saw."""

    index: int
    load_s: float | None = None
    trips: list[br.Trip] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    errors: int = 0
    aborted: list[str] = field(default_factory=list)


def plan(data: Dataset, index: int, changes: int) -> list[FilterState]:
    """The filters after each change of session `index`: each differs from the one before
    in one widget (one state added or removed, or the name search) and shows other towns."""
    shown = filter_towns(data.towns, FilterState())
    states = shown["state"].value_counts().index[:STATES_IN_PLAY].tolist()
    a, b, c = (states[(index + k) % len(states)] for k in (0, 3, 7))
    base = FilterState()
    cycle = [
        replace(base, states=(a,)),
        replace(base, states=(a, b)),
        replace(base, states=(a, b), name_query="e"),
        replace(base, states=(a, b)),
        replace(base, states=(b,)),
        replace(base, states=(b,), name_query="a"),
        replace(base, states=(b, c), name_query="a"),
        replace(base, states=(b, c)),
        replace(base, states=(c,)),
        base,
    ]
    steps = [cycle[i % len(cycle)] for i in range(changes)]
    ids = [set(filter_towns(data.towns, f)["town_id"]) for f in [base, *steps]]
    if any(x == y for x, y in itertools.pairwise(ids)):
        raise ValueError(f"session {index}: a planned change would not change the map")
    return steps


def action_for(data: Dataset, before: FilterState, after: FilterState) -> Action:
    """The one widget change that turns `before` into `after`."""
    names = data.towns.drop_duplicates("state").set_index("state")["state_name"]
    added = [s for s in after.states if s not in before.states]
    removed = [s for s in before.states if s not in after.states]
    if added:
        return partial(br.add_state, option=f"{added[0]} - {names[added[0]]}")
    if removed:
        return partial(br.remove_state, option=f"{removed[0]} - {names[removed[0]]}")
    return partial(br.set_name_query, text=after.name_query)


def same_filters(a: FilterState, b: FilterState) -> bool:
    """Equal, whatever the order the states were picked in."""
    return replace(a, states=tuple(sorted(a.states))) == replace(b, states=tuple(sorted(b.states)))


async def check_page(page: Page, data: Dataset, wanted: FilterState) -> str | None:
    """None if the page's link decodes to `wanted` and the map shows exactly the towns
    `filter_towns` gives for the link's filters; else what is wrong."""
    states = sorted(data.towns["state"].unique())
    deadline = time.monotonic() + 30
    while True:
        query = urlsplit(page.url).query
        view, warnings = decode(parse_qs(query), states)
        if same_filters(view.filters, wanted) and not warnings:
            break
        if time.monotonic() > deadline:
            return f"link {query!r} does not decode to the filters asked for ({warnings})"
        await asyncio.sleep(0.1)
    shown = await br.drawn_count(page)
    towns = len(filter_towns(data.towns, view.filters))
    return None if shown == towns else f"map shows {shown} towns, link {query!r} means {towns}"


async def run_session(
    browser: Browser, manifest: Path, server: Server, data: Dataset, report: SessionReport,
    changes: int, deadline: float,
) -> None:  # fmt: skip
    """One user: open the app, then change filters, checking the map after each change."""
    await asyncio.sleep(report.index * STAGGER_S)
    session = await br.new_session(browser, manifest)
    try:
        before = FilterState()
        towns = len(filter_towns(data.towns, before))
        report.load_s = await br.load_app(session, server.url, towns, timeout=LOAD_TIMEOUT_S)
        for after in plan(data, report.index, changes):
            if time.monotonic() > deadline:
                report.failures.append("deadline reached before all changes were made")
                break
            towns = len(filter_towns(data.towns, after))
            action = action_for(data, before, after)
            report.trips.append(
                await br.round_trip(session, action, towns, timeout=CHANGE_TIMEOUT_S)
            )
            problem = await check_page(session.page, data, after)
            if problem:
                report.failures.append(problem)
            report.errors += await br.error_count(session.page)
            before = after
    except Exception as exc:  # one user's failure is a finding, not the end of the test
        report.failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        report.aborted += session.aborted
        await session.close()


@dataclass
class LoadResult:
    """The whole test."""

    sessions: list[SessionReport]
    rss_idle: int
    rss_peak: int
    rss_end: int
    traceback: bool
    seconds: float
    cpu: dict[str, float]
    """CPU seconds by kind of process (see `Monitor.cpu_seconds`)."""
    logged_script_s: list[float]


async def load_test(args: argparse.Namespace) -> LoadResult:
    manifest = asset_manifest()
    data = full_dataset()
    reports = [SessionReport(i) for i in range(args.sessions)]
    start = time.monotonic()
    with streamlit_server("load-test") as server, Monitor(server.process.pid, 0.5) as sampler:
        idle = server.rss()
        async with async_playwright() as pw:
            browsers = [await br.launch(pw) for _ in range(BROWSERS)]
            deadline = start + args.deadline
            runs = [
                run_session(
                    browsers[r.index % BROWSERS], manifest, server, data, r, args.changes, deadline
                )
                for r in reports
            ]
            await asyncio.wait_for(asyncio.gather(*runs), timeout=args.deadline + 300)
            end = server.rss()
            cpu = sampler.cpu_seconds()
            for b in browsers:
                await b.close()
        traceback = "Traceback" in server.log()
        seconds = time.monotonic() - start
        logged = server.script_times_since(0)
        return LoadResult(reports, idle, sampler.peak, end, traceback, seconds, cpu, logged)


def summary(result: LoadResult, args: argparse.Namespace) -> tuple[str, bool]:
    """The markdown report and whether everything passed."""
    trips = [t for r in result.sessions for t in r.trips]
    rt = [t.seconds for t in trips]
    scripts = [s for t in trips for s in t.script_times[:1]]
    logged = result.logged_script_s
    loads = [r.load_s for r in result.sessions if r.load_s is not None]
    failures = [f"session {r.index}: {f}" for r in result.sessions for f in r.failures]
    errors = sum(r.errors for r in result.sessions)
    aborted = [u for r in result.sessions for u in r.aborted]
    wanted = args.sessions * args.changes
    ok = not failures and not errors and not result.traceback and len(rt) == wanted
    rows = [
        (f"Sessions (browser contexts in {BROWSERS} Chromium processes)", f"{args.sessions}"),
        ("Sessions that loaded the map", f"{len(loads)}"),
        ("Filter changes made and checked", f"{len(rt)} of {wanted}"),
        ("First load, map drawn: median / p95", _spread(loads)),
        ("Round trip (change -> new map painted): median / p95", _spread(rt)),
        ("Round trip: max", f"{max(rt):.2f} s" if rt else "-"),
        ("Rerun -> finished, seen by the page: median / p95", _spread(scripts)),
        (f"Script time per run, app log ({len(logged)} runs): median / p95", _spread(logged, 3)),
        ("Server CPU per user action (a first load or a change)",
         f"{result.cpu['server'] / max(len(loads) + len(rt), 1):.3f} s"),
        ("Server RSS: idle / peak / at the end (MiB)",
         f"{mb(result.rss_idle)} / {mb(result.rss_peak)} / {mb(result.rss_end)}"),
        ("Map count wrong or link not as asked", f"{len(failures)}"),
        ("Pages with an error element", f"{errors}"),
        ("Traceback in the server log", "yes" if result.traceback else "no"),
        ("Requests aborted (not served offline; reported, not failed)",
         f"{len(aborted)} {sorted(set(aborted))[:3] if aborted else ''}"),
        ("Took", f"{result.seconds:.0f} s on {os.cpu_count()} CPU cores"),
        *(
            (f"CPU used by {who} (s; mean cores busy)",
             f"{result.cpu[key]:.0f} s; {result.cpu[key] / result.seconds:.2f}")
            for key, who in CPU_USERS.items()
        ),
    ]  # fmt: skip
    lines = ["# hubmap load test", "", "| Measure | Value |", "|---|---|"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    lines += ["", f"Result: {'PASS' if ok else 'FAIL'}"]
    lines += [f"- {f}" for f in failures[:20]]
    return "\n".join(lines) + "\n", ok


def _spread(values: list[float], digits: int = 2) -> str:
    """ "median / 95th percentile" in seconds, "-" for no values."""
    if not values:
        return "-"
    return f"{median(values):.{digits}f} s / {percentile(values, 95):.{digits}f} s"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--changes", type=int, default=10, help="filter changes per session")
    parser.add_argument(
        "--deadline", type=float, default=420, help="seconds; no new change after it"
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    result = asyncio.run(load_test(args))
    text, ok = summary(result, args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load_test.md").write_text(text, encoding="utf-8")
    print(text)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
