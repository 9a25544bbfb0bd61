"""`hubmap` command line: `hubmap build` turns the raw public files into `geodata/`.

argparse (standard library) is enough for one subcommand with a few paths; it adds no
dependency to the app that Streamlit Community Cloud installs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hubmap.pipeline.assemble import US_MIN_POPULATION, BuildInputs, assemble
from hubmap.pipeline.metadata import build_metadata, tier_counts, us_data_counts
from hubmap.pipeline.readers import BuildError
from hubmap.pipeline.validate import (
    ValidationError,
    check_points_in_regions,
    check_schema,
    coverage,
)
from hubmap.pipeline.write import replace_directory, write_json
from hubmap.schema import SOURCES
from hubmap.towns import INCENTIVES_FILE, METADATA_FILE, REGIONS_FILE, TOWNS_FILE

REPO = Path(__file__).resolve().parents[3]


def build(
    raw: Path, out: Path, incentives: Path, us_min_population: int = US_MIN_POPULATION
) -> int:
    """Run the whole build; returns the process exit code (0 on success)."""
    started = time.perf_counter()
    try:
        result = assemble(BuildInputs(raw, incentives, us_min_population))
        check_schema(result.towns)
        outside = check_points_in_regions(result.towns, result.regions)
    except (BuildError, ValidationError) as exc:
        print(f"hubmap build failed: {exc}", file=sys.stderr)
        print(f"{out} was left unchanged.", file=sys.stderr)
        return 1
    table = coverage(result.towns)
    inputs = [raw / f for s in SOURCES.values() for f in s.files if (raw / f).exists()]

    def fill(tmp: Path) -> None:
        result.towns.to_parquet(tmp / TOWNS_FILE, index=False, compression="zstd")
        result.regions.to_file(tmp / REGIONS_FILE, driver="GeoJSON", COORDINATE_PRECISION=3)
        result.programs.to_csv(tmp / INCENTIVES_FILE, index=False)
        meta = build_metadata(
            result.towns,
            result.regions,
            result.programs,
            table,
            [*inputs, incentives],
            result.figures,
        )
        write_json(tmp / METADATA_FILE, meta)

    replace_directory(out, fill)
    print(table.to_string(index=False))
    for key, value in us_data_counts(result.towns).items():
        print(f"{key}: {value}")
    print(f"\n{len(outside)} towns sit just outside their simplified state outline (<= 10 km).")
    _print_tiers(result.towns)
    hubs = int(result.towns["small_town_tech_hub"].fillna(False).sum())
    print(f"small-town tech hubs: {hubs}")
    counts = result.towns["country"].value_counts().to_dict()
    print(f"towns: {len(result.towns)} ({counts}); programs: {len(result.programs)}")
    print(f"wrote {out} in {time.perf_counter() - started:.1f} s")
    return 0


def _print_tiers(towns) -> None:
    """The connectivity tier distribution of US towns (counts and shares), best first."""
    us = tier_counts(towns).get("US", {})
    total = sum(us.values())
    print("\nconnectivity tier, US towns:")
    for tier, n in us.items():
        print(f"  {tier:<32} {n:>6,}  {n / total:6.1%}" if total else f"  {tier}: 0")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `hubmap` command."""
    parser = argparse.ArgumentParser(prog="hubmap", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build geodata/ from the raw public files")
    b.add_argument(
        "--raw",
        type=Path,
        default=REPO.parent / "shared" / "rawdata",
        help="folder of raw inputs (default: ../shared/rawdata)",
    )
    b.add_argument("--out", type=Path, default=REPO / "geodata", help="output folder")
    b.add_argument(
        "--incentives",
        type=Path,
        default=REPO / "data" / "incentives.csv",
        help="the curated incentives table",
    )
    b.add_argument(
        "--us-min-population",
        type=int,
        default=US_MIN_POPULATION,
        help="smallest US place to keep, people (0 = every Census place)",
    )
    args = parser.parse_args(argv)
    return build(args.raw, args.out, args.incentives, args.us_min_population)


if __name__ == "__main__":
    raise SystemExit(main())
