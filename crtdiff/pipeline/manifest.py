"""What the output folder holds: for each output, the key of the inputs it was made from.

Kept in parts: each country's own records (its entries, pairs, rejections and the outputs in
its folder) in `<country folder>/.crtdiff-manifest.json`, the rest (the countries' page keys,
the index's, URL checks, coverage, the pages across countries) in `.crtdiff-manifest.json` at
the top, which lists the countries that have a part. A run of some countries reads and writes
those countries' parts only, so its bookkeeping does not grow with the archive (the single
file of 10,000 chapters was 20 MB, read and written on every run). A manifest written before
the split, whole in the top file, is read as it is and written back split."""

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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
    unread: set[str] = field(default_factory=set, compare=False, repr=False)
    """Countries whose part is on disk and was not read (a run of other countries): saving
    leaves it as it is."""
    read: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Country → digest of its part as read: saving writes a part only when it changed, and
    removes the part of a country left without records."""

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
        if self.outputs.get(relative) != key:
            return False
        # A string join and stat, not `(out_dir / relative).is_file()`: asked of every page and
        # JSON when a run settles (five a chapter), pathlib's parsing cost more than the stat.
        return os.path.isfile(os.path.join(os.fspath(out_dir), relative))  # noqa: PTH113, PTH118

    def write_stale(
        self, out_dir: Path, relative: str, key: str, text: Callable[[], str | bytes]
    ) -> None:
        """Write `relative` from `text()` (text, or its UTF-8 bytes) unless it is fresh (made
        only when needed)."""
        if not self.fresh(out_dir, relative, key):
            content = text()
            if isinstance(content, str):
                atomic_write_text(out_dir / relative, content)
            else:
                atomic_write_bytes(out_dir / relative, content)


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


PART_FIELDS = ("reports", "pairs", "rejected", "outputs")
"""The fields of which each country's records are kept in its own part."""
_STORED = ("reports", "pairs", "outputs", "countries", "index", "rejected", "urls", "coverage",
           "coverage_lines")  # fmt: skip


def part_path(out_dir: Path, country: str) -> Path:
    """Where a country's part of the manifest is kept: in its own folder."""
    return out_dir / slugify(country) / MANIFEST


def load_manifest(out_dir: Path, countries: Iterable[str] | None = None) -> Manifest:
    """The manifest of an output folder, with the parts of `countries` only when given (else
    every part); empty when missing, unreadable or damaged (then every output is written
    again rather than a damaged record stopping the run). A damaged or missing part leaves
    only its country's records out: that country is made again."""
    try:
        data = orjson.loads((out_dir / MANIFEST).read_bytes())
        parts = data.pop("parts", [])
        manifest = Manifest(**data)
    except (OSError, ValueError, TypeError, AttributeError):
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
        and isinstance(parts, list)
        and all(isinstance(p, str) for p in parts)
    )
    if not valid:
        return Manifest()
    if not _lines(manifest.coverage_lines):  # only a cache: the lines are made again
        manifest.coverage_lines = {}
    manifest.unread = set(parts)
    read_parts(manifest, out_dir, manifest.unread.copy() if countries is None else countries)
    return manifest


def read_parts(manifest: Manifest, out_dir: Path, countries: Iterable[str]) -> None:
    """Add the records of those of `countries` whose part was not read yet (what is already
    in `manifest` stands)."""
    for country in sorted(set(countries) & manifest.unread):
        manifest.unread.discard(country)
        if not slugify(country):  # no folder: not a country's part (a tampered list)
            continue
        try:
            data = (part_path(out_dir, country)).read_bytes()
            part = orjson.loads(data)
        except (OSError, ValueError):
            manifest.read[country] = ""
            continue
        manifest.read[country] = hashlib.sha256(data).hexdigest()
        if not _part(part, country):
            continue
        for name in PART_FIELDS:
            records = getattr(manifest, name)
            for key, record in part[name].items():
                records.setdefault(key, record)


def _part(value: object, country: str) -> bool:
    """True when `value` is a part of `country`'s records, and of no other country's."""
    if not (isinstance(value, dict) and value.keys() == set(PART_FIELDS)):
        return False
    label, folder = f"{country}:", f"{slugify(country)}/"
    return (
        _records(value["reports"])
        and _records(value["pairs"])
        and _tables(value["rejected"])
        and _strings(value["outputs"])
        and all(k.startswith(label) for n in PART_FIELDS[:3] for k in value[n])
        and all(k.startswith(folder) for k in value["outputs"])
    )


def _split(manifest: Manifest) -> tuple[dict[str, dict[str, dict[str, Any]]], dict[str, str]]:
    """Each country's records, by part field (a country's outputs: those in its folder), and
    the outputs of no country (the pages across countries)."""
    parts: dict[str, dict[str, dict[str, Any]]] = {}
    folders: dict[str, dict[str, dict[str, Any]]] = {}
    for name in PART_FIELDS[:3]:
        for key, record in getattr(manifest, name).items():
            country = key.split(":", 1)[0]
            if country not in parts:
                folder = slugify(country)
                if not folder:  # a record of no country (tampered): forgotten, not kept
                    continue
                parts[country] = folders[folder] = {n: {} for n in PART_FIELDS}
            parts[country][name][key] = record
    rest = {}
    for path, key in manifest.outputs.items():
        part = folders.get(path.split("/", 1)[0])
        if part is None:
            rest[path] = key
        else:
            part["outputs"][path] = key
    return parts, rest


def save_manifest(out_dir: Path, manifest: Manifest) -> None:
    """Write the manifest atomically and durably, last, once every output and stored result
    it vouches for is on disk (after a power cut the old manifest stands, and the next run
    rewrites whatever the lost run had not flushed): first the countries' parts that
    changed, then the top file naming them."""
    if manifest.unread:  # a country's records taken in since: its part's others not lost
        present = {k.split(":", 1)[0] for n in PART_FIELDS[:3] for k in getattr(manifest, n)}
        read_parts(manifest, out_dir, present)
    parts, rest = _split(manifest)
    for country, part in parts.items():
        data = orjson.dumps(part)
        written = hashlib.sha256(data).hexdigest()
        if manifest.read.get(country) != written:
            path = part_path(out_dir, country)
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, data)
            manifest.read[country] = written
    for country in manifest.read.keys() - parts.keys():
        with contextlib.suppress(FileNotFoundError):
            part_path(out_dir, country).unlink()
        del manifest.read[country]
    flush_to_disk()
    # Not dataclasses.asdict: it deep-copies every record first (a tenth of a second per
    # thousand chapters) for the same JSON.
    top: dict[str, Any] = {name: getattr(manifest, name) for name in _STORED}
    top.update(reports={}, pairs={}, rejected={}, outputs=rest)
    top["parts"] = sorted(manifest.unread | parts.keys())
    atomic_write_bytes(out_dir / MANIFEST, orjson.dumps(top), durable=True)
