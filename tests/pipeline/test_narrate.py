"""The run log's lines, counts and final state name, from outcomes."""

import logging
from datetime import UTC, datetime

from crtdiff.errors import FetchError
from crtdiff.fetch.http import Fetched
from crtdiff.pipeline.narrate import (
    counts,
    fetch_line,
    outcome_lines,
    report_table,
    settled_line,
    state_name,
)
from crtdiff.pipeline.outcome import EntryOutcome, RunReport, Status

WHEN = datetime(2026, 11, 29, tzinfo=UTC)


def ok(
    key: str, *, cached: bool = False, notes: list[str] | None = None, source: str | None = None
) -> EntryOutcome:
    year = int(key.split(":")[1].split("-")[-1])
    return EntryOutcome(key, Status.OK, cached=cached, country="Mali", year=year,
                        chapter="country", notes=notes or [], source=source)  # fmt: skip


def test_fetch_lines() -> None:
    url = "https://www.state.gov/x/"
    page = Fetched(url, url + "y", b"x" * 4096, False, WHEN, content_type="text/html")
    assert fetch_line(url, page) == (
        logging.INFO,
        f"fetched {url} (redirected to {url}y): 4 KB, text/html",
    )
    same = Fetched(url, url, b"", True, WHEN)
    assert fetch_line(url, same) == (
        logging.INFO,
        f"not modified: {url}: the stored snapshot stands",
    )
    assert fetch_line(url, FetchError(url, "HTTP 404", status=404)) == (
        logging.WARNING,
        f"unavailable: {url}: HTTP 404",
    )


def test_outcome_lines_say_what_came_from_where_and_why_not() -> None:
    entries = [
        ok("Mali:2015", notes=["offline; using the illustrative fallback"], source="samples/m"),
        ok("Mali:2016", cached=True),
        EntryOutcome("Mali:2018", Status.UNAVAILABLE, reason="https://x/: HTTP 404"),
        EntryOutcome("Niger:2016", Status.REJECTED, reason="raw/n.txt: file is empty"),
    ]
    pairs = [ok("Mali:2015-2016")]
    assert outcome_lines(entries, pairs) == [
        (logging.INFO, "Mali:2015: offline; using the illustrative fallback"),
        (logging.WARNING, "Mali:2018: unavailable: https://x/: HTTP 404"),
        (logging.WARNING, "Niger:2016: rejected: raw/n.txt: file is empty"),
        (
            logging.INFO,
            "Mali: ingested 2015 from samples/m; compared 2015-2016; "
            "reused 1 reports and 0 comparisons",
        ),
    ]


def test_counts_state_and_table() -> None:
    run = RunReport(started_at="2026-11-29T12:00:00+00:00")
    run.entries = [ok("Mali:2016", cached=True), ok("Mali:2017")]
    run.comparisons = [ok("Mali:2016-2017", cached=True)]
    assert state_name(run) == "Completed"
    assert settled_line(1, run) == (
        logging.INFO,
        "1 country unchanged since the last run: reused 1 reports, 1 comparisons and their pages",
    )
    run.entries.append(EntryOutcome("Mali:2018", Status.UNAVAILABLE, reason="offline"))
    assert state_name(run) == "Incomplete"
    assert counts(run) == (
        "2 chapters ingested, 1 unavailable, 0 rejected; 1 year-to-year comparisons"
    )
    rows = report_table(run)
    assert [(r["item"], r["kind"], r["status"], r["computed"]) for r in rows] == [
        ("Mali:2016", "chapter", "ok", "reused"),
        ("Mali:2017", "chapter", "ok", "computed"),
        ("Mali:2018", "chapter", "unavailable", ""),
        ("Mali:2016-2017", "comparison", "ok", "reused"),
    ]
