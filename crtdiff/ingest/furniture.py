"""Strip page furniture lines around and inside the chapter body, for any host."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crtdiff.ingest.blocks import Block, BlockKind
from crtdiff.ingest.hosts.profile import HostProfile
from crtdiff.reference.headings import HeadingVariant, match_heading

_SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
_TITLE_LIKE_MAX = 120


@dataclass(frozen=True)
class Trimmed:
    """The body blocks, and the furniture lines that stood before them (titles live there)."""

    blocks: list[Block]
    header_lines: list[str]
    removed: int


def _matches(text: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    return any(p.match(text) for p in patterns)


def _opens_body(block: Block, variants: tuple[HeadingVariant, ...]) -> bool:
    label = block.text.split(":", 1)[0] if ":" in block.text else block.text
    if match_heading(label, variants) is not None:
        return True
    if block.kind is BlockKind.BULLET:
        return True
    return len(block.text) > _TITLE_LIKE_MAX or bool(_SENTENCE_END.search(block.text))


def strip_furniture(
    blocks: list[Block], hosts: Sequence[HostProfile], variants: tuple[HeadingVariant, ...]
) -> Trimmed:
    """Drop furniture: leading title/navigation lines, trailing sign-up blocks, stray lines.

    Patterns of every host apply (a text copy of a state.gov page has state.gov furniture
    whatever host served it); leading lines are the short non-sentence lines before the first
    heading or sentence, which is where mirrors put titles, bureaus and document metadata.
    """
    anywhere = [p for h in hosts for p in h.anywhere_lines]
    leading = [p for h in hosts for p in h.leading_lines]
    trailing = [p for h in hosts for p in h.trailing_cut]
    kept = [b for b in blocks if not _matches(b.text, anywhere)]
    removed = len(blocks) - len(kept)

    header: list[str] = []
    start = 0
    while start < len(kept):
        block = kept[start]
        if _matches(block.text, leading) or not _opens_body(block, variants):
            header.append(block.text)
            start += 1
            continue
        break
    body = kept[start:]
    for index, block in enumerate(body):
        if index > 0 and _matches(block.text, trailing):
            removed += len(body) - index
            body = body[:index]
            break
    return Trimmed(body, header, removed + start)
