"""Section by section: similarity measures and the sentence alignment, with moves across
sections."""

from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

from pydantic import TypeAdapter
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from crtdiff.compare.align import NEARLY_VERBATIM, align, related
from crtdiff.compare.redline import is_cosmetic, redline_runs
from crtdiff.compare.similarity import WordBag, bag_cosine, bag_jaccard, clamp, edit, simple
from crtdiff.compare.words import joined_words, normalized_sentence
from crtdiff.schemas import CountryReport, Section
from crtdiff.schemas.diff import (
    MovedSentence,
    SectionDiff,
    SentenceAlignment,
    SentenceRef,
)

MOVED_MIN = 0.8
"""Least similarity for a sentence found in another section to count as moved."""


_REFS = TypeAdapter(tuple[SentenceRef, ...])
_TEXT, _START, _END = attrgetter("text"), attrgetter("start"), attrgetter("end")


class SectionSpans(NamedTuple):
    """A section's sentences as a comparison uses them: their texts, their normal forms
    (normalized_sentence), and their refs in a diff."""

    texts: tuple[str, ...]
    normal: tuple[str, ...]
    refs: tuple[SentenceRef, ...]


_NO_SPANS = SectionSpans((), (), ())


def section_spans(section: Section | None) -> SectionSpans:
    """A section's sentence texts and refs, in order (made once for the comparisons with the
    year before and the year after: the refs of equal spans are equal)."""
    if section is None:
        return _NO_SPANS
    sentences = section.sentences
    texts = tuple(map(_TEXT, sentences))
    return _spans(texts, tuple(map(_START, sentences)), tuple(map(_END, sentences)))


@lru_cache(maxsize=64)
def _spans(texts: tuple[str, ...], starts: tuple[int, ...], ends: tuple[int, ...]) -> SectionSpans:
    # Validated in one pydantic-core call, several times faster than model by model. Shared by
    # the diffs of both comparisons, so SentenceRef is frozen.
    spans = zip(texts, starts, ends, strict=True)
    refs = _REFS.validate_python([{"text": t, "start": s, "end": e} for t, s, e in spans])
    return SectionSpans(texts, tuple(map(normalized_sentence, texts)), refs)


@dataclass
class _Loose:
    section: str
    sentence: SentenceRef


def _modified(old: SentenceRef, new: SentenceRef, score: float) -> dict[str, Any]:
    return {
        "old": old,
        "new": new,
        "similarity": score,
        "redline": [{"op": op, "text": text} for op, text in redline_runs(old.text, new.text)],
        "is_cosmetic": is_cosmetic(old.text, new.text),
    }


def _section_alignment(old: SectionSpans, new: SectionSpans) -> SentenceAlignment:
    a, b = old.refs, new.refs
    found = align(old.texts, new.texts, (old.normal, new.normal))
    # Plain dicts of refs validated in one call: pydantic-core builds the nested models several
    # times faster than Python one by one (this runs per sentence), and takes a ref as it is.
    return SentenceAlignment.model_validate(
        {
            "unchanged": [{"old": a[i], "new": b[j]} for i, j in found.unchanged],
            "modified": [_modified(a[i], b[j], score) for i, j, score in found.modified],
            "removed": [a[i] for i in found.removed],
            "added": [b[j] for j in found.added],
        }
    )


def _measures(
    old: Section | None, new: Section | None, old_spans: SectionSpans, new_spans: SectionSpans
) -> dict[str, float | None]:
    if old is None or new is None:
        return dict.fromkeys(("cosine", "jaccard", "edit", "simple"), None)
    a, b = _bag(old.text, old_spans.texts), _bag(new.text, new_spans.texts)
    return {
        "cosine": clamp(bag_cosine(a, b)),
        "jaccard": clamp(bag_jaccard(a, b)),
        "edit": clamp(edit(a.words, b.words)),
        "simple": clamp(simple(a.words, b.words)),
    }


@lru_cache(maxsize=256)
def _bag(text: str, sentences: tuple[str, ...]) -> WordBag:
    # A section is measured against the year before and the year after: count its words once.
    return WordBag.of(joined_words(text, sentences))


def _find_moves(diffs: dict[str, SectionDiff]) -> None:
    """Turn a removed sentence of one section and an added one of another into a move."""
    # A section's removed and added refs carry the text and offsets of their sentences.
    removed = [_Loose(k, r) for k, d in diffs.items() for r in d.sentences.removed]
    added = [_Loose(k, r) for k, d in diffs.items() for r in d.sentences.added]
    if not removed or not added:
        return
    scores = cdist(
        [normalized_sentence(x.sentence.text).lower() for x in removed],
        [normalized_sentence(x.sentence.text).lower() for x in added],
        scorer=fuzz.ratio,
    ).tolist()  # Python floats: a comparison per cell is several times cheaper than numpy's
    taken: set[int] = set()
    least = MOVED_MIN * 100
    for i, gone in enumerate(removed):
        # The score first: most cells fall short of it.
        ranked = sorted(
            (score / 100, j)
            for j, score in enumerate(scores[i])
            if score >= least and j not in taken and added[j].section != gone.section
        )
        match = next(
            (
                (score, j)
                for score, j in reversed(ranked)
                if related(gone.sentence.text, added[j].sentence.text, score, MOVED_MIN)
            ),
            None,
        )
        if match is None:
            continue
        _, j = match
        taken.add(j)
        came = added[j]
        exact = normalized_sentence(gone.sentence.text) == normalized_sentence(came.sentence.text)
        move = MovedSentence.model_validate(
            {
                "old": gone.sentence,
                "new": came.sentence,
                "from_section": gone.section,
                "to_section": came.section,
                "is_modified": not exact,
            }
        )
        source, target = diffs[gone.section].sentences, diffs[came.section].sentences
        source.removed = [r for r in source.removed if r.start != gone.sentence.start]
        target.added = [r for r in target.added if r.start != came.sentence.start]
        source.moved_out.append(move)
        target.moved_in.append(move)


def _recycled(alignment: SentenceAlignment) -> int:
    nearly = sum(1 for m in alignment.modified if m.similarity >= NEARLY_VERBATIM)
    moved = sum(1 for m in alignment.moved_in if not m.is_modified)
    return len(alignment.unchanged) + nearly + moved


def compare_sections(
    old: CountryReport, new: CountryReport
) -> tuple[list[SectionDiff], float | None]:
    """Per-section diffs in the order sections appear (old first), and the overall recycled
    share of the new chapter's sentences."""
    keys = [s.key for s in old.sections] + [
        s.key for s in new.sections if old.section(s.key) is None
    ]
    diffs: dict[str, SectionDiff] = {}
    for key in keys:
        a, b = old.section(key), new.section(key)
        spans_a, spans_b = section_spans(a), section_spans(b)
        diffs[key] = SectionDiff(
            key=key,
            old_heading=a.heading if a else None,
            new_heading=b.heading if b else None,
            sentences=_section_alignment(spans_a, spans_b),
            **_measures(a, b, spans_a, spans_b),
        )
    _find_moves(diffs)
    total = 0
    recycled = 0
    for key, diff in diffs.items():
        new_section = new.section(key)
        count = len(new_section.sentences) if new_section else 0
        share = _recycled(diff.sentences)
        total += count
        recycled += share
        if old.section(key) is not None and new_section is not None:
            diff.recycled_share = clamp(share / count) if count else 1.0
    return list(diffs.values()), (clamp(recycled / total) if total else None)
