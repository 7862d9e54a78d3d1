"""Prefect settings for crtdiff, applied through the environment before prefect is imported."""

import os
from pathlib import Path

from crtdiff.paths import PROJECT_ROOT

STATE_DIR = PROJECT_ROOT / ".prefect"


def configure_prefect(state_dir: Path = STATE_DIR, *, quiet: bool = True) -> None:
    """Offline, quiet, project-local Prefect; settings already in the environment win.

    Without PREFECT_API_URL a run starts a temporary local API server (ephemeral mode), which
    takes 10-20 s on a 2-core machine: the start-up timeout is raised so it does not fail there.
    Run logs go to the API from INFO up (the UI shows them); `quiet` keeps the terminal to
    warnings and errors.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    defaults = {
        "PREFECT_HOME": str(state_dir / "home"),
        "PREFECT_RESULTS_LOCAL_STORAGE_PATH": str(state_dir / "results"),
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING" if quiet else "INFO",
        "PREFECT_UI_ENABLED": "false",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
