"""HTML fragments built in Python for the templates' innermost loops (a jinja2 macro call per
sentence costs several times the escaping it wraps). Every text is escaped here."""

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Protocol

from markupsafe import Markup, escape

from crtdiff.compare.headline import section_name
from crtdiff.compare.wording import full_name, plural
from crtdiff.schemas.diff import GroupRef, RedlineOp, RedlinePart, SentenceAlignment

_REDLINE_TAGS = {RedlineOp.DELETE: "del", RedlineOp.INSERT: "ins"}


class _Located(Protocol):
    # Read-only members: a SentenceRef is frozen.
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...


def replace_escape(text: str) -> str:
    """markupsafe's `escape` of a plain string, a replace per character (where its C loop is
    missing)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


try:
    # The C loop behind markupsafe's `escape`, without the Markup object it wraps the result
    # in: a tenth of the cost of the replaces (the pages escape every sentence they show). It
    # is escape_text itself: a Python function around it cost a third as much again per call.
    from markupsafe._speedups import _escape_inner as _escape
except ImportError:  # pragma: no cover - markupsafe built without its C extension
    _escape = replace_escape
escape_text = _escape
"""markupsafe's `escape` of a plain string (the same five characters, the same entities),
without the Markup object and the checks it makes per call."""


def sentence_anchor(page: str, start: int) -> str:
    """The escaped link to the sentence at `start` in its chapter's page (`page`: the page's
    stem, OutputPaths.chapter_stem), for an `href`."""
    return f"{escape_text(page)}.html#s{int(start)}"


def sentence_link(ref: _Located, page: str) -> Markup:
    """A sentence as a link to its anchor in its chapter's page (`page`: the page's stem,
    OutputPaths.chapter_stem)."""
    return Markup(f'<a href="{sentence_anchor(page, ref.start)}">{escape_text(ref.text)}</a>')


def _rows(refs: Iterable[_Located], page: str, before: str, after: str) -> str:
    # Most of a pair page's sentences pass here (the unchanged ones): what is the same on
    # every row is put together once.
    head, tail = f'{before}<a href="{escape_text(page)}.html#s', f"</a>{after}\n"
    return "".join([f'{head}{int(r.start)}">{escape_text(r.text)}{tail}' for r in refs])


def _redline(parts: Iterable[RedlinePart]) -> str:
    out = []
    for part in parts:
        tag = _REDLINE_TAGS.get(part.op)
        text = escape_text(part.text)
        out.append(f"<{tag}>{text}</{tag}>" if tag else text)
    return "".join(out)


def redline_html(parts: Iterable[RedlinePart]) -> Markup:
    """Word runs kept as text, deleted in `<del>`, inserted in `<ins>`."""
    return Markup(_redline(parts))


def alignment_html(
    a: SentenceAlignment, old_page: str, new_page: str, old_year: int, new_year: int
) -> Markup:
    """The body of a section of a pair page: edited, added, removed and moved sentences, then
    the cosmetic edits and the unchanged sentences folded away (chapter pages `old_page` and
    `new_page` of the years `old_year` and `new_year`)."""
    old_href, new_href = escape_text(old_page) + ".html#s", escape_text(new_page) + ".html#s"
    out = [
        f'<p class="redline"><span class="mark mark-edit">edited</span> {_redline(m.redline)} '
        f'<span class="muted">(<a href="{old_href}{int(m.old.start)}">{old_year}</a> · '
        f'<a href="{new_href}{int(m.new.start)}">{new_year}</a>)</span></p>\n'
        for m in a.modified
        if not m.is_cosmetic
    ]
    out.append(
        _rows(
            a.added,
            new_page,
            '<p class="redline"><span class="mark mark-add">added</span> <ins>',
            "</ins></p>",
        )
    )
    out.append(
        _rows(
            a.removed,
            old_page,
            '<p class="redline"><span class="mark mark-del">removed</span> <del>',
            "</del></p>",
        )
    )
    out.extend(
        f'<p class="redline"><span class="mark">moved in</span> from '
        f"{escape_text(section_name(m.from_section))}: {sentence_link(m.new, new_page)}</p>\n"
        for m in a.moved_in
    )
    out.extend(
        f'<p class="redline"><span class="mark">moved out</span> to '
        f"{escape_text(section_name(m.to_section))}: {sentence_link(m.old, old_page)}</p>\n"
        for m in a.moved_out
    )
    cosmetic = [m for m in a.modified if m.is_cosmetic]
    if cosmetic:
        out.append(
            f"<details><summary>{escape_text(plural(len(cosmetic), 'cosmetic edit'))}: "
            "punctuation, quotes, spacing or dates only</summary>\n"
        )
        out.extend(f'<p class="redline">{_redline(m.redline)}</p>\n' for m in cosmetic)
        out.append("</details>")
    if a.unchanged:
        out.append(
            f"<details><summary>{escape_text(plural(len(a.unchanged), 'unchanged sentence'))}"
            "</summary>\n"
        )
        out.append(_rows([p.new for p in a.unchanged], new_page, "<p>", "</p>"))
        out.append("</details>")
    return Markup("".join(out))


class _Quoted(Protocol):
    start: int
    sentence: str


def quote(evidence: _Quoted | None, year: object, page: str) -> Markup:
    """An evidence sentence in quotes, linked to its anchor in the chapter page `page` of
    `year`; nothing without evidence."""
    if not evidence:
        return Markup("")
    return Markup(
        f'<a class="quote" href="{escape(page)}.html#s{escape(evidence.start)}" '
        f'title="Open the sentence in the {escape(year)} chapter">“{escape(evidence.sentence)}”</a>'
    )


def group_link(root: str, group_id: str, name: object) -> Markup:
    """A group's name linked to its page."""
    return Markup(
        f'<a class="group" href="{escape(root)}groups/{escape(group_id)}.html">{escape(name)}</a>'
    )


