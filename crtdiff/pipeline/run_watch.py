"""What `crtdiff serve` says about the flow runs it serves: a line when one starts, a line when
it ends (its state and message), from what the Prefect API reports."""

from dataclasses import dataclass

FINAL = ("COMPLETED", "FAILED", "CANCELLED", "CRASHED")


@dataclass(frozen=True)
class RunView:
    """A flow run as the API shows it."""

    id: str
    deployment: str
    name: str
    state_type: str
    """Prefect's state type: SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, ..."""
    state_name: str
    message: str | None = None
    started: str | None = None
    """When it started running (UTC, ISO 8601), once it has."""


class RunWatch:
    """Remembers the state of every run seen, and words each change worth a line."""

    def __init__(self, known: list[RunView]) -> None:
        # Runs already there when serving starts are history, not news.
        self.seen = {run.id: run.state_type for run in known}

    def update(self, runs: list[RunView]) -> list[str]:
        """The lines for the runs whose state changed since the last update (a run that both
        started and ended between two updates gets both lines)."""
        lines = []
        for run in runs:
            before = self.seen.get(run.id)
            if before == run.state_type or run.state_type in ("SCHEDULED", "PENDING"):
                continue
            self.seen[run.id] = run.state_type
            what = f"crtdiff serve: {run.deployment} run {run.name!r}"
            if before != "RUNNING" and (run.state_type == "RUNNING" or run.started):
                lines.append(f"{what} started" + (f" at {run.started}" if run.started else ""))
            if run.state_type in FINAL:
                named = f" ({run.state_name})" if run.state_name.upper() != run.state_type else ""
                message = f": {run.message}" if run.message else ""
                lines.append(f"{what} ended {run.state_type.lower()}{named}{message}")
        return lines
