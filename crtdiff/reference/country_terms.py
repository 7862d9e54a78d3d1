"""Words that name a country in running text: its names and aliases (countries.csv), its
demonyms, capital and distinctive places (country_terms.csv), and any place table that lands in
the same folder (places.csv: name, variants, country).

They tell which country a chapter's text is about, whatever its title says.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crtdiff.csv_table import read_rows
from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR
from crtdiff.reference.countries import CountryTable, load_countries
from crtdiff.reference.trie import trie_pattern

TERMS_FILE = REFERENCE_DIR / "country_terms.csv"
PLACES_FILE_NAME = "places.csv"
_COLUMNS = ["country", "demonyms", "capital", "places", "not_this_country"]
_GLUED = re.compile(r"[\w-]")
NEUTRAL = ""
"""The "country" of a phrase that holds a country's name without being about it ("Lake Chad")."""


@dataclass(frozen=True)
class CountryTerms:
    """Term → canonical country name (NEUTRAL for excluded phrases), and one matcher for all."""

    terms: dict[str, str]
    pattern: re.Pattern[str]
    """Any term not followed by a word character; that none follows a word character or a
    hyphen either is checked by `find` (a lookbehind opening the pattern keeps `re` from
    skipping to the letters a term can start with: three times slower)."""

    def find(self, text: str) -> Iterator[tuple[re.Match[str], str]]:
        """Every term in the text with its country, longest term first at each position."""
        search, pos = self.pattern.search, 0
        while (match := search(text, pos)) is not None:
            start = match.start()
            if start and _GLUED.match(text, start - 1):
                pos = start + 1  # as the lookbehind would: try the next position
                continue
            yield match, self.terms[match.group(0)]
            pos = match.end()


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _add(terms: dict[str, str], term: str, country: str, where: str, strict: bool) -> None:
    other = terms.get(term)
    if other is not None and other != country:
        if strict:
            raise ConfigError(where, f"{term!r} names both {other or 'no country'} and {country}")
        return
    terms[term] = country


def _place_rows(path: Path, countries: CountryTable) -> Iterator[tuple[str, str]]:
    """(term, country) of a places table, when one exists; rows it cannot place are skipped,
    and so are regions (names such as "Centre", "East" or "Sahel" tell no country) and names
    that places of two countries share ("Tripoli")."""
    if not path.is_file():
        return
    placed: dict[str, set[str]] = {}
    for _, row in read_rows(path, ["name", "country"], "places table", extra_columns=True):
        country = countries.resolve(row["country"])
        if country is None or (row.get("level") or "town") != "town":
            continue
        for term in [row["name"], *_split(row.get("variants") or "")]:
            placed.setdefault(term.strip(), set()).add(country.name)
    for term, owners in placed.items():
        if len(owners) == 1:
            yield term, next(iter(owners))


@lru_cache(maxsize=4)
def load_country_terms(
    path: Path = TERMS_FILE, countries_path: Path = REFERENCE_DIR / "countries.csv"
) -> CountryTerms:
    """Read and validate the country terms, with country names and any places table."""
    countries = load_countries(countries_path)
    terms: dict[str, str] = {}
    for entry in countries.countries:
        for name in (entry.name, *entry.aliases):
            _add(terms, name, entry.name, countries_path.name, strict=False)
    for number, row in read_rows(path, _COLUMNS, "country terms"):
        where = f"{path.name} line {number}"
        country = countries.resolve(row["country"])
        if country is None or country.name != row["country"]:
            raise ConfigError(where, f"{row['country']!r} is not a canonical name of countries.csv")
        for column in ("demonyms", "capital", "places"):
            for term in _split(row[column]):
                _add(terms, term, country.name, where, strict=True)
        for phrase in _split(row["not_this_country"]):
            _add(terms, phrase, NEUTRAL, where, strict=True)
    for term, country_name in _place_rows(path.parent / PLACES_FILE_NAME, countries):
        _add(terms, term, country_name, PLACES_FILE_NAME, strict=False)
    return CountryTerms(terms, re.compile(rf"(?:{trie_pattern(terms)})(?!\w)"))
