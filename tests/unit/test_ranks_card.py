"""Hub score ranks (full scores only by default) and the town card's rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hubmap.card import Budget, card_rows, housing_rows, life_rows
from hubmap.compare import BEST_MARK, compare_table
from hubmap.details import town_details
from hubmap.metrics import DEFAULT_WEIGHTS, hub_score, percentile_scores
from hubmap.ranks import missing_components, ordinal, rank_text, score_ranks
from hubmap.towns import load_programs, load_towns


def _scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "hub_score": [90.0, 70.0, 70.0, 50.0, np.nan, 60.0],
            "hub_score_partial": [True, False, False, False, False, False],
            "state": ["WV", "WV", "WV", "WV", "WV", "MT"],
            "country": ["US"] * 6,
        }
    )


def test_partial_scores_are_not_ranked_by_default() -> None:
    ranks = score_ranks(_scores())
    assert ranks["rank_state"].tolist()[:4] == [pd.NA, 1, 1, 3]  # ties share the better rank
    assert pd.isna(ranks["rank_state"][4])  # no score, no rank
    assert ranks["of_state"].tolist() == [3, 3, 3, 3, 3, 1]
    assert ranks["rank_country"].tolist()[1:4] == [1, 1, 4]  # MT's 60 is third
    assert ranks["of_country"].iloc[0] == 4


def test_partial_scores_rank_when_asked() -> None:
    ranks = score_ranks(_scores(), include_partial=True)
    assert ranks["rank_state"].tolist()[:4] == [1, 2, 2, 4]
    assert ranks["of_state"].iloc[0] == 4


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
     (13, "13th"), (21, "21st"), (112, "112th"), (410, "410th"), (1022, "1,022nd")],
)  # fmt: skip
def test_ordinal(n, text) -> None:
    assert ordinal(n) == text


def test_rank_text_reads_as_the_issue_asks() -> None:
    town = pd.Series(
        {"hub_score": 71.0, "rank_state": 12, "of_state": 150, "rank_country": 410,
         "of_country": 15665, "state_name": "West Virginia", "country": "US"}
    )  # fmt: skip
    assert rank_text(town).text == (
        "12th of 150 in West Virginia, 410th of 15,665 in the US (among towns with a full score)"
    )
    unranked = town.copy()
    unranked["rank_state"] = pd.NA
    assert not rank_text(unranked).ranked


def test_missing_components_count_only_weighted_ones() -> None:
    pct = pd.Series({"pct_afford": 50.0, "pct_connect": 20.0, "pct_jobs": np.nan,
                     "pct_incentive": 0.0})  # fmt: skip
    assert missing_components(pct, DEFAULT_WEIGHTS) == ["Tech jobs nearby"]
    assert missing_components(pct, {**DEFAULT_WEIGHTS, "jobs": 0}) == []


@pytest.fixture(scope="module")
def scored_towns():
    """The shipped town table with default-weight scores, percentiles and ranks."""
    towns = load_towns()
    pct = percentile_scores(towns)
    scores = hub_score(pct, DEFAULT_WEIGHTS)
    frame = towns.join(pct.add_prefix("pct_")).join(scores)
    return frame.join(score_ranks(frame))


def _town(frame, town_id: str) -> pd.Series:
    return frame[frame["town_id"] == town_id].iloc[0]


def test_card_of_morgantown_has_score_rank_budget_and_program(scored_towns) -> None:
    town = _town(scored_towns, "5455756")
    rows = {r.key + r.label: r for r in card_rows(town, load_programs(), DEFAULT_WEIGHTS,
                                                  Budget("rent", 1_500))}  # fmt: skip
    score = rows["scoreHub score"]
    assert score.value == f"{town['hub_score']:.0f} of 100"
    assert "partial" not in score.value
    rank = rows["rankRank"].value
    assert rank.startswith(f"{ordinal(int(town['rank_state']))} of ")
    assert "in West Virginia" in rank and "in the US" in rank
    rent = rows["housing_rentMedian rent"]
    gap = 1_500 - town["median_gross_rent_usd"]
    assert (
        rent.value
        == f"${town['median_gross_rent_usd']:,.0f}/mo: ${gap:,.0f} under your $1,500 budget"
    )
    assert "ACS" in rent.detail  # source and vintage one click away
    program = next(r for r in rows.values() if r.key == "incentive")
    assert "$12,000" in program.value and "$10,000 in the first year" in program.value
    assert "Terms: " in program.detail  # the payout terms one click away


def test_card_marks_a_partial_score_and_does_not_rank_it(scored_towns) -> None:
    partial = scored_towns[scored_towns["hub_score_partial"] & scored_towns["hub_score"].notna()]
    town = partial.iloc[0]
    rows = {r.key: r for r in card_rows(town, pd.DataFrame({"program_id": []}), DEFAULT_WEIGHTS)}
    assert "(partial: no data for" in rows["score"].value
    assert rows["rank"].value.startswith("not ranked: partial score")


def test_card_of_a_canadian_town_in_cad_and_no_data_not_zero(scored_towns) -> None:
    canada = scored_towns[scored_towns["country"] == "CA"]
    town = canada[canada["median_renter_shelter_cost_cad"].notna()].iloc[0]
    rows = card_rows(town, pd.DataFrame({"program_id": []}), DEFAULT_WEIGHTS, Budget("rent", 2_000))
    values = {r.key: r for r in rows}
    rent = values["housing_rent"]
    cad = town["median_renter_shelter_cost_cad"]
    assert rent.value == f"C${cad:,.0f}/mo (CAD): not compared with your budget in USD"
    assert rent.number is None  # never ranked against USD figures in a comparison
    assert values["jobs"].value == "no data"
    assert values["incentive"].value == "not researched"
    assert all("$0" not in r.value for r in rows)


def test_budget_over_reads_over() -> None:
    town = pd.Series({"median_gross_rent_usd": 2_400.0, "est_monthly_mortgage_usd": np.nan})
    rows = housing_rows(town, pd.DataFrame({"field": [], "level": [], "source": []}),
                        Budget("rent", 2_000))  # fmt: skip
    assert rows[0].value == "$2,400/mo: $400 over your $2,000 budget"
    assert rows[1].value == "no data"


def test_town_details_still_cover_the_card_columns(scored_towns) -> None:
    details = town_details(_town(scored_towns, "5455756"))
    assert {"Median gross rent", "Connectivity tier"} <= set(details["field"])


def test_card_has_the_life_and_talent_distances(scored_towns) -> None:
    town = _town(scored_towns, "3008950")  # Bozeman MT
    rows = {r.key: r for r in life_rows(town)}
    assert not any(r.key.startswith("life_") for r in card_rows(town, load_programs(), {}))
    airport = rows["life_airport"]
    miles = town["airport_mi"]
    assert airport.value == f"{miles:.1f} mi, {town['airport_code']}"
    assert f"{miles:.1f} mi ({miles * 1.609344:.1f} km)" in airport.detail  # both units
    assert airport.number == pytest.approx(miles)
    assert not airport.higher_is_better  # nearer is better in a comparison
    assert str(town["airport_name"]) in airport.detail
    assert "OurAirports" in airport.detail and "place" in airport.detail
    assert rows["life_hub"].value.endswith(f", {town['large_airport_code']}")
    for key, name in (("life_university", "research_university_name"),
                      ("life_hospital", "hospital_name"), ("life_trauma", "trauma_center_name"),
                      ("life_park", "national_park_name")):  # fmt: skip
        assert rows[key].value.endswith(" mi"), rows[key].value
        assert str(town[name]) in rows[key].detail
    assert "NCES" in rows["life_university"].detail
    assert "HIFLD" in rows["life_trauma"].detail


def test_life_distances_missing_read_no_data_never_zero(scored_towns) -> None:
    calgary = _town(scored_towns, "csd:4806016")
    rows = {r.key: r for r in life_rows(calgary)}
    km = calgary["airport_mi"] * 1.609344
    assert rows["life_airport"].value == f"{km:.1f} km, YYC"  # airports cover Canada too
    for key in ("life_university", "life_hospital", "life_trauma", "life_park"):
        assert rows[key].value == "no data (US only)"
        assert rows[key].number is None
    town = _town(scored_towns, "3008950").copy()
    town["hospital_mi"] = np.nan
    town["national_park_mi"] = 0.0
    rows = {r.key: r for r in life_rows(town)}
    assert rows["life_hospital"].value == "no data"
    assert rows["life_park"].value == "0.0 mi, inside the park"


def test_compare_shows_the_distances_with_the_nearest_marked(scored_towns) -> None:
    rows = {
        label: card_rows(_town(scored_towns, tid), load_programs(), DEFAULT_WEIGHTS)
        + life_rows(_town(scored_towns, tid))
        for label, tid in (("Bozeman", "3008950"), ("Morgantown", "5455756"))
    }
    table = compare_table(rows)
    assert table.loc["R1/R2 university", "Morgantown"].startswith(BEST_MARK)  # 0.5 mi
    assert not table.loc["R1/R2 university", "Bozeman"].startswith(BEST_MARK)
    assert list(table.index).index("Tech jobs") < list(table.index).index("Airport")
