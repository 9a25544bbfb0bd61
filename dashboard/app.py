"""hubmap's entry point (Streamlit Community Cloud runs this file): page setup and navigation."""

import streamlit as st

st.set_page_config(page_title="hubmap: towns for remote tech workers", page_icon="🗺️", layout="wide")
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
page.run()
