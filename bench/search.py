"""What the "Find a town" search box costs, on the shipped towns (~17,000) and on every Census
place (~33,000), against the alternative of one st.selectbox holding every town.

Measured in one run, for each data set:
- Python: building the index (`hubmap.search.search_index`, once per server process) and one
  `suggest` call per typed prefix of a set of queries (median and p95).
- Bytes: what one keystroke sends to the browser (the suggestions) against what a selectbox
  of every town sends on every page run (its option labels).
- App: `streamlit run` with HUBMAP_TIMING=1 in headless Chromium; "Morgantown, WV" typed one
  key at a time, then chosen with Enter. Counted from the server's timing log: page runs and
  search-fragment runs while typing (the page must not rerun), their script times, the time
  from the last key to the suggestion on screen, and from Enter to the card.

    python bench/search.py [--skip-stress] [--out bench/results/search-<date>.json]

Writes the figures as JSON and prints a table. Uses the shipped geodata and, for the stress
set, `hubmap build --us-min-population 0` into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from common import (
    APP,
    RESULTS,
    TIMING_ENV,
    Dataset,
    asset_manifest,
    free_port,
    full_dataset,
    median,
    percentile,
    streamlit_command,
    stress_dataset,
    wait_until_healthy,
)
from playwright.sync_api import sync_playwright

from hubmap.search import search_index, suggest
from tests.browser.offline import install_offline_routes, map_frame, wait_for_towns

QUERIES = ("Morgantown, WV", "Bend OR", "bend", "springfield", "st george ut", "Québec")
TYPED = "Morgantown, WV"
SEARCH_FRAME = 'iframe[title="streamlit_searchbox.searchbox"]'
TIMING = re.compile(r"hubmap-timing page=(\S+) script_ms=([0-9.]+)")


def python_costs(towns) -> dict:
    """Index build (s) and `suggest` per keystroke (ms) over every prefix of QUERIES."""
    builds = []
    for _ in range(3):
        started = time.perf_counter()
        index = search_index(towns)
        builds.append(time.perf_counter() - started)
    calls, sent = [], []
    for _ in range(5):
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                started = time.perf_counter()
                found = suggest(index, query[:end])
                calls.append((time.perf_counter() - started) * 1000)
                sent.append(len(json.dumps([{"label": label, "value": i}
                                            for i, (label, _) in enumerate(found)])))  # fmt: skip
    labels = (towns["name"].astype(str) + ", " + towns["state"].astype(str)).tolist()
    return {
        "towns": len(towns),
        "index_build_s": round(median(builds), 3),
        "suggest_ms_median": round(median(calls), 2),
        "suggest_ms_p95": round(percentile(calls, 95), 2),
        "keystroke_bytes_max": max(sent),
        "selectbox_every_town_bytes": len(json.dumps(labels)),
    }


def _runs(log: Path, start: int) -> list[tuple[str, float]]:
    text = log.read_text(errors="replace")[start:]
    return [(m[1], float(m[2])) for m in TIMING.finditer(text)]


def app_costs(data: Dataset, manifest: Path, workdir: Path) -> dict:
    """Page and fragment runs while typing, and the times a user waits."""
    port = free_port()
    log = workdir / f"search-{data.label}.log"
    env = {**os.environ, TIMING_ENV: "1", **data.env}
    with log.open("wb") as out:
        server = subprocess.Popen(streamlit_command(APP, port), env=env, stdout=out,
                                  stderr=subprocess.STDOUT, cwd=APP.parents[1])  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, server, 90)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            install_offline_routes(context, manifest)
            page = context.new_page()
            page.set_default_timeout(90_000)
            page.goto(url)
            wait_for_towns(map_frame(page, timeout=90_000), timeout=90_000)
            page.wait_for_timeout(1_500)
            box = page.frame_locator(SEARCH_FRAME).locator("input")
            box.click()
            before = len(log.read_text(errors="replace"))
            box.press_sequentially(TYPED, delay=150)
            typed_at = time.perf_counter()
            option = page.frame_locator(SEARCH_FRAME).get_by_text(TYPED, exact=True).last
            option.wait_for()
            suggestion_s = time.perf_counter() - typed_at
            page.wait_for_timeout(1_000)
            typing = _runs(log, before)
            before = len(log.read_text(errors="replace"))
            chosen_at = time.perf_counter()
            box.press("Enter")
            page.get_by_role("heading", name="Morgantown, West Virginia").wait_for()
            card_s = time.perf_counter() - chosen_at
            page.wait_for_timeout(1_500)
            choosing = _runs(log, before)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    fragment = [ms for name, ms in typing if name == "explorer-search"]
    return {
        "keys_typed": len(TYPED),
        "page_runs_while_typing": sum(1 for name, _ in typing if name == "explorer"),
        "search_fragment_runs_while_typing": len(fragment),
        "search_fragment_ms_median": round(median(fragment), 1),
        "search_fragment_ms_max": round(max(fragment), 1) if fragment else None,
        "last_key_to_suggestion_s": round(suggestion_s, 2),
        "page_runs_after_choosing": sum(1 for name, _ in choosing if name == "explorer"),
        "enter_to_card_s": round(card_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-stress", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    manifest = asset_manifest()
    results = {"measured_at": datetime.now(UTC).isoformat(timespec="minutes"), "sets": {}}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        sets = [full_dataset()]
        if not args.skip_stress:
            stress = stress_dataset(workdir)
            sets += [stress] if stress else []
        for data in sets:
            figures = python_costs(data.towns)
            figures.update(app_costs(data, manifest, workdir))
            results["sets"][data.label] = figures
    out = args.out or RESULTS / f"search-{results['measured_at'][:10]}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    names = list(results["sets"])
    print(f"{'':40}" + "".join(f"{n:>14}" for n in names))
    for key in results["sets"][names[0]]:
        print(f"{key:40}" + "".join(f"{results['sets'][n][key]!s:>14}" for n in names))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
