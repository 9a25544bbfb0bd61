"""Putting data and code into a folium map's script safely and cheaply.

Data goes in as script-safe JSON (`script_json`); large scripts go in through `DataScript`,
which renders its macro once instead of letting branca compile the result as a Jinja
template again.
"""

from __future__ import annotations

import json

from branca.element import Element, MacroElement


def script_json(payload: object) -> str:
    """Compact JSON safe to place inside a <script>: no '</', '<!--' or line separators
    survive, so no data text can end the script or start markup. Quotes and parentheses
    are escaped too, because streamlit-folium rewrites the generated script as text: it
    turns `{{ 'name' }}` into `name` and deletes `alert(coords);`; escaped, data text
    arrives as it was. (None of these characters is ever JSON syntax, only string text.)"""
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
        .replace("(", "\\u0028")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _RenderedScript(Element):
    """A script that is already rendered, added to the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: object) -> str:
        return self._text


class DataScript(MacroElement):
    """A MacroElement with only a `script` macro, for scripts that carry a lot of text.

    branca's `MacroElement.render` wraps the rendered script in a new `Element`, which
    compiles it as a Jinja template: for a 700 kB payload that lexing alone took about
    40 ms per rerun. This renders the macro once and adds the text as it is.
    """

    def render(self, **kwargs: object) -> None:
        script = self._template.module.__dict__["script"]
        text = script(self, kwargs)
        self.get_root().script.add_child(_RenderedScript(text), name=self.get_name())
