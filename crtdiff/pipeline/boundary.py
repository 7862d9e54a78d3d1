"""Where a failure stops: an entry or a country (reported, the rest of the run goes on), or
the run itself when the environment fails (one line, exit status 2, a run report all the same).

Environment failures travel as values out of tasks (`capture_environment`, `unwrap`) rather
than as exceptions, so that Prefect does not log a task crash with a traceback for a disk that
is merely full.
"""

import os
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from crtdiff.errors import CrtdiffError, WorkspaceError, workspace_error
from crtdiff.pipeline.outcome import RunReport, utc_now_iso

T = TypeVar("T")


def internal_error(source: str, exc: BaseException) -> str:
    """The one-line reason of an entry or country stopped by a bug."""
    return f"{source}: internal error ({type(exc).__name__}: {exc}); please report it"


def capture_environment(call: Callable[[], T]) -> T | WorkspaceError:
    """Run `call`; an environment failure is returned instead of raised."""
    try:
        return call()
    except WorkspaceError as exc:
        return exc
    except OSError as exc:
        return workspace_error(exc)


def unwrap(result: T | WorkspaceError) -> T:
    """A task's result, or raise the environment failure it returned."""
    if isinstance(result, WorkspaceError):
        raise result
    return result


def guard_run(
    body: Callable[[], RunReport], out_dir: Path, catalog: str | None, started_at: str = ""
) -> RunReport:
    """Run the flow's body; whatever stops it still yields a run report, written to
    `out_dir/run-report.json` (or the stale one removed): a failure of the environment or
    of the catalogue as one line, a genuine bug with its traceback."""
    started_at = started_at or utc_now_iso()
    try:
        return body()
    except CrtdiffError as exc:
        failure: str | None = str(exc)
        bug = None
    except OSError as exc:
        failure, bug = str(workspace_error(exc)), None
    except Exception as exc:
        if _from_orchestration(exc):  # e.g. the Prefect server gone while publishing
            failure, bug = str(orchestration_failure(exc)), None
        else:
            failure, bug = None, traceback.format_exc()
    return failed_report(out_dir, catalog, started_at, failure=failure, bug=bug)


_ORCHESTRATION = ("prefect", "httpx", "httpcore", "sqlalchemy", "sqlite3", "anyio")


def _from_orchestration(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in _ORCHESTRATION


def orchestration_failure(exc: BaseException) -> WorkspaceError:
    """The Prefect server (or its database) failing, as one line."""
    server = os.environ.get("PREFECT_API_URL") or "the temporary local Prefect server"
    detail = " ".join(str(exc).split())[:300] or type(exc).__name__
    return WorkspaceError(server, f"Prefect failed ({detail})")


class RunStoppedError(Exception):
    """A run the environment or a bug stopped, carrying its (already written) report: the
    final state of the flow run, so that the Prefect UI and a calling flow see it failed."""

    def __init__(self, report: RunReport) -> None:
        super().__init__(report.failure or "a bug stopped the run; please report it")
        self.report = report

    def __reduce__(self) -> tuple[type["RunStoppedError"], tuple[RunReport]]:
        return (type(self), (self.report,))


def failed_report(
    out_dir: Path,
    catalog: str | None,
    started_at: str,
    *,
    failure: str | None = None,
    bug: str | None = None,
) -> RunReport:
    """The report of a run that could not complete, written (or the stale one withdrawn)."""
    report = RunReport(started_at=started_at, catalog=catalog)
    report.failure, report.bug = failure, bug
    report.finished_at = utc_now_iso()
    report.write_or_withdraw(out_dir)
    return report


@contextmanager
def prefect_failures() -> Iterator[None]:
    """Around a flow call: the flow's body never raises (`guard_run`), so whatever escapes
    is the orchestration's (server unreachable, database locked): an environment failure."""
    try:
        yield
    except CrtdiffError:
        raise
    except Exception as exc:
        raise orchestration_failure(exc) from exc


def run_report_of(result: object) -> RunReport:
    """The report a flow run ended with: its return value, or the report its `RunStoppedError`
    carries; anything else (a crashed or cancelled run) is the orchestration failing."""
    if isinstance(result, RunReport):
        return result
    if isinstance(result, RunStoppedError):
        return result.report
    if isinstance(result, BaseException):
        raise orchestration_failure(result) from result
    raise orchestration_failure(RuntimeError(f"the flow ended without a report ({result!r})"))
