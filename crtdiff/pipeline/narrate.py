"""What a run did, in words: the lines of its run log, its counts, the name of its final state.

Plain functions over outcomes, so that the Prefect wiring only sends them where they belong
(the run logger, state messages, artifacts) and the terminal summary says the same things.
"""

import logging
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from crtdiff.errors import FetchError
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status

if TYPE_CHECKING:  # not httpx at run time: the up-to-date path imports this module
    from crtdiff.fetch.http import Fetched

Line = tuple[int, str]
"""A logging level and a message."""


def fetch_line(url: str, result: "Fetched | FetchError") -> Line:
    """One fetch: what came from where, or why nothing did."""
    if isinstance(result, FetchError):
        return logging.WARNING, f"unavailable: {url}: {result.problem}"
    moved = f" (redirected to {result.final_url})" if result.final_url != result.url else ""
    if result.not_modified:
        return logging.INFO, f"not modified: {url}{moved}: the stored snapshot stands"
    size = f"{len(result.data) / 1024:.0f} KB"
    return logging.INFO, f"fetched {url}{moved}: {size}, {result.content_type or 'no type'}"


def counts(run: RunReport) -> str:
    """`3 chapters ingested (2 illustrative), 7 unavailable, 0 rejected; 2 year-to-year
    comparisons`."""
    ok = sum(1 for e in run.entries if e.status is Status.OK)
    unavailable = sum(1 for e in run.entries if e.status is Status.UNAVAILABLE)
    illustrative = sum(1 for e in run.entries if e.illustrative)
    extra = f" ({illustrative} illustrative)" if illustrative else ""
    compared = sum(1 for c in run.comparisons if c.status is Status.OK)
    return (
        f"{ok} chapters ingested{extra}, {unavailable} unavailable, {len(run.rejected)} rejected; "
        f"{compared} year-to-year comparisons"
    )


def work_line(run: RunReport) -> str:
    """What was computed and what was reused."""
    w = run.work
    return (
        f"{w.ingested} ingested ({w.ingest_cached} reused), {w.compared} compared "
        f"({w.compare_cached} reused), {w.countries_rendered} countries rendered "
        f"({w.countries_cached} reused), index {'rendered' if w.index_rendered else 'reused'}"
    )


def state_name(run: RunReport) -> str:
    """`Completed` when every entry is in, `Incomplete` when some were rejected or unavailable
    (the run report's status `incomplete`)."""
    return "Completed" if run.exit_code == 0 else "Incomplete"


def _years(outcomes: list[EntryOutcome]) -> str:
    return ", ".join(
        f"{o.key.split(':', 2)[1]}" + (f" from {o.source}" if o.source else "") for o in outcomes
    )


def outcome_lines(entries: list[EntryOutcome], pairs: list[EntryOutcome]) -> list[Line]:
    """The log of some countries' entries and comparisons: one line per country for what was
    ingested (from where), compared or reused, one per entry that was rejected, unavailable or
    noted."""
    by_country: dict[str, tuple[list[EntryOutcome], list[EntryOutcome]]] = defaultdict(
        lambda: ([], [])
    )
    lines: list[Line] = []
    for o in entries:
        for note in o.notes:
            lines.append((logging.INFO, f"{o.key}: {note}"))
        if o.status is Status.OK:
            by_country[o.country or o.key.split(":", 1)[0]][0].append(o)
        else:
            lines.append((logging.WARNING, f"{o.key}: {o.status.value}: {o.reason}"))
    for p in pairs:
        if p.status is Status.OK:
            by_country[p.country or p.key.split(":", 1)[0]][1].append(p)
        else:
            lines.append((logging.WARNING, f"{p.key}: comparison {p.status.value}: {p.reason}"))
    for country, (ok, compared) in sorted(by_country.items()):
        parts = []
        fresh = [o for o in ok if not o.cached]
        if fresh:
            parts.append(f"ingested {_years(fresh)}")
        if new := [p.key.split(":", 2)[1] for p in compared if not p.cached]:
            parts.append(f"compared {', '.join(new)}")
        reused = len(ok) - len(fresh), sum(1 for p in compared if p.cached)
        if any(reused):
            parts.append(f"reused {reused[0]} reports and {reused[1]} comparisons")
        lines.append((logging.INFO, f"{country}: {'; '.join(parts) or 'nothing to do'}"))
    return lines


def settled_line(countries: int, run: RunReport) -> Line:
    """The countries the flow settled without a task: unchanged since the last run."""
    reports = sum(1 for o in run.entries if o.cached and o.status is Status.OK)
    pairs = sum(1 for o in run.comparisons if o.cached and o.status is Status.OK)
    return (
        logging.INFO,
        f"{countries} {'country' if countries == 1 else 'countries'} unchanged since the last "
        f"run: reused {reports} reports, "
        f"{pairs} comparisons and their pages",
    )


def report_table(run: RunReport) -> list[dict[str, Any]]:
    """The run report as table rows: one per entry and per comparison."""
    return [
        {
            "item": o.key,
            "kind": kind,
            "status": o.status.value,
            "computed": "reused" if o.cached else ("computed" if o.status is Status.OK else ""),
            "output": o.output or "",
            "reason": o.reason or "",
            "notes": " | ".join(o.notes),
            "warnings": len(o.warnings),
            "illustrative": o.illustrative,
        }
        for kind, outcomes in (("chapter", run.entries), ("comparison", run.comparisons))
        for o in outcomes
    ]
