"""Read a chapter named on the command line: a file, a URL, or a COUNTRY:YEAR catalogue key."""

import re
from pathlib import Path
from urllib.parse import urlparse

from crtdiff.catalog.load import load_catalog
from crtdiff.catalog.sources import fetch_or_snapshot, read_local, resolve_source
from crtdiff.errors import ConfigError, InputError
from crtdiff.fetch.http import Fetched, fetch_url, with_retries
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.series.chapter import RawSource, Request, parse_chapter
from crtdiff.store.snapshots import SnapshotStore

_KEY = re.compile(r"^(?P<country>[^:/\\\\]+):(?P<year>\d{4})$")


def fetch_direct(url: str, etag: str | None, last_modified: str | None) -> Fetched:
    """Fetch with retries, outside any Prefect flow."""
    return with_retries(lambda: fetch_url(url, etag=etag, last_modified=last_modified))


_COMPARE_YEAR_HINT = (
    "catalogue it (`crtdiff add COUNTRY YEAR --file PATH`) and compare COUNTRY:YEAR keys"
)


def read_raw(location: str) -> RawSource:
    """A chapter's raw bytes from a local path or an http(s) URL."""
    scheme = urlparse(location).scheme.lower()
    if scheme in ("http", "https"):
        fetched = fetch_direct(location, None, None)
        return RawSource(fetched.data, location, fetched.retrieved_at)
    if len(scheme) > 1:  # one letter is a Windows drive
        problem = f"unsupported URL scheme {scheme}:// (give an http(s) URL or a file)"
        raise InputError(location, problem)
    return read_local(Path(location))


def read_chapter(
    location: str,
    reference: Reference,
    catalog_path: Path,
    country: str | None = None,
    series: str | None = "crt",
) -> CountryReport:
    """Parse a chapter from a path, a URL, or `COUNTRY:YEAR` of the catalogue (of `series`;
    a file or URL is read as `series`, or as the series it names when `series` is None)."""
    key = _KEY.match(location)
    if key and not Path(location).exists():
        catalog = load_catalog(catalog_path, reference.countries)
        resolved_country = reference.countries.resolve(key.group("country"))
        if resolved_country is None:
            raise ConfigError(location, reference.countries.unknown(key.group("country")))
        entry = catalog.find(resolved_country.name, int(key.group("year")), series=series or "crt")
        if entry is None:
            raise InputError(location, f"no entry for it in {catalog_path}")
        store = SnapshotStore(catalog.folder / "snapshots")
        raw = resolve_source(
            entry, catalog, lambda url: fetch_or_snapshot(url, store, fetch_direct)
        ).raw
        request = Request(entry.country, entry.year, entry.chapter, series=entry.series)
        return parse_chapter(raw, request, reference)
    request = Request(country=country, year_hint=_COMPARE_YEAR_HINT, series=series)
    return parse_chapter(read_raw(location), request, reference)
