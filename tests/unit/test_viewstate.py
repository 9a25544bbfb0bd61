from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubmap.controls import PARAMS, Param
from hubmap.filters import FilterState
from hubmap.mapview import DEFAULT_CENTER, MAX_ZOOM, MIN_ZOOM
from hubmap.schema import CONNECTIVITY_TIERS
from hubmap.viewstate import METRICS, ViewState, decode, encode, field_value, with_fields

STATES = ["AB", "MT", "OK", "OR", "TN"]
TOWNS = {"3008950", "4075000", "csd:4806016"}


def test_default_view_has_a_clean_url() -> None:
    assert encode(ViewState()) == {}
    assert decode({}, STATES) == (ViewState(), [])


def test_a_shared_link_decodes() -> None:
    view, warnings = decode(
        {"state": "MT,OK", "budget": "2000", "basis": "own", "metric": "tier",
         "tier": "gig,5g", "town": "3008950", "w": "10,20,30,40",
         "lat": "45.68", "lon": "-111.04", "z": "11"},
        STATES, TOWNS,
    )  # fmt: skip
    assert warnings == []
    assert view.filters.states == ("MT", "OK")
    assert view.filters.budget_max_usd == 2000 and view.filters.budget_basis == "own"
    assert view.filters.tiers == CONNECTIVITY_TIERS[:2]
    assert (view.metric, view.town, view.weights) == ("tier", "3008950", (10, 20, 30, 40))
    assert (view.center, view.zoom) == ((45.68, -111.04), 11)


def test_bad_parameters_warn_and_the_rest_applies() -> None:
    view, warnings = decode(
        {"state": "MT,XX", "budget": "lots", "metric": "colour", "town": "0000000",
         "z": "99", "lat": "1", "lon": "2", "evil": "<script>", "q": "Boz"},
        STATES, TOWNS,
    )  # fmt: skip
    text = " ".join(warnings)
    assert view.filters.states == ("MT",) and "'XX'" in text
    assert view.filters.budget_max_usd is None
    assert "budget='lots'" in text
    assert view.metric == "afford" and "metric='colour'" in text
    assert view.town is None and "no such town" in text
    assert view.center == DEFAULT_CENTER and "map position" in text
    assert "unknown link parameter 'evil'" in text
    assert view.filters.name_query == "Boz"
    assert len(warnings) == 6


def test_an_old_tier_link_decodes_sensibly() -> None:
    """Links from before the 5G tier: 'gig' and 'sat' keep their tiers, '250' is dropped."""
    view, warnings = decode({"tier": "gig,250,sat"}, STATES)
    assert view.filters.tiers == (CONNECTIVITY_TIERS[0], CONNECTIVITY_TIERS[-1])
    assert len(warnings) == 1 and "'250'" in warnings[0]
    view, warnings = decode({"tier": "250"}, STATES)
    assert view.filters.tiers == ()
    assert len(warnings) == 1


def test_repeated_and_huge_parameters() -> None:
    view, warnings = decode({"metric": ["tier", "score"], "q": "x" * 100_000}, STATES)
    assert view.metric == "score"
    assert any("2 times" in w for w in warnings)
    assert any("100,000 characters" in w for w in warnings)
    assert view.filters.name_query == ""


@pytest.mark.parametrize(
    ("query", "field", "expected"),
    [
        ({"budget": "0"}, "filters.budget_max_usd", 300),
        ({"budget": "-0"}, "filters.budget_max_usd", 300),
        ({"budget": "20000"}, "filters.budget_max_usd", 6_000),
        ({"min_incentive": "-5"}, "filters.min_incentive_usd", 0),
        ({"pop": "0-99999999999"}, "filters.population_max", 10_000_000),
        ({"w": "200,0,0,0"}, "weights", (100, 0, 0, 0)),
    ],
)
def test_out_of_range_values_are_clamped_into_the_widgets_range(query, field, expected) -> None:
    """A link crashed the page with budget=0: the codec allowed 0-20,000, the slider 300-6,000.
    Now both read one range, and the codec clamps into it with a warning."""
    view, warnings = decode(query, STATES, TOWNS)
    assert field_value(view, field) == expected
    assert len(warnings) == 1
    assert "is used" in warnings[0]


def test_every_decoded_value_is_inside_its_widgets_range() -> None:
    huge = {p.key: "99999999999" for p in PARAMS if p.kind == "int"}
    tiny = {p.key: "-99999999999" for p in PARAMS if p.kind == "int"}
    for query in (huge, tiny):
        view, _ = decode(query, STATES, TOWNS)
        for param in PARAMS:
            if param.kind == "int":
                value = field_value(view, param.fields[0])
                assert param.min <= value <= param.max, param.key


