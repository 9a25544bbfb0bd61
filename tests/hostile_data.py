"""Hostile data for the generic tests: every text column of the town table and the programs,
and every text field of metadata.json, replaced by markup that would show if it were parsed.

Each value carries a tag ("ZQ7Q": no punctuation, so it survives escaping unchanged) that
names the column or field it was put in, so a failure says which one reached the page.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from hubmap.text import WORD_JOINER, escape_markdown
from hubmap.towns import (
    INCENTIVES_FILE,
    METADATA_FILE,
    REGIONS_FILE,
    TOWNS_FILE,
    geodata_dir,
    load_programs,
    load_towns,
)

FLAG = "window.__hubmapXss"
BEACON = "hubmap-beacon"
"""Part of every URL the hostile text points at: no request may hold it."""
STRUCTURAL = {"town_id", "incentive_program_ids", "program_id", "place_geoids", "county_fips"}
"""Join keys: kept, so the hostile towns still link to their programs."""
TOWN_IDS = ("3008950", "4075000")
"""Bozeman MT and Tulsa OK (Tulsa has a program)."""


def hostile(tag: str, long: bool = True) -> str:
    """Markup of every kind Markdown, GFM, Streamlit or HTML would act on, tagged."""
    text = (
        f"{tag} ![b](http://127.0.0.1:9/{BEACON}-{tag}.png) [l](https://{BEACON}.example/{tag}) "
        f"**b** _i_ :red[r] :material/home: :smile: <img src=x onerror={FLAG}=1> "
        f"<script>{FLAG}=1</script> {{{{'x'}}}} {{{{ 'map' }}}} $x^2$ \u202eRTL\u202c ~~s~~ "
        f'`c` &lt;b&gt; | a | www.{BEACON}.example a@{BEACON}.example =HYPERLINK("x") {tag}'
    )
    return text + (" long" * 400 if long else "")


def text_columns(frame) -> list[str]:
    """The frame's text columns, join keys left out."""
    return [
        c for c in frame.columns
        if str(frame[c].dtype) in ("string", "object", "str") and c not in STRUCTURAL
    ]  # fmt: skip


def _walk_strings(node: object, path: str, out: dict[str, str]) -> object:
    """`node` with every string (and dict key) replaced by a tagged hostile value."""
    if isinstance(node, str):
        tag = f"ZQ{len(out)}Q"
        out[tag] = path
        return hostile(tag, long=False)
    if isinstance(node, list):
        return [_walk_strings(v, f"{path}[{i}]", out) for i, v in enumerate(node)]
    if isinstance(node, dict):
        out_dict = {}
        for key, value in node.items():
            shown_key = key
            if path == "metadata.method":  # its keys are shown as headings
                tag = f"ZQ{len(out)}Q"
                out[tag] = f"{path} key {key}"
                shown_key = hostile(tag, long=False)
            out_dict[shown_key] = _walk_strings(value, f"{path}.{key}", out)
        return out_dict
    return node


def write_hostile_geodata(out: Path) -> dict[str, str]:
    """A geodata folder holding the two `TOWN_IDS` with every text column hostile, their
    programs likewise, and metadata.json with every string hostile. Returns tag -> where."""
    tags: dict[str, str] = {}
    towns = load_towns()
    towns = towns[towns["town_id"].isin(TOWN_IDS)].copy()
    for col in text_columns(towns):
        tag = f"ZQ{len(tags)}Q"
        tags[tag] = f"towns.{col}"
        towns[col] = hostile(tag)
    towns.to_parquet(out / TOWNS_FILE)
    shutil.copy(geodata_dir() / REGIONS_FILE, out / REGIONS_FILE)
    programs = load_programs()
    programs = programs[programs["program_id"].isin(
        ";".join(towns["incentive_program_ids"].dropna()).split(";"))].copy()  # fmt: skip
    for col in text_columns(programs):
        if col.endswith("_url") or col.endswith("_urls"):
            programs[col] = f"javascript:{FLAG}=1"
            continue
        tag = f"ZQ{len(tags)}Q"
        tags[tag] = f"programs.{col}"
        programs[col] = hostile(tag)
    programs.to_csv(out / INCENTIVES_FILE, index=False)
    meta = json.loads((geodata_dir() / METADATA_FILE).read_text(encoding="utf-8"))
    meta = {
        k: v if k in ("row_counts",) else _walk_strings(v, f"metadata.{k}", tags)
        for k, v in meta.items()
    }
    (out / METADATA_FILE).write_text(json.dumps(meta), encoding="utf-8")
    return tags


