"""What the `watch` flow looks for: per report series of the catalogue, the next report year
and the countries to probe for it."""

from dataclasses import dataclass

from crtdiff.catalog.model import CatalogEntry


@dataclass(frozen=True)
class WatchTarget:
    """One series' next report year and the countries it covers."""

    series: str
    year: int
    countries: list[str]


def watch_targets(entries: list[CatalogEntry], year: int | None = None) -> list[WatchTarget]:
    """Per series, the year to look for (`year`, or the series' latest catalogued year + 1:
    the series publish on calendars of their own) and the countries it catalogues."""
    by_series: dict[str, list[CatalogEntry]] = {}
    for entry in entries:
        by_series.setdefault(entry.series, []).append(entry)
    return [
        WatchTarget(
            series,
            year or max(e.year for e in part) + 1,
            sorted({e.country for e in part}),
        )
        for series, part in sorted(by_series.items())
    ]
