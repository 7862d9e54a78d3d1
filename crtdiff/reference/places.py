"""Places the chapters name (data/reference/places.csv): canonical name, spelling variants,
administrative level, the region a place lies in, and its country."""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from crtdiff.csv_table import read_rows
from crtdiff.errors import ConfigError
from crtdiff.paths import REFERENCE_DIR
from crtdiff.reference.countries import COUNTRIES_FILE, CountryTable, load_countries
from crtdiff.text.normalize import match_key

PLACES_FILE = REFERENCE_DIR / "places.csv"
_COLUMNS = ["name", "variants", "level", "region", "country"]
LEVELS = ("region", "district", "town", "area")
"""region: the first administrative level a chapter names (region, state, province,
governorate, county); district: the level below (province, department, agency); town: a city,
town or village; area: a geographic area that is no administrative unit (Mindanao, VRAEM)."""
WIDE_LEVELS = ("region", "district", "area")
"""Levels whose names are too generic to place an event abroad ("the Sahel", "the Centre")."""


@dataclass(frozen=True)
class Place:
    """One row: a place and where it lies."""

    name: str
    level: str
    region: str | None
    country: str
    variants: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every written form: the canonical name, then the variants."""
        return (self.name, *self.variants)


@dataclass(frozen=True)
class PlaceTable:
    """Every place, indexed by the folded form of each of its names."""

    places: tuple[Place, ...]
    index: dict[str, tuple[Place, ...]] = field(default_factory=dict)

    def lookup(self, written: str, country: str | None, level: str | None = None) -> Place | None:
        """The place a written form names: in `country` first (a town before a region of the
        same name, unless `level` asks for one); elsewhere only an unambiguous town."""
        found = self.index.get(match_key(written), ())
        if not found:
            return None
        home = [p for p in found if p.country == country]
        if home:
            wanted = [p for p in home if p.level == level] if level else []
            towns = [p for p in home if p.level == "town"]
            return (wanted or towns or home)[0]
        abroad = [p for p in found if p.level not in WIDE_LEVELS]
        countries = {p.country for p in abroad}
        return abroad[0] if len(countries) == 1 and len(abroad) == 1 else None


def _row(where: str, row: dict[str, str], countries: CountryTable) -> Place:
    name = row["name"].strip()
    if not name:
        raise ConfigError(where, "name is empty")
    if row["level"] not in LEVELS:
        raise ConfigError(where, f"level {row['level']!r} is not one of {', '.join(LEVELS)}")
    country = countries.resolve(row["country"])
    if country is None or country.name != row["country"]:
        raise ConfigError(where, f"country {row['country']!r} is not a name in countries.csv")
    variants = tuple(v.strip() for v in row["variants"].split("|") if v.strip())
    return Place(name, row["level"], row["region"].strip() or None, country.name, variants)


def _validate(rows: list[tuple[str, Place]]) -> dict[str, tuple[Place, ...]]:
    regions = {(p.country, p.name) for _, p in rows if p.level == "region"}
    index: dict[str, list[Place]] = {}
    for where, place in rows:
        if place.region is not None and (place.country, place.region) not in regions:
            raise ConfigError(
                where, f"region {place.region!r} is not a region row of {place.country}"
            )
        for written in place.names:
            key = match_key(written)
            clash = next(
                (
                    p
                    for p in index.get(key, [])
                    if (p.country, p.level) == (place.country, place.level)
                ),
                None,
            )
            if clash is not None and clash is not place:
                raise ConfigError(
                    where,
                    f"{written!r} names both {clash.name!r} and {place.name!r} "
                    f"({place.level}, {place.country})",
                )
            if clash is None:
                index.setdefault(key, []).append(place)
    return {key: tuple(found) for key, found in index.items()}


@lru_cache(maxsize=4)
def load_places(path: Path = PLACES_FILE) -> PlaceTable:
    """Read and validate the places table (countries from countries.csv of the same folder)."""
    countries = load_countries(path.parent / COUNTRIES_FILE.name)
    rows = [
        (where, _row(where, row, countries))
        for n, row in read_rows(path, _COLUMNS, "places table")
        if (where := f"{path.name} line {n}")
    ]
    return PlaceTable(tuple(p for _, p in rows), _validate(rows))
