"""Pin towns (up to four) and compare them: the card's rows side by side, best value marked,
and a chart of each town's hub score components. The pins are in the link (`compare=`)
and do not depend on the filters."""

from __future__ import annotations

import altair as alt
import streamlit as st
import ui_cache

from hubmap.calculator import Inputs, assumptions_text, relocation
from hubmap.card import Budget, calculator_rows, card_rows, life_rows
from hubmap.compare import BEST_MARK, MAX_PINNED, compare_table, components_long, pin, unpin
from hubmap.metrics import SCORE_COMPONENTS
from hubmap.text import escape_frame, escape_markdown
from hubmap.viewstate import ViewState

KEY = "compare"


def pinned() -> tuple[str, ...]:
    """The pinned town ids."""
    return tuple(st.session_state.get(KEY) or ())


def _toggle(town_id: str) -> None:
    ids = pinned()
    st.session_state[KEY] = list(unpin(ids, town_id) if town_id in ids else pin(ids, town_id))


def pin_button(town_id: str, where: str, name: str | None = None) -> None:
    """ "Pin to compare (n/4)" / "Unpin from compare" for `town_id` (disabled when four are
    pinned), as wide as its column; `name` (plain text) goes into the label when given."""
    ids = pinned()
    on = town_id in ids
    what = f" {escape_markdown(name)}" if name else ""
    st.button(
        f"Unpin{what} from compare" if on else f"Pin{what} to compare ({len(ids)}/{MAX_PINNED})",
        key=f"pin_{where}",
        on_click=_toggle,
        args=(town_id,),
        disabled=not on and len(ids) >= MAX_PINNED,
        icon=":material/push_pin:",
        help=None if on or len(ids) < MAX_PINNED else "Four towns are pinned: unpin one first.",
        width="stretch",
    )


def _labels(view: ViewState) -> dict[str, str]:
    """Pinned town id -> "Name, ST" (the id added when two labels are the same)."""
    towns = ui_cache.towns()
    rows = towns[towns["town_id"].isin(view.compare)].set_index("town_id")
    labels = {
        t: f"{rows.at[t, 'name']}, {rows.at[t, 'state']}" for t in view.compare if t in rows.index
    }
    counts = {label: list(labels.values()).count(label) for label in labels.values()}
    return {t: (f"{lab} ({t})" if counts[lab] > 1 else lab) for t, lab in labels.items()}


def panel(view: ViewState, budget: Budget | None, calc: Inputs | None) -> None:
    """The comparison of the pinned towns, or how to pin some."""
    if not view.compare:
        st.info("Pin up to four towns with **Pin to compare** on a town's card or under the table.")
        return
    weights = dict(zip((c.key for c in SCORE_COMPONENTS), view.weights, strict=True))
    labels = _labels(view)
    rows, series = {}, {}
    for town_id, label in labels.items():
        town = ui_cache.town_row(town_id, view)
        series[label] = town
        rows[label] = card_rows(
            town,
            ui_cache.programs(),
            weights,
            budget,
            view.include_partial,
            (view.filters.include_unknown_incentive, view.filters.include_other_incentive_types),
        )
        if calc is not None:
            result = relocation(town.to_frame().T, calc).iloc[0]
            rows[label] += calculator_rows(result, assumptions_text(calc))
        rows[label] += life_rows(town)
    # A static table, so that long cells (a program's terms, a rank) wrap instead of being
    # cut at the column's width; its cells are Markdown, hence escape_frame.
    with st.container(key="compare_table"):
        st.table(escape_frame(compare_table(rows)))
    st.caption(
        f"{BEST_MARK.strip()} marks each row's best value (highest score, jobs, gigabit "
        "share and cash; lowest rank, housing cost and distance). Pinned towns stay pinned "
        "whatever the filters."
    )
    chart = (
        alt.Chart(components_long(series))
        .mark_bar()
        .encode(
            alt.X("component:N", title=None, sort=[c.label for c in SCORE_COMPONENTS]),
            alt.XOffset("town:N"),
            alt.Y("percentile:Q", title="Percentile (0-100)", scale=alt.Scale(domain=[0, 100])),
            alt.Color("town:N", title="Town"),
            tooltip=["town:N", "component:N", alt.Tooltip("percentile:Q", format=".0f")],
        )
        .properties(height=260, title="Hub score components (missing: no bar)")
    )
    st.altair_chart(chart, width="stretch")
    cols = st.columns(len(labels))
    for col, (town_id, label) in zip(cols, labels.items(), strict=True):
        col.button(
            f"Unpin {escape_markdown(label)}",
            key=f"unpin_{town_id}",
            on_click=_toggle,
            args=(town_id,),
        )
