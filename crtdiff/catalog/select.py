"""Which countries a run covers: all, the ones named, the ones with a chapter of given years;
a name that is no country, or a country the catalogue has no chapter of, stops the command."""

from crtdiff.catalog.load import Catalog
from crtdiff.errors import ConfigError
from crtdiff.reference.countries import CountryTable


def _named(names: list[str], catalog: Catalog, table: CountryTable) -> list[str]:
    """Canonical names of the countries asked for (a run must never silently widen to every
    country, nor do nothing without saying why)."""
    catalogued = {e.country for e in catalog.entries}
    selected: list[str] = []
    for name in names:
        country = table.resolve(name)
        if country is None:
            raise ConfigError(f"--country {name}", table.unknown(name))
        if country.name not in catalogued:
            raise ConfigError(
                f"--country {name}",
                f"no chapter of {country.name} in {catalog.path}; add one with "
                f"`crtdiff add {country.name!r} YEAR --file PATH` (or --url URL)",
            )
        if country.name not in selected:
            selected.append(country.name)
    return selected


def select_countries(
    catalog: Catalog, table: CountryTable, countries: list[str] | None, years: list[int] | None
) -> list[str] | None:
    """Canonical names of the countries to run (None: every country), whole countries always:
    a year's chapters are compared with their neighbours, so every year of a country runs."""
    named = _named(countries, catalog, table) if countries else None
    if not years:
        return named
    of_years = catalog.countries_of_years(years)
    shown = ", ".join(str(y) for y in years)
    if not of_years:
        raise ConfigError(
            str(catalog.path),
            f"no chapter of report year {shown} is catalogued; "
            f"`crtdiff discover --year {years[0]} --all-countries` finds them",
        )
    if named is None:
        return of_years
    chosen = [c for c in of_years if c in named]
    if not chosen:
        raise ConfigError(
            str(catalog.path),
            f"none of {', '.join(countries or [])} has a chapter of report year {shown}",
        )
    return chosen
