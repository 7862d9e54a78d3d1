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
            tokens.append(Token(raw, fold_word(word), m.start(), m.end()))
    return tokens


def words(text: str) -> list[str]:
    """The words of a written form, as written (for building patterns)."""
    return [_APOSTROPHES.sub("'", m.group()) for m in _WORD.finditer(text)]
