"""Benchmark the pipeline on a synthetic archive of N chapters.

Usage: python benchmarks/archive.py --chapters 10000 [--runner threads|processes|dask]
       [--address tcp://HOST:PORT] [--workdir D] [--flow-only]

Starts a Prefect API server once (its start-up reported as startup_s, as a user's running server
would be), then measures: cold_s (full run, empty store), noop_s (the same flow run again),
add_one_s (one new country-year, run for that country as `crtdiff add` does), noop_cli_s (`crtdiff
run` in a new process, as a user types it, with nothing to do: it answers before importing
Prefect), plain_loop_s (the same cold run's work, step after step in this process, without
Prefect: see plain_loop), peer_s
(the difflib script an analyst would write instead, benchmarks/peer_difflib.py, on the same
archive) with cold_vs_peer, and
peak_rss_mb (largest resident set of this process or any of its worker processes). Prints a
table, then one JSON line.
"""

import argparse
import json
import logging
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.peer_difflib import run_peer
from benchmarks.synthetic import CountryState, chapter, write_archive
from crtdiff.pipeline.worker_pool import stop_server
from crtdiff.reference.countries import load_countries

FIRST_YEAR = 1990


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    """`prefect server start` on a free 127.0.0.1 port; returns it, its API URL, seconds."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_UI_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
    )
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "prefect",
        "server",
        "start",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    api = f"http://127.0.0.1:{port}/api"
    while time.perf_counter() - started < 180:
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                # A new server answers its first API request (not /health) 1.4-1.7 s late,
                # setting itself up: part of its start, as on a server that has been running,
                # not of the first run measured.
                httpx.get(f"{api}/admin/version", timeout=60).raise_for_status()
                return process, api, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.5)
            continue
        time.sleep(0.5)
    process.kill()
    raise SystemExit("prefect server did not start in 180 s")


def plain_loop(catalog: Path, out: Path, store: Path) -> None:
    """The pipeline's work alone: the same run as the flow's (parse, compare, every page, the
    search bundles, tables and pages across countries, the result store) through the plain-loop
    runner, its steps called one after the other in this one process, without Prefect, into an
    empty output folder and store. Cold ÷ plain loop is what orchestration costs."""
    from crtdiff.pipeline.plain_runner import run_plain

    run = run_plain(catalog, out, store)
    if run.exit_code >= 2:
        raise SystemExit(f"the plain loop stopped: {run.failure or run.bug}")


def noop_cli(catalog: Path, out: Path, store: Path) -> float:
    """Wall time of `crtdiff run` in a new process when nothing changed (the installed command,
    as a user types it)."""
    script = Path(sys.executable).parent / "crtdiff"
    command = [str(script), "run", "-q", "--catalog", str(catalog),
               "--out", str(out), "--store", str(store)]  # fmt: skip
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "up to date" not in result.stderr:
        raise SystemExit(f"the no-op CLI run did not answer up to date: {result.stderr}")
    return elapsed


def _local_cluster() -> Any:
    """A Dask LocalCluster with one single-threaded worker process per core, standing in for
    an existing cluster (its workers' memory is not in peak_rss_mb: they are not our children
    that we wait for)."""
    from distributed import LocalCluster

    return LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: None still asks for 8787, maybe taken
        silence_logs=logging.ERROR,
    )


def peak_rss_mb() -> float:
    """Largest resident set of this process or of any child it waited for, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=1000)
    parser.add_argument("--years", type=int, default=50, help="report years per country")
    parser.add_argument("--runner", choices=["threads", "processes", "dask"], default="processes")
    parser.add_argument(
        "--address", default=None, help="with --runner dask: an existing scheduler tcp://HOST:PORT"
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep the archive and outputs here"
    )
    parser.add_argument(
        "--flow-only", action="store_true",
        help="only the flow's scenarios (cold, no-op, add one, no-op CLI): no plain loop, no peer",
    )  # fmt: skip
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="crtdiff-bench-"))
    shutil.rmtree(work, ignore_errors=True)
    data = work / "data"
    all_countries = list(load_countries().countries)
    years_per_country = min(args.years, args.chapters)
    n_countries = -(-args.chapters // years_per_country)
    if n_countries > len(all_countries):
        raise SystemExit(f"{args.chapters} chapters need more than {len(all_countries)} countries")
    countries = all_countries[:n_countries]
    years = list(range(FIRST_YEAR, FIRST_YEAR + years_per_country))
    started = time.perf_counter()
    written = write_archive(data, countries, years, args.chapters)
    (data / "sources.toml").write_text("# synthetic archive: every chapter is a file in raw/\n")
    generate_s = time.perf_counter() - started

    server, api, startup_s = start_server(work / "prefect")
    os.environ.update(
        PREFECT_API_URL=api,
        PREFECT_HOME=str(work / "prefect-client"),
        PREFECT_LOGGING_LEVEL="ERROR",
    )
    from crtdiff.flows.settings import configure_prefect

    configure_prefect(work / "state")
    from crtdiff.flows.pipeline import crtdiff_run
    from crtdiff.flows.runtime import quiet_flow_settings, start_worker_server, with_runner
    from crtdiff.flows.server import drain_client

    processes = os.cpu_count() if args.runner == "processes" else None
    cluster = _local_cluster() if args.runner == "dask" and args.address is None else None
    address = args.address or (cluster.scheduler_address if cluster is not None else None)
    flow = with_runner(crtdiff_run, address, processes)
    if processes:
        start_worker_server()  # where `crtdiff run` of every country starts it
    out, store = work / "output", work / "store"
    try:
        with quiet_flow_settings():

            def timed(countries_only: list[str] | None = None) -> float:
                t = time.perf_counter()
                flow(
                    str(data / "sources.toml"), str(out), str(store), countries_only, publish=False
                )
                return time.perf_counter() - t

            cold_s = timed()
            noop_s = timed()
            first = countries[0]
            state = CountryState(first, random.Random(7))
            new_year = years[-1] + 1
            (data / "raw" / first.slug / f"{new_year}.txt").write_text(chapter(state, new_year))
            add_one_s = timed([first.name])
        noop_cli_s = noop_cli(data / "sources.toml", out, store)
        # Every queued log and event sent while the server is up (otherwise the client tries
        # after it is stopped, and prints "Error logging to API" at exit).
        drain_client()
        plain_loop_s = peer_s = None
        if not args.flow_only:
            t = time.perf_counter()
            plain_loop(data / "sources.toml", work / "plain-output", work / "plain-store")
            plain_loop_s = time.perf_counter() - t
            t = time.perf_counter()
            run_peer(data / "raw", work / "peer-output")
            peer_s = time.perf_counter() - t
    finally:
        if cluster is not None:
            cluster.close()
        # The flow's workers are the fork server's children: ended, it hands their peak
        # memory to this process's children's figure (peak_rss_mb).
        stop_server()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        if args.workdir is None:  # a temporary archive of 10,000 chapters is ~1 GB
            shutil.rmtree(work, ignore_errors=True)

    figures = {
        "chapters": len(written),
        "startup_s": round(startup_s, 2),
        "cold_s": round(cold_s, 2),
        "noop_s": round(noop_s, 2),
        "add_one_s": round(add_one_s, 2),
        "noop_cli_s": round(noop_cli_s, 2),
        "plain_loop_s": None if plain_loop_s is None else round(plain_loop_s, 2),
        "peer_s": None if peer_s is None else round(peer_s, 2),
        "cold_vs_peer": None if peer_s is None else round(cold_s / peer_s, 2),
        "peak_rss_mb": peak_rss_mb(),
    }
    print(
        f"archive: {len(written)} chapters, {len(countries)} countries x {len(years)} years, "
        f"generated in {generate_s:.1f} s; runner: {args.runner} ({os.cpu_count()} cores"
        f"{', scheduler ' + address if address else ''})"
    )
    for key, value in figures.items():
        print(f"  {key:<14}{value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
