"""The app under streamlit.testing.v1.AppTest: widgets, state and query parameters."""

from __future__ import annotations

import re

import pytest
import ui_map
from streamlit.testing.v1 import AppTest

from hubmap.colors import AFFORDABILITY, classed
from hubmap.controls import PARAMS
from hubmap.filters import FilterState, filter_towns
from hubmap.incentive_rules import town_incentives
from hubmap.towns import load_programs, load_towns
from tests.explorer_app import explorer_app


@pytest.fixture(scope="module")
def towns():
    return load_towns()


def start(params: dict[str, str] | None = None) -> AppTest:
    at = explorer_app(60)
    at.query_params.update(params or {})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def shown(at: AppTest) -> int:
    for caption in at.caption:
        match = re.match(r"\*\*([\d,]+)\*\* of [\d,]+ towns match", caption.value)
        if match:
            return int(match.group(1).replace(",", ""))
    raise AssertionError("no count caption")


def expected(towns, **kwargs) -> int:
    return len(filter_towns(towns, FilterState(**kwargs)))


def test_default_load(towns) -> None:
    at = start()
    assert shown(at) == expected(towns)
    assert at.metric[0].value == f"{expected(towns):,}"
    assert not at.warning
    assert at.session_state["metric"] == "afford"


def test_first_run_draws_the_map_and_card_and_the_map_report_brings_the_rest() -> None:
    at = explorer_app(60, reported=False)
    at.query_params.update({"town": "5455756", "state": "WV", "metric": "tier"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    # The map (the search box, another component, waits with the rest) and the card.
    assert len(at.get("component_instance")) == 1
    assert any("Morgantown, West Virginia" in h.value for h in at.subheader)
    assert not at.multiselect and not at.metric and not at.get("button_group")
    at.session_state[ui_map.REPORTED] = True  # what the map's first report of its view does
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key="f_states").value == ["WV"]
    assert at.radio(key="metric").value == "tier"
    assert at.metric and at.get("button_group")
    assert len(at.get("component_instance")) == 2
    assert at.query_params["town"] == "5455756"
    assert at.query_params["state"] == "WV"


@pytest.mark.parametrize(
    ("widget", "key", "value", "state"),
    [
        ("multiselect", "f_states", ["MT", "ID"], {"states": ("MT", "ID")}),
        ("multiselect", "f_tiers", ["Gigabit wired (fiber-class)"],
         {"tiers": ("Gigabit wired (fiber-class)",)}),
        ("select_slider", "f_min_incentive", 5_000, {"min_incentive_usd": 5_000}),
        ("select_slider", "f_min_incentive", 10_000, {"min_incentive_usd": 10_000}),
        ("select_slider", "f_pop_min", 10_000, {"population_min": 10_000}),
        ("select_slider", "f_pop_max", 10_000_000, {"population_max": 10_000_000}),
        ("text_input", "f_q", "spring", {"name_query": "spring"}),
        ("toggle", "f_hub", True, {"hub_only": True}),
    ],
)  # fmt: skip
def test_each_filter_changes_the_count(towns, widget, key, value, state) -> None:
    at = start()
    getattr(at, widget)(key=key).set_value(value).run()
    assert not at.exception
    assert shown(at) == expected(towns, **state)
    assert shown(at) != expected(towns)


def test_budget_filter(towns) -> None:
    at = start()
    at.toggle(key="f_budget_on").set_value(True).run()
    at.slider(key="f_budget").set_value(900).run()
    assert shown(at) == expected(towns, budget_max_usd=900)
    at.checkbox(key="f_budget_nodata").set_value(False).run()
    assert shown(at) == expected(towns, budget_max_usd=900, include_missing_budget=False)
    assert at.query_params["budget"] == "900"
    assert at.query_params["nodata_budget"] == "hide"


def test_cad_budget_filters_canadian_towns_only(towns) -> None:
    at = start()
    at.toggle(key="f_budget_cad_on").set_value(True).run()
    at.slider(key="f_budget_cad").set_value(1_400).run()
    at.checkbox(key="f_budget_nodata").set_value(False).run()
    count = shown(at)
    assert count == expected(towns, budget_max_cad=1_400, include_missing_budget=False)
    canada = towns[towns["country"] == "CA"]
    cheap = canada["median_renter_shelter_cost_cad"] <= 1_400
    small = canada["population"] <= 100_000
    assert count == int((cheap & small).sum()) > 0  # only Canadian towns: no USD budget set
    assert at.query_params["budget_cad"] == "1400"
    assert "budget" not in at.query_params


def test_airport_distance_filter(towns) -> None:
    at = start()
    at.toggle(key="f_airport_on").set_value(True).run()
    at.slider(key="f_airport").set_value(30).run()
    count = shown(at)
    assert count == expected(towns, max_airport_mi=30)
    assert 0 < count < expected(towns)
    assert at.query_params["airport"] == "30"
    at.toggle(key="f_university_on").set_value(True).run()
    assert shown(at) == expected(towns, max_airport_mi=30, max_research_university_mi=60)


def test_a_link_sets_the_distance_filters(towns) -> None:
    at = start({"hospital": "15", "park": "50"})
    assert at.toggle(key="f_hospital_on").value is True
    assert at.slider(key="f_park").value == 50
    assert shown(at) == expected(towns, max_hospital_mi=15, max_national_park_mi=50)


def test_query_params_set_the_widgets(towns) -> None:
    at = start({"state": "MT", "metric": "tier", "q": "Boz", "w": "10,20,30,40", "hub": "1"})
    assert at.multiselect(key="f_states").value == ["MT"]
    assert at.radio(key="metric").value == "tier"
    assert at.text_input(key="f_q").value == "Boz"
    assert at.slider(key="w_jobs").value == 30
    assert at.toggle(key="f_hub").value is True
    assert shown(at) == expected(towns, states=("MT",), name_query="Boz", hub_only=True)


def test_bad_parameters_warn_without_an_exception(towns) -> None:
    at = start({"state": "MT,ZZ", "budget": "-5", "metric": "<script>", "town": "123",
                "zzz": "1"})  # fmt: skip
    warnings = " ".join(w.value for w in at.warning)
    assert "'ZZ'" in warnings and "budget" in warnings and "metric" in warnings
    assert "town" in warnings and "'zzz'" in warnings
    # budget=-5 is below the slider's range: clamped to its minimum, not passed on.
    assert at.slider(key="f_budget").value == 300
    assert shown(at) == expected(towns, states=("MT",), budget_max_usd=300)


@pytest.mark.parametrize(
    ("budget", "used"),
    [("0", 300), ("-0", 300), ("299", 300), ("20000", 6_000), ("6001", 6_000),
     ("99999999999", 6_000)],
)  # fmt: skip
def test_a_link_value_outside_a_widgets_range_never_reaches_the_widget(budget, used) -> None:
    """Seen: ?budget=0 and ?budget=20000 raised StreamlitValueBelowMinError/AboveMaxError."""
    at = start({"budget": budget})
    slider = at.slider(key="f_budget")
    assert (slider.min, slider.max) == (300, 6_000)
    assert slider.value == used
    assert any("is used" in w.value for w in at.warning)


def test_every_slider_takes_its_range_from_the_one_table() -> None:
    at = start({"budget": "1000"})
    by_key = {k: p for p in PARAMS for k in p.state_keys}
    sliders = [s for s in at.slider if s.key in by_key]
    assert len(sliders) == 1 + len(by_key["w_afford"].state_keys)  # budget and weights
    for slider in sliders:
        param = by_key[slider.key]
        assert (slider.min, slider.max, slider.step) == (param.min, param.max, param.step)


def test_reset_filters_keeps_the_metric(towns) -> None:
    at = start({"state": "MT", "metric": "score", "q": "a"})
    reset = next(b for b in at.button if b.label == "Reset filters")
    reset.click().run()
    assert shown(at) == expected(towns)
    assert at.radio(key="metric").value == "score"
    assert "state" not in at.query_params


def test_selected_town_shows_details() -> None:
    at = start({"town": "3008950"})
    assert any("Bozeman, Montana" in h.value for h in at.subheader)
    assert any("Gallatin County" in c.value for c in at.caption)
    tulsa = start({"town": "4075000", "pop": "0-10000000"})
    assert any(df.value["program"].tolist() == ["Tulsa Remote"] for df in tulsa.dataframe
               if "program" in df.value.columns)  # fmt: skip


def test_details_show_distances_and_canadian_dollars() -> None:
    def rows(at: AppTest) -> dict[str, str]:
        """Field -> value of every details table, unescaped (st.table cells are escaped)."""
        return {
            unescape(field): unescape(table.loc[field, "value"])
            for table in (t.value for t in at.table)
            for field in table.index
        }

    bozeman = rows(start({"town": "3008950"}))
    assert bozeman["Nearest scheduled airport (code)"] == "BZN"
    assert re.fullmatch(r"8\.1 mi \(13\.0 km\)", bozeman["Nearest airport with scheduled service"])
    calgary_at = start({"town": "csd:4806016", "pop": "0-10000000"})
    assert any("Calgary" in h.value for h in calgary_at.subheader)
    calgary = rows(calgary_at)
    assert calgary["Median dwelling value"] == "CA$456,000"
    assert calgary["Median rent (renters' shelter cost)"] == "CA$1,350 per month"
    assert calgary["Nearest research university"] == "no data"
    assert "Median home value" not in calgary


def unescape(text: object) -> str:
    """Markdown backslash escapes removed: the text a reader sees."""
    return re.sub(r"\\(.)", r"\1", str(text))


def test_charts_and_share_panels_render() -> None:
    at = start({"town": "3008950"})
    at.segmented_control(key="panel").set_value("Table").run()
    table = at.dataframe[-1].value
    assert len(table) == shown(at) and "hub_score" in table.columns
    assert any(d.label == "Download CSV" for d in at.get("download_button"))
    at.segmented_control(key="panel").set_value("Charts").run()
    assert not at.exception
    at.segmented_control(key="panel").set_value("Share").run()
    assert not at.exception
    assert "town=3008950" in at.code[0].value


def test_sources_page() -> None:
    at = start()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "GeoNames \\(geonames\\.org\\), CC BY 4\\.0" in text  # escaped Markdown
    sources = at.dataframe[0].value
    assert "Open Use of Data Agreement v1.0 (O-UDA-1.0)" in set(sources["licence"])
    assert any("Sources and method" in t.value for t in at.title)


def test_sources_page_states_the_connectivity_thresholds_and_fcc_credit() -> None:
    at = start()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    credits = [m.value for m in at.markdown if m.value.startswith("- Source data")]
    assert credits == ["- Source data\\: FCC Broadband Data Collection\\."]  # once, escaped
    frames = [d.value for d in at.dataframe]
    thresholds = next(f for f in frames if "threshold" in f.columns).set_index("threshold")
    assert thresholds.loc["gigabit_min_share_of_homes", "value"] == 0.75
    assert thresholds.loc["five_g_35_3_min_share_of_land", "value"] == 0.9
    tiers = next(f for f in frames if "connectivity tier" in f.columns)
    assert tiers["connectivity tier"].tolist()[:2] == [
        "Gigabit wired (fiber-class)",
        "5G (outdoor coverage)",
    ]


def test_sources_page_shows_the_map_classes(towns) -> None:
    at = start()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    afford = classed(AFFORDABILITY, towns["price_to_income"])
    tables = [df.value for df in at.dataframe if "class" in df.value.columns]
    assert len(tables) == 4  # one per metric
    shown = tables[0]
    assert shown["class"].tolist() == list(afford.labels)
    assert shown["towns"].sum() == len(towns)
    assert shown["from"].dropna().tolist() == sorted(afford.edges[1:-1])


def test_missing_data_toggles_for_incentive_and_hub(towns) -> None:
    at = start({"pop": "0-10000000"})
    at.select_slider(key="f_min_incentive").set_value(5_000).run()
    with_unknown = expected(towns, population_max=10_000_000, min_incentive_usd=5_000)
    assert shown(at) == with_unknown
    at.checkbox(key="f_incentive_nodata").set_value(False).run()
    strict = expected(towns, population_max=10_000_000, min_incentive_usd=5_000,
                      include_missing_incentive=False)  # fmt: skip
    assert shown(at) == strict < with_unknown
    assert at.query_params["nodata_incentive"] == "hide"
    at.toggle(key="f_hub").set_value(True).run()
    at.checkbox(key="f_hub_nodata").set_value(True).run()
    assert shown(at) == expected(towns, population_max=10_000_000, min_incentive_usd=5_000,
                                 include_missing_incentive=False, hub_only=True,
                                 include_missing_hub=True)  # fmt: skip


def test_upload_your_own_places() -> None:
    at = start()
    at.file_uploader(key="upload_file").set_value(
        ("mine.csv", b"name,lat,lon,coworking\nHere,45.6,-111.0,3\nThere,40.0,-105.2,\n",
         "text/csv")
    ).run()  # fmt: skip
    assert not at.exception
    assert any(r"2 places read from mine\.csv" in s.value for s in at.success)  # escaped
    at.toggle(key="show_upload").set_value(True).run()
    assert any("Showing 2 of your 2 places" in i.value for i in at.info)
    assert at.selectbox(key="upload_column").value == "coworking"


def test_a_bad_upload_gets_one_message_and_the_app_keeps_working(towns) -> None:
    at = start()
    at.file_uploader(key="upload_file").set_value(
        ("bad.csv", b"name,lat,lon\nA,91,0\nB,1,x\n", "text/csv")
    ).run()
    assert not at.exception
    message = at.error[0].value
    assert message.startswith(r"Your file was not loaded\:")  # shown escaped
    assert "row 2" in message and "row 3" in message
    assert shown(at) == expected(towns)


def _cash_towns(at: AppTest) -> int:
    metric = next(m for m in at.metric if m.label == "Towns with a cash incentive")
    return int(metric.value.replace(",", ""))


def test_counting_incentives_of_unknown_status_and_other_types(towns) -> None:
    programs = load_programs()
    at = start({"pop": "0-10000000", "min_incentive": "5000", "nodata_incentive": "hide"})
    assert not at.checkbox(key="f_incentive_unknown").value
    default = shown(at)
    strict = FilterState(
        population_max=10_000_000, min_incentive_usd=5_000, include_missing_incentive=False
    )
    kept = filter_towns(towns, strict)
    assert default == len(kept)
    cash_default = _cash_towns(at)
    assert cash_default == int((kept["incentive_status"] == "cash program").sum())
    at.checkbox(key="f_incentive_unknown").set_value(True).run()
    assert at.query_params["incentive_unknown"] == "count"
    recounted = towns.copy()
    recounted.update(town_incentives(towns, programs, include_unknown=True))
    state = FilterState(
        population_max=10_000_000,
        min_incentive_usd=5_000,
        include_missing_incentive=False,
        include_unknown_incentive=True,
    )
    assert shown(at) == len(filter_towns(recounted, state)) > default
    assert _cash_towns(at) > cash_default
    at.checkbox(key="f_incentive_other").set_value(True).run()
    assert at.query_params["incentive_types"] == "all"
    assert shown(at) > len(filter_towns(recounted, state))
    again = start({"incentive_unknown": "count", "incentive_types": "all"})
    assert again.checkbox(key="f_incentive_unknown").value
    assert again.checkbox(key="f_incentive_other").value


def test_selected_town_lists_its_programs_with_type_terms_and_status() -> None:
    at = start({"town": "5446636"})  # Lewisburg WV: Ascend WV (Greenbrier Valley)
    table = next(d.value for d in at.dataframe if "program_type" in d.value.columns)
    row = table[table["program"] == "Ascend WV (Greenbrier Valley)"].iloc[0]
    assert row["program_type"] == "remote-worker relocation"
    assert row["status_label"].startswith("open as last reported")
    assert row["first_year"].startswith("$10,000")
    assert "remote" in row["eligibility"]


def card_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)


