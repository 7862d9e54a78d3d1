"""Markdown change summaries."""

from crtdiff.reports.environment import environment
from crtdiff.reports.html import pair_context, pair_template
from crtdiff.schemas.diff import YearDiff


def render_pair_markdown(diff: YearDiff) -> str:
    """The change summary of one pair of years, as Markdown."""
    template = environment().get_template(pair_template(diff.series, "md"))
    return template.render(diff=diff, **pair_context(diff))
