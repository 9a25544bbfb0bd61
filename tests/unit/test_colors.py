from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hubmap.colors import (
    AFFORDABILITY,
    CONNECTIVITY,
    INCENTIVE,
    NO_DATA_COLOR,
    SCALES,
    incentive_class,
    metric_values,
    quantile_scale,
)


@pytest.mark.parametrize("scale", list(SCALES.values()), ids=list(SCALES))
def test_every_scale_has_a_legend_ending_in_grey_no_data(scale) -> None:
    legend = scale.legend()
    assert legend[-1] == (NO_DATA_COLOR, "No data")
    assert len({c for c, _ in legend}) == len(legend)  # distinct colours


def test_numeric_classes_and_missing_values() -> None:
    values = pd.Series([2.0, 3.0, 4.5, 7.9, 20.0, np.nan])
    assert AFFORDABILITY.classify(values).tolist() == [0, 1, 2, 4, 5, 6]


def test_categorical_classes() -> None:
    values = pd.Series(["Gigabit wired (fiber-class)", None, "Satellite only (e.g. Starlink)",
                        "5G (outdoor coverage)"], dtype="string")  # fmt: skip
    assert CONNECTIVITY.classify(values).tolist() == [0, 4, 3, 1]


def test_incentive_separates_no_program_from_no_data(towns) -> None:
    labels = incentive_class(towns)
    assert labels[0] == "No program known"
    assert labels[1] == "$10,000 or more"
    assert pd.isna(labels[5])  # Canada: not researched -> no data
    classes = INCENTIVE.classify(metric_values(towns, INCENTIVE))
    assert INCENTIVE.labels[classes[0]] == "No program known"
    assert INCENTIVE.labels[classes[5]] == "No data"


def test_incentive_classes_for_programs_that_do_not_count(towns) -> None:
    towns["incentive_status"] = pd.array(
        ["status unknown", "closed", "other program types only", "program, amount not stated",
         "cash program", "not researched"], dtype="string")  # fmt: skip
    towns["incentive_max_usd"] = [np.nan, np.nan, np.nan, np.nan, 4_000.0, np.nan]
    labels = incentive_class(towns).tolist()
    assert labels[:3] == ["Status unknown (not counted)", "Closed", "Other program types only"]
    assert pd.isna(labels[3])  # a counted program with no stated amount: no data (grey)
    assert labels[4] == "under $5,000"
    classes = INCENTIVE.classify(metric_values(towns, INCENTIVE))
    assert [INCENTIVE.labels[c] for c in classes] == [
        "Status unknown (not counted)", "Closed", "Other program types only", "No data",
        "under $5,000", "No data",
    ]  # fmt: skip
    assert len(set(INCENTIVE.colors)) == len(INCENTIVE.colors)


def test_format_value() -> None:
    assert AFFORDABILITY.format_value(6.54) == "6.5x"
    assert AFFORDABILITY.format_value(np.nan) == "No data"
    assert INCENTIVE.format_value(10000.0) == "$10,000"


def test_number_parts_follow_the_value_format() -> None:
    assert AFFORDABILITY.number_parts() == ("", 1, "x")
    assert INCENTIVE.number_parts() == ("$", 0, "")
    assert quantile_scale(pd.Series([0.1, 0.35, 2.5]), "mine").number_parts() == ("", 2, "")
