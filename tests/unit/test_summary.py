from __future__ import annotations

import pandas as pd

from hubmap.colors import CONNECTIVITY, INCENTIVE
from hubmap.schema import CONNECTIVITY_TIERS
from hubmap.summary import map_summary


def _frame(states: list[str], tiers: list[str | None], cash: list[float | None]) -> pd.DataFrame:
    status = ["cash program" if c else "no program known" for c in cash]
    return pd.DataFrame(
        {
            "state_name": states,
            "connectivity_tier": pd.Series(tiers, dtype="string"),
            "incentive_max_usd": cash,
            "incentive_status": status,
        }
    )


def test_summary_counts_classes_and_places_the_cash_towns() -> None:
    frame = _frame(
        ["Kansas", "Kansas", "Ohio", "Iowa", "Maine", "Utah"],
        [CONNECTIVITY_TIERS[0], None, CONNECTIVITY_TIERS[0], None, None, None],
        [10_000, 5_000, None, 2_000, 15_000, None],
    )
    text = map_summary(frame, CONNECTIVITY, 100)
    assert text.startswith("6 of 100 towns shown, coloured by Connectivity tier: ")
    assert f"33% {CONNECTIVITY_TIERS[0]}; 67% no data." in text
    assert CONNECTIVITY_TIERS[-1] not in text  # empty classes are left out
    assert text.endswith(
        "The 4 towns with a cash incentive are in Kansas (2), Iowa (1) and Maine (1)."
    )


def test_summary_names_three_places_and_counts_the_rest() -> None:
    frame = _frame(["A", "A", "B", "C", "D", "E"], [None] * 6, [5_000] * 6)
    text = map_summary(frame, INCENTIVE, 6)
    assert "The 6 towns with a cash incentive are in A (2), B (1), C (1) and 2 more" in text
    assert "100% $5,000 to $9,999" in text


def test_summary_without_cash_or_towns() -> None:
    frame = _frame(["Ohio"], [None], [None])
    assert map_summary(frame, INCENTIVE, 10).endswith("None of them has a cash incentive known.")
    assert map_summary(frame.iloc[:0], INCENTIVE, 10) == "No town of 10 matches the filters."
