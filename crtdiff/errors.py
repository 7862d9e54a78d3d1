"""The documented error types: each prints as one line naming the input and the problem."""

import errno
from collections.abc import Callable


class CrtdiffError(Exception):
    """Base of every error crtdiff reports to users instead of a traceback."""

    exit_code = 1

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[Callable[..., "CrtdiffError"], tuple[object, ...]]:
        # Errors travel between processes (worker pools, Dask): rebuild from both fields.
        return (type(self), (self.source, self.problem))


class InputError(CrtdiffError):
    """An input file or page cannot be read as a chapter (missing, empty, binary, truncated)."""


class NoChapterError(InputError):
    """The page holds no recognisable Country Reports on Terrorism chapter."""


class MetadataError(InputError):
    """Country, year or chapter cannot be established, or disagree with what was asked."""


class FetchError(InputError):
    """A URL could not be fetched (network, HTTP status, size cap, timeout)."""

    def __init__(
        self, source: str, problem: str, *, transient: bool = False, status: int | None = None
    ) -> None:
        super().__init__(source, problem)
        self.transient = transient
        """True when trying again later may succeed (5xx, timeout, truncated body)."""
        self.status = status
        """The HTTP status the server answered with, when it answered at all."""

    @property
    def not_found(self) -> bool:
        """True when the server answered that the page does not exist (404, 410)."""
        return self.status in (404, 410)

    def __reduce__(self) -> tuple[Callable[..., "CrtdiffError"], tuple[object, ...]]:
        return (_rebuild_fetch_error, (self.source, self.problem, self.transient, self.status))


def _rebuild_fetch_error(
    source: str, problem: str, transient: bool, status: int | None = None
) -> FetchError:
    return FetchError(source, problem, transient=transient, status=status)


class ConfigError(CrtdiffError):
    """The catalogue, reference data or command line is wrong: a usage error, exit status 2."""

    exit_code = 2


class WorkspaceError(CrtdiffError):
    """The environment failed, not an input: disk full, read-only or unwritable output, the
    workspace locked by another run, the Prefect server unreachable. Exit status 2."""

    exit_code = 2


_OS_PROBLEMS = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EIO: "input/output error",
    errno.EMFILE: "too many open files",
    errno.ENFILE: "too many open files",
}


def workspace_error(exc: OSError) -> WorkspaceError:
    """An operating-system failure met while writing the workspace, as one line."""
    problem = _OS_PROBLEMS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    where = exc.filename if exc.filename is not None else "crtdiff"
    return WorkspaceError(str(where), problem)
