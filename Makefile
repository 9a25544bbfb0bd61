# Two commands for a fresh machine (Python 3.11+):  make run  |  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint build bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.app: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.app
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

## Start the app on the data shipped in geodata/ (http://localhost:8501).
run: $(VENV)/.app
	$(BIN)/streamlit run dashboard/app.py

## Install everything the tests need (Python packages, Debian's chromium, Leaflet assets), then lint and run every test.
test: $(VENV)/.test
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	$(BIN)/python scripts/fetch_browser_assets.py
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

## Rebuild geodata/ from the raw public files (../shared/rawdata by default), and the map's outlines file.
build: $(VENV)/.app
	$(BIN)/hubmap build
	$(BIN)/python scripts/write_map_outlines.py

## Speed and memory against the one-CircleMarker-per-town baseline, then against st.pydeck_chart.
bench: $(VENV)/.test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/versus_pydeck.py
