"""Connecticut towns in their pre-2022 county, by point-in-polygon (hubmap.pipeline.connecticut)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from hubmap.pipeline.connecticut import old_county
from hubmap.schema import CRS


def test_old_county_by_internal_point() -> None:
    shapes = gpd.GeoDataFrame(
        {"county_fips": ["09003", "09009", "09110", "25013"]},
        geometry=[
            box(-73.0, 41.6, -72.4, 42.05),  # "Hartford County" (old)
            box(-73.3, 41.2, -72.7, 41.6),  # "New Haven County" (old)
            box(-73.5, 41.0, -72.0, 42.1),  # a planning region: never used
            box(-73.0, 42.05, -72.0, 42.5),  # Massachusetts
        ],
        crs=CRS,
    )
    towns = pd.DataFrame(
        {
            "town_id": ["0937000", "0952000", "0980000", "2567000"],
            "lat": [41.76, 41.31, 41.10, 42.10],  # the third is just off the "coast"
            "lon": [-72.68, -72.92, -72.90, -72.59],
        }
    )
    got = old_county(towns, shapes)
    assert got.tolist()[:3] == ["09003", "09009", "09009"]
    assert pd.isna(got[3])  # not in Connecticut: no old county
    assert got.index.equals(towns.index)
