"""Blocks to the units of an outline series: a heading of the outline opens its unit, an inner
heading stays in the unit as text, an unknown heading is kept and reported, nothing is dropped."""

import re

from crtdiff.ingest.blocks import Block, BlockKind
from crtdiff.ingest.labels import Label, find_label, is_title_case
from crtdiff.ingest.sections import Piece, SectionPlan
from crtdiff.reference.outline import HeadingMatch, Level, Outline
from crtdiff.schemas import IngestWarning, SectionAssignment
from crtdiff.schemas.sections import BODY_KEY
from crtdiff.text.normalize import slugify

_MAX_HEADING_LINE = 200
_SENTENCE_END = re.compile(r"[.!?;]$")


def heading_text(block: Block, outline: Outline) -> str | None:
    """The block's text when the block is a heading: a heading element, a line the outline knows,
    a bold-only line or a short Title Case line (a bold lead opening a paragraph is text)."""
    if block.kind is BlockKind.BULLET:
        return None
    text = block.text.strip()
    if block.kind is BlockKind.HEADING:
        return text
    if len(text) <= _MAX_HEADING_LINE:
        found = outline.read(text)
        if found.row is not None:
            return text
        if found.letter and is_title_case(found.text) and not _SENTENCE_END.search(text):
            return text  # "h. Transnational Repression": a lettered sub-section the table lacks
    label = find_label(block)
    return text if label is not None and not label.rest else None


class _Planner:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.plan = SectionPlan()
        self.key: str | None = None
        self.waiting: tuple[str, str] | None = None
        """A section heading whose unit opens only if text stands under it before a sub-section."""

    def unknown(self, heading: str, where: str) -> None:
        self.plan.warnings.append(
            IngestWarning(
                code="unknown_heading",
                message=f"heading {heading!r} is not in {self.outline.series}_outline.csv; {where}",
            )
        )

    def open_unit(self, block: Block, key: str, heading: str, lazily: bool = False) -> None:
        label = Label(block.text.rstrip(": "), "", len(block.text), explicit=True)
        self.key = key
        self.waiting = (key, heading) if lazily else None
        if not lazily:
            self.plan.open(key, heading, SectionAssignment.HEADING)
        self.plan.pieces.append(Piece(block, key, label))

    def text(self, block: Block) -> None:
        if self.key is None:
            self.key = BODY_KEY
            self.plan.open(BODY_KEY, None, SectionAssignment.UNSECTIONED)
            self.plan.warnings.append(
                IngestWarning(
                    code="text_before_first_heading",
                    message="text before the first heading is kept in the `body` section",
                )
            )
        if self.waiting is not None:
            self.plan.open(*self.waiting, SectionAssignment.HEADING)
            self.waiting = None
        self.plan.pieces.append(Piece(block, self.key))

    def heading(self, block: Block, heading: str) -> None:
        found: HeadingMatch = self.outline.read(heading)
        shown = heading.rstrip(": ").strip()
        row = found.row
        if row is not None and row.level is not Level.INNER:
            key = self.outline.unit_key(row.key)
            self.open_unit(block, key, shown, lazily=row.level is Level.SECTION)
        elif row is None and (found.letter or found.section is not None):
            key = "other:" + slugify(found.text)
            self.unknown(shown, f"kept as its own unit {key!r}")
            self.open_unit(block, key, shown)
        else:
            if row is None:
                self.unknown(shown, f"kept as text of {self.key or BODY_KEY!r}")
            self.text(block)


def plan_outline(blocks: list[Block], outline: Outline) -> SectionPlan:
    """Assign every block to a unit of the outline."""
    planner = _Planner(outline)
    for block in blocks:
        heading = heading_text(block, outline)
        if heading is None:
            planner.text(block)
        else:
            planner.heading(block, heading)
    return planner.plan
