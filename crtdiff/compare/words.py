"""Words for comparison: lower-cased, quotes folded, punctuation dropped."""

import re

from crtdiff.text.normalize import fold_quotes

_WORD = re.compile(r"\w+(?:'\w+)*")
_MONTH_OR_NUMBER = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)?|january|february|march|april|may|june|july|august|september|"
    r"october|november|december)$"
)


def comparable_words(text: str) -> list[str]:
    """The words of a text as comparison sees them."""
    return _WORD.findall(fold_quotes(text).lower())


def normalized_sentence(text: str) -> str:
    """A sentence with quotes folded and spacing collapsed: equal means unchanged."""
    return " ".join(fold_quotes(text).split())


def content_words(text: str) -> list[str]:
    """Words without dates and numbers: equal means only punctuation, spacing or dates moved."""
    return [w for w in comparable_words(text) if not _MONTH_OR_NUMBER.match(w)]
