"""Lay the planned sections out as one body text, with every sentence's offsets into it."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from crtdiff.ingest.blocks import BlockKind
from crtdiff.ingest.sections import SectionPlan
from crtdiff.schemas import Section
from crtdiff.text.sentences import sentence_spans

BULLET_PREFIX = "• "


@dataclass(frozen=True)
class Assembled:
    """The chapter body and its sections."""

    body: str
    sections: list[Section]


def assemble(plan: SectionPlan) -> Assembled:
    """Write the body in document order and cut it into sections and sentences."""
    out: list[str] = []
    position = 0
    texts: dict[str, list[str]] = defaultdict(list)
    sentences: dict[str, list[dict[str, Any]]] = defaultdict(list)
    bullets: dict[str, int] = defaultdict(int)
    previous_kind: BlockKind | None = None
    for piece in plan.pieces:
        kind = piece.block.kind
        if previous_kind is not None:
            separator = "\n" if kind is previous_kind is BlockKind.BULLET else "\n\n"
            out.append(separator)
            position += len(separator)
        previous_kind = kind
        content = piece.content
        if piece.label is not None:
            prefix = piece.block.text[: piece.label.rest_offset]
        else:
            prefix = BULLET_PREFIX if kind is BlockKind.BULLET else ""
        out.append(prefix + content)
        start = position + len(prefix)
        position += len(prefix) + len(content)
        if not content:
            continue
        key = piece.key
        paragraph = len(texts[key])
        bullet = None
        if kind is BlockKind.BULLET:
            bullet = bullets[key]
            bullets[key] += 1
        texts[key].append(content)
        # Plain dicts, validated with their section in one call: pydantic-core builds a list
        # of models several times faster than Python constructs them one by one.
        sentences[key].extend(
            {
                "text": content[s:e],
                "start": start + s,
                "end": start + e,
                "paragraph": paragraph,
                "bullet": bullet,
            }
            for s, e in sentence_spans(content)
        )
    sections = [
        Section.model_validate(
            {
                "key": key,
                "heading": heading,
                "assigned_by": how,
                "text": "\n\n".join(texts[key]),
                "sentences": sentences[key],
            }
        )
        for key, (heading, how) in plan.headings.items()
    ]
    return Assembled("".join(out), sections)
