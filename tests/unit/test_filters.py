from __future__ import annotations

from dataclasses import replace

import pytest

from hubmap.filters import FilterState, filter_mask, filter_towns


def names(frame) -> list[str]:
    return sorted(frame["name"])


def test_default_keeps_small_towns_only(towns) -> None:
    assert names(filter_towns(towns, FilterState())) == [
        "Bozeman", "Fayetteville", "Smalltown"
    ]  # fmt: skip


def test_everything_when_population_unbounded(towns) -> None:
    state = FilterState(population_max=10_000_000)
    assert len(filter_towns(towns, state)) == len(towns)


def test_states(towns) -> None:
    state = FilterState(states=("MT", "AB"), population_max=10_000_000)
    assert names(filter_towns(towns, state)) == ["Bozeman", "Calgary", "Smalltown"]


def test_budget_keeps_missing_by_default_and_can_drop_them(towns) -> None:
    wide = FilterState(population_max=10_000_000, budget_max_usd=1_000)
    assert names(filter_towns(towns, wide)) == ["Calgary", "Fayetteville", "Smalltown", "Tulsa"]
    strict = FilterState(population_max=10_000_000, budget_max_usd=1_000,
                         include_missing_budget=False)  # fmt: skip
    assert names(filter_towns(towns, strict)) == ["Fayetteville", "Tulsa"]


def test_budget_basis_own_uses_the_mortgage_estimate(towns) -> None:
    state = FilterState(population_max=10_000_000, budget_max_usd=1_400, budget_basis="own",
                        include_missing_budget=False)  # fmt: skip
    assert names(filter_towns(towns, state)) == ["Fayetteville"]


def test_budgets_are_per_currency_never_converted(towns) -> None:
    """Calgary's CA$1,350 rent is compared with the CAD budget only."""
    both = FilterState(population_max=10_000_000, budget_max_usd=1_000, budget_max_cad=1_400,
                       include_missing_budget=False)  # fmt: skip
    assert names(filter_towns(towns, both)) == ["Calgary", "Fayetteville", "Tulsa"]
    tight = FilterState(population_max=10_000_000, budget_max_usd=1_400, budget_max_cad=1_300,
                        include_missing_budget=False)  # fmt: skip
    assert names(filter_towns(towns, tight)) == ["Fayetteville", "Tulsa"]
    cad_only = FilterState(population_max=10_000_000, budget_max_cad=1_400,
                           include_missing_budget=False)  # fmt: skip
    assert names(filter_towns(towns, cad_only)) == ["Calgary"]
    # No Canadian mortgage estimate: on the "own" basis Calgary has no figure.
    own = FilterState(population_max=10_000_000, budget_max_usd=1_400, budget_max_cad=9_000,
                      budget_basis="own")  # fmt: skip
    assert "Calgary" in names(filter_towns(towns, own))
    assert "Calgary" not in names(filter_towns(towns, replace(own, include_missing_budget=False)))


def test_distance_limits_drop_towns_without_the_distance(towns) -> None:
    frame = towns.copy()
    frame["airport_mi"] = [8.1, 5.0, 15.7, 90.0, 30.0, 5.2]
    frame["hospital_mi"] = [1.9, 2.0, 2.1, 45.0, float("nan"), float("nan")]
    near = FilterState(population_max=10_000_000, max_airport_mi=20)
    assert names(filter_towns(frame, near)) == ["Bend", "Bozeman", "Calgary", "Tulsa"]
    both = replace(near, max_hospital_mi=30)  # Calgary has no US hospital distance
    assert names(filter_towns(frame, both)) == ["Bend", "Bozeman", "Tulsa"]
    edge = FilterState(population_max=10_000_000, max_airport_mi=30)
    assert "Fayetteville" in names(filter_towns(frame, edge))  # the limit is inclusive


def test_tiers(towns) -> None:
    state = FilterState(population_max=10_000_000, tiers=("Gigabit wired (fiber-class)",),
                        include_missing_tier=False)  # fmt: skip
    assert names(filter_towns(towns, state)) == ["Bozeman", "Tulsa"]


def test_min_incentive_never_passes_no_program_and_keeps_no_data_by_default(towns) -> None:
    state = FilterState(population_max=10_000_000, min_incentive_usd=5_000)
    assert names(filter_towns(towns, state)) == ["Calgary", "Fayetteville", "Tulsa"]
    strict = FilterState(population_max=10_000_000, min_incentive_usd=5_000,
                         include_missing_incentive=False)  # fmt: skip
    assert names(filter_towns(towns, strict)) == ["Fayetteville", "Tulsa"]


def test_population_range(towns) -> None:
    state = FilterState(population_min=50_000, population_max=200_000)
    assert names(filter_towns(towns, state)) == ["Bend", "Bozeman", "Fayetteville"]


def test_name_query_is_case_insensitive_and_literal(towns) -> None:
    state = FilterState(population_max=10_000_000, name_query="  bOZ ")
    assert names(filter_towns(towns, state)) == ["Bozeman"]
    regexy = FilterState(population_max=10_000_000, name_query=".*")
    assert filter_towns(towns, regexy).empty


def test_hub_only(towns) -> None:
    state = FilterState(population_max=10_000_000, hub_only=True)
    assert names(filter_towns(towns, state)) == ["Bozeman", "Fayetteville"]
    unknown_too = FilterState(population_max=10_000_000, hub_only=True, include_missing_hub=True)
    assert names(filter_towns(towns, unknown_too)) == ["Bozeman", "Fayetteville", "Smalltown"]


def test_mask_does_not_touch_the_frame(towns) -> None:
    before = towns.copy()
    filter_mask(towns, FilterState(states=("MT",)))
    assert towns.equals(before)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"budget_basis": "buy"}, "budget_basis"), ({"tiers": ("Fiber",)}, "unknown tiers")],
)
def test_invalid_state_is_refused(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        FilterState(**kwargs)
