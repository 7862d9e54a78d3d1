"""Atomic writes: complete files only, fsync only where asked, one flush before the manifest."""

import os
from pathlib import Path

import pytest

from crtdiff.pipeline.manifest import MANIFEST, Manifest, load_manifest, save_manifest
from crtdiff.store.atomic import atomic_write_bytes, atomic_write_text, remove_stale_temporaries


def _record_fsyncs(monkeypatch: pytest.MonkeyPatch, events: list[str]) -> None:
    real = os.fsync

    def fsync(fd: int) -> None:
        events.append("fsync")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_write_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "page.html"
    atomic_write_text(target, "old")
    atomic_write_text(target, "new ünïcode")
    assert target.read_text(encoding="utf-8") == "new ünïcode"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_only_durable_writes_are_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    _record_fsyncs(monkeypatch, calls)
    atomic_write_bytes(tmp_path / "cache.json", b"{}")
    assert calls == []
    atomic_write_bytes(tmp_path / "sources.toml", b"x = 1\n", durable=True)
    assert len(calls) == 1
    assert (tmp_path / "sources.toml").read_bytes() == b"x = 1\n"


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    atomic_write_text(target, "complete")

    def broken_replace(self: Path, other: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, "half")
    assert target.read_text() == "complete"
    assert remove_stale_temporaries(tmp_path) == 0


def test_manifest_is_written_after_everything_is_flushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    monkeypatch.setattr(os, "sync", lambda: events.append("sync"))
    _record_fsyncs(monkeypatch, events)
    manifest = Manifest()
    manifest.index = "abc"
    save_manifest(tmp_path, manifest)
    assert events == ["sync", "fsync"]
    assert (tmp_path / MANIFEST).is_file()
    assert load_manifest(tmp_path).index == "abc"
