"""Heading labels: inline ("Overview: text"), heading-only lines and heading elements."""

import re
from dataclasses import dataclass

from crtdiff.ingest.blocks import Block, BlockKind

_INLINE = re.compile(r"^(?P<label>[^:.!?\n]{2,100}?)\s*:(?:\s+|$)(?P<rest>.*)$", re.DOTALL)
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "via",
        "vs",
    ]
)
# Inline leads that look like labels but never head a section.
_NOT_HEADINGS = frozenset(
    ["note", "notes", "example", "examples", "source", "sources", "update", "see", "also"]
)
_MAX_HEADING_WORDS = 9
_LINE_END = re.compile(r"[.!?;,\"”’)]$")


@dataclass(frozen=True)
class Label:
    """A heading label found at the start of a block, and the text that follows it."""

    label: str
    rest: str
    rest_offset: int
    """Where `rest` starts inside the block text."""
    explicit: bool
    """True for heading elements and bold leads: the page itself marks it as a heading."""


def is_title_case(label: str) -> bool:
    """True for short Title Case phrases ("Terrorist Safe Haven Assessment")."""
    words = label.split()
    if not 1 <= len(words) <= _MAX_HEADING_WORDS:
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)


def find_label(block: Block) -> Label | None:
    """The heading label opening a block, if it has one."""
    if block.kind is BlockKind.BULLET:
        return None
    if block.kind is BlockKind.HEADING:
        return Label(block.text.rstrip(": "), "", len(block.text), explicit=True)
    # The label's colon is the text's first: a text without one is not tried at every length.
    match = _INLINE.match(block.text) if ":" in block.text else None
    if match is None:
        text = block.text.strip()
        bold_only = bool(block.bold_lead) and (block.bold_lead or "").strip() == text
        heading_line = len(text) <= 80 and not _LINE_END.search(text) and is_title_case(text)
        if bold_only or heading_line:
            return Label(text.rstrip(": "), "", len(block.text), explicit=bold_only)
        return None
    label = match.group("label").strip()
    bold = (block.bold_lead or "").rstrip(": ").strip()
    return Label(label, match.group("rest"), match.start("rest"), explicit=bold == label)


def is_plausible_heading(label: Label) -> bool:
    """Whether an unknown label should start its own section rather than stay as text."""
    words = label.label.split()
    if words and words[0].lower() in _NOT_HEADINGS:
        return False
    if label.explicit:
        return len(words) <= _MAX_HEADING_WORDS
    return is_title_case(label.label)
