"""Comparing pinned towns: one row per card row, the best value of each row marked."""

from __future__ import annotations

import pandas as pd

from hubmap.card import CardRow
from hubmap.compare import BEST_MARK, MAX_PINNED, compare_table, components_long, pin, unpin
from hubmap.metrics import SCORE_COMPONENTS


def rows(score, rent, programs=()) -> list[CardRow]:
    out = [
        CardRow("score", "Hub score", "no data" if score is None else f"{score} of 100", "",
                score, True),
        CardRow("housing_rent", "Median rent", "no data" if rent is None else f"${rent}/mo",
                "", rent, False),
    ]  # fmt: skip
    out += [CardRow("incentive", name, f"up to ${cash}", "", cash, True) for name, cash in programs]
    if not programs:
        out.append(CardRow("incentive", "Incentives", "none known", "", 0.0, True))
    return out


def test_best_values_are_marked_higher_or_lower_as_the_row_wants() -> None:
    table = compare_table(
        {
            "A, WV": rows(48.0, 937.0, [("Ascend WV", 12_000.0), ("Other", 5_000.0)]),
            "B, OR": rows(71.0, 1_400.0),
            "C, MT": rows(None, 937.0),
        }
    )
    assert list(table.columns) == ["A, WV", "B, OR", "C, MT"]
    assert list(table.index) == ["Hub score", "Median rent", "Incentives"]
    assert table.loc["Hub score", "B, OR"] == BEST_MARK + "71.0 of 100"
    assert table.loc["Hub score", "C, MT"] == "no data"  # missing is never best
    assert table.loc["Median rent", "A, WV"].startswith(BEST_MARK)  # lower is better, a tie
    assert table.loc["Median rent", "C, MT"].startswith(BEST_MARK)
    assert not table.loc["Median rent", "B, OR"].startswith(BEST_MARK)
    incentives = table.loc["Incentives", "A, WV"]
    assert incentives == BEST_MARK + "Ascend WV: up to $12000.0; Other: up to $5000.0"
    assert table.loc["Incentives", "B, OR"] == "none known"


def test_no_mark_for_one_town_or_all_equal() -> None:
    one = compare_table({"A": rows(50.0, 900.0)})
    assert not any(BEST_MARK in v for v in one.to_numpy().ravel())
    same = compare_table({"A": rows(50.0, 900.0), "B": rows(50.0, 900.0)})
    assert not any(BEST_MARK in v for v in same.to_numpy().ravel())


def test_pin_at_most_four_without_repeats() -> None:
    pinned: tuple[str, ...] = ()
    for town in ["1", "2", "2", "3", "4", "5"]:
        pinned = pin(pinned, town)
    assert pinned == ("1", "2", "3", "4") and len(pinned) == MAX_PINNED
    assert unpin(pinned, "2") == ("1", "3", "4")
    assert unpin(pinned, "9") == pinned


def test_components_leave_missing_parts_out() -> None:
    town = pd.Series({"pct_afford": 80.0, "pct_connect": 10.0, "pct_jobs": None,
                      "pct_incentive": 0.0})  # fmt: skip
    long = components_long({"A": town})
    labels = [c.label for c in SCORE_COMPONENTS]
    assert long["component"].tolist() == [labels[0], labels[1], labels[3]]
    assert long["percentile"].tolist() == [80.0, 10.0, 0.0]
