"""Group pages: one per group named anywhere in the archive, and their index."""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reports.archive import Archive, Placed, PlacedIncident, sentence_href
from reports.html import render_page
from reports.writing import remove_other_pages, write_if_changed

ROOT = "../"
LISTED = 100
"""Incidents listed on a group's page (the latest); the explorer, filtered to the group, has
them all (a group active for decades has thousands)."""


@dataclass(frozen=True)
class Mention:
    """A chapter naming the group."""

    country: str
    year: int
    href: str
    mentions: int
    former: bool
    """Named only as the former name of a renamed group that year."""
    illustrative: bool


@dataclass(frozen=True)
class Event:
    """A rename or merger involving the group, with the sentence that shows it."""

    country: str
    year: int
    text: str
    sentence: str | None
    href: str | None
    others: list[tuple[str, str]]
    """The other groups involved (id, name), linked from the page."""


@dataclass
class GroupFile:
    """Everything one group's page shows."""

    id: str
    name: str
    acronym: str | None
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    incidents: list[PlacedIncident] = field(default_factory=list)

    @property
    def listed(self) -> list[PlacedIncident]:
        """The incidents its page lists: the latest `LISTED`, by date."""
        return self.incidents[-LISTED:]

    @property
    def countries(self) -> list[str]:
        """Countries whose chapters name it."""
        return sorted({m.country for m in self.mentions})

    @property
    def years(self) -> list[int]:
        """Report years it is named in."""
        return sorted({m.year for m in self.mentions})

    @property
    def first(self) -> Mention:
        """Its first mention (earliest year, then country)."""
        return min(self.mentions, key=lambda m: (m.year, m.country))

    @property
    def last(self) -> Mention:
        """Its last mention."""
        return max(self.mentions, key=lambda m: (m.year, m.country))

    @cached_property
    def _cells(self) -> dict[tuple[str, int], Mention]:
        return {(m.country, m.year): m for m in self.mentions}

    def cell(self, country: str, year: int) -> Mention | None:
        """Its mention in one country-year, if any."""
        return self._cells.get((country, year))


Former = set[tuple[str, str, int]]
"""(group id, country, year) where a group is named only as a former name."""


def _renames_and_mergers(archive: Archive, groups: dict[str, GroupFile]) -> Former:
    """Attach renames and mergers to every group involved; returns (old id, country, year) of
    each rename, where the old name is only the former name."""
    chapters = {(p.slug, p.chapter.year): p.chapter for p in archive.chapters}
    former: set[tuple[str, str, int]] = set()
    for slug, pair in archive.pairs:
        chapter = chapters.get((slug, pair.new_year))
        if chapter is None:
            continue
        for r in pair.renamed:
            href = sentence_href(ROOT, slug, chapter, r.start) if r.start is not None else None
            text = f"{r.old_name} is named {r.new_name} from {pair.new_year} (a rename)"
            for gid, other in (
                (r.old_id, (r.new_id, r.new_name)),
                (r.new_id, (r.old_id, r.old_name)),
            ):
                if gid in groups:
                    groups[gid].events.append(
                        Event(pair.country, pair.new_year, text, r.sentence, href, [other])
                    )
            former.add((r.old_id, pair.country, pair.new_year))
        for m in pair.merged:
            href = sentence_href(ROOT, slug, chapter, m.start)
            text = f"{', '.join(m.members.values())} merged into {m.into_name}"
            involved = {m.into_id: m.into_name, **m.members}
            for gid in involved:
                if gid in groups:
                    others = [(o, n) for o, n in involved.items() if o != gid]
                    groups[gid].events.append(
                        Event(pair.country, pair.new_year, text, m.sentence, href, others)
                    )
    return former


def group_files(archive: Archive) -> dict[str, GroupFile]:
    """Every group named in the archive, with its mentions, renames, mergers and incidents."""
    groups: dict[str, GroupFile] = {}
    for placed in archive.chapters:
        for g in placed.chapter.groups:
            groups.setdefault(g.id, GroupFile(g.id, g.name, g.acronym))
    former = _renames_and_mergers(archive, groups)
    for placed in archive.chapters:
        c = placed.chapter
        for g in c.groups:
            groups[g.id].mentions.append(_mention(placed, g.id, g.start, g.mentions, former))
    for item in archive.incidents:
        for gid in item.incident.perpetrators:
            if gid in groups:
                groups[gid].incidents.append(item)
    for group in groups.values():
        group.events.sort(key=lambda e: (e.year, e.country))
    return groups


def _mention(placed: Placed, gid: str, start: int, count: int, former: Former) -> Mention:
    c = placed.chapter
    return Mention(
        c.country, c.year, sentence_href(ROOT, placed.slug, c, start), count,
        (gid, c.country, c.year) in former, c.illustrative,
    )  # fmt: skip


def write_group_pages(out_dir: Path, archive: Archive) -> list[str]:
    """output/groups/index.html and output/groups/<id>.html; returns the group ids."""
    groups = group_files(archive)
    ordered = sorted(groups.values(), key=lambda g: g.name.lower())
    folder = out_dir / "groups"
    write_if_changed(
        folder / "index.html",
        render_page(
            "groups_index.html.j2",
            root=ROOT,
            groups=ordered,
            years=archive.years,
            **archive.series_context,
        ),
    )
    for group in ordered:
        page = render_page(
            "group.html.j2",
            root=ROOT,
            group=group,
            years=[y for y in archive.years if group.years[0] <= y <= group.years[-1]],
            countries=group.countries,
            names=archive.group_names,
            **archive.series_context,
        )
        write_if_changed(folder / f"{group.id}.html", page)
    remove_other_pages(folder, {"index.html", *(f"{g.id}.html" for g in ordered)})
    return [g.id for g in ordered]
