"""Markdown change summaries."""

from reports.environment import environment
from reports.html import pair_citations
from schemas.diff import YearDiff


def render_pair_markdown(diff: YearDiff) -> str:
    """The change summary of one pair of years, as Markdown."""
    template = environment().get_template("pair.md.j2")
    return template.render(
        diff=diff, cites=pair_citations(diff), stem=f"{diff.old_year}-{diff.new_year}"
    )
