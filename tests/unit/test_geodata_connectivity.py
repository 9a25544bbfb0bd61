"""The committed `geodata/`: connectivity tiers, Connecticut's old counties, the hub rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from hubmap.schema import CONNECTIVITY_TIERS
from hubmap.towns import load_metadata, load_towns

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
GIGABIT, FIVE_G, PARTIAL, SATELLITE = CONNECTIVITY_TIERS


@pytest.fixture(scope="module")
def us() -> pd.DataFrame:
    towns = load_towns(GEODATA)
    return pd.DataFrame(towns[towns["country"] == "US"].drop(columns="geometry"))


def town(us: pd.DataFrame, name: str, state: str) -> pd.Series:
    match = us[(us["name"] == name) & (us["state"] == state)]
    assert len(match) == 1, (name, state)
    return match.iloc[0]


def test_no_tier_holds_most_towns(us: pd.DataFrame) -> None:
    shares = us["connectivity_tier"].value_counts(normalize=True, dropna=False)
    assert shares.max() < 0.5, shares.to_dict()
    assert set(us["connectivity_tier"].dropna()) == set(CONNECTIVITY_TIERS)
    assert us["connectivity_tier"].isna().mean() < 0.01


def test_metadata_counts_the_tiers(us: pd.DataFrame) -> None:
    counts = load_metadata(GEODATA)["connectivity_tier_counts"]["US"]
    observed = us["connectivity_tier"].value_counts()
    assert counts == {**{t: int(observed.get(t, 0)) for t in CONNECTIVITY_TIERS},
                      "no data": int(us["connectivity_tier"].isna().sum())}  # fmt: skip


def test_chattanooga_is_in_the_top_tier(us: pd.DataFrame) -> None:
    t = town(us, "Chattanooga", "TN")  # EPB fiber citywide
    assert t["connectivity_tier"] == GIGABIT
    assert t["connectivity_area"] == "urban"
    assert t["fcc_1000_100_share"] > 0.95


def test_bend_gets_5g_not_gigabit(us: pd.DataFrame) -> None:
    t = town(us, "Bend", "OR")  # Deschutes County's urban homes: gigabit for under 1 in 10
    assert t["fcc_1000_100_share"] < 0.1
    assert t["connectivity_tier"] == FIVE_G


def test_hartford_gets_its_pre_2022_county(us: pd.DataFrame) -> None:
    t = town(us, "Hartford", "CT")
    assert t["county_fips"] == "09110"  # Capitol Planning Region (Gazetteer, ACS)
    assert t["broadband_county_fips"] == "09003"  # Hartford County (FCC, Microsoft)
    assert t["connectivity_level"] == "county (pre-2022)"
    assert t["connectivity_tier"] == GIGABIT
    assert t["fcc_1000_100_share"] == pytest.approx(0.9005)  # Hartford County, urban row
    assert t["ms_usage_25_county_share"] == pytest.approx(0.675)


def test_every_connecticut_town_has_connectivity(us: pd.DataFrame) -> None:
    ct = us[us["state"] == "CT"]
    assert len(ct) > 100
    assert ct["connectivity_tier"].notna().all()
    assert (ct["connectivity_level"] == "county (pre-2022)").all()
    assert ct["broadband_county_fips"].isin([f"09{n:03d}" for n in range(1, 16, 2)]).all()
    assert (us.loc[us["state"] != "CT", "connectivity_level"].dropna() == "county").all()


def test_urban_row_by_the_census_rule(us: pd.DataFrame) -> None:
    urban = (us["population"] >= 5_000) | (us["housing_units"] >= 2_000)
    has = us["connectivity_area"].notna()
    assert (us.loc[~urban & has, "connectivity_area"] == "total").all()
    assert (us.loc[urban & has, "connectivity_area"] == "urban").mean() > 0.95


def test_bozeman_is_a_small_town_tech_hub(us: pd.DataFrame) -> None:
    t = town(us, "Bozeman", "MT")
    assert bool(t["leads_labour_market"]) and bool(t["crit_tech_jobs_500"])
    assert t["connectivity_tier"] == GIGABIT
    assert t["business_applications_per_1k"] == pytest.approx(1000 * 3157 / 122194)
    assert t["business_applications_year"] == 2023
    assert bool(t["small_town_tech_hub"])


def test_suburbs_are_not_hubs(us: pd.DataFrame) -> None:
    """The jobs of a metro count only for its largest town (59% of towns passed before)."""
    hubs = us[us["small_town_tech_hub"].fillna(False)]
    assert 5 <= len(hubs) <= 200
    assert hubs["leads_labour_market"].all()
    assert not town(us, "Four Corners", "MT")["small_town_tech_hub"]
    leaders = us.loc[us["leads_labour_market"].fillna(False), "cbsa_code"]
    assert leaders.is_unique and set(leaders) == set(us["cbsa_code"].dropna())  # one per area
