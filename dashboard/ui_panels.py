"""The panels around the map: headline numbers, the selected town, the table and the charts.

Each reads the one filtered frame it is given; none filters or loads data itself.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
import ui_compare

from hubmap.colors import NO_DATA_LABEL, MetricScale, metric_values
from hubmap.details import PROGRAM_FIELDS, program_table, town_details
from hubmap.formatting import column_texts
from hubmap.schema import BOUNDED_COLUMNS, CODED_COLUMNS, COLUMN_BY_NAME
from hubmap.tableview import SELECTED_MARK, ranked_table
from hubmap.text import escape_frame, escape_markdown, safe_url

TABLE_COLUMNS = (
    "name", "state", "county_name", "population", "price_to_income", "median_gross_rent_usd",
    "est_monthly_mortgage_usd", "connectivity_tier", "fcc_1000_100_share", "tech_employment",
    "incentive_max_usd", "hub_score", "small_town_tech_hub",
)  # fmt: skip


def headline(frame: pd.DataFrame, total: int, scale: MetricScale) -> None:
    """Towns, people, the active metric's median (or commonest class), towns with cash."""
    cols = st.columns(4)
    cols[0].metric("Towns shown", f"{len(frame):,}", help=f"of {total:,} towns in the data")
    population = frame["population"].sum()
    cols[1].metric("People in them", f"{int(population):,}" if len(frame) else "0")
    if scale.value_column and scale.key != "incentive":
        median = frame[scale.value_column].median()
        cols[2].metric(f"Median {scale.label.lower()}", scale.format_value(median))
    else:
        classes = metric_values(frame, scale).fillna(NO_DATA_LABEL)
        top = classes.mode().iloc[0] if len(classes) else NO_DATA_LABEL
        share = (classes == top).mean() if len(classes) else 0.0
        cols[2].metric(
            f"Most common: {top}",
            f"{share:.0%} of towns",
            help=f"{scale.label}: the class most of the shown towns fall in",
        )
    cash = int((frame["incentive_status"] == "cash program").sum())
    cols[3].metric(
        "Towns with a cash incentive",
        f"{cash:,}",
        help="Towns where a counted program states a cash amount: by default remote-worker "
        "relocation programs reported open (see the sidebar to count more).",
    )
    st.caption(f"**{len(frame):,}** of {total:,} towns match the filters.")


def selected_town(towns: pd.DataFrame, programs: pd.DataFrame) -> None:
    """The selected town's every field with unit, level and source, and its programs (the
    card beside the map holds the answers; this is the full record under it)."""
    town_id = st.session_state.get("town")
    if not town_id:
        return
    match = towns[towns["town_id"] == town_id]
    if match.empty:
        return
    town = match.iloc[0]
    st.markdown(f"#### All sourced figures for {escape_markdown(town['name'])}")
    if town["country"] == "CA":
        st.caption(
            "Canadian municipality (Statistics Canada census subdivision): population, "
            "housing and income from the 2021 Census, in Canadian dollars (CAD). No "
            "connectivity, tech-job or incentive figures."
        )
    details = town_details(town)
    for section, rows in details.groupby("section", sort=False):
        with st.expander(section):
            st.table(escape_frame(rows.drop(columns="section").set_index("field")))
    ids = (
        str(town["incentive_program_ids"]).split(";")
        if pd.notna(town["incentive_program_ids"])
        else []
    )
    if ids:
        chosen = program_table(programs, ids)
        for column in ("cash_source_url", "status_source_url"):
            chosen[column] = chosen[column].map(safe_url)
        st.markdown("**Incentive programs covering this town**")
        st.dataframe(
            chosen,
            hide_index=True,
            width="stretch",
            column_config={
                **PROGRAM_FIELDS,
                "cash_source_url": st.column_config.LinkColumn(PROGRAM_FIELDS["cash_source_url"]),
                "status_source_url": st.column_config.LinkColumn(
                    PROGRAM_FIELDS["status_source_url"]
                ),
            },
        )


def user_places(frame: pd.DataFrame, selected: str | None) -> None:
    """The user's own places: the clicked one's values, then all shown places."""
    chosen = frame[frame["town_id"] == selected]
    if not chosen.empty:
        place = chosen.drop(columns="geometry").iloc[0]
        st.subheader(escape_markdown(place["name"]))
        st.table(escape_frame(place.to_frame("value")))
    st.dataframe(frame.drop(columns="geometry"), hide_index=True, width="stretch", height=360)


def _dollars(label: str) -> dict:
    """A whole-dollar column in the browser's currency format, sign first ("-$5,000", as
    `hubmap.formatting.money` writes it; sprintf's "$%d" would write "$-5000")."""
    return st.column_config.NumberColumn(label, format="dollar", step=1)


def _column_config() -> dict:
    def label(name: str) -> str:
        col = COLUMN_BY_NAME.get(name)
        return col.label if col else name

    return {
        "name": label("name"),
        "state": label("state"),
        "county_name": label("county_name"),
        "population": st.column_config.NumberColumn("Population", format="localized"),
        "price_to_income": st.column_config.NumberColumn(
            "Price-to-income", format="%.1f", help="Median home value / median household income"
        ),
        "median_gross_rent_usd": _dollars("Median rent ($/mo)"),
        "est_monthly_mortgage_usd": _dollars("Est. mortgage ($/mo)"),
        "connectivity_tier": "Connectivity tier (county)",
        "fcc_1000_100_share": st.column_config.ProgressColumn(
            "Gigabit available (county)", min_value=0, max_value=1, format="percent"
        ),
        "tech_employment": st.column_config.NumberColumn("Tech jobs (metro)", format="localized"),
        "incentive_max_usd": _dollars("Cash incentive"),
        "hub_score": st.column_config.NumberColumn("Hub score", format="%.0f"),
        "small_town_tech_hub": st.column_config.CheckboxColumn("Tech hub"),
    }


