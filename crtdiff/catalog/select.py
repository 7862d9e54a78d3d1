"""The countries a command is limited to (`--country`), checked against the catalogue."""

from crtdiff.catalog.load import Catalog
from crtdiff.errors import ConfigError
from crtdiff.reference.countries import CountryTable


def select_countries(names: list[str], catalog: Catalog, countries: CountryTable) -> list[str]:
    """Canonical names of the countries asked for; a name no country answers to, or a country
    the catalogue holds no chapter of, is a usage error (a run must never silently widen to
    every country, nor do nothing without saying why)."""
    catalogued = {e.country for e in catalog.entries}
    selected: list[str] = []
    for name in names:
        country = countries.resolve(name)
        if country is None:
            raise ConfigError(f"--country {name}", countries.unknown(name))
        if country.name not in catalogued:
            raise ConfigError(
                f"--country {name}",
                f"no chapter of {country.name} in {catalog.path}; add one with "
                f"`crtdiff add {country.name!r} YEAR --file PATH` (or --url URL)",
            )
        if country.name not in selected:
            selected.append(country.name)
    return selected
