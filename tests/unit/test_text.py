from __future__ import annotations

import re

import pandas as pd
import pytest

from hubmap.text import escape_frame, escape_markdown, quote, safe_url
from tests.hostile_data import literal_problems


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>", "/relative", "",
     None, "https://", "https://x.org/\"onmouseover=alert(1)", "ftp://x.org/file"],
)  # fmt: skip
def test_only_http_links_survive(url) -> None:
    assert safe_url(url) is None


def test_http_links_pass() -> None:
    assert safe_url(" https://www.census.gov/x?y=1 ") == "https://www.census.gov/x?y=1"
    assert safe_url("http://example.org") == "http://example.org"


def test_markdown_is_escaped() -> None:
    assert escape_markdown("[x](javascript:alert(1))") == r"\[x\]\(javascript\:alert\(1\)\)"
    assert escape_markdown("<img src=x onerror=alert(1)>") == r"\<img src\=x onerror\=alert\(1\)\>"
    assert escape_markdown("Coeur d'Alene") == "Coeur d'Alene"


@pytest.mark.parametrize(
    "text",
    ["![b](http://x.example/b.png)", "[l](javascript:alert(1))", "**b** _i_ ~~s~~ `c`",
     "<img src=x onerror=alert(1)>", "&lt;b&gt; &#60;", "# h", "- item", "1. one", "> quote",
     "| a | b |", "www.x.example", "https://x.example", "a@x.example", "line\n===\nnext",
     "    indented code", "$x^2$", "\\[x\\]"],
)  # fmt: skip
def test_escaped_text_reads_as_it_was_in_a_commonmark_renderer(text) -> None:
    assert literal_problems(escape_markdown(text), text) == []


@pytest.mark.parametrize("text", [":red[x]", ":material/home:", ":smile:", ":blue-background[x]"])
def test_streamlit_directives_cannot_form(text) -> None:
    """Streamlit rewrites ":material/" before parsing and loads emoji for ":word:"."""
    escaped = escape_markdown(text)
    assert ":material/" not in escaped
    assert not re.search(r":[\w+-][\w_+-]*:", escaped)
    assert not re.search(r"(?<!\\):[\w-]+\[", escaped)


def test_frames_for_st_table_are_escaped_cells_and_labels() -> None:
    frame = pd.DataFrame({"**c**": ["[x](y)", None]}, index=["<b>", "ok"])
    out = escape_frame(frame)
    assert out.iloc[0, 0] == r"\[x\]\(y\)"
    assert out.iloc[1, 0] == "no data"
    assert list(out.columns) == [r"\*\*c\*\*"]
    assert list(out.index) == [r"\<b\>", "ok"]


def test_quote_is_short_and_literal() -> None:
    assert quote("\u202e" + "x" * 100) == "'\\u202e" + "x" * 39 + "'..."
    assert quote("ok") == "'ok'"
