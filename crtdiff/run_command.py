"""`crtdiff run`: configure Prefect, run the flow with a progress bar, print a summary."""

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crtdiff.catalog.load import load_catalog
from crtdiff.catalog.select import select_countries
from crtdiff.pipeline.outcome import RunReport, Status
from crtdiff.reference.bundle import load_reference

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
    dask_address: str | None = None
    processes: int | None = None
    show_progress: bool = True


def run_pipeline(options: RunOptions) -> int:
    """Run the main flow; returns the exit status (0 ok, 1 some inputs rejected)."""
    from flows.settings import configure_prefect

    configure_prefect()
    reference = load_reference()
    catalog = load_catalog(options.catalog, reference.countries)  # ConfigError → exit 2 early
    countries = (
        select_countries(options.countries, catalog, reference.countries)
        if options.countries
        else None
    )
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
        task_id = bar.add_task("starting Prefect", total=len(catalog.entries))

        def advance(stage: str, count: int) -> None:
            bar.update(task_id, description=stage, advance=count)

        with listening(advance):
            report = flow(
                str(options.catalog),
                str(options.out_dir),
                str(options.store_dir),
                countries,
            )
    print_summary(report, options.out_dir)
    print_work(report)
    return report.exit_code
