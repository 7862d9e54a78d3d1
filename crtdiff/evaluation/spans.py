"""Is a legal measure's summary a faithful clause of its sentence?"""

import re

from crtdiff.evaluation.gold import fold_space

_LABEL = re.compile(r"^[A-Z][a-z]+(?: [a-z]+)*(?: \([^()]*\))?: ")
"""A leading label the extractor writes itself ("Law passed (July 30): "): not the sentence's."""

_WORD_JOINERS = frozenset("'’‘-‐‑")
"""Characters that keep a word going: "Mali’s" and "counter-terrorism" are one word each."""


def _inside_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in _WORD_JOINERS)


def is_contiguous_span(summary: str, sentence: str) -> bool:
    """True when `summary` is the sentence or a run of it starting and ending on word boundaries.

    Spacing is folded, a final full stop may be dropped, the first letter may change case and a
    leading label of the kind "Law passed (July 30): " may come first; nothing else: a word
    dropped from inside, or a start or end inside a word, fails.
    """
    whole, folded = fold_space(sentence), fold_space(summary).rstrip(".")
    return any(_is_span(text, whole) for text in (folded, _LABEL.sub("", folded, count=1)))


def _is_span(text: str, whole: str) -> bool:
    if not any(c.isalnum() for c in text):
        return False
    variants = {text, text[:1].swapcase() + text[1:]}
    for variant in variants:
        start = whole.find(variant)
        while start != -1:
            end = start + len(variant)
            if not _inside_word(whole, start - 1) and not _inside_word(whole, end):
                return True
            start = whole.find(variant, start + 1)
    return False
