"""The script-time log the benchmark reads: with the environment variable HUBMAP_TIMING set,
`log_script_time` writes `hubmap-timing page=<name> script_ms=<ms>` to stderr."""

from __future__ import annotations

import os
import sys
import time


def log_script_time(page: str, started: float) -> None:
    """Log the time since `started` (a `time.perf_counter()` value) for `page`, if asked."""
    if os.environ.get("HUBMAP_TIMING"):
        elapsed_ms = (time.perf_counter() - started) * 1000
        print(f"hubmap-timing page={page} script_ms={elapsed_ms:.1f}", file=sys.stderr, flush=True)
