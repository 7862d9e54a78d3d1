"""The `crtdiff` command line."""

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from crtdiff.catalog.sources import read_local
from crtdiff.errors import ConfigError, CrtdiffError
from crtdiff.fetch.http import fetch_url, with_retries
from crtdiff.ingest.chapter import RawSource, Request, parse_chapter
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT
from crtdiff.reference.bundle import load_reference

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


def read_input(location: str) -> RawSource:
    """A chapter from a local path or an http(s) URL."""
    if location.startswith(("http://", "https://")):
        fetched = with_retries(lambda: fetch_url(location))
        return RawSource(fetched.data, location, fetched.retrieved_at)
    return read_local(Path(location))


CountryOpt = Annotated[
    str | None, typer.Option("--country", help="Country, when the page does not say.")
]
YearOpt = Annotated[
    int | None, typer.Option("--year", help="Report year, when the page does not say.")
]


@app.command()
def ingest(
    path: Annotated[str, typer.Argument(help="Chapter file (text or HTML) or http(s) URL.")],
    country: CountryOpt = None,
    year: YearOpt = None,
    chapter: Annotated[
        str | None, typer.Option(help="Chapter kind, e.g. `safe-haven` (default: country).")
    ] = None,
) -> None:
    """Ingest one chapter and print its CountryReport as JSON (no Prefect involved)."""
    try:
        reference = load_reference()
        report = parse_chapter(read_input(path), Request(country, year, chapter), reference)
    except CrtdiffError as exc:
        fail(exc)
    sys.stdout.write(report.model_dump_json(indent=2) + "\n")


@app.command()
def run(
    catalog: Annotated[Path, typer.Option(help="Sources catalogue (TOML).")] = DEFAULT_CATALOG,
    out: Annotated[Path, typer.Option(help="Output folder.")] = DEFAULT_OUTPUT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Run the Prefect pipeline over the catalogue and write the outputs.

    Exit status: 0 all entries ok, 1 some inputs rejected, 2 usage or configuration error.
    """
    from crtdiff.run_command import run_pipeline

    try:
        code = run_pipeline(catalog, out, show_progress=not quiet)
    except CrtdiffError as exc:
        fail(exc)
    raise typer.Exit(code)


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
    """Entry point that turns configuration errors raised outside commands into one line."""
    try:
        app()
    except ConfigError as exc:
        fail(exc)
