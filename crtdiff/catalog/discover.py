"""Probe the URLs where a report year's chapters should appear, and catalogue what answers."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from crtdiff.catalog.add import add_url
from crtdiff.catalog.sources import Fetcher
from crtdiff.errors import CrtdiffError, FetchError
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import Country

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


def discover(
    catalog_path: Path,
    year: int,
    countries: list[str],
    reference: Reference,
    fetch: Fetcher,
    base: str = STATE_GOV,
) -> list[Probe]:
    """Probe each country's expected URL for `year`; catalogue every chapter that answers."""
    probes = []
    for name in countries:
        country = reference.countries.resolve(name)
        if country is None:
            probes.append(Probe(name, year, Found.REJECTED, reference.countries.unknown(name)))
            continue
        urls = expected_urls(year, country, base)
        if not urls:
            detail = (
                f"chapters before {FIRST_COUNTRY_PAGE_YEAR} sit in region pages whose URLs "
                "carry numeric ids; add one with `crtdiff add COUNTRY YEAR --url URL`"
            )
            probes.append(Probe(country.name, year, Found.NOT_GUESSABLE, detail))
        for url in urls:
            probes.append(_probe(catalog_path, country.name, year, url, reference, fetch))
    return probes


def _probe(
    catalog_path: Path, country: str, year: int, url: str, reference: Reference, fetch: Fetcher
) -> Probe:
    try:
        added = add_url(catalog_path, country, year, url, reference, fetch)
    except FetchError as exc:
        outcome = Found.ABSENT if exc.not_found else Found.UNREACHABLE
        return Probe(country, year, outcome, f"{exc.problem} at {url}")
    except CrtdiffError as exc:
        return Probe(country, year, Found.REJECTED, str(exc))
    return Probe(country, year, Found.ADDED, f"{url} ({added.change} in the catalogue)")