def test_card_shows_score_rank_and_budget_and_partial_ranks_by_link() -> None:
    at = start({"town": "5455756", "budget": "1500"})  # Morgantown, WV
    assert any("Morgantown, West Virginia" in h.value for h in at.subheader)
    text = card_text(at)
    assert "**Hub score**: " in text and " of 100" in text
    assert re.search(r"\*\*Rank\*\*: \d+(st|nd|rd|th) of [\d,]+ in West Virginia", text)
    assert "under your \\$1,500 budget" in text
    assert "Ascend WV" in text
    # Pennsboro, WV has no tech-jobs data: partial, not ranked unless the link asks.
    pennsboro = start({"town": "5462764"})
    assert "not ranked\\: partial score" in card_text(pennsboro)
    ranked = start({"town": "5462764", "partial": "1"})
    assert re.search(r"\*\*Rank\*\*: \d+(st|nd|rd|th) of", card_text(ranked))
    assert ranked.toggle(key="score_partial").value is True


def test_a_town_chosen_in_the_search_is_selected_with_its_card_and_the_map_moves() -> None:
    at = start({"state": "MT"})  # the search ignores the filters: a West Virginia town
    at.session_state["_search_chosen"] = "5455756"  # what the search box reports on a choice
    at.run()
    assert not at.exception
    assert at.session_state["town"] == "5455756"
    assert any("Morgantown, West Virginia" in h.value for h in at.subheader)
    assert re.search(r"\*\*Rank\*\*: \d+(st|nd|rd|th) of [\d,]+ in West Virginia", card_text(at))
    assert at.query_params["town"] == "5455756"
    assert at.query_params["z"] == "11" and at.query_params["lat"].startswith("39.6")
    assert at.multiselect(key="f_states").value == ["MT"]  # filters untouched
    assert any("outside the current filters" in c.value for c in at.caption)


