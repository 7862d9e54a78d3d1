"""`crtdiff run`: the pipeline over the catalogue."""

import os
from enum import StrEnum
from typing import Annotated

import typer

from crtdiff.cli.app import app, fail
from crtdiff.cli.options import CatalogOpt, OutOpt, StoreOpt, report_years
from crtdiff.errors import ConfigError, CrtdiffError
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE


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
            callback=report_years,
            help="Only the countries with a chapter of this report year, with their "
            "neighbouring years (repeatable).",
        ),
    ] = None,
    runner: Annotated[
        Runner,
        typer.Option(
            help="processes (one per core; a run of one batch of countries starts none), "
            "threads (all in this process), or dask (with --address)."
        ),
    ] = Runner.PROCESSES,
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
