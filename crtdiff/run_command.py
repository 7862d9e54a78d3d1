"""`crtdiff run`: configure Prefect, run the flow with a progress bar, print a summary."""

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crtdiff.catalog.load import load_catalog
from crtdiff.catalog.select import select_countries
from crtdiff.errors import CrtdiffError, workspace_error
from crtdiff.pipeline.boundary import failed_report, prefect_failures, run_report_of
from crtdiff.pipeline.outcome import RunReport, Status, utc_now_iso
from crtdiff.reference.bundle import load_reference
from crtdiff.store.lock import run_lock

console = Console(stderr=True, highlight=False)


def print_summary(report: RunReport, out_dir: Path) -> None:
    """One line per rejected entry and per note, then the totals."""

    def line(text: str) -> None:
        console.print(text, markup=False, soft_wrap=True)

    for entry in report.entries:
        for note in entry.notes:
            line(f"  note: {entry.key}: {note}")
        if entry.status is Status.UNAVAILABLE:
            line(f"  unavailable, skipped: {entry.key}: {entry.reason}")
    for entry in report.rejected:
        line(f"  rejected: {entry.key}: {entry.reason}")
    ok = sum(1 for e in report.entries if e.status is Status.OK)
    unavailable = sum(1 for e in report.entries if e.status is Status.UNAVAILABLE)
    illustrative = sum(1 for e in report.entries if e.illustrative)
    extra = f" ({illustrative} illustrative)" if illustrative else ""
    compared = sum(1 for c in report.comparisons if c.status is Status.OK)
    line(
        f"crtdiff: {ok} chapters ingested{extra}, {unavailable} unavailable, "
        f"{len(report.rejected)} rejected; {compared} year-to-year comparisons; "
        f"site in {out_dir / 'index.html'}"
    )


def print_work(report: RunReport) -> None:
    """What was computed and what was reused."""
    w = report.work
    console.print(
        f"  work: {w.ingested} ingested ({w.ingest_cached} reused), {w.compared} compared "
        f"({w.compare_cached} reused), {w.countries_rendered} countries rendered "
        f"({w.countries_cached} reused), index {'rendered' if w.index_rendered else 'reused'}",
        markup=False,
        soft_wrap=True,
    )


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


def run_pipeline(options: RunOptions) -> int:
    """Run the main flow; returns the exit status (0 all fine, 1 some inputs rejected or
    unavailable, 3 a bug); raises CrtdiffError (exit status 2) when the environment fails.
    A run report is written in every case (see crtdiff/pipeline/boundary.py)."""
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
    else:
        print_summary(report, options.out_dir)
        print_work(report)
    return report.exit_code


def _run_locked(options: RunOptions) -> RunReport:
    from flows.settings import configure_prefect

    configure_prefect()
    reference = load_reference()
    catalog = load_catalog(options.catalog, reference.countries)  # ConfigError → exit 2 early
    countries = select_countries(catalog, reference.countries, options.countries, options.years)
    options.out_dir.mkdir(parents=True, exist_ok=True)

    from flows.pipeline import crtdiff_run
    from flows.progress import listening
    from flows.runtime import quiet_flow_settings, with_runner

    flow = with_runner(crtdiff_run, options.dask_address, options.processes)
    with (
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not options.show_progress,
            transient=True,
        ) as bar,
        quiet_flow_settings(),
    ):
        chosen = set(countries or [])
        total = sum(1 for e in catalog.entries if not chosen or e.country in chosen)
        task_id = bar.add_task("starting Prefect", total=total)

        def advance(stage: str, count: int) -> None:
            bar.update(task_id, description=stage, advance=count)

        with listening(advance), prefect_failures():
            state = flow(
                str(options.catalog),
                str(options.out_dir),
                str(options.store_dir),
                countries,
                return_state=True,
            )
            return run_report_of(state.result(raise_on_failure=False))
