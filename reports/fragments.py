"""HTML fragments built in Python for the templates' innermost loops (a jinja2 macro call per
sentence costs several times the escaping it wraps). Every text is escaped here."""

from collections.abc import Callable, Iterable
from typing import Protocol

from markupsafe import Markup, escape

from crtdiff.compare.wording import plural
from crtdiff.reports.chapter_view import Segment
from crtdiff.schemas.diff import RedlineOp, RedlinePart

_REDLINE_TAGS = {RedlineOp.DELETE: "del", RedlineOp.INSERT: "ins"}


class _Located(Protocol):
    text: str
    start: int


def sentence_link(ref: _Located, page: str) -> Markup:
    """A sentence as a link to its anchor in its chapter's page (`page`: the page's stem,
    OutputPaths.chapter_stem)."""
    return Markup(f'<a href="{escape(page)}.html#s{int(ref.start)}">{escape(ref.text)}</a>')


def sentence_rows(refs: Iterable[_Located], page: str, before: str, after: str) -> Markup:
    """One line per sentence, each a link to its anchor in the chapter page `page` between
    the template's own `before` and `after` markup (a pair page lists a hundred unchanged
    sentences or more)."""
    return Markup("".join(f"{before}{sentence_link(ref, page)}{after}\n" for ref in refs))


def redline_html(parts: Iterable[RedlinePart]) -> Markup:
    """Word runs kept as text, deleted in `<del>`, inserted in `<ins>`."""
    out = []
    for part in parts:
        tag = _REDLINE_TAGS.get(part.op)
        text = escape(part.text)
        out.append(f"<{tag}>{text}</{tag}>" if tag else str(text))
    return Markup("".join(out))


def segments_html(segments: Iterable[Segment]) -> Markup:
    """A chapter line's text, each sentence in an anchored span."""
    out = []
    for seg in segments:
        text = escape(seg.text)
        if seg.anchor is None:
            out.append(str(text))
        else:
            out.append(f'<span class="sentence" id="s{int(seg.anchor)}">{text}</span>')
    return Markup("".join(out))


class _Named(Protocol):
    href: str
    mentions: int
    former: bool
    illustrative: bool


_NOT_NAMED = '<td class="num"><span class="muted">–</span></td>'


def presence_cells(
    cell: Callable[[str, int], _Named | None], country: str, years: list[int]
) -> Markup:
    """A group page's row of one country: per year, a link to the chapter naming the group,
    or a dash (a group named in many countries over decades has thousands of cells)."""
    out = []
    for year in years:
        m = cell(country, year)
        if m is None:
            out.append(_NOT_NAMED)
            continue
        title = plural(m.mentions, "mention")
        title += "; only as a former name" if m.former else ""
        title += "; illustrative text" if m.illustrative else ""
        word = "former name" if m.former else "named"
        mark = " ◇" if m.illustrative else ""
        out.append(
            f'<td class="num"><a href="{escape(m.href)}" title="{escape(title)}">{word}</a>'
            f"{mark}</td>"
        )
    return Markup("".join(out))
