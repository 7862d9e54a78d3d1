"""Markdown change summaries."""

from reports.environment import environment
from schemas.diff import YearDiff


def render_pair_markdown(diff: YearDiff) -> str:
    """The change summary of one pair of years, as Markdown."""
    return environment().get_template("pair.md.j2").render(diff=diff)
