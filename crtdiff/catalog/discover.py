"""Find a report year's chapters on state.gov (or a stand-in) and catalogue what answers:
country by country at the expected URL, or every country from the year's table of contents."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from crtdiff.catalog.add import add_url
from crtdiff.catalog.edit import upsert_entries
from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.report_index import (
    FIRST_COUNTRY_PAGE_YEAR,
    STATE_GOV,
    ChapterLink,
    RegionLink,
    country_links,
    index_url,
    region_links,
)
from crtdiff.catalog.sources import Fetcher, ResolvedSource, fetch_to_store
from crtdiff.errors import CrtdiffError, FetchError, NoChapterError
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import Country
from crtdiff.series.chapter import OnMismatch, Request, page_countries, parse_chapter
from crtdiff.series.registry import series_named
from crtdiff.store.snapshots import SnapshotStore
from crtdiff.text.decode import decode_bytes


def expected_urls(year: int, country: Country, base: str = STATE_GOV) -> list[str]:
    """Where the chapter of `country` for report `year` is published, by era."""
    if year < FIRST_COUNTRY_PAGE_YEAR:
        return []
    return [f"{base.rstrip('/')}/reports/country-reports-on-terrorism-{year}/{country.slug}/"]


class Found(StrEnum):
    """Outcome of probing one country; the values are what the command line prints."""

    ADDED = "added"
    ABSENT = "not published yet"
    """The site answered that the page does not exist (404, 410)."""
    UNREACHABLE = "unreachable"
    """No answer that says anything about the page: offline, timeout, server error."""
    REJECTED = "rejected"
    """The page answered but is not that country-year's chapter, or the country is unknown."""
    NOT_GUESSABLE = "cannot be guessed"
    """Years published as region pages, whose URLs carry numeric ids."""

    @property
    def failed(self) -> bool:
        """True when the probe could not do its job (the command then exits with status 1)."""
        return self in (Found.UNREACHABLE, Found.REJECTED)


@dataclass(frozen=True)
class Probe:
    """What one country's expected URL gave."""

    country: str
    year: int
    outcome: Found
    detail: str

    def line(self) -> str:
        """`Mali 2024: not published yet (HTTP 404 at https://...)`."""
        return f"{self.country} {self.year}: {self.outcome.value}: {self.detail}"


def series_urls(year: int, country: Country, series: str, base: str = STATE_GOV) -> list[str]:
    """Where a country's report of another series than CRT is published (its urls.csv rows)."""
    return [
        u.url(base, year, country.slug)
        for u in series_named(series).definition.urls
        if u.guessable and u.first_year <= year <= u.last_year
    ]


def discover(
    catalog_path: Path,
    year: int,
    countries: list[str],
    reference: Reference,
    fetch: Fetcher,
    base: str = STATE_GOV,
    series: str = "crt",
) -> list[Probe]:
    """Probe each country's expected URL for `year`; catalogue every chapter that answers."""
    probes = []
    for name in countries:
        country = reference.countries.resolve(name)
        if country is None:
            probes.append(Probe(name, year, Found.REJECTED, reference.countries.unknown(name)))
            continue
        if series == "crt":
            urls = expected_urls(year, country, base)
            detail = (
                f"chapters before {FIRST_COUNTRY_PAGE_YEAR} sit in region pages whose URLs "
                f"carry numeric ids; `crtdiff discover --year {year} --all-countries` finds "
                "them from the year's table of contents"
            )
        else:
            urls = series_urls(year, country, series, base)
            detail = f"no URL pattern of {series} for {year} (data/reference/series/urls.csv)"
        if not urls:
            probes.append(Probe(country.name, year, Found.NOT_GUESSABLE, detail))
        for url in urls:
            probes.append(_probe(catalog_path, country.name, year, url, reference, fetch, series))
    return probes


def _missing(exc: FetchError) -> Found:
    """Not published (the site says so), or unreachable (nothing said about the page)."""
    return Found.ABSENT if exc.not_found else Found.UNREACHABLE


def _probe(
    catalog_path: Path,
    country: str,
    year: int,
    url: str,
    reference: Reference,
    fetch: Fetcher,
    series: str = "crt",
) -> Probe:
    try:
        added = add_url(catalog_path, country, year, url, reference, fetch, series)
    except FetchError as exc:
        return Probe(country, year, _missing(exc), f"{exc.problem} at {url}")
    except CrtdiffError as exc:
        return Probe(country, year, Found.REJECTED, str(exc))
    return Probe(country, year, Found.ADDED, f"{url} ({added.change} in the catalogue)")


