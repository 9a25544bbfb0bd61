from __future__ import annotations

import json
import tracemalloc

import pytest

from hubmap.upload import MAX_ROWS, MAX_UPLOAD_BYTES, read_upload

GOOD = b"name,lat,lon,score,state\nAlpha,45.5,-100.25,3.5,SD\nBeta,40,-90,,IL\n"


def problems(name: str, content: bytes, places=None) -> str:
    upload = read_upload(name, content, places)
    assert upload.frame is None
    assert upload.message().startswith("Your file was not loaded:")
    return upload.message()


def test_a_good_csv() -> None:
    upload = read_upload("mine.csv", GOOD)
    assert upload.problems == ()
    assert upload.numeric_columns == ("score",)
    frame = upload.frame
    assert frame["name"].tolist() == ["Alpha", "Beta"]
    assert frame["town_id"].tolist() == ["up:2", "up:3"]
    assert frame.crs.to_string() == "EPSG:4326"
    assert frame.geometry.x.tolist() == [-100.25, -90.0]
    assert frame["score"].isna().tolist() == [False, True]  # empty cell = no data, not 0


def test_geoids_are_located_from_hubmap_towns(towns) -> None:
    upload = read_upload("ids.csv", b"name,geoid,jobs\nB,3008950,12\nT,4075000,7\n", towns)
    assert upload.problems == ()
    assert upload.frame.geometry.y.round(2).tolist() == [45.68, 36.13]
    assert upload.frame["town_id"].tolist() == ["up:3008950", "up:4075000"]
    assert "GEOID '9999999' is not a town" in problems(
        "ids.csv", b"name,geoid\nB,3008950\nX,9999999\n", towns
    )


def test_a_good_geojson() -> None:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-111.0, 45.7]},
         "properties": {"name": "Here", "value": 3}},
    ]}  # fmt: skip
    upload = read_upload("p.geojson", json.dumps(doc).encode())
    assert upload.numeric_columns == ("value",)
    assert upload.frame.geometry.y.tolist() == [45.7]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("big.csv", b"x" * (MAX_UPLOAD_BYTES + 1), "the limit is 5 MB"),
        ("rows.csv", b"name,lat,lon\n" + b"a,1,1\n" * (MAX_ROWS + 1), "more than 20,000 rows"),
        ("cols.csv", b"name,lat,lon\n", "header but no rows"),
        ("noname.csv", b"town,lat,lon\na,1,1\n", "Missing required column 'name'"),
        ("nocoords.csv", b"name,x\na,1\n", "Needs coordinates"),
        ("range.csv", b"name,lat,lon\na,95,1\nb,1,-200\nc,nan,1\n", "row 2: coordinates"),
        ("number.csv", b"name,lat,lon,jobs\na,1,1,5\nb,1,1,five\nc,1,1,7\n",
         "row 3: column 'jobs' value 'five' is not a number"),
        ("dup.csv", b"id,name,lat,lon\n1,a,1,1\n1,b,2,2\n", "row 3: duplicate id '1'"),
        ("latin1.csv", "name,lat,lon\nQuébec,46,-71\n".encode("latin-1"), "not UTF-8 text"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV or GeoJSON file"),
        ("empty.csv", b"", "The file is empty"),
        ("ragged.csv", b"name,lat,lon\na,1,1,9,9\n", "does not read as a CSV table"),
        ("bad.geojson", b"{not json", "not valid GeoJSON (line 1"),
        ("poly.geojson", json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []},
             "properties": {"name": "x"}}]}).encode(), "feature 1: not a Point"),
    ],
)  # fmt: skip
def test_bad_files_get_one_clear_message(name, content, expected) -> None:
    assert expected in problems(name, content)


def test_message_lists_the_first_five_problems_in_file_order() -> None:
    rows = b"".join(b"t%d,1,1,x\n" % i for i in range(12))
    text = problems("many.csv", b"name,lat,lon,v\nok,1,1,1\nok2,1,1,2\n" + rows + b"z,1,1,3\n"
                    b"y,1,1,4\nw,1,1,5\nv,1,1,6\nu,1,1,7\ns,1,1,8\nr,1,1,9\nq,1,1,10\n"
                    b"p,1,1,11\no,1,1,12\nn,1,1,13\nm,1,1,14\n")  # fmt: skip
    lines = text.splitlines()
    assert lines[1].startswith("- row 4: column 'v'")
    assert lines[5].startswith("- row 8:")
    assert lines[6] == "- ... and 7 more problem(s)."


@pytest.mark.parametrize("depth", [50_000, 100_000])
def test_deeply_nested_geojson_gets_a_message_not_a_recursion_error(depth) -> None:
    nested = b'{"type":"FeatureCollection","features":' + b"[" * depth + b"]" * depth + b"}"
    assert "nested too deeply" in problems("deep.geojson", nested)


@pytest.mark.parametrize(
    "header",
    ["name,lat,lon,score,score ", "name,lat,lon, Score,score",
     "name,lat,lon," + "x" * 70 + "," + "x" * 60 + "y"],
)  # fmt: skip
def test_names_that_repeat_after_trimming_or_cutting_are_one_message(header) -> None:
    """Seen: "'DataFrame' object has no attribute 'str'" for such headers."""
    content = f"{header}\na,1,1,2,3\n".encode()
    assert "repeats a column name" in problems("dup.csv", content)


@pytest.mark.parametrize("column", ["geometry", "Geometry ", "town_id"])
def test_a_column_named_like_hubmaps_own_is_refused(column) -> None:
    """Seen: a number column named `geometry` raised on "Show my places"."""
    content = f"name,lat,lon,{column}\na,1,1,2\nb,2,2,3\n".encode()
    assert "used by hubmap itself" in problems("geom.csv", content)


def test_messages_quote_outside_text_short() -> None:
    cell = "=HYPERLINK(" + "x" * 500 + ")"
    text = problems("q.csv", f"name,lat,lon,v\na,1,1,1\nb,1,1,{cell}\nc,1,1,3\n".encode())
    assert "'=HYPERLINK(xxxxxxxxxxxxxxxxxxxxxxxxxxxxx'..." in text
    assert "x" * 41 not in text


COMPRESSIBLE = {
    "tiny rows": b"name,lat,lon\n" + b"a,1,1\n" * (MAX_UPLOAD_BYTES // 6 - 3),
    "one wide row": b"name,lat,lon\na,1,1" + b",ab" * (MAX_UPLOAD_BYTES // 3 - 10),
    "wide header": b"name" + b",ab" * (MAX_UPLOAD_BYTES // 3 - 2) + b"\n",
    "many columns": b"name,lat,lon," + b",".join(b"c%d" % i for i in range(37)) + b"\n"
    + (b"a,1,1," + b"12," * 36 + b"3\n") * (MAX_UPLOAD_BYTES // 120),
    "empty objects": b'{"type":"FeatureCollection","features":['
    + b"{}," * (MAX_UPLOAD_BYTES // 3 - 20) + b"{}]}",
}  # fmt: skip


@pytest.mark.parametrize("shape", COMPRESSIBLE)
def test_a_5_mb_compressible_file_costs_a_small_multiple_of_its_size(shape) -> None:
    """Seen: a 5 MB highly compressible CSV cost about 355 MiB of server memory."""
    content = COMPRESSIBLE[shape]
    assert len(content) <= MAX_UPLOAD_BYTES
    tracemalloc.start()
    try:
        upload = read_upload("big.geojson" if content.startswith(b"{") else "big.csv", content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert upload.frame is None
    assert peak < 4 * len(content), f"{peak / 2**20:.1f} MiB for {len(content) / 2**20:.1f} MiB"
