"""Print precision, recall and F1 of extraction per field on the hand-labelled gold set.

Usage: python benchmarks/score_extraction.py [--gold tests/fixtures/gold] [--misses]
"""

import argparse
from datetime import UTC, datetime
from pathlib import Path

from crtdiff.evaluation import Score, load_gold, score_report
from crtdiff.ingest.chapter import RawSource, Request, parse_chapter
from crtdiff.paths import PROJECT_ROOT
from crtdiff.reference.bundle import load_reference

GOLD = PROJECT_ROOT / "tests" / "fixtures" / "gold"


def score_gold(folder: Path = GOLD) -> tuple[Score, dict[str, Score]]:
    """Extract every gold chapter and score it; returns the total and per-chapter scores."""
    reference = load_reference()
    total = Score()
    per_chapter: dict[str, Score] = {}
    for path, gold in load_gold(folder):
        source = PROJECT_ROOT / gold["chapter"]
        raw = RawSource(source.read_bytes(), gold["chapter"], datetime.now(UTC))
        report = parse_chapter(raw, Request(gold["country"], gold["year"]), reference)
        score = score_report(report, gold)
        per_chapter[path.stem] = score
        total.add(score)
    return total, per_chapter


def main() -> None:
    """Print the score table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="list field disagreements")
    args = parser.parse_args()
    total, per_chapter = score_gold(args.gold)
    print(f"gold chapters: {', '.join(per_chapter)}")
    print(f"{'field':<28}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name, c in total.sets.items():
        print(f"{name:<28}{c.precision:7.2f}{c.recall:7.2f}{c.f1:7.2f}{c.tp:6}{c.fp:6}{c.fn:6}")
    print(f"\n{'matched-item field':<28}{'accuracy':>9}{'agree':>7}{'of':>5}")
    for name, c in total.fields.items():
        print(f"{name:<28}{c.recall:9.2f}{c.tp:7}{c.tp + c.fn:5}")
    if args.misses:
        print("\n" + "\n".join(total.misses))


if __name__ == "__main__":
    main()
