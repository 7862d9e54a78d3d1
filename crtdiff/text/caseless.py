"""Case-insensitive patterns searched as case-sensitive ones in lower-cased text, where that is
exactly the same and several times faster (`re` folds case at every character it tries).

For a pattern whose letters are ASCII, `re.IGNORECASE` matches a letter to its two cases and to
four characters besides (İ and ı for i, ſ for s, the Kelvin sign for k); İ is also the one
character whose lower case is longer. In a text without those four, the lower-cased pattern
matches the lower-cased text exactly where the pattern matches the text.
"""

import re
from dataclasses import dataclass

_DOTTED_I, _DOTLESS_I, _LONG_S, _KELVIN = "\u0130", "\u0131", "\u017f", "\u212a"
"""The characters that fold oddly, each looked for with `in`: a text of Latin-1 characters
answers that at once (none of them can be in it) where a pattern scans the whole text."""
# What lower-casing a pattern would change: a character by name, a group name with a capital,
# inline flags (a case-sensitive part). Escapes (\S, \W, \B ...) are kept as written.
_CASE_BOUND = re.compile(r"\\N|\(\?P[<=][^>)]*[A-Z]|\(\?[A-OQ-Za-z-]")
_KEPT_OR_TEXT = re.compile(r"\\.|\(\?P|[^\\(]+|\(", re.DOTALL)
"""An escape or "(?P" (kept as written), or other text (lower-cased)."""


@dataclass(frozen=True)
class Caseless:
    """A case-insensitive pattern, and the same for lower-cased text (None when the pattern
    does not allow it: non-ASCII letters, or what lower-casing would change)."""

    pattern: re.Pattern[str]
    lowered: re.Pattern[str] | None

    def search(self, text: str, lowered: str | None) -> bool:
        """Whether the pattern occurs in `text`; `lowered` is `lower_plain(text)`."""
        return self.first(text, lowered) is not None

    def first(self, text: str, lowered: str | None, pos: int = 0) -> int | None:
        """Where the pattern first occurs in `text` at or after `pos`, or None (lower-casing
        keeps every offset: the one character that would not is never lower-cased)."""
        if lowered is not None and self.lowered is not None:
            found = self.lowered.search(lowered, pos)
        else:
            found = self.pattern.search(text, pos)
        return None if found is None else found.start()


def caseless(pattern: re.Pattern[str]) -> Caseless:
    """A Caseless of a pattern compiled with re.IGNORECASE (its letters ASCII)."""
    source = pattern.pattern
    letters_ascii = all(c.isascii() for c in source if c.isalpha())
    if not pattern.flags & re.IGNORECASE or not letters_ascii or _CASE_BOUND.search(source):
        return Caseless(pattern, None)
    lowered = "".join(
        part if part[0] == "\\" or part == "(?P" else part.lower()
        for part in _KEPT_OR_TEXT.findall(source)
    )
    return Caseless(pattern, re.compile(lowered, pattern.flags & ~re.IGNORECASE))


def lower_plain(text: str) -> str | None:
    """The text lower-cased, or None when it holds a character that folds oddly."""
    if _DOTTED_I in text or _DOTLESS_I in text or _LONG_S in text or _KELVIN in text:
        return None
    return text.lower()
