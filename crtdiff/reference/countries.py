"""Canonical country names, ISO codes, state.gov slugs and aliases (countries.csv)."""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR
from crtdiff.text.normalize import match_key

COUNTRIES_FILE = REFERENCE_DIR / "countries.csv"
_COLUMNS = ["name", "iso3", "slug", "region", "aliases"]
REGIONS = (
    "Africa",
    "East Asia and Pacific",
    "Europe",
    "Middle East and North Africa",
    "South and Central Asia",
    "Western Hemisphere",
)


@dataclass(frozen=True)
class Country:
    """A country or entity that has a CRT chapter."""

    name: str
    iso3: str
    slug: str
    region: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class CountryTable:
    """All countries, indexed by every folded name, alias and slug."""

    countries: tuple[Country, ...]
    index: dict[str, Country]

    def resolve(self, name: str) -> Country | None:
        """The country a name, alias or slug designates, or None."""
        key = match_key(name)
        if key.startswith("the "):
            key = key[4:]
        return self.index.get(key)

    def by_iso3(self, code: str) -> Country | None:
        """The country with this ISO 3166 alpha-3 code."""
        return next((c for c in self.countries if c.iso3 == code.upper()), None)

    def by_slug(self, slug: str) -> Country | None:
        """The country with this state.gov slug."""
        return self.index.get(match_key(slug.replace("-", " ")))


def _index(countries: tuple[Country, ...], path: Path) -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in countries:
        names = (country.name, country.slug.replace("-", " "), *country.aliases)
        for name in names:
            key = match_key(name)
            if key.startswith("the "):
                key = key[4:]
            other = index.get(key)
            if other is not None and other is not country:
                raise ConfigError(
                    str(path), f"{name!r} names both {other.name!r} and {country.name!r}"
                )
            index[key] = country
    return index


@lru_cache(maxsize=4)
def load_countries(path: Path = COUNTRIES_FILE) -> CountryTable:
    """Read and validate the countries table."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != _COLUMNS:
                raise ConfigError(str(path), f"columns must be {', '.join(_COLUMNS)}")
            countries = []
            for line, row in enumerate(reader, start=2):
                if row["region"] not in REGIONS:
                    raise ConfigError(
                        f"{path.name} line {line}", f"unknown region {row['region']!r}"
                    )
                aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
                countries.append(
                    Country(row["name"], row["iso3"], row["slug"], row["region"], aliases)
                )
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read countries table ({exc.strerror})") from exc
    table = tuple(countries)
    return CountryTable(table, _index(table, path))
