"""The deployments as a served run loads them: from their entrypoints, in a new process."""

import os
from typing import Any

import yaml
from prefect import Flow
from prefect.flows import load_flow_from_entrypoint
from pytest import MonkeyPatch

from crtdiff.flows.deploy import Schedule, deployments
from crtdiff.flows.pipeline import crtdiff_run
from crtdiff.flows.runtime import WorkerProcessesRunner
from crtdiff.flows.watch import crtdiff_watch
from crtdiff.paths import PROJECT_ROOT


def test_the_annual_run_loads_with_a_worker_process_per_core() -> None:
    """A scheduled whole-archive run works on every core, as `crtdiff run` does: the runner is
    part of the flow its entrypoint names, not an option the serving process alone knew."""
    annual, watch = deployments(Schedule())
    flow: Flow[Any, Any] = load_flow_from_entrypoint(str(annual.entrypoint))
    assert flow.name == crtdiff_run.name
    assert isinstance(flow.task_runner, WorkerProcessesRunner)
    assert flow.task_runner.processes == (os.cpu_count() or 1)
    assert load_flow_from_entrypoint(str(watch.entrypoint)).name == crtdiff_watch.name


def test_prefect_yaml_deploys_the_flows_crtdiff_serve_serves(monkeypatch: MonkeyPatch) -> None:
    """The work-pool alternative (prefect.yaml, loaded from the project folder) names the same
    flows, with the same runners, as `crtdiff serve`."""
    monkeypatch.chdir(PROJECT_ROOT)
    declared = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    entrypoints = {d["name"]: d["entrypoint"] for d in declared["deployments"]}
    served = {d.name: d for d in deployments(Schedule())}
    assert entrypoints.keys() == served.keys()
    for name, entrypoint in entrypoints.items():
        flow: Flow[Any, Any] = load_flow_from_entrypoint(entrypoint)
        expected: Flow[Any, Any] = load_flow_from_entrypoint(str(served[name].entrypoint))
        assert flow.name == expected.name
        assert type(flow.task_runner) is type(expected.task_runner)
