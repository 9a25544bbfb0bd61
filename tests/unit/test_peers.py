"""Peer ranks (hubmap.peers) on a small hand-made town table."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from hubmap.formatting import column_value
from hubmap.peers import peer_columns, peer_mask, peer_ranks, peers_csv

NAN = np.nan


def towns() -> pd.DataFrame:
    """Five US towns in two states and one Canadian town."""
    rows = [
        # id, name, state, country, population, kind, rent, rent top-coded, score, partial
        ("a", "Alpha", "WV", "US", 10_000, "metro", 900.0, False, 60.0, False),
        ("b", "Bravo", "WV", "US", 5_000, "metro", 1_100.0, False, 70.0, False),
        ("c", "Charlie", "WV", "US", 20_000, "micro", 900.0, False, 90.0, True),
        ("d", "Delta", "WV", "US", 20_001, "metro", NAN, False, 50.0, False),
        ("e", "Echo", "MT", "US", 12_000, "none", 3_501.0, True, NAN, False),
        ("f", "Foxtrot", "AB", "CA", 10_000, None, NAN, False, NAN, False),
    ]
    cols = ["town_id", "name", "state", "country", "population", "cbsa_type",
            "median_gross_rent_usd", "median_gross_rent_usd_topcoded", "hub_score",
            "hub_score_partial"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=cols)
    frame["state_name"] = frame["state"].map(
        {"WV": "West Virginia", "MT": "Montana", "AB": "Alberta"}
    )
    frame["median_gross_rent_usd_bottomcoded"] = False
    frame["price_to_income"] = [3.0, 4.0, 2.0, NAN, 5.0, 4.7]
    frame["median_renter_shelter_cost_cad"] = [NAN] * 5 + [1_350.0]
    for column in ("est_monthly_mortgage_usd", "fcc_1000_100_share", "fcc_5g_35_3_land_share",
                   "tech_employment", "incentive_max_usd"):  # fmt: skip
        frame[column] = NAN
    frame["incentive_status"] = "no program known"
    return frame


def row(table: pd.DataFrame, metric: str) -> pd.Series:
    return table.set_index("metric").loc[metric]


def test_size_peers_are_half_to_twice_inclusive_and_in_the_same_country() -> None:
    frame = towns()
    mask = peer_mask(frame, frame.iloc[0], "size")  # Alpha, 10,000: 5,000 to 20,000
    assert frame.loc[mask, "town_id"].tolist() == ["a", "b", "c", "e"]  # not d, not f (CA)


def test_lower_rent_ranks_better_and_ties_share_the_better_rank() -> None:
    table, among = peer_ranks(towns(), "a", "state")
    rent = row(table, "Median rent (lower is better)")
    assert rent["rank"] == "1st of 3"  # Alpha and Charlie tie at $900; Delta has no rent
    assert rent["ranked"] == 3
    assert rent["percentile"] == pytest.approx(100.0)  # as good as or better than both
    assert rent["value"] == column_value("median_gross_rent_usd", 900.0)
    assert among == "4 towns in West Virginia"
    bravo = row(peer_ranks(towns(), "b", "state")[0], "Median rent (lower is better)")
    assert (bravo["rank"], bravo["percentile"]) == ("3rd of 3", 0.0)


def test_partial_scores_are_not_ranked_unless_included() -> None:
    score = row(peer_ranks(towns(), "a", "state")[0], "Hub score")
    assert score["rank"] == "2nd of 3"  # Charlie's 90 is partial: Bravo 70, Alpha 60, Delta 50
    score = row(peer_ranks(towns(), "a", "state", include_partial=True)[0], "Hub score")
    assert score["rank"] == "3rd of 4"


def test_a_missing_value_has_no_rank_never_zero() -> None:
    table, _ = peer_ranks(towns(), "d", "state")
    rent = row(table, "Median rent (lower is better)")
    assert rent["value"] == "no data" and rent["rank"] == "no data"
    assert np.isnan(rent["percentile"])
    cash = row(table, "Largest cash incentive (towns with one)")
    assert cash["value"] == "no program known" and cash["median"] == "none in the group"


def test_a_census_coded_value_ranks_as_about() -> None:
    table, _ = peer_ranks(towns(), "e", "size")
    rent = row(table, "Median rent (lower is better)")
    # 6,000-24,000 people: Alpha, Charlie, Echo. Echo's rent is at least $3,501 (top code):
    # lower is better, so its true rank can only be this one or worse.
    assert rent["rank"] == "3rd of 3 or worse"
    assert "+" in rent["value"]  # the top code reads as such


def test_a_town_alone_in_its_group_has_no_peers() -> None:
    table, among = peer_ranks(towns(), "e", "kind")  # the only town outside metro and micro
    assert set(table["rank"]) <= {"no peers"}
    assert among == "1 outside metro and micro towns in the US"


def test_a_canadian_town_is_ranked_among_canadian_towns_in_cad() -> None:
    table, _ = peer_ranks(towns(), "f", "size")
    assert table["metric"].tolist() == [
        "Price-to-income (lower is better)",
        "Median rent, CAD (lower is better)",
    ]
    assert row(table, "Median rent, CAD (lower is better)")["value"].startswith("CA$1,350")
    assert set(table["rank"]) == {"no peers"}  # no other Canadian town in the fixture
    assert peer_ranks(towns(), "f", "kind")[1].startswith("no peers")


def test_unknown_town_or_group_raises() -> None:
    with pytest.raises(KeyError):
        peer_ranks(towns(), "zzz", "size")
    with pytest.raises(KeyError):
        peer_ranks(towns(), "a", "county")


def test_peer_columns_and_csv() -> None:
    frame = towns()
    assert "median_gross_rent_usd_topcoded" in peer_columns(list(frame.columns))
    table, among = peer_ranks(frame, "a", "state")
    text = peers_csv(table, "=Alpha, WV", among).decode()
    header, first = list(csv.reader(io.StringIO(text)))[:2]
    assert header[:5] == [
        "Town",
        "Peer group",
        "Metric",
        "This town",
        "Rank among peers (1 = best)",
    ]
    assert first[:3] == ["'=Alpha, WV", among, "Hub score"]  # formula-like text neutralised


def test_a_bound_ranks_in_its_direction() -> None:
    frame = towns()
    frame["price_to_income_bound"] = ["at most", "exact", "exact", None, "undetermined", None]
    alpha = row(peer_ranks(frame, "a", "state")[0], "Price-to-income (lower is better)")
    assert alpha["rank"] == "2nd of 3 or better"  # at most 3.0: lower is better
    echo = row(peer_ranks(frame, "e", "size")[0], "Price-to-income (lower is better)")
    assert echo["rank"] == "3rd of 3 (about)"
