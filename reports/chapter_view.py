"""A chapter laid out for reading: lines of plain text and anchored sentences."""

from dataclasses import dataclass, field
from typing import NamedTuple

from crtdiff.ingest.assemble import BULLET_PREFIX
from crtdiff.schemas import CountryReport


class Segment(NamedTuple):
    """A run of text; `anchor` is the sentence's start offset when it is a sentence."""

    # A named tuple, not a frozen dataclass: a chapter has hundreds and a frozen dataclass is
    # several times slower to make.

    text: str
    anchor: int | None = None


@dataclass
class Line:
    """A paragraph, bullet or heading line of the body."""

    kind: str
    """`p`, `li` or `heading`."""
    label: str | None = None
    """An inline heading label opening the line ("Overview:")."""
    segments: list[Segment] = field(default_factory=list)


def chapter_lines(report: CountryReport) -> list[Line]:
    """The body cut into lines, each holding its sentences as anchored segments."""
    spans = sorted((s.start, s.end) for section in report.sections for s in section.sentences)
    headings = [s.heading for s in report.sections if s.heading]
    lines: list[Line] = []
    position = 0
    cursor = 0
    for raw in report.body.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        if not raw.strip():
            continue
        line = Line(kind="p")
        at = start
        if raw.startswith(BULLET_PREFIX):
            line.kind, at = "li", start + len(BULLET_PREFIX)
        else:
            for heading in headings:
                if raw.startswith(heading):
                    label_end = start + len(heading)
                    if report.body[label_end : label_end + 1] == ":":
                        label_end += 1
                    line.label = report.body[start:label_end]
                    at = label_end
                    if raw.strip() == line.label.strip():
                        line.kind = "heading"
                    break
        while cursor < len(spans) and spans[cursor][1] <= at:
            cursor += 1
        while cursor < len(spans) and spans[cursor][0] < end:
            s, e = spans[cursor]
            if s > at:
                line.segments.append(Segment(report.body[at:s]))
            line.segments.append(Segment(report.body[s:e], anchor=s))
            at = e
            cursor += 1
        if at < end:
            line.segments.append(Segment(report.body[at:end]))
        lines.append(line)
    return lines
