"""crtdiff: what changed, country by country and year by year, in the CRT chapters."""

__version__ = "0.1.0"

PARSER_VERSION = "1"
"""Bumped whenever parsing or extraction output changes for the same input (invalidates caches)."""
