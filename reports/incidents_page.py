"""The incidents explorer: every incident of every country and year, on one page that sorts,
filters and exports (CSV) in the browser, offline.

The rows travel as data (output/data/incidents.js, a script so that a page opened from disk can
load it) and the page draws a few hundred at a time: an archive holds tens of thousands of
incidents, which as table markup would weigh tens of megabytes.
"""

import json
from dataclasses import dataclass
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
Row = tuple[str, str, list[str], int | None, str, bool, int, int]
"""An incident of the explorer: date, id, perpetrator ids, killed, kind, illustrative, and
where its perpetrators lie in its record."""
_ROW_FIELDS = 8
_FORM = 2
"""The stored form of a Part: 2, records as script_text with offsets in bytes (1 held text,
unescaped, with offsets in characters, and no `form`)."""


@dataclass(frozen=True)
class Part:
    """One country's incidents as the explorer holds them, by date: per incident its record,
    serialised, and what the page and the archive-wide order need of it. Kept (as bytes)
    beside the country's summary, so that the explorer's data is joined from stored records
    rather than parsed and made again from every incident of the archive."""

    country: str
    names: dict[str, str]
    """Perpetrator id → the name its records give, for every perpetrator of its records (the
    country's own; the explorer gives the one the last chapter across countries gives, and
    only a record whose name differs is made again)."""
    rows: list[Row]
    """By date, then id (as Archive.incidents orders one country's incidents)."""
    records: list[bytes]
    """Each incident's record as the script holds it (script_text): joined as they are."""

    def to_bytes(self) -> bytes:
        """JSON Lines: the rows, then one record a line (JSON never holds a raw newline)."""
        head = {"form": _FORM, "country": self.country, "names": self.names, "rows": self.rows}
        return b"\n".join([json.dumps(head).encode("utf-8"), *self.records])

    @classmethod
    def from_bytes(cls, data: bytes) -> "Part | None":
        """A stored part, or None when it is not one, or of another form (then it is made
        again)."""
        lines = data.split(b"\n")
        try:
            head = json.loads(lines[0])
            if head["form"] != _FORM:
                return None
            part = cls(head["country"], head["names"], [tuple(r) for r in head["rows"]], lines[1:])
        except (ValueError, TypeError, KeyError, IndexError):
            return None
        if len(part.rows) != len(part.records) or any(len(r) != _ROW_FIELDS for r in part.rows):
            return None
        return part

    def record(self, index: int, names: dict[str, str], stale: set[str]) -> bytes:
        """The record of one incident, its perpetrators named by `names` when one of them is
        `stale` (named otherwise across countries than here)."""
        record = self.records[index]
        row = self.rows[index]
        if stale.isdisjoint(row[2]):
            return record
        perpetrators = script_text(_json([[p, names.get(p, p)] for p in row[2]]))
        return record[: row[6]] + perpetrators + record[row[7] :]


def explorer_part(summary: CountrySummary) -> Part:
    """A country's incidents as the explorer holds them, their perpetrators named as the
    country's own chapters name them."""
    archive = Archive.of([summary])
    names = archive.group_names
    part = Part(summary.country, {}, [], [])
    for item in archive.incidents:
        record = incident_record(item, names)
        keys = list(record)
        cut = keys.index("perpetrators")
        head = script_text(_json({k: record[k] for k in keys[:cut]})[:-1] + _PERPETRATORS)
        perpetrators = script_text(_json(record["perpetrators"]))
        tail = script_text(_json({k: record[k] for k in keys[cut + 1 :]})[1:])
        i = item.incident
        part.names.update((p, names.get(p, p)) for p in i.perpetrators)
        part.rows.append(
            (i.date, i.id, list(i.perpetrators), i.killed, i.kind, item.chapter.illustrative,
             len(head), len(head) + len(perpetrators))
        )  # fmt: skip
        part.records.append(b"%s%s,%s" % (head, perpetrators, tail))
    return part


def render_incidents_page(archive: Archive, parts: list[Part] | None = None) -> tuple[str, bytes]:
    """The explorer page and its data script (from the countries' `parts`, in archive order,
    when given, else made from the archive)."""
    names = archive.group_names
    dates: list[str] = []
    records: list[bytes] = []
    rows: list[Row] = []
    used: set[str] = set()
    countries: set[str] = set()
    made = parts if parts is not None else map(explorer_part, archive.countries)
    for part in sorted(made, key=attrgetter("country")):
        stale = {p for p, name in part.names.items() if names.get(p, p) != name}
        dates += [r[0] for r in part.rows]
        if stale:
            records += [part.record(n, names, stale) for n in range(len(part.rows))]
        else:  # the common case: every record as stored
            records += part.records
        rows += part.rows
        used.update(part.names)
        if part.rows:
            countries.add(part.country)
    # By date, then country and id: each part is by date then id, and they are joined by
    # country, so a stable sort by date alone keeps the rest (a sort by the three cost several
    # times more). Only the records need the order: the page's figures are sums and sets.
    order = sorted(range(len(dates)), key=dates.__getitem__)
    page = render_page(
        "incidents.html.j2",
        root="",
        total=len(rows),
        killed_total=sum(r[3] or 0 for r in rows),
        countries=sorted(countries),
        years=archive.years,
        groups=sorted(((gid, names.get(gid, gid)) for gid in used), key=lambda g: g[1].lower()),
        kinds=sorted({r[4] for r in rows}),
        illustrative=any(r[5] for r in rows),
        **archive.series_context,
    )
    return page, incidents_script([records[n] for n in order])


def write_incidents_page(out_dir: Path, archive: Archive, parts: list[Part] | None = None) -> None:
    """output/incidents.html and output/data/incidents.js (from the countries' `parts` when
    given)."""
    page, script = render_incidents_page(archive, parts)
    write_if_changed(out_dir / OutputPaths.EXPLORER_DATA, script)
    write_if_changed(out_dir / "incidents.html", page)
