"""CPU of reading every country's stored summary as the index and the pages across countries
do (read, verify the seal, decode), and of freeing them, with the garbage collector off as
there. Reads an existing output folder's manifest and result store; writes nothing.

Usage: python benchmarks/read_summaries.py OUTPUT_DIR STORE_DIR [--repeat 3]
"""

import argparse
import time
from pathlib import Path

from crtdiff.pipeline.collector import fewer_collections
from crtdiff.pipeline.manifest import load_manifest
from crtdiff.reports.summaries import CountrySummary
from crtdiff.store.results import ResultStore


def read_and_free(store: ResultStore, keys: list[str]) -> tuple[float, float]:
    """CPU seconds to load the summaries of `keys`, then to free them."""
    with fewer_collections():
        start = time.process_time()
        summaries = [store.load("summaries", key, CountrySummary) for key in keys]
        read = time.process_time() - start
        if any(s is None for s in summaries):
            raise SystemExit("a stored summary is missing or damaged: run crtdiff first")
        start = time.process_time()
        summaries.clear()
        return read, time.process_time() - start


def main() -> None:
    """Print, per repetition, the CPU of reading and of freeing the summaries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    countries = load_manifest(args.output).countries
    keys = [countries[c] for c in sorted(countries)]
    store = ResultStore(args.store)
    for _ in range(args.repeat):
        read, free = read_and_free(store, keys)
        print(f"{len(keys)} summaries: read {read:.3f} s, freed {free:.3f} s of CPU")


if __name__ == "__main__":
    main()
