from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from hubmap.filters import FilterState
from hubmap.mapview import DEFAULT_CENTER
from hubmap.schema import CONNECTIVITY_TIERS
from hubmap.viewstate import METRICS, ViewState, decode, encode

STATES = ["AB", "MT", "OK", "OR", "TN"]
TOWNS = {"3008950", "4075000", "gn:5913490"}


def test_default_view_has_a_clean_url() -> None:
    assert encode(ViewState()) == {}
    assert decode({}, STATES) == (ViewState(), [])


def test_a_shared_link_decodes() -> None:
    view, warnings = decode(
        {"state": "MT,OK", "budget": "2000", "basis": "own", "metric": "tier",
         "tier": "gig,250", "town": "3008950", "w": "10,20,30,40",
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
    assert view.filters.budget_max_usd is None and "budget='lots'" in text
    assert view.metric == "afford" and "metric='colour'" in text
    assert view.town is None and "no such town" in text
    assert view.center == DEFAULT_CENTER and "map position" in text
    assert "unknown link parameter 'evil'" in text
    assert view.filters.name_query == "Boz"
    assert len(warnings) == 6


def test_repeated_and_huge_parameters() -> None:
    view, warnings = decode({"metric": ["tier", "score"], "q": "x" * 100_000}, STATES)
    assert view.metric == "score"
    assert any("2 times" in w for w in warnings)
    assert any("100,000 characters" in w for w in warnings)
    assert view.filters.name_query == ""


def test_population_range_must_be_ordered() -> None:
    view, warnings = decode({"pop": "5000-10"}, STATES)
    assert view.filters.population_max == FilterState().population_max
    assert "minimum is above maximum" in warnings[0]


views = st.builds(
    ViewState,
    filters=st.builds(
        FilterState,
        states=st.lists(st.sampled_from(STATES), unique=True, max_size=3).map(tuple),
        budget_basis=st.sampled_from(["rent", "own"]),
        budget_max_usd=st.none() | st.integers(0, 20_000),
        include_missing_budget=st.booleans(),
        tiers=st.lists(st.sampled_from(CONNECTIVITY_TIERS), unique=True).map(tuple),
        include_missing_tier=st.booleans(),
        min_incentive_usd=st.integers(0, 100_000),
        include_missing_incentive=st.booleans(),
        population_min=st.integers(0, 5_000),
        population_max=st.integers(5_000, 10_000_000),
        name_query=st.text(st.characters(categories=["L", "M", "N", "Z", "P", "S"]), max_size=30),
        hub_only=st.booleans(),
        include_missing_hub=st.booleans(),
    ),
    metric=st.sampled_from(METRICS),
    town=st.none() | st.sampled_from(sorted(TOWNS)),
    weights=st.tuples(*[st.integers(0, 100)] * 4),
    center=st.tuples(
        st.floats(-85, 85).map(lambda v: round(v, 4)),
        st.floats(-180, 180).map(lambda v: round(v, 4)),
    ),
    zoom=st.integers(3, 14),
)


@settings(max_examples=300, deadline=None)
@given(views)
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
