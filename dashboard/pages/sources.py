"""Sources and method: every source with vintage, licence and attribution, and how each
metric is computed, read from geodata/metadata.json."""

import pandas as pd
import streamlit as st
import ui_cache

from hubmap.colors import MIN_DIFFERENCE, SCALES, class_table
from hubmap.metrics import DEFAULT_WEIGHTS, SCORE_COMPONENTS
from hubmap.schema import CONNECTIVITY_TIERS
from hubmap.text import escape_markdown, safe_url

meta = ui_cache.metadata()
counts = meta["row_counts"]

st.title("Sources and method")
st.markdown(
    escape_markdown(
        f"Data built on {meta['built']}: {counts['towns']:,} towns ({counts['towns_us']:,} US "
        f"places, {counts['towns_ca']:,} Canadian towns), {counts['regions']} state and "
        f"province outlines, {counts['incentive_programs']} incentive programs. Coordinates "
        f"are {meta['crs']} (longitude/latitude)."
    )
)

st.header("Sources")
sources = pd.DataFrame(meta["sources"].values())
sources["url"] = sources["url"].map(safe_url)
st.dataframe(
    sources[["title", "vintage", "licence", "publisher", "url", "attribution"]],
    hide_index=True,
    width="stretch",
    column_config={
        "title": st.column_config.TextColumn("Source", width="large"),
        "url": st.column_config.LinkColumn("Link"),
    },
)

st.header("Attribution")
for attribution in dict.fromkeys(s["attribution"] for s in meta["sources"].values()):
    if attribution:  # one line per distinct credit (both FCC files share theirs)
        st.markdown(f"- {escape_markdown(attribution)}")
st.markdown("- Map tiles © OpenStreetMap contributors (ODbL).")

st.header("How each figure is computed")
for key, text in meta["method"].items():
    st.markdown(
        f"**{escape_markdown(key.replace('_', ' ').capitalize())}.** {escape_markdown(text)}"
    )

st.subheader("Thresholds")
st.dataframe(
    pd.DataFrame(
        {"threshold": list(meta["thresholds"]), "value": list(meta["thresholds"].values())}
    ),
    hide_index=True,
)
tiers = pd.DataFrame(meta["connectivity_tier_counts"]).reindex([*CONNECTIVITY_TIERS, "no data"])
tiers = tiers.rename_axis("connectivity tier")
st.caption("Towns per connectivity tier (US and Canadian towns in this build):")
st.dataframe(tiers.reset_index(), hide_index=True)

st.subheader("Assumptions")
mortgage = meta["assumptions"]["mortgage"]
st.text(
    f"Mortgage estimate: {mortgage['annual_rate_pct']}% fixed for {mortgage['term_years']} "
    f"years, {mortgage['down_payment_pct']:.0f}% down. Rate source: {mortgage['rate_source']}."
)
rate_url = safe_url(mortgage["rate_source_url"])
if rate_url:
    st.link_button("Rate source", rate_url)
st.caption(escape_markdown(mortgage["down_payment_note"]))

st.header("What is missing, and why")
st.markdown(
    "- **Fixed broadband by technology** (fiber, cable, fixed wireless, satellite): the FCC "
    "county summary at hand is 'any technology', so the top tier is named for its speed "
    "(gigabit, 'fiber-class'), and 5G is measured by land area, not by homes.\n"
    "- **Tech jobs outside metro areas**: OEWS nonmetropolitan areas cannot be matched to "
    "counties with the files at hand.\n"
    "- **Canadian towns**: no connectivity, tech-job or incentive figures; housing and "
    "income are 2021 Census values in CAD, not converted to USD. Universities, hospitals "
    "and national parks come from US files (IPEDS, HIFLD, NPS): Canadian towns have airport "
    "distances only, and a US town near the border sees only US facilities."
)

st.header("Incentive programs")
incentive_counts = meta["incentive_counts"]
for title, key in (
    ("Programs by status", "programs_by_status"),
    ("Programs by type", "programs_by_type"),
    ("Towns by incentive status (default rules)", "towns_by_status"),
):
    listed = ", ".join(f"{name}: {n:,}" for name, n in incentive_counts[key].items())
    st.markdown(f"**{escape_markdown(title)}.** {escape_markdown(listed)}")

st.header("Map classes")
st.markdown(
    "Numeric metrics are classed at round numbers near the quartiles of every town's value "
    "(the coarsest round step that keeps each class between half and 1.5 times a quarter "
    "of the towns), so no class holds most towns; the hub score's breaks follow the weights "
    "(here the defaults). Colours are checked to stay at least "
    f"{MIN_DIFFERENCE:.0f} CIEDE2000 apart, from each other, from *no data* and from the "
    "basemap, for normal vision, deuteranopia, protanopia, tritanopia and greyscale."
)
weights = tuple(DEFAULT_WEIGHTS[c.key] for c in SCORE_COMPONENTS)
for key in SCALES:
    if key == "savings":
        continue  # per user: the relocation calculator's inputs, no classes of its own data
    scale = ui_cache.scale(key, weights)
    st.subheader(escape_markdown(scale.label))
    st.dataframe(
        class_table(scale, ui_cache.scored_towns(weights)),
        hide_index=True,
        width="stretch",
        column_config={
            "class": "Class",
            "from": st.column_config.NumberColumn("From", format="%g"),
            "below": st.column_config.NumberColumn("Below", format="%g"),
            "towns": st.column_config.NumberColumn("Towns", format="localized"),
            "share": st.column_config.ProgressColumn(
                "Share", min_value=0, max_value=1, format="percent"
            ),
        },
    )

st.header("Coverage: share of towns with each column")
coverage = pd.DataFrame(meta["coverage_pct"])
st.dataframe(coverage, hide_index=True, width="stretch")

st.header("Columns")
columns = pd.DataFrame(meta["columns"])
st.dataframe(
    columns[["name", "label", "unit", "level", "source", "description"]],
    hide_index=True,
    width="stretch",
)
