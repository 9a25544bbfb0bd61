"""Property-based links through the running app (AppTest), not the codec alone: whatever a
link holds, the page runs without an exception, every widget shows the view `decode` gives
(inside the widget's range), the map's filters are that view's, and the warnings read
literally. The strategies are built from `hubmap.controls.PARAMS`, so a new parameter is
fuzzed as soon as it is in the table."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from hubmap.calculator import link_inputs, savings_kept
from hubmap.controls import PARAMS, Param
from hubmap.filters import filter_towns
from hubmap.incentive_rules import with_counting_rules
from hubmap.towns import load_programs, load_towns
from hubmap.viewstate import decode, widget_values
from tests.explorer_app import explorer_app
from tests.hostile_data import hostile, literal_problems

TOWNS = load_towns()
PROGRAMS = load_programs()
BY_ID = TOWNS.set_index("town_id")
STATES = sorted(TOWNS["state"].unique())
TOWN_IDS = TOWNS["town_id"].sample(20, random_state=1).tolist()
KNOWN = {"states": STATES, "towns": TOWN_IDS}
MARKUP = st.sampled_from(
    [hostile("ZQ1Q", long=False), "![x](http://127.0.0.1:9/b.png)", ":red[x]", "**b**",
     ":material/home:", "<img src=x>", "{{'x'}}", "\u202e", "-0", "1e9", "NaN", "٣", ""]
)  # fmt: skip
JUNK = MARKUP | st.text(max_size=30)


def _int_text(param: Param) -> st.SearchStrategy[str]:
    low, high = param.min or 0, param.max or 0
    numbers = st.integers(low - 10**7, high + 10**7) | st.integers(low, high)
    return numbers.map(str) | JUNK


def param_text(param: Param) -> st.SearchStrategy[str]:
    """What a link might hold for `param`: good values, values off its range, and junk."""
    if param.kind == "int":
        return _int_text(param)
    if param.kind in ("choice", "multi", "id"):
        codes = list(param.codes or param.choices or KNOWN[param.known])
        many = st.lists(st.sampled_from(codes) | JUNK, max_size=5).map(",".join)
        return st.sampled_from(codes) | many | JUNK
    if param.kind == "flag":
        return st.sampled_from(param.words) | JUNK
    if param.kind == "range":
        return st.tuples(_int_text(param), _int_text(param)).map("-".join) | JUNK
    if param.kind == "ints":
        parts = st.lists(_int_text(param), min_size=param.count - 1, max_size=param.count + 1)
        return parts.map(",".join) | JUNK
    return JUNK | st.text(max_size=200)


@st.composite
def links(draw) -> dict[str, str]:
    chosen = draw(st.lists(st.sampled_from(PARAMS), unique=True, max_size=6))
    params = {p.key: draw(param_text(p)) for p in chosen}
    if draw(st.booleans()):
        params.update(lat=draw(JUNK | st.just("45.5")), lon="-100", z=draw(st.sampled_from(
            ["3", "14", "15", "x"])))  # fmt: skip
    if draw(st.booleans()):
        params[draw(MARKUP | st.text(min_size=1, max_size=10))] = draw(JUNK)
    return params


def shown_count(at: AppTest) -> int:
    for caption in at.caption:
        match = re.match(r"\*\*([\d,]+)\*\* of [\d,]+ towns match", caption.value)
        if match:
            return int(match.group(1).replace(",", ""))
    raise AssertionError("no count caption")


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(links())
@example({"incentive_unknown": "count", "min_incentive": "1"})  # counts unknown-status cash
@example({"state": "AB", "calc_from": "5363000", "min_savings": "0"})  # no USD savings in CA
def test_any_link_opens_the_view_it_decodes_to(params) -> None:
    at = explorer_app(90)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    view, warnings = decode(params, STATES, frozenset(TOWNS["town_id"]))
    expected = widget_values(view)
    for key, value in expected.items():
        assert at.session_state[key] == value, key
    for slider in at.slider:
        assert slider.min <= slider.value <= slider.max, slider.key
    f = view.filters
    counted = with_counting_rules(
        TOWNS, PROGRAMS, f.include_unknown_incentive, f.include_other_incentive_types
    )
    kept = filter_towns(counted, f)
    home = BY_ID.loc[view.calc.from_town] if view.calc.from_town in BY_ID.index else None
    inputs, _ = link_inputs(view.calc, home)
    if inputs is not None and view.calc.min_savings_usd is not None:
        kept = savings_kept(kept, inputs, view.calc.min_savings_usd)
    assert shown_count(at) == len(kept)
    shown = [w.value for w in at.warning][: len(warnings)]
    assert len(shown) == len(warnings)
    for source, text in zip(shown, warnings, strict=True):
        assert literal_problems(source, text) == []
    # The address the page writes back is a clean link: it decodes without a warning.
    assert decode(dict(at.query_params), STATES, frozenset(TOWNS["town_id"]))[1] == []
