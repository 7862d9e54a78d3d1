"""Adding one country-year to an existing archive, measured again and again on the same workdir.

The workdir is one `benchmarks/stages.py --workdir D` (or `benchmarks/archive.py --workdir D`)
left behind: D/data, D/output, D/store. Each round first brings the first country back to its
first `--years` report years (its later chapters removed from `raw/` and the country run again,
untimed), then adds the next year's chapter and runs that country as `crtdiff add` does, with the
plain-loop wiring (no Prefect). Prints, per round, the wall time and CPU of the run and each
stage's CPU (stages.py's timers: the data tables' child process counted once waited for), then
one JSON line. Rounds on the same workdir make before/after comparisons of the same work.

Usage: python benchmarks/add_year.py WORKDIR [--rounds 3] [--years 50]
"""

import argparse
import json
import random
import time
from pathlib import Path

from benchmarks.stages import FIRST_YEAR, Timers, install, run, table
from benchmarks.synthetic import CountryState, chapter


def trim(raw: Path, years: int) -> None:
    """Remove the country's chapters after its first `years` report years."""
    for path in raw.glob("*.txt"):
        if path.stem.isdigit() and int(path.stem) >= FIRST_YEAR + years:
            path.unlink()


def main() -> None:
    """Measure the rounds and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--years", type=int, default=50, help="the archive's years per country")
    args = parser.parse_args()
    from crtdiff.reference.countries import load_countries

    data, out, store = (args.workdir / name for name in ("data", "output", "store"))
    first = next(iter(load_countries().countries))
    raw = data / "raw" / first.slug
    if not (data / "sources.toml").is_file() or not raw.is_dir():
        raise SystemExit(f"{args.workdir}: not a workdir of benchmarks/stages.py or archive.py")
    timers = Timers()
    install(timers)
    rounds = []
    for _ in range(args.rounds):
        trim(raw, args.years)
        run(data, out, store, [first.name])
        year = FIRST_YEAR + args.years
        (raw / f"{year}.txt").write_text(chapter(CountryState(first, random.Random(year)), year))
        started = time.perf_counter()
        with timers.scenario() as figures:
            run(data, out, store, [first.name])
        wall = time.perf_counter() - started
        table(f"{first.name} {year} added in {wall:.2f} s", figures, 1, 1)
        rounds.append({"wall_s": round(wall, 2), "cpu_s": round(figures.get("total", 0.0), 2)})
    trim(raw, args.years)
    run(data, out, store, [first.name])
    print(json.dumps({"workdir": str(args.workdir), "rounds": rounds}))


if __name__ == "__main__":
    main()