def group_links(root: str, ids: Iterable[str], refs: Mapping[str, GroupRef]) -> Markup:
    """Groups linked to their pages, by full name where `refs` knows them; a dash for none."""
    links = [group_link(root, i, full_name(refs[i]) if i in refs else i) for i in ids]
    return Markup(", ".join(links) if links else "–")


_NOT_NAMED = '<td class="num"><span class="muted">–</span></td>'
PRESENCE_OPEN = '<td class="num"><a href="'
"""How a named cell of a group page's table starts, before its link's address (escaped)."""


def presence_rows(rows: Mapping[str, Mapping[int, str]], years: list[int]) -> Markup:
    """A group page's table body: per country of `rows` (in its order), per year, its cell
    (presence_cell) where the group is named, or a dash (a group named in many countries over
    decades has thousands of cells: a row starts as dashes, and each named cell is made once,
    as one string, where the mentions are read)."""
    position = {year: n for n, year in enumerate(years)}
    out = []
    for country, cells in rows.items():
        line = [_NOT_NAMED] * len(years)
        for year, cell in cells.items():
            at = position.get(year)
            if at is not None:
                line[at] = cell
        out.append(f'<tr><th scope="row">{escape_text(country)}</th>{"".join(line)}</tr>\n')
    return Markup("".join(out))


def presence_cell(href: str, mentions: int, former: bool, illustrative: bool) -> str:
    """A cell of a group page's table where the group is named: a link to its first mention
    (`href`, escaped here), `mentions` times named, `former`: only as a former name."""
    return f"{PRESENCE_OPEN}{escape_text(href)}{presence_tail(mentions, former, illustrative)}"


@cache
def presence_tail(mentions: int, former: bool, illustrative: bool) -> str:
    """A named cell after its link's address (few distinct ones: made once each)."""
    title = plural(mentions, "mention")
    title += "; only as a former name" if former else ""
    title += "; illustrative text" if illustrative else ""
    word = "former name" if former else "named"
    mark = " ◇" if illustrative else ""
    return f'" title="{escape_text(title)}">{word}</a>{mark}</td>'
