"""The `crtdiff` application: its options, one-line errors and exit statuses; each command
registers itself from its module (crtdiff/cli/__init__.py imports them all)."""

import sys
import traceback
from typing import Annotated, NoReturn

import typer

from crtdiff import __version__
from crtdiff.errors import CrtdiffError, workspace_error

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
