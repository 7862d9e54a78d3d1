"""Word-level redlines and the test for cosmetic-only edits."""

import re
from difflib import SequenceMatcher

from crtdiff.compare.words import content_words
from schemas.diff import RedlineOp, RedlinePart

_TOKENS = re.compile(r"\s+|[^\s]+")


def redline(old: str, new: str) -> list[RedlinePart]:
    """Runs of words kept, deleted and inserted, whitespace kept with its words."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts: list[RedlinePart] = []

    def emit(op: RedlineOp, text: str) -> None:
        if not text:
            return
        if parts and parts[-1].op is op:
            parts[-1] = RedlinePart(op=op, text=parts[-1].text + text)
        else:
            parts.append(RedlinePart(op=op, text=text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            emit(RedlineOp.EQUAL, "".join(a[i1:i2]))
        else:
            emit(RedlineOp.DELETE, "".join(a[i1:i2]))
            emit(RedlineOp.INSERT, "".join(b[j1:j2]))
    return parts


def is_cosmetic(old: str, new: str) -> bool:
    """True when the two sentences differ only in punctuation, quotes, spacing or dates."""
    return content_words(old) == content_words(new)
