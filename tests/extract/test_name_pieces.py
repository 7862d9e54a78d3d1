"""Names read sentence by sentence give what reading the whole body at once gives: the tokens,
the matcher's hits and the capitalised runs, or nothing (and the body is read at once) when a
name or a run could cross from one sentence into the next."""

import json
import random
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import CountryState, chapter
from crtdiff.extract.evidence import SentenceIndex
from crtdiff.extract.groups import find_names
from crtdiff.extract.name_pieces import BodyNames, names_by_piece
from crtdiff.reference.bundle import Reference
from crtdiff.reference.fuzzy_names import capitalised_runs
from crtdiff.reference.names import NameHit, NameMatcher
from crtdiff.reference.state_forces import FORCE_PREFIX
from crtdiff.schemas import CountryReport
from crtdiff.text.tokens import Tokens, tokenize
from tests.conftest import FIXTURES, ParseFn, parse_as

ROOT = FIXTURES.parent.parent
CHAPTERS = [
    (json.loads(key.read_text())["chapter"], key.stem)
    for folder in ("gold", "heldout")
    for key in sorted((FIXTURES / folder).glob("*.json"))
] + [
    (str(p.relative_to(ROOT)), None)
    for p in sorted((FIXTURES / "chapters").glob("*"))
    if p.suffix in (".txt", ".html")
]
"""Every chapter of the answer keys (with the country and year of its key: a region page holds
several) and of tests/fixtures/chapters."""


def _rows(tokens: Tokens) -> list[tuple[str, str, int, int]]:
    return list(zip(tokens.raw, tokens.folded, tokens.start, tokens.end, strict=True))


def _at_once(body: str, matcher: NameMatcher) -> BodyNames:
    """The definition, as find_names reads a body without its sentences: the whole body's
    tokens and hits, and the runs that the hits other than state forces leave."""
    tokens = tokenize(body)
    hits = matcher.find(tokens)
    names = [h for h in hits if not h.entry_id.startswith(FORCE_PREFIX)]
    taken = {i for h in names for i in range(h.first_token, h.last_token + 1)}
    return BodyNames(tokens, hits, capitalised_runs(body, tokens, taken))


def _assert_same(body: str, spans: Sequence[tuple[int, int]], matcher: NameMatcher) -> bool:
    """The piecewise reading agrees with the definition; whether it was given at all."""
    read = names_by_piece(body, spans, matcher)
    if read is None:
        return False
    plain = _at_once(body, matcher)
    assert _rows(read.tokens) == _rows(plain.tokens)
    assert read.hits == plain.hits
    if read.runs is not None:
        assert read.runs == plain.runs
    return True


def _spans(report: CountryReport) -> list[tuple[int, int]]:
    return [(s.sentence.start, s.sentence.end) for s in SentenceIndex(report).sentences]


def _assert_same_findings(report: CountryReport, reference: Reference) -> None:
    """find_names with the sentences (the piecewise reading) and without (the body at once)."""
    args = (report.body, reference.names, reference.gazetteer, reference.fuzzy)
    assert find_names(*args, SentenceIndex(report)) == find_names(*args)


@pytest.mark.parametrize(("chapter", "key"), CHAPTERS, ids=[f"{c}:{k}" for c, k in CHAPTERS])
def test_answer_key_chapters_read_by_sentence_as_at_once(
    chapter: str, key: str | None, parse: ParseFn, reference: Reference
) -> None:
    if key is None:
        report = parse(ROOT / chapter)
    else:
        country, year = key.rsplit("-", 1)
        report = parse(ROOT / chapter, country=country.replace("-", " "), year=int(year))
    assert _assert_same(report.body, _spans(report), reference.names)
    _assert_same_findings(report, reference)


def test_the_seed_and_samples_read_by_sentence_as_at_once(
    seed_report: CountryReport,
    mali_2015: CountryReport,
    mali_2017: CountryReport,
    reference: Reference,
) -> None:
    for report in (seed_report, mali_2015, mali_2017):
        assert _assert_same(report.body, _spans(report), reference.names)
        _assert_same_findings(report, reference)
        # Read again, every sentence from the per-process cache: the same.
        assert _assert_same(report.body, _spans(report), reference.names)


def test_real_pages_read_by_sentence_as_at_once(shared_dir: Path, reference: Reference) -> None:
    pages = sorted(shared_dir.glob("pages/*/*.html"))
    assert pages
    for page in pages:
        report = parse_as(page, reference)  # the series the page names
        assert _assert_same(report.body, _spans(report), reference.names)
        _assert_same_findings(report, reference)


def test_other_series_read_by_sentence_as_at_once(
    hrr_reports: dict[int, CountryReport], reference: Reference
) -> None:
    for report in hrr_reports.values():
        assert _assert_same(report.body, _spans(report), reference.names)
        _assert_same_findings(report, reference)


