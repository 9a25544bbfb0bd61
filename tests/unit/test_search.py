"""Town search: what people type finds the town they mean, larger towns first."""

from __future__ import annotations

import pandas as pd
import pytest

from hubmap.search import normalise, search_index, suggest

TOWNS = pd.DataFrame(
    {
        "town_id": ["1", "2", "3", "4", "5", "6", "7", "8"],
        "name": ["Morgantown", "Morgantown", "Bend", "North Bend", "Bendale", "St. George",
                 "Coeur d'Alene", "Québec"],
        "state": ["WV", "KY", "OR", "OR", "ON", "UT", "ID", "QC"],
        "state_name": ["West Virginia", "Kentucky", "Oregon", "Oregon", "Ontario", "Utah",
                       "Idaho", "Quebec"],
        "population": [30_273, 2_300, 100_000, 9_700, None, 99_000, 55_000, 549_000],
    }
)  # fmt: skip


@pytest.fixture(scope="module")
def index():
    return search_index(TOWNS)


def ids(index, text: str) -> list[str]:
    return [town_id for _, town_id in suggest(index, text)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Morgantown, WV", ["1"]),
        ("morgantown wv", ["1"]),
        ("Morgantown, W", ["1"]),  # a state still being typed
        ("morgantown west virginia", ["1"]),
        ("Morgantown", ["1", "2"]),  # larger first
        ("Bend, OR", ["3", "4"]),  # the name itself before "North Bend"
        ("Bend OR", ["3", "4"]),
        ("bend", ["3", "5", "4"]),  # name starts with it before a later word does
        ("st george ut", ["6"]),
        ("St. George", ["6"]),
        ("coeur d'alene", ["7"]),
        ("coeur dalene", []),
        ("quebec", ["8"]),  # accents ignored
        ("QUÉBEC, QC", ["8"]),
        ("", []),
        ("   ,,, ", []),
        ("zzz", []),
        ("Morgantown, TX", []),
    ],
)
def test_suggestions(index, typed, expected) -> None:
    assert ids(index, typed) == expected


def test_labels_and_limit(index) -> None:
    assert suggest(index, "morgantown")[0] == ("Morgantown, WV", "1")
    assert len(suggest(index, "b", limit=2)) == 2  # three towns match


def test_hostile_and_huge_input_is_just_text(index) -> None:
    assert suggest(index, "<script>alert(1)</script>") == []
    assert suggest(index, "[x](javascript:alert(1))") == []
    assert suggest(index, "a" * 100_000) == []


def test_normalise() -> None:
    assert normalise("Coeur d'Alene") == "coeur d alene"
    assert normalise("  Saint-Jean-sur-Richelieu ") == "saint jean sur richelieu"
    assert normalise("Española") == "espanola"
