"""Word tokens with offsets, in two forms: as written and folded for matching."""

import re
from dataclasses import dataclass

from crtdiff.text.normalize import strip_accents

# Words keep inner apostrophes (Qa’ida) and split on hyphens (al-Qa’ida → al, Qa’ida).
_WORD = re.compile(r"[^\W_]+(?:['’‘`ʼ][^\W_]+)*")
_APOSTROPHES = re.compile(r"['’‘`ʼ]")


@dataclass(slots=True)
class Token:
    """One word of the body (not frozen: a frozen dataclass costs twice as much to build, and
    tokenizing is a hot path)."""

    raw: str
    """As written, apostrophes straightened."""
    folded: str
    """Lower case, no accents, no apostrophes."""
    start: int
    end: int


def fold_word(word: str) -> str:
    """The matching form of one word."""
    if word.isalnum() and word.isascii():
        return word.lower()
    return _APOSTROPHES.sub("", strip_accents(word).lower())


def tokenize(text: str) -> list[Token]:
    """All word tokens of a text, with their offsets."""
    tokens = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii() and word.isalnum():
            tokens.append(Token(word, word.lower(), m.start(), m.end()))
        else:
            raw = _APOSTROPHES.sub("'", word)
            end = m.end()
            if raw.endswith("'s") and len(raw) > 3:
                # "AQIM’s leadership": the name is AQIM, the possessive is no part of it.
                raw, word, end = raw[:-2], word[:-2], end - 2
            tokens.append(Token(raw, fold_word(word), m.start(), end))
    return tokens


def words(text: str) -> list[str]:
    """The words of a written form, as written (for building patterns), a possessive 's
    left out as tokenize leaves it out."""
    out = []
    for m in _WORD.finditer(text):
        word = _APOSTROPHES.sub("'", m.group())
        out.append(word[:-2] if word.endswith("'s") and len(word) > 3 else word)
    return out
