"""The table opens sorted by the active metric, best first, with a rank column."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hubmap.colors import AFFORDABILITY, CONNECTIVITY, HUB_SCORE
from hubmap.tableview import SELECTED_MARK, ranked_table

TIERS = CONNECTIVITY.categories
FRAME = pd.DataFrame(
    {
        "town_id": ["a", "b", "c", "d"],
        "name": ["A", "B", "C", "D"],
        "price_to_income": [5.0, np.nan, 2.0, 5.0],
        "hub_score": [40.0, 90.0, np.nan, 60.0],
        "connectivity_tier": pd.array([TIERS[-1], None, TIERS[0], TIERS[0]], dtype="string"),
    },
    index=[10, 11, 12, 13],
)


def test_affordability_lower_first_missing_last_ties_share_a_rank() -> None:
    table = ranked_table(FRAME, AFFORDABILITY, None)
    assert table["town_id"].tolist() == ["c", "a", "d", "b"]
    assert table["rank"].tolist()[:3] == [1, 2, 2]
    assert pd.isna(table["rank"].iloc[3])


def test_hub_score_higher_first_and_selected_marked() -> None:
    table = ranked_table(FRAME, HUB_SCORE, "d")
    assert table["town_id"].tolist() == ["b", "d", "a", "c"]
    assert table["name"].tolist()[1] == SELECTED_MARK + "D"
    assert FRAME["name"].tolist() == ["A", "B", "C", "D"]  # the input is not changed


def test_categorical_metric_in_class_order() -> None:
    table = ranked_table(FRAME, CONNECTIVITY, None)
    assert table["town_id"].tolist()[:2] == ["c", "d"] and table["town_id"].iloc[-1] == "b"


def test_incentive_classes_best_first() -> None:
    from hubmap.colors import INCENTIVE

    frame = FRAME.assign(
        incentive_status=["cash program", "no program known", "cash program", "not researched"],
        incentive_max_usd=[2_000.0, np.nan, 12_000.0, np.nan],
    )
    table = ranked_table(frame, INCENTIVE, None)
    assert table["town_id"].tolist() == ["c", "a", "b", "d"]
