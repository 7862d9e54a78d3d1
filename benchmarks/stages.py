"""CPU time of each stage of the pipeline on a synthetic archive, in one process, no Prefect.

Runs the flow's own body (`run_catalog`, its task functions called in place) on an archive of
benchmarks/synthetic.py: a cold run, a no-op run, then one country-year added. The functions of
each stage are wrapped by exclusive CPU timers (a stage's time excludes the stages it calls;
the CPU of child processes it waits for, Pagefind's, is counted), so the figures add up to the
run's CPU and do not depend on what else the machine is doing. Prints, per scenario, each
stage's CPU in total and per chapter or pair, then one JSON line.

Usage: python benchmarks/stages.py [--chapters 300] [--years 50] [--workdir D] [--user]
"""

import argparse
import json
import random
import resource
import shutil
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any

from benchmarks.synthetic import CountryState, chapter, write_archive

FIRST_YEAR = 1990

STAGES: dict[str, list[str]] = {
    "parse+extract": ["crtdiff.pipeline.country_work:parse_chapter"],
    "compare": ["crtdiff.pipeline.country_work:compare_reports"],
    "chapter page": ["crtdiff.pipeline.country_pages:render_chapter_html"],
    "pair page (HTML)": ["crtdiff.pipeline.country_pages:render_pair_html"],
    "pair page (Markdown)": ["crtdiff.pipeline.country_pages:render_pair_markdown"],
    "summaries, rows, search records": [
        "crtdiff.pipeline.timeline_parts:ChapterParts.of",
        "crtdiff.pipeline.timeline_parts:PairParts.of",
    ],
    "result store: writes (encode, seal, write)": [
        "crtdiff.store.results:ResultStore.save",
        "crtdiff.store.results:ResultStore.save_json",
        "crtdiff.store.results:ResultStore.save_bytes",
        "crtdiff.store.results:ResultStore.attach",
    ],
    "result store: reads (read, verify, decode)": [
        "crtdiff.store.results:ResultStore.load",
        "crtdiff.store.results:ResultStore.load_attached",
        "crtdiff.store.results:ResultStore.load_json",
        "crtdiff.store.results:ResultStore.load_bytes",
        "crtdiff.store.results:ResultStore.intact",
    ],
    "output JSON and page writes": ["crtdiff.pipeline.manifest:Manifest.write_stale"],
    "country page": ["crtdiff.pipeline.country_pages:write_country_page"],
    "search bundle (Pagefind)": [
        "crtdiff.pipeline.country_pages:start_bundle",
        "crtdiff.reports.search_bundle:BundleBuild.finish",
    ],
    "country tables (Arrow, CSV rows), explorer part": [
        "crtdiff.pipeline.country_pages:arrow_tables",
        "crtdiff.pipeline.country_pages:table_bytes",
        "crtdiff.pipeline.country_pages:csv_chunk",
        "crtdiff.pipeline.country_pages:explorer_part",
    ],
    "index page": ["crtdiff.pipeline.index_pages:write_index"],
    "data tables": [
        # Written by a child process: its CPU counts once it is waited for, in finish.
        "crtdiff.pipeline.archive_tables:start_tables",
        "crtdiff.pipeline.archive_tables:TablesBuild.finish",
    ],
    "incidents explorer": ["crtdiff.pipeline.index_pages:write_incidents_page"],
    "group pages": ["crtdiff.pipeline.index_pages:write_group_pages"],
    "year pages": ["crtdiff.pipeline.index_pages:write_year_pages"],
    "search page": ["crtdiff.pipeline.index_pages:write_search_page"],
    "settling, keys, manifest (run)": ["crtdiff.pipeline.run:run_catalog"],
}
"""Stage → the functions whose (exclusive) CPU it is; `module:attribute[.attribute]`."""


def _user_sys() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + children.ru_utime, own.ru_stime + children.ru_stime


