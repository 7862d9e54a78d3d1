"""Folders removed in the background, waited for at the end of a block."""

import shutil
import threading
from pathlib import Path

import pytest

from crtdiff.store.removal import removals_finished, remove_in_background


def _folder(root: Path, files: int) -> Path:
    folder = root / "old"
    for n in range(files):
        (folder / str(n % 7)).mkdir(parents=True, exist_ok=True)
        (folder / str(n % 7) / f"{n}.pf_fragment").write_bytes(b"x" * 100)
    return folder


def test_a_folder_is_removed_in_a_thread_and_gone_when_the_block_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 300)
    release = threading.Event()
    rmtree = shutil.rmtree

    def slow_rmtree(path: Path, ignore_errors: bool) -> None:
        release.wait(10)
        rmtree(path, ignore_errors=ignore_errors)

    monkeypatch.setattr(shutil, "rmtree", slow_rmtree)
    with removals_finished():
        remove_in_background(folder)
        assert folder.is_dir()  # the caller went on while the thread waits
        release.set()
    assert not folder.exists()


def test_removals_are_waited_for_even_when_the_block_fails(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 50)
    with pytest.raises(RuntimeError), removals_finished():
        remove_in_background(folder)
        raise RuntimeError("the run failed")
    assert not folder.exists()
