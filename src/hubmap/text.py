"""Making data text safe where it meets the screen: Markdown escaping and link checking."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def escape_markdown(text: object) -> str:
    """`text` shown literally by a Markdown renderer: every special character backslashed,
    so names like "[x](javascript:...)" or "<img ...>" stay plain text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


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
