"""Which incentive programs count, on small hand-made program tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hubmap.details import program_table
from hubmap.filters import FilterState, filter_towns
from hubmap.incentive_rules import program_status_label, town_incentives, with_counting_rules
from hubmap.metrics import percentile_scores

PROGRAMS = pd.DataFrame(
    [
        # id, name, type, status, cash, first-year cash, months, last reported
        ("open-rw", "Open Remote", "remote-worker relocation", "open as last reported",
         5_000.0, 5_000.0, 0, "2025-06"),
        ("unknown-rw", "Unknown Remote", "remote-worker relocation", "unknown",
         12_000.0, 6_000.0, 24, "2022-01"),
        ("closed-rw", "Closed Remote", "remote-worker relocation", "closed",
         15_000.0, 15_000.0, 0, "2020-01-06"),
        ("open-build", "Build Rebate", "home-building rebate", "open as last reported",
         20_000.0, np.nan, pd.NA, "2023-01-30"),
        ("open-perks", "Perks Only", "remote-worker relocation", "open as last reported",
         np.nan, np.nan, pd.NA, "2024-05"),
    ],
    columns=["program_id", "program", "program_type", "status", "cash_max_usd",
             "first_year_usd", "payout_months", "last_reported"],
)  # fmt: skip
TOWNS = pd.DataFrame(
    {
        "name": [
            "Both",
            "UnknownOnly",
            "ClosedOnly",
            "BuildOnly",
            "BuildAndOpen",
            "Perks",
            "None",
            "Canada",
        ],
        "incentive_program_ids": [
            "open-rw;unknown-rw",
            "unknown-rw",
            "closed-rw",
            "open-build",
            "open-build;open-rw",
            "open-perks",
            None,
            None,
        ],
        "country": ["US"] * 7 + ["CA"],
    }
)


def _by_name(**rules: bool) -> pd.DataFrame:
    return town_incentives(TOWNS, PROGRAMS, **rules).set_axis(TOWNS["name"])


def test_default_counts_only_open_remote_worker_programs() -> None:
    got = _by_name()
    assert got["incentive_status"].to_dict() == {
        "Both": "cash program",
        "UnknownOnly": "status unknown",
        "ClosedOnly": "closed",
        "BuildOnly": "other program types only",
        "BuildAndOpen": "cash program",
        "Perks": "program, amount not stated",
        "None": "no program known",
        "Canada": "not researched",
    }
    # the larger unknown-status ($12,000) and closed programs never raise the cash figure
    assert got.loc["Both", "incentive_max_usd"] == 5_000
    assert got.loc["BuildAndOpen", "incentive_max_usd"] == 5_000  # not the $20,000 rebate
    assert got[["incentive_max_usd"]].drop(["Both", "BuildAndOpen"]).isna().all().all()
    assert got.loc["Both", "incentive_last_reported"] == "2025-06"


def test_unknown_status_is_its_own_class_with_its_date() -> None:
    got = _by_name()
    assert got.loc["UnknownOnly", "incentive_summary"] == (
        "status unknown, last reported 2022-01: Unknown Remote (not counted)"
    )
    assert got.loc["UnknownOnly", "incentive_last_reported"] == "2022-01"


def test_closed_program_says_closed() -> None:
    got = _by_name()
    assert got.loc["ClosedOnly", "incentive_summary"] == (
        "closed (last reported 2020-01-06): Closed Remote"
    )
    assert "no program known" not in got.loc["ClosedOnly", "incentive_summary"]
    assert program_status_label("closed", "2020-01-06") == "closed (last reported 2020-01-06)"


def test_including_unknown_status() -> None:
    got = _by_name(include_unknown=True)
    assert got.loc["UnknownOnly", ["incentive_status", "incentive_max_usd"]].tolist() == [
        "cash program",
        12_000,
    ]
    assert got.loc["Both", "incentive_max_usd"] == 12_000
    assert got.loc["UnknownOnly", "incentive_summary"] == (
        "up to $12,000: Unknown Remote (status unknown, last reported 2022-01)"
    )
    assert got.loc["ClosedOnly", "incentive_status"] == "closed"  # closed never counts
    assert got.loc["BuildOnly", "incentive_status"] == "other program types only"


def test_including_other_types() -> None:
    got = _by_name(include_other_types=True)
    assert got.loc["BuildOnly", ["incentive_status", "incentive_max_usd"]].tolist() == [
        "cash program",
        20_000,
    ]
    assert got.loc["BuildAndOpen", "incentive_max_usd"] == 20_000
    assert got.loc["UnknownOnly", "incentive_status"] == "status unknown"


def test_first_year_cash() -> None:
    got = _by_name(include_unknown=True)
    # $12,000 over 24 months pays $6,000 in year one; the open $5,000 lump sum pays $5,000
    assert got.loc["Both", "incentive_first_year_usd"] == 6_000
    assert got.loc["UnknownOnly", "incentive_first_year_usd"] == 6_000
    # the rebate's schedule is not stated and it could pay more than $5,000 in year one
    others = _by_name(include_other_types=True)
    assert pd.isna(others.loc["BuildAndOpen", "incentive_first_year_usd"])
    assert _by_name().loc["BuildAndOpen", "incentive_first_year_usd"] == 5_000


def _frame(**rules: bool) -> pd.DataFrame:
    counted = _by_name(**rules).reset_index()
    counted["population"] = 1_000
    counted["state"] = "XX"
    return counted


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ({}, ["Both", "BuildAndOpen", "Canada", "Perks"]),
        ({"include_unknown": True}, ["Both", "BuildAndOpen", "Canada", "Perks", "UnknownOnly"]),
        ({"include_other_types": True},
         ["Both", "BuildAndOpen", "BuildOnly", "Canada", "Perks"]),
    ],
)  # fmt: skip
def test_minimum_cash_filter_follows_the_counting_rules(
    rules: dict[str, bool], expected: list[str]
) -> None:
    state = FilterState(min_incentive_usd=5_000)
    kept = filter_towns(_frame(**rules), state)
    # "Perks" (no stated amount) and "Canada" (not researched) are no data, kept by default;
    # unknown-status, closed and other-type-only towns are a real zero and never pass.
    assert sorted(kept["name"]) == expected


def test_score_counts_uncounted_programs_as_zero() -> None:
    frame = _frame()
    for col in (
        "price_to_income",
        "connectivity_tier",
        "fcc_1000_100_share",
        "fcc_5g_35_3_land_share",
        "tech_employment",
    ):
        frame[col] = np.nan
    pct = percentile_scores(frame).set_axis(frame["name"])["incentive"]
    assert pct[["UnknownOnly", "ClosedOnly", "BuildOnly", "None"]].nunique() == 1
    assert pct["Both"] > pct["ClosedOnly"]
    assert pct[["Perks", "Canada"]].isna().all()


def test_program_table_shows_type_status_terms() -> None:
    programs = PROGRAMS.assign(
        cash_min_usd=np.nan,
        area_description="somewhere",
        payout_terms="terms",
        eligibility="who",
        perks="perks",
        status_note="note",
        cash_source_url="https://example.org/cash",
        status_source_url="https://example.org/status",
    )
    table = program_table(programs, ["unknown-rw", "open-build", "open-rw"]).set_index("program")
    assert table.loc["Unknown Remote", "status_label"] == "status unknown, last reported 2022-01"
    assert table.loc["Unknown Remote", "first_year"] == (
        "$6,000 (last payment 24 months after moving)"
    )
    assert table.loc["Open Remote", "first_year"] == "$5,000 (paid at or soon after the move)"
    assert table.loc["Build Rebate", "first_year"] == "schedule not stated"
    assert table.loc["Build Rebate", "program_type"] == "home-building rebate"
    assert table.loc["Build Rebate", "cash"] == "up to $20,000"


def test_with_counting_rules_recounts_only_when_asked() -> None:
    assert with_counting_rules(TOWNS, PROGRAMS) is TOWNS
    frame = TOWNS.assign(extra=1)
    counted = with_counting_rules(frame, PROGRAMS, include_unknown=True).set_axis(TOWNS["name"])
    assert counted.loc["UnknownOnly", "incentive_max_usd"] == 12_000
    assert counted["extra"].eq(1).all()
    assert "incentive_max_usd" not in frame
