"""The whole run without Prefect: every step called in place, one after the other, in this
process; URLs fetched one by one, without retries. The same run logic, steps and outputs as the
flow (crtdiff/pipeline/run.py), for tests and benchmarks that want the pipeline's work alone."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from crtdiff.errors import FetchError
from crtdiff.pipeline.narrate import fetch_line
from crtdiff.pipeline.outcome import RunReport
from crtdiff.pipeline.run import run_guarded
from crtdiff.pipeline.wiring import FetchRequest, Line, Wiring

if TYPE_CHECKING:  # httpx is imported only when a URL is fetched
    from crtdiff.fetch.http import Fetched

T = TypeVar("T")


def call_in_place(step: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> Iterator[T]:
    """A Dispatch that calls the step for each call, in order, as its result is wanted."""
    return (step(*call) for call in calls)


def plain_wiring(log: Callable[[Iterable[Line]], None] = lambda lines: None) -> Wiring:
    """Steps called in place, URLs fetched one by one; the run log to `log`."""

    def fetch(requests: Sequence[FetchRequest]) -> Iterator["Fetched | FetchError"]:
        from crtdiff.fetch.http import fetch_url

        for url, etag, modified in requests:
            try:
                fetched: Fetched | FetchError = fetch_url(url, etag=etag, last_modified=modified)
            except FetchError as exc:
                fetched = exc
            log([fetch_line(url, fetched)])
            yield fetched

    return Wiring(call_in_place, fetch, log=log)


def run_plain(
    catalog_path: Path,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None = None,
    recheck_after: timedelta = timedelta(0),
    log: Callable[[Iterable[Line]], None] = lambda lines: None,
) -> RunReport:
    """What `crtdiff run` does with the catalogue at `catalog_path`, without Prefect (nothing
    is published): the run's report, also written to `out_dir/run-report.json`."""
    wiring = plain_wiring(log)
    return run_guarded(wiring, catalog_path, out_dir, store_dir, countries, None, recheck_after)
