"""Group pages: one per group named anywhere in the archive, and their index."""

from dataclasses import asdict, dataclass, field
from functools import cached_property
from operator import attrgetter
from pathlib import Path

from crtdiff.reports.archive import Archive, Placed, PlacedIncident, sentence_href
from crtdiff.reports.html import render_page
from crtdiff.reports.page_cache import PageCache
from crtdiff.reports.summaries import PairSummary
from crtdiff.reports.writing import remove_other_pages

ROOT = "../"


@dataclass(slots=True)
class Mention:
    """A chapter naming the group (not frozen: a group named for decades across the archive has
    thousands, and a frozen dataclass is made three times slower)."""

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
    incidents: int = 0
    """How many incidents are attributed to it."""
    listed: list[PlacedIncident] = field(default_factory=list)
    """The incidents its page lists: the latest (archive.LISTED), by date."""

    @property
    def countries(self) -> list[str]:
        """Countries whose chapters name it."""
        return list(self.rows)

    @property
    def years(self) -> list[int]:
        """Report years it is named in."""
        return sorted(set().union(*self.rows.values()))

    @cached_property
    def first(self) -> Mention:
        """Its first mention (earliest year, then country)."""
        return min(self.mentions, key=_WHEN)

    @cached_property
    def last(self) -> Mention:
        """Its last mention."""
        return max(self.mentions, key=_WHEN)

    @cached_property
    def rows(self) -> dict[str, dict[int, Mention]]:
        """Country (sorted) → year → its mention there (made once its mentions are all in:
        a group named for decades has thousands)."""
        rows: dict[str, dict[int, Mention]] = {}
        for m in self.mentions:
            rows.setdefault(m.country, {})[m.year] = m
        return dict(sorted(rows.items()))


_WHEN = attrgetter("year", "country")


def group_file(archive: Archive, gid: str) -> GroupFile:
    """One group named in the archive, with its mentions, renames, mergers and incidents."""
    mentions = archive.named_in[gid]
    first = mentions[0][1]
    group = GroupFile(gid, first.name, first.acronym)
    named = archive.group_names
    former: set[tuple[str, int]] = set()
    for placed, pair in archive.regrouped:
        former |= _renames_and_mergers(group, placed, pair, named)
    for placed, g in mentions:  # thousands for a group named for decades: kept lean
        c = placed.chapter
        was = (c.country, c.year) in former if former else False
        href = f"{ROOT}{placed.page}#s{g.start}"
        group.mentions.append(Mention(c.country, c.year, href, g.mentions, was, c.illustrative))
    attributed = archive.incidents_by_group.get(gid)
    if attributed is not None:
        group.incidents, group.listed = attributed.count, attributed.latest
    group.events.sort(key=lambda e: (e.year, e.country))
    return group


def _renames_and_mergers(
    group: GroupFile, placed: Placed, pair: PairSummary, named: dict[str, str]
) -> set[tuple[str, int]]:
    """Attach the pair's renames and mergers involving the group; returns (country, year) of
    a rename of it, where its name is only the former name. An event whose other group is
    named nowhere is still shown; one about a group named nowhere has no page to go on."""
    gid, slug, chapter = group.id, placed.slug, placed.chapter
    former: set[tuple[str, int]] = set()
    for r in pair.renamed:
        href = sentence_href(ROOT, slug, chapter, r.start) if r.start is not None else None
        text = f"{r.old_name} is named {r.new_name} from {pair.new_year} (a rename)"
        for side, other in ((r.old_id, (r.new_id, r.new_name)), (r.new_id, (r.old_id, r.old_name))):
            if side == gid:
                group.events.append(
                    Event(pair.country, pair.new_year, text, r.sentence, href, [other])
                )
        if r.old_id == gid:
            former.add((pair.country, pair.new_year))
    for m in pair.merged:
        involved = {m.into_id: m.into_name, **m.members}
        if gid in involved:
            href = sentence_href(ROOT, slug, chapter, m.start)
            text = f"{', '.join(m.members.values())} merged into {m.into_name}"
            others = [(o, n) for o, n in involved.items() if o != gid]
            group.events.append(Event(pair.country, pair.new_year, text, m.sentence, href, others))
    return former


def group_files(archive: Archive) -> dict[str, GroupFile]:
    """Every group named in the archive, with its mentions, renames, mergers and incidents."""
    return {gid: group_file(archive, gid) for gid in archive.group_names}


@dataclass(frozen=True)
class GroupRow:
    """A group as the groups index lists it."""

    id: str
    name: str
    acronym: str | None
    countries: list[str]
    first_year: int
    first_country: str
    last_year: int
    last_country: str
    incidents: int

    @classmethod
    def of(cls, group: GroupFile) -> "GroupRow":
        """The row of a group's page."""
        first, last = group.first, group.last
        return cls(
            group.id, group.name, group.acronym, group.countries, first.year, first.country,
            last.year, last.country, group.incidents,
        )  # fmt: skip


def group_key(archive: Archive, gid: str, cache: PageCache) -> str | None:
    """Key of a group's page: the chapters and comparisons it shows, and the report years
    its table spans."""
    first, last = archive.named_span[gid]
    span = [str(y) for y in archive.years if first <= y <= last]
    return cache.key(
        "group", gid, repr(archive.series_context), ",".join(span),
        archive.group_units_key(gid),
    )  # fmt: skip


def write_group_pages(out_dir: Path, archive: Archive, cache: PageCache | None = None) -> list[str]:
    """output/groups/index.html and output/groups/<id>.html (only those whose key changed,
    with a `cache` of the pages written before); returns the group ids."""
    cache = cache or PageCache(out_dir)
    rows: list[GroupRow] = []
    keys: list[str | None] = []
    for gid in archive.group_names:  # in order of first mention, as the index's ties are
        relative, key = f"groups/{gid}.html", group_key(archive, gid, cache)
        kept = cache.kept_row(relative, key)
        if kept is None:
            group = group_file(archive, gid)
            row = GroupRow.of(group)
            named = group.years
            page = render_page(
                "group.html.j2",
                root=ROOT,
                group=group,
                years=[y for y in archive.years if named[0] <= y <= named[-1]],
                countries=group.countries,
                **archive.series_context,
            )
            cache.write(relative, key, page, asdict(row))
        else:
            row = GroupRow(**kept)
        rows.append(row)
        keys.append(key)
    ordered = sorted(rows, key=lambda g: g.name.lower())
    index_key = cache.key(
        "groups", repr(archive.series_context), repr(archive.years),
        *[f"{r.id}={k}" if k else None for r, k in zip(rows, keys, strict=True)],
    )  # fmt: skip
    if not cache.is_kept("groups/index.html", index_key):
        page = render_page(
            "groups_index.html.j2",
            root=ROOT,
            groups=ordered,
            years=archive.years,
            **archive.series_context,
        )
        cache.write("groups/index.html", index_key, page)
    remove_other_pages(out_dir / "groups", {"index.html", *(f"{g.id}.html" for g in ordered)})
    return [g.id for g in ordered]
