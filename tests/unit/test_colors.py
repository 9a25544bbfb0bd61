from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hubmap.colors import (
    AFFORDABILITY,
    CONNECTIVITY,
    HUB_SCORE,
    INCENTIVE,
    MAP_BACKGROUND,
    MIN_DIFFERENCE,
    NO_DATA_COLOR,
    SCALES,
    class_table,
    classed,
    cool_ramp,
    incentive_class,
    metric_values,
    quantile_scale,
    range_labels,
    round_breaks,
    warm_ramp,
)
from hubmap.colorvision import VISIONS, pair_differences
from hubmap.towns import load_towns


def _uploads() -> dict[str, object]:
    """Upload scales of 1 to 4 classes."""
    return {
        f"upload-{n}": quantile_scale(pd.Series(np.arange(1.0, n + 1).repeat(5)), "mine")
        for n in range(1, 5)
    }


ALL_SCALES = {**SCALES, **_uploads()}


@pytest.mark.parametrize("scale", list(SCALES.values()), ids=list(SCALES))
def test_every_scale_has_a_legend_ending_in_no_data(scale) -> None:
    legend = scale.legend()
    assert legend[-1] == (NO_DATA_COLOR, "No data")
    assert len({c for c, _ in legend}) == len(legend)  # distinct colours


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("key", list(ALL_SCALES))
def test_colours_stay_apart_for_every_vision(key: str, vision: str) -> None:
    """Every pair of classes, every class and no data, and every symbol that does not
    recede and the basemap, at least MIN_DIFFERENCE CIEDE2000 apart (Machado 2009 at
    severity 1.0 for the three dichromacies; greyscale by luminance). Receding classes
    (pale tints of "no counted cash") keep it from every other class and no data in every
    vision, and from each other in normal vision only: under CVD the legend and tooltip
    name them."""
    scale = ALL_SCALES[key]
    colours = [*scale.colors, MAP_BACKGROUND]
    background = len(colours) - 1

    def checked(i: int, j: int) -> bool:
        if j == background:
            return i not in scale.muted
        return vision == "normal" or not (i in scale.muted and j in scale.muted)

    too_close = {
        (scale.labels[i], scale.labels[j] if j < background else "basemap"): round(d, 1)
        for (i, j), d in pair_differences(colours, vision).items()
        if d < MIN_DIFFERENCE and checked(i, j)
    }
    assert too_close == {}


def test_ramps_are_dark_first_and_limited_to_checked_counts() -> None:
    assert len(cool_ramp(4)) == 4 and len(warm_ramp(3)) == 3
    with pytest.raises(KeyError):
        cool_ramp(5)  # 5 classes cannot keep MIN_DIFFERENCE in greyscale


def test_round_breaks_near_the_quartiles() -> None:
    values = pd.Series(np.linspace(0.0, 8.0, 801))
    assert round_breaks(values) == (2.0, 4.0, 6.0)
    skewed = pd.Series([1.0] * 50 + list(np.linspace(1.1, 100, 50)) + [np.nan] * 30)
    inner = round_breaks(skewed)
    shares = np.bincount(np.digitize(skewed.dropna(), inner)) / skewed.notna().sum()
    assert shares.max() <= 0.5 + 1e-9  # no class holds most values
    assert round_breaks(pd.Series([3.0, 3.0, np.nan])) == ()
    assert round_breaks(pd.Series([], dtype="float64")) == ()


def test_range_labels() -> None:
    assert range_labels((2, 3, 4)) == ("under 2", "2 to 3", "3 to 4", "4 or more")
    assert range_labels((2_500.0,)) == ("under 2,500", "2,500 or more")
    assert range_labels(()) == ("all values",)


def test_shipped_towns_no_class_holds_most() -> None:
    towns = load_towns()
    scale = classed(AFFORDABILITY, towns["price_to_income"])
    table = class_table(scale, towns)
    classified = table[table["class"] != "No data"]
    assert len(classified) == 4
    assert (classified["towns"] / classified["towns"].sum()).max() < 0.4
    assert table["towns"].sum() == len(towns)
    assert table["towns"].iloc[-1] == towns["price_to_income"].isna().sum()


def test_higher_is_better_puts_the_highest_class_first() -> None:
    scores = pd.Series(np.linspace(0, 100, 101))
    scale = classed(HUB_SCORE, scores)
    assert scale.labels[0].endswith("or more") and scale.labels[-2].startswith("under")
    classes = scale.classify(pd.Series([100.0, 0.0, np.nan]))
    assert classes.tolist() == [0, len(scale.labels) - 2, len(scale.labels) - 1]
    table = class_table(scale, pd.DataFrame({"hub_score": scores}))
    assert table["from"].iloc[0] == 75 and np.isnan(table["below"].iloc[0])


def test_numeric_classes_and_missing_values() -> None:
    values = pd.Series([1.0, 2.0, 3.5, 7.9, np.nan])
    assert AFFORDABILITY.classify(values).tolist() == [0, 1, 2, 3, 4]


def test_categorical_classes() -> None:
    values = pd.Series(["Gigabit wired (fiber-class)", None, "Satellite only (e.g. Starlink)",
                        "5G (outdoor coverage)"], dtype="string")  # fmt: skip
    assert CONNECTIVITY.classify(values).tolist() == [0, 4, 3, 1]


def test_draw_order_puts_no_data_and_muted_first_and_class_0_last() -> None:
    assert INCENTIVE.muted == (3, 4, 5, 6)  # status unknown, closed, other types, no program
    assert INCENTIVE.draw_order() == [7, 6, 5, 4, 3, 2, 1, 0]
    assert AFFORDABILITY.draw_order() == [4, 3, 2, 1, 0]


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
