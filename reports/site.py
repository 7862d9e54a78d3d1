"""The static site: per country its chapters, pairs and timeline; the index; assets; tables."""

from pathlib import Path
from typing import Any

from markupsafe import Markup

from crtdiff.compare.headline import section_name
from crtdiff.reports.charts import (
    GroupSpan,
    YearPoint,
    change_class,
    groups_timeline,
    heat_legend,
    incidents_chart,
)
from crtdiff.reports.citation import Citation
from crtdiff.reports.fragments import escape_text
from crtdiff.reports.html import (
    STATIC,
    render_page,
    series_context,
)
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.summaries import (
    ChapterSummary,
    CountrySummary,
    CoverageRow,
    PairSummary,
    YearCell,
)
from crtdiff.reports.tables import TABLES
from crtdiff.schemas.sections import canonical_keys
from crtdiff.store.atomic import atomic_write_bytes, atomic_write_text


def write_assets(out_dir: Path) -> None:
    """The stylesheet and script every page links to."""
    for name in ("site.css", "site.js", "search.js"):
        atomic_write_bytes(out_dir / "assets" / name, (STATIC / name).read_bytes())


def _heatmap(pairs: list[PairSummary]) -> list[dict[str, Any]]:
    keys = [k for k in canonical_keys() if any(k in p.cosines for p in pairs)]
    keys += sorted({k for p in pairs for k in p.cosines} - set(keys))
    return [
        {"name": section_name(key), "cells": [p.cosines.get(key) for p in pairs]} for key in keys
    ]


def _spans(chapters: list[ChapterSummary], pairs: list[PairSummary]) -> list[GroupSpan]:
    """Each group's years, with a rename's old name marked as only the former name in the
    year of the rename, and renames and mergers noted at the end of the row."""
    named: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for chapter in chapters:
        for group in chapter.groups:
            named.setdefault(group.id, []).append(chapter.year)
            names[group.id] = group.name
    former: dict[str, set[int]] = {}
    notes: dict[str, list[str]] = {}
    for pair in pairs:
        for r in pair.renamed:
            former.setdefault(r.old_id, set()).add(pair.new_year)
            notes.setdefault(r.old_id, []).append(f"renamed {r.new_name} in {pair.new_year}")
            notes.setdefault(r.new_id, []).append(f"formerly {r.old_name}")
        for m in pair.merged:
            for member in m.members:
                notes.setdefault(member, []).append(f"merged into {m.into_name} in {pair.new_year}")
    spans = [
        GroupSpan(
            names[gid],
            years,
            former=sorted(former.get(gid, ())),
            note="; ".join(notes.get(gid, [])),
            group_id=gid,
        )
        for gid, years in named.items()
    ]
    return sorted(spans, key=lambda s: (min(s.active_years or s.years), s.name))


def write_country_page(
    out_dir: Path,
    chapters: list[ChapterSummary],
    pairs: list[PairSummary],
    coverage: list[CoverageRow] | None = None,
) -> CountrySummary:
    """A country's timeline page, from the summaries of its chapters and pairs."""
    chapters = sorted((c for c in chapters if c.chapter == "country"), key=lambda c: c.year)
    pairs = sorted((p for p in pairs if p.chapter == "country"), key=lambda p: p.new_year)
    summary = CountrySummary.of(chapters, pairs, coverage)
    by_new_year = {p.new_year: p for p in pairs}
    by_year = {c.year: c for c in chapters}
    rows = [
        {
            "year": c.year,
            "title": c.title,
            "illustrative": c.illustrative,
            "incidents": c.incidents,
            "killed": c.killed,
            "groups": len(c.groups),
            "pair": f"{by_new_year[c.year].stem}.html" if c.year in by_new_year else None,
            "previous": by_new_year[c.year].old_year if c.year in by_new_year else None,
            "headline": by_new_year[c.year].headline if c.year in by_new_year else "",
        }
        for c in chapters
    ]
    cited = [
        {"row": row, "cite": Citation.of_source(by_year[row.year])
         if row.year in by_year and row.chapter == "country" else None}
        for row in summary.coverage
    ] if summary.coverage else [
        {"row": None, "cite": Citation.of_source(c)} for c in chapters
    ]  # fmt: skip
    series = chapters[0].series if chapters else "crt"
    if series != "crt":
        page = render_page(
            "country_outline.html.j2",
            root="../",
            country=summary.country,
            illustrative=any(c.illustrative for c in chapters),
            years=[
                {**row, "counts": c.largest_counts, "laws": c.laws}
                for row, c in zip(rows, chapters, strict=True)
            ],
            pairs=[{"label": p.stem, "href": f"{p.stem}.html"} for p in pairs],
            heatmap=_heatmap(pairs),
            legend=heat_legend(),
            coverage=cited,
            gaps=summary.gaps,
            **series_context(series),
        )
        atomic_write_text(out_dir / OutputPaths.country_page(summary.country), page)
        return summary
    spans = _spans(chapters, pairs)
    page = render_page(
        "country.html.j2",
        root="../",
        country=summary.country,
        illustrative=any(c.illustrative for c in chapters),
        years=rows,
        incidents_svg=incidents_chart(
            [YearPoint(c.year, c.incidents, c.killed, c.illustrative) for c in chapters]
        ),
        groups_svg=groups_timeline(spans, [c.year for c in chapters]),
        spans=spans,
        pairs=[{"label": p.stem, "href": f"{p.stem}.html"} for p in pairs],
        heatmap=_heatmap(pairs),
        legend=heat_legend(),
        coverage=cited,
        gaps=summary.gaps,
    )  # fmt: skip
    atomic_write_text(out_dir / OutputPaths.country_page(summary.country), page)
    return summary


def _cell(info: YearCell | None) -> str:
    """One cell of the index's grid. Written in Python: the grid has a cell per country and
    year of the archive (10,000 and more), and a template loop per cell cost several times
    more."""
    if info is None:
        return '<td class="num "></td>'
    label = "●" if info.changed is None else f"{info.changed:.0%}"
    href = escape_text(info.pair or info.chapter)
    mark = " ◇" if info.illustrative else ""
    return (
        f'<td class="num {change_class(info.changed)}"><a href="{href}" '
        f'title="{escape_text(info.title)}">{label}</a>{mark}</td>'
    )


def write_index(
    out_dir: Path,
    summaries: list[CountrySummary],
    series: str = "crt",
    switch: list[dict[str, Any]] | None = None,
) -> None:
    """The site index: countries × years, each cell sized by how much changed; on a site of
    several series, links to switch series."""
    years = sorted({y for s in summaries for y in s.years})
    rows = [
        {
            "country": s.country,
            "slug": s.slug,
            "cells": Markup("".join(_cell(s.years.get(year)) for year in years)),
        }
        for s in sorted(summaries, key=lambda s: s.country)
    ]
    cells = [y for s in summaries for y in s.years.values()]
    page = render_page(
        "index.html.j2",
        root="",
        countries=summaries,
        years=years,
        rows=rows,
        chapter_count=len(cells),
        pair_count=sum(1 for y in cells if y.pair),
        illustrative_count=sum(1 for y in cells if y.illustrative),
        gaps=[(s, g) for s in summaries for g in s.gaps],
        tables=TABLES,
        switch=switch or [],
        **series_context(series),
    )
    atomic_write_text(out_dir / OutputPaths.INDEX, page)
