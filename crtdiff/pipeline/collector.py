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
    makes (deepdiff's trees) wait for the next full collection after it.

    What the block leaves alive (its caches' new entries, its results: some 20,000 objects a
    country) goes straight to the oldest generation (`_to_oldest`): the young collection that
    followed every country's task walked them all to find nothing (12-19 ms a country at 400
    chapters, timed with gc.callbacks; 1.3 s in all at 2,000)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _to_oldest()
            gc.enable()


def _to_oldest() -> None:
    """Move every object the collector tracks into its oldest generation without a pass over
    them (`gc.freeze` then `gc.unfreeze`: two list splices). Nothing is done when objects are
    frozen already (by `older_objects_set_aside` or the embedding program): unfreezing would
    hand theirs back too."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


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
