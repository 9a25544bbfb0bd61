"""Floor of a first load: a Streamlit page with a title and nothing else.

Run by bench/versus_pydeck.py as a reference row: how long Streamlit's own boot (page,
JavaScript, websocket, first script run, one element rendered) takes on this machine, with
no map at all.
"""

import streamlit as st

st.set_page_config(page_title="Empty page", layout="wide")  # hubmap's layout
st.title("Empty page")
