"""Ingest catalogue entries and write one normalised JSON per country-year."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from crtdiff.catalog.load import Catalog
from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import Fetcher, resolve_source
from crtdiff.errors import CrtdiffError, FetchError
from crtdiff.ingest.chapter import OnMismatch, Request, parse_chapter
from crtdiff.pipeline.outcome import EntryOutcome, Status
from crtdiff.reference.bundle import Reference
from crtdiff.store.atomic import atomic_write_text
from crtdiff.store.snapshots import SnapshotStore
from crtdiff.text.normalize import slugify
from schemas import CountryReport


@dataclass(frozen=True)
class IngestContext:
    """What every ingest needs, passed explicitly."""

    catalog: Catalog
    reference: Reference
    store: SnapshotStore
    fetch: Fetcher
    out_dir: Path


def report_path(out_dir: Path, country: str, year: int, chapter: str = "country") -> Path:
    """Where a country-year's normalised JSON goes: output/<country-slug>/<year>.json."""
    name = str(year) if chapter == "country" else f"{year}-{slugify(chapter)}"
    return out_dir / slugify(country) / f"{name}.json"


def ingest_entry(
    entry: CatalogEntry, ctx: IngestContext
) -> tuple[EntryOutcome, CountryReport | None]:
    """Resolve, parse and write one entry; any documented error becomes a rejection."""
    try:
        resolved = resolve_source(entry, ctx.catalog, ctx.store, ctx.fetch)
        request = Request(entry.country, entry.year, entry.chapter, OnMismatch.REJECT)
        report = parse_chapter(resolved.raw, request, ctx.reference)
    except FetchError as exc:
        return EntryOutcome(entry.key, Status.UNAVAILABLE, reason=str(exc)), None
    except CrtdiffError as exc:
        return EntryOutcome(entry.key, Status.REJECTED, reason=str(exc)), None
    except Exception as exc:  # a bug must not take down the other entries of the run
        reason = f"{entry.source}: internal error ({type(exc).__name__}: {exc}); please report it"
        return EntryOutcome(entry.key, Status.REJECTED, reason=reason), None
    path = report_path(ctx.out_dir, report.country, report.year, report.chapter)
    atomic_write_text(path, report.model_dump_json(indent=2) + "\n")
    outcome = EntryOutcome(
        key=entry.key,
        status=Status.OK,
        output=path.relative_to(ctx.out_dir).as_posix(),
        notes=resolved.notes,
        warnings=[f"{w.code}: {w.message}" for w in report.warnings],
        illustrative=report.source.illustrative,
    )
    return outcome, report


def ingest_entries(
    entries: Iterable[CatalogEntry], ctx: IngestContext
) -> list[tuple[EntryOutcome, CountryReport | None]]:
    """Ingest several entries; one failure never stops the others."""
    return [ingest_entry(entry, ctx) for entry in entries]
