"""`crtdiff run`: answer at once when nothing changed; else configure Prefect, run the flow with
a progress display, and print a summary."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from rich.console import Console

from crtdiff.catalog.load import load_catalog
from crtdiff.catalog.select import select_countries
from crtdiff.errors import CrtdiffError, workspace_error
from crtdiff.paths import REFERENCE_DIR
from crtdiff.pipeline.boundary import failed_report, prefect_failures, run_report_of
from crtdiff.pipeline.narrate import counts, work_line
from crtdiff.pipeline.outcome import RunReport, Status, utc_now_iso
from crtdiff.pipeline.uptodate import check_up_to_date
from crtdiff.pipeline.url_checks import DEFAULT_RECHECK
from crtdiff.progress_view import ProgressView
from crtdiff.reference.countries import load_countries
from crtdiff.store.lock import run_lock

console = Console(stderr=True, highlight=False)


def _line(text: str) -> None:
    console.print(text, markup=False, soft_wrap=True)


def print_summary(report: RunReport, out_dir: Path) -> None:
    """One line per rejected entry and per note, then the totals."""
    for entry in sorted(report.entries, key=lambda e: e.key):
        for note in entry.notes:
            _line(f"  note: {entry.key}: {note}")
        if entry.status is Status.UNAVAILABLE:
            _line(f"  unavailable, skipped: {entry.key}: {entry.reason}")
    for entry in report.rejected:
        _line(f"  rejected: {entry.key}: {entry.reason}")
    _line(f"crtdiff: {counts(report)}; site in {out_dir / 'index.html'}")


def print_up_to_date(report: RunReport, out_dir: Path) -> None:
    """The answer of a run with nothing to do: what stands, and when URLs are asked again."""
    for entry in report.rejected:
        _line(f"  rejected: {entry.key}: {entry.reason}")
    again = f"; URLs asked again after {report.next_url_check}" if report.next_url_check else ""
    _line(
        f"crtdiff: up to date, nothing changed since the last run: {counts(report)}{again}; "
        f"site in {out_dir / 'index.html'}"
    )


def print_work(report: RunReport) -> None:
    """What was computed and what was reused."""
    _line(f"  work: {work_line(report)}")


@dataclass(frozen=True)
class RunOptions:
    """What `crtdiff run` was asked to do."""

    catalog: Path
    out_dir: Path
    store_dir: Path
    countries: list[str] | None = None
    years: list[int] | None = None
    """Only the countries with a chapter of these report years (with all their years)."""
    dask_address: str | None = None
    processes: int | None = None
    show_progress: bool = True
    recheck_after: timedelta = DEFAULT_RECHECK
    """Catalogue URLs checked more recently than this are not asked again."""


def run_pipeline(options: RunOptions) -> int:
    """Run the main flow unless nothing changed; returns the exit status (0 all fine, 1 some
    inputs rejected or unavailable, 3 a bug); raises CrtdiffError (exit status 2) when the
    environment fails. A run report is written in every case (see crtdiff/pipeline/boundary.py)."""
    started = utc_now_iso()
    try:
        with run_lock(options.out_dir, lambda message: console.print(f"crtdiff: {message}")):
            report = _run_locked(options)
    except CrtdiffError as exc:
        failed_report(options.out_dir, str(options.catalog), started, failure=str(exc))
        raise
    except OSError as exc:  # e.g. the Prefect state folder cannot be created
        failure = workspace_error(exc)
        failed_report(options.out_dir, str(options.catalog), started, failure=str(failure))
        raise failure from exc
    if report.bug is not None:
        console.print(report.bug, markup=False, highlight=False, end="")
        console.print(
            "crtdiff: internal error: a bug stopped the run; please report it with the "
            "traceback above",
            markup=False,
        )
    elif report.failure is not None:
        console.print(f"crtdiff: error: {report.failure}", markup=False, soft_wrap=True)
    elif report.up_to_date:
        print_up_to_date(report, options.out_dir)
    else:
        print_summary(report, options.out_dir)
        print_work(report)
    return report.exit_code


def _run_locked(options: RunOptions) -> RunReport:
    table = load_countries()
    catalog = load_catalog(options.catalog, table)  # ConfigError → exit 2 early
    countries = select_countries(catalog, table, options.countries, options.years)
    settled = check_up_to_date(
        catalog, table, REFERENCE_DIR, options.out_dir, options.store_dir, countries,
        options.recheck_after,
    )  # fmt: skip
    if settled is not None:  # answered without importing Prefect or starting a server
        settled.write(options.out_dir)
        return settled
    from crtdiff.reference.bundle import load_reference

    load_reference()  # a broken reference table is a one-line error before Prefect starts
    options.out_dir.mkdir(parents=True, exist_ok=True)
    return _run_flow(options, countries)


def starts_workers(options: RunOptions, countries: list[str] | None) -> bool:
    """Whether the run's worker processes' server is started ahead of its flow run: with
    local worker processes, unless the run is of one country (one batch, worked in the flow's
    own process)."""
    one_country = countries is not None and len(countries) == 1
    return bool(options.processes) and options.dask_address is None and not one_country


def _run_flow(options: RunOptions, countries: list[str] | None) -> RunReport:
    from crtdiff.flows.settings import configure_prefect

    configure_prefect()
    from crtdiff.flows.pipeline import crtdiff_run
    from crtdiff.flows.progress import listening
    from crtdiff.flows.runtime import quiet_flow_settings, start_worker_server, with_runner
    from crtdiff.flows.server import prefect_api

    flow = with_runner(crtdiff_run, options.dask_address, options.processes)
    if starts_workers(options, countries):
        start_worker_server()
    with ProgressView(console, enabled=options.show_progress) as view:

        def progress(stage: str, advance: int, total: int | None) -> None:
            if total is not None or not advance:
                view.stage(stage, total)
            if advance:
                view.advance(stage, advance)

        view.stage("starting Prefect")
        # prefect_failures outermost: a server that does not start, or fails while the run's
        # events are sent and it is stopped, is the environment failing (one line, exit 2).
        with quiet_flow_settings(), prefect_failures(), prefect_api(), listening(progress):
            state = flow(
                str(options.catalog),
                str(options.out_dir),
                str(options.store_dir),
                countries,
                recheck_after_s=options.recheck_after.total_seconds(),
                return_state=True,
            )
            # _sync: with an event loop running in the thread (a notebook), Prefect would hand
            # back a coroutine instead of the flow's result.
            result = state.result(raise_on_failure=False, _sync=True)  # type: ignore[call-overload]
            return run_report_of(result)
