"""Limits every way in (download, local file, ingest) shares, so they cannot disagree."""

MAX_BYTES = 25 * 1024 * 1024
"""Largest input accepted: a whole-year HTML volume is ~5 MB, one chapter well under 1 MB."""
