"""The archive's data tables, joined from every country's stored tables and written by a child
process: on the other core, while the parent renders the pages across countries.

Not a thread: the join is thousands of short steps (a file read, a hash, an Arrow call), and
each must take the GIL back from the page rendering's Python loops, waiting up to the switch
interval every time. Measured at 10,000 chapters: 3.0-3.4 s in a thread beside the pages,
against 0.7 s alone, so that the pages waited for the tables.
"""

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

import crtdiff
from crtdiff.errors import CrtdiffError, WorkspaceError
from crtdiff.pipeline.stored_parts import SUMMARY_TABLES, DamagedSummaryError
from crtdiff.reports.tables import TABLES, concat_tables, read_table, write_tables
from crtdiff.store.results import ResultStore

_INPUT_ERROR, _OS_ERROR, _DAMAGED = 3, 4, 5
"""Exit statuses of the child for a documented error, an environment failure and damaged
countries (its one JSON line on standard output says which); any other failure is a bug, its
traceback on stderr."""

TIMEOUT_S = 3600
"""Longest wait for the child: minutes at the largest archive, so only a hung one gets there."""

_CHILD = (
    "import sys\n"
    "from crtdiff.pipeline.archive_tables import child_main\n"
    "sys.exit(child_main(sys.argv[1]))\n"
)


def write_tables_of(store: ResultStore, country_keys: dict[str, str], folder: Path) -> None:
    """The countries' stored tables (and their rows as CSV) joined, written as the archive's
    data tables; nothing is written when one country's are damaged (all such are raised)."""
    tables: list[dict[str, pa.Table]] = []
    chunks: list[dict[str, bytes]] = []
    damaged: list[str] = []
    for country, key in sorted(country_keys.items()):
        data = {name: store.load_bytes("summaries", key, name) for name in SUMMARY_TABLES}
        if None in data.values():
            damaged.append(country)
            continue
        tables.append({name: read_table(data[f"{name}.arrow"] or b"") for name in TABLES})
        chunks.append({name: data[f"{name}.csv.lz4"] or b"" for name in TABLES})
    if damaged:
        raise DamagedSummaryError(damaged)
    write_tables(concat_tables(tables), chunks, folder)


@dataclass
class TablesBuild:
    """A child process writing the archive's data tables."""

    process: "subprocess.Popen[bytes]"
    job: Path
    """The file telling the child what to write (removed once it is done)."""
    folder: Path

    def finish(self, timeout: float = TIMEOUT_S) -> None:
        """Wait for the child; its failure is raised here as it would have been in process
        (damaged countries, an environment failure, or a bug); a child that does not answer
        in `timeout` seconds is stopped, an environment failure (a hung disk)."""
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.cancel()
            problem = f"the data tables were not written (no answer in {timeout:g} s)"
            raise WorkspaceError(str(self.folder), problem) from None
        finally:
            self.job.unlink(missing_ok=True)
        status = self.process.returncode
        if status == 0:
            return
        if status in (_INPUT_ERROR, _OS_ERROR, _DAMAGED):
            answer = json.loads(out)
            if status == _DAMAGED:
                raise DamagedSummaryError(answer["countries"])
            if status == _INPUT_ERROR:
                raise CrtdiffError(answer["source"], answer["problem"])
            raise OSError(answer["errno"], answer["strerror"], answer["filename"])
        lines = err.decode("utf-8", errors="replace").strip().splitlines()
        detail = lines[-1] if lines else "no message"
        raise RuntimeError(f"the data tables were not written (exit status {status}): {detail}")

    def cancel(self) -> None:
        """Stop the child (the tables written before stay: each file is replaced atomically)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        self.job.unlink(missing_ok=True)


@dataclass
class TablesHere:
    """The archive's data tables, to be written in this process when finished (an archive too
    small to repay a child)."""

    store: ResultStore
    country_keys: dict[str, str]
    folder: Path

    def finish(self) -> None:
        """Write them (write_tables_of)."""
        write_tables_of(self.store, self.country_keys, self.folder)

    def cancel(self) -> None:
        """Nothing was started."""


CHILD_FROM_BYTES = 32_000_000
"""Stored Arrow tables from which a child writes the archive's tables: a child costs a fresh
interpreter and pyarrow's import (0.2-0.3 s of CPU), which a smaller join does not repay
(32 MB: about 2,500 chapters of the benchmark archive, 0.2 s to join and write)."""


def start_tables(
    store: ResultStore,
    country_keys: dict[str, str],
    folder: Path,
    child_from_bytes: int = CHILD_FROM_BYTES,
) -> TablesBuild | TablesHere:
    """Start writing the archive's data tables into `folder` from the countries' stored
    tables: in a child process when they are large, else in this process when finished."""
    stored = sum(
        store.size("summaries", key, f"{name}.arrow")
        for key in country_keys.values()
        for name in TABLES
    )
    if stored < child_from_bytes:
        return TablesHere(store, country_keys, folder)
    with tempfile.NamedTemporaryFile(
        "w", prefix="crtdiff-tables-", suffix=".json", delete=False
    ) as f:
        json.dump({"store": str(store.root), "keys": country_keys, "folder": str(folder)}, f)
    job = Path(f.name)
    # The child imports crtdiff from where this process did, whatever its sys.path was.
    package_root = str(Path(crtdiff.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(job)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )  # fmt: skip
    except OSError:
        job.unlink(missing_ok=True)
        raise
    return TablesBuild(process, job, folder)


def child_main(job: str) -> int:
    """The child's work: the tables `job` (a JSON file) asks for; returns its exit status."""
    spec: dict[str, Any] = json.loads(Path(job).read_text(encoding="utf-8"))
    try:
        write_tables_of(ResultStore(Path(spec["store"])), spec["keys"], Path(spec["folder"]))
    except DamagedSummaryError as exc:
        print(json.dumps({"countries": exc.countries}))
        return _DAMAGED
    except CrtdiffError as exc:
        print(json.dumps({"source": exc.source, "problem": exc.problem}))
        return _INPUT_ERROR
    except OSError as exc:
        filename = None if exc.filename is None else str(exc.filename)
        print(json.dumps({"errno": exc.errno, "strerror": exc.strerror, "filename": filename}))
        return _OS_ERROR
    return 0
