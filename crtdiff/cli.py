"""The `crtdiff` command line."""

import os
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from crtdiff.errors import ConfigError, CrtdiffError, workspace_error
from crtdiff.ingest.chapter import Request, parse_chapter
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE
from crtdiff.pipeline.locate import read_raw
from crtdiff.reference.bundle import Reference, load_reference
from crtdiff.series.registry import series_named

if TYPE_CHECKING:
    from crtdiff.catalog.discover import Probe

app = typer.Typer(
    name="crtdiff",
    help="What changed, country by country and year by year, in the Country Reports on Terrorism.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(error: CrtdiffError) -> NoReturn:
    """Print one line naming the input and the problem, and exit with the error's status."""
    typer.echo(f"crtdiff: error: {error}", err=True)
    raise typer.Exit(error.exit_code)


CountryOpt = Annotated[
    str | None, typer.Option("--country", help="Country, when the page does not say.")
]
YearOpt = Annotated[
    int | None, typer.Option("--year", help="Report year, when the page does not say.")
]
SeriesOpt = Annotated[
    str | None,
    typer.Option(
        "--series",
        help="Report series: crt (Terrorism) or hrr (Human Rights Practices); default: the "
        "series the page names, else crt.",
    ),
]


@app.command()
def ingest(
    path: Annotated[
        str, typer.Argument(help="Chapter file (text, HTML or PDF volume) or http(s) URL.")
    ],
    country: CountryOpt = None,
    year: YearOpt = None,
    chapter: Annotated[
        str | None, typer.Option(help="Chapter kind, e.g. `safe-haven` (default: country).")
    ] = None,
    series: SeriesOpt = None,
) -> None:
    """Ingest one chapter and print its CountryReport as JSON (no Prefect involved)."""
    try:
        reference = load_reference()
        request = Request(country, year, chapter, series=series)
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
    old: Annotated[str, typer.Argument(help="Older chapter: file, http(s) URL, or COUNTRY:YEAR.")],
    new: Annotated[str, typer.Argument(help="Newer chapter: file, http(s) URL, or COUNTRY:YEAR.")],
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="json, markdown or html.")
    ] = Format.JSON,
    catalog: Annotated[
        Path, typer.Option(help="Catalogue used for COUNTRY:YEAR keys.")
    ] = DEFAULT_CATALOG,
    country: CountryOpt = None,
    series: SeriesOpt = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Compare even two countries, reversed years or two chapter kinds."
        ),
    ] = False,
) -> None:
    """Compare two chapters of one country and print the change summary (no Prefect involved).

    Two different countries or reversed years are refused (exit status 1) unless --force.
    """
    from crtdiff.compare.year_diff import compare_reports, comparison_problems
    from crtdiff.errors import MetadataError
    from crtdiff.pipeline.locate import read_chapter

    try:
        reference = load_reference()
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
    catalog: Annotated[Path, typer.Option(help="Sources catalogue (TOML).")] = DEFAULT_CATALOG,
    out: Annotated[Path, typer.Option(help="Output folder.")] = DEFAULT_OUTPUT,
    store: Annotated[
        Path, typer.Option(help="Result store that makes runs incremental.")
    ] = DEFAULT_STORE,
    countries: Annotated[
        list[str] | None, typer.Option("--country", help="Only this country (repeatable).")
    ] = None,
    years: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            help="Only the countries with a chapter of this report year, with their "
            "neighbouring years (repeatable).",
        ),
    ] = None,
    runner: Annotated[
        Runner, typer.Option(help="threads, processes (one per core), or dask (with --address).")
    ] = Runner.THREADS,
    address: Annotated[
        str | None, typer.Option(help="Dask scheduler, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Run the Prefect pipeline over the catalogue and write the site (only what changed).

    Exit status: 0 all entries ok, 1 some inputs rejected or unavailable, 2 the environment
    failed (disk, permissions, lock, Prefect server, catalogue syntax), 3 a bug.
    """
    from crtdiff.run_command import RunOptions, run_pipeline

    if runner is Runner.DASK and not address:
        fail(ConfigError("crtdiff run", "--runner dask needs --address tcp://HOST:PORT"))
    options = RunOptions(
        catalog=catalog,
        out_dir=out,
        store_dir=store,
        countries=countries or None,
        years=years or None,
        dask_address=address if runner is Runner.DASK else None,
        processes=(os.cpu_count() or 1) if runner is Runner.PROCESSES else None,
        show_progress=not quiet,
    )
    try:
        code = run_pipeline(options)
    except CrtdiffError as exc:
        fail(exc)
    raise typer.Exit(code)


StoreOpt = Annotated[Path, typer.Option(help="Result store of incremental runs.")]
NoRunOpt = Annotated[bool, typer.Option("--no-run", help="Only update the catalogue.")]


def _run_for(countries: list[str], catalog: Path, out: Path, store: Path) -> int:
    from crtdiff.run_command import RunOptions, run_pipeline

    options = RunOptions(catalog, out, store, countries=countries, show_progress=False)
    return run_pipeline(options)


@app.command()
def add(
    country: Annotated[str, typer.Argument(help="Country (any name or alias).")],
    year: Annotated[int, typer.Argument(help="Report year.")],
    file: Annotated[Path | None, typer.Option("--file", help="Chapter file to add.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Chapter URL to add.")] = None,
    catalog: Annotated[Path, typer.Option(help="Sources catalogue (TOML).")] = DEFAULT_CATALOG,
    out: Annotated[Path, typer.Option(help="Output folder.")] = DEFAULT_OUTPUT,
    store: StoreOpt = DEFAULT_STORE,
    no_run: NoRunOpt = False,
    series: SeriesOpt = None,
) -> None:
    """Add a country-year (file or URL) to the catalogue, then update what it affects."""
    from crtdiff.catalog.add import add_file, add_url
    from crtdiff.pipeline.locate import fetch_direct

    if (file is None) == (url is None):
        fail(ConfigError("crtdiff add", "give exactly one of --file or --url"))
    try:
        reference = load_reference()
        if file is not None:
            added = add_file(catalog, country, year, file, reference, series)
        else:
            added = add_url(catalog, country, year, url or "", reference, fetch_direct, series)
    except CrtdiffError as exc:
        fail(exc)
    shown = "" if added.entry.series == "crt" else f" ({added.entry.series})"
    typer.echo(
        f"{added.entry.country} {added.entry.year}{shown}: {added.change} in {catalog} "
        f"(source {added.entry.source}, sha256 {added.sha256[:12]})"
    )
    if not no_run:
        raise typer.Exit(_run_for([added.entry.country], catalog, out, store))


@app.command()
def discover(
    year: Annotated[int, typer.Option("--year", help="Report year to look for.")],
    countries: Annotated[
        list[str] | None,
        typer.Option("--country", help="Country to probe (repeatable; default: the catalogue's)."),
    ] = None,
    all_countries: Annotated[
        bool,
        typer.Option(
            "--all-countries",
            help="Every country the year's table of contents links (country or region pages).",
        ),
    ] = False,
    base_url: Annotated[str, typer.Option(help="Site publishing the reports.")] = (
        "https://www.state.gov"
    ),
    catalog: Annotated[Path, typer.Option(help="Sources catalogue (TOML).")] = DEFAULT_CATALOG,
    out: Annotated[Path, typer.Option(help="Output folder.")] = DEFAULT_OUTPUT,
    store: StoreOpt = DEFAULT_STORE,
    no_run: NoRunOpt = False,
    series: Annotated[
        str, typer.Option("--series", help="Report series to probe: crt or hrr.")
    ] = "crt",
) -> None:
    """Find a year's chapters (the expected URL per country, or --all-countries from the
    year's table of contents), add what answers, then update what it affects."""
    from crtdiff.catalog.discover import Found
    from crtdiff.catalog.discover import discover as probe
    from crtdiff.catalog.load import load_catalog
    from crtdiff.pipeline.locate import fetch_direct

    if all_countries and countries:
        fail(ConfigError("crtdiff discover", "give either --all-countries or --country, not both"))
    try:
        reference = load_reference()
        series_named(series)  # an unknown series is a usage error before any probe
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
        typer.echo(f"{p.country} {p.year}: {p.outcome.value}: {p.detail}")
    found = sorted({p.country for p in probes if p.outcome is Found.ADDED})
    missed = sum(1 for p in probes if p.outcome is not Found.ADDED)
    if all_countries:
        typer.echo(
            f"crtdiff: report {year}: {len(found)} countries catalogued, {missed} not "
            "(rejected or unavailable, above)",
            err=True,
        )
    if found and not no_run:
        code = _run_for(found, catalog, out, store)
        raise typer.Exit(code or (1 if all_countries and missed else 0))
    if all_countries and missed:
        raise typer.Exit(1)


def _discover_year(catalog: Path, year: int, reference: Reference, base_url: str) -> "list[Probe]":
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
    catalog: Annotated[Path, typer.Option(help="Sources catalogue (TOML).")] = DEFAULT_CATALOG,
    out: Annotated[Path, typer.Option(help="Output folder.")] = DEFAULT_OUTPUT,
    store: StoreOpt = DEFAULT_STORE,
    annual_cron: Annotated[str, typer.Option(help="Cron of the full `annual` run.")] = (
        "0 6 1 12 *"
    ),
    watch_cron: Annotated[str, typer.Option(help="Cron of the `watch` probe.")] = "0 7 * * 1",
    timezone: Annotated[str, typer.Option(help="Time zone of both schedules.")] = "UTC",
    watch_base_url: Annotated[str, typer.Option(help="Site `watch` probes.")] = (
        "https://www.state.gov"
    ),
) -> None:
    """Serve the `annual` and `watch` deployments against the server in PREFECT_API_URL."""
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
    typer.echo("crtdiff: serving deployments crtdiff-run/annual and crtdiff-watch/watch")
    serve_deployments(schedule)


@app.command()
def schemas(
    check: Annotated[
        bool, typer.Option("--check", help="Only report stale schema files (exit 1 if any).")
    ] = False,
) -> None:
    """Export the JSON Schema files under schemas/json/."""
    from schemas.export import stale_schemas, write_schemas

    if check:
        stale = stale_schemas()
        for name in stale:
            typer.echo(f"stale: schemas/json/{name}", err=True)
        raise typer.Exit(1 if stale else 0)
    for path in write_schemas():
        typer.echo(f"wrote {path}")


def main() -> None:
    """Entry point: a documented error or a failing disk raised anywhere is one line (exit
    status 1 or 2); anything else is a bug, shown with its traceback (exit status 3)."""
    try:
        app()
    except CrtdiffError as exc:
        typer.echo(f"crtdiff: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        typer.echo(f"crtdiff: error: {workspace_error(exc)}", err=True)
        sys.exit(2)
    except Exception:
        traceback.print_exc()
        typer.echo("crtdiff: internal error: please report it with the traceback above", err=True)
        sys.exit(3)
