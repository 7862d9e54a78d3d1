"""CPU of comparing and of the chapter and pair pages alone (the archive of benchmarks/stages.py).

Writes the same synthetic archive and parses every chapter (not timed), then, in one process,
the garbage collector off as in a country's batch: compares each country's pairs of years in
order, encodes each diff as the run does (the store's compact JSON, then the output file's
indented JSON from it), renders each pair page (HTML, then Markdown) and each chapter page,
and prints each stage's CPU. With `--stop-after STAGE` it stops after that stage: counted by
`valgrind --tool=cachegrind`, which the machine's load does not move, the difference between
the runs that stop before and after a stage is its instructions.

Usage: python -m benchmarks.compare_pages [--chapters 400] [--years 50] [--stop-after STAGE]
"""

import argparse
import gc
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
from pydantic import BaseModel

from benchmarks.parse_extract import archive_jobs

STAGES = (
    "parse",
    "compare",
    "diff JSON",
    "pair page (HTML)",
    "pair page (Markdown)",
    "chapter page",
)


def main() -> None:
    """Write and parse the archive, then time each stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=400)
    parser.add_argument("--years", type=int, default=50, help="report years per country")
    parser.add_argument("--stop-after", choices=STAGES, default=STAGES[-1])
    args = parser.parse_args()
    from crtdiff.reference.bundle import load_reference
    from crtdiff.reports.html import render_chapter_html, render_pair_html
    from crtdiff.reports.markdown import render_pair_markdown
    from crtdiff.schemas import CountryReport
    from crtdiff.schemas.diff import YearDiff
    from crtdiff.series.chapter import parse_chapter
    from crtdiff.series.compare import compare_reports

    try:
        from crtdiff.pipeline.output_json import output_json
        from crtdiff.store.results import encode as stored_json
    except ImportError:  # the code before them (run in turn with it), which encoded twice

        def output_json(model: BaseModel, compact: bytes | None = None) -> bytes:
            return (model.model_dump_json(indent=2) + "\n").encode("utf-8")

        def stored_json(model: BaseModel | msgspec.Struct) -> bytes:
            assert isinstance(model, BaseModel)  # diffs are pydantic models
            return model.model_dump_json().encode("utf-8")

    work = Path(tempfile.mkdtemp(prefix="crtdiff-compare-"))
    try:
        reference = load_reference()
        by_country: dict[str | None, list[CountryReport]] = {}
        for raw, request in archive_jobs(work, args.chapters, args.years):
            report = parse_chapter(raw, request, reference)
            by_country.setdefault(request.country, []).append(report)
        reports = [r for rs in by_country.values() for r in rs]
        pairs = [(rs[i], rs[i + 1]) for rs in by_country.values() for i in range(len(rs) - 1)]
        # Templates loaded and module caches filled outside the timed stages.
        warm = compare_reports(*pairs[0], reference.gazetteer)
        render_pair_html(warm)
        render_pair_markdown(warm)
        render_chapter_html(reports[0])
        output_json(warm, stored_json(warm))
        diffs: list[YearDiff] = []

        def compare() -> None:
            diffs.extend(compare_reports(a, b, reference.gazetteer) for a, b in pairs)

        def encode() -> None:
            for d in diffs:
                output_json(d, stored_json(d))

        stages: dict[str, Callable[[], object]] = {
            "compare": compare,
            "diff JSON": encode,
            "pair page (HTML)": lambda: [render_pair_html(d) for d in diffs],
            "pair page (Markdown)": lambda: [render_pair_markdown(d) for d in diffs],
            "chapter page": lambda: [render_chapter_html(r) for r in reports],
        }
        gc.disable()
        print(f"{len(reports)} chapters, {len(pairs)} pairs")
        for name, run in stages.items():
            if STAGES.index(name) > STAGES.index(args.stop_after):
                break
            start = time.process_time()
            run()
            print(f"  {name:22s} {time.process_time() - start:6.2f} s of CPU")
        gc.enable()
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
