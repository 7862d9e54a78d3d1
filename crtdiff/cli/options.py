"""Options and arguments several commands share, and their checks."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE, PROJECT_ROOT

if TYPE_CHECKING:
    from crtdiff.reference.bundle import Reference

T = TypeVar("T")


def reference_tables() -> "Reference":
    """The reference tables, imported when a command needs them: `crtdiff run` with nothing to
    do answers without (their modules take a fifth of a second to import)."""
    from crtdiff.reference.bundle import load_reference

    return load_reference()


def report_years(value: T) -> T:
    """A --year of a command that reads no page (ingest and add check theirs with the page)."""
    from crtdiff.schemas.base import report_year_problem

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


def known_series(value: str | None) -> str | None:
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
        callback=known_series,
        help="Report series: crt (Terrorism) or hrr (Human Rights Practices); default: the "
        "series the page names, else crt.",
    ),
]
