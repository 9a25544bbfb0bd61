"""Naming and citing a view: its filters in words, a file name built from them, and the
"Cite this view" text (hubmap, the sources and vintages of metadata.json, the access date
and the link).

Pure: the app passes the view, the state names, metadata.json and the date. The text is
plain (data strings from metadata.json included): show it with `st.code` or escape it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from hubmap.calculator import Inputs
from hubmap.colors import SCALES
from hubmap.formatting import money
from hubmap.viewstate import ViewState


@dataclass(frozen=True)
class ViewContext:
    """A view and what naming, citing and describing it needs besides the towns."""

    view: ViewState
    state_names: Mapping[str, str]
    """State or province code -> name."""
    metadata: Mapping
    """geodata/metadata.json."""
    link: str
    """The link to the view."""
    accessed: date
    """The day the view was seen (UTC)."""
    calc: Inputs | None = None
    """The relocation calculator's inputs, when it has some."""
    calc_source: str = ""
    """Where today's housing cost comes from, in words ("your own figure", ...)."""


MAX_STEM_CHARS = 100
"""A download's file name (without its extension) is at most this long."""
MAX_PART_CHARS = 30
"""Each part of it (a state's name, the name filter) at most this long."""
MAX_STATES_NAMED = 3
"""More states than this are named by their count ("5-states")."""
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


def slug(text: object, limit: int = MAX_PART_CHARS) -> str:
    """`text` as lowercase ASCII letters and digits joined by single hyphens, at most
    `limit` characters, cut at a hyphen where there is one ("Coeur d'Alene" ->
    "coeur-d-alene", "$2,500" -> "2500"); empty when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    ascii_text = _THOUSANDS.sub("", ascii_text)
    out = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(out) > limit:
        cut = out[:limit]
        out = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    return out


def _short(label: str) -> str:
    """A label without its bracketed note: "Gigabit wired (fiber-class)" -> "Gigabit wired"."""
    return label.split("(", 1)[0].strip()


def view_parts(view: ViewState, state_names: Mapping[str, str]) -> list[str]:
    """The view's main filters and colour metric in words, in the order a file name
    carries them: states, tiers, budget, minimum incentive, tech hubs, name filter, metric."""
    f = view.filters
    parts: list[str] = []
    if len(f.states) > MAX_STATES_NAMED:
        parts.append(f"{len(f.states)} states")
    else:
        parts += [str(state_names.get(s, s)) for s in f.states]
    parts += [_short(t) for t in f.tiers]
    if f.budget_max_usd is not None:
        basis = "rent" if f.budget_basis == "rent" else "mortgage"
        parts.append(f"{basis} under {money(f.budget_max_usd)}")
    if f.min_incentive_usd:
        parts.append(f"incentive {money(f.min_incentive_usd)}+")
    if f.hub_only:
        parts.append("tech hubs")
    if f.name_query:
        parts.append(f"named {f.name_query}")
    parts.append(_short(SCALES[view.metric].label))
    return parts


def file_stem(ctx: ViewContext) -> str:
    """A download's file name without extension: "hubmap-montana-gigabit-wired-hub-score-
    2026-12-02". Safe characters only (a-z, 0-9, hyphen), at most `MAX_STEM_CHARS`; parts
    that do not fit are left out (the sidecar holds the whole view)."""
    tail = "-" + ctx.accessed.isoformat()
    out = "hubmap"
    for part in view_parts(ctx.view, ctx.state_names):
        piece = slug(part)
        if piece and len(out) + 1 + len(piece) + len(tail) <= MAX_STEM_CHARS:
            out += "-" + piece
    return out + tail


def source_line(metadata: Mapping) -> str:
    """Every source of metadata.json by publisher, with its vintages: "US Census Bureau
    (2025; ACS 2019-2023 5-year; ...); US Federal Communications Commission (...)"."""
    by_publisher: dict[str, list[str]] = {}
    for source in metadata.get("sources", {}).values():
        vintages = by_publisher.setdefault(str(source.get("publisher", "")), [])
        vintage = str(source.get("vintage", ""))
        if vintage and vintage not in vintages:
            vintages.append(vintage)
    return "; ".join(
        f"{publisher} ({', '.join(vintages)})" if vintages else publisher
        for publisher, vintages in by_publisher.items()
    )


def attributions(metadata: Mapping) -> list[str]:
    """The attribution lines the sources' licences ask for, each once."""
    lines = [str(s.get("attribution") or "") for s in metadata.get("sources", {}).values()]
    return list(dict.fromkeys(line.rstrip(". ") for line in lines if line.strip()))


def title(ctx: ViewContext) -> str:
    """ "hubmap: Montana, Gigabit wired, Hub score"."""
    return "hubmap: " + ", ".join(view_parts(ctx.view, ctx.state_names))


def cite_text(ctx: ViewContext) -> str:
    """The "Cite this view" text: what the view shows, the data build, the access date,
    the link, the sources with their vintages and the attributions they ask for."""
    lines = [
        f"{title(ctx)}. Data build {ctx.metadata.get('built', 'unknown')}; "
        f"accessed {ctx.accessed.isoformat()}. {ctx.link}",
        f"Sources: {source_line(ctx.metadata)}.",
    ]
    credits = attributions(ctx.metadata)
    if credits:
        lines.append("Attribution: " + "; ".join(credits) + ".")
    lines.append("Map tiles © OpenStreetMap contributors (ODbL).")
    return "\n".join(lines)
