"""`crtdiff run`'s progress: a live bar on a terminal, one plain line per stage otherwise."""

import io

from rich.console import Console

from crtdiff.progress_view import ProgressView


def drive(view: ProgressView) -> None:
    with view:
        view.stage("starting Prefect")
        view.stage("fetch", 3)
        for _ in range(3):
            view.advance("fetch")
        view.stage("ingest", 10)
        view.advance("ingest", 4)
        view.advance("ingest", 6)
        view.stage("render")


def test_plain_lines_when_piped() -> None:
    out = io.StringIO()
    drive(ProgressView(Console(file=out, force_terminal=False, width=80)))
    assert out.getvalue().splitlines() == [
        "crtdiff: starting Prefect",
        "crtdiff: fetch 3/3",
        "crtdiff: ingest 10/10",
        "crtdiff: render",
    ]


def test_a_bar_on_a_terminal_that_leaves_nothing_behind() -> None:
    out = io.StringIO()
    drive(ProgressView(Console(file=out, force_terminal=True, width=80)))
    text = out.getvalue()
    assert "crtdiff: fetch" not in text  # no plain lines
    assert "━" in text  # a bar was drawn
    assert text.endswith("\x1b[2K")  # and its line erased at the end (transient)


def test_nothing_when_disabled() -> None:
    for terminal in (True, False):
        out = io.StringIO()
        drive(ProgressView(Console(file=out, force_terminal=terminal), enabled=False))
        assert out.getvalue() == ""
