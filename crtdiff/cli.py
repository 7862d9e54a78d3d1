"""The `crtdiff` command line."""

import os
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from crtdiff import __version__
from crtdiff.catalog.model import ChapterKind
from crtdiff.errors import ConfigError, CrtdiffError, workspace_error
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE, PROJECT_ROOT

if TYPE_CHECKING:
    from crtdiff.catalog.discover import Probe
    from crtdiff.reference.bundle import Reference

T = TypeVar("T")

app = typer.Typer(
    name="crtdiff",
    help="What changed, country by country and year by year, in the Country Reports on Terrorism.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: the rich panels print a type column (`<bool>` for flags) and cut long
    # default paths at the panel's edge.
    rich_markup_mode=None,
)


def fail(error: CrtdiffError) -> NoReturn:
    """Print one line naming the input and the problem, and exit with the error's status."""
    typer.echo(f"crtdiff: error: {error}", err=True)
    raise typer.Exit(error.exit_code)


def _version(show: bool) -> None:
    if show:
        typer.echo(f"crtdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """What changed, country by country and year by year, in the Country Reports on Terrorism."""


def _reference() -> "Reference":
    """The reference tables, imported when a command needs them: `crtdiff run` with nothing to
    do answers without (their modules take a fifth of a second to import)."""
    from crtdiff.reference.bundle import load_reference

    return load_reference()


def _report_years(value: T) -> T:
    """A --year of a command that reads no page (ingest and add check theirs with the page)."""
    from schemas.base import report_year_problem

    for year in value if isinstance(value, list) else [value]:
        problem = report_year_problem(year) if isinstance(year, int) else None
        if problem is not None:
            raise typer.BadParameter(problem)
    return value


def _project(path: Path) -> str:
    """How a default path is shown in help: relative to the project, so that it is short."""
    return f"the project's {path.relative_to(PROJECT_ROOT).as_posix()}"


CountryOpt = Annotated[
    str | None,
    typer.Option("--country", metavar="COUNTRY", help="Country, when the page does not say."),
]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YEAR",
        help="Report year, when the page does not say.",
    ),
]
CatalogOpt = Annotated[
    Path,
    typer.Option(
        metavar="FILE",
        show_default=False,
        help=f"Sources catalogue (default: {_project(DEFAULT_CATALOG)}).",
    ),
]
OutOpt = Annotated[
    Path,
    typer.Option(
        metavar="DIR",
        show_default=False,
        help=f"Output folder (default: {_project(DEFAULT_OUTPUT)}).",
    ),
]
StoreOpt = Annotated[
    Path,
    typer.Option(
        metavar="DIR",
        show_default=False,
        help=f"Result store that makes runs incremental (default: {_project(DEFAULT_STORE)}).",
    ),
]
NoRunOpt = Annotated[bool, typer.Option("--no-run", help="Only update the catalogue.")]


def _series(value: str | None) -> str | None:
    """A --series that series.csv knows (a usage error with the closest names otherwise)."""
    from crtdiff.reference.series import definitions, unknown_series

    if value is not None and value not in definitions():
        raise typer.BadParameter(unknown_series(value))
    return value


SeriesOpt = Annotated[
    str | None,
    typer.Option(
        "--series",
        metavar="SERIES",
        callback=_series,
        help="Report series: crt (Terrorism) or hrr (Human Rights Practices); default: the "
        "series the page names, else crt.",
    ),
]


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
        reference = _reference()
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
        reference = _reference()
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
        from reports.markdown import render_pair_markdown

        sys.stdout.write(render_pair_markdown(diff))
    else:
        from reports.html import render_pair_html

        sys.stdout.write(render_pair_html(diff, standalone=True))


class Runner(StrEnum):
    """Where `crtdiff run` executes its tasks."""

    THREADS = "threads"
    PROCESSES = "processes"
    DASK = "dask"


@app.command()
def run(
    catalog: CatalogOpt = DEFAULT_CATALOG,
    out: OutOpt = DEFAULT_OUTPUT,
    store: StoreOpt = DEFAULT_STORE,
    countries: Annotated[
        list[str] | None,
        typer.Option("--country", metavar="COUNTRY", help="Only this country (repeatable)."),
    ] = None,
    years: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            callback=_report_years,
            help="Only the countries with a chapter of this report year, with their "
            "neighbouring years (repeatable).",
        ),
    ] = None,
    runner: Annotated[
        Runner, typer.Option(help="threads, processes (one per core), or dask (with --address).")
    ] = Runner.THREADS,
    address: Annotated[
        str | None,
        typer.Option(metavar="URL", help="Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    recheck_after: Annotated[
        str,
        typer.Option(
            metavar="DURATION",
            help="Ask a catalogue URL again only when its last check is older than this "
            "(0, 30m, 24h, 7d; 0 asks every URL every run).",
        ),
    ] = "24h",
) -> None:
    """Run the pipeline over the catalogue and write the site.

    Only what changed since the last run is recomputed.

    Exit status: 0 all entries ok, 1 some inputs rejected or unavailable, 2 the environment
    failed (disk, permissions, lock, Prefect server, catalogue syntax), 3 a bug.
    """
    from crtdiff.pipeline.url_checks import parse_duration
    from crtdiff.run_command import RunOptions, run_pipeline

    if runner is Runner.DASK and not address:
        fail(ConfigError("crtdiff run", "--runner dask needs --address tcp://HOST:PORT"))
    try:
        recheck = parse_duration(recheck_after)
    except ValueError as exc:
        fail(ConfigError("--recheck-after", str(exc)))
    options = RunOptions(
        catalog=catalog,
        out_dir=out,
        store_dir=store,
        countries=countries or None,
        years=years or None,
        dask_address=address if runner is Runner.DASK else None,
        processes=(os.cpu_count() or 1) if runner is Runner.PROCESSES else None,
        show_progress=not quiet,
        recheck_after=recheck,
    )
    try:
        code = run_pipeline(options)
    except CrtdiffError as exc:
        fail(exc)
    raise typer.Exit(code)


def _run_for(countries: list[str], catalog: Path, out: Path, store: Path) -> int:
    from crtdiff.run_command import RunOptions, run_pipeline

    options = RunOptions(catalog, out, store, countries=countries, show_progress=False)
    return run_pipeline(options)


@app.command()
def add(
    country: Annotated[str, typer.Argument(metavar="COUNTRY", help="Country (any name or alias).")],
    year: Annotated[int, typer.Argument(metavar="YEAR", help="Report year.")],
    file: Annotated[
        Path | None, typer.Option("--file", metavar="PATH", help="Chapter file to add.")
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="Chapter URL to add.")
    ] = None,
    illustrative: Annotated[
        bool,
        typer.Option(
            "--illustrative",
            help="The text was written for tests or demos, not published: every page built "
            "from it says so.",
        ),
    ] = False,
    catalog: CatalogOpt = DEFAULT_CATALOG,
    out: OutOpt = DEFAULT_OUTPUT,
    store: StoreOpt = DEFAULT_STORE,
    no_run: NoRunOpt = False,
    series: SeriesOpt = None,
) -> None:
    """Add a chapter to the catalogue, then update what it affects."""
    from crtdiff.catalog.add import add_file, add_url
    from crtdiff.pipeline.locate import fetch_direct

    if (file is None) == (url is None):
        fail(ConfigError("crtdiff add", "give exactly one of --file or --url"))
    try:
        reference = _reference()
        if file is not None:
            added = add_file(
                catalog, country, year, file, reference, series, illustrative=illustrative
            )
        else:
            added = add_url(
                catalog,
                country,
                year,
                url or "",
                reference,
                fetch_direct,
                series,
                illustrative=illustrative,
            )
    except CrtdiffError as exc:
        fail(exc)
    kind = ", illustrative" if added.entry.illustrative else ""
    shown = "" if added.entry.series == "crt" else f" ({added.entry.series})"
    typer.echo(
        f"{added.entry.country} {added.entry.year}{shown}: {added.change} in {catalog} "
        f"(source {added.entry.source}, sha256 {added.sha256[:12]}{kind})"
    )
    if not no_run:
        raise typer.Exit(_run_for([added.entry.country], catalog, out, store))


@app.command()
def discover(
    year: Annotated[
        int,
        typer.Option(
            "--year", metavar="YEAR", callback=_report_years, help="Report year to look for."
        ),
    ],
    countries: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            metavar="COUNTRY",
            help="Country to probe (repeatable; default: every country of the catalogue).",
        ),
    ] = None,
    all_countries: Annotated[
        bool,
        typer.Option(
            "--all-countries",
            help="Every country the year's table of contents links (country or region pages).",
        ),
    ] = False,
    base_url: Annotated[
        str, typer.Option(metavar="URL", help="Site publishing the reports.")
    ] = "https://www.state.gov",
    catalog: CatalogOpt = DEFAULT_CATALOG,
    out: OutOpt = DEFAULT_OUTPUT,
    store: StoreOpt = DEFAULT_STORE,
    no_run: NoRunOpt = False,
    series: Annotated[
        str,
        typer.Option(
            "--series",
            metavar="SERIES",
            callback=_series,
            help="Report series to probe: crt or hrr.",
        ),
    ] = "crt",
) -> None:
    """Find a year's chapters and add what answers.

    Country by country at the expected URL, or --all-countries from the year's table of
    contents. Exit status: 0 every probe answered (found or not published yet), 1 some probe
    failed (unreachable, or the page is not that chapter; with --all-countries, any chapter
    not catalogued), or the status of the run that follows.
    """
    from crtdiff.catalog.discover import Found
    from crtdiff.catalog.discover import discover as probe
    from crtdiff.catalog.load import load_catalog
    from crtdiff.pipeline.locate import fetch_direct

    if all_countries and countries:
        fail(ConfigError("crtdiff discover", "give either --all-countries or --country, not both"))
    try:
        reference = _reference()
        if all_countries:
            if series != "crt":
                raise ConfigError(
                    "crtdiff discover",
                    "--all-countries reads the CRT table of contents; for another series "
                    "give --country",
                )
            probes = _discover_year(catalog, year, reference, base_url)
        else:
            names = countries or sorted(
                {e.country for e in load_catalog(catalog, reference.countries).entries}
            )
            probes = probe(catalog, year, names, reference, fetch_direct, base_url, series)
    except CrtdiffError as exc:
        fail(exc)
    for p in probes:
        typer.echo(p.line(), err=p.outcome.failed)
    found = sorted({p.country for p in probes if p.outcome is Found.ADDED})
    missed = sum(1 for p in probes if p.outcome is not Found.ADDED)
    if all_countries:
        typer.echo(
            f"crtdiff: report {year}: {len(found)} countries catalogued, {missed} not "
            "(rejected or unavailable, above)",
            err=True,
        )
    failed = any(p.outcome.failed for p in probes) or (all_countries and missed > 0)
    code = 1 if failed else 0
    if found and not no_run:
        code = max(code, _run_for(found, catalog, out, store))
    raise typer.Exit(code)


def _discover_year(
    catalog: Path, year: int, reference: "Reference", base_url: str
) -> "list[Probe]":
    """Every chapter of the year's table of contents, with a line per page fetched."""
    from rich.console import Console

    from crtdiff.catalog.discover import discover_year
    from crtdiff.pipeline.locate import fetch_direct

    console = Console(stderr=True, highlight=False)
    with console.status(f"report {year}: reading the table of contents") as status:
        fetched = 0

        def progress(url: str) -> None:
            nonlocal fetched
            fetched += 1
            status.update(f"report {year}: page {fetched}: {url}")

        return discover_year(catalog, year, reference, fetch_direct, base_url, progress).probes


@app.command()
def serve(
    catalog: CatalogOpt = DEFAULT_CATALOG,
    out: OutOpt = DEFAULT_OUTPUT,
    store: StoreOpt = DEFAULT_STORE,
    annual_cron: Annotated[
        str, typer.Option(metavar="CRON", help="Cron of the full `annual` run.")
    ] = "0 6 1 12 *",
    watch_cron: Annotated[
        str, typer.Option(metavar="CRON", help="Cron of the `watch` probe.")
    ] = "0 7 * * 1",
    timezone: Annotated[
        str, typer.Option(metavar="ZONE", help="Time zone of both schedules.")
    ] = "UTC",
    watch_base_url: Annotated[
        str, typer.Option(metavar="URL", help="Site `watch` probes.")
    ] = "https://www.state.gov",
) -> None:
    """Serve the `annual` and `watch` deployments on a Prefect server.

    The server is the one in PREFECT_API_URL. Stop with SIGTERM or Ctrl-C.
    """
    if not os.environ.get("PREFECT_API_URL"):
        fail(
            ConfigError(
                "crtdiff serve",
                "needs a Prefect server: start one with `prefect "
                "server start --host 127.0.0.1` and set PREFECT_API_URL (see README)",
            )
        )
    from flows.settings import configure_prefect

    configure_prefect()
    from flows.deploy import Schedule, serve_deployments

    schedule = Schedule(
        catalog=str(catalog.resolve()),
        out_dir=str(out.resolve()),
        store_dir=str(store.resolve()),
        annual_cron=annual_cron,
        watch_cron=watch_cron,
        timezone=timezone,
        watch_base_url=watch_base_url,
    )
    serve_deployments(schedule, lambda line: typer.echo(line, err=True))


@app.command()
def schemas(
    check: Annotated[
        bool, typer.Option("--check", help="Only report stale schema files (exit 1 if any).")
    ] = False,
) -> None:
    """Export the JSON Schema files under schemas/json/."""
    from schemas.export import JSON_DIR, schema_texts, stale_schemas, write_schemas

    if check:
        stale = stale_schemas()
        for name in stale:
            typer.echo(
                f"stale: schemas/json/{name} (run `crtdiff schemas` to rewrite it)", err=True
            )
        if not stale:
            typer.echo(f"schemas/json: {len(schema_texts())} schema files up to date")
        raise typer.Exit(1 if stale else 0)
    for path in write_schemas():
        typer.echo(f"wrote {path.relative_to(JSON_DIR.parent.parent)}")


def _usage_line(error: typer.TyperException) -> str:
    """A command-line usage error as one line, with where to read the usage."""
    message = error.format_message() if hasattr(error, "format_message") else str(error)
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "crtdiff"
    message = " ".join(message.split())
    return f"crtdiff: error: {command}: {message} (see `{command} --help`)"


def main() -> None:
    """Entry point: every error is one line on stderr with its documented exit status (usage
    and configuration errors and a failing disk 2, rejected inputs 1); anything else is a bug,
    shown with its traceback (exit status 3)."""
    try:
        code = app(standalone_mode=False, prog_name="crtdiff")
    except CrtdiffError as exc:
        typer.echo(f"crtdiff: error: {exc}", err=True)
        code = exc.exit_code
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            typer.echo(exc.format_message() if hasattr(exc, "format_message") else "")  # help
        else:
            typer.echo(_usage_line(exc), err=True)
        code = exc.exit_code
    except typer.Abort:
        typer.echo("crtdiff: aborted", err=True)
        code = 130
    except OSError as exc:
        typer.echo(f"crtdiff: error: {workspace_error(exc)}", err=True)
        code = 2
    except Exception:
        traceback.print_exc()
        typer.echo("crtdiff: internal error: please report it with the traceback above", err=True)
        code = 3
    sys.exit(code if isinstance(code, int) else 0)
