"""The incidents explorer: every incident of every country and year, on one page that sorts,
filters and exports (CSV) in the browser, offline.

The rows travel as data in scripts (a page opened from disk can load a script, not fetch JSON),
by columns: each string that repeats (countries, places, kinds, attributions, official URLs,
publication dates) is held once and given by its index, as are each chapter (its country, year,
page and source) and each list of perpetrators. The first script (output/data/incidents.js)
holds the first rows by date and their tables, so the page draws its first rows at once; the
others (incidents-2.js, ...) hold the rest by date, each with its own tables (so that a script
whose rows did not change is the same file: it is not written again, and a browser's cache of
it stays valid), and are loaded one after the other, the counts and the CSV export saying they
cover only the rows loaded until every one is. The page draws a few hundred rows at a time: an
archive holds tens of thousands of incidents.
"""

import zlib
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, Literal, TypeVar

import msgspec

from crtdiff.reports.archive import Archive, PlacedIncident, sentence_href
from crtdiff.reports.explorer_files import BUILDS_LINE, SCRIPTS_LINE, SPLIT, Split, further_scripts
from crtdiff.reports.html import render_page
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.summaries import CountrySummary
from crtdiff.reports.writing import write_if_changed

_K = TypeVar("_K", bound=Hashable)


def _positions(items: Iterable[_K]) -> dict[_K, int]:
    """Each item's position in `items`: the code a table's rows hold for it."""
    return {item: n for n, item in enumerate(items)}


def incident_record(item: PlacedIncident, names: dict[str, str]) -> dict[str, Any]:
    """One incident as the explorer (and its CSV export) holds it: names, not ids."""
    i, chapter = item.incident, item.chapter
    official = not chapter.illustrative
    return {
        "date": i.date,
        "date_end": i.date_end or "",
        "report_year": chapter.year,
        "country": chapter.country,
        "incident_country": i.country or "",
        "place": i.place or "",
        "kind": i.kind,
        "target": i.target,
        "perpetrators": [[p, names.get(p, p)] for p in i.perpetrators],
        "attribution": i.attribution,
        "killed_min": i.killed,
        "wounded_min": i.wounded,
        "kidnapped_min": i.kidnapped,
        "illustrative": chapter.illustrative,
        "official_url": chapter.source.url if official else None,
        "published": chapter.source.published if official else None,
        "evidence": i.sentence,
        "page": sentence_href("", item.slug, chapter, i.start),
    }


ROW_STRINGS = ("date_end", "incident_country", "place", "kind", "target", "attribution")
"""The rows' columns of repeated strings: each value an index into the strings."""
ROW_VALUES = ("date", "killed", "wounded", "kidnapped", "evidence", "sentence")
"""The rows' columns held as they are."""


class Chapter(msgspec.Struct, frozen=True, array_like=True, forbid_unknown_fields=True):
    """A chapter incidents are read from: what their rows share."""

    country: str
    year: int
    page: str
    """Its chapter page, relative to the site's root (a row's link adds `#s<sentence>`)."""
    illustrative: bool
    official_url: str | None
    """None for an illustrative chapter, or when unknown."""
    published: str | None


