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


def _opening(raw: str, start: int, body: str, headings: list[str]) -> tuple[Line, int]:
    """A line's kind and label, and where its text after the bullet or label starts."""
    if raw.startswith(BULLET_PREFIX):
        return Line(kind="li"), start + len(BULLET_PREFIX)
    for heading in headings:
        if raw.startswith(heading):
            label_end = start + len(heading)
            if body[label_end : label_end + 1] == ":":
                label_end += 1
            label = body[start:label_end]
            kind = "heading" if raw.strip() == label.strip() else "p"
            return Line(kind=kind, label=label), label_end
    return Line(kind="p"), start


def chapter_lines(report: CountryReport) -> list[Line]:
    """The body cut into lines, each holding its sentences as anchored segments."""
    spans = sorted((s.start, s.end) for section in report.sections for s in section.sentences)
    headings = [s.heading for s in report.sections if s.heading]
    lines: list[Line] = []
    body = report.body
    position = 0
    cursor = 0
    count = len(spans)
    for raw in body.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        if not raw.strip():
            continue
        line, at = _opening(raw, start, body, headings)
        while cursor < count and spans[cursor][1] <= at:
            cursor += 1
        segments = line.segments
        while cursor < count:
            s, e = spans[cursor]
            if s >= end:
                break
            if s > at:
                segments.append(Segment(body[at:s]))
            segments.append(Segment(body[s:e], s))
            at = e
            cursor += 1
        if at < end:
            segments.append(Segment(body[at:end]))
        lines.append(line)
    return lines