def test_compare_from_the_link_survives_a_filter_change() -> None:
    at = start({"compare": "5455756,4105800", "state": "MT"})  # Morgantown WV, Bend OR
    at.segmented_control(key="panel").set_value("Compare").run()
    table = next(t.value for t in at.table if "Morgantown, WV" in t.value.columns)
    assert list(table.columns) == ["Morgantown, WV", "Bend, OR"]
    assert {"Hub score", "Rank", "Connectivity", "Median rent"} <= set(table.index)
    assert sum(v.startswith("★") for v in table.loc["Hub score"]) == 1
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    at.multiselect(key="f_states").set_value(["ID"]).run()
    assert at.query_params["compare"] == "5455756,4105800"
    table = next(t.value for t in at.table if "Bend, OR" in t.value.columns)
    assert len(table.columns) == 2


def test_pin_from_the_card_and_a_fifth_pin_is_refused() -> None:
    at = start({"town": "3008950", "compare": "5455756,4105800,4965330,1616750"})
    pin = next(b for b in at.button if b.key == "pin_card")
    assert pin.disabled  # four are pinned
    at = start({"town": "3008950"})
    next(b for b in at.button if b.key == "pin_card").click().run()
    assert at.query_params["compare"] == "3008950"
    assert next(b for b in at.button if b.key == "pin_card").label == "Unpin from compare"


