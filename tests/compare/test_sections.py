"""Section by section: the sentence refs a comparison shares between the years before and after
give the same alignments as refs made afresh for each comparison (the plain definition)."""

import random
from itertools import pairwise
from typing import Any

import pydantic
import pytest

from benchmarks.synthetic import CountryState, chapter
from crtdiff.compare.align import align
from crtdiff.compare.sections import _section_alignment, section_spans
from crtdiff.compare.words import normalized_sentence
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import load_countries
from crtdiff.schemas import CountryReport, Section, Sentence
from crtdiff.schemas.diff import SentenceAlignment, SentenceRef
from crtdiff.series.compare import compare_reports
from tests.conftest import ParseFn


def _plain_ref(s: Sentence | SentenceRef) -> dict[str, Any]:
    return {"text": s.text, "start": s.start, "end": s.end}


def _plain_alignment(old: Section | None, new: Section | None) -> SentenceAlignment:
    """The alignment with every ref made afresh from its sentence (the code before refs were
    shared between comparisons)."""
    a, b = (old.sentences if old else []), (new.sentences if new else [])
    found = align([s.text for s in a], [s.text for s in b])
    return SentenceAlignment.model_validate(
        {
            "unchanged": [
                {"old": _plain_ref(a[i]), "new": _plain_ref(b[j])} for i, j in found.unchanged
            ],
            "modified": [
                {
                    "old": _plain_ref(a[i]),
                    "new": _plain_ref(b[j]),
                    "similarity": score,
                    "redline": [],
                    "is_cosmetic": False,
                }
                for i, j, score in found.modified
            ],
            "removed": [_plain_ref(a[i]) for i in found.removed],
            "added": [_plain_ref(b[j]) for j in found.added],
        }
    )


@pytest.fixture(scope="module")
def years(parse: ParseFn) -> list[CountryReport]:
    """Six synthetic years of one country: most sentences carry over, some are edited."""
    state = CountryState(load_countries().countries[0], random.Random(7))
    return [
        parse(chapter(state, year).encode(), f"synthetic/{year}.txt", year=year)
        for year in range(2010, 2016)
    ]


def test_shared_refs_align_as_refs_made_afresh(
    years: list[CountryReport], mali_2015: CountryReport, seed_report: CountryReport,
    mali_2017: CountryReport,
) -> None:  # fmt: skip
    pairs = [*pairwise(years), (mali_2015, seed_report), (seed_report, mali_2017)]
    checked = 0
    for old, new in pairs:
        for key in {s.key for s in old.sections} | {s.key for s in new.sections}:
            a, b = old.section(key), new.section(key)
            shared = _section_alignment(section_spans(a), section_spans(b))
            plain = _plain_alignment(a, b)
            for m in shared.modified:  # the redlines are not what this test is about
                m.redline, m.is_cosmetic = [], False
            assert shared == plain
            assert shared.model_dump_json() == plain.model_dump_json()
            checked += len(shared.unchanged) + len(shared.modified)
    assert checked > 500  # most sentences carry over: the refs were mostly reused


def test_a_years_refs_serve_both_of_its_comparisons(
    years: list[CountryReport], reference: Reference
) -> None:
    before, year, after = years[0], years[1], years[2]
    into = compare_reports(before, year, reference.gazetteer)
    out_of = compare_reports(year, after, reference.gazetteer)
    key = year.sections[0].key
    new_side = {id(p.new) for s in into.sections if s.key == key for p in s.sentences.unchanged}
    old_side = {id(p.old) for s in out_of.sections if s.key == key for p in s.sentences.unchanged}
    assert new_side & old_side  # one object: made once for both comparisons


def test_section_spans_are_the_sentences_spans_and_frozen(seed_report: CountryReport) -> None:
    section = seed_report.sections[0]
    spans = section_spans(section)
    assert spans.texts == tuple(s.text for s in section.sentences)
    assert spans.normal == tuple(normalized_sentence(s.text) for s in section.sentences)
    assert [(r.text, r.start, r.end) for r in spans.refs] == [
        (s.text, s.start, s.end) for s in section.sentences
    ]
    assert section_spans(None) == ((), (), ())
    with pytest.raises(pydantic.ValidationError):
        spans.refs[0].start = 0  # type: ignore[misc]  # shared by two diffs: never changed in place
