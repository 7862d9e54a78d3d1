"""HTML pages: a pair of years, a chapter copy with anchored sentences, a country, the index."""

from pathlib import Path
from typing import Any

from reports.chapter_view import chapter_lines
from reports.environment import environment
from schemas import CountryReport
from schemas.diff import YearDiff

STATIC = Path(__file__).resolve().parent / "static"


def site_css() -> str:
    """The site's stylesheet (also inlined in standalone pages)."""
    return (STATIC / "site.css").read_text(encoding="utf-8")


def render_pair_html(diff: YearDiff, *, standalone: bool = False) -> str:
    """The change summary of one pair of years; `standalone` inlines the stylesheet."""
    context: dict[str, Any] = {"diff": diff, "root": "../", "inline_css": None}
    if standalone:
        context["inline_css"] = site_css()
    return environment().get_template("pair.html.j2").render(**context)


def render_chapter_html(report: CountryReport) -> str:
    """A readable copy of a chapter, every sentence anchored (#s<offset>) for evidence links."""
    return (
        environment()
        .get_template("chapter.html.j2")
        .render(report=report, lines=chapter_lines(report), root="../", inline_css=None)
    )


def render_page(template: str, **context: Any) -> str:
    """Any other site page."""
    context.setdefault("inline_css", None)
    return environment().get_template(template).render(**context)
