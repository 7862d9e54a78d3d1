"""Print precision, recall and F1 of extraction per field and per class of issue 10 on a
hand-labelled answer key: the gold set the extractor was tuned on (tests/fixtures/gold/: chapters
and pairs of consecutive years, the default) or the held-out set, the estimate
(tests/fixtures/heldout/: chapters only, so no pair or headline rows).

Usage: python benchmarks/score_extraction.py [--gold tests/fixtures/heldout] [--misses] [--coverage]
"""

import argparse
from datetime import UTC, datetime
from pathlib import Path

from crtdiff.errors import CrtdiffError
from crtdiff.evaluation import (
    Counts,
    Gold,
    Score,
    load_gold,
    load_pairs,
    score_metadata,
    score_missing,
    score_pair,
    score_report,
)
from crtdiff.evaluation.gold import CLASSES
from crtdiff.paths import PROJECT_ROOT
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.series.chapter import RawSource, Request, parse_chapter
from schemas import CountryReport

GOLD = PROJECT_ROOT / "tests" / "fixtures" / "gold"
CLASS_ROWS = (
    ("incidents", "incidents (set)"),
    ("attacks", "what is an attack (traps)"),
    ("tolls", "toll fields"),
    ("dates", "dates"),
    ("places", "places"),
    ("groups", "groups"),
    ("perpetrators", "perpetrators"),
    ("state_forces", "state forces not groups"),
    ("legal", "legal measures (kind)"),
    ("legal_status", "legal status"),
    ("legal_summaries", "legal summaries (spans)"),
    ("metadata", "metadata identified"),
    ("wrong_requests", "wrong country/year refused"),
    ("furniture", "furniture removed"),
    ("sections", "section keys"),
    ("pairs", "pair checks"),
    ("headline", "headline checks"),
)


def _extract(gold: Gold, reference: Reference) -> tuple[bytes, CountryReport | str]:
    data = (PROJECT_ROOT / gold["chapter"]).read_bytes()
    raw = RawSource(data, str(gold.get("source_uri", gold["chapter"])), datetime.now(UTC))
    try:
        return data, parse_chapter(raw, Request(gold["country"], gold["year"]), reference)
    except CrtdiffError as error:
        return data, str(error)


def score_gold(folder: Path = GOLD) -> tuple[Score, dict[str, Score]]:
    """Extract every gold chapter, score it and every pair; the total and per-chapter scores."""
    reference = load_reference()
    total = Score()
    per_chapter: dict[str, Score] = {}
    reports: dict[str, CountryReport] = {}
    for path, gold in load_gold(folder):
        data, report = _extract(gold, reference)
        if isinstance(report, str):
            score = score_missing(gold, report)
        else:
            reports[path.stem] = report
            score = score_report(report, gold)
        score.add(score_metadata(data, gold, reference))
        per_chapter[path.stem] = score
        total.add(score)
    for path, pair in load_pairs(folder):
        old, new = reports.get(pair["old"]), reports.get(pair["new"])
        if old is None or new is None:
            total.count("pairs", Counts(fn=1))
            total.misses.append(f"{path.stem}: a chapter of the pair was refused")
            continue
        total.add(score_pair(old, new, pair, reference.gazetteer))
    return total, per_chapter


def _row(name: str, c: Counts) -> str:
    return f"{name:<30}{c.precision:7.2f}{c.recall:7.2f}{c.f1:7.2f}{c.tp:6}{c.fp:6}{c.fn:6}"


def coverage_table(folder: Path = GOLD) -> str:
    """Which classes of issue 10 each gold chapter exercises (from its `classes` field)."""
    lines = [f"{'chapter':<20}" + "".join(f"{c[:8]:>9}" for c in CLASSES)]
    for path, gold in load_gold(folder):
        marks = set(gold.get("classes", []))
        lines.append(
            f"{path.stem:<20}" + "".join(f"{'x' if c in marks else '':>9}" for c in CLASSES)
        )
    return "\n".join(lines)


def main() -> None:
    """Print the score tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    parser.add_argument("--coverage", action="store_true", help="classes each chapter covers")
    args = parser.parse_args()
    total, per_chapter = score_gold(args.gold)
    where = args.gold.resolve()
    folder = where.relative_to(PROJECT_ROOT) if where.is_relative_to(PROJECT_ROOT) else where
    print(f"chapters of {folder} ({len(per_chapter)}): {', '.join(per_chapter)}")
    header = f"{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"
    print(f"\n{'per class (issue 10)':<30}{header}")
    for key, name in CLASS_ROWS:
        if key in total.classes:
            print(_row(name, total.classes[key]))
    print(f"\n{'set':<30}{header}")
    for name, c in total.sets.items():
        print(_row(name, c))
    print(f"\n{'matched-item field':<30}{'accuracy':>9}{'agree':>7}{'of':>5}")
    for name, c in total.fields.items():
        print(f"{name:<30}{c.recall:9.2f}{c.tp:7}{c.tp + c.fn:5}")
    if args.coverage:
        print("\n" + coverage_table(args.gold))
    if args.misses:
        print("\n" + "\n".join(total.misses))


if __name__ == "__main__":
    main()
