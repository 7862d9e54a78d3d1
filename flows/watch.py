"""The `watch` flow: probe where the next report year's chapters should appear, catalogue what
has appeared, and run the pipeline for those countries."""

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from crtdiff.catalog.discover import Found, Probe, discover
from crtdiff.catalog.load import load_catalog
from crtdiff.catalog.report_index import STATE_GOV
from crtdiff.catalog.watch_plan import watch_targets
from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import on_every_core
from crtdiff.paths import DEFAULT_CATALOG, DEFAULT_OUTPUT, DEFAULT_STORE
from crtdiff.pipeline.locate import fetch_direct
from crtdiff.reference.bundle import load_reference


@task(name="probe-expected-urls", cache_policy=NO_CACHE)
def probe(
    catalog_path: Path, year: int, countries: list[str], base_url: str, series: str = "crt"
) -> list[Probe]:
    """Probe every country's expected URL of a series for `year` (one task: a few hundred
    requests)."""
    reference = load_reference()
    return discover(catalog_path, year, countries, reference, fetch_direct, base_url, series)


@flow(name="crtdiff-watch", log_prints=False)
def crtdiff_watch(
    catalog_path: str = str(DEFAULT_CATALOG),
    out_dir: str = str(DEFAULT_OUTPUT),
    store_dir: str = str(DEFAULT_STORE),
    base_url: str = STATE_GOV,
    year: int | None = None,
) -> list[str]:
    """Look for each series' next report year (default: the series' latest catalogued year + 1)
    and run the pipeline for the countries where one appeared; returns them."""
    reference = load_reference()
    catalog = load_catalog(Path(catalog_path), reference.countries)
    found: set[str] = set()
    for target in watch_targets(catalog.entries, year):
        probes = probe.with_options(name=f"probe-expected-urls-{target.series}")(
            Path(catalog_path), target.year, target.countries, base_url, target.series
        )
        found |= {p.country for p in probes if p.outcome is Found.ADDED}
    if found:
        # A new report year brings every country at once: one worker process per core.
        on_every_core(crtdiff_run)(catalog_path, out_dir, store_dir, sorted(found))
    return sorted(found)
