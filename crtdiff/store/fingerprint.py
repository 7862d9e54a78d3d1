"""Fingerprints that key cached results: source code of a stage, reference data, inputs.

A result is reused only when the code that made it, the reference tables it read and its inputs
are all unchanged, so editing the parser recomputes everything the parser touches, and nothing
else.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from crtdiff.paths import PROJECT_ROOT

STAGE_SOURCES = {
    "ingest": (
        "crtdiff/text",
        "crtdiff/ingest",
        "crtdiff/extract",
        "crtdiff/reference",
        "crtdiff/series",
        "schemas",
    ),
    "compare": ("crtdiff/compare", "crtdiff/series", "schemas"),
    # The pipeline's code decides how rendered results are stored and summarised.
    "render": (
        "reports",
        "crtdiff/compare/headline.py",
        "crtdiff/compare/wording.py",
        "crtdiff/compare/incidents.py",
        "crtdiff/pipeline",
        "schemas",
    ),
}
"""Folders (or files) whose source decides each stage's output."""


def digest(*parts: str) -> str:
    """SHA-256 of parts joined unambiguously: each followed by a NUL (hashed in one call: a
    group page's key has a part per chapter naming the group, thousands)."""
    if not parts:
        return hashlib.sha256().hexdigest()
    return hashlib.sha256(("\x00".join(parts) + "\x00").encode("utf-8")).hexdigest()


def _files(root: Path, relative: str) -> list[Path]:
    path = root / relative
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".css", ".js")
    )


@lru_cache(maxsize=8)
def code_digest(stage: str, root: Path = PROJECT_ROOT) -> str:
    """Digest of the source files of a stage."""
    h = hashlib.sha256()
    for relative in STAGE_SOURCES[stage]:
        for path in _files(root, relative):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=8)
def reference_digest(folder: Path) -> str:
    """Digest of every reference table, the series tables included (a gazetteer edit
    re-extracts every chapter)."""
    h = hashlib.sha256()
    for path in sorted([*folder.glob("*.csv"), *folder.glob("series/*.csv")]):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()
