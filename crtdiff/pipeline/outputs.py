"""Where each output file goes under the output folder."""

from pathlib import Path

from crtdiff.text.normalize import slugify
from schemas.diff import YearDiff


def report_path(out_dir: Path, country: str, year: int, chapter: str = "country") -> Path:
    """A country-year's normalised JSON: output/<country-slug>/<year>.json."""
    name = str(year) if chapter == "country" else f"{year}-{slugify(chapter)}"
    return out_dir / slugify(country) / f"{name}.json"


def diff_path(out_dir: Path, diff: YearDiff) -> Path:
    """A pair's YearDiff JSON: output/<country-slug>/<old>-<new>.json."""
    suffix = "" if diff.chapter == "country" else f"-{slugify(diff.chapter)}"
    return out_dir / slugify(diff.country) / f"{diff.old_year}-{diff.new_year}{suffix}.json"


def chapter_page(country: str, year: int, chapter: str = "country") -> str:
    """A chapter page, relative to the output folder (named as `ChapterSummary.stem` names it)."""
    stem = str(year) if chapter == "country" else f"{year}-{chapter}"
    return f"{slugify(country)}/{stem}.html"
