"""Names found sentence by sentence: the exact matcher's hits and the capitalised runs left
for the similarity matcher, read per sentence (and per stretch between two) through a
per-process cache, as most sentences carry over from year to year.

The body-level reading (`NameMatcher.find` and `capitalised_runs` over all of a body's tokens)
is the definition; this one gives the same, or nothing (and the body is read at once):
- the pieces (text/pieces.py) hold between them every token of the body, in order, none cut;
- a hit never crosses from one piece into the next: the scan stops when a piece's last words
  begin a form that the next piece's first word goes on with (`NameMatcher.next_words`):
  "... joined the Islamic." "State fighters ..." reads as Islamic State at body level; and
  hits that stay within their pieces leave the next piece's scan where a scan of it alone
  starts;
- a capitalised run crosses from one piece into the next only where the gap between a piece's
  last word and the next one's first holds nothing but what a run may cross (`joins_runs`):
  where a gap does, the runs are read over the body's tokens."""

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from crtdiff.reference.fuzzy_names import RUN_GAP, capitalised_runs, joins_runs
from crtdiff.reference.names import NameHit, NameMatcher
from crtdiff.reference.state_forces import FORCE_PREFIX
from crtdiff.text.pieces import pieces
from crtdiff.text.tokens import PieceOffsets, Tokens, tokenize


class _PieceNames(NamedTuple):
    """What one piece's text alone gives: its tokens, hits and runs, offsets its own."""

    tokens: Tokens
    hits: tuple[NameHit, ...]
    runs: tuple[tuple[int, int], ...]
    next_words: tuple[frozenset[str], frozenset[str]]
    """Words that, opening the next piece, would carry on a form this one's last words begin."""
    open_head: bool
    """Only what a capitalised run may cross stands before the first word."""
    open_tail: bool
    """Only what a capitalised run may cross stands after the last word."""


@lru_cache(maxsize=4096)
def _piece_names(matcher: NameMatcher, text: str) -> _PieceNames:
    tokens = tokenize(text)
    hits = matcher.find(tokens)
    # State forces are set aside before the similarity matcher runs: their words are left.
    taken = {
        i
        for h in hits
        if not h.entry_id.startswith(FORCE_PREFIX)
        for i in range(h.first_token, h.last_token + 1)
    }
    runs = capitalised_runs(text, tokens, taken)
    head = text[: tokens.start[0]] if tokens.raw else text
    tail = text[tokens.end[-1] :] if tokens.raw else text
    return _PieceNames(
        tokens,
        tuple(hits),
        tuple(runs),
        matcher.next_words(tokens),
        not head.strip(RUN_GAP),
        not tail.strip(RUN_GAP),
    )


class BodyNames(NamedTuple):
    """A body's tokens, the matcher's hits in it and the capitalised runs around them (None
    when they must be read over the whole body)."""

    tokens: Tokens
    hits: list[NameHit]
    runs: list[tuple[int, int]] | None


def names_by_piece(
    body: str, spans: Sequence[tuple[int, int]], matcher: NameMatcher
) -> BodyNames | None:
    """`matcher.find` over the tokens of `body`, and the capitalised runs those hits leave,
    read piece by piece (`spans`: the body's sentences, in order); None when a name could
    cross from one piece into the next (the body must be read at once)."""
    found = pieces(body, spans)
    if found is None:
        return None
    raw: list[str] = []
    folded: list[str] = []
    firsts: list[int] = []
    shifts: list[int] = []
    starts: list[Sequence[int]] = []
    ends: list[Sequence[int]] = []
    hits: list[NameHit] = []
    runs: list[tuple[int, int]] = []
    may_join: list[int] = []
    """First tokens of pieces that a capitalised run could reach from the piece before."""
    awaited: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    """The words that would carry a form on from the last piece with words."""
    open_tail = False
    for start, end in found:
        piece = _piece_names(matcher, body[start:end])
        words = piece.tokens
        if not words.raw:
            # Only what stands between two words: a run crosses it when all of it may be
            # crossed (the check below then reads the whole gap).
            open_tail = open_tail and piece.open_tail
            continue
        base = len(raw)
        if base:
            if words.raw[0] in awaited[0] or words.folded[0] in awaited[1]:
                return None
            if open_tail and piece.open_head:
                may_join.append(base)
        awaited, open_tail = piece.next_words, piece.open_tail
        raw += words.raw
        folded += words.folded
        firsts.append(base)
        shifts.append(start)
        starts.append(words.start)
        ends.append(words.end)
        if piece.hits:
            hits += [
                NameHit(
                    h.entry_id,
                    h.start + start,
                    h.end + start,
                    h.first_token + base,
                    h.last_token + base,
                )
                for h in piece.hits
            ]
        if piece.runs:
            runs += [(a + base, b + base) for a, b in piece.runs]
    size = len(raw)
    tokens = Tokens(
        raw,
        folded,
        PieceOffsets.joined(firsts, shifts, starts, size),
        PieceOffsets.joined(firsts, shifts, ends, size),
    )
    joined = any(joins_runs(body, tokens, at) for at in may_join)
    return BodyNames(tokens, hits, None if joined else runs)
