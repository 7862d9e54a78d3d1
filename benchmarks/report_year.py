"""A whole report year in one command, on a local stand-in of state.gov.

Usage, from the project root (the stand-in comes from the tests):
    python -m benchmarks.report_year [--countries N]

Publishes two report years of every catalogued country (about 200) on a local stand-in of
state.gov — 2016 as region pages, 2017 as one page per country, each with a safe-havens chapter —
starts a Prefect server, then times, as a user runs them:
  discover_2016_s  `crtdiff discover --year 2016 --all-countries --no-run`
  year_2017_s      `crtdiff discover --year 2017 --all-countries` (discover, ingest, compare
                   with 2016, publish: one command)
and prints one JSON line with the counts the run reported.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.archive import start_server
from crtdiff.reference.countries import load_countries
from tests.fakeserver import Site, serve
from tests.statesite import publish_country_pages, publish_region_pages, report_year


def _crtdiff(workdir: Path, api: str, *args: str) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_API_URL=api, PREFECT_HOME=str(workdir / "home"))
    where = ["--catalog", str(workdir / "data" / "sources.toml")]
    if "--no-run" not in args:
        where += ["--out", str(workdir / "out"), "--store", str(workdir / "store")]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", "from crtdiff.cli import main; main()", *args, *where],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"crtdiff {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    print(result.stderr.strip().splitlines()[-1], file=sys.stderr)
    return elapsed


def main() -> None:
    """Publish, discover and run; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--countries", type=int, default=250, help="at most this many countries")
    args = parser.parse_args()
    countries = list(load_countries().countries)[: args.countries]
    havens = [c for c in countries if c.name in ("Somalia", "Libya", "Yemen", "Mali")]
    with tempfile.TemporaryDirectory(prefix="crtdiff-year-") as folder, serve(Site()) as site:
        workdir = Path(folder)
        (workdir / "data").mkdir()
        publish_region_pages(site, report_year(countries, 2016, havens))
        publish_country_pages(site, report_year(countries, 2017, havens))
        server, api, startup = start_server(workdir / "server")
        try:
            base = ["--base-url", site.base_url]
            earlier = _crtdiff(workdir, api, "discover", "--year", "2016", "--all-countries",
                               *base, "--no-run")  # fmt: skip
            year = _crtdiff(workdir, api, "discover", "--year", "2017", "--all-countries", *base)
        finally:
            server.terminate()
            server.wait(timeout=30)
        report = json.loads((workdir / "out" / "run-report.json").read_text(encoding="utf-8"))
    ok = sum(1 for e in report["entries"] if e["status"] == "ok")
    pairs = sum(1 for c in report["comparisons"] if c["status"] == "ok")
    figures = {
        "countries": len(countries),
        "pages_served": sum(site.hits.values()),
        "startup_s": round(startup, 2),
        "discover_2016_s": round(earlier, 2),
        "year_2017_s": round(year, 2),
        "chapters_ok": ok,
        "comparisons_ok": pairs,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
