"""Fewer garbage collections while a batch builds many small objects."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLDS = (100_000, 50, 100)
"""Python's default (700, 10, 10) runs a young collection every 700 allocations, and a full one
over every report held in memory every 70,000; a country's reports and diffs are millions of
small acyclic objects, so the default spends a sixth of a run walking them (measured on the
benchmark archive). These thresholds keep collections rare; cycles are still collected."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the block, then restore them."""
    before = gc.get_threshold()
    gc.set_threshold(*BATCH_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
