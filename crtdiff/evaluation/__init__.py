"""Score extraction against the hand-labelled gold files (tests/fixtures/gold/), per field and per
class of issue 10; benchmarks/score_extraction.py prints the figures."""

from crtdiff.evaluation.counts import Counts, Score
from crtdiff.evaluation.gold import Gold, load_gold, load_pairs, page_text
from crtdiff.evaluation.metadata import score_metadata
from crtdiff.evaluation.pairs import headline_counts, score_pair
from crtdiff.evaluation.report import score_missing, score_report
from crtdiff.evaluation.spans import is_contiguous_span

__all__ = [
    "Counts",
    "Gold",
    "Score",
    "headline_counts",
    "is_contiguous_span",
    "load_gold",
    "load_pairs",
    "page_text",
    "score_metadata",
    "score_missing",
    "score_pair",
    "score_report",
]
