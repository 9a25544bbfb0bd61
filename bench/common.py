"""Shared pieces of the benchmarks: paths, data sets, statistics, a time budget, a
`streamlit run` server of our own and the memory of its process tree.

Importing this module puts the repository root and `src/` on `sys.path`, so the bench
scripts can import `hubmap` and the browser-test helpers in `tests/browser/offline.py`.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO / "src", REPO):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import geopandas as gpd  # noqa: E402  (needs the paths above when hubmap is not installed)

from hubmap.towns import GEODATA_ENV, load_towns  # noqa: E402
from tests.browser.offline import (  # noqa: E402
    free_port,
    streamlit_command,
    wait_until_healthy,
)

RESULTS = REPO / "bench" / "results"
APP = REPO / "dashboard" / "app.py"
RAW_DATA = REPO.parent / "shared" / "rawdata"
FETCH_ASSETS = REPO / "scripts" / "fetch_browser_assets.py"
MB = 1024 * 1024
TIMING_ENV = "HUBMAP_TIMING"
"""Set to 1 for the servers we start: an app that supports it then logs one line per script
run, `hubmap-timing ... script_ms=<milliseconds>`, which the bench reads as script time."""
TIMING_LINE = re.compile(r"hubmap-timing\b[^\n]*?\bscript_ms=([0-9.]+)")


@dataclass(frozen=True)
class Dataset:
    """A geodata folder (None: the shipped `geodata/`) and its town table."""

    label: str
    folder: Path | None
    towns: gpd.GeoDataFrame

    @property
    def env(self) -> dict[str, str]:
        """Environment for a server that should read this data set."""
        return {GEODATA_ENV: str(self.folder)} if self.folder else {}


def full_dataset() -> Dataset:
    """The shipped `geodata/` (about 17,000 towns)."""
    return Dataset("full", None, load_towns(REPO / "geodata"))


def stress_dataset(workdir: Path) -> Dataset | None:
    """Every Census place (about 33,000 towns), built into `workdir` with `hubmap build`;
    None (with a message) when the raw inputs are not there or the build fails."""
    if not RAW_DATA.is_dir():
        print(f"stress set skipped: {RAW_DATA} does not exist")
        return None
    out = workdir / "stress-geodata"
    cli = Path(sys.executable).with_name("hubmap")
    cmd = [str(cli), "build", "--raw", str(RAW_DATA), "--out", str(out), "--us-min-population", "0"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    if proc.returncode != 0:
        print(f"stress set skipped: hubmap build failed\n{proc.stderr[-2000:]}")
        return None
    return Dataset("stress", out, load_towns(out))


def asset_manifest() -> Path:
    """Run `scripts/fetch_browser_assets.py` (cached after the first time); its manifest."""
    proc = subprocess.run(
        [sys.executable, str(FETCH_ASSETS)], capture_output=True, text=True, check=True
    )
    return Path(proc.stdout.strip().splitlines()[-1])


def median(values: Sequence[float]) -> float:
    """Median, NaN for no values."""
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], pct: float) -> float:
    """The `pct` percentile (nearest rank), NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = math.ceil(pct / 100 * len(ordered))
    return ordered[min(max(rank, 1), len(ordered)) - 1]


@dataclass
class Budget:
    """A wall-clock budget: loops ask `left()` and stop early when it runs out."""

    seconds: float
    start: float = field(default_factory=time.monotonic)

    def left(self) -> float:
        """Seconds remaining (negative once spent)."""
        return self.seconds - (time.monotonic() - self.start)

    def spent(self) -> float:
        """Seconds since the start."""
        return time.monotonic() - self.start


def _tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total = 0
    for proc in _tree(pid):
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


class Monitor:
    """Samples, every `interval` seconds in a thread: the peak resident memory of the
    server's process tree, and CPU seconds used since the start by each kind of process
    this script started (see `cpu_seconds`). Processes that exit keep their last reading."""

    def __init__(self, server_pid: int, interval: float = 0.25) -> None:
        self.server_pid = server_pid
        self.interval = interval
        self.peak = 0
        self._cpu: dict[tuple[int, float], tuple[str, float]] = {}
        self._first: dict[tuple[int, float], float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        with self._lock:
            self._sample_now()

    def _sample_now(self) -> None:
        server = {p.pid for p in _tree(self.server_pid)}
        self.peak = max(self.peak, tree_rss(self.server_pid))
        for proc in _tree(os.getpid()):
            try:
                key = (proc.pid, proc.create_time())
                times = proc.cpu_times()
                name = proc.name().lower()
            except psutil.NoSuchProcess:
                continue
            kind = "server" if proc.pid in server else "browsers" if "chrom" in name else "harness"
            used = times.user + times.system
            self._first.setdefault(key, used)
            self._cpu[key] = (kind, used)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds since the start (read now) of "server" (the streamlit process tree),
        "browsers" (Chromium) and "harness" (this script and Playwright's driver)."""
        self._sample()
        totals = dict.fromkeys(("server", "browsers", "harness"), 0.0)
        for key, (kind, used) in self._cpu.items():
            totals[kind] += used - self._first[key]
        return totals

    def __enter__(self) -> Monitor:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass(frozen=True)
class Server:
    """A `streamlit run dashboard/app.py` of ours on 127.0.0.1."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def rss(self) -> int:
        """Resident memory of the server's process tree (bytes)."""
        return tree_rss(self.process.pid)

    def log(self) -> str:
        """The server's stdout and stderr so far."""
        return self.log_path.read_text(errors="replace")

    def log_size(self) -> int:
        """Bytes in the log so far (an offset for `script_times_since`)."""
        return self.log_path.stat().st_size

    def script_times_since(self, offset: int) -> list[float]:
        """Script times (s) the app logged after `offset`, if it logs them (see
        `TIMING_ENV`); empty otherwise."""
        with self.log_path.open("rb") as log:
            log.seek(offset)
            text = log.read().decode(errors="replace")
        return [float(ms) / 1000 for ms in TIMING_LINE.findall(text)]


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def streamlit_server(
    name: str, env: Mapping[str, str] | None = None, timeout: float = 90, app: Path = APP
) -> Iterator[Server]:
    """Start `app` (hubmap's by default) on a free 127.0.0.1 port (log in bench/results/),
    stop it afterwards."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = RESULTS / f"streamlit-{name}.log"
    cmd = streamlit_command(app, port)
    pythonpath = os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))
    full_env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": pythonpath,
        TIMING_ENV: "1",
        **(env or {}),
    }
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", proc, log_path)
    try:
        try:
            wait_until_healthy(server.url, server.process, timeout)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}:\n{server.log()[-3000:]}") from exc
        yield server
    finally:
        _stop(proc)


@contextmanager
def workdir() -> Iterator[Path]:
    """A temporary directory for built data and map files, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="hubmap-bench-") as tmp:
        yield Path(tmp)


def mb(value: float) -> str:
    """Bytes as MiB with one decimal."""
    return f"{value / MB:,.1f}"
