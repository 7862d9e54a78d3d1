"""Group pages: one per group named anywhere in the archive, and their index."""

from dataclasses import asdict, dataclass, field
from pathlib import Path

from crtdiff.reports.archive import Archive, Placed, PlacedIncident, sentence_href
from crtdiff.reports.fragments import PRESENCE_OPEN, presence_tail
from crtdiff.reports.html import render_page
from crtdiff.reports.page_cache import PageCache
from crtdiff.reports.summaries import GroupSeen, PairSummary
from crtdiff.reports.writing import remove_other_pages

ROOT = "../"


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
    first: Mention
    """Its first mention (earliest year, then country)."""
    last: Mention
    """Its last mention."""
    named: int
    """How many chapters name it."""
    rows: dict[str, dict[int, str]]
    """Country (sorted) → year → the table's cell there (fragments.presence_cell): a group
    named for decades has thousands, each made as one string where its mention is read."""
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


@dataclass(slots=True)
class Presence:
    """Where one group is named."""

    named: int
    """How many chapters name it."""
    rows: dict[str, dict[int, str]]
    """Country (in archive order) → year → the cell of the group page's table there."""


def presence(archive: Archive) -> dict[str, Presence]:
    """Group id → where it is named, in one pass over the chapters (chapter by chapter: a
    chapter's objects are read once for all the groups it names, where a pass per group read
    each chapter again, once per group, at several times the cost)."""
    found: dict[str, Presence] = {}
    pair_at = archive.pair_at
    for placed in archive.chapters:
        c = placed.chapter
        country, year, illustrative = c.country, c.year, c.illustrative
        pair = pair_at.get((placed.slug, year))
        former = {r.old_id for r in pair.renamed} if pair is not None else set()
        head = f"{PRESENCE_OPEN}{ROOT}{placed.page_html}#s"
        for g in c.groups:
            gid = g.id
            cell = f"{head}{g.start}{presence_tail(g.mentions, gid in former, illustrative)}"
            seen = found.get(gid)
            if seen is None:
                found[gid] = Presence(1, {country: {year: cell}})
                continue
            seen.named += 1
            row = seen.rows.get(country)
            if row is None:
                seen.rows[country] = {year: cell}
            else:
                row[year] = cell
    return found


def group_file(archive: Archive, gid: str, where: dict[str, Presence] | None = None) -> GroupFile:
    """One group named in the archive, with its mentions, renames, mergers and incidents
    (`where`: the archive's presence, made here when not given)."""
    seen = (where if where is not None else presence(archive))[gid]
    rows = dict(sorted(seen.rows.items()))
    named = archive.group_names
    former: set[tuple[str, int]] = set()
    events: list[Event] = []
    for placed, pair in archive.regrouped:
        former |= _renames_and_mergers(gid, events, placed, pair, named)
    # A country's years are in archive order: its first and last are its row's ends.
    first = min((next(iter(row)), country) for country, row in rows.items())
    last = max((next(reversed(row)), country) for country, row in rows.items())
    origin = next(iter(seen.rows.items()))
    name = _named_in(archive, gid, origin[0], next(iter(origin[1])))[1]
    group = GroupFile(
        gid, name.name, name.acronym, _mention(archive, gid, first, former),
        _mention(archive, gid, last, former), seen.named, rows,
        sorted(events, key=lambda e: (e.year, e.country)),
    )  # fmt: skip
    attributed = archive.incidents_by_group.get(gid)
    if attributed is not None:
        group.incidents, group.listed = attributed.count, attributed.latest
    return group


def _named_in(archive: Archive, gid: str, country: str, year: int) -> tuple[Placed, GroupSeen]:
    """The chapter of a country and year, and how it first names the group."""
    placed = next(p for p in archive.by_year[year] if p.chapter.country == country)
    return placed, next(g for g in placed.chapter.groups if g.id == gid)


def _mention(
    archive: Archive, gid: str, when: tuple[int, str], former: set[tuple[str, int]]
) -> Mention:
    """The group's mention in the chapter of a (year, country)."""
    year, country = when
    placed, g = _named_in(archive, gid, country, year)
    href = f"{ROOT}{placed.page}#s{g.start}"
    was = (country, year) in former
    return Mention(country, year, href, g.mentions, was, placed.chapter.illustrative)


def _renames_and_mergers(
    gid: str, events: list[Event], placed: Placed, pair: PairSummary, named: dict[str, str]
) -> set[tuple[str, int]]:
    """Add to `events` the pair's renames and mergers involving the group `gid`; returns
    (country, year) of a rename of it, where its name is only the former name. An event whose
    other group is named nowhere is still shown; one about a group named nowhere has no page to
    go on."""
    slug, chapter = placed.slug, placed.chapter
    former: set[tuple[str, int]] = set()
    for r in pair.renamed:
        href = sentence_href(ROOT, slug, chapter, r.start) if r.start is not None else None
        text = f"{r.old_name} is named {r.new_name} from {pair.new_year} (a rename)"
        for side, other in ((r.old_id, (r.new_id, r.new_name)), (r.new_id, (r.old_id, r.old_name))):
            if side == gid:
                events.append(Event(pair.country, pair.new_year, text, r.sentence, href, [other]))
        if r.old_id == gid:
            former.add((pair.country, pair.new_year))
    for m in pair.merged:
        involved = {m.into_id: m.into_name, **m.members}
        if gid in involved:
            href = sentence_href(ROOT, slug, chapter, m.start)
            text = f"{', '.join(m.members.values())} merged into {m.into_name}"
            others = [(o, n) for o, n in involved.items() if o != gid]
            events.append(Event(pair.country, pair.new_year, text, m.sentence, href, others))
    return former


def group_files(archive: Archive) -> dict[str, GroupFile]:
    """Every group named in the archive, with its mentions, renames, mergers and incidents."""
    where = presence(archive)
    return {gid: group_file(archive, gid, where) for gid in archive.group_names}


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
    where: dict[str, Presence] | None = None  # made for the first page rendered
    rows: list[GroupRow] = []
    keys: list[str | None] = []
    for gid in archive.group_names:  # in order of first mention, as the index's ties are
        relative, key = f"groups/{gid}.html", group_key(archive, gid, cache)
        kept = cache.kept_row(relative, key)
        if kept is None:
            where = where if where is not None else presence(archive)
            group = group_file(archive, gid, where)
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
