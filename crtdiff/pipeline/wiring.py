"""How a run's steps are carried out: what the run logic (crtdiff/pipeline/run.py) is given, by
the Prefect flow (flows/pipeline.py: tasks, retries, the run log) or by the plain-loop runner
(crtdiff/pipeline/plain_runner.py: the same steps called in place, no Prefect)."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from crtdiff.errors import FetchError

if TYPE_CHECKING:  # httpx, only for the type
    from crtdiff.fetch.http import Fetched

T = TypeVar("T")
Line = tuple[int, str]
"""A line of the run log: (logging level, message)."""
FetchRequest = tuple[str, str | None, str | None]
"""A URL to fetch, with the validators of its last snapshot (ETag, Last-Modified)."""


class Dispatch(Protocol):
    """Carry out calls of a step (a plain function of the pipeline), maybe in parallel; the
    results in the order of the calls, each available as soon as it is done. Every call is
    submitted before the first result is awaited."""

    def __call__(self, step: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[T]:
        """The results of `step(*call)` for each call."""
        ...


class Progress(Protocol):
    """Tell whoever watches that a stage advanced or announced its size (`total`)."""

    def __call__(self, stage: str, advance: int = 0, total: int | None = None) -> None:
        """As flows.progress.report."""
        ...


def _silent(_lines: Iterable[Line]) -> None:
    """No run log."""


def _unwatched(stage: str, advance: int = 0, total: int | None = None) -> None:
    """Nobody watches the progress."""


def _unlabelled(_label: str | None) -> AbstractContextManager[None]:
    return nullcontext()


def _one_at_a_time() -> int:
    return 1


@dataclass(frozen=True)
class Wiring:
    """The run's means: how steps are dispatched and URLs fetched, where progress and the run
    log go."""

    dispatch: Dispatch
    fetch: Callable[[Sequence[FetchRequest]], Iterator["Fetched | FetchError"]]
    """Fetch each URL: its page, or the error it ended with (never raises for one URL)."""
    progress: Progress = field(default=_unwatched)
    log: Callable[[Iterable[Line]], None] = field(default=_silent)
    label: Callable[[str | None], AbstractContextManager[None]] = field(default=_unlabelled)
    """A context in which progress is labelled with a series (as flows.progress.stage_label)."""
    parallel: Callable[[], int] = field(default=_one_at_a_time)
    """How many calls `dispatch` works on at once (batches are cut to keep them all busy)."""
