"""HTML pages: a pair of years, a chapter copy with anchored sentences, a country, the index."""

from pathlib import Path
from typing import Any

from crtdiff.reports.chapter_view import chapter_body
from crtdiff.reports.citation import Citation
from crtdiff.reports.environment import environment
from crtdiff.reports.outline_view import unit_rows
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.registry import series_named

STATIC = Path(__file__).resolve().parent / "static"


def site_css() -> str:
    """The site's stylesheet (also inlined in standalone pages)."""
    return (STATIC / "site.css").read_text(encoding="utf-8")


def series_context(series: str) -> dict[str, Any]:
    """What the templates say about a series other than CRT (its title, whether it names
    groups); nothing for CRT."""
    if series == "crt":
        return {}
    definition = series_named(series).definition
    return {
        "series_title": definition.title,
        "series_short": definition.short_name,
        "names_groups": "groups" in definition.extractors,
    }


def pair_citations(diff: YearDiff) -> list[Citation]:
    """The citations of both chapters of a comparison, older first."""
    return [
        Citation.of_ref(diff.old_source, diff.country, diff.old_year, diff.chapter, diff.series),
        Citation.of_ref(diff.new_source, diff.country, diff.new_year, diff.chapter, diff.series),
    ]


def pair_context(diff: YearDiff) -> dict[str, Any]:
    """What a pair template needs besides the diff: its citations, its file stem and its
    chapters' (`old_page`, `new_page`), the series, and the units of an outline."""
    context = {
        "cites": pair_citations(diff),
        "stem": OutputPaths.pair_stem(diff.old_year, diff.new_year, diff.chapter),
        "old_page": OutputPaths.chapter_stem(diff.old_year, diff.chapter),
        "new_page": OutputPaths.chapter_stem(diff.new_year, diff.chapter),
        **series_context(diff.series),
    }
    if diff.outline is not None:
        context["units"] = unit_rows(diff)
    return context


def pair_template(series: str, extension: str) -> str:
    """CRT's pair template, or the unit-by-unit one of an outline series."""
    return f"pair.{extension}.j2" if series == "crt" else f"pair_outline.{extension}.j2"


def render_pair_html(diff: YearDiff, *, standalone: bool = False) -> str:
    """The change summary of one pair of years; `standalone` inlines the stylesheet."""
    context: dict[str, Any] = {
        "diff": diff,
        "root": "../",
        "inline_css": site_css() if standalone else None,
        **pair_context(diff),
    }
    return environment().get_template(pair_template(diff.series, "html")).render(**context)


def render_chapter_html(report: CountryReport) -> str:
    """A readable copy of a chapter, every sentence anchored (#s<offset>) for evidence links."""
    body = chapter_body(report)
    stem = OutputPaths.chapter_stem(report.year, report.chapter)
    return (
        environment()
        .get_template("chapter.html.j2")
        .render(
            report=report,
            body=body.html,
            root="../",
            inline_css=None,
            cite=Citation.of_source(report),
            contents=body.contents,
            stem=stem,
            **series_context(report.series),
        )
    )


def render_page(template: str, **context: Any) -> str:
    """Any other site page."""
    context.setdefault("inline_css", None)
    return environment().get_template(template).render(**context)
