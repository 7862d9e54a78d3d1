"""Atomic writes: complete files only, fsync only where asked, one flush before the manifest."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.pipeline.manifest import MANIFEST, Manifest, load_manifest, save_manifest
from crtdiff.store.atomic import (
    atomic_write_bytes,
    atomic_write_pieces,
    atomic_write_text,
    mark_clean_end,
    remove_stale_temporaries,
    sweep_unless_clean_end,
)


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
    assert len(calls) == 2  # the file, then its folder after the rename
    assert (tmp_path / "sources.toml").read_bytes() == b"x = 1\n"


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    atomic_write_text(target, "complete")

    def broken_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, "half")
    assert target.read_text() == "complete"
    assert remove_stale_temporaries(tmp_path) == 0


def test_pieces_are_written_in_order_and_a_failing_one_keeps_the_old_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "incidents.csv"
    atomic_write_pieces(target, [b'"a"\n', memoryview(b"1\n2\n"), b""])
    assert target.read_bytes() == b'"a"\n1\n2\n'

    def pieces() -> Iterator[bytes]:
        yield b'"b"\n'
        raise ValueError("a damaged chunk")

    with pytest.raises(ValueError, match="a damaged chunk"):
        atomic_write_pieces(target, pieces())
    assert target.read_bytes() == b'"a"\n1\n2\n'
    assert [p.name for p in tmp_path.iterdir()] == ["incidents.csv"]


def test_manifest_is_written_after_everything_is_flushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    monkeypatch.setattr(os, "sync", lambda: events.append("sync"))
    _record_fsyncs(monkeypatch, events)
    manifest = Manifest()
    manifest.index = "abc"
    save_manifest(tmp_path, manifest)
    assert events == ["sync", "fsync", "fsync"]
    assert (tmp_path / MANIFEST).is_file()
    assert load_manifest(tmp_path).index == "abc"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_generated_files_follow_the_umask_and_edits_keep_their_mode(
    tmp_path: Path, umask: int, mode: int
) -> None:
    previous = os.umask(umask)
    try:
        page = tmp_path / "site" / "index.html"
        atomic_write_text(page, "<html></html>")
        assert page.stat().st_mode & 0o777 == mode  # mkstemp alone gives 0600
        catalogue = tmp_path / "sources.toml"
        catalogue.write_text("x = 1\n")
        catalogue.chmod(0o664)
        atomic_write_text(catalogue, "x = 2\n", durable=True)
        assert catalogue.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(previous)


def test_a_durable_write_syncs_its_folder_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    synced: list[tuple[bool, bool]] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append((stat.S_ISDIR(os.fstat(fd).st_mode), (tmp_path / "a.toml").exists()))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic_write_bytes(tmp_path / "a.toml", b"x", durable=True)
    assert synced == [(False, False), (True, True)]


def test_clean_up_spares_the_temporaries_of_live_processes(tmp_path: Path) -> None:
    import subprocess
    import sys

    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        mine = tmp_path / f".index.html.{live.pid}.abc123.tmp"
        orphan = tmp_path / f".index.html.{dead.pid}.def456.tmp"
        mine.write_text("half written by a live run")
        orphan.write_text("left by a killed run")
        assert remove_stale_temporaries(tmp_path) == 1
        assert mine.exists() and not orphan.exists()
    finally:
        live.kill()
        live.wait()


def test_temporaries_are_swept_unless_the_last_run_ended_normally(tmp_path: Path) -> None:
    out, store = tmp_path / "out", tmp_path / "store"
    out.mkdir()
    store.mkdir()
    orphan = store / ".x.json.999999999.abc.tmp"  # no such process: a killed writer's
    orphan.write_text("left by a killed run")
    mark_clean_end(out)
    assert sweep_unless_clean_end(out, [out, store]) == 0  # the last run ended normally
    assert orphan.exists()
    # The mark is used up: if this run is killed, the next one sweeps.
    assert sweep_unless_clean_end(out, [out, store]) == 1
    assert not orphan.exists()


def test_a_temporary_names_its_writer_and_a_leftover_of_the_same_name_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file carries the writer's process id where the clean-up looks for it (so
    that it spares a live writer's), and one left by a killed process that had the same id
    does not stop the write."""
    import itertools

    from crtdiff.store import atomic

    monkeypatch.setattr(atomic, "_SERIAL", itertools.count(7))
    leftover = tmp_path / f".page.html.{os.getpid()}.7.tmp"
    leftover.write_text("left by a killed run")
    renamed: list[str] = []
    real = os.replace

    def replace(source: str, target: str) -> None:
        renamed.append(Path(source).name)
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    atomic_write_text(tmp_path / "page.html", "complete")
    assert (tmp_path / "page.html").read_text() == "complete"
    assert renamed == [f".page.html.{os.getpid()}.8.tmp"]
    match = atomic._TEMPORARY.match(renamed[0])
    assert match is not None and match.group("pid") == str(os.getpid())
    assert leftover.read_text() == "left by a killed run"


def test_pieces_are_written_whole_through_short_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.write
    sizes: list[int] = []

    def short_write(fd: int, data: bytes | memoryview) -> int:  # as a full pipe or disk may
        written = real(fd, bytes(data)[:50_000])
        sizes.append(written)
        return written

    monkeypatch.setattr(os, "write", short_write)
    rows = [f"{n},row {n}\n".encode() for n in range(20_000)]
    big = bytes(range(256)) * 1_000
    pieces: list[bytes | memoryview] = [*rows[:10_000], big, memoryview(big)[3:], *rows[10_000:]]
    atomic_write_pieces(tmp_path / "rows.csv", pieces)
    assert (tmp_path / "rows.csv").read_bytes() == b"".join(pieces)
    assert len(sizes) < 40  # short rows gathered, not a call each
    atomic_write_bytes(tmp_path / "one.json", big)
    assert (tmp_path / "one.json").read_bytes() == big
