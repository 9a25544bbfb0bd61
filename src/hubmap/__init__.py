"""hubmap: where tech workers can live well outside the expensive tech cities.

The library behind the dashboard: the town table and its schema (`towns`, `schema`),
metrics and scores (`metrics`), filtering (`filters`), colour scales (`colors`), the base
map and views (`mapview`), the towns layer and its payload (`townslayer`, with `embed` for
putting data into the map's script) and the URL codec (`viewstate`). It never imports
streamlit.
"""

__version__ = "0.1.0"