def test_a_countrys_years_read_by_sentence_as_at_once(parse: ParseFn, reference: Reference) -> None:
    country = reference.countries.resolve("Mali")
    assert country is not None
    state = CountryState(country, random.Random(5))
    for year in range(2010, 2014):  # in order: most sentences come from the cache
        report = parse(chapter(state, year).encode(), f"mali-{year}.txt", illustrative=True)
        assert _assert_same(report.body, _spans(report), reference.names)
        _assert_same_findings(report, reference)


def test_a_name_across_two_sentences_is_read_at_once(reference: Reference) -> None:
    # The sentence splitter cuts after "Islamic."; read at once, the words go on as one name.
    body = "Fighters loyal to the Islamic. State forces attacked Menaka."
    spans = [(0, 30), (31, len(body))]
    assert names_by_piece(body, spans, reference.names) is None
    hits = reference.names.find(tokenize(body))
    assert [body[h.start : h.end] for h in hits] == ["Islamic. State"]
    assert [(h.start, h.end) for h in hits] == [(22, 36)]


def test_a_name_ending_a_sentence_before_an_unrelated_word_is_read_by_sentence(
    reference: Reference,
) -> None:
    # "Forces" could begin "Forces Armées ...", but the next sentence does not go on with it.
    body = "Attackers struck the Malian Armed Forces. Forces repelled them."
    spans = [(0, 41), (42, len(body))]
    assert _assert_same(body, spans, reference.names)


def test_a_capitalised_run_across_two_pieces_is_read_over_the_body(
    reference: Reference,
) -> None:
    body = "Attackers of the Wadi Zarqa Katiba Ould Brahim struck"
    cut = body.index(" Zarqa")
    spans = [(0, cut), (cut + 1, len(body))]  # at a space, inside the run of capitals
    read = names_by_piece(body, spans, reference.names)
    assert read is not None
    assert read.runs is None
    assert capitalised_runs(body, read.tokens, set()) == _at_once(body, reference.names).runs


_FORMS = [
    "Islamic State", "Boko Haram", "al-Qa'ida in the Islamic Maghreb", "Ansar al-Dine",
    "Forces Armées Maliennes", "Malian Armed Forces", "32 County Sovereignty Movement",
    "Jama'at Nusrat al-Islam wal-Muslimin", "Afghan National Security Forces", "AQIM",
    "Islamic State in the Greater Sahara", "ISIS", "al-Shabaab", "MINUSMA",
]  # fmt: skip
"""Written forms of the gazetteer (and the state forces), of one word or several."""
_WORDS = [
    "the", "of", "al", "in", "and", "attacked", "Wal", "Front", "security", "forces", "Kidal",
    "Gao", "Forces", "Islamic", "State", "Wadi", "Zarqa", "Katiba",
]  # fmt: skip
_GAPS = [" ", " ", " ", ". ", ", ", " - ", "\n", ": ", " (", ") "]


@settings(max_examples=500, deadline=None)
@given(
    parts=st.lists(
        st.tuples(st.sampled_from(_FORMS + _WORDS), st.sampled_from(_GAPS)), min_size=1, max_size=30
    ),
    cuts=st.sets(st.integers(min_value=0, max_value=80), max_size=16),
)
def test_any_cut_at_spaces_reads_as_at_once(
    parts: list[tuple[str, str]], cuts: set[int], reference: Reference
) -> None:
    """Names and words in any order, cut into pieces at any spaces (inside names too)."""
    body = "".join(w + g for w, g in parts).strip()
    spaces = [i for i, c in enumerate(body) if c.isspace()]
    edges = sorted({spaces[c % len(spaces)] for c in cuts} if spaces else set())
    spans: list[tuple[int, int]] = []
    at = 0
    for edge in [*edges, len(body)]:
        piece = body[at:edge]
        if piece.strip():
            start = at + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(piece.strip())))
        at = edge + 1
    _assert_same(body, spans, reference.names)
    # A text-defined acronym's matcher (a clone with forms of its own) is held to it too.
    _assert_same(body, spans, reference.names.with_forms({"Wadi Zarqa": "jnim", "WZ": "jnim"}))


def test_the_forms_are_the_gazetteers(reference: Reference) -> None:
    for form in _FORMS:
        hits = reference.names.find(tokenize(form))
        assert [(h.start, h.end) for h in hits] == [(0, len(form))], form


def test_a_hit_is_what_it_was(reference: Reference) -> None:
    body = "Boko Haram attacked Maiduguri. The Islamic State claimed it."
    read = names_by_piece(body, [(0, 30), (31, len(body))], reference.names)
    assert read is not None
    assert [body[h.start : h.end] for h in read.hits] == [
        "Boko Haram",
        "Islamic State",
    ]
    assert all(isinstance(h, NameHit) for h in read.hits)
