"""Property tests: no exception escapes the ingester or the comparison except the project's own
documented errors, and the invariants hold on whatever comes in."""

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crtdiff.errors import CrtdiffError
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.series.chapter import RawSource, Request, parse_chapter
from crtdiff.series.compare import compare_reports
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
WORDS = st.sampled_from(
    [
        *SEED_TEXT.split(),
        "<p>",
        "</p>",
        "<li>",
        "•",
        "\n",
        "\n\n",
        ":",
        "Overview:",
        "2016 Terrorist Incidents:",
        "&nbsp;",
        "\x00",
        "’",
        "U.S.",
        "February 30,",
    ]
)
pytestmark = pytest.mark.slow  # hundreds of generated chapters: not `make unit`

FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_invariants(report: CountryReport) -> None:
    for section in report.sections:
        for sentence in section.sentences:
            assert report.body[sentence.start : sentence.end] == sentence.text
    evidences = [i.evidence for i in report.incidents] + [m.evidence for m in report.legal_measures]
    evidences += [r.evidence for r in report.referenced_incidents]
    evidences += [m.evidence for g in report.groups for m in g.mentions]
    for evidence in evidences:
        assert 0 <= evidence.start <= evidence.end <= len(report.body)
        assert report.body[evidence.start : evidence.end] == evidence.sentence


def ingest(
    data: bytes, reference: Reference, uri: str = "fuzz-2016-mali.txt"
) -> CountryReport | None:
    try:
        return parse_chapter(
            RawSource(data, uri, datetime(2026, 1, 1, tzinfo=UTC)), Request(), reference
        )
    except CrtdiffError as exc:
        assert str(exc).startswith(f"{uri}: ") and "\n" not in str(exc)
        return None


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes(data: bytes, reference: Reference) -> None:
    report = ingest(data, reference)
    if report is not None:
        check_invariants(report)


@FUZZ
@given(words=st.lists(WORDS, max_size=400))
def test_random_text_and_html_from_chapter_words(words: list[str], reference: Reference) -> None:
    text = " ".join(words)
    for data, uri in (
        (text.encode(), "fuzz-2016-mali.txt"),
        (f"<html><body>{text}</body></html>".encode(), "fuzz-2016-mali.html"),
    ):
        report = ingest(data, reference, uri)
        if report is not None:
            check_invariants(report)


@FUZZ
@given(data=st.data())
def test_random_edits_of_the_real_chapter(data: st.DataObject, reference: Reference) -> None:
    text = SEED_TEXT
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        at = data.draw(st.integers(min_value=0, max_value=len(text)))
        span = data.draw(st.integers(min_value=0, max_value=200))
        insert = data.draw(
            st.sampled_from(
                [
                    "",
                    "•",
                    "\n\n",
                    "Overview:",
                    "attack",
                    "On May 3, gunmen killed 4 people.",
                    "<script>",
                    "AQIM",
                    "2015",
                ]
            )
        )
        text = text[:at] + insert + text[at + span :]
    report = ingest(text.encode(), reference, "data/raw/mali/2016.txt")
    if report is None:
        return
    check_invariants(report)
    diff = compare_reports(report, report, reference.gazetteer)
    assert diff.is_empty
    seed = ingest(SEED.read_bytes(), reference, "data/raw/mali/2016.txt")
    assert seed is not None
    if report.country == seed.country:
        changed = compare_reports(seed, report, reference.gazetteer)
        for section in changed.sections:
            for measure in (section.cosine, section.jaccard, section.edit, section.simple):
                assert measure is None or 0 <= measure <= 1
