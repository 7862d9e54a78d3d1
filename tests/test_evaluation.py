"""Extraction quality on the hand-labelled gold set (tests/fixtures/gold/): floors that fail the
build when extraction gets worse. The figures themselves: benchmarks/score_extraction.py."""

import pytest

from crtdiff.evaluation import Counts, Score
from crtdiff.evaluation.scoring import score_gold
from tests.conftest import FIXTURES

FLOORS = {
    "groups": 0.90,
    "incidents": 0.85,
    "organisations": 0.90,
    "referenced_incidents": 0.80,
    "legal_measures": 0.80,
}
FIELD_FLOOR = 0.75


@pytest.fixture(scope="module")
def total() -> Score:
    score, per_chapter = score_gold(FIXTURES / "gold")
    assert len(per_chapter) >= 4  # the seed and at least three chapters of other eras
    return score


@pytest.mark.parametrize(("field", "floor"), FLOORS.items())
def test_f1_floor(total: Score, field: str, floor: float) -> None:
    assert total.sets[field].f1 >= floor, f"{field} F1 {total.sets[field].f1:.2f} < {floor}"


def test_incident_field_accuracy(total: Score) -> None:
    low = {n: c.recall for n, c in total.fields.items() if c.recall < FIELD_FLOOR}
    assert low == {}


ISSUE_10_FLOORS = {
    "incidents": 0.95,
    "groups": 0.98,
    "tolls": 0.95,
    "legal": 0.90,
    "legal_summaries": 1.0,
}
"""Targets of issue 10, per class; legal summaries are a share (every one a contiguous span).
Measured before the extractor work of issue 10: incidents 0.89, groups 0.98, tolls 0.77,
legal 0.72, summaries 0.64; after it (branch facts): 1.00, 1.00, 1.00, 0.99, 1.00 — on a set
the extractor was tuned while looking at, so read these as regression floors."""


@pytest.mark.parametrize(("name", "floor"), ISSUE_10_FLOORS.items())
def test_issue_10_class_floor(total: Score, name: str, floor: float) -> None:
    counts = total.classes[name]
    value = counts.precision if name == "legal_summaries" else counts.f1
    assert value >= floor, f"{name} {value:.2f} < {floor}"


def test_metadata_is_never_wrong(total: Score) -> None:
    assert total.classes["metadata"].fp == 0, [m for m in total.misses if "WRONG" in m]


def test_counts_arithmetic() -> None:
    c = Counts(tp=8, fp=2, fn=0)
    assert (c.precision, c.recall, round(c.f1, 3)) == (0.8, 1.0, 0.889)
    assert Counts().f1 == 1.0


HELDOUT_GUARDS = {
    "incidents": 0.75,
    "attacks": 0.80,
    "tolls": 0.81,
    "dates": 0.75,
    "places": 0.80,
    "groups": 0.84,
    "perpetrators": 0.80,
    "legal": 0.73,
    "legal_status": 0.68,
    "legal_summaries": 0.90,
}
"""The held-out set (tests/fixtures/heldout/, labelled before extraction and never tuned on) is
the estimate, not a target: these guards sit 0.10 below what it measured when it was first
scored (incidents 0.86, attacks 0.90, tolls 0.91, dates 0.86, places 0.90, groups 0.94,
perpetrators 0.90, legal 0.84, legal status 0.78, summaries 1.00), so they catch a regression
without inviting anyone to tune on these chapters."""


@pytest.fixture(scope="module")
def heldout() -> Score:
    score, per_chapter = score_gold(FIXTURES / "heldout")
    assert len(per_chapter) >= 8
    return score


@pytest.mark.parametrize(("name", "guard"), HELDOUT_GUARDS.items())
def test_heldout_regression_guard(heldout: Score, name: str, guard: float) -> None:
    counts = heldout.classes[name]
    value = counts.precision if name == "legal_summaries" else counts.f1
    assert value >= guard, f"held-out {name} {value:.2f} < {guard}"


def test_heldout_metadata_is_never_wrong(heldout: Score) -> None:
    assert heldout.classes["metadata"].fp == 0, [m for m in heldout.misses if "WRONG" in m]
