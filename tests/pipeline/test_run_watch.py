"""What `crtdiff serve` says about the runs it serves."""

from crtdiff.pipeline.run_watch import RunView, RunWatch


def view(state: str, name: str = "Completed", **more: str) -> RunView:
    return RunView("r1", "annual", "brave-fox", state, name, **more)


def test_a_line_when_a_run_starts_and_one_when_it_ends() -> None:
    watch = RunWatch([])
    assert watch.update([view("SCHEDULED", "Scheduled")]) == []
    assert watch.update([view("RUNNING", "Running", started="2026-12-01T06:00:02+00:00")]) == [
        "crtdiff serve: annual run 'brave-fox' started at 2026-12-01T06:00:02+00:00"
    ]
    assert watch.update([view("RUNNING", "Running")]) == []  # no change, no line
    ended = view("COMPLETED", "Incomplete", message="3 chapters ingested, 7 unavailable")
    assert watch.update([ended]) == [
        "crtdiff serve: annual run 'brave-fox' ended completed (Incomplete): "
        "3 chapters ingested, 7 unavailable"
    ]


def test_a_run_seen_only_once_it_ended_gets_both_lines() -> None:
    watch = RunWatch([])
    lines = watch.update([view("FAILED", "Failed", started="2026-12-01T06:00:02+00:00")])
    assert lines == [
        "crtdiff serve: annual run 'brave-fox' started at 2026-12-01T06:00:02+00:00",
        "crtdiff serve: annual run 'brave-fox' ended failed",
    ]


def test_runs_that_ended_before_serving_began_are_history() -> None:
    watch = RunWatch([view("COMPLETED")])
    assert watch.update([view("COMPLETED")]) == []
