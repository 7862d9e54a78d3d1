"""Probe the URLs where a report year's chapters should appear, and catalogue what answers."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from crtdiff.catalog.add import add_url
from crtdiff.catalog.sources import Fetcher
from crtdiff.errors import CrtdiffError, FetchError
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import Country
from crtdiff.series.registry import series_named

STATE_GOV = "https://www.state.gov"
FIRST_COUNTRY_PAGE_YEAR = 2018
"""From report year 2018 each chapter has its own page; earlier years sit in region pages whose
numeric ids cannot be guessed."""


def expected_urls(year: int, country: Country, base: str = STATE_GOV) -> list[str]:
    """Where the chapter of `country` for report `year` is published, by era."""
    if year < FIRST_COUNTRY_PAGE_YEAR:
        return []
    return [f"{base.rstrip('/')}/reports/country-reports-on-terrorism-{year}/{country.slug}/"]


class Found(StrEnum):
    """Outcome of probing one country."""

    ADDED = "added"
    ABSENT = "absent"
    REJECTED = "rejected"
    NO_PATTERN = "no_pattern"


@dataclass(frozen=True)
class Probe:
    """What one country's expected URL gave."""

    country: str
    year: int
    outcome: Found
    detail: str


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
            probes.append(Probe(name, year, Found.REJECTED, "unknown country"))
            continue
        if series == "crt":
            urls = expected_urls(year, country, base)
            detail = f"no URL pattern before {FIRST_COUNTRY_PAGE_YEAR} (region pages)"
        else:
            urls = series_urls(year, country, series, base)
            detail = f"no URL pattern of {series} for {year} (data/reference/series/urls.csv)"
        if not urls:
            probes.append(Probe(country.name, year, Found.NO_PATTERN, detail))
        for url in urls:
            try:
                added = add_url(catalog_path, country.name, year, url, reference, fetch, series)
                probes.append(Probe(country.name, year, Found.ADDED, f"{url} ({added.change})"))
            except FetchError as exc:
                probes.append(Probe(country.name, year, Found.ABSENT, exc.problem))
            except CrtdiffError as exc:
                probes.append(Probe(country.name, year, Found.REJECTED, str(exc)))
    return probes
