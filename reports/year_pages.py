"""Year overviews: per report year, across every catalogued country, what was new."""

from dataclasses import asdict, dataclass, field
from pathlib import Path

from crtdiff.reports.archive import Archive, Placed, PlacedIncident, by_date, sentence_href
from crtdiff.reports.html import render_page
from crtdiff.reports.page_cache import PageCache
from crtdiff.reports.summaries import GroupSeen, MeasureSeen, PairSummary, StatusSeen
from crtdiff.reports.writing import remove_other_pages

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
    formerly = {r.new_id: r.old_name for _, pair in _pairs(archive, year) for r in pair.renamed}
    found: dict[str, NewGroup] = {}
    for placed in chapters:
        for g in placed.chapter.groups:
            if first[g.id] < year:
                continue
            href = sentence_href(ROOT, placed.slug, placed.chapter, g.start)
            entry = found.setdefault(g.id, NewGroup(g, [], formerly.get(g.id)))
            entry.where.append((placed.chapter.country, href))
    return sorted(found.values(), key=lambda n: n.group.name.lower())


def _pairs(archive: Archive, year: int) -> list[tuple[str, PairSummary]]:
    """The comparisons ending in `year`, in archive order."""
    return archive.pairs_by_year.get(year, [])


def _measures(archive: Archive, year: int, chapters: list[Placed]) -> list[MeasureLine]:
    by_slug = {p.slug: p for p in chapters}
    lines = []
    for slug, pair in _pairs(archive, year):
        placed = by_slug.get(slug)
        if placed is None:
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
    pairs = _pairs(archive, year)
    with_pair = {slug for slug, _ in pairs}
    page = YearFile(year, chapters, first_on_file=year == archive.years[0])
    page.new_groups = _new_groups(archive, year, chapters)
    incidents = by_date([i for p in chapters for i in archive.placed_incidents(p)])
    page.deadliest = sorted(
        (i for i in incidents if i.new is not False and i.incident.killed),
        key=lambda i: -(i.incident.killed or 0),
    )[:DEADLIEST]
    page.changed = sorted(
        pairs,
        key=lambda sp: sp[1].recycled_share if sp[1].recycled_share is not None else 1.0,
    )
    page.measures = _measures(archive, year, chapters)
    page.without_previous = [p.chapter.country for p in chapters if p.slug not in with_pair]
    return page


@dataclass(frozen=True)
class YearRow:
    """A report year as the years index lists it."""

    year: int
    chapters: int
    illustrative: int
    new_groups: int
    first_on_file: bool
    deadliest: int
    changed: int
    measures: int

    @classmethod
    def of(cls, page: YearFile) -> "YearRow":
        """The row of a year's page."""
        return cls(
            page.year, len(page.chapters), sum(1 for p in page.chapters if p.chapter.illustrative),
            len(page.new_groups), page.first_on_file, len(page.deadliest), len(page.changed),
            len(page.measures),
        )  # fmt: skip


def year_key(
    archive: Archive, year: int, previous: int | None, following: int | None, cache: PageCache
) -> str | None:
    """Key of a year's page: its chapters and comparisons, its neighbours, which of the groups
    it names were named in an earlier year, and the names of the perpetrators it may show."""
    chapters = archive.by_year.get(year, [])
    first = archive.first_named
    names = archive.group_names
    named = sorted(archive.groups.year_named.get(year, ()))
    doers = sorted(archive.groups.year_doers.get(year, ()))
    return cache.key(
        "year", str(year), repr(archive.series_context), f"{previous}-{following}",
        str(year == archive.years[0]), archive.units_key(chapters),
        ",".join(g for g in named if first[g] < year),
        ",".join(f"{d}={names.get(d, d)}" for d in doers),
    )  # fmt: skip


def write_year_pages(out_dir: Path, archive: Archive, cache: PageCache | None = None) -> list[int]:
    """output/years/index.html and output/years/<year>.html (only those whose key changed, with
    a `cache` of the pages written before); returns the years."""
    cache = cache or PageCache(out_dir)
    years = archive.years
    rows: list[YearRow] = []
    keys: list[str | None] = []
    for index, year in enumerate(years):
        previous = years[index - 1] if index else None
        following = years[index + 1] if index + 1 < len(years) else None
        relative, key = f"years/{year}.html", year_key(archive, year, previous, following, cache)
        kept = cache.kept_row(relative, key)
        if kept is None:
            page = year_file(archive, year)
            row = YearRow.of(page)
            text = render_page(
                "year.html.j2", root=ROOT, page=page, previous=previous, following=following,
                names=archive.group_names, **archive.series_context,
            )  # fmt: skip
            cache.write(relative, key, text, asdict(row))
        else:
            row = YearRow(**kept)
        rows.append(row)
        keys.append(key)
    index_key = cache.key(
        "years", repr(archive.series_context),
        *[f"{r.year}={k}" if k else None for r, k in zip(rows, keys, strict=True)],
    )  # fmt: skip
    if not cache.is_kept("years/index.html", index_key):
        text = render_page("years_index.html.j2", root=ROOT, files=rows, **archive.series_context)
        cache.write("years/index.html", index_key, text)
    remove_other_pages(out_dir / "years", {"index.html", *(f"{y}.html" for y in years)})
    return years
