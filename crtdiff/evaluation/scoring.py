"""Scoring extraction against an answer key: every chapter extracted as a run would, then
compared with its labels (the figures benchmarks/score_extraction.py prints and
tests/test_evaluation.py guards)."""

from datetime import UTC, datetime
from pathlib import Path

from crtdiff.errors import CrtdiffError
from crtdiff.evaluation.counts import Counts, Score
from crtdiff.evaluation.gold import Gold, load_gold, load_pairs
from crtdiff.evaluation.metadata import score_metadata
from crtdiff.evaluation.pairs import score_pair
from crtdiff.evaluation.report import score_missing, score_report
from crtdiff.paths import PROJECT_ROOT
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.schemas import CountryReport
from crtdiff.series.chapter import RawSource, Request, parse_chapter


def _extract(gold: Gold, reference: Reference) -> tuple[bytes, CountryReport | str]:
    data = (PROJECT_ROOT / gold["chapter"]).read_bytes()
    raw = RawSource(data, str(gold.get("source_uri", gold["chapter"])), datetime.now(UTC))
    try:
        return data, parse_chapter(raw, Request(gold["country"], gold["year"]), reference)
    except CrtdiffError as error:
        return data, str(error)


def score_gold(folder: Path) -> tuple[Score, dict[str, Score]]:
    """Extract every chapter of an answer key folder (tests/fixtures/gold or heldout), score it
    and every pair; the total and per-chapter scores."""
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
