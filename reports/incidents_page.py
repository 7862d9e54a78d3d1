"""The incidents explorer: every incident of every country and year, on one page that sorts,
filters and exports (CSV) in the browser, offline.

The rows travel as data (output/data/incidents.js, a script so that a page opened from disk can
load it) and the page draws a few hundred at a time: an archive holds tens of thousands of
incidents, which as table markup would weigh tens of megabytes.
"""

import json
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import Any

from crtdiff.reports.archive import Archive, PlacedIncident, sentence_href
from crtdiff.reports.html import render_page
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.summaries import CountrySummary
from crtdiff.reports.writing import write_if_changed


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


def script_text(text: str) -> bytes:
    """JSON text as the explorer's script holds it (UTF-8): no "<" or ">" in it, so nothing can
    end or confuse a script element."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").encode("utf-8")


def incidents_script(records: list[bytes]) -> bytes:
    """The rows (each serialised, as script_text) as a script."""
    # Joined once as bytes: tens of megabytes at 10,000 chapters, each copy or encoding costs.
    return b"".join((b"window.CRTDIFF_INCIDENTS = [", b",".join(records), b"];\n"))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_PERPETRATORS = ',"perpetrators":'
Cut = tuple[list[str], int, int]
"""Where an incident's perpetrators lie in its record: their ids, and the bytes they span."""
_FORM = 2
"""The stored form of a Part: 2, records as script_text, then per record its Cut (offsets in
bytes), and the page's figures in the head (1 held text, unescaped, rows of sort keys and
figures with offsets in characters, and no `form`)."""


@dataclass(frozen=True)
class Part:
    """One country's incidents as the explorer holds them, by date: per incident its record,
    serialised, and what the page and the archive-wide order need of them. Kept (as bytes)
    beside the country's summary, so that the explorer's data is joined from stored records
    rather than parsed and made again from every incident of the archive."""

    country: str
    names: dict[str, str]
    """Perpetrator id → the name its records give, for every perpetrator of its records (the
    country's own; the explorer gives the one the last chapter across countries gives, and
    only a record whose name differs is made again)."""
    dates: list[str]
    """Each record's date: the records are by date, then id (as Archive.incidents orders one
    country's incidents)."""
    killed: int
    """Killed over its incidents (at least)."""
    kinds: list[str]
    """Its incidents' kinds, sorted."""
    illustrative: bool
    """An incident of it is read from an illustrative chapter."""
    cut_data: bytes
    """Its records' cuts, as JSON: read only where a perpetrator is named otherwise across
    countries (see `cuts`)."""
    records: list[bytes]
    """Each incident's record as the script holds it (script_text): joined as they are."""

    @cached_property
    def cuts(self) -> list[Cut]:
        """Per record, where its perpetrators lie."""
        return [(c[0], c[1], c[2]) for c in json.loads(self.cut_data)]

    def to_bytes(self) -> bytes:
        """Lines: the head (JSON), the cuts, then one record a line (JSON never holds a raw
        newline)."""
        head = {
            "form": _FORM, "country": self.country, "names": self.names, "dates": self.dates,
            "killed": self.killed, "kinds": self.kinds, "illustrative": self.illustrative,
        }  # fmt: skip
        return b"\n".join([json.dumps(head).encode("utf-8"), self.cut_data, *self.records])

    @classmethod
    def from_bytes(cls, data: bytes) -> "Part | None":
        """A stored part, or None when it is not one, or of another form (then it is made
        again)."""
        lines = data.split(b"\n")
        try:
            head = json.loads(lines[0])
            if head["form"] != _FORM:
                return None
            part = cls(
                head["country"], head["names"], head["dates"], head["killed"], head["kinds"],
                head["illustrative"], lines[1], lines[2:],
            )  # fmt: skip
        except (ValueError, TypeError, KeyError, IndexError):
            return None
        shapes = (
            (part.country, str), (part.names, dict), (part.dates, list), (part.killed, int),
            (part.kinds, list), (part.illustrative, bool),
        )  # fmt: skip
        if not all(isinstance(value, kind) for value, kind in shapes):
            return None
        if len(part.dates) != len(part.records) or not part.cut_data.startswith(b"["):
            return None
        return part

    def record(self, index: int, names: dict[str, str], stale: set[str]) -> bytes:
        """The record of one incident, its perpetrators named by `names` when one of them is
        `stale` (named otherwise across countries than here)."""
        record = self.records[index]
        perpetrators, start, end = self.cuts[index]
        if stale.isdisjoint(perpetrators):
            return record
        named = script_text(_json([[p, names.get(p, p)] for p in perpetrators]))
        return record[:start] + named + record[end:]


