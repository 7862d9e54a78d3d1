"""Unicode normalisation of chapter text, and folding of names for matching."""

import re
import unicodedata
from functools import lru_cache

# Characters that only change how text looks, never what it says.
_SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v"), " ")
_HYPHEN_LIKE = dict.fromkeys(map(ord, "\u2011\u2010\u00ad"), "-")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_TRANSLATE = {**_SPACE_LIKE, **_HYPHEN_LIKE, **_INVISIBLE}
# A soft hyphen is invisible unless the line breaks there: drop it rather than make it a hyphen.
_TRANSLATE[ord("\u00ad")] = None

_TRANSLATED = "".join(map(chr, _TRANSLATE))
"""Each looked for with `in` (a scan at C speed): three times faster on a chapter than one
character class, which `re` tries at every character."""

_APOSTROPHES = "'’‘`´ʼʹ′"
# Pairs for str.replace: a handful of C-speed scans beat one str.translate with a dict, which
# looks every character up in Python (ten times slower on a chapter).
_FOLD_QUOTES = [(a, "'") for a in _APOSTROPHES[1:]] + [("“", '"'), ("”", '"'), ("„", '"')]
_NON_WORD = re.compile(r"[^\w]+")
_APOSTROPHE_RE = re.compile("[" + re.escape(_APOSTROPHES) + "]")
_HYPHEN_DASH_RE = re.compile(r"[-‐‑‒–—―]")


def normalize_text(text: str) -> str:
    """NFC, one newline convention, plain spaces and hyphens; curly quotes and dashes are kept."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not any(char in text for char in _TRANSLATED):  # the usual case; translate is slow
        return text
    return text.translate(_TRANSLATE)


def fold_quotes(text: str) -> str:
    """Straighten quotes so that ' and ’ compare equal, keeping everything else."""
    if text.isascii():
        return text
    for quote, plain in _FOLD_QUOTES:
        if quote in text:
            text = text.replace(quote, plain)
    return text


def strip_accents(text: str) -> str:
    """Remove combining accents: Côte → Cote."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=16384)  # a run folds the same country and group names thousands of times
def match_key(text: str) -> str:
    """Aggressive fold for name matching: case, accents, apostrophes, hyphens, punctuation."""
    text = strip_accents(text).casefold()
    text = _APOSTROPHE_RE.sub("", text)
    text = _HYPHEN_DASH_RE.sub(" ", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=4096)  # every output path of a country starts with its slug
def slugify(text: str) -> str:
    """Lowercase ASCII slug with hyphens, as state.gov builds its URL slugs."""
    return match_key(text).replace(" ", "-")