class Rows(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Incidents by columns, all of one length: strings (ROW_STRINGS) as indices into the
    part's strings, `chapter` into its chapters, `perpetrators` into its lists of them."""

    chapter: list[int]
    date: list[str]
    date_end: list[int]
    incident_country: list[int]
    place: list[int]
    kind: list[int]
    target: list[int]
    perpetrators: list[int]
    attribution: list[int]
    killed: list[int | None]
    wounded: list[int | None]
    kidnapped: list[int | None]
    evidence: list[str]
    sentence: list[int]
    """Where its sentence starts in the chapter (the page's anchor `#s<start>`)."""

    def lengths(self) -> set[int]:
        """The lengths of its columns (one when it is whole)."""
        return {len(getattr(self, name)) for name in self.__struct_fields__}


_FORM: Literal[3] = 3
"""The stored form of a Part: 3, one JSON document (Part itself). Earlier forms (1 and 2: a head
line, then one serialised record a line) are not JSON documents and are made again."""


class Part(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One country's incidents as the explorer holds them, by date then id (as Archive.incidents
    orders one country's incidents), with what the page needs of them. Kept (as bytes) beside
    the country's summary, so that the explorer's data is joined from stored columns rather
    than made again from every incident of the archive. Perpetrators are held by id: their
    names are the archive's, given when the parts are joined."""

    form: Literal[3]
    country: str
    strings: list[str]
    """Every string its rows and chapters hold, sorted: the rows give them by index."""
    groups: list[str]
    """Every perpetrator id of its rows, sorted."""
    perpetrators: list[list[int]]
    """Each different list of perpetrators of its rows, as indices into `groups`."""
    chapters: list[Chapter]
    rows: Rows
    killed: int
    """Killed over its incidents (at least)."""
    kinds: list[str]
    """Its incidents' kinds, sorted."""
    illustrative: bool
    """An incident of it is read from an illustrative chapter."""

    def to_bytes(self) -> bytes:
        """The part as JSON."""
        return msgspec.json.encode(self)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Part | None":
        """A stored part, or None when it is not one, or of another form (then it is made
        again)."""
        try:
            part = msgspec.json.decode(data, type=cls)
        except msgspec.MsgspecError:
            return None
        return part if len(part.rows.lengths()) == 1 else None

    @property
    def size(self) -> int:
        """How many incidents it holds."""
        return len(self.rows.date)


def explorer_part(summary: CountrySummary) -> Part:
    """A country's incidents as the explorer holds them (incident_record, by columns)."""
    archive = Archive.of([summary])
    records = [incident_record(item, {}) for item in archive.incidents]
    chapters: dict[str, int] = {}
    held: list[Chapter] = []
    lists: dict[tuple[str, ...], int] = {}
    columns: dict[str, list[Any]] = {name: [] for name in Rows.__struct_fields__}
    for record in records:
        page, _, sentence = record["page"].rpartition("#s")
        if page not in chapters:
            chapters[page] = len(held)
            held.append(
                Chapter(
                    record["country"], record["report_year"], page, record["illustrative"],
                    record["official_url"], record["published"],
                )
            )  # fmt: skip
        columns["chapter"].append(chapters[page])
        columns["sentence"].append(int(sentence))
        perpetrators = tuple(p[0] for p in record["perpetrators"])
        columns["perpetrators"].append(lists.setdefault(perpetrators, len(lists)))
        for name in ROW_STRINGS:
            columns[name].append(record[name])
        for name, key in _VALUE_KEYS.items():
            columns[name].append(record[key])
    strings = sorted(
        {s for name in ROW_STRINGS for s in columns[name]}
        | {s for c in held for s in (c.country, c.official_url, c.published) if s is not None}
    )
    index = _positions(strings)
    for name in ROW_STRINGS:
        columns[name] = [index[s] for s in columns[name]]
    groups = sorted({g for ids in lists for g in ids})
    group_index = _positions(groups)
    incidents = [item.incident for item in archive.incidents]
    return Part(
        form=_FORM,
        country=summary.country,
        strings=strings,
        groups=groups,
        perpetrators=[[group_index[g] for g in ids] for ids in lists],
        chapters=held,
        rows=Rows(**columns),
        killed=sum(i.killed or 0 for i in incidents),
        kinds=sorted({i.kind for i in incidents}),
        illustrative=any(c.illustrative for c in held),
    )


_VALUE_KEYS = {
    "date": "date", "killed": "killed_min", "wounded": "wounded_min",
    "kidnapped": "kidnapped_min", "evidence": "evidence",
}  # fmt: skip
"""The rows' columns held as they are (but `sentence`) → the key of incident_record giving
them."""


@dataclass(frozen=True)
class Joined:
    """The parts of every country joined: the explorer's tables and its rows by date, then
    country and id."""

    strings: list[str]
    groups: list[tuple[str, str]]
    """Each perpetrator (id, name as the archive names it), by id."""
    perpetrators: list[list[int]]
    """Each different list of perpetrators, as indices into `groups`."""
    chapters: dict[str, list[Any]]
    """The chapters by columns: country and source as indices into the strings."""
    rows: dict[str, Sequence[Any]]
    """The rows by columns (Rows' own), with every index into the joined tables."""

    @property
    def size(self) -> int:
        """How many incidents it holds."""
        return len(self.rows["date"])

    @classmethod
    def of(cls, parts: list[Part], names: dict[str, str]) -> "Joined":
        """The `parts`, in order of country, joined; perpetrators named by `names`."""
        strings = sorted({s for part in parts for s in part.strings})
        index = _positions(strings)
        ids = sorted({g for part in parts for g in part.groups})
        group_index = _positions(ids)
        lists: dict[tuple[int, ...], int] = {}
        chapters: dict[str, list[Any]] = {name: [] for name in Chapter.__struct_fields__}
        rows: dict[str, list[Any]] = {name: [] for name in Rows.__struct_fields__}
        for part in parts:
            codes = [index[s] for s in part.strings]
            perpetrators = [
                lists.setdefault(tuple(group_index[part.groups[g]] for g in held), len(lists))
                for held in part.perpetrators
            ]
            base = len(chapters["year"])
            for c in part.chapters:
                chapters["country"].append(index[c.country])
                chapters["year"].append(c.year)
                chapters["page"].append(c.page)
                chapters["illustrative"].append(c.illustrative)
                chapters["official_url"].append(
                    None if c.official_url is None else index[c.official_url]
                )
                chapters["published"].append(None if c.published is None else index[c.published])
            held = part.rows
            rows["chapter"] += [base + c for c in held.chapter] if base else held.chapter
            for name in ROW_STRINGS:
                rows[name] += map(codes.__getitem__, getattr(held, name))
            rows["perpetrators"] += map(perpetrators.__getitem__, held.perpetrators)
            for name in ROW_VALUES:
                rows[name] += getattr(held, name)
        by_date: dict[str, Sequence[Any]] = dict(rows)
        if len(rows["date"]) > 1:
            # A stable sort by date alone: each part is by date then id, and they are joined
            # by country (a sort by the three cost several times more).
            pick = itemgetter(*sorted(range(len(rows["date"])), key=rows["date"].__getitem__))
            by_date = {name: pick(column) for name, column in rows.items()}  # tuples
        return cls(
            strings,
            [(g, names.get(g, g)) for g in ids],
            [list(held) for held in lists],
            chapters,
            by_date,
        )

    def part(self, start: int, end: int) -> dict[str, Any]:
        """Rows `start` to `end` by columns with their own tables (as Joined's, holding only
        what these rows point to): what they hold depends on these rows alone, not on the rows
        of other scripts. Strings and groups in order (as Joined's), chapters and lists of
        perpetrators in the order the rows first give them."""
        rows = {name: column[start:end] for name, column in self.rows.items()}
        chapters = list(dict.fromkeys(rows["chapter"]))
        lists = list(dict.fromkeys(rows["perpetrators"]))
        of = self.chapters
        sources = (of["country"], of["official_url"], of["published"])
        used = set().union(*(rows[name] for name in ROW_STRINGS))  # a loop in C
        used |= {column[c] for column in sources for c in chapters} - {None}
        strings = sorted(used)  # Joined's strings are sorted: these are too
        code = _positions(strings).__getitem__
        groups = sorted({g for held in lists for g in self.perpetrators[held]})
        group = _positions(groups).__getitem__
        for name in ROW_STRINGS:
            rows[name] = list(map(code, rows[name]))
        rows["chapter"] = list(map(_positions(chapters).__getitem__, rows["chapter"]))
        rows["perpetrators"] = list(map(_positions(lists).__getitem__, rows["perpetrators"]))
        return {
            "strings": [self.strings[s] for s in strings],
            "groups": [self.groups[g] for g in groups],
            "perpetrators": [list(map(group, self.perpetrators[held])) for held in lists],
            "chapters": {
                "country": [code(of["country"][c]) for c in chapters],
                "year": [of["year"][c] for c in chapters],
                "page": [of["page"][c] for c in chapters],
                "illustrative": [of["illustrative"][c] for c in chapters],
                **{
                    name: [None if of[name][c] is None else code(of[name][c]) for c in chapters]
                    for name in ("official_url", "published")
                },
            },
            "rows": rows,
        }


def explorer_scripts(joined: Joined, split: Split = SPLIT) -> list[bytes]:
    """The explorer's scripts: the first (the others' paths and builds, the first rows and their
    tables), then each further one (its build, its rows and their tables; JSON as _script_json
    gives it). A further script's build is a checksum of what it holds, which the first gives
    too: the page refuses a script of another run (a browser's cache), and a script whose rows
    did not change stays the same file."""
    starts = split.starts(joined.rows["date"])
    first = _script_json({"total": joined.size, **joined.part(0, min(split.first, joined.size))})
    bodies = [
        _script_json(joined.part(start, end)) for start, end in pairwise([*starts, joined.size])
    ]
    # A checksum, not a digest: it tells a script from another, nothing is secret.
    builds = [f"{zlib.crc32(body):08x}{len(body):08x}" for body in bodies]
    scripts = [
        SCRIPTS_LINE % _script_json(split.names(len(bodies)))
        + BUILDS_LINE % _script_json(builds)
        + b"window.CRTDIFF_INCIDENTS = %s;\n" % first
    ]
    scripts += [
        b'(window.CRTDIFF_INCIDENT_ROWS = window.CRTDIFF_INCIDENT_ROWS || []).push({"build":"%s",'
        b"%s);\n" % (build.encode(), body[1:])
        for build, body in zip(builds, bodies, strict=True)
    ]
    return scripts


def _script_json(value: object) -> bytes:
    """JSON as the explorer's scripts hold it (UTF-8): no "<" or ">" in it, so nothing can end
    or confuse a script element (both occur only inside strings)."""
    return msgspec.json.encode(value).replace(b"<", b"\\u003c").replace(b">", b"\\u003e")


def render_incidents_page(
    archive: Archive, parts: list[Part] | None = None, split: Split = SPLIT
) -> tuple[str, list[bytes]]:
    """The explorer page and its data scripts, its rows split as `split` says (from the
    countries' `parts` when given, else made from the archive)."""
    names = archive.group_names
    made = sorted(
        parts if parts is not None else map(explorer_part, archive.countries),
        key=attrgetter("country"),
    )
    joined = Joined.of(made, names)
    page = render_page(
        "incidents.html.j2",
        root="",
        total=joined.size,
        killed_total=sum(p.killed for p in made),
        countries=sorted({p.country for p in made if p.size}),
        years=archive.years,
        groups=sorted(joined.groups, key=lambda g: g[1].lower()),
        kinds=sorted({k for p in made for k in p.kinds}),
        illustrative=any(p.illustrative for p in made),
        **archive.series_context,
    )
    return page, explorer_scripts(joined, split)


def write_incidents_page(
    out_dir: Path, archive: Archive, parts: list[Part] | None = None, split: Split = SPLIT
) -> list[str]:
    """output/incidents.html and the explorer's scripts (from the countries' `parts` when
    given), each unless it already holds what it would; further scripts no longer named (of a
    larger archive before) are removed. The paths written (relative to `out_dir`)."""
    page, scripts = render_incidents_page(archive, parts, split)
    paths = [OutputPaths.EXPLORER_DATA, *(further_scripts(scripts[0]) or [])]
    written = [
        path
        for path, script in zip(paths, scripts, strict=True)
        if write_if_changed(out_dir / path, script)
    ]
    for old in (out_dir / OutputPaths.DATA).glob("incidents-*.js"):
        if f"{OutputPaths.DATA}/{old.name}" not in paths:
            old.unlink()
    if write_if_changed(out_dir / "incidents.html", page):
        written.append("incidents.html")
    return written
