"""Is there anything to do? Answered before Prefect is imported or a server started.

The same rules as the flow (crtdiff/pipeline/settle.py): every entry's bytes are read and hashed
into its report key, every country must be settled by the output manifest, the index must be as
recorded; and no catalogue URL may be due for a check (crtdiff/pipeline/url_checks.py). Each
series is checked in its own output folder, as the flow runs it. A run of some countries does
not check the others' stored summaries: the flow reads them only to write the index, and
rebuilds one found damaged then.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crtdiff.catalog.load import Catalog
from crtdiff.pipeline.answers import FetchedUrls
from crtdiff.pipeline.context import SettleInputs
from crtdiff.pipeline.keys import Keys
from crtdiff.pipeline.manifest import load_manifest
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status, utc_now_iso
from crtdiff.pipeline.series_site import merge_reports, series_out_dir, split_by_series
from crtdiff.pipeline.settle import select_entries, settle, site_index
from crtdiff.pipeline.url_checks import plan_urls
from crtdiff.reference.countries import CountryTable
from crtdiff.reference.series import DEFAULT_SERIES
from crtdiff.store.results import ResultStore
from crtdiff.store.snapshots import SnapshotStore


def check_up_to_date(
    catalog: Catalog,
    countries_table: CountryTable,
    reference_dir: Path,
    out_dir: Path,
    store_dir: Path,
    countries: list[str] | None,
    recheck_after: timedelta,
    now: datetime | None = None,
) -> RunReport | None:
    """The report of a run that has nothing to do, or None when something must be fetched,
    computed or written (then the flow runs). `reference_dir`: the reference tables, whose
    digest is part of every key (they are not loaded).

    Each series of the catalogue is checked in its own output folder, as the flow runs it
    (flows/pipeline.py, run_all_series); the report is one for all, as the flow's."""
    parts = split_by_series(catalog)
    site = tuple(parts) if len(parts) > 1 else ()
    check = _Check(
        countries_table, Keys.for_reference(reference_dir), store_dir, countries,
        recheck_after, now or datetime.now(UTC), site,
    )  # fmt: skip
    reports: dict[str, RunReport] = {}
    for name, part in parts.items():
        settled = check.series(part, series_out_dir(out_dir, name) if site else out_dir)
        if settled is None:
            return None
        reports[name] = settled
    return reports[DEFAULT_SERIES] if not site else merge_reports(reports, str(catalog.path))


@dataclass(frozen=True)
class _Check:
    """What every series of one check shares."""

    countries_table: CountryTable
    keys: Keys
    store_dir: Path
    countries: list[str] | None
    recheck_after: timedelta
    now: datetime
    site: tuple[str, ...]

    def series(self, catalog: Catalog, out_dir: Path) -> RunReport | None:
        """The check for the entries of one series, in that series' output folder."""
        entries, wanted = select_entries(catalog, self.countries_table, self.countries)
        manifest = load_manifest(out_dir, wanted or None)
        if manifest.index is None:  # no run has completed into this folder yet
            return None
        run = RunReport(started_at=utc_now_iso(), catalog=str(catalog.path))
        run.entries += [
            EntryOutcome(r.label, Status.REJECTED, reason=r.reason) for r in catalog.rejected
        ]
        results = ResultStore(self.store_dir)
        snapshots = SnapshotStore(catalog.folder / "snapshots")
        urls = sorted({e.source for e in entries if e.is_url})
        plan = plan_urls(urls, manifest.urls, snapshots, self.now, self.recheck_after)
        if plan.due:
            return None
        reused = FetchedUrls(plan.reused)
        ctx = SettleInputs(catalog, reused, results, out_dir, self.keys, self.site)
        jobs, country_keys = settle(entries, ctx, manifest, run)
        if jobs or site_index(country_keys, wanted, manifest, ctx)[2]:
            return None
        run.work.ingest_cached = sum(1 for o in run.entries if o.status is Status.OK)
        run.work.compare_cached = sum(1 for o in run.comparisons if o.status is Status.OK)
        run.up_to_date = True
        run.next_url_check = plan.next_check.isoformat() if plan.next_check else None
        run.finished_at = utc_now_iso()
        return run