_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_STREAMLIT_MARKUP = (
    re.compile(r"(?<!\\):[\w-]+\["),  # :red[...] and other directives
    re.compile(r":material/"),  # rewritten to an icon before parsing
    re.compile(r":[\w+-][\w_+-]*:"),  # what makes Streamlit load its emoji shortcodes
    re.compile(r"(?<!\\)\$"),  # math
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


_AUTOLINKS = re.compile(r"(?i)https?://|www\.|[\w.+-]@[\w-]")
"""Text that GFM (and Streamlit) turns into a link after escapes are resolved."""


def rendered(source: str) -> tuple[list[str], str]:
    """The HTML tags a CommonMark renderer makes of `source` (sorted, plus "autolink" for
    each bare URL or address GFM would link), and its text (spaces folded, the invisible
    word joiners `hubmap.text` adds removed)."""
    parsed = _Tags()
    parsed.feed(_MD.render(source))
    text = "".join(parsed.text)
    tags = parsed.tags + ["autolink"] * len(_AUTOLINKS.findall(text))
    return sorted(tags), " ".join(text.replace(WORD_JOINER, "").split())


def literal_problems(source: str, text: str) -> list[str]:
    """Why Markdown `source` does not show plain `text` literally (empty when it does)."""
    tags, shown = rendered(source)
    problems = [f"renders as {tags}"] if set(tags) - {"p", "br"} else []
    if shown != " ".join(text.split()):
        problems.append(f"reads {shown[:120]!r}, not {text[:120]!r}")
    problems += [
        f"Streamlit markup {p.pattern!r} left" for p in _STREAMLIT_MARKUP if p.search(source)
    ]
    return problems


def markup_problems(
    source: str, tags: dict[str, str], texts: dict[str, str] | None = None
) -> Iterator[str]:
    """What is wrong with Markdown `source` as a carrier of hostile text: for every tag it
    holds, the text must be there escaped (`hubmap.text.escape_markdown`), nowhere raw; a
    CommonMark renderer must make only paragraphs of it and give back the text as it was;
    and none of Streamlit's own markup may be left to act on. `texts` gives the text a tag
    stands for where it is not `hostile(tag)` (an upload's column name, cut short)."""
    for tag, where in tags.items():
        if tag not in source:
            continue
        value = (texts or {}).get(tag, hostile(tag, long=False))
        escaped = escape_markdown(value)
        rest = source.replace(escape_markdown(hostile(tag)), "").replace(escaped, "")
        if tag in rest:
            yield f"{where}: reaches Markdown unescaped: {source[:160]!r}"
            continue
        tags_made, shown = rendered(source)
        # The data may add no element to what the page's own text makes around it.
        plain = source.replace(escape_markdown(hostile(tag)), "X").replace(escaped, "X")
        value = " ".join(value.split())
        if tags_made != rendered(plain)[0]:
            yield f"{where}: renders as {tags_made}, not {rendered(plain)[0]}"
        if value not in shown:
            yield f"{where}: does not read as it was"
        for pattern in _STREAMLIT_MARKUP:
            if pattern.search(source):
                yield f"{where}: Streamlit markup {pattern.pattern!r} left in {source[:120]!r}"
