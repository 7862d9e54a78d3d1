"""The run log: Prefect's run logger, to the Prefect API.

`run_log()` is `get_run_logger()` (the same flow or task run context on every record, so the UI
and `/api/logs/filter` show the lines under their run) on a logger whose only handler is the
API's: the terminal of `crtdiff run` shows the CLI's own progress and summary, which report the
same outcomes, instead of every line twice. Prefect's own records keep Prefect's handlers.
"""

import logging
from collections.abc import Iterable

from prefect import get_run_logger
from prefect.logging.handlers import APILogHandler
from prefect.logging.loggers import PrefectLogAdapter

_API_ONLY = logging.getLogger("crtdiff.run")


def run_log() -> logging.LoggerAdapter[logging.Logger]:
    """The logger of the current flow or task run, writing to the Prefect API."""
    if not _API_ONLY.handlers:
        _API_ONLY.addHandler(APILogHandler())
        _API_ONLY.setLevel(logging.INFO)
        _API_ONLY.propagate = False
    context = get_run_logger()
    extra = context.extra if isinstance(context, logging.LoggerAdapter) else None
    return PrefectLogAdapter(_API_ONLY, extra or {})


def log_lines(lines: Iterable[tuple[int, str]]) -> None:
    """Send (level, message) lines to the run log."""
    logger = run_log()
    for level, message in lines:
        logger.log(level, message)
