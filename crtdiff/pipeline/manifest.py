"""What the output folder holds: for each output, the key of the inputs it was made from."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

import orjson

from crtdiff.pipeline.outcome import RECORD_FIELDS
from crtdiff.store.atomic import atomic_write_bytes, atomic_write_text, flush_to_disk
from crtdiff.text.normalize import slugify

MANIFEST = ".crtdiff-manifest.json"


@dataclass
class Manifest:
    """Keys of the outputs of the last complete run."""

    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Entry key (`Country:Year[:chapter]`) → outcome of its last ingest (report key, output,
    country, chapter, year, warnings): enough to skip an unchanged entry without reading it."""
    pairs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Pair label (`Country:Old-New`) → outcome of its last comparison."""
    outputs: dict[str, str] = field(default_factory=dict)
    """Output path (relative to the output folder) → key of what it holds."""
    countries: dict[str, str] = field(default_factory=dict)
    """Country → render key of its pages (and of its stored summary and table rows)."""
    index: str | None = None
    rejected: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Entry key → the report key it was rejected with, and why (a bug's error is not kept)."""
    urls: dict[str, dict[str, Any]] = field(default_factory=dict)
    """URL → its last check (crtdiff/pipeline/url_checks.py): when, and what it gave."""
    coverage: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Entry key → its row of the coverage table, as of the last run that had the entry (a run
    of some countries keeps the others' rows)."""
    coverage_lines: dict[str, list[Any]] = field(default_factory=dict)
    """Country → its line of the coverage grid, with what it was made from: [check, first
    year, last year, line] (crtdiff/pipeline/archive_coverage.py)."""

    def subset(self, countries: Iterable[str]) -> "Manifest":
        """The records of some countries only (what a batch's task needs to see)."""
        names = set(countries)
        folders = {slugify(name) for name in names}
        return Manifest(
            reports={k: v for k, v in self.reports.items() if k.split(":", 1)[0] in names},
            pairs={k: v for k, v in self.pairs.items() if k.split(":", 1)[0] in names},
            outputs={k: v for k, v in self.outputs.items() if k.split("/", 1)[0] in folders},
            countries={k: v for k, v in self.countries.items() if k in names},
            index=self.index,
        )

    def fresh(self, out_dir: Path, relative: str, key: str) -> bool:
        """True when `relative` exists and was written from `key`."""
        return self.outputs.get(relative) == key and (out_dir / relative).is_file()

    def write_stale(self, out_dir: Path, relative: str, key: str, text: Callable[[], str]) -> None:
        """Write `relative` from `text()` unless it is fresh (made only when needed)."""
        if not self.fresh(out_dir, relative, key):
            atomic_write_text(out_dir / relative, text())


_RECORD_KEYS = frozenset(RECORD_FIELDS)
_REQUIRED_KEYS = _RECORD_KEYS - {"source"}  # records written before outcomes had a source


def _records(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(r, dict) and _REQUIRED_KEYS <= r.keys() <= _RECORD_KEYS for r in value.values()
    )


def _tables(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, dict) for v in value.values())


def _strings(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _lines(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, list) for v in value.values())


def load_manifest(out_dir: Path) -> Manifest:
    """The manifest of an output folder; empty when missing, unreadable or damaged (then every
    output is written again rather than a damaged record stopping the run)."""
    try:
        data = orjson.loads((out_dir / MANIFEST).read_bytes())
        manifest = Manifest(**data)
    except (OSError, ValueError, TypeError):
        return Manifest()
    valid = (
        _records(manifest.reports)
        and _records(manifest.pairs)
        and _strings(manifest.outputs)
        and _strings(manifest.countries)
        and (manifest.index is None or isinstance(manifest.index, str))
        and _tables(manifest.rejected)
        and _tables(manifest.urls)
        and _tables(manifest.coverage)
    )
    if not _lines(manifest.coverage_lines):  # only a cache: the lines are made again
        manifest.coverage_lines = {}
    return manifest if valid else Manifest()


def save_manifest(out_dir: Path, manifest: Manifest) -> None:
    """Write the manifest atomically and durably, last, once every output and stored result
    it vouches for is on disk (after a power cut the old manifest stands, and the next run
    rewrites whatever the lost run had not flushed)."""
    flush_to_disk()
    # Not dataclasses.asdict: it deep-copies every record first (a tenth of a second per
    # thousand chapters) for the same JSON.
    fields = {f.name: getattr(manifest, f.name) for f in dataclass_fields(manifest)}
    atomic_write_bytes(out_dir / MANIFEST, orjson.dumps(fields), durable=True)
