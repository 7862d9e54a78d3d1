"""Strip page furniture lines around and inside the chapter body, for any host."""

import re
from dataclasses import dataclass, field

from crtdiff.ingest.blocks import Block, BlockKind
from crtdiff.ingest.text_blocks import ends_clause
from crtdiff.reference.furniture import Furniture
from crtdiff.reference.headings import HeadingVariant, match_heading

_SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
_TITLE_LIKE_MAX = 120


@dataclass(frozen=True)
class Trimmed:
    """The body blocks, and the furniture lines that stood before them (titles live there)."""

    blocks: list[Block]
    header_lines: list[str]
    removed: int
    dropped: list[str] = field(default_factory=list)
    """Furniture lines dropped from inside the text (running headers carry the report's year)."""


@dataclass(frozen=True)
class CleanText:
    """Plain text without its furniture lines, and the lines dropped."""

    text: str
    dropped: list[str]


def drop_furniture_lines(text: str, furniture: Furniture) -> CleanText:
    """Drop `anywhere` furniture lines from plain text before its lines are joined.

    In text taken from a PDF or a flip-book a page break puts a running header and a page
    number inside a paragraph, often inside a sentence; the sentence is joined again across the
    dropped lines (and the blank lines around them) when it was left unfinished.
    """
    lines = text.split("\n")
    out: list[str] = []
    dropped: list[str] = []
    pending_blank = False
    in_break = False
    for line in lines:
        stripped = " ".join(line.split())
        if stripped and furniture.anywhere.match(stripped):
            dropped.append(stripped)
            in_break = True
            continue
        if not stripped:
            pending_blank = True
            continue
        if pending_blank:
            previous = next((o for o in reversed(out) if o.strip()), "")
            unfinished = in_break and previous and not ends_clause(previous)
            if not unfinished:
                out.append("")
        pending_blank = False
        in_break = False
        out.append(line)
    return CleanText("\n".join(out), dropped)


def _opens_body(block: Block, variants: tuple[HeadingVariant, ...]) -> bool:
    label = block.text.split(":", 1)[0] if ":" in block.text else block.text
    if match_heading(label, variants) is not None:
        return True
    if block.kind is BlockKind.BULLET:
        return True
    return len(block.text) > _TITLE_LIKE_MAX or bool(_SENTENCE_END.search(block.text))


def strip_furniture(
    blocks: list[Block], furniture: Furniture, variants: tuple[HeadingVariant, ...]
) -> Trimmed:
    """Drop furniture: leading title/navigation lines, trailing sign-up blocks, stray lines.

    Rows of every host apply (a text copy of a state.gov page has state.gov furniture
    whatever host served it); leading lines are the short non-sentence lines before the first
    heading or sentence, which is where mirrors put titles, bureaus and document metadata.
    """
    kept: list[Block] = []
    dropped: list[str] = []
    for block in blocks:
        if furniture.anywhere.match(block.text):
            dropped.append(block.text)
        else:
            kept.append(block)
    removed = len(dropped)

    header: list[str] = []
    start = 0
    while start < len(kept):
        block = kept[start]
        if furniture.leading.match(block.text) or not _opens_body(block, variants):
            header.append(block.text)
            start += 1
            continue
        break
    body = kept[start:]
    for index, block in enumerate(body):
        if index > 0 and furniture.trailing.match(block.text):
            removed += len(body) - index
            body = body[:index]
            break
    return Trimmed(body, header, removed + start, dropped)
