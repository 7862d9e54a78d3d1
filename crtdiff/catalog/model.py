"""Catalogue entries: one chapter of one country and report year, and where its text is."""

import os
import re
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, field_validator

_ALLOWED_SCHEMES = ("http", "https")
_CHAPTER = re.compile(r"[a-z][a-z0-9-]{0,59}")


class ChapterKind(StrEnum):
    """The chapters crtdiff reads from a page: a country's chapter and, for some countries, an
    entry in the "Terrorist Safe Havens" chapter (what `ingest --chapter` accepts)."""

    COUNTRY = "country"
    SAFE_HAVEN = "safe-haven"


class CatalogEntry(BaseModel):
    """One `[[report]]` table of the catalogue."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    country: Annotated[str, Field(min_length=2, max_length=80)]
    year: Annotated[int, Field(ge=1990, le=2100)]
    source: Annotated[str, Field(min_length=1)]
    """A path relative to the catalogue's folder, or an http(s) URL."""
    chapter: str = "country"
    """`country`, or a kind such as `safe-haven`: starts with a letter, so that its pages
    (`<year>-<chapter>`) never share a name with a pair's (`<old>-<new>`)."""
    fallback: str | None = None
    """Illustrative chapter used when `source` cannot be fetched (never passed off as official)."""
    illustrative: bool = False
    """True when `source` itself is an illustrative chapter written for tests and demos."""
    note: str | None = None
    url: str | None = None
    """Where the State Department published the chapter (for a local copy: the page it was
    copied from), when known; cited on every page built from it."""
    published: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    """Publication date (YYYY, YYYY-MM or YYYY-MM-DD), when known."""
    series: Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*$")] = "crt"
    """Report series (data/reference/series/series.csv): `crt` (default) or e.g. `hrr`."""

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str | None) -> str | None:
        if value is not None and urlparse(value).scheme.lower() not in _ALLOWED_SCHEMES:
            raise ValueError("url must be an http(s) URL")
        return value

    @field_validator("source", "fallback")
    @classmethod
    def _scheme_is_http_or_path(cls, value: str | None) -> str | None:
        if value is None or ":" not in value:  # no scheme without a colon: a path (and fast)
            return value
        scheme = urlparse(value).scheme.lower()
        if scheme and len(scheme) > 1 and scheme not in _ALLOWED_SCHEMES:
            raise ValueError(f"only http(s) URLs or relative paths are allowed, not {scheme}://")
        return value

    @field_validator("chapter")
    @classmethod
    def _chapter_is_a_name(cls, value: str) -> str:
        if not _CHAPTER.fullmatch(value):
            raise ValueError(
                f"chapter {value!r} must be lower-case letters, digits and hyphens, starting "
                "with a letter (a chapter named like a year would overwrite a pair's pages)"
            )
        return value

    @property
    def is_url(self) -> bool:
        """True when the source is an http(s) URL."""
        return _is_url(self.source)

    @property
    def key(self) -> str:
        """`Country:Year` (plus `:chapter` for non-country chapters): the entry's identity."""
        base = f"{self.country}:{self.year}"
        return base if self.chapter == "country" else f"{base}:{self.chapter}"


@lru_cache(maxsize=16384)
def _is_url(source: str) -> bool:
    # Asked of every entry several times a run: urlparse is the cost of a settled archive.
    return urlparse(source).scheme.lower() in _ALLOWED_SCHEMES


@lru_cache(maxsize=64)
def real_folder(folder: Path) -> Path:
    """`folder` resolved, once: one catalogue folder serves thousands of entries."""
    return folder.resolve()


def resolve_inside(folder: Path, relative: str, what: str) -> Path:
    """The path `relative` under `folder`, refusing absolute paths and escapes via `..`."""
    candidate = Path(relative)
    if candidate.is_absolute():
        raise ValueError(f"{what} {relative!r} must be relative to {folder}")
    if ".." not in candidate.parts and not _linked_below(os.fspath(folder), candidate.parts):
        # Nothing below the folder can lead out of it: no need to resolve the whole path
        # (a syscall per part of it, for each of an archive's thousands of entries).
        return real_folder(folder).joinpath(*candidate.parts)
    resolved = (folder / candidate).resolve()
    if not resolved.is_relative_to(real_folder(folder)):
        raise ValueError(f"{what} {relative!r} escapes the data folder {folder}")
    return resolved


def _linked_below(folder: str, parts: tuple[str, ...]) -> bool:
    """Whether any of folder/p1, folder/p1/p2, ... is a symbolic link."""
    # Strings, not Paths: a settled archive asks this of every entry, twice, and pathlib's
    # parsing of each prefix cost ten times the lstat calls themselves.
    path = folder
    for part in parts:
        path = os.path.join(path, part)  # noqa: PTH118
        if os.path.islink(path):  # noqa: PTH114
            return True
    return False
