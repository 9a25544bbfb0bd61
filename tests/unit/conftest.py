"""Shared fixtures of the unit tests: the hand-made raw folder and one build of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hubmap.pipeline.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The hand-made raw folder (`tests/fixtures/raw`, see its README)."""
    return FIXTURES / "raw"


@pytest.fixture(scope="session")
def incentives_file() -> Path:
    """The hand-made incentives table (four made-up programs)."""
    return FIXTURES / "incentives.csv"


@pytest.fixture(scope="session")
def run_build() -> Callable[..., int]:
    """`run_build(raw, out, incentives, *extra)`: `hubmap build` in-process, its exit code."""

    def run(raw: Path, out: Path, incentives: Path, *extra: str) -> int:
        args = ["build", "--raw", str(raw), "--out", str(out), "--incentives", str(incentives)]
        return main([*args, *extra])

    return run


@pytest.fixture(scope="session")
def built_geodata(
    tmp_path_factory: pytest.TempPathFactory,
    raw_dir: Path,
    incentives_file: Path,
    run_build: Callable[..., int],
) -> Path:
    """`geodata/` built once from the fixtures (read-only for the tests)."""
    out = tmp_path_factory.mktemp("fixture-build") / "geodata"
    assert run_build(raw_dir, out, incentives_file) == 0
    return out
