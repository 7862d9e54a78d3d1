"""CPU of parsing and extraction alone (`parse_chapter`) over the archive of benchmarks/stages.py.

Writes the same synthetic archive (country by country, year by year), then parses every chapter
in one process, in order, the garbage collector off as in a country's batch, and prints the CPU.
With `--no-parse` it stops before parsing: counted by `valgrind --tool=cachegrind`, which the
machine's load does not move, the difference of the two runs' instructions is the parsing's.

Usage: python -m benchmarks.parse_extract [--chapters 400] [--years 50] [--no-parse]
"""

import argparse
import gc
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.stages import FIRST_YEAR
from benchmarks.synthetic import write_archive

if TYPE_CHECKING:
    from crtdiff.series.chapter import RawSource, Request


def archive_jobs(work: Path, chapters: int, years: int) -> list[tuple["RawSource", "Request"]]:
    """The archive of benchmarks/stages.py (`chapters` chapters, `years` report years a country)
    written under `work`, as parse_chapter's arguments: country by country, year by year."""
    from crtdiff.reference.countries import load_countries
    from crtdiff.series.chapter import OnMismatch, RawSource, Request

    years_per_country = min(years, chapters)
    countries = list(load_countries().countries)[: -(-chapters // years_per_country)]
    report_years = list(range(FIRST_YEAR, FIRST_YEAR + years_per_country))
    paths = write_archive(work, countries, report_years, chapters)
    names = {c.slug: c.name for c in countries}
    retrieved = datetime(2024, 1, 1, tzinfo=UTC)
    return [
        (
            RawSource(p.read_bytes(), str(p.relative_to(work)), retrieved, illustrative=True),
            Request(names[p.parent.name], int(p.stem), on_mismatch=OnMismatch.REJECT),
        )
        for p in paths
    ]


def main() -> None:
    """Write the archive, parse its chapters and print the CPU they took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=400)
    parser.add_argument("--years", type=int, default=50, help="report years per country")
    parser.add_argument("--no-parse", action="store_true", help="everything but the parsing")
    args = parser.parse_args()
    from crtdiff.reference.bundle import load_reference
    from crtdiff.series.chapter import parse_chapter

    work = Path(tempfile.mkdtemp(prefix="crtdiff-parse-"))
    try:
        jobs = archive_jobs(work, args.chapters, args.years)
        reference = load_reference()
        parse_chapter(*jobs[0], reference)  # the first chapter builds what the reference caches
        if args.no_parse:
            print(f"{len(jobs)} chapters written and one parsed; no parsing timed")
            return
        gc.disable()
        start = time.process_time()
        reports = [parse_chapter(raw, request, reference) for raw, request in jobs]
        cpu = time.process_time() - start
        gc.enable()
        per_chapter = 1000 * cpu / len(reports)
        print(f"parse+extract: {cpu:.2f} s of CPU, {per_chapter:.2f} ms/chapter ({len(jobs)})")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
