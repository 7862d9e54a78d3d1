"""Add a country-year to the catalogue from a file or a URL (the `crtdiff add` command)."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from crtdiff.catalog.edit import upsert_entry
from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.sources import Fetcher, fetch_to_store, read_local
from crtdiff.errors import MetadataError
from crtdiff.ingest.formats import detect_format
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import Source
from crtdiff.schemas.base import report_year_problem
from crtdiff.series.chapter import OnMismatch, RawSource, Request, parse_chapter
from crtdiff.store.snapshots import SnapshotRecord, SnapshotStore
from crtdiff.text.normalize import slugify


@dataclass(frozen=True)
class Added:
    """What `add` did."""

    entry: CatalogEntry
    change: str
    """added, updated or unchanged."""
    sha256: str


def _country(country: str, year: int, reference: Reference) -> str:
    """The canonical name of `country`, once both it and `year` are known to be valid."""
    resolved = reference.countries.resolve(country)
    if resolved is None:
        raise MetadataError("COUNTRY", reference.countries.unknown(country))
    problem = report_year_problem(year)
    if problem is not None:
        raise MetadataError(f"{resolved.name} {year}", problem)
    return resolved.name


def _check(
    raw: RawSource, country: str, year: int, reference: Reference, series: str | None = "crt"
) -> tuple[Source, str]:
    """Refuse a text that is not this country-year's chapter before it enters the catalogue;
    returns its source, with the official URL and publication date the page states, and its
    series (told from the page when `series` is None)."""
    request = Request(country, year, None, OnMismatch.REJECT, series)
    report = parse_chapter(raw, request, reference)
    return report.source, report.series


def add_file(
    catalog_path: Path,
    country: str,
    year: int,
    file: Path,
    reference: Reference,
    series: str | None = "crt",
    *,
    illustrative: bool = False,
) -> Added:
    """Keep a local chapter as a content-addressed snapshot and catalogue it (`illustrative`:
    the text was written for tests and demos, and every output built from it says so)."""
    name = _country(country, year, reference)
    raw = read_local(file)
    fmt = detect_format(raw.data, raw.uri)
    stated, found = _check(raw, name, year, reference, series)
    sha = hashlib.sha256(raw.data).hexdigest()
    store = SnapshotStore(catalog_path.parent / "snapshots")
    suffix = {"html": ".html", "pdf": ".pdf"}.get(fmt.value, ".txt")
    record = SnapshotRecord(sha, raw.retrieved_at.isoformat(), suffix)
    prefix = "" if found == "crt" else f"{found}/"
    stored = store.put(f"file:{prefix}{slugify(name)}/{year}", raw.data, record)
    relative = stored.path.relative_to(catalog_path.parent).as_posix()
    entry = CatalogEntry(
        country=name,
        year=year,
        source=relative,
        illustrative=illustrative,
        note=f"added from {file.name}",
        url=stated.url,
        published=stated.published,
        series=found,
    )
    return Added(entry, upsert_entry(catalog_path, entry, reference.countries), sha)


def add_url(
    catalog_path: Path,
    country: str,
    year: int,
    url: str,
    reference: Reference,
    fetch: Fetcher,
    series: str | None = "crt",
    *,
    illustrative: bool = False,
) -> Added:
    """Fetch a chapter (keeping its snapshot) and catalogue its URL."""
    name = _country(country, year, reference)
    store = SnapshotStore(catalog_path.parent / "snapshots")
    source = fetch_to_store(url, store, fetch)
    stated, found = _check(source.raw, name, year, reference, series)
    entry = CatalogEntry(
        country=name,
        year=year,
        source=url,
        illustrative=illustrative,
        url=stated.url,
        published=stated.published,
        series=found,
    )
    sha = hashlib.sha256(source.raw.data).hexdigest()
    return Added(entry, upsert_entry(catalog_path, entry, reference.countries), sha)
