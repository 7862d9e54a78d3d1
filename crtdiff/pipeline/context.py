"""What a run knows while it settles and computes: its catalogue, reference tables, fetched
URLs, result store and keys; and each entry resolved to the bytes it reads and their key."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import resolve_source
from crtdiff.errors import CrtdiffError, FetchError
from crtdiff.ingest.raw import RawSource
from crtdiff.pipeline.answers import FetchedUrls
from crtdiff.pipeline.boundary import internal_error
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.outcome import (
    EntryOutcome,
    Status,
)
from crtdiff.store.results import ResultStore

if TYPE_CHECKING:  # the tables load in a quarter of a second: the up-to-date check needs none
    from crtdiff.reference.bundle import Reference


class Inputs(Protocol):
    """What settling reads of a run's context: a RunContext, or SettleInputs when the
    up-to-date check runs without loading the reference tables (settling never reads them)."""

    @property
    def catalog(self) -> Catalog: ...
    @property
    def urls(self) -> FetchedUrls: ...
    @property
    def results(self) -> ResultStore: ...
    @property
    def out_dir(self) -> Path: ...
    @property
    def keys(self) -> Keys: ...
    @property
    def site(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class SettleInputs:
    """The Inputs of the up-to-date check."""

    catalog: Catalog
    urls: FetchedUrls
    results: ResultStore
    out_dir: Path
    keys: Keys
    site: tuple[str, ...] = ()
    """As RunContext.site."""


@dataclass(frozen=True)
class RunContext:
    """Everything the stages share, passed explicitly (and picklable, for worker processes)."""

    catalog: Catalog
    reference: "Reference"
    urls: FetchedUrls
    results: ResultStore
    out_dir: Path
    keys: Keys
    series: str = "crt"
    """The series of this run's entries (out_dir is the series' own folder)."""
    site: tuple[str, ...] = ()
    """Every series of the site, when there are several (the index links to each)."""

    def for_entries(self, entries: Iterable[CatalogEntry]) -> "RunContext":
        """The context a batch of entries needs: only their catalogue lines and fetched pages.
        A task's arguments are pickled for its worker: the whole catalogue and every page of
        the run, sent with each task, would cost more than the work at archive scale."""
        chosen = list(entries)
        wanted = {e.source for e in chosen if e.is_url}
        pages = {url: r for url, r in self.urls.results.items() if url in wanted}
        catalog = replace(self.catalog, entries=chosen, rejected=[])
        return replace(self, catalog=catalog, urls=FetchedUrls(pages))


@dataclass
class Resolved:
    """A catalogue entry with its raw bytes and report key, or the reason it has none."""

    entry: CatalogEntry
    key: str | None = None
    raw: RawSource | None = None
    """The bytes, only when the report is not in the store (then it must be parsed)."""
    notes: list[str] = field(default_factory=list)
    failure: EntryOutcome | None = None


def resolve_entry(entry: CatalogEntry, ctx: Inputs) -> Resolved:
    """Read or fetch an entry's bytes and compute its report key (no parsing)."""
    try:
        source = resolve_source(entry, ctx.catalog, ctx.urls)
    except FetchError as exc:
        return Resolved(entry, failure=EntryOutcome(entry.key, Status.UNAVAILABLE, reason=str(exc)))
    except CrtdiffError as exc:
        return Resolved(entry, failure=EntryOutcome(entry.key, Status.REJECTED, reason=str(exc)))
    except Exception as exc:  # one entry's bug must not take down the run
        reason = internal_error(entry.source, exc)
        return Resolved(entry, failure=EntryOutcome(entry.key, Status.REJECTED, reason=reason))
    key = ctx.keys.report(entry, source.raw)
    raw = None if ctx.results.has("reports", key) else source.raw
    return Resolved(entry, key, raw, source.notes)
