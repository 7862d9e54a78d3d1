"""Which series a page belongs to, and the country and year its series' titles and URLs give."""

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from urllib.parse import urlparse

from crtdiff.ingest.metadata import Clues, CountryClue, YearClue
from crtdiff.reference.countries import CountryTable
from crtdiff.reference.series import SeriesDefinition

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_SEP = r"\s*[:\-–—|]\s*"
_COUNTRY = r"(?P<country>[^|\n]+?)"


@lru_cache(maxsize=16)
def _title_patterns(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    alternatives = "|".join(re.escape(p) for p in phrases)
    return (
        # "2019 Country Reports on Human Rights Practices: Mali"
        re.compile(rf"{_YEAR}\s+(?:{alternatives}){_SEP}{_COUNTRY}\s*$", re.IGNORECASE),
        # "Country Reports on Human Rights Practices for 2016: Mali"
        re.compile(rf"(?:{alternatives})(?:\s+for)?,?\s+{_YEAR}{_SEP}{_COUNTRY}\s*$", re.I),
    )


def _names_series(text: str, definition: SeriesDefinition) -> bool:
    lowered = text.lower()
    return any(p.lower() in lowered for p in definition.title_phrases)


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return parsed.path if parsed.scheme in ("http", "https", "file") else uri


def detect_series(
    texts: Iterable[str], uri: str, definitions: Mapping[str, SeriesDefinition]
) -> SeriesDefinition | None:
    """The series a page's titles (first) or URL name, or None when they name none."""
    for text in texts:
        for definition in definitions.values():
            if _names_series(text, definition):
                return definition
    path = _path(uri)
    for definition in definitions.values():
        if any(u.pattern.search(path) for u in definition.urls):
            return definition
    return None


def add_series_clues(
    clues: Clues, definition: SeriesDefinition, titles: Iterable[str], uri: str, table: CountryTable
) -> None:
    """Put what the series' own titles and URL patterns say first among the clues."""
    countries: list[CountryClue] = []
    years: list[YearClue] = []
    for text in titles:
        for pattern in _title_patterns(definition.title_phrases):
            match = pattern.search(text.strip())
            if match is None:
                continue
            where = f"title {text.strip()!r}"
            years.append(YearClue(frozenset([int(match.group("year"))]), where))
            country = table.resolve(match.group("country"))
            if country is not None:
                countries.append(CountryClue(country, where))
                clues.title = clues.title or match.group(0).strip()
            break
    path = _path(uri)
    for url in definition.urls:
        found = url.pattern.search(path)
        if found is None:
            continue
        years.append(YearClue(frozenset([int(found.group(1))]), f"URL {uri}"))
        country = table.by_slug(found.group(2)) if url.guessable else None
        if country is not None:
            countries.append(CountryClue(country, f"URL {uri}"))
        break
    clues.countries[:0] = countries
    clues.years[:0] = years
