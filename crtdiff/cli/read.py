"""`crtdiff ingest` and `crtdiff compare`: one chapter read, two compared, without Prefect."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from crtdiff.catalog.model import ChapterKind
from crtdiff.cli.app import app, fail
from crtdiff.cli.options import CatalogOpt, CountryOpt, SeriesOpt, YearOpt, reference_tables
from crtdiff.errors import CrtdiffError
from crtdiff.paths import DEFAULT_CATALOG


@app.command()
def ingest(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH", help="Chapter file (text, HTML or PDF volume) or http(s) URL."
        ),
    ],
    country: CountryOpt = None,
    year: YearOpt = None,
    chapter: Annotated[
        ChapterKind | None, typer.Option(help="Which chapter the page is (default: country).")
    ] = None,
    series: SeriesOpt = None,
) -> None:
    """Ingest one chapter and print its CountryReport as JSON.

    No Prefect involved.
    """
    from crtdiff.pipeline.locate import read_raw
    from crtdiff.series.chapter import Request, parse_chapter

    kind = chapter.value if chapter is not None else None
    try:
        reference = reference_tables()
        request = Request(country, year, kind, series=series)
        report = parse_chapter(read_raw(path), request, reference)
    except CrtdiffError as exc:
        fail(exc)
    for warning in report.warnings:
        # What was asked for and what the page says disagree: say so where a reader looks.
        if warning.code in ("country_mismatch", "year_mismatch"):
            typer.echo(f"crtdiff: warning: {path}: {warning.message}", err=True)
    sys.stdout.write(report.model_dump_json(indent=2) + "\n")


class Format(StrEnum):
    """Output formats of `crtdiff compare`."""

    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


@app.command()
def compare(
    old: Annotated[
        str,
        typer.Argument(metavar="OLD", help="Older chapter: file, http(s) URL, or COUNTRY:YEAR."),
    ],
    new: Annotated[
        str,
        typer.Argument(metavar="NEW", help="Newer chapter: file, http(s) URL, or COUNTRY:YEAR."),
    ],
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="json, markdown or html.")
    ] = Format.JSON,
    catalog: CatalogOpt = DEFAULT_CATALOG,
    country: CountryOpt = None,
    series: SeriesOpt = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Compare even two countries, reversed years or two chapter kinds."
        ),
    ] = False,
) -> None:
    """Compare two chapters of one country and print what changed.

    No Prefect involved. Two different countries or reversed years are refused (exit status 1)
    unless --force.
    """
    from crtdiff.compare.year_diff import comparison_problems
    from crtdiff.errors import MetadataError
    from crtdiff.pipeline.locate import read_chapter
    from crtdiff.series.compare import compare_reports

    try:
        reference = reference_tables()
        older = read_chapter(old, reference, catalog, country, series)
        try:
            newer = read_chapter(new, reference, catalog, country, older.series)
        except MetadataError as exc:
            if country is not None or "cannot tell which country" not in exc.problem:
                raise
            # The newer page does not say its country: it is the older one's, checked against
            # the text's own (a mismatch is warned in the report).
            newer = read_chapter(new, reference, catalog, older.country, older.series)
        for problem in comparison_problems(older, newer) if force else ():
            typer.echo(f"crtdiff: WARNING: {new}: {problem}; compared anyway (--force)", err=True)
        diff = compare_reports(older, newer, reference.gazetteer, force=force)
    except CrtdiffError as exc:
        fail(exc)
    if output_format is Format.JSON:
        sys.stdout.write(diff.model_dump_json(indent=2) + "\n")
    elif output_format is Format.MARKDOWN:
        from crtdiff.reports.markdown import render_pair_markdown

        sys.stdout.write(render_pair_markdown(diff))
    else:
        from crtdiff.reports.html import render_pair_html

        sys.stdout.write(render_pair_html(diff, standalone=True))
