"""The lists of groups of a chapter page and a pair page built in Python: a chapter's groups
named and a comparison's groups still named (a template expression per group and per link cost
more than the rest of those pages' groups sections). Every text is escaped as the template
escaped it (all are plain strings: `escape_text`)."""

from collections.abc import Iterable

from markupsafe import Markup

from crtdiff.compare.headline import member_name
from crtdiff.compare.wording import display_name, plural
from crtdiff.reports.fragments import escape_text
from crtdiff.reports.markdown_text import md
from crtdiff.schemas import Group
from crtdiff.schemas.diff import GroupRef


def _group_link(group_href: str, group_id: str, name: str) -> str:
    """fragments.group_link of plain strings, its folder's address (`<root>groups/`, escaped)
    made once per list."""
    return (
        f'<a class="group" href="{group_href}{escape_text(group_id)}.html">{escape_text(name)}</a>'
    )


def chapter_group_items(root: str, groups: Iterable[Group]) -> Markup:
    """A chapter page's item per group named: its link, its acronym, how often it is named and
    a link to the sentence of its first mention."""
    group_href = f"{escape_text(root)}groups/"
    out = []
    for g in groups:
        acronym = f" ({escape_text(g.acronym)})" if g.acronym else ""
        times = escape_text(plural(len(g.mentions), "time"))
        out.append(
            f"<li>{_group_link(group_href, g.id, g.name)}{acronym}: named {times}, first in "
            f'<a href="#s{int(g.mentions[0].evidence.start)}">this sentence</a></li>\n'
        )
    return Markup("".join(out))


def continuing_links(
    root: str, refs: Iterable[GroupRef], by_id: dict[str, GroupRef], page: str, year: int
) -> Markup:
    """A pair page's groups still named, comma-separated: each linked to its page (named with
    its umbrella among `by_id`), and to its sentence in the newer chapter (page `page`, of
    `year`) when it has one."""
    group_href = f"{escape_text(root)}groups/"
    sentence_href = f"{escape_text(page)}.html#s"
    out = []
    for g in refs:
        link = _group_link(group_href, g.id, member_name(g, by_id))
        if g.new_evidence:
            label = f"{escape_text(display_name(g))} in the {int(year)} chapter"
            link += (
                f' (<a href="{sentence_href}{int(g.new_evidence.start)}" aria-label="{label}">'
                "sentence</a>)"
            )
        out.append(link)
    return Markup(", ".join(out))


def continuing_names_markdown(refs: Iterable[GroupRef], by_id: dict[str, GroupRef]) -> str:
    """A pair's groups still named, as the Markdown page lists them (escaped, comma-separated)."""
    return ", ".join(md(member_name(g, by_id)) for g in refs)
