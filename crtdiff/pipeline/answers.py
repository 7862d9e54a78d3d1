"""Answers gathered once per run, by key: the URLs fetched (or their snapshots) that every
entry pointing at them reads."""

from dataclasses import dataclass
from typing import Generic, TypeVar

from crtdiff.catalog.sources import Fetcher, ResolvedSource, fetch_or_snapshot
from crtdiff.errors import FetchError
from crtdiff.store.snapshots import SnapshotStore

R = TypeVar("R")


@dataclass(frozen=True)
class Answers(Generic[R]):
    """What each URL of the run gave when it was asked, earlier in the run: its value, or the
    error it met (raised again when the URL is asked for)."""

    results: dict[str, R | FetchError]

    def __call__(self, url: str) -> R:
        result = self.results.get(url)
        if result is None:
            raise FetchError(url, "was not fetched in this run")
        if isinstance(result, FetchError):
            raise result
        return result


class FetchedUrls(Answers[ResolvedSource]):
    """Every URL of the run, fetched and stored once in the flow's own process (so tasks, maybe
    on other machines, never write the snapshot store); a UrlSource over the results."""


def fetch_urls(urls: list[str], snapshots: SnapshotStore, fetch: Fetcher) -> FetchedUrls:
    """Fetch (or fall back to the snapshot of) every URL, keeping new snapshots."""
    results: dict[str, ResolvedSource | FetchError] = {}
    for url in urls:
        try:
            results[url] = fetch_or_snapshot(url, snapshots, fetch)
        except FetchError as exc:
            # A fresh error without its cause chain: httpx internals do not pickle, and the
            # context may travel to worker processes.
            results[url] = FetchError(
                exc.source, exc.problem, transient=exc.transient, status=exc.status
            )
    return FetchedUrls(results)
