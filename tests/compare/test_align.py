"""Sentence alignment: light edits pair, unrelated sentences never do; a property test."""

import math
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from crtdiff.compare.align import MODIFIED_MIN, Alignment, align, related
from crtdiff.compare.redline import is_cosmetic, redline, redline_runs
from crtdiff.compare.similarity import (
    WordBag,
    bag_cosine,
    bag_jaccard,
    cosine,
    edit,
    jaccard,
    simple,
)
from crtdiff.compare.words import comparable_words, normalized_sentence
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import RedlineOp
from tests.conftest import FIXTURES

SEED_SENTENCES = [
    "The Government of Mali remained a willing, if challenged, U.S. counterterrorism partner.",
    "Mali continues to rely heavily on MINUSMA and French forces to provide a measure of stability.",
    "Customs officials use travel forms to collect biographical information from travelers.",
    "Most transactions in Mali are cash-based and difficult to regulate given resource constraints.",
]


def test_light_edit_is_modified_not_removed_and_added() -> None:
    old = SEED_SENTENCES
    new = [SEED_SENTENCES[0].replace("if challenged", "but challenged"), *SEED_SENTENCES[1:]]
    result = align(old, new)
    assert [(i, j) for i, j, _ in result.modified] == [(0, 0)]
    assert result.added == [] and result.removed == []
    assert len(result.unchanged) == 3


def test_unrelated_sentences_never_pair() -> None:
    old = ["Mali is a member of the Inter-Governmental Action Group against Money Laundering."]
    new = ["Gunmen attacked a convoy of the UN mission near Kidal, killing two peacekeepers."]
    result = align(old, new)
    assert (result.removed, result.added, result.modified) == ([0], [0], [])


def test_reordering_keeps_sentences_unchanged() -> None:
    result = align(SEED_SENTENCES, list(reversed(SEED_SENTENCES)))
    assert len(result.unchanged) == 4 and not (result.added or result.removed or result.modified)


def test_quotes_and_spacing_alone_are_unchanged_and_dates_are_cosmetic() -> None:
    result = align(["Mali’s  border is porous."], ["Mali's border is porous."])
    assert result.unchanged == [(0, 0)]
    assert is_cosmetic("In June 2016, Mali drafted a plan.", "In July 2017, Mali drafted a plan")
    assert not is_cosmetic("Mali drafted a plan.", "Mali adopted a plan.")


def test_redline_reassembles_both_sides() -> None:
    old, new = (
        "Mali drafted its first strategy in June.",
        "Mali adopted its national strategy in June.",
    )
    parts = redline(old, new)
    assert "".join(p.text for p in parts if p.op.value != "insert") == old
    assert "".join(p.text for p in parts if p.op.value != "delete") == new
    assert [p.text.strip() for p in parts if p.op.value == "delete"] == ["drafted", "first"]


def test_measures_bounds() -> None:
    a, b = comparable_words(SEED_SENTENCES[0]), comparable_words(SEED_SENTENCES[1])
    for measure in (cosine, jaccard, edit, simple):
        assert measure(a, a) == pytest.approx(1.0)
        assert 0.0 <= measure(a, b) < 1.0
        assert measure([], []) == 1.0


def test_bags_give_the_measures_of_their_words() -> None:
    """A section's bag, counted once, gives exactly the cosine and Jaccard of its words."""
    texts = [SEED_SENTENCES[0], SEED_SENTENCES[1], SEED_SENTENCES[0] + " " + SEED_SENTENCES[0], ""]
    for x in texts:
        for y in texts:
            a, b = comparable_words(x), comparable_words(y)
            bags = WordBag.of(a), WordBag.of(b)
            assert bag_jaccard(*bags) == jaccard(a, b)
            counts_a, counts_b = Counter(a), Counter(b)
            dot = sum(counts_a[w] * counts_b[w] for w in counts_a.keys() & counts_b.keys())
            norm = math.sqrt(sum(v * v for v in counts_a.values())) * math.sqrt(
                sum(v * v for v in counts_b.values())
            )
            assert bag_cosine(*bags) == (1.0 if not a and not b else dot / norm if norm else 0.0)


