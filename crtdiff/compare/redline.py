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
    deleted: list[str] = []
    inserted: list[str] = []
    # Indel (insertions and deletions only) is the word-level LCS; a replacement shows as the
    # words deleted, then the words inserted. Every token holds a character, so no run is
    # empty; the edits between two kept runs are written as one run of each kind.
    for op in Indel.opcodes(a, b):
        tag = op.tag
        if tag == "equal":
            if deleted:
                runs.append((RedlineOp.DELETE, "".join(deleted)))
                deleted.clear()
            if inserted:
                runs.append((RedlineOp.INSERT, "".join(inserted)))
                inserted.clear()
            kept = "".join(a[op.src_start : op.src_end])
            if runs and runs[-1][0] is RedlineOp.EQUAL:
                runs[-1] = (RedlineOp.EQUAL, runs[-1][1] + kept)
            else:
                runs.append((RedlineOp.EQUAL, kept))
        elif tag == "delete":
            deleted.extend(a[op.src_start : op.src_end])
        else:
            inserted.extend(b[op.dest_start : op.dest_end])
    if deleted:
        runs.append((RedlineOp.DELETE, "".join(deleted)))
    if inserted:
        runs.append((RedlineOp.INSERT, "".join(inserted)))
    return runs


def redline(old: str, new: str) -> list[RedlinePart]:
    """Runs of words kept, deleted and inserted, whitespace kept with its words."""
    return [RedlinePart.model_construct(op=op, text=text) for op, text in redline_runs(old, new)]


def is_cosmetic(old: str, new: str) -> bool:
    """True when the two sentences differ only in punctuation, quotes, spacing or dates."""
    return content_words(old) == content_words(new)
