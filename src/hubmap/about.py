"""The "About this file" sidecar of a download: every column (heading, label, unit, level,
vintage, source and licence) and the view it was taken from (filters, colour metric,
weights, counting rules, calculator inputs, data build, link, citation).

Laid out as a Frictionless Tabular Data Package descriptor (`datapackage.json`: a
`resources` entry naming the data file, its `schema.fields` named by the file's headings),
a plain JSON layout that data tools and people can both read; hubmap's own keys sit beside
the standard ones. Pure: the app passes the table (`hubmap.exports.export_table`) and the
view (`hubmap.citation.ViewContext`).
"""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd

from hubmap.calculator import assumptions_text
from hubmap.citation import ViewContext, cite_text, file_stem, title
from hubmap.colors import SCALES
from hubmap.controls import PARAMS
from hubmap.details import LEVEL_COLUMNS, VINTAGE_COLUMNS
from hubmap.exports import EXPORT_COLUMN_BY_NAME, TEXT_SUFFIX, heading
from hubmap.metrics import SCORE_COMPONENTS
from hubmap.schema import Column
from hubmap.viewstate import ViewState, encode, field_value

FIELD_TYPES = {"string": "string", "Int64": "integer", "float64": "number", "boolean": "boolean"}
"""Frictionless Table Schema type of each column dtype."""
DERIVED = "computed by hubmap for this view"
NOTES = (
    "An empty cell (null in GeoJSON) is no data, never 0.",
    "Numbers are as published: a Census top or bottom code (e.g. 2000001 for a median home "
    "value of $2,000,000 or more) is kept as the number and flagged in its 'top-coded' / "
    "'bottom-coded' column; its ', as read' column gives the interval in words.",
    "In the CSV a text cell that a spreadsheet would run as a formula (starting with =, +, "
    "-, @, tab, CR or LF) starts with an apostrophe.",
    "US money is in USD, Canadian housing and income in CAD (the *_cad columns); never converted.",
)


def _varies(name: str) -> str:
    """ "varies by town: see 'Rent vintage'" for the column `name` that holds the value."""
    return f"varies by town: see '{heading(EXPORT_COLUMN_BY_NAME[name])}'"


def _source_of(column: Column, metadata: dict) -> dict:
    """The source fields of a column's entry, from metadata.json's sources."""
    base = column.name.removesuffix(TEXT_SUFFIX)
    source = metadata.get("sources", {}).get(column.source)
    if source is None:
        return {"source": "hubmap", "vintage": DERIVED}
    entry = {
        "source": column.source,
        "source_title": source.get("title", ""),
        "publisher": source.get("publisher", ""),
        "vintage": source.get("vintage", ""),
        "licence": source.get("licence", ""),
        "attribution": source.get("attribution", ""),
        "source_url": source.get("url", ""),
    }
    if base in VINTAGE_COLUMNS:
        entry["vintage"] = (
            f"varies by town: see '{heading(EXPORT_COLUMN_BY_NAME[VINTAGE_COLUMNS[base]])}'"
        )
    return entry


def field(column: Column, table: pd.DataFrame, metadata: dict) -> dict:
    """One column's entry: Frictionless `name` (the heading in the file), `title`, `type`,
    `description`, and hubmap's `hubmap_name`, `unit`, `level`, vintage, source, licence."""
    base = column.name.removesuffix(TEXT_SUFFIX)
    level = column.level
    if base in LEVEL_COLUMNS:
        level = _varies(LEVEL_COLUMNS[base])
    entry = {
        "name": heading(column),
        "title": column.label,
        "type": FIELD_TYPES[column.dtype],
        "description": column.description,
        "hubmap_name": column.name,
        "unit": column.unit,
        "level": level,
        **_source_of(column, metadata),
    }
    if column.name in VINTAGE_COLUMNS.values():
        entry["values_in_file"] = sorted(str(v) for v in table[column.name].dropna().unique())
    return entry


def view_settings(view: ViewState) -> list[dict]:
    """Every view parameter that differs from the default view: link key, label and value."""
    changed = encode(view)
    out = []
    for param in PARAMS:
        if param.key not in changed:
            continue
        values = [field_value(view, f) for f in param.fields]
        value = [list(v) if isinstance(v, tuple) else v for v in values]
        label = param.label if isinstance(param.label, str) else " / ".join(param.label)
        out.append(
            {
                "parameter": param.key,
                "label": label or param.key,
                "value": value[0] if len(value) == 1 else value,
                "in_link": changed[param.key],
            }
        )
    return out


def describe_view(ctx: ViewContext) -> dict:
    """The view: colour metric, changed settings, weights, counting and ranking rules, the
    calculator's inputs and assumptions, the link and the data build."""
    view = ctx.view
    scale = SCALES[view.metric]
    calculator = None
    if ctx.calc is not None:
        calculator = {
            "inputs": asdict(ctx.calc),
            "today_from": ctx.calc_source,
            "assumptions": assumptions_text(ctx.calc),
        }
    return {
        "link": ctx.link,
        "data_build": ctx.metadata.get("built", ""),
        "accessed": ctx.accessed.isoformat(),
        "colour_metric": {"key": scale.key, "label": scale.label, "description": scale.description},
        "settings_changed_from_default": view_settings(view),
        "hub_score_weights": {
            c.label: w for c, w in zip(SCORE_COMPONENTS, view.weights, strict=True)
        },
        "partial_scores_ranked": view.include_partial,
        "incentive_counting": {
            "programs_of_unknown_status_count": view.filters.include_unknown_incentive,
            "other_program_types_count": view.filters.include_other_incentive_types,
        },
        "calculator": calculator,
        "selected_town": view.town,
        "compared_towns": list(view.compare),
    }


def about(ctx: ViewContext, table: pd.DataFrame, file_name: str, file_format: str) -> dict:
    """The sidecar of a download of `table` (`export_table`'s machine-named columns) saved as
    `file_name` (`file_format`: "csv" or "geojson")."""
    columns = [EXPORT_COLUMN_BY_NAME[name] for name in table.columns]
    used = dict.fromkeys(c.source for c in columns if c.source)
    sources = ctx.metadata.get("sources", {})
    return {
        "profile": "tabular-data-package",
        "name": file_stem(ctx),
        "title": title(ctx),
        "created": ctx.accessed.isoformat(),
        "citation": cite_text(ctx),
        "view": describe_view(ctx),
        "notes": list(NOTES),
        "sources": [
            {
                "title": s.get("title", ""),
                "path": s.get("url", ""),
                "publisher": s.get("publisher", ""),
                "vintage": s.get("vintage", ""),
                "licence": s.get("licence", ""),
            }
            for key in used
            if (s := sources.get(key)) is not None
        ],
        "resources": [
            {
                "name": file_stem(ctx),
                "path": file_name,
                "format": file_format,
                "encoding": "utf-8",
                "rows": len(table),
                "schema": {
                    "fields": [field(c, table, ctx.metadata) for c in columns],
                    "missingValues": [""],
                },
            }
        ],
    }
