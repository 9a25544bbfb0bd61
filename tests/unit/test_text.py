from __future__ import annotations

import pytest

from hubmap.text import escape_markdown, safe_url


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
    assert escape_markdown("<img src=x onerror=alert(1)>") == r"\<img src=x onerror=alert\(1\)\>"
    assert escape_markdown("Coeur d'Alene") == "Coeur d'Alene"
