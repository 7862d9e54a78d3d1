"""The same flow on a Dask cluster (a LocalCluster with worker processes standing in for an
existing cluster reached by address)."""

from pathlib import Path

import pytest

from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import quiet_flow_settings, with_runner
from crtdiff.pipeline.outcome import Status
from tests.flows.catalogues import mali_and_niger

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("prefect")]


@pytest.mark.parametrize("batch", [150, 1], ids=["one-batch-inline", "two-batches-on-dask"])
def test_flow_runs_on_a_dask_cluster(
    prefect_server: None, tmp_path: Path, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One batch runs in the flow's process; two are submitted to the cluster (where a quoted
    argument once arrived as a tuple)."""
    monkeypatch.setattr("crtdiff.pipeline.batches.BATCH", batch)
    from distributed import LocalCluster

    catalogue = mali_and_niger(tmp_path / "data")
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        # ":0", any free port: None still asks for 8787, taken when another cluster runs
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
    )
    with cluster:
        flow = with_runner(crtdiff_run, cluster.scheduler_address)
        with quiet_flow_settings():
            report = flow(
                str(catalogue),
                str(tmp_path / "out"),
                str(tmp_path / "store"),
                publish=False,
            )
    assert [e.status for e in report.entries] == [Status.OK] * 3
    assert [c.key for c in report.comparisons] == ["Mali:2016-2017"]
    assert (tmp_path / "out" / "mali" / "2016-2017.html").is_file()
    assert report.work.ingested == 3 and report.work.compared == 1