def test_warnings_quote_link_text_short_and_as_literals() -> None:
    key = "![x](https://evil.example/beacon.png)" * 20
    _, warnings = decode({key: "1", "metric": "\u202e:red[x]" + "9" * 500}, STATES)
    assert all(len(w) < 200 for w in warnings)
    text = " ".join(warnings)
    assert "\u202e" not in text  # a direction override is shown as its escape
    assert "'\\u202e:red[x]" in text
    assert any(w.startswith("Ignored unknown link parameter '![x](https://evil") for w in warnings)


def test_incentive_counting_rules_in_the_link() -> None:
    view, warnings = decode({"incentive_unknown": "count", "incentive_types": "all"}, STATES)
    assert warnings == []
    assert view.filters.include_unknown_incentive
    assert view.filters.include_other_incentive_types
    assert encode(view) == {"incentive_unknown": "count", "incentive_types": "all"}
    view, warnings = decode({"incentive_types": "every"}, STATES)
    assert not view.filters.include_other_incentive_types
    assert "incentive_types" in warnings[0]


def test_budgets_per_currency_and_canadian_town_ids() -> None:
    view, warnings = decode({"budget": "1200", "budget_cad": "1600", "town": "csd:4806016"},
                            STATES, TOWNS)  # fmt: skip
    assert warnings == []
    assert (view.filters.budget_max_usd, view.filters.budget_max_cad) == (1200, 1600)
    assert view.town == "csd:4806016"
    assert encode(view) == {"budget": "1200", "budget_cad": "1600", "town": "csd:4806016"}


def test_population_range_must_be_ordered() -> None:
    view, warnings = decode({"pop": "5000-10"}, STATES)
    assert view.filters.population_max == FilterState().population_max
    assert "minimum is above maximum" in warnings[0]


KNOWN = {"states": STATES, "towns": sorted(TOWNS)}


def param_values(param: Param) -> st.SearchStrategy[tuple]:
    """Any values within `param`'s definition, one per field (the table drives the test)."""
    if param.kind == "int":
        number = st.integers(param.min, param.max)
        return (st.none() | number if param.optional else number).map(lambda v: (v,))
    if param.kind == "choice":
        return st.sampled_from(param.choices).map(lambda v: (v,))
    if param.kind == "multi":
        pool = param.choices or KNOWN[param.known]
        size = param.count if param.count > 1 else len(pool)
        return st.lists(st.sampled_from(pool), unique=True, max_size=size).map(
            lambda v: (tuple(v),)
        )
    if param.kind == "flag":
        return st.booleans().map(lambda v: (v,))
    if param.kind == "text":
        chars = st.characters(categories=["L", "M", "N", "Z", "P", "S"])
        return st.text(chars, max_size=min(30, param.max_chars)).map(lambda v: (v,))
    if param.kind == "range":
        number = st.integers(param.min, param.max)
        return st.tuples(number, number).map(lambda v: tuple(sorted(v)))
    if param.kind == "ints":
        return st.tuples(*[st.integers(param.min, param.max)] * param.count).map(lambda v: (v,))
    return (st.none() | st.sampled_from(KNOWN[param.known])).map(lambda v: (v,))


@st.composite
def views(draw) -> ViewState:
    values = {}
    for param in PARAMS:
        values.update(zip(param.fields, draw(param_values(param)), strict=True))
    centre = st.tuples(
        st.floats(-85, 85).map(lambda v: round(v, 4)),
        st.floats(-180, 180).map(lambda v: round(v, 4)),
    )
    view = with_fields(ViewState(), values)
    return replace(view, center=draw(centre), zoom=draw(st.integers(MIN_ZOOM, MAX_ZOOM)))


@settings(max_examples=300, deadline=None)
@given(views())
def test_encode_then_decode_gives_the_same_view(view: ViewState) -> None:
    decoded, warnings = decode(encode(view), STATES, TOWNS)
    assert warnings == []
    assert decoded == view


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.text(max_size=20), st.text(max_size=200) | st.lists(st.text())))
def test_any_params_give_a_valid_view_and_never_raise(params) -> None:
    view, warnings = decode(params, STATES, TOWNS)
    assert isinstance(view, ViewState) and isinstance(warnings, list)
    assert set(view.filters.states) <= set(STATES)
    assert view.metric in METRICS
    assert view.town is None or view.town in TOWNS
    assert 3 <= view.zoom <= 14
    # What decoding accepted encodes and decodes to itself.
    assert decode(encode(view), STATES, TOWNS)[0] == replace(view)
