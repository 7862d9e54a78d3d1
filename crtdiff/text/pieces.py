"""A text read piece by piece, its sentences one at a time: what depends on a sentence's text
alone (its words, its language counts) can then be kept per process, as most sentences carry
over from year to year, and the pieces' results add up to the whole text's."""

from collections.abc import Sequence
from functools import lru_cache


def _cut_at_spaces(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the spans are in order, apart, and each has whitespace (or the text's end) just
    outside it: then no word, and no run of non-space characters, crosses the edge of a span."""
    size = len(text)
    previous = 0
    for start, end in spans:
        if not (previous <= start < end <= size):
            return False
        if not ((start == 0 or text[start - 1].isspace()) and (end == size or text[end].isspace())):
            return False
        previous = end
    return True


def pieces(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """(start, end) of the pieces of `text`, in order: each span (a sentence), and each stretch
    between spans that is not whitespace alone (a label, a bullet glyph). None when the spans
    are not in order and apart with whitespace at each edge: a word could then cross a piece's
    edge, and the text must be read at once."""
    found = _pieces(text, tuple(spans))
    return None if found is None else list(found)


@lru_cache(maxsize=4)
def _pieces(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...] | None:
    # A chapter's body is cut at its sentences twice, for the language check and for its
    # names: the second is the first's (each caller gets its own list).
    if not _cut_at_spaces(text, spans):
        return None
    out: list[tuple[int, int]] = []
    at = 0
    for start, end in [*spans, (len(text), len(text))]:
        if at < start and not text[at:start].isspace():
            out.append((at, start))
        if start < end:
            out.append((start, end))
        at = end
    return tuple(out)
