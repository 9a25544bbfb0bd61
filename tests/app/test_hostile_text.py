"""Every text that reaches the page as Markdown, checked generically: data text (every text
column of the towns and programs, every string of metadata.json), link text and upload text
must arrive escaped and read as it was (see tests/hostile_data.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Table

from hubmap.upload import MAX_NAME_CHARS, read_upload
from tests.explorer_app import explorer_app
from tests.hostile_data import (
    TOWN_IDS,
    hostile,
    literal_problems,
    markup_problems,
    write_hostile_geodata,
)

MARKDOWN_FIELDS = {"body", "label", "help", "placeholder"}
"""Proto fields Streamlit renders as Markdown (element bodies, widget labels and help)."""
MARKDOWN_OPTIONS = {"radio", "button_group"}
"""Widgets whose options are Markdown too."""
PLAIN = {"text", "code", "exception", "dataframe", "json", "arrow_data_frame"}
"""Elements that show text as it is (never parsed)."""
NAMED_IN_ISSUE = (
    "towns.census_name", "towns.place_type", "towns.county_name", "towns.cbsa_title",
    "towns.tech_area_name", "towns.incentive_last_reported", "metadata.built",
)  # fmt: skip


def _proto_strings(message, element_type: str) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.type == field.TYPE_MESSAGE:
            items = [value] if hasattr(value, "ListFields") else value
            for item in items:
                yield from _proto_strings(item, element_type)
        elif field.type == field.TYPE_STRING:
            items = [value] if isinstance(value, str) else list(value)
            if field.name in MARKDOWN_FIELDS or (
                field.name == "options" and element_type in MARKDOWN_OPTIONS
            ):
                yield from items


def markdown_sources(node) -> Iterator[str]:
    """Every string of the page that Streamlit renders as Markdown."""
    element_type = getattr(node, "type", "")
    if isinstance(node, Table):
        frame = node.value
        yield from (str(v) for v in frame.to_numpy().ravel())
        yield from (str(v) for v in (*frame.index, *frame.columns))
    elif element_type not in PLAIN and getattr(node, "proto", None) is not None:
        yield from _proto_strings(node.proto, element_type)
    for child in getattr(node, "children", {}).values():
        yield from markdown_sources(child)


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    out = tmp_path_factory.mktemp("hostile-geodata")
    return out, write_hostile_geodata(out)


@pytest.fixture
def hostile_app(monkeypatch, hostile_folder):
    """AppTest on the hostile geodata; the shared caches are cleared before and after."""
    folder, _ = hostile_folder
    monkeypatch.setenv("HUBMAP_GEODATA", str(folder))
    st.cache_resource.clear()
    st.cache_data.clear()

    def start(params: dict[str, str]) -> AppTest:
        at = explorer_app(90)
        at.query_params.update(params)
        return at.run()

    yield start
    st.cache_resource.clear()
    st.cache_data.clear()


def check(
    at: AppTest, tags: dict[str, str], seen: set[str], texts: dict[str, str] | None = None
) -> list[str]:
    assert not at.exception, [e.message for e in at.exception]
    problems: list[str] = []
    for source in markdown_sources(at._tree):
        problems += markup_problems(source, tags, texts)
        seen.update(where for tag, where in tags.items() if tag in source)
    return problems


def test_every_data_text_reaches_markdown_escaped(hostile_app, hostile_folder) -> None:
    _, tags = hostile_folder
    seen: set[str] = set()
    problems: list[str] = []
    for town in TOWN_IDS:
        at = hostile_app({"town": town, "pop": "0-10000000", "metric": "incentive"})
        problems += check(at, tags, seen)
        for panel in ("Table", "Charts", "Peers", "Share"):
            at.segmented_control(key="panel").set_value(panel).run()
            problems += check(at, tags, seen)
            # The citation (beside the downloads, and in Share) quotes metadata.json's
            # sources: as literal text in a code block, never as Markdown.
            cited = " ".join(c.value for c in at.code if c.value.startswith("hubmap: "))
            sources = [t for t, where in tags.items() if where.startswith("metadata.sources")]
            assert panel in ("Charts", "Peers") or any(t in cited for t in sources)
    at.switch_page("pages/sources.py").run()
    problems += check(at, tags, seen)
    assert problems == []
    missing = [name for name in NAMED_IN_ISSUE if name not in seen]
    assert missing == [], f"not shown at all (the test would not see them): {missing}"
    assert any(w.startswith("metadata.method") for w in seen)


def test_link_text_in_warnings_is_literal() -> None:
    """Seen: a key or value holding a Markdown image made the visitor's browser load it,
    and Streamlit's directives rendered. Every warning must read exactly as its plain text."""
    params = {hostile(f"ZQ{i}Q", long=False)[i * 40 :]: "1" for i in range(6)}
    for i, key in enumerate(("metric", "budget", "state", "town", "w", "pop", "basis")):
        params[key] = hostile(f"ZQ{i}Q", long=False)[i * 30 :]
    at = explorer_app(90)
    at.query_params.update(params)
    at.run()
    assert not at.exception
    texts = at.session_state["_url_warnings"]
    assert len(at.warning) == len(texts) >= len(params)
    for warning, text in zip(at.warning, texts, strict=True):
        assert len(text) < 300
        assert literal_problems(warning.value, text) == []


def test_upload_text_is_shown_literally() -> None:
    """Seen: markup in a rejected cell, a column name or the file name was rendered."""
    column = hostile("ZQ1Q", long=False).replace('"', "'")
    cell = hostile("ZQ2Q", long=False).replace('"', "'")
    name = "![f](http://127.0.0.1:9/hubmap-beacon-ZQ3Q.png) :red[x] ZQ3Q .csv"
    tags = {"ZQ1Q": "upload column", "ZQ2Q": "upload cell", "ZQ3Q": "upload file name"}
    at = explorer_app(90).run()
    bad = f'name,lat,lon,"{column}"\nA,1,1,5\nB,1,1,"{cell}"\nC,1,1,7\n'.encode()
    at.file_uploader(key="upload_file").set_value((name, bad, "text/csv")).run()
    assert not at.exception
    message = read_upload(name, bad).message()
    assert "ZQ1Q" in message
    assert "ZQ2Q" in message
    assert literal_problems(at.error[0].value, message) == []
    good = f'name,lat,lon,"{column}"\n"{cell}",45,-100,5\nB,40,-90,7\n'.encode()
    at.file_uploader(key="upload_file").set_value((name, good, "text/csv")).run()
    at.toggle(key="show_upload").set_value(True).run()
    at.session_state["upload_town"] = "up:2"
    at.run()
    seen: set[str] = set()
    texts = {"ZQ1Q": column[:MAX_NAME_CHARS], "ZQ2Q": cell, "ZQ3Q": name}
    assert check(at, tags, seen, texts) == []
    assert seen == set(tags.values())
