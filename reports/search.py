"""Full-text search with Pagefind: one index bundle per country (its chapters and comparisons),
rebuilt in the country's task only when its pages change; the search page merges them in the
browser. (The group and year pages are not indexed: they are made of the chapters' facts, and a
bundle of them would be rebuilt whenever any country changes.)

The text is given to Pagefind as records (a chapter's body; a comparison's headline and changed
sentences) written as bare pages, rather than the site's pages: the same text without their
markup (a comparison page is mostly redline markup), so a country's bundle costs a fraction of a
second. Pagefind's command-line binary comes from the pinned `pagefind[bin]` wheel (its Python
service answers about 100 ms per record, twenty times slower); nothing is downloaded. Browsers
refuse the index's module and WebAssembly files on pages opened from disk (file://), so the
search page says how to serve the folder.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from markupsafe import escape
from pagefind.service import get_executable
from pydantic import BaseModel, ConfigDict

from crtdiff.errors import CrtdiffError
from crtdiff.reports.html import render_page
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.writing import write_if_changed
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.store.atomic import atomic_write_text

"""The country bundles the search page merges (a script: pages opened from disk can load it)."""


class SearchRecord(BaseModel):
    """One page's searchable text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    """The page, from the site's root (`/mali/2016.html`)."""
    title: str
    kind: str
    content: str


def chapter_record(report: CountryReport) -> SearchRecord:
    """A chapter page's record: its whole text."""
    kind = "chapter (illustrative text)" if report.source.illustrative else "chapter"
    return SearchRecord(
        url="/" + OutputPaths.chapter_page(report.country, report.year, report.chapter),
        title=report.title,
        kind=kind,
        content=report.body,
    )


def pair_record(diff: YearDiff) -> SearchRecord:
    """A comparison page's record: what changed (the unchanged text is the chapters')."""
    lines = [h.text for h in diff.headline]
    g = diff.groups
    lines += [ref.name for ref in [*g.added, *g.removed, *g.continuing]]
    lines += [i.evidence.sentence for i in diff.incidents.new]
    lines += [m.summary for m in diff.legal_measures.new]
    for section in diff.sections:
        a = section.sentences
        lines += [m.new.text for m in a.modified] + [r.text for r in a.added + a.removed]
    page = OutputPaths.pair_file(diff.country, diff.old_year, diff.new_year, diff.chapter, "html")
    return SearchRecord(
        url=f"/{page}",
        title=f"{diff.country}: what changed from {diff.old_year} to {diff.new_year}",
        kind="comparison (illustrative text)" if diff.illustrative else "comparison",
        content="\n".join(lines),
    )


def _record_page(record: SearchRecord) -> str:
    """A record as the minimal page Pagefind reads (its text, title and kind; no markup)."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in record.content.split("\n") if p.strip())
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{escape(record.title)}</title></head>'
        f'<body><main data-pagefind-body><span data-pagefind-meta="kind:{escape(record.kind)}">'
        f"</span><h1>{escape(record.title)}</h1>{paragraphs}</main></body></html>"
    )


def _pagefind(site: Path, target: Path) -> None:
    executable = get_executable()
    if executable is None:
        raise CrtdiffError(str(target), "search index not built (the pagefind binary is missing)")
    command = [
        str(executable), "--site", str(site), "--output-path", str(target),
        "--force-language", "en", "--keep-index-url", "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CrtdiffError(str(target), f"search index not built (pagefind: {exc})") from exc
    if done.returncode != 0 or not (target / "pagefind.js").is_file():
        lines = (done.stderr or done.stdout).strip().splitlines()
        detail = lines[-1] if lines else f"exit status {done.returncode}"
        raise CrtdiffError(str(target), f"search index not built (pagefind: {detail})")


def write_bundle(folder: Path, records: list[SearchRecord], pages: Path) -> None:
    """Write a Pagefind bundle of `records` into `folder`, replacing the old one only once the
    new one is complete. `pages` is a folder kept between runs (in the result store) where each
    record is the bare page Pagefind reads."""
    building, old = folder.with_name(".pagefind-building"), folder.with_name(".pagefind-old")
    # .pagefind-pages: where older versions wrote the records for one build.
    for leftover in (building, old, folder.with_name(".pagefind-pages")):
        shutil.rmtree(leftover, ignore_errors=True)
    sync_record_pages(pages, records)
    try:
        _pagefind(pages, building)
    except CrtdiffError:
        shutil.rmtree(building, ignore_errors=True)
        raise
    if folder.exists():
        folder.rename(old)
    building.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def sync_record_pages(pages: Path, records: list[SearchRecord]) -> None:
    """Make `pages` hold exactly the records' pages: a page is written only when its text
    changed, and a page of no record is removed. Adding a year to a country writes its two
    records, not the country's hundred (nor deletes them after the build, as a folder made
    for each build had to)."""
    wanted = {pages / record.url.lstrip("/"): _record_page(record) for record in records}
    for path, text in wanted.items():
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except (OSError, UnicodeDecodeError):
            path.parent.mkdir(parents=True, exist_ok=True)
        # Not atomic: a page torn by a killed run differs from its record, so the next run
        # writes it again before building.
        path.write_text(text, encoding="utf-8")
    pages.mkdir(parents=True, exist_ok=True)
    for root, _dirs, files in os.walk(pages):
        for name in files:
            path = Path(root) / name
            if path not in wanted:
                path.unlink(missing_ok=True)


def write_search_page(out_dir: Path, slugs: list[str], context: dict[str, Any]) -> None:
    """output/search.html (`context`: the series on file), and the list of country bundles it
    merges."""
    write_if_changed(out_dir / "search.html", render_page("search.html.j2", root="", **context))
    bundle = OutputPaths.SEARCH_BUNDLE
    bundles = [f"{slug}/{bundle}/" for slug in slugs if (out_dir / slug / bundle).is_dir()]
    atomic_write_text(
        out_dir / OutputPaths.SEARCH_BUNDLE_LIST,
        f"window.CRTDIFF_SEARCH_BUNDLES = {json.dumps(bundles)};\n",
    )
