"""Word tokens with offsets, in two forms: as written and folded for matching."""

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import overload

from crtdiff.text.normalize import strip_accents
from crtdiff.text.pieces import pieces

# Words keep inner apostrophes (Qa’ida) and split on hyphens (al-Qa’ida → al, Qa’ida).
# The possessive `*+` matches as the greedy `*` does here (nothing follows it), a fifth faster.
_WORD = re.compile(r"[^\W_]+(?:['’‘`ʼ][^\W_]+)*+")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_APOSTROPHES = re.compile(r"['’‘`ʼ]")
# A token that is not plain ASCII letters and digits holds one of these: only those tokens need
# more than lower-casing (a range, three times faster to scan for than the negated ASCII class).
_UNPLAIN = re.compile(r"['`\x80-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a text as four parallel lists (one object per word made tokenizing, a hot
    path, three times slower)."""

    raw: list[str]
    """As written, apostrophes straightened."""
    folded: list[str]
    """Lower case, no accents, no apostrophes."""
    start: Sequence[int]
    end: Sequence[int]

    def __len__(self) -> int:
        return len(self.raw)


class PieceOffsets(Sequence[int]):
    """The offsets of a text's tokens read piece by piece, each piece's own offsets shifted
    by where the piece starts when one is asked for: a body's tokens are many, and few of
    their offsets are ever read."""

    def __init__(self) -> None:
        self._firsts: list[int] = []
        self._shifts: list[int] = []
        self._parts: list[Sequence[int]] = []
        self._size = 0

    @classmethod
    def joined(
        cls, firsts: list[int], shifts: list[int], parts: list[Sequence[int]], size: int
    ) -> "PieceOffsets":
        """The offsets of pieces gathered by the caller: piece k's own offsets `parts[k]`,
        shifted by `shifts[k]`, are tokens `firsts[k]` on (`size` in all). A body's starts and
        ends share their firsts and shifts: gathered once for both, as `add` would twice."""
        out = cls()
        # Copied: a body's starts and ends are made of the same lists, and `add` appends.
        out._firsts, out._shifts, out._parts, out._size = list(firsts), list(shifts), parts, size
        return out

    def add(self, shift: int, offsets: Sequence[int]) -> None:
        """Append the offsets of the next piece's tokens (`shift`: where the piece starts)."""
        self._firsts.append(self._size)
        self._shifts.append(shift)
        self._parts.append(offsets)
        self._size += len(offsets)

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError(index)
        part = bisect_right(self._firsts, index) - 1
        return self._shifts[part] + self._parts[part][index - self._firsts[part]]


def fold_word(word: str) -> str:
    """The matching form of one word."""
    if word.isalnum() and word.isascii():
        return word.lower()
    return _APOSTROPHES.sub("", strip_accents(word).lower())


def tokenize(text: str) -> Tokens:
    """All word tokens of a text, with their offsets."""
    # Split on the words: gaps and words alternate, and their running lengths are the offsets
    # (no match object per word).
    parts = _WORD_SPLIT.split(text)
    raw = parts[1::2]
    offsets = list(accumulate(map(len, parts)))
    start = offsets[0:-1:2]
    end = offsets[1::2]
    folded = list(map(str.lower, raw))
    last = -1
    for char in _UNPLAIN.finditer(text):
        i = bisect_right(start, char.start()) - 1
        if i == last or i < 0 or char.start() >= end[i]:
            continue  # a token already redone, or a character between tokens (a curly quote)
        last = i
        word = raw[i]
        written = _APOSTROPHES.sub("'", word)
        if written.endswith("'s") and len(written) > 3:
            # "AQIM’s leadership": the name is AQIM, the possessive is no part of it.
            written, word, end[i] = written[:-2], word[:-2], end[i] - 2
        raw[i], folded[i] = written, fold_word(word)
    return Tokens(raw, folded, start, end)


_tokens_of = lru_cache(maxsize=4096)(tokenize)
"""Tokens of one sentence (or what stands between two), kept per process: most sentences
carry over from year to year (never changed: the lists are copied out)."""


def tokenize_pieces(text: str, spans: Sequence[tuple[int, int]]) -> Tokens:
    """The tokens of `text`, exactly as `tokenize` gives them, read piece by piece
    (text/pieces.py): each sentence, and each stretch between sentences, through a per-process
    cache; the whole text at once when the spans could cut a word."""
    found = pieces(text, spans)
    if found is None:
        return tokenize(text)
    raw: list[str] = []
    folded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in found:
        piece = _tokens_of(text[start:end])
        raw += piece.raw
        folded += piece.folded
        starts += map(start.__add__, piece.start)
        ends += map(start.__add__, piece.end)
    return Tokens(raw, folded, starts, ends)


def words(text: str) -> list[str]:
    """The words of a written form, as written (for building patterns), a possessive 's
    left out as tokenize leaves it out."""
    out = []
    for m in _WORD.finditer(text):
        word = _APOSTROPHES.sub("'", m.group())
        out.append(word[:-2] if word.endswith("'s") and len(word) > 3 else word)
    return out
