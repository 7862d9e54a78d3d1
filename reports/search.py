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


def write_bundle(folder: Path, records: list[SearchRecord]) -> None:
    """Write a Pagefind bundle of `records` into `folder`, replacing the old one only once the
    new one is complete."""
    building, old = folder.with_name(".pagefind-building"), folder.with_name(".pagefind-old")
    pages = folder.with_name(".pagefind-pages")
    for leftover in (building, old, pages):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        for record in records:
            path = pages / record.url.lstrip("/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_record_page(record), encoding="utf-8")
        pages.mkdir(parents=True, exist_ok=True)
        _pagefind(pages, building)
    except CrtdiffError:
        shutil.rmtree(building, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    building.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


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