def table(frame: pd.DataFrame, scale: MetricScale, selected: str | None) -> str | None:
    """The filtered towns, best first by the colour metric with a rank, the selected town
    marked, and a button to pin it to compare. Returns the town id of a row the user just
    selected (the page then opens its card), else None."""
    metric_column = scale.value_column or scale.column
    columns = ["rank", *TABLE_COLUMNS]
    if metric_column not in columns:
        columns.insert(2, metric_column)
    ranked = ranked_table(frame, scale, selected)
    shown = ranked[[*columns, "town_id"]].copy()
    config = _column_config()
    config["rank"] = st.column_config.NumberColumn(
        "#", help=f"Rank by {scale.label.lower()}; ties share a rank", format="%d"
    )
    config.setdefault(metric_column, _dollars(scale.label))
    for col in (*CODED_COLUMNS, *BOUNDED_COLUMNS):
        if col.name in shown:
            # As text, so a Census code reads "$2,000,000+" and a bound "at least 15.5".
            shown[col.name] = column_texts(frame, col.name)
            number = config[col.name]
            config[col.name] = st.column_config.TextColumn(number["label"], help=number["help"])
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=420,
        column_config=config,
        column_order=columns,
        on_select="rerun",
        selection_mode="single-row",
        key="table_pick",
    )
    st.caption(
        f"Sorted by {scale.label.lower()}, best first; {SELECTED_MARK.strip()} marks the "
        "selected town. Select a row to open its card; the button below pins it to compare."
    )
    chosen = frame[frame["town_id"] == selected]
    if not chosen.empty:
        town = chosen.iloc[0]
        ui_compare.pin_button(str(selected), "table", f"{town['name']}, {town['state']}")
    picked = None
    rows = event.selection.rows if event else []
    choice = shown["town_id"].iloc[rows[0]] if rows else None
    if choice != st.session_state.get("_table_pick_last"):
        st.session_state["_table_pick_last"] = choice
        picked = choice
    return picked


def charts(frame: pd.DataFrame, scale: MetricScale, town_id: str | None) -> None:
    """Distribution of the active metric, and affordability against gigabit availability."""
    values = metric_values(frame, scale)
    if scale.value_column and scale.key != "incentive":
        data = pd.DataFrame({"value": frame[scale.value_column]}).dropna()
        if scale.key == "afford":
            data = data[data["value"] <= 15]
        dist = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                alt.X("value:Q", bin=alt.Bin(maxbins=40), title=scale.label),
                alt.Y("count():Q", title="Towns"),
            )
        )
    else:
        data = values.fillna(NO_DATA_LABEL).value_counts().rename_axis("class").reset_index()
        dist = (
            alt.Chart(data)
            .mark_bar()
            .encode(
                alt.X("count:Q", title="Towns"),
                alt.Y("class:N", sort=list(scale.labels), title=None),
                alt.Color(
                    "class:N",
                    scale=alt.Scale(domain=list(scale.labels), range=list(scale.colors)),
                    legend=None,
                ),
            )
        )
    layers = [dist]
    selected = frame[frame["town_id"] == town_id]
    if not selected.empty and scale.value_column and scale.key != "incentive":
        value = selected[scale.value_column].iloc[0]
        if pd.notna(value):
            layers.append(
                alt.Chart(pd.DataFrame({"value": [value]}))
                .mark_rule(color="#d7191c", strokeWidth=2)
                .encode(x="value:Q")
            )
    st.altair_chart(
        alt.layer(*layers).properties(height=260, title="Distribution"), width="stretch"
    )

    pairs = frame[["price_to_income", "fcc_1000_100_share"]].dropna()
    pairs = pairs[pairs["price_to_income"] <= 15]
    grid = (
        pairs.assign(
            afford=(pairs["price_to_income"] // 0.5) * 0.5,
            gig=(pairs["fcc_1000_100_share"] // 0.05) * 0.05,
        )
        .groupby(["afford", "gig"])
        .size()
        .rename("towns")
        .reset_index()
    )
    heat = (
        alt.Chart(grid)
        .mark_rect()
        .encode(
            alt.X(
                "afford:Q", bin=alt.Bin(step=0.5), title="Price-to-income (lower = more affordable)"
            ),
            alt.Y(
                "gig:Q",
                bin=alt.Bin(step=0.05),
                title="Share of county homes with gigabit",
                axis=alt.Axis(format="%"),
            ),
            alt.Color("towns:Q", scale=alt.Scale(scheme="yellowgreenblue"), title="Towns"),
        )
    )
    layers = [heat]
    if not selected.empty:
        point = selected[["price_to_income", "fcc_1000_100_share", "name"]].dropna()
        if not point.empty:
            layers.append(
                alt.Chart(point)
                .mark_point(color="#d7191c", size=160, strokeWidth=3, shape="circle")
                .encode(x="price_to_income:Q", y="fcc_1000_100_share:Q", tooltip=["name:N"])
            )
    st.altair_chart(
        alt.layer(*layers).properties(
            height=320, title="Affordability against gigabit availability (towns per cell)"
        ),
        width="stretch",
    )
    st.caption(
        f"Both charts show the {len(frame):,} filtered towns; the selected town is "
        "marked in red. Price-to-income above 15 is left off the axes."
    )
