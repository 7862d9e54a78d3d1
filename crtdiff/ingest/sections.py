"""Blocks to canonical sections: by heading where the chapter has them, by topic where not."""

import re
from dataclasses import dataclass, field

from crtdiff.ingest.blocks import Block, BlockKind
from crtdiff.ingest.labels import Label, find_label, is_plausible_heading
from crtdiff.reference.headings import HeadingVariant, match_heading
from crtdiff.reference.topics import TopicTerms
from crtdiff.schemas import IngestWarning, SectionAssignment
from crtdiff.schemas.sections import BODY_KEY
from crtdiff.text.normalize import slugify

_DATED_LEAD = re.compile(
    r"^(?:On|In|During|From|Between|At|By|Late|Early|Mid)\b.{0,40}?\b(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b"
)
_MIN_TOPIC_SCORE = 3


@dataclass(frozen=True)
class Piece:
    """A block placed in a section, with the heading label that opens it, if any."""

    block: Block
    key: str
    label: Label | None = None

    @property
    def content(self) -> str:
        """The block's text without its heading label."""
        return self.label.rest if self.label is not None else self.block.text


@dataclass
class SectionPlan:
    """Sections in order of first appearance, and the pieces in document order."""

    headings: dict[str, tuple[str | None, SectionAssignment]] = field(default_factory=dict)
    pieces: list[Piece] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)

    def open(self, key: str, heading: str | None, how: SectionAssignment) -> None:
        """Start (or, for a repeated heading, continue) the section `key`."""
        if key in self.headings and how is SectionAssignment.HEADING:
            self.warnings.append(
                IngestWarning(
                    code="repeated_heading",
                    message=f"heading {heading!r} repeats section {key!r}; text merged into it",
                )
            )
        self.headings.setdefault(key, (heading, how))


def _heading_labels(
    blocks: list[Block], variants: tuple[HeadingVariant, ...]
) -> list[tuple[Label, HeadingVariant | None] | None]:
    found: list[tuple[Label, HeadingVariant | None] | None] = []
    for block in blocks:
        label = find_label(block)
        if label is None:
            found.append(None)
            continue
        variant = match_heading(label.label, variants)
        found.append((label, variant) if variant or is_plausible_heading(label) else None)
    return found


def _by_heading(
    blocks: list[Block], labels: list[tuple[Label, HeadingVariant | None] | None]
) -> SectionPlan:
    plan = SectionPlan()
    key: str | None = None
    for block, found in zip(blocks, labels, strict=True):
        if found is None:
            if key is None:
                key = BODY_KEY
                plan.open(key, None, SectionAssignment.UNSECTIONED)
                plan.warnings.append(
                    IngestWarning(
                        code="text_before_first_heading",
                        message="text before the first heading is kept in the `body` section",
                    )
                )
            plan.pieces.append(Piece(block, key))
            continue
        label, variant = found
        if variant is not None:
            key = variant.key
        else:
            key = "other:" + slugify(label.label)
            plan.warnings.append(
                IngestWarning(
                    code="unknown_heading",
                    message=f"heading {label.label!r} is not in section_headings.csv; "
                    f"kept as its own section {key!r}",
                )
            )
        plan.open(key, label.label, SectionAssignment.HEADING)
        plan.pieces.append(Piece(block, key, label))
    return plan


def _topic_of(index: int, block: Block, topics: TopicTerms) -> str:
    dated = block.kind is BlockKind.BULLET or bool(_DATED_LEAD.match(block.text))
    if index == 0 and not dated:
        return "overview"  # the opening paragraph of every era is the overview
    scores = topics.scores(block.text)
    if dated:
        scores["incidents"] += 2 * _MIN_TOPIC_SCORE
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= _MIN_TOPIC_SCORE and top >= 1.5 * second:
        return best
    return BODY_KEY


def _by_topic(blocks: list[Block], topics: TopicTerms) -> SectionPlan:
    plan = SectionPlan()
    plan.warnings.append(
        IngestWarning(
            code="headless_chapter",
            message="no section headings (2004-2009 style): paragraphs assigned to sections by "
            "topic; unclear ones kept in the `body` section",
        )
    )
    for index, block in enumerate(blocks):
        key = _topic_of(index, block, topics)
        how = SectionAssignment.UNSECTIONED if key == BODY_KEY else SectionAssignment.TOPIC
        plan.open(key, None, how)
        plan.pieces.append(Piece(block, key))
    return plan


def plan_sections(
    blocks: list[Block], variants: tuple[HeadingVariant, ...], topics: TopicTerms
) -> SectionPlan:
    """Assign every block to a section; nothing is dropped, unknown headings are kept."""
    labels = _heading_labels(blocks, variants)
    known = sum(1 for f in labels if f is not None and f[1] is not None)
    unknown = sum(1 for f in labels if f is not None and f[1] is None)
    if known or unknown >= 2:
        return _by_heading(blocks, labels)
    return _by_topic(blocks, topics)