def cpu_s() -> float:
    """CPU seconds of this process and of the children it waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def thread_cpu_s() -> float:
    """CPU seconds of the calling thread and of the children the process waited for (a stage
    may run in a thread beside another, as the data tables do beside the archive's pages)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.thread_time() + children.ru_utime + children.ru_stime


def thread_user_cpu_s() -> float:
    """thread_cpu_s without the kernel's share: creating a file costs 0.04 to 0.7 ms of kernel
    CPU on this machine from one moment to the next (what its other users do to the disk), so
    user CPU alone shows a change to what Python does through that noise."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return resource.getrusage(resource.RUSAGE_THREAD).ru_utime + children.ru_utime


@dataclass
class Timers:
    """Exclusive CPU per stage: a stage called inside another is not counted twice."""

    totals: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    local: threading.local = field(default_factory=threading.local)
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Each thread's stack of open stages."""
    clock: Callable[[], float] = thread_cpu_s
    """The CPU a stage is charged: thread_cpu_s, or thread_user_cpu_s (--user)."""

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, timed as part of `stage`."""

        @wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            stack: list[list[float]] = self.local.__dict__.setdefault("stack", [])
            frame = [self.clock(), 0.0]
            stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = self.clock() - frame[0]
                stack.pop()
                with self.lock:
                    self.totals[stage] += elapsed - frame[1]
                    self.calls[stage] += 1
                if stack:
                    stack[-1][1] += elapsed

        return timed

    @contextmanager
    def scenario(self) -> Iterator[dict[str, float]]:
        """Collect the stage totals of the block into the yielded dict."""
        self.totals.clear()
        self.calls.clear()
        result: dict[str, float] = {}
        started, before = cpu_s(), _user_sys()
        yield result
        result.update(self.totals)
        result["total"] = cpu_s() - started
        after = _user_sys()
        result["of which system"] = after[1] - before[1]


def install(timers: Timers) -> None:
    """Wrap every function of STAGES where the pipeline looks it up."""
    import importlib

    for stage, targets in STAGES.items():
        for target in targets:
            module_name, attribute = target.split(":")
            owner: Any = importlib.import_module(module_name)
            *path, name = attribute.split(".")
            for part in path:
                owner = getattr(owner, part)
            raw = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
            if isinstance(raw, classmethod):
                setattr(owner, name, classmethod(timers.wrap(stage, raw.__func__)))
            else:
                setattr(owner, name, timers.wrap(stage, raw))


def run(data: Path, out: Path, store: Path, countries: list[str] | None = None) -> Any:
    """The run on the archive, its steps called in place (the plain-loop runner's wiring)."""
    from crtdiff.catalog.load import load_catalog
    from crtdiff.pipeline.plain_runner import plain_wiring
    from crtdiff.pipeline.run import RunScope, run_catalog
    from crtdiff.reference.bundle import load_reference

    reference = load_reference()
    catalog = load_catalog(data / "sources.toml", reference.countries)
    return run_catalog(catalog, reference, RunScope(out, store, countries), plain_wiring())


def table(name: str, figures: dict[str, float], chapters: int, pairs: int) -> None:
    """Print one scenario's stages, largest first."""
    total, system = figures.get("total", 0.0), figures.get("of which system", 0.0)
    print(
        f"\n{name}: {total:.2f} s of CPU, {system:.2f} s of it in the kernel "
        f"({chapters} chapters, {pairs} pairs)"
    )
    accounted = 0.0
    for stage, seconds in sorted(figures.items(), key=lambda kv: -kv[1]):
        if stage in ("total", "of which system"):
            continue
        accounted += seconds
        per = f"{1000 * seconds / chapters:7.2f} ms/chapter" if chapters else ""
        print(f"  {stage:<42}{seconds:8.2f} s {per}")
    print(f"  {'(not in any stage)':<42}{total - accounted:8.2f} s")


def main() -> None:
    """Run the scenarios and print their stage costs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=300)
    parser.add_argument("--years", type=int, default=50, help="report years per country")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument(
        "--user", action="store_true", help="charge stages their user CPU only (no kernel time)"
    )
    args = parser.parse_args()
    from crtdiff.reference.countries import load_countries

    work = args.workdir or Path(tempfile.mkdtemp(prefix="crtdiff-stages-"))
    shutil.rmtree(work, ignore_errors=True)
    data, out, store = work / "data", work / "output", work / "store"
    years_per_country = min(args.years, args.chapters)
    n_countries = -(-args.chapters // years_per_country)
    countries = list(load_countries().countries)[:n_countries]
    years = list(range(FIRST_YEAR, FIRST_YEAR + years_per_country))
    written = write_archive(data, countries, years, args.chapters)
    (data / "sources.toml").write_text("# synthetic archive: every chapter is a file in raw/\n")
    timers = Timers(clock=thread_user_cpu_s if args.user else thread_cpu_s)
    install(timers)
    results: dict[str, dict[str, float]] = {}
    try:
        with timers.scenario() as results["cold"]:
            run(data, out, store)
        with timers.scenario() as results["noop"]:
            run(data, out, store)
        first = countries[0]
        new_year = years[-1] + 1
        state = CountryState(first, random.Random(7))
        (data / "raw" / first.slug / f"{new_year}.txt").write_text(chapter(state, new_year))
        with timers.scenario() as results["add_one"]:
            run(data, out, store, [first.name])
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    chapters, pairs = len(written), len(written) - n_countries
    table("cold run", results["cold"], chapters, pairs)
    table("no-op run", results["noop"], 0, 0)
    table("one country-year added", results["add_one"], 0, 0)
    print(
        json.dumps(
            {"chapters": chapters}
            | {k: {s: round(v, 3) for s, v in f.items()} for k, f in results.items()}
        )
    )


if __name__ == "__main__":
    main()
