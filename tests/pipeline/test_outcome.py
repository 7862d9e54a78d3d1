"""Run outcomes: the run report file, manifest records, and a return value Prefect won't walk."""

import dataclasses
import json
from pathlib import Path

import pytest

from crtdiff.pipeline.outcome import (
    EntryOutcome,
    RunReport,
    Status,
    cached_outcome,
    outcome_record,
)


def _outcome() -> EntryOutcome:
    return EntryOutcome(
        key="Mali:2016",
        status=Status.OK,
        output="mali/2016.json",
        notes=["fetched"],
        warnings=["repaired_input: mojibake"],
        report_key="ab12",
        country="Mali",
        chapter="country",
        year=2016,
    )


def test_as_dict_has_every_field_and_copies_lists() -> None:
    outcome = _outcome()
    data = outcome.as_dict()
    assert data == dataclasses.asdict(outcome)
    data["warnings"].append("changed")
    assert outcome.warnings == ["repaired_input: mojibake"]


def test_manifest_record_round_trips_to_a_cached_outcome() -> None:
    record = outcome_record(_outcome())
    again = cached_outcome(json.loads(json.dumps(record)), notes=[])
    assert again.cached and again.status is Status.OK
    assert (again.key, again.output, again.report_key, again.year) == (
        "Mali:2016",
        "mali/2016.json",
        "ab12",
        2016,
    )


def test_run_report_file(tmp_path: Path) -> None:
    run = RunReport(started_at="2026-11-28T10:00:00+00:00", catalog="data/sources.toml")
    run.entries.append(_outcome())
    run.entries.append(EntryOutcome("Mali:2020", Status.REJECTED, reason="bad page"))
    run.work.ingested = 1
    written = json.loads(run.write(tmp_path).read_text(encoding="utf-8"))
    assert written["exit_code"] == 1 == run.exit_code
    assert [e["status"] for e in written["entries"]] == ["ok", "rejected"]
    assert written["work"]["ingested"] == 1
    assert set(written) == {
        "started_at", "finished_at", "catalog", "entries", "comparisons", "work", "up_to_date",
        "next_url_check", "status", "exit_code", "error",
    }  # fmt: skip
    assert (written["status"], written["error"]) == ("incomplete", None)


def test_exit_statuses() -> None:
    run = RunReport(started_at="now")
    run.entries.append(_outcome())
    assert (run.exit_code, run.status) == (0, "ok")
    run.entries.append(EntryOutcome("Mali:2021", Status.UNAVAILABLE, reason="HTTP 404"))
    assert (run.exit_code, run.status) == (1, "incomplete")  # unavailable counts, not only rejected
    run.failure = "output: disk full"
    assert (run.exit_code, run.status) == (2, "failed")
    run.bug = "Traceback ..."
    assert (run.exit_code, run.status) == (3, "crashed")


def test_a_report_that_cannot_be_written_is_withdrawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    old = RunReport(started_at="yesterday")
    old.write(tmp_path)
    assert json.loads((tmp_path / "run-report.json").read_text())["exit_code"] == 0

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("crtdiff.pipeline.outcome.atomic_write_bytes", full)
    failed = RunReport(started_at="now")
    failed.failure = "out: disk full"
    failed.write_or_withdraw(tmp_path)
    assert not (tmp_path / "run-report.json").exists()  # never left saying exit 0


def test_run_report_is_opaque_to_prefect() -> None:
    # Prefect walks dataclasses, lists, dicts and models it is given back, looking for futures.
    from prefect.utilities.collections import visit_collection

    run = RunReport(started_at="now")
    run.entries = [_outcome() for _ in range(100)]
    seen: list[object] = []
    visit_collection(run, visit_fn=lambda x: seen.append(x), return_data=False)
    assert seen == [run]
