"""The static site: per country its chapters, pairs and timeline; the index; assets; tables."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crtdiff.compare.headline import section_name
from crtdiff.store.atomic import atomic_write_bytes, atomic_write_text
from crtdiff.text.normalize import slugify
from reports.charts import GroupSpan, YearPoint, change_class, groups_timeline, incidents_chart
from reports.html import STATIC, render_chapter_html, render_page, render_pair_html
from reports.markdown import render_pair_markdown
from reports.tables import TABLES
from schemas import CountryReport
from schemas.diff import YearDiff

_CANONICAL = (
    "overview",
    "incidents",
    "legislation",
    "financing",
    "violent_extremism",
    "cooperation",
)


@dataclass
class CountrySummary:
    """What the site index needs to know about one country (small, whatever the archive size)."""

    country: str
    slug: str
    years: dict[int, dict[str, Any]] = field(default_factory=dict)
    """year → {title, illustrative, changed (share), pair (href)}."""


def pair_stem(diff: YearDiff) -> str:
    """File stem of a pair's pages: `<old>-<new>`."""
    return f"{diff.old_year}-{diff.new_year}"


def chapter_stem(report: CountryReport) -> str:
    """File stem of a chapter page: the year (plus the chapter kind when not `country`)."""
    return str(report.year) if report.chapter == "country" else f"{report.year}-{report.chapter}"


def write_assets(out_dir: Path) -> None:
    """The stylesheet and script every page links to."""
    for name in ("site.css", "site.js"):
        atomic_write_bytes(out_dir / "assets" / name, (STATIC / name).read_bytes())


def write_pair(out_dir: Path, diff: YearDiff) -> None:
    """A pair's Markdown and HTML summaries."""
    folder = out_dir / slugify(diff.country)
    atomic_write_text(folder / f"{pair_stem(diff)}.md", render_pair_markdown(diff))
    atomic_write_text(folder / f"{pair_stem(diff)}.html", render_pair_html(diff))


def write_chapter(out_dir: Path, report: CountryReport) -> None:
    """A chapter's readable copy with anchored sentences."""
    path = out_dir / slugify(report.country) / f"{chapter_stem(report)}.html"
    atomic_write_text(path, render_chapter_html(report))


def _heatmap(diffs: list[YearDiff]) -> list[dict[str, Any]]:
    keys = [k for k in _CANONICAL if any(s.key == k for d in diffs for s in d.sections)]
    keys += sorted({s.key for d in diffs for s in d.sections} - set(keys))
    rows = []
    for key in keys:
        cells = []
        for diff in diffs:
            section = next((s for s in diff.sections if s.key == key), None)
            cells.append(section.cosine if section else None)
        rows.append({"name": section_name(key), "cells": cells})
    return rows


def write_country(
    out_dir: Path, reports: list[CountryReport], diffs: list[YearDiff]
) -> CountrySummary:
    """Every page of one country (chapters, pairs, timeline); returns its index summary."""
    reports = sorted((r for r in reports if r.chapter == "country"), key=lambda r: r.year)
    diffs = sorted((d for d in diffs if d.chapter == "country"), key=lambda d: d.new_year)
    country = reports[0].country
    slug = slugify(country)
    for report in reports:
        write_chapter(out_dir, report)
    for diff in diffs:
        write_pair(out_dir, diff)
    by_new_year = {d.new_year: d for d in diffs}
    summary = CountrySummary(country, slug)
    rows = []
    for report in reports:
        pair = by_new_year.get(report.year)
        changed = 1 - pair.recycled_share if pair and pair.recycled_share is not None else None
        href = f"{pair_stem(pair)}.html" if pair else None
        summary.years[report.year] = {
            "title": report.title,
            "illustrative": report.source.illustrative,
            "changed": changed,
            "pair": f"{slug}/{href}" if href else None,
            "chapter": f"{slug}/{chapter_stem(report)}.html",
        }
        rows.append(
            {
                "year": report.year,
                "title": report.title,
                "illustrative": report.source.illustrative,
                "incidents": len(report.incidents),
                "killed": sum(i.killed_min or 0 for i in report.incidents),
                "groups": len(report.groups),
                "pair": href,
                "previous": pair.old_year if pair else None,
                "headline": pair.headline[0].text if pair and pair.headline else "",
            }
        )
    years = [r.year for r in reports]
    named: dict[str, list[int]] = {}
    for report in reports:
        for group in report.groups:
            named.setdefault(group.name, []).append(report.year)
    spans = sorted(
        (GroupSpan(name, ys) for name, ys in named.items()), key=lambda s: (min(s.years), s.name)
    )
    page = render_page(
        "country.html.j2",
        root="../",
        country=country,
        illustrative=any(r.source.illustrative for r in reports),
        years=rows,
        incidents_svg=incidents_chart(
            [
                YearPoint(
                    r.year,
                    len(r.incidents),
                    sum(i.killed_min or 0 for i in r.incidents),
                    r.source.illustrative,
                )
                for r in reports
            ]
        ),
        groups_svg=groups_timeline(spans, years),
        pairs=[{"label": pair_stem(d), "href": f"{pair_stem(d)}.html"} for d in diffs],
        heatmap=_heatmap(diffs),
    )
    atomic_write_text(out_dir / slug / "index.html", page)
    return summary


def write_index(out_dir: Path, summaries: list[CountrySummary]) -> None:
    """The site index: countries × years, each cell sized by how much changed."""
    years = sorted({y for s in summaries for y in s.years})
    rows = []
    for summary in sorted(summaries, key=lambda s: s.country):
        cells = []
        for year in years:
            info = summary.years.get(year)
            if info is None:
                cells.append(
                    {
                        "css": "",
                        "label": "",
                        "href": None,
                        "chapter": None,
                        "title": "",
                        "illustrative": False,
                    }
                )
                continue
            changed = info["changed"]
            cells.append(
                {
                    "css": change_class(changed),
                    "label": "●" if changed is None else f"{changed:.0%}",
                    "href": info["pair"],
                    "chapter": info["chapter"],
                    "title": info["title"],
                    "illustrative": info["illustrative"],
                }
            )
        rows.append({"country": summary.country, "slug": summary.slug, "cells": cells})
    page = render_page(
        "index.html.j2",
        root="",
        countries=summaries,
        years=years,
        rows=rows,
        chapter_count=sum(len(s.years) for s in summaries),
        pair_count=sum(1 for s in summaries for y in s.years.values() if y["pair"]),
        illustrative_count=sum(1 for s in summaries for y in s.years.values() if y["illustrative"]),
        tables=TABLES,
    )
    atomic_write_text(out_dir / "index.html", page)
