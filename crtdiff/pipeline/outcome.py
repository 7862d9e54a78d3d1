"""What happened to each catalogue entry in a run, and the run's report file."""

import contextlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson

from crtdiff.store.atomic import atomic_write_bytes


class Status(StrEnum):
    """Outcome of one entry."""

    OK = "ok"
    REJECTED = "rejected"
    """The input is bad: reported, skipped, and the run exits with status 1."""
    UNAVAILABLE = "unavailable"
    """The source could not be fetched (offline, 404) and has no snapshot or fallback."""


@dataclass
class EntryOutcome:
    """One entry's outcome: its output file or the one-line reason it was rejected."""

    key: str
    status: Status
    output: str | None = None
    reason: str | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    illustrative: bool = False
    cached: bool = False
    """True when the result came from the store (nothing recomputed)."""
    report_key: str | None = None
    """Key of the stored result (report or diff)."""
    country: str | None = None
    chapter: str | None = None
    year: int | None = None
    """Report year (the newer year for a comparison)."""
    source: str | None = None
    """Where the chapter was read from (a URL, its snapshot or fallback, a file)."""

    def as_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready values (`dataclasses.asdict` deep-copies field by field,
        which costs a second per 10,000 entries of a run)."""
        data = dict(self.__dict__)
        data["notes"], data["warnings"] = list(self.notes), list(self.warnings)
        return data


RECORD_FIELDS = (
    "key", "output", "illustrative", "report_key", "country", "chapter", "year", "warnings",
    "source",
)  # fmt: skip
"""What the manifest keeps of a successful outcome (and checks a record against)."""


def outcome_record(outcome: EntryOutcome) -> dict[str, Any]:
    """What the manifest keeps of a successful outcome to reuse it next run."""
    data = outcome.as_dict()
    return {name: data[name] for name in RECORD_FIELDS}


def cached_outcome(record: dict[str, Any], notes: list[str]) -> EntryOutcome:
    """An outcome reused from the manifest: nothing was read or recomputed."""
    return EntryOutcome(status=Status.OK, cached=True, notes=notes, **record)


def rejection_record(outcome: EntryOutcome) -> dict[str, Any]:
    """What the manifest keeps of a rejection to repeat it without parsing the same bytes."""
    return {"report_key": outcome.report_key, "reason": outcome.reason}


def cached_rejection(key: str, record: dict[str, Any], notes: list[str]) -> EntryOutcome:
    """A rejection repeated from the manifest: the same bytes and code, the same reason."""
    return EntryOutcome(
        key, Status.REJECTED, reason=record.get("reason"), notes=notes, cached=True,
        report_key=record.get("report_key"),
    )  # fmt: skip


@dataclass
class Work:
    """How much was computed and how much reused: what the incremental tests count."""

    ingested: int = 0
    ingest_cached: int = 0
    compared: int = 0
    compare_cached: int = 0
    countries_rendered: int = 0
    countries_cached: int = 0
    index_rendered: int = 0


class RunReport:
    """Everything a run did, written to output/run-report.json.

    A plain class, not a dataclass: it is the flow's return value, and Prefect walks every
    dataclass, list and dict it returns looking for futures (a second per 10,000 entries).
    """

    def __init__(self, started_at: str, catalog: str | None = None) -> None:
        self.started_at = started_at
        self.finished_at: str | None = None
        self.catalog = catalog
        self.entries: list[EntryOutcome] = []
        self.comparisons: list[EntryOutcome] = []
        self.work = Work()
        self.up_to_date = False
        """True when nothing had changed: answered from the manifest, without Prefect."""
        self.next_url_check: str | None = None
        """When the first URL not asked in this run (checked recently) is asked again."""
        self.failure: str | None = None
        """One line: the environment failed (disk, permissions, lock, server, catalogue)."""
        self.bug: str | None = None
        """The traceback of a genuine bug that stopped the run."""

    @property
    def rejected(self) -> list[EntryOutcome]:
        """Entries and comparisons that failed."""
        return [e for e in self.entries + self.comparisons if e.status is Status.REJECTED]

    @property
    def unavailable(self) -> list[EntryOutcome]:
        """Entries whose source could not be fetched and had no snapshot or fallback."""
        return [e for e in self.entries if e.status is Status.UNAVAILABLE]

    @property
    def exit_code(self) -> int:
        """0 all fine; 1 some inputs rejected or unavailable; 2 the environment failed;
        3 a bug stopped the run."""
        if self.bug is not None:
            return 3
        if self.failure is not None:
            return 2
        return 1 if self.rejected or self.unavailable else 0

    @property
    def status(self) -> str:
        """`ok`, `incomplete` (inputs rejected or unavailable), `failed` or `crashed`."""
        return ("ok", "incomplete", "failed", "crashed")[self.exit_code]

    def write(self, out_dir: Path) -> Path:
        """Write the report atomically as JSON."""
        path = out_dir / "run-report.json"
        payload = {
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "catalog": self.catalog,
            "entries": [e.as_dict() for e in self.entries],
            "comparisons": [c.as_dict() for c in self.comparisons],
            "work": asdict(self.work),
            "up_to_date": self.up_to_date,
            "next_url_check": self.next_url_check,
            "status": self.status,
            "exit_code": self.exit_code,
            "error": self.failure or self.bug,
        }
        atomic_write_bytes(path, orjson.dumps(payload, option=orjson.OPT_INDENT_2) + b"\n")
        return path

    def write_or_withdraw(self, out_dir: Path) -> None:
        """Write the report; when even that fails (disk full, read-only folder), remove the
        previous one rather than leave it saying that this run went well."""
        try:
            self.write(out_dir)
        except OSError:
            with contextlib.suppress(OSError):
                (out_dir / "run-report.json").unlink(missing_ok=True)


def utc_now_iso() -> str:
    """Current UTC time, ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
