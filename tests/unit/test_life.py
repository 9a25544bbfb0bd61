"""Life and talent: distances known by construction, and each new source's rules."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from hubmap.pipeline import geodesic, life
from hubmap.pipeline.sources import airports, hospitals, ipeds, nps

EQUATOR_DEGREE_MI = 6_378_137 * np.pi / 180 / 1_609.344
"""One degree of longitude along the equator of the WGS 84 ellipsoid: 69.1707 miles."""


def test_one_degree_along_the_equator() -> None:
    got = geodesic.geodesic_miles(
        np.array([0.0]), np.array([0.0]), np.array([0.0]), np.array([1.0])
    )
    assert got[0] == pytest.approx(EQUATOR_DEGREE_MI, rel=1e-9)


def test_nearest_and_count_within() -> None:
    towns = pd.DataFrame({"lat": [0.0, 0.0, 60.0], "lon": [0.0, 0.5, 179.9]})
    targets = pd.DataFrame({"lat": [0.0, 0.0, 0.0, 60.0], "lon": [0.1, 0.4, 0.45, -179.9]})
    index, miles = geodesic.nearest(towns["lat"], towns["lon"], targets["lat"], targets["lon"])
    assert index.tolist() == [0, 2, 3]  # across the antimeridian too
    assert miles[:2] == pytest.approx([0.1 * EQUATOR_DEGREE_MI, 0.05 * EQUATOR_DEGREE_MI])
    counts = geodesic.count_within(towns["lat"], towns["lon"], targets["lat"], targets["lon"], 30)
    assert counts.tolist() == [2, 3, 1]  # 6.9, 27.7 and 31.1 miles from the first town


def test_park_distance_zero_inside_and_to_the_boundary_outside() -> None:
    parks = gpd.GeoDataFrame(
        {"unit_code": ["SQ", "FAR"], "name": ["Square", "Far"]},
        geometry=[box(-1, -1, 1, 1), box(50, 50, 51, 51)],
        crs="EPSG:4326",
    )
    towns = pd.DataFrame({"lat": [0.0, 0.0, 0.0], "lon": [0.0, 3.0, 0.99]})
    miles, names = life.park_distance(towns, parks)
    assert miles[0] == 0.0
    assert miles[1] == pytest.approx(2 * EQUATOR_DEGREE_MI, abs=0.01)  # to the edge at lon 1
    assert miles[2] == 0.0
    assert names.tolist() == ["Square", "Square", "Square"]


@pytest.mark.parametrize(
    ("text", "major"),
    [
        ("LEVEL I", True),
        ("LEVEL II", True),
        ("LEVEL I ADULT, LEVEL II PEDIATRIC", True),
        ("LEVEL II / PEDIATRIC", True),
        ("LEVEL III", False),
        ("LEVEL IV", False),
        ("LEVEL I PEDIATRIC", False),
        ("LEVEL II REHAB", False),
        ("RTC", False),  # Montana's state designation names no level
        ("NOT AVAILABLE", False),
        (None, False),
    ],
)
def test_major_trauma_levels(text: str | None, major: bool) -> None:
    assert hospitals.is_major_trauma(text) is major


def test_hospitals_open_only(raw_dir: Path) -> None:
    h = hospitals.load(raw_dir)
    assert "PINNACLE SPECIALTY HOSPITAL" not in set(h["name"])  # closed
    acute = set(h.loc[h["general_acute"], "name"])
    assert "PAWHUSKA HOSPITAL, INC" not in acute  # a critical access hospital
    assert set(h.loc[h["trauma"], "name"]) == {
        "SAINT FRANCIS HOSPITAL, INC",
        "WEST VIRGINIA UNIVERSITY HOSPITALS",
    }


def test_ipeds_research_and_four_year(raw_dir: Path) -> None:
    d = ipeds.load(raw_dir).set_index("name")
    assert set(d.index[d["research"]]) == {
        "Montana State University",
        "University of Tulsa",
        "West Virginia University",
    }
    assert set(d.index[d["four_year"]]) == {
        "Montana State University",
        "University of Tulsa",
        "West Virginia University",
        "Oral Roberts University",
        "Davis & Elkins College",
    }
    # Left out: for-profit (Spartan), special focus (a seminary), two-year (Tulsa CC),
    # not a college (cosmetology), closed (Birmingham-Southern, CYACTIVE 3)
    assert "Birmingham-Southern College" not in d.index


def test_airports_scheduled_flag(raw_dir: Path) -> None:
    a = airports.load(raw_dir).set_index("code")
    assert bool(a.loc["BZN", "scheduled"]) and not bool(a.loc["EKN", "scheduled"])
    assert a.loc["SLC", "type"] == "large_airport"


def test_national_parks_leave_out_wolf_trap(raw_dir: Path) -> None:
    parks = nps.load(raw_dir)
    assert parks["unit_code"].tolist() == ["YELL", "SHEN"]
    assert parks.crs.to_epsg() == 4326
