"""BLS OEWS May 2025, metro areas: computer & math and software developer jobs and wages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hubmap.pipeline.readers import read_table, require_unique, to_number

FILE = "oews_may2025_tech_occupations_by_area.csv"
TECH_SOC = "150000"
SOFTWARE_SOC = "151252"


def load(raw: Path) -> pd.DataFrame:
    """`cbsa_code` -> tech_area_name, tech_employment, tech_median_wage_usd,
    tech_location_quotient, software_dev_employment, software_dev_median_wage_usd."""
    path = raw / FILE
    d = read_table(
        path,
        required=[
            "areatype_code",
            "cbsa_code",
            "area_name",
            "soc",
            "employment",
            "annual_median_wage",
            "location_quotient",
        ],
    )
    d = d[(d["areatype_code"] == "M") & d["cbsa_code"].notna()]
    d = d.assign(
        employment_n=to_number(d, "employment", path),
        wage_n=to_number(d, "annual_median_wage", path),
        lq_n=to_number(d, "location_quotient", path),
    )
    tech = d[d["soc"] == TECH_SOC]
    dev = d[d["soc"] == SOFTWARE_SOC]
    require_unique(tech, "cbsa_code", path)
    require_unique(dev, "cbsa_code", path)
    out = pd.DataFrame(
        {
            "cbsa_code": tech["cbsa_code"],
            "tech_area_name": tech["area_name"],
            "tech_employment": tech["employment_n"].round().astype("Int64"),
            "tech_median_wage_usd": tech["wage_n"],
            "tech_location_quotient": tech["lq_n"],
        }
    )
    dev_out = pd.DataFrame(
        {
            "cbsa_code": dev["cbsa_code"],
            "software_dev_employment": dev["employment_n"].round().astype("Int64"),
            "software_dev_median_wage_usd": dev["wage_n"],
        }
    )
    return out.merge(dev_out, on="cbsa_code", how="left")
