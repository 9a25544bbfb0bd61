"""hubmap's entry point (Streamlit Community Cloud runs this file): page setup and navigation.

With the environment variable HUBMAP_TIMING set, every script run logs its duration to
stderr as `hubmap-timing page=... script_ms=...` (read by bench/; see ui_timing.py).
"""

import time
from pathlib import Path

import streamlit as st
import ui_style
import ui_timing

started = time.perf_counter()
st.set_page_config(
    page_title="hubmap: towns for remote tech workers",
    # A local image: an emoji or :material: favicon is fetched from a font CDN.
    page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
    layout="wide",
)
ui_style.apply()
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
    ui_timing.log_script_time(page.url_path or "explorer", started)
