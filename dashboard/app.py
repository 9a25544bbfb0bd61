"""hubmap's entry point (Streamlit Community Cloud runs this file): page setup and navigation.

With the environment variable HUBMAP_TIMING set, every script run logs its duration to
stderr as `hubmap-timing page=... script_ms=...` (read by bench/).
"""

import os
import sys
import time
from pathlib import Path

import streamlit as st

started = time.perf_counter()
st.set_page_config(
    page_title="hubmap: towns for remote tech workers",
    # A local image: an emoji or :material: favicon is fetched from a font CDN.
    page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
    layout="wide",
)
page = st.navigation(
    [
        st.Page("pages/explorer.py", title="Map explorer", icon=":material/map:", default=True),
        st.Page(
            "pages/sources.py",
            title="Sources and method",
            icon=":material/menu_book:",
            url_path="sources",
        ),
    ]
)
try:
    page.run()
finally:
    if os.environ.get("HUBMAP_TIMING"):
        elapsed = (time.perf_counter() - started) * 1000
        print(f"hubmap-timing page={page.url_path or 'explorer'} script_ms={elapsed:.1f}",
              file=sys.stderr, flush=True)  # fmt: skip
