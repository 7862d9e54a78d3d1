"""Plain text to blocks: paragraphs, bullets, wrapped lines and PDF-style hyphenation."""

import re

from crtdiff.ingest.blocks import Block, BlockKind, bullet_body, collapse_spaces, split_run_together

_TERMINAL_CHARS = frozenset('.!?:;"”’)')
_HYPHENATED = re.compile(r"[a-z]-$")
_MARKUP_BREAK = re.compile(r"(?:<br\s*/?>|</?p>)[ \t]*\n?", re.IGNORECASE)
# In wrapped text (PDF extracts, e-mail copies) a long line is part of a paragraph; a short line
# without final punctuation is a title or heading line.
_WRAP_MIN = 50


def ends_clause(line: str) -> bool:
    r"""Whether the last character of a line but spaces closes a sentence or clause (what
    `[.!?:;"”’)]\s*$` finds, read from the end instead of tried at every position)."""
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] in _TERMINAL_CHARS


def is_wrapped(lines: list[str]) -> bool:
    """True when most long lines break mid-sentence: text wrapped at a fixed width."""
    long_lines = [line for line in lines if len(line) > 40]
    if len(long_lines) < 4:
        return False
    open_ended = sum(1 for line in long_lines if not ends_clause(line))
    lengths = sorted(len(line) for line in long_lines)
    return open_ended / len(long_lines) > 0.5 and lengths[len(lengths) // 2] < 130


def _continues(current: str, line: str, wrapped: bool) -> bool:
    if ends_clause(current):
        return False
    return line[:1].islower() or (wrapped and len(current) >= _WRAP_MIN)


def text_to_blocks(text: str) -> list[Block]:
    """Split normalised plain text into paragraph and bullet blocks.

    Lines are joined into a paragraph only when the first does not end a sentence and either the
    next starts in lower case or the first is long enough to be a wrapped line (PDF text).
    """
    text = _MARKUP_BREAK.sub("\n", text)
    blocks: list[Block] = []
    kind = BlockKind.PARAGRAPH
    parts: list[str] = []

    def flush() -> None:
        nonlocal parts
        joined = collapse_spaces(" ".join(parts).replace("\x00", ""))
        if joined:
            blocks.append(Block(kind, joined))
        parts = []

    raw_lines = [line.strip() for line in text.split("\n")]
    wrapped = is_wrapped(raw_lines)
    for line in raw_lines:
        if not line:
            flush()
            continue
        body = bullet_body(line)
        if body is not None:
            flush()
            *complete, last = split_run_together(body) or [""]
            for item in complete:
                blocks.append(Block(BlockKind.BULLET, collapse_spaces(item)))
            kind, parts = BlockKind.BULLET, [last]
            continue
        if parts and _continues(parts[-1], line, wrapped):
            if _HYPHENATED.search(parts[-1]) and line[:1].islower():
                parts[-1] = parts[-1][:-1] + line  # "coun-" + "try": PDF hyphenation
            else:
                parts.append(line)
            continue
        flush()
        kind, parts = BlockKind.PARAGRAPH, [line]
    flush()
    return blocks
