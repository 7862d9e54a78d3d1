"""`--runner processes`: the country batches submitted together run in worker processes
(crtdiff/pipeline/worker_pool.py, through flows/runtime.py's runner), with the same outputs as
in the flow's own threads; a lone batch runs in the flow's process without starting any."""

import operator
import re
from pathlib import Path
from typing import Any

import pytest
from prefect import flow

from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import in_workers, quiet_flow_settings, submitted, with_runner
from crtdiff.pipeline.batches import batch_calls
from crtdiff.pipeline.outcome import Status
from crtdiff.pipeline.worker_pool import WorkerPool
from tests.flows.catalogues import mali_and_niger

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]

_VARYING = re.compile(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?( ?UTC|Z|\+00:00)?")
"""Times of the run, which differ between two runs."""


def _contents(out: Path) -> dict[str, bytes]:
    """Every output but the run's own record and the search index (binary, built by Pagefind)."""
    return {
        str(p.relative_to(out)): _VARYING.sub(b"TIME", p.read_bytes())
        for p in sorted(out.rglob("*"))
        if p.is_file()
        and p.name not in ("run-report.json", ".crtdiff-manifest.json", ".crtdiff-clean-end")
        and "pagefind" not in p.parts
        and p.suffix != ".parquet"
    }


def _run(flow: Any, out: str, store: str) -> Any:
    with quiet_flow_settings():
        return flow("data/sources.toml", out, store, publish=False)


def test_batches_run_in_worker_processes_with_the_outputs_of_threads(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two batches (one country each) in the workers: relative paths, from this folder, reach
    the same outputs as a run in threads."""
    monkeypatch.setattr("crtdiff.pipeline.batches.BATCH", 1)
    monkeypatch.chdir(tmp_path)
    mali_and_niger(tmp_path / "data")
    sent: list[str] = []
    send = WorkerPool.submit

    def counted(self: WorkerPool, function: Any, *args: Any) -> Any:
        sent.append(args[0])  # the batch's label
        return send(self, function, *args)

    monkeypatch.setattr(WorkerPool, "submit", counted)
    in_threads = _run(crtdiff_run, "out-threads", "store-threads")
    assert sent == []
    in_workers = _run(with_runner(crtdiff_run, None, 2), "out-workers", "store-workers")
    assert sent == ["Mali", "Niger"]  # in the run's order
    for report in (in_threads, in_workers):
        assert [e.status for e in report.entries] == [Status.OK] * 3
        assert [c.key for c in report.comparisons] == ["Mali:2016-2017"]
    threads, workers = _contents(tmp_path / "out-threads"), _contents(tmp_path / "out-workers")
    assert "mali/2016-2017.html" in workers and (tmp_path / "out-workers/niger/pagefind").is_dir()
    assert workers == {k: v.replace(b"store-threads", b"store-workers") for k, v in threads.items()}


def test_a_lone_batch_runs_in_the_flows_process(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mali_and_niger(tmp_path / "data")
    pools: list[int] = []
    make_pool = WorkerPool.__init__

    def recorded(self: WorkerPool, processes: int, preload: Any) -> None:
        pools.append(processes)
        make_pool(self, processes, preload)

    monkeypatch.setattr(WorkerPool, "__init__", recorded)
    report = _run(with_runner(crtdiff_run, None, 2), "out", "store")
    assert [e.status for e in report.entries] == [Status.OK] * 3
    assert pools == []


def test_batches_are_cut_for_the_runs_workers(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run cuts its batches knowing how many the runner works on at once (see batch_jobs):
    its worker processes, or one batch at a time in threads."""
    monkeypatch.chdir(tmp_path)
    mali_and_niger(tmp_path / "data")
    asked: list[int] = []

    def recorded(*args: Any, **options: Any) -> Any:
        asked.append(options.get("parallel", 1))
        return batch_calls(*args, **options)

    monkeypatch.setattr("crtdiff.pipeline.run.batch_calls", recorded)
    _run(with_runner(crtdiff_run, None, 3), "out-workers", "store-workers")
    _run(crtdiff_run, "out-threads", "store-threads")
    assert asked == [3, 1]


@flow
def _labelled(calls: list[tuple[str, str]]) -> list[str]:
    with in_workers(operator.concat, calls):
        work = [submitted(label) for label, _ in calls]
    assert submitted(calls[0][0]) is None  # outside the block: work in the flow's process
    return [w() if w is not None else "inline" for w in work]


def test_work_is_sent_to_the_workers_in_the_order_of_the_calls(
    prefect_server: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The task runs of a step start in threads in no set order; their work is submitted
    before, in the order of the calls, which is the order the workers take it up in."""
    sent: list[str] = []
    send = WorkerPool.submit

    def recorded(self: WorkerPool, function: Any, *args: Any) -> Any:
        sent.append(args[0])
        return send(self, function, *args)

    monkeypatch.setattr(WorkerPool, "submit", recorded)
    calls = [(f"batch {n}", f"-{n}") for n in range(8)]
    with quiet_flow_settings():
        done = with_runner(_labelled, None, 2)(calls)
        inline = _labelled(calls)
    assert sent == [label for label, _ in calls]
    assert done == [f"batch {n}-{n}" for n in range(8)]
    assert inline == ["inline"] * 8
