"""The app under AppTest as a returning session sees it: the map has reported its view.

A session's first run draws only the map and the card and waits for the map's report (see
`dashboard/ui_map.py`); AppTest has no browser to send it, so these tests start after it.
"""

from __future__ import annotations

from pathlib import Path

import ui_map
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def explorer_app(timeout: float = 90, reported: bool = True) -> AppTest:
    """An AppTest of the app, `timeout` seconds per run; `reported`: the map has reported."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if reported:
        at.session_state[ui_map.REPORTED] = True
    return at
