"""How long the comparison of two long reports takes (target: a 60 KB pair in under a second).

Reads the real HRR pages of Mali in ../shared/pages/state-gov-hrr/ when they are there: the
2019 → 2020 pair cut to its first units up to 60 KB of text each, the whole 2019 → 2020 pair
(87 and 112 KB) and the 2020 → 2024 pair across the outline change. Without ../shared, the HRR
fixtures' units are repeated, each sentence with its own number, up to 60 KB (say which in the
output). Times are the median of --repeat runs of compare_reports alone (parsing excluded).

Usage: python benchmarks/compare_long.py [--repeat 5] [--size 60000] [--fixtures]
"""

import argparse
import json
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from crtdiff.paths import PROJECT_ROOT
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.schemas import CountryReport, Section
from crtdiff.series.chapter import RawSource, Request, parse_chapter
from crtdiff.series.compare import compare_reports

SHARED = PROJECT_ROOT.parent / "shared" / "pages" / "state-gov-hrr"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "hrr"


def parse(path: Path, ref: Reference) -> CountryReport:
    """A page parsed as the series it names."""
    raw = RawSource(path.read_bytes(), path.name, datetime(2026, 1, 1, tzinfo=UTC))
    return parse_chapter(raw, Request(series=None), ref)


def text_size(report: CountryReport) -> int:
    """Characters of text in the report's units."""
    return sum(len(s.text) for s in report.sections)


def first_units(report: CountryReport, keys: list[str]) -> CountryReport:
    """The report reduced to the units `keys` (offsets still point into its body)."""
    return report.model_copy(update={"sections": [s for s in report.sections if s.key in keys]})


def cut_pair(
    old: CountryReport, new: CountryReport, size: int
) -> tuple[CountryReport, CountryReport]:
    """Both reports cut to their first common units, each up to `size` characters of text."""
    keys: list[str] = []
    for section in new.sections:
        trial = [*keys, section.key]
        if max(text_size(first_units(old, trial)), text_size(first_units(new, trial))) > size:
            break
        keys = trial
    return first_units(old, keys), first_units(new, keys)


def _repeated(section: Section, times: int, shift: int) -> Section:
    sentences = []
    for k in range(times):
        for s in section.sentences:
            sentences.append(s.model_copy(update={"text": f"{s.text} (item {k + shift})"}))
    text = " ".join(s.text for s in sentences)
    return section.model_copy(update={"text": text, "sentences": sentences})


def grown(report: CountryReport, size: int, shift: int) -> CountryReport:
    """The fixture report with every unit repeated until its text reaches `size` characters
    (sentence offsets are kept: moves between units look sentences up by them)."""
    times = max(1, size // max(1, text_size(report)))
    return report.model_copy(
        update={"sections": [_repeated(s, times, shift) for s in report.sections]}
    )


def median_seconds(old: CountryReport, new: CountryReport, ref: Reference, repeat: int) -> float:
    """Median wall time of compare_reports over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        compare_reports(old, new, ref.gazetteer)
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=60000, help="characters of each report")
    parser.add_argument(
        "--fixtures", action="store_true", help="use the fixtures even with ../shared"
    )
    args = parser.parse_args()
    ref = load_reference()
    figures: dict[str, object] = {}
    if SHARED.is_dir() and not args.fixtures:
        mali = {y: parse(SHARED / f"hrr-{y}-mali.html", ref) for y in (2019, 2020, 2024)}
        old, new = cut_pair(mali[2019], mali[2020], args.size)
        figures["source"] = "real Mali pages (../shared)"
        figures["full_2019_2020_kb"] = [
            text_size(mali[2019]) // 1000,
            text_size(mali[2020]) // 1000,
        ]
        figures["full_2019_2020_s"] = median_seconds(mali[2019], mali[2020], ref, args.repeat)
        figures["outline_change_2020_2024_s"] = median_seconds(
            mali[2020], mali[2024], ref, args.repeat
        )
    else:
        names = {2019: "hrr-2019-niger.html", 2020: "hrr-2020-niger.txt"}
        reports = {y: parse(FIXTURES / name, ref) for y, name in names.items()}
        old, new = grown(reports[2019], args.size, 0), grown(reports[2020], args.size, 1)
        figures["source"] = "HRR fixtures repeated (../shared absent)"
    figures["pair_kb"] = [text_size(old) // 1000, text_size(new) // 1000]
    figures["units"] = [len(old.sections), len(new.sections)]
    figures["pair_s"] = median_seconds(old, new, ref, args.repeat)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
