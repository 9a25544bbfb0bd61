"""Fixtures for browser tests: Debian chromium, a Streamlit server, an offline page.

Fixtures:
- ``browser`` (session): Playwright Browser on ``/usr/bin/chromium``
  (``HUBMAP_CHROMIUM`` overrides). Skips when missing, fails when ``CI`` is set.
- ``asset_manifest`` (session): path of the CDN asset manifest, fetched if needed.
- ``streamlit_app`` (session): factory ``(script=DEFAULT_APP, env=None) -> StreamlitApp``;
  one server per (script, env), stopped at the end of the session.
- ``aborted_urls``: the list of URLs the offline routes aborted (must stay empty).
- ``context`` / ``page``: offline BrowserContext (1400x1000) and a Page in it; a failing
  test leaves a screenshot in ``test-artifacts/``.
- ``map_frame``: the helper from ``offline.py``.
- ``artifacts_dir`` (session): ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page, sync_playwright

from .offline import (
    free_port,
    install_offline_routes,
    streamlit_command,
    wait_until_healthy,
)
from .offline import map_frame as _map_frame

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
DEFAULT_APP = REPO_ROOT / "dashboard" / "app.py"
FETCH_SCRIPT = REPO_ROOT / "scripts" / "fetch_browser_assets.py"
CHROMIUM = os.environ.get("HUBMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}


def _unavailable(reason: str) -> None:
    """Fail under CI, skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``test-artifacts/`` at the repo root (screenshots, server logs)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def asset_manifest() -> Path:
    """Run ``scripts/fetch_browser_assets.py`` (a no-op when cached); return the manifest."""
    proc = subprocess.run(
        [sys.executable, str(FETCH_SCRIPT)], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        _unavailable(f"browser assets could not be fetched:\n{proc.stderr}{proc.stdout}")
    return Path(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium driven by Playwright (sync API)."""
    if not Path(CHROMIUM).is_file():
        _unavailable(f"{CHROMIUM} not found: apt-get install -y chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass(frozen=True)
class StreamlitApp:
    """A running ``streamlit run`` server: its base URL, log file and process."""

    url: str
    log_path: Path
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        """Server stdout+stderr so far."""
        return self.log_path.read_text(errors="replace")

    def assert_no_traceback(self) -> None:
        """Fail if the server log holds a Python traceback."""
        text = self.log()
        assert "Traceback" not in text, f"server log {self.log_path}:\n{text[-4000:]}"


StreamlitFactory = Callable[..., StreamlitApp]


@pytest.fixture(scope="session")
def streamlit_app(artifacts_dir: Path) -> Iterator[StreamlitFactory]:
    """Factory ``(script=DEFAULT_APP, env=None, timeout=60) -> StreamlitApp``.

    Starts ``python -m streamlit run script`` on a free port with ``env`` added to
    the environment, once per (script, env) for the session; logs go to
    ``test-artifacts/streamlit-<name>-<port>.log``. Stops its own processes only.
    """
    servers: dict[tuple[str, frozenset[tuple[str, str]]], StreamlitApp] = {}

    def start(
        script: str | Path = DEFAULT_APP,
        env: Mapping[str, str] | None = None,
        timeout: float = 60,
    ) -> StreamlitApp:
        script = Path(script).resolve()
        key = (str(script), frozenset((env or {}).items()))
        if key in servers and servers[key].process.poll() is None:
            return servers[key]
        port = free_port()
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", script.stem)
        log_path = artifacts_dir / f"streamlit-{name}-{port}.log"
        cmd = streamlit_command(script, port)
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                cmd, cwd=REPO_ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT
            )
        app = StreamlitApp(f"http://127.0.0.1:{port}", log_path, proc)
        servers[key] = app
        try:
            wait_until_healthy(app.url, proc, timeout)
        except RuntimeError as exc:
            pytest.fail(f"{exc}:\n{log_path.read_text()[-4000:]}")
        return app

    yield start
    for app in servers.values():
        if app.process.poll() is None:
            app.process.terminate()
            try:
                app.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.process.kill()
                app.process.wait()


@pytest.fixture
def aborted_urls() -> list[str]:
    """URLs the offline routes aborted in this test (clear it if a test expects some)."""
    return []


@pytest.fixture
def context(
    browser: Browser, asset_manifest: Path, aborted_urls: list[str]
) -> Iterator[BrowserContext]:
    """Offline BrowserContext (1400x1000); no URL may be aborted."""
    ctx = browser.new_context(viewport=VIEWPORT)
    install_offline_routes(ctx, asset_manifest, aborted_urls)
    yield ctx
    ctx.close()
    assert not aborted_urls, f"requests aborted (not served offline): {aborted_urls}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser with ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item, so ``page`` can tell a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def page(
    context: BrowserContext, artifacts_dir: Path, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A Page in the offline context; screenshots itself to test-artifacts/ on failure."""
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", request.node.nodeid)
        pg.screenshot(path=artifacts_dir / f"FAILED-{name}.png", full_page=True)


@pytest.fixture
def map_frame() -> Callable[..., Frame]:
    """``map_frame(page, index=0, timeout=30_000) -> Frame`` of the streamlit-folium iframe."""
    return _map_frame
