"""Print precision, recall and F1 of extraction per field and per class of issue 10 on a
hand-labelled answer key: the gold set the extractor was tuned on (tests/fixtures/gold/: chapters
and pairs of consecutive years, the default) or the held-out set, the estimate
(tests/fixtures/heldout/: chapters only, so no pair or headline rows).

Usage: python benchmarks/score_extraction.py [--gold tests/fixtures/heldout] [--misses] [--coverage]
"""

import argparse
from pathlib import Path

from crtdiff.evaluation import Counts, load_gold
from crtdiff.evaluation.gold import CLASSES
from crtdiff.evaluation.scoring import score_gold
from crtdiff.paths import PROJECT_ROOT

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
