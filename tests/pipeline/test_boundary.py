"""The run's error boundary: environment failures are one line and a report, bugs keep their
traceback, and failures cross task boundaries as values."""

import errno
import json
from pathlib import Path

import pytest

from crtdiff.errors import ConfigError, WorkspaceError
from crtdiff.pipeline.boundary import (
    RunStoppedError,
    capture_environment,
    guard_run,
    run_report_of,
    unwrap,
)
from crtdiff.pipeline.outcome import RunReport


def _raise(exc: BaseException) -> RunReport:
    raise exc


@pytest.mark.parametrize(
    ("exc", "failure", "bug"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "out/mali"), "out/mali: disk full", None),
        (
            OSError(errno.EROFS, "Read-only file system", "store"),
            "store: read-only file system",
            None,
        ),
        (
            ConfigError("sources.toml", "catalogue is not valid TOML"),
            "sources.toml: catalogue",
            None,
        ),
        (ValueError("a bug"), None, "ValueError: a bug"),
    ],
)
def test_guard_run_writes_a_report_for_every_stopped_run(
    exc: BaseException, failure: str | None, bug: str | None, tmp_path: Path
) -> None:
    (tmp_path / "run-report.json").write_text('{"exit_code": 0}')
    report = guard_run(lambda: _raise(exc), tmp_path, "sources.toml", "2026-11-29T00:00:00+00:00")
    written = json.loads((tmp_path / "run-report.json").read_text())
    if failure is not None:
        assert report.failure is not None and report.failure.startswith(failure)
        assert (report.exit_code, written["status"]) == (2, "failed")
    if bug is not None:
        assert report.bug is not None and bug in report.bug and "Traceback" in report.bug
        assert (report.exit_code, written["status"]) == (3, "crashed")


def test_environment_failures_cross_tasks_as_values() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "out")
    captured = capture_environment(lambda: _raise(full))
    assert isinstance(captured, WorkspaceError) and str(captured) == "out: disk full"
    with pytest.raises(WorkspaceError, match="disk full"):
        unwrap(captured)
    assert unwrap(capture_environment(lambda: 42)) == 42
    with pytest.raises(ValueError, match="a bug"):  # bugs are not the environment's
        capture_environment(lambda: _raise(ValueError("a bug")))


def test_the_report_of_a_flow_run() -> None:
    report = RunReport(started_at="now")
    assert run_report_of(report) is report
    report.failure = "out: disk full"
    assert run_report_of(RunStoppedError(report)) is report
    with pytest.raises(WorkspaceError, match="Prefect failed"):
        run_report_of(RuntimeError("Flow run crashed"))
