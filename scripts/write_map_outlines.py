"""Write dashboard/static/regions.json, the outlines file the app's map fetches, from
geodata/regions.geojson (run after `hubmap build`; `make build` does).

Usage: python scripts/write_map_outlines.py
"""

from __future__ import annotations

from pathlib import Path

from hubmap.mapview import outlines_file_text
from hubmap.towns import load_regions

OUTLINES_FILE = Path(__file__).resolve().parents[1] / "dashboard" / "static" / "regions.json"


def main() -> None:
    OUTLINES_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUTLINES_FILE.write_text(outlines_file_text(load_regions().__geo_interface__), "utf-8")
    print(f"wrote {OUTLINES_FILE} ({OUTLINES_FILE.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
