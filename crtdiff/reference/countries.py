"""Canonical country names, ISO codes, state.gov slugs and aliases (countries.csv)."""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

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

    def closest(self, name: str, limit: int = 3) -> list[str]:
        """Canonical names of the countries whose names are nearest to a misspelt `name`.

        Optimal string alignment first (a swapped pair of letters is one edit: "Mlai" is
        nearer Mali than Malawi), then a looser score for names typed in part ("Burkina")."""
        key, aliases = match_key(name), list(self.index)
        found = process.extract(
            key, aliases, scorer=OSA.normalized_similarity, limit=None, score_cutoff=0.6
        )
        if not found:
            found = process.extract(key, aliases, scorer=fuzz.WRatio, limit=None, score_cutoff=85)
        names = dict.fromkeys(self.index[alias].name for alias, _, _ in found)
        return list(names)[:limit]

    def unknown(self, name: str) -> str:
        """The one-line problem of a name no country answers to, with the closest names."""
        problem = f"unknown country {name!r} (not in data/reference/countries.csv)"
        closest = self.closest(name)
        if closest:
            problem += f"; did you mean {' or '.join(closest)}?"
        return problem

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
