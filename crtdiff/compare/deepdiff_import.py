"""deepdiff, imported without the data-frame libraries it looks for.

deepdiff imports pandas (and polars, when installed) at import time only to hash data frames,
which crtdiff never compares. pandas alone is about 320 modules: 0.1-0.3 s of CPU and 33 MB in
every process that compares (a run's flow process and its workers' fork server).
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_FRAME_LIBRARIES = ("pandas", "polars")


@contextmanager
def _without_frame_libraries() -> Iterator[None]:
    """`import pandas` (and polars) fails inside, unless the process already holds it."""
    # None in sys.modules makes an import raise ImportError, which deepdiff catches. Another
    # thread importing pandas in this instant would fail as well: nothing in crtdiff does, and
    # deepdiff is imported once per process, with the compare modules.
    blocked = [name for name in _FRAME_LIBRARIES if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in blocked:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


with _without_frame_libraries():
    from deepdiff import DeepDiff
    from deepdiff.path import GET, stringify_path

STRINGIFY_PATH: Callable[[list[str], tuple[str, str]], str] = stringify_path
"""deepdiff's naming of a path (untyped there)."""

__all__ = ["GET", "STRINGIFY_PATH", "DeepDiff"]