def _pool(seed: CountryReport) -> tuple[list[str], list[str]]:
    base = [s.text for sec in seed.sections for s in sec.sentences if len(s.text.split()) >= 8]
    other = (FIXTURES / "chapters" / "pakistan-2006.txt").read_text(encoding="utf-8")
    fresh = [line for line in other.replace(". ", ".\n").splitlines() if len(line.split()) >= 8]
    return base, fresh


EDIT = st.sampled_from(["keep", "keep", "keep", "delete", "modify"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_edits_are_found(seed_report: CountryReport, data: st.DataObject) -> None:
    base, fresh = _pool(seed_report)
    base = base[:30]
    plan = data.draw(st.lists(EDIT, min_size=len(base), max_size=len(base)))
    inserts = data.draw(st.lists(st.sampled_from(fresh), max_size=3, unique=True))
    new: list[str] = []
    expect_removed: list[int] = []
    expect_modified: list[tuple[int, int]] = []
    for i, (sentence, action) in enumerate(zip(base, plan, strict=True)):
        if action == "delete":
            expect_removed.append(i)
            continue
        if action == "modify":
            words = sentence.split()
            pos = data.draw(st.integers(min_value=1, max_value=len(words) - 2))
            words[pos] = "substantially"
            sentence = " ".join(words)
            expect_modified.append((i, len(new)))
        new.append(sentence)
    expect_added: list[int] = []
    for text in inserts:
        at = data.draw(st.integers(min_value=0, max_value=len(new)))
        new.insert(at, text)
        expect_modified = [(i, j + 1 if j >= at else j) for i, j in expect_modified]
        expect_added = [j + 1 if j >= at else j for j in expect_added] + [at]
    result = align(base, new)
    assert sorted(result.removed) == sorted(expect_removed)
    assert sorted(result.added) == sorted(expect_added)
    assert sorted((i, j) for i, j, _ in result.modified) == sorted(expect_modified)
    assert len(result.unchanged) == len(base) - len(expect_removed) - len(expect_modified)


def _plain_unchanged(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Unchanged pairs sentence by sentence: the longest common subsequence, then equal
    sentences out of order, first come first paired (the definition the block-wise code keeps)."""
    pairs = [
        (op.src_start + k, op.dest_start + k)
        for op in Indel.opcodes(a, b)
        if op.tag == "equal"
        for k in range(op.src_end - op.src_start)
    ]
    used_a, used_b = {i for i, _ in pairs}, {j for _, j in pairs}
    for i, text in enumerate(a):
        j = next((j for j, t in enumerate(b) if t == text and j not in used_b), None)
        if i not in used_a and j is not None:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return sorted(pairs)


@given(
    old=st.lists(st.sampled_from(SEED_SENTENCES), max_size=12),
    new=st.lists(st.sampled_from(SEED_SENTENCES), max_size=12),
)
def test_unchanged_sentences_are_the_plain_definition(old: list[str], new: list[str]) -> None:
    assert align(old, new).unchanged == _plain_unchanged(old, new)


@given(
    a=st.lists(st.sampled_from("abcdefgh"), max_size=30),
    b=st.lists(st.sampled_from("abcdefgh"), max_size=30),
)
def test_bag_measures_are_their_word_by_word_definitions(a: list[str], b: list[str]) -> None:
    bags = WordBag.of(a), WordBag.of(b)
    assert bag_jaccard(*bags) == jaccard(a, b)
    counts_a, counts_b = Counter(a), Counter(b)
    dot = sum(v * counts_b[w] for w, v in counts_a.items() if w in counts_b)
    expected = 1.0 if not a and not b else dot / (bags[0].norm * bags[1].norm or math.inf)
    assert bag_cosine(*bags) == expected


def _plain_align(old: list[str], new: list[str]) -> Alignment:
    """The alignment sentence by sentence, every index looked at in turn (the definition the
    block-wise code keeps: exact pairs in order, then out of order, then near pairs by score)."""
    found = Alignment()
    na, nb = [normalized_sentence(s) for s in old], [normalized_sentence(s) for s in new]
    found.unchanged = _plain_unchanged(na, nb)
    used_a, used_b = {i for i, _ in found.unchanged}, {j for _, j in found.unchanged}
    rest_a = [i for i in range(len(old)) if i not in used_a]
    rest_b = [j for j in range(len(new)) if j not in used_b]
    candidates = sorted(
        (
            (fuzz.ratio(na[i].lower(), nb[j].lower()) / 100, i, j)
            for i in rest_a
            for j in rest_b
            if fuzz.ratio(na[i].lower(), nb[j].lower()) >= MODIFIED_MIN * 100
        ),
        reverse=True,
    )
    for score, i, j in candidates:
        if i in used_a or j in used_b or not related(old[i], new[j], score):
            continue
        found.modified.append((i, j, round(score, 4)))
        used_a.add(i)
        used_b.add(j)
    found.removed = [i for i in range(len(old)) if i not in used_a]
    found.added = [j for j in range(len(new)) if j not in used_b]
    found.modified.sort()
    return found


def _variants(sentence: str) -> list[str]:
    """A sentence, the same with curly quotes and doubled spaces (equal once normalized), and
    lightly edited (a near match)."""
    words = sentence.split()
    edited = " ".join([*words[:3], "substantially", *words[4:]])
    return [sentence, sentence.replace("'", "’").replace(" ", "  ", 1), edited]


_POOL = [v for s in SEED_SENTENCES for v in _variants(s)]


@given(
    old=st.lists(st.sampled_from(_POOL), max_size=14),
    new=st.lists(st.sampled_from(_POOL), max_size=14),
)
def test_alignment_is_the_sentence_by_sentence_definition(old: list[str], new: list[str]) -> None:
    expected = _plain_align(old, new)
    assert align(old, new) == expected
    normal = [normalized_sentence(s) for s in old], [normalized_sentence(s) for s in new]
    assert align(old, new, normal) == expected


def _plain_redline(old: str, new: str) -> list[tuple[RedlineOp, str]]:
    """Runs token by token: each token appended to the last run when of its kind (the
    definition the run-wise code keeps)."""
    a, b = re.findall(r"\s*\S+\s*", old), re.findall(r"\s*\S+\s*", new)
    runs: list[tuple[RedlineOp, str]] = []

    def put(op: RedlineOp, tokens: list[str]) -> None:
        for token in tokens:
            if runs and runs[-1][0] is op:
                runs[-1] = (op, runs[-1][1] + token)
            else:
                runs.append((op, token))

    deleted: list[str] = []
    inserted: list[str] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            put(RedlineOp.DELETE, deleted)
            put(RedlineOp.INSERT, inserted)
            deleted, inserted = [], []
            put(RedlineOp.EQUAL, a[op.src_start : op.src_end])
        elif op.tag == "delete":
            deleted += a[op.src_start : op.src_end]
        else:
            inserted += b[op.dest_start : op.dest_end]
    put(RedlineOp.DELETE, deleted)
    put(RedlineOp.INSERT, inserted)
    return runs


_TOKEN = st.sampled_from(["the", "attack", "killed", "12", "people,", "in", "Mali.", "’s"])
_SPACE = st.sampled_from([" ", "  ", "\n", ""])


@given(
    old=st.lists(st.tuples(_SPACE, _TOKEN), max_size=12),
    new=st.lists(st.tuples(_SPACE, _TOKEN), max_size=12),
)
def test_redline_runs_are_the_token_by_token_definition(
    old: list[tuple[str, str]], new: list[tuple[str, str]]
) -> None:
    a, b = "".join(s + t for s, t in old), "".join(s + t for s, t in new)
    assert redline_runs(a, b) == _plain_redline(a, b)
