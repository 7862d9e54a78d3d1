"""Full-text search with Pagefind: one index bundle per country (its chapters and comparisons,
built by crtdiff/reports/search_bundle.py in the country's task only when its pages change);
the search page merges them in the browser. (The group and year pages are not indexed: they are
made of the chapters' facts, and a bundle of them would be rebuilt whenever any country
changes.) Browsers refuse the index's module and WebAssembly files on pages opened from disk
(file://), so the search page says how to serve the folder.

The text is given to Pagefind as records (a chapter's body; a comparison's headline and changed
sentences) rather than the site's pages: the same text without their markup (a comparison page
is mostly redline markup), so a country's bundle costs a fraction of a second.
"""

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from crtdiff.reports.html import render_page
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.writing import write_if_changed
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.store.atomic import atomic_write_text


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
