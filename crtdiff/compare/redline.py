"""Word-level redlines and the test for cosmetic-only edits."""

import re

from rapidfuzz.distance import Indel

from crtdiff.compare.words import content_words
from crtdiff.schemas.diff import RedlineOp, RedlinePart

_TOKENS = re.compile(r"\s*\S+\s*")


def redline_runs(old: str, new: str) -> list[tuple[RedlineOp, str]]:
    """Runs of words kept, deleted and inserted, whitespace kept with its words, as plain
    tuples (a comparison validates them with the rest of its sentences, in one call)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    runs: list[tuple[RedlineOp, str]] = []

    def emit(op: RedlineOp, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] is op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        emit(RedlineOp.DELETE, "".join(deleted))
        emit(RedlineOp.INSERT, "".join(inserted))
        deleted.clear()
        inserted.clear()

    # Indel (insertions and deletions only) is the word-level LCS; a replacement shows as the
    # words deleted, then the words inserted.
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            flush()
            emit(RedlineOp.EQUAL, "".join(a[op.src_start : op.src_end]))
        elif op.tag == "delete":
            deleted.extend(a[op.src_start : op.src_end])
        else:
            inserted.extend(b[op.dest_start : op.dest_end])
    flush()
    return runs


def redline(old: str, new: str) -> list[RedlinePart]:
    """Runs of words kept, deleted and inserted, whitespace kept with its words."""
    return [RedlinePart.model_construct(op=op, text=text) for op, text in redline_runs(old, new)]


def is_cosmetic(old: str, new: str) -> bool:
    """True when the two sentences differ only in punctuation, quotes, spacing or dates."""
    return content_words(old) == content_words(new)
