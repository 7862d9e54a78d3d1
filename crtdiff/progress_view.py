"""The progress of `crtdiff run`: a live bar on a terminal, one plain line per stage otherwise
(a log file or a pipe gets no cursor movements and no redrawn lines)."""

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class ProgressView:
    """Shows stages as they advance: `stage(name, total)` begins one, `advance(name, n)` counts
    in it. Use as a context manager; nothing is shown when disabled."""

    def __init__(self, console: Console, *, enabled: bool = True) -> None:
        self.console = console
        self.enabled = enabled
        self.live = enabled and console.is_terminal
        self._bar = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=not self.live,
            transient=True,
        )
        self._task = self._bar.add_task("starting", total=None)
        self._stage: str | None = None
        self._done = 0
        self._total: int | None = None

    def __enter__(self) -> "ProgressView":
        self._bar.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self._finish_stage()
        self._bar.__exit__(kind, error, trace)

    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage begins (the previous one is done)."""
        if name == self._stage:
            if total is not None:
                self._total = total
                self._bar.update(self._task, total=total)
            return
        self._finish_stage()
        self._stage, self._done, self._total = name, 0, total
        self._bar.update(self._task, description=name, total=total, completed=0)

    def advance(self, name: str, count: int = 1) -> None:
        """`count` more items of stage `name` are done."""
        self.stage(name)
        self._done += count
        self._bar.update(self._task, advance=count)

    def _finish_stage(self) -> None:
        if self._stage is None or not self.enabled or self.live:
            return
        tally = f" {self._done}/{self._total}" if self._total is not None else ""
        if not tally and self._done:
            tally = f" {self._done}"
        self.console.print(f"crtdiff: {self._stage}{tally}", markup=False, highlight=False)
        self._stage = None
