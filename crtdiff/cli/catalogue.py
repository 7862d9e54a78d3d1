"""`crtdiff add` and `crtdiff discover`: the catalogue grown by hand or by probing state.gov, then
the run of what changed."""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crtdiff.cli.app import app, fail
from crtdiff.cli.options import (
    CatalogOpt,
    NoRunOpt,
    OutOpt,
    SeriesOpt,
    StoreOpt,
    known_series,
    reference_tables,
    report_years,
)
from crtdiff.errors import ConfigError, CrtdiffError
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE

if TYPE_CHECKING:
    from crtdiff.catalog.discover import Probe
    from crtdiff.reference.bundle import Reference


def _run_for(countries: list[str], catalog: Path, out: Path, store: Path) -> int:
    from crtdiff.run_command import RunOptions, run_pipeline

    # One worker process per core, as `crtdiff run` by default: adding a report year runs every
    # country with a chapter that year (a lone batch starts none).
    options = RunOptions(
        catalog, out, store, countries=countries, processes=os.cpu_count() or 1,
        show_progress=False,
    )  # fmt: skip
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
        reference = reference_tables()
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
            "--year", metavar="YEAR", callback=report_years, help="Report year to look for."
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
            callback=known_series,
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
        reference = reference_tables()
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
