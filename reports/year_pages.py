"""Year overviews: per report year, across every catalogued country, what was new."""

from dataclasses import dataclass, field
from pathlib import Path

from reports.archive import Archive, Placed, PlacedIncident, sentence_href
from reports.html import render_page
from reports.summaries import GroupSeen, MeasureSeen, PairSummary, StatusSeen
from reports.writing import remove_other_pages, write_if_changed

ROOT = "../"
DEADLIEST = 10


@dataclass(frozen=True)
class NewGroup:
    """A group no chapter of an earlier year names, with where it is first named."""

    group: GroupSeen
    where: list[tuple[str, str]]
    """(country, link to the first mention) per chapter of the year naming it."""
    formerly: str | None
    """The old name when a comparison found it to be a rename."""


@dataclass(frozen=True)
class MeasureLine:
    """A legal measure new in a year, or whose status moved."""

    country: str
    measure: MeasureSeen | None
    change: StatusSeen | None
    href: str
    illustrative: bool


@dataclass
class YearFile:
    """Everything one year's page shows."""

    year: int
    chapters: list[Placed]
    first_on_file: bool
    """No chapter of an earlier year is on file: everything is "first seen"."""
    new_groups: list[NewGroup] = field(default_factory=list)
    deadliest: list[PlacedIncident] = field(default_factory=list)
    changed: list[tuple[str, PairSummary]] = field(default_factory=list)
    measures: list[MeasureLine] = field(default_factory=list)
    without_previous: list[str] = field(default_factory=list)
    """Countries with no earlier chapter on file (their facts cannot be told new)."""


def _new_groups(archive: Archive, year: int, chapters: list[Placed]) -> list[NewGroup]:
    first = archive.first_named
    formerly = {
        r.new_id: r.old_name
        for _, pair in archive.pairs
        if pair.new_year == year
        for r in pair.renamed
    }
    found: dict[str, NewGroup] = {}
    for placed in chapters:
        for g in placed.chapter.groups:
            if first[g.id] < year:
                continue
            href = sentence_href(ROOT, placed.slug, placed.chapter, g.start)
            entry = found.setdefault(g.id, NewGroup(g, [], formerly.get(g.id)))
            entry.where.append((placed.chapter.country, href))
    return sorted(found.values(), key=lambda n: n.group.name.lower())


def _measures(archive: Archive, year: int, chapters: list[Placed]) -> list[MeasureLine]:
    by_slug = {p.slug: p for p in chapters}
    lines = []
    for slug, pair in archive.pairs:
        placed = by_slug.get(slug)
        if pair.new_year != year or placed is None:
            continue
        c = placed.chapter
        measures = {m.id: m for m in c.measures}
        for mid in pair.new_measures:
            if mid in measures:
                m = measures[mid]
                href = sentence_href(ROOT, slug, c, m.start)
                lines.append(MeasureLine(c.country, m, None, href, c.illustrative))
        for change in pair.status_changed:
            href = sentence_href(ROOT, slug, c, change.start)
            lines.append(
                MeasureLine(c.country, measures.get(change.id), change, href, c.illustrative)
            )
    return lines


def year_file(archive: Archive, year: int) -> YearFile:
    """One year's overview."""
    chapters = archive.by_year.get(year, [])
    with_pair = {slug for slug, pair in archive.pairs if pair.new_year == year}
    page = YearFile(year, chapters, first_on_file=year == archive.years[0])
    page.new_groups = _new_groups(archive, year, chapters)
    incidents = [i for i in archive.incidents if i.chapter.year == year and i.new is not False]
    page.deadliest = sorted(
        (i for i in incidents if i.incident.killed), key=lambda i: -(i.incident.killed or 0)
    )[:DEADLIEST]
    page.changed = sorted(
        ((slug, p) for slug, p in archive.pairs if p.new_year == year),
        key=lambda sp: sp[1].recycled_share if sp[1].recycled_share is not None else 1.0,
    )
    page.measures = _measures(archive, year, chapters)
    page.without_previous = [p.chapter.country for p in chapters if p.slug not in with_pair]
    return page


def write_year_pages(out_dir: Path, archive: Archive) -> list[int]:
    """output/years/index.html and output/years/<year>.html; returns the years."""
    files = [year_file(archive, year) for year in archive.years]
    folder = out_dir / "years"
    write_if_changed(
        folder / "index.html",
        render_page("years_index.html.j2", root=ROOT, files=files, **archive.series_context),
    )
    for index, page in enumerate(files):
        previous = files[index - 1].year if index else None
        following = files[index + 1].year if index + 1 < len(files) else None
        text = render_page(
            "year.html.j2", root=ROOT, page=page, previous=previous, following=following,
            names=archive.group_names, **archive.series_context,
        )  # fmt: skip
        write_if_changed(folder / f"{page.year}.html", text)
    remove_other_pages(folder, {"index.html", *(f"{f.year}.html" for f in files)})
    return [f.year for f in files]