Progress = Callable[[str], None]
"""Told the URL of each page as it is fetched."""


@dataclass(frozen=True)
class YearDiscovery:
    """What the table of contents of one report year gave."""

    year: int
    index: str
    """URL of the year's table of contents."""
    probes: list[Probe]
    pages_fetched: int


def _fetch(
    url: str, store: SnapshotStore, fetch: Fetcher, progress: Progress | None
) -> ResolvedSource:
    if progress is not None:
        progress(url)
    return fetch_to_store(url, store, fetch)


def _entry(
    source: ResolvedSource, country: Country, year: int, chapter: str, url: str, ref: Reference
) -> CatalogEntry:
    """The catalogue entry of one chapter, once its text proves to be that country-year's."""
    request = Request(country.name, year, chapter, OnMismatch.REJECT)
    stated = parse_chapter(source.raw, request, ref).source
    return CatalogEntry(
        country=country.name,
        year=year,
        source=url,
        chapter=chapter,
        url=stated.url,
        published=stated.published,
    )


def _from_country_pages(
    links: list[ChapterLink], year: int, ctx: "_Crawl"
) -> list[tuple[CatalogEntry | None, Probe]]:
    out: list[tuple[CatalogEntry | None, Probe]] = []
    for link in links:
        name = link.country.name
        try:
            source = _fetch(link.url, ctx.store, ctx.fetch, ctx.progress)
            entry = _entry(source, link.country, year, "country", link.url, ctx.reference)
        except FetchError as exc:
            out.append((None, Probe(name, year, _missing(exc), exc.problem)))
            continue
        except CrtdiffError as exc:
            out.append((None, Probe(name, year, Found.REJECTED, str(exc))))
            continue
        out.append((entry, Probe(name, year, Found.ADDED, link.url)))
    return out


def _from_region_pages(
    regions: list[RegionLink], year: int, ctx: "_Crawl"
) -> list[tuple[CatalogEntry | None, Probe]]:
    """Each region page fetched once; one entry per country heading on it."""
    out: list[tuple[CatalogEntry | None, Probe]] = []
    for region in regions:
        try:
            source = _fetch(region.url, ctx.store, ctx.fetch, ctx.progress)
        except FetchError as exc:
            out.append((None, Probe(region.title, year, _missing(exc), exc.problem)))
            continue
        for country in page_countries(source.raw, ctx.reference):
            try:
                entry = _entry(source, country, year, region.chapter, region.url, ctx.reference)
            except CrtdiffError as exc:
                out.append((None, Probe(country.name, year, Found.REJECTED, str(exc))))
                continue
            detail = f"{region.url} ({region.title})"
            out.append((entry, Probe(country.name, year, Found.ADDED, detail)))
    return out


@dataclass(frozen=True)
class _Crawl:
    store: SnapshotStore
    fetch: Fetcher
    reference: Reference
    progress: Progress | None


def discover_year(
    catalog_path: Path,
    year: int,
    reference: Reference,
    fetch: Fetcher,
    base: str = STATE_GOV,
    progress: Progress | None = None,
) -> YearDiscovery:
    """Catalogue every chapter the table of contents of report `year` links: its country
    pages (2017 on) or the countries under the headings of its region pages (2004-2016).

    FetchError when the table of contents cannot be fetched; NoChapterError when it links no
    chapter. Each chapter is checked (its text must be that country-year's) before it enters
    the catalogue, and the catalogue is written once.
    """
    store = SnapshotStore(catalog_path.parent / "snapshots")
    url = index_url(year, base)
    index = _fetch(url, store, fetch, progress)
    page = decode_bytes(index.raw.data, None).text
    ctx = _Crawl(store, fetch, reference, progress)
    if year >= FIRST_COUNTRY_PAGE_YEAR:
        chapters, regions = country_links(page, url, year, reference.countries)
    else:
        chapters, regions = [], region_links(page, url, year)
    if not chapters and not regions:
        raise NoChapterError(url, f"the table of contents links no chapter of report {year}")
    found = _from_country_pages(chapters, year, ctx) + _from_region_pages(regions, year, ctx)
    entries = [entry for entry, _ in found if entry is not None]
    changes = iter(upsert_entries(catalog_path, entries, reference.countries))
    probes = [
        Probe(p.country, p.year, p.outcome, f"{p.detail} ({next(changes)})")
        if entry is not None
        else p
        for entry, p in found
    ]
    fetched = 1 + len(chapters) + len(regions)
    return YearDiscovery(year, url, probes, fetched)
