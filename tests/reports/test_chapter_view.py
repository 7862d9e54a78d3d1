"""A chapter's body as HTML: lines, headings with their anchors, bullets in lists, every
sentence anchored, all text escaped; written in one pass, exactly as the lines and segments it
was first built from."""

from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from crtdiff.ingest.assemble import BULLET_PREFIX
from crtdiff.reports.chapter_view import body_html, chapter_body
from crtdiff.reports.fragments import escape_text
from crtdiff.schemas import CountryReport

HOSTILE = '<script>alert(1)</script> & "quotes"'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;"


class _Line(NamedTuple):
    tag: str
    label: str | None
    segments: list[tuple[str, int | None]]


def _lines(body: str, spans: list[tuple[int, int]], headings: list[str]) -> list[_Line]:
    """The definition, in two steps as it was first written: the lines and their segments."""
    lines: list[_Line] = []
    position = cursor = 0
    for raw in body.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        if not raw.strip():
            continue
        tag, label, at = "p", None, start
        if raw.startswith(BULLET_PREFIX):
            tag, at = "li", start + len(BULLET_PREFIX)
        else:
            for heading in headings:
                if raw.startswith(heading):
                    at = start + len(heading) + (body[start + len(heading) :].startswith(":"))
                    label = body[start:at]
                    break
        while cursor < len(spans) and spans[cursor][1] <= at:
            cursor += 1
        segments: list[tuple[str, int | None]] = []
        while cursor < len(spans) and spans[cursor][0] < end:
            s, e = spans[cursor]
            if s > at:
                segments.append((body[at:s], None))
            segments.append((body[s:e], s))
            at, cursor = e, cursor + 1
        if at < end:
            segments.append((body[at:end], None))
        lines.append(_Line(tag, label, segments))
    return lines


def _html(lines: list[_Line]) -> str:
    out, in_list = [], False
    for i, line in enumerate(lines):
        if (line.tag == "li") != in_list:
            out.append("<ul>" if line.tag == "li" else "</ul>")
            in_list = line.tag == "li"
        head = f' id="part-{i}"' if line.label else ""
        label = (
            f'<span class="heading-label">{escape_text(line.label)}</span> ' if line.label else ""
        )
        text = "".join(
            escape_text(t)
            if at is None
            else f'<span class="sentence" id="s{at}">{escape_text(t)}</span>'
            for t, at in line.segments
        )
        out.append(f"<{line.tag}{head}>{label}{text}</{line.tag}>\n")
    return "".join(out) + ("</ul>" if in_list else "")


def test_bullets_are_gathered_in_lists_and_headings_anchored() -> None:
    body = f"Overview:\nLegislation: {HOSTILE}\n• First.\n• Second.\n\nAfter.\n• Last."
    starts = [body.index(t) for t in (HOSTILE, "First.", "Second.", "After.", "Last.")]
    spans = [
        (s, s + len(t))
        for s, t in zip(starts, (HOSTILE, "First.", "Second.", "After.", "Last."), strict=True)
    ]
    hostile, first, second, after, last = starts
    got = body_html(body, spans, ["Overview", "Legislation"])
    assert str(got.html) == (
        '<p id="part-0"><span class="heading-label">Overview:</span> </p>\n'
        '<p id="part-1"><span class="heading-label">Legislation:</span>  '
        f'<span class="sentence" id="s{hostile}">{ESCAPED}</span></p>\n'
        f'<ul><li><span class="sentence" id="s{first}">First.</span></li>\n'
        f'<li><span class="sentence" id="s{second}">Second.</span></li>\n'
        f'</ul><p><span class="sentence" id="s{after}">After.</span></p>\n'
        f'<ul><li><span class="sentence" id="s{last}">Last.</span></li>\n</ul>'
    )
    assert got.contents == [("#part-0", "Overview"), ("#part-1", "Legislation")]


_TEXT = st.text(alphabet="ab <>&'\"\t\u00a0:.•", max_size=12)


@st.composite
def _chapters(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], list[str]]:
    """A body of lines (some bullets, some opening with a heading, some blank) and sentences:
    runs of its lines, some at their very start or end, some between texts."""
    headings = draw(st.lists(st.sampled_from(["Overview", "Legislation", "a"]), max_size=2))
    pieces = draw(st.lists(st.tuples(st.sampled_from(["", BULLET_PREFIX, *headings]), _TEXT)))
    body = "\n".join(opening + text for opening, text in pieces)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(body)), max_size=12))))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if "\n" not in body[a:b]]
    return body, spans, headings


@settings(max_examples=500, deadline=None)
@given(_chapters())
def test_the_body_is_its_lines_and_segments(
    chapter: tuple[str, list[tuple[int, int]], list[str]],
) -> None:
    body, spans, headings = chapter
    lines = _lines(body, spans, headings)
    got = body_html(body, spans, headings)
    assert str(got.html) == _html(lines)
    assert got.contents == [
        (f"#part-{i}", line.label.rstrip(": ")) for i, line in enumerate(lines) if line.label
    ]


def test_every_sentence_of_a_report_is_anchored(seed_report: CountryReport) -> None:
    html = str(chapter_body(seed_report).html)
    for section in seed_report.sections:
        for sentence in section.sentences:
            assert f'<span class="sentence" id="s{sentence.start}">' in html
