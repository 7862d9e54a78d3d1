"""Blocks: the host-independent shape of a chapter before sectioning."""

import re
from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block of chapter text is."""

    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    HEADING = "heading"
    """A heading element or a heading-only line (no text after it)."""


@dataclass(frozen=True)
class Block:
    """A paragraph, bullet or heading, its text whitespace-collapsed."""

    kind: BlockKind
    text: str
    bold_lead: str | None = None
    """Text of a bold run opening the paragraph in HTML ("Overview:"), a strong heading hint."""
    level: int | None = None
    """Heading level for heading elements (h1 = 1)."""


BULLET_GLYPHS = "•●▪◦·‣∙*-–—o"
# A line that opens with a bullet glyph followed by a space; "o" only as a lone glyph.
_BULLET_LINE = re.compile(r"^\s*(?:[•●▪◦·‣∙*]|[-–—](?=\s)|o(?=\s{2,}|\t))\s*")
# Two bullets run together on one line ("... in Gao. • On March 21, ...").
_RUN_TOGETHER = re.compile(r"\s+[•●▪◦‣∙]\s+")
_SPACES = re.compile(r"[ \t]{2,}|\t")  # runs only: rewriting each single space is slow


def collapse_spaces(text: str) -> str:
    """One space between words, none at the ends."""
    if "\t" not in text and "  " not in text:
        return text.strip()  # nothing to collapse: most lines (`re` would scan every space)
    return _SPACES.sub(" ", text).strip()


def bullet_body(line: str) -> str | None:
    """The text of a bullet line without its glyph, or None when the line is not a bullet."""
    match = _BULLET_LINE.match(line)
    if match is None:
        return None
    return line[match.end() :]


def split_run_together(text: str) -> list[str]:
    """Split a bullet line holding several bullets into one text per bullet."""
    return [part for part in _RUN_TOGETHER.split(text) if part.strip()]
