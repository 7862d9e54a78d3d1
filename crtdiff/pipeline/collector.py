"""No garbage collection while a batch builds many small objects."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Switch the cyclic collector off for the block, then back on as it was.

    A country's reports and diffs are millions of small acyclic objects, freed by reference
    counting when the country's task ends; a young collection every 700 allocations, and the
    middle generation's walks over everything the batch holds, spent a tenth of a run's CPU
    (measured on the benchmark archive: 1.5 s of 15 s at 300 chapters). The few cycles a batch
    makes (deepdiff's trees) wait for the next collection after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def older_objects_set_aside() -> Iterator[None]:
    """Leave every object alive before the block out of the collector's passes during it
    (`gc.freeze`), and hand them back after (`gc.unfreeze`).

    A long-lived process (a Prefect flow's or `crtdiff serve`'s, after a cold run of a large
    archive) holds hundreds of thousands of objects a run does not touch; the first full
    collection of a small run walked them all (0.17 s of adding one year at 10,000 chapters,
    timed with gc.callbacks), where they cannot have become garbage by the run's doing. A
    cycle among them that does become garbage is collected after the block. Nothing is done
    when objects are frozen already (by the embedding program: not ours to unfreeze)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
