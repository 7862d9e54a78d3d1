"""HTML change summaries (a static page per pair of years)."""

from reports.environment import environment
from schemas import CountryReport
from schemas.diff import YearDiff


def render_pair_html(diff: YearDiff, old: CountryReport, new: CountryReport) -> str:
    """The change summary of one pair of years as a self-contained HTML page."""
    return environment().get_template("pair.html.j2").render(diff=diff, old=old, new=new)
