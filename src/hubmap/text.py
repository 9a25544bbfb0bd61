"""Making outside text safe where it meets the screen: every data, link or upload string that
goes into Markdown (any Streamlit element or widget label that parses it, `st.table` cells
included) passes through `escape_markdown` or `escape_frame`; every link through `safe_url`.

Escaping is by backslash, which CommonMark allows before any ASCII punctuation, so the text
reads exactly as it was: no link, image, emphasis, HTML, math, table, heading or list, and none
of Streamlit's own directives (`:red[...]`, `:material/icon:`, emoji `:shortcode:`) can form.
Line breaks become spaces, so a value cannot start a block of its own.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

from hubmap.formatting import NO_DATA

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$/&@=^\"])")
"""ASCII punctuation that Markdown, GFM autolinks or Streamlit's renderer give a meaning.
'/' too: Streamlit rewrites ":material/" in the raw text before parsing it."""
_LINE_BREAKS = re.compile(r"\s*[\r\n\t\f\v\u2028\u2029\x85]+\s*")
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=https:)(?=//)|(?<=http:)(?=//)|(?<=www)(?=\.)|(?<=@)")
"""Where GFM makes a link of plain text ("http://", "www.", "a@b.c"): Streamlit's renderer
finds them in the text after escapes are resolved, so backslashes cannot stop it."""
WORD_JOINER = "\u2060"
"""Invisible, zero-width: put where a link would start, it keeps the text from linking."""


QUOTE_CHARS = 40
"""A message quotes at most this many characters of outside text."""


def quote(text: object) -> str:
    """Outside text (a link's key or value, an uploaded cell) as a short Python literal
    for a message: at most `QUOTE_CHARS` characters, control and direction characters
    shown as escapes. Still plain text: show the message through `escape_markdown`."""
    full = str(text)
    return repr(full[:QUOTE_CHARS]) + ("..." if len(full) > QUOTE_CHARS else "")


def escape_markdown(text: object) -> str:
    """`text` shown literally by a Markdown renderer: every special character backslashed,
    line breaks turned into spaces, surrounding spaces trimmed (leading spaces would make
    a code block), an invisible word joiner where a bare URL or e-mail address would become
    a link; so "[x](javascript:...)", "![](http://beacon)" or "<img ...>" stay text."""
    flat = _LINE_BREAKS.sub(" ", str(text)).strip()
    unlinked = _AUTOLINK_STARTS.sub(WORD_JOINER, flat)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def escape_markdown_lines(text: str) -> str:
    """Multi-line `text` (a message listing problems, one per line) with each line shown
    literally and the line breaks kept as Markdown line breaks."""
    return "  \n".join(escape_markdown(line) for line in text.splitlines())


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` as escaped text for `st.table` (which renders cells and labels as Markdown):
    every cell, the index and the column names; a missing value reads "no data"."""
    cells = frame.astype(object).where(frame.notna(), NO_DATA)
    out = cells.map(escape_markdown)
    out.index = [escape_markdown(i) for i in frame.index]
    out.columns = [escape_markdown(c) for c in frame.columns]
    return out


def safe_url(url: object) -> str | None:
    """`url` if it is an absolute http(s) link with a host, else None (never a
    `javascript:`, `data:` or relative link)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in candidate for ch in "\"'<> \t\r\n"):
        return None
    return candidate
