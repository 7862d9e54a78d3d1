"""Which countries a run covers: all, the ones named, the ones with a chapter of given years."""

from crtdiff.catalog.load import Catalog
from crtdiff.errors import ConfigError
from crtdiff.reference.countries import CountryTable


def select_countries(
    catalog: Catalog, table: CountryTable, countries: list[str] | None, years: list[int] | None
) -> list[str] | None:
    """Canonical names of the countries to run (None: every country), whole countries always:
    a year's chapters are compared with their neighbours, so every year of a country runs."""
    if not years:
        if not countries:
            return None
        return [c.name if (c := table.resolve(name)) else name for name in countries]
    of_years = catalog.countries_of_years(years)
    shown = ", ".join(str(y) for y in years)
    if not of_years:
        raise ConfigError(
            str(catalog.path),
            f"no chapter of report year {shown} is catalogued; "
            f"`crtdiff discover --year {years[0]} --all-countries` finds them",
        )
    if not countries:
        return of_years
    named = {c.name for name in countries if (c := table.resolve(name)) is not None}
    chosen = [c for c in of_years if c in named]
    if not chosen:
        raise ConfigError(
            str(catalog.path),
            f"none of {', '.join(countries)} has a chapter of report year {shown}",
        )
    return chosen
