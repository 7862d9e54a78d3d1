"""What `watch` looks for: each series' next report year, on its own calendar."""

from crtdiff.catalog.model import CatalogEntry
from crtdiff.catalog.watch_plan import WatchTarget, watch_targets


def entry(country: str, year: int, series: str = "crt") -> CatalogEntry:
    return CatalogEntry(country=country, year=year, source=f"raw/{year}.txt", series=series)


def test_each_series_looks_for_the_year_after_its_own_latest() -> None:
    entries = [entry("Mali", 2018), entry("Niger", 2019), entry("Mali", 2023, "hrr")]
    assert watch_targets(entries) == [
        WatchTarget("crt", 2020, ["Mali", "Niger"]),
        WatchTarget("hrr", 2024, ["Mali"]),
    ]
    assert [t.year for t in watch_targets(entries, 2021)] == [2021, 2021]
    assert watch_targets([]) == []
