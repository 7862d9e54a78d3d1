"""A chapter laid out for reading: its body as HTML lines (paragraphs, headings, bullets in
lists), every sentence in a span anchored at its offset, and the contents of its headings."""

from dataclasses import dataclass

from markupsafe import Markup

from crtdiff.ingest.assemble import BULLET_PREFIX
from crtdiff.reports.fragments import escape_text
from crtdiff.schemas import CountryReport


@dataclass(frozen=True)
class ChapterBody:
    """A chapter's body as HTML, and its contents: each heading label's anchor and label."""

    html: Markup
    contents: list[tuple[str, str]]


def _opening(raw: str, start: int, body: str, headings: list[str]) -> tuple[str, str | None, int]:
    """A line's kind (`li`, `p` or `heading`) and label, and where its text after the bullet or
    label starts."""
    if raw.startswith(BULLET_PREFIX):
        return "li", None, start + len(BULLET_PREFIX)
    for heading in headings:
        if raw.startswith(heading):
            label_end = start + len(heading)
            if body[label_end : label_end + 1] == ":":
                label_end += 1
            label = body[start:label_end]
            kind = "heading" if raw.strip() == label.strip() else "p"
            return kind, label, label_end
    return "p", None, start


def _plain(text: str) -> str:
    # Between two sentences there is mostly a space alone: whitespace has nothing to escape.
    return text if text.isspace() else escape_text(text)


def body_html(body: str, spans: list[tuple[int, int]], headings: list[str]) -> ChapterBody:
    """`body` cut into lines, each holding its sentences (`spans`, sorted (start, end) offsets)
    as anchored spans; a line opening with one of `headings` gets a `part-N` anchor (N: the
    line's number among the non-blank lines) and a label, and bullets are gathered in lists.

    Written straight as HTML, one piece per sentence and per text between sentences (a chapter
    has hundreds of each: an object per piece cost as much again as the page's escaping)."""
    out: list[str] = []
    contents: list[tuple[str, str]] = []
    position = cursor = number = 0
    count = len(spans)
    in_list = False
    for raw in body.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        if not raw.strip():
            continue
        kind, label, at = _opening(raw, start, body, headings)
        tag = "li" if kind == "li" else "p"
        if in_list != (tag == "li"):
            out.append("<ul>" if tag == "li" else "</ul>")
            in_list = tag == "li"
        if label:
            contents.append((f"#part-{number}", label.rstrip(": ")))
            out.append(
                f'<{tag} id="part-{number}"><span class="heading-label">{escape_text(label)}'
                "</span> "
            )
        else:
            out.append(f"<{tag}>")
        number += 1
        while cursor < count and spans[cursor][1] <= at:
            cursor += 1
        while cursor < count:
            s, e = spans[cursor]
            if s >= end:
                break
            if s > at:
                out.append(_plain(body[at:s]))
            out.append(f'<span class="sentence" id="s{s}">{escape_text(body[s:e])}</span>')
            at = e
            cursor += 1
        if at < end:
            out.append(_plain(body[at:end]))
        out.append(f"</{tag}>\n")
    if in_list:
        out.append("</ul>")
    return ChapterBody(Markup("".join(out)), contents)


def chapter_body(report: CountryReport) -> ChapterBody:
    """A report's body as HTML, every sentence anchored (#s<offset>) for evidence links."""
    spans = sorted((s.start, s.end) for section in report.sections for s in section.sentences)
    return body_html(report.body, spans, [s.heading for s in report.sections if s.heading])