def test_pin_the_selected_row_from_the_table() -> None:
    at = start({"town": "5455756", "state": "WV"})
    at.segmented_control(key="panel").set_value("Table").run()
    pin = next(b for b in at.button if b.key == "pin_table")
    assert pin.label == "Pin Morgantown, WV to compare (0/4)"
    pin.click().run()
    assert at.query_params["compare"] == "5455756"
    assert next(b for b in at.button if b.key == "pin_table").label == (
        "Unpin Morgantown, WV from compare"
    )
    assert next(b for b in at.button if b.key == "pin_card").label == "Unpin from compare"
    at = start({"state": "WV"})  # no town selected: nothing to pin
    at.segmented_control(key="panel").set_value("Table").run()
    assert not [b for b in at.button if b.key == "pin_table"]


def test_calculator_from_the_link_gives_the_pure_functions_numbers(towns) -> None:
    from hubmap.calculator import Inputs, relocation

    at = start({"town": "5455756", "calc_cost": "2500", "calc_basis": "own",
                "calc_down": "40000", "calc_rate": "650", "metric": "savings"})  # fmt: skip
    assert not at.exception
    town = towns[towns["town_id"] == "5455756"]
    expected = relocation(town, Inputs(2_500, "own", down_payment_usd=40_000, rate_pct=6.5))
    first = expected["first_year_savings_usd"].iloc[0]
    five = expected["five_year_savings_usd"].iloc[0]
    text = card_text(at)
    word = "saves" if first >= 0 else "costs"
    assert f"**First\\-year savings**: {word} \\${abs(first):,.0f}" in text
    assert f"**Five\\-year savings**: saves \\${five:,.0f}" in text
    assert at.toggle(key="calc_cost_on").value is True
    assert at.slider(key="calc_rate").value == 650
    assert at.radio(key="metric").value == "savings"


