"""The result store's layout: flat kind folders (`<kind>/<key>.json`). A store written by an
earlier version (`<kind>/<key[:2]>/<key>.json`) is found by the absence of the mark, and its
kind folders are set aside and removed in the background: their results are made again, once."""

import os
import time
from pathlib import Path

from crtdiff.store.lock import editing
from crtdiff.store.removal import remove_in_background

MARK = ".layout-flat"
"""Left in the store's root once its layout is flat (its absence marks an older store)."""
BUCKETED = ("reports", "diffs", "chapters", "pairs", "pages", "summaries")
"""The kind folders earlier versions split into `<key[:2]>/` buckets (`chapters` and `pairs`
held the timeline parts now attached to their report or diff). Not `search-pages`: its files
are named by page, not key, and are kept as they are."""
LAYOUT_CHANGED = "result store of an earlier version's layout: its results are made again once"
"""What a run says when it set an older store's folders aside."""
_RETIRED = ".retired-"
"""Prefix of a kind folder set aside while it is removed."""


def settle_layout(root: Path) -> list[str]:
    """Make `root` a store of the flat layout; returns the kind folders of an older layout set
    aside (and being removed). One check of the mark when the store is already flat; the
    change is made under a lock, so that two runs starting on an old store at once neither
    both move nor move what the other has begun writing."""
    _remove_leftovers(root)
    mark = root / MARK
    return [] if mark.exists() else _retire_bucketed(root, mark)


def _retire_bucketed(root: Path, mark: Path) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    retired: list[str] = []
    if not any((root / kind).is_dir() for kind in BUCKETED):
        mark.touch()  # a new store: nothing to set aside, no lock to take
        return retired
    with editing(mark):
        if mark.exists():
            return retired
        for kind in BUCKETED:
            folder = root / kind
            if folder.is_dir():
                aside = root / f"{_RETIRED}{kind}-{os.getpid()}-{time.time_ns()}"
                folder.rename(aside)
                remove_in_background(aside)
                retired.append(kind)
        mark.touch()
    return retired


def _remove_leftovers(root: Path) -> None:
    """Finish the removal of folders set aside by a run killed before it ended, or before it
    set them all aside (a listing of the store's root, a dozen names)."""
    for folder in root.glob(f"{_RETIRED}*"):
        remove_in_background(folder)
