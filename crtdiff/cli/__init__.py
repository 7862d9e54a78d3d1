"""The `crtdiff` command line: the application and every command, each in its own module."""

# Each command module registers its commands on import, in the order `crtdiff --help` lists them.
from crtdiff.cli import read  # isort: skip
from crtdiff.cli import run  # isort: skip
from crtdiff.cli import catalogue  # isort: skip
from crtdiff.cli import service  # isort: skip
from crtdiff.cli.app import app, main

__all__ = ["app", "catalogue", "main", "read", "run", "service"]