def explorer_part(summary: CountrySummary) -> Part:
    """A country's incidents as the explorer holds them, their perpetrators named as the
    country's own chapters name them."""
    archive = Archive.of([summary])
    names = archive.group_names
    owned: dict[str, str] = {}
    dates: list[str] = []
    cuts: list[Cut] = []
    records: list[bytes] = []
    for item in archive.incidents:
        record = incident_record(item, names)
        keys = list(record)
        cut = keys.index("perpetrators")
        head = script_text(_json({k: record[k] for k in keys[:cut]})[:-1] + _PERPETRATORS)
        perpetrators = script_text(_json(record["perpetrators"]))
        tail = script_text(_json({k: record[k] for k in keys[cut + 1 :]})[1:])
        i = item.incident
        owned.update((p, names.get(p, p)) for p in i.perpetrators)
        dates.append(i.date)
        cuts.append((list(i.perpetrators), len(head), len(head) + len(perpetrators)))
        records.append(b"%s%s,%s" % (head, perpetrators, tail))
    incidents = [i.incident for i in archive.incidents]
    return Part(
        summary.country, owned, dates, sum(i.killed or 0 for i in incidents),
        sorted({i.kind for i in incidents}), any(i.chapter.illustrative for i in archive.incidents),
        json.dumps(cuts).encode("utf-8"), records,
    )  # fmt: skip


def render_incidents_page(archive: Archive, parts: list[Part] | None = None) -> tuple[str, bytes]:
    """The explorer page and its data script (from the countries' `parts`, in archive order,
    when given, else made from the archive)."""
    names = archive.group_names
    dates: list[str] = []
    records: list[bytes] = []
    used: set[str] = set()
    kinds: set[str] = set()
    countries: set[str] = set()
    made = sorted(
        parts if parts is not None else map(explorer_part, archive.countries),
        key=attrgetter("country"),
    )
    for part in made:
        stale = {p for p, name in part.names.items() if names.get(p, p) != name}
        dates += part.dates
        if stale:
            records += [part.record(n, names, stale) for n in range(len(part.records))]
        else:  # the common case: every record as stored
            records += part.records
        used.update(part.names)
        kinds.update(part.kinds)
        if part.records:
            countries.add(part.country)
    # By date, then country and id: each part is by date then id, and they are joined by
    # country, so a stable sort by date alone keeps the rest (a sort by the three cost several
    # times more).
    order = sorted(range(len(dates)), key=dates.__getitem__)
    page = render_page(
        "incidents.html.j2",
        root="",
        total=len(dates),
        killed_total=sum(p.killed for p in made),
        countries=sorted(countries),
        years=archive.years,
        groups=sorted(((gid, names.get(gid, gid)) for gid in used), key=lambda g: g[1].lower()),
        kinds=sorted(kinds),
        illustrative=any(p.illustrative for p in made),
        **archive.series_context,
    )
    return page, incidents_script([records[n] for n in order])


def write_incidents_page(out_dir: Path, archive: Archive, parts: list[Part] | None = None) -> None:
    """output/incidents.html and output/data/incidents.js (from the countries' `parts` when
    given)."""
    page, script = render_incidents_page(archive, parts)
    write_if_changed(out_dir / OutputPaths.EXPLORER_DATA, script)
    write_if_changed(out_dir / "incidents.html", page)
