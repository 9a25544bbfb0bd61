"""The downloads and the citation follow the view: file names, the rows and the sidecar."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from hubmap.filters import FilterState, filter_towns
from hubmap.towns import load_towns
from tests.explorer_app import explorer_app


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """File name -> the callable that builds the file, for every deferred download the
    app registers (AppTest cannot click a download button)."""
    files: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return files


def test_downloads_are_named_after_the_view_and_hold_its_rows(downloads) -> None:
    at = explorer_app(90)
    at.query_params.update({"state": "MT", "tier": "gig", "metric": "score"})
    at.run()
    at.segmented_control(key="panel").set_value("Table").run()
    assert not at.exception, [e.message for e in at.exception]
    day = datetime.now(UTC).date().isoformat()
    stem = f"hubmap-montana-gigabit-wired-hub-score-{day}"
    assert {f"{stem}.csv", f"{stem}-about.json", f"{stem}.geojson"} <= set(downloads)
    assert [b.label for b in at.download_button] == [
        "Download CSV", "About this file (JSON)", "Download GeoJSON"
    ]  # fmt: skip
    expected = filter_towns(
        load_towns(),
        FilterState(states=("MT",), tiers=("Gigabit wired (fiber-class)",)),
    )
    text = downloads[f"{stem}.csv"]().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert sorted(r["Town id"] for r in rows) == sorted(expected["town_id"])
    assert {r["State/province"] for r in rows} == {"MT"}
    assert any(r["Hub score (0-100)"] != "" for r in rows)
    about = json.loads(downloads[f"{stem}-about.json"]())
    assert about["resources"][0]["path"] == f"{stem}.csv"
    assert [f["name"] for f in about["resources"][0]["schema"]["fields"]] == list(rows[0])
    settings = {s["parameter"]: s["value"] for s in about["view"]["settings_changed_from_default"]}
    assert settings["state"] == ["MT"]
    assert about["view"]["colour_metric"]["key"] == "score"
    geo = json.loads(downloads[f"{stem}.geojson"]())
    assert len(geo["features"]) == len(rows)
    assert geo["hubmap"]["resources"][0]["path"] == f"{stem}.geojson"
    # the file names are on the page, and the citation beside the downloads
    assert any(f"{stem}" in c.value.replace("\\", "") for c in at.caption)
    cite = [c.value for c in at.code if c.value.startswith("hubmap: Montana")]
    assert cite and "state=MT" in cite[0] and f"accessed {day}" in cite[0]


def test_share_tab_shows_the_citation() -> None:
    at = explorer_app(90)
    at.query_params.update({"state": "OK", "metric": "incentive"})
    at.run()
    at.segmented_control(key="panel").set_value("Share").run()
    assert not at.exception
    texts = [c.value for c in at.code]
    cite = [t for t in texts if t.startswith("hubmap: Oklahoma, Incentive value.")]
    assert cite, texts
    assert "Sources: US Census Bureau" in cite[0]
    assert "state=OK" in cite[0].splitlines()[0]