def test_savings_filter_keeps_only_towns_that_save(towns) -> None:
    from hubmap.calculator import Inputs, relocation

    at = start({"calc_cost": "900", "min_savings": "0", "state": "WV"})
    wv = filter_towns(towns, FilterState(states=("WV",)))
    saves = (relocation(wv, Inputs(900))["first_year_savings_usd"] >= 0).sum()
    assert shown(at) == saves < len(wv)


def test_home_town_sets_todays_cost() -> None:
    at = start({"town": "5455756"})
    next(b for b in at.button if b.key == "calc_use_town").click().run()
    assert at.query_params["calc_from"] == "5455756"
    # Home against itself: nothing saved, and no incentive for staying.
    assert "**First\\-year savings**: saves \\$0 \\(housing saves \\$0 a year\\)" in card_text(at)


def test_table_opens_sorted_by_the_metric_with_a_rank_and_the_selected_town_marked() -> None:
    at = start({"town": "5455756", "state": "WV", "metric": "score"})
    at.segmented_control(key="panel").set_value("Table").run()
    table = next(df.value for df in at.dataframe if "rank" in df.value.columns)
    scores = table["hub_score"].dropna().tolist()
    assert scores == sorted(scores, reverse=True)
    assert table["rank"].iloc[0] == 1
    assert (table["name"] == "▶ Morgantown").sum() == 1


def test_peers_of_the_selected_town_match_the_pure_function() -> None:
    """Morgantown WV among towns of its size, then in its state: the panel's hub score rank
    is `peer_ranks`' on every town (whatever the filters), and the state rank is the card's."""
    import ui_cache

    from hubmap.peers import peer_ranks
    from hubmap.viewstate import ViewState

    at = start({"town": "5455756", "state": "MT"})  # a filter that leaves Morgantown out
    at.segmented_control(key="panel").set_value("Peers").run()
    frame = ui_cache.peer_frame((False, False), ViewState().weights, False)
    for group in ("size", "state"):
        at.segmented_control(key="peer_group").set_value(group).run()
        assert not at.exception
        expected, among = peer_ranks(frame, "5455756", group)
        table = next(t.value for t in at.table if "Hub score" in t.value.index)
        assert unescape(table.loc["Hub score"].iloc[1]) == expected["rank"].iloc[0]  # Rank
        assert any(unescape(among) in unescape(m.value) for m in at.markdown)
    assert expected["rank"].iloc[0] == "49th of 85"  # as the card ranks it in West Virginia
