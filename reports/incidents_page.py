"""The incidents explorer: every incident of every country and year, on one page that sorts,
filters and exports (CSV) in the browser, offline.

The rows travel as data (output/data/incidents.js, a script so that a page opened from disk can
load it) and the page draws a few hundred at a time: an archive holds tens of thousands of
incidents, which as table markup would weigh tens of megabytes.
"""

import json
from pathlib import Path
from typing import Any

from crtdiff.reports.archive import Archive, PlacedIncident, sentence_href
from crtdiff.reports.html import render_page
from crtdiff.reports.summaries import CountrySummary
from crtdiff.reports.writing import write_if_changed

DATA = "data/incidents.js"


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


def incidents_script(records: list[str]) -> str:
    """The rows (each serialised) as a script: no "<" in it, so nothing can end or confuse a
    script element."""
    text = "[" + ",".join(records) + "]"
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"window.CRTDIFF_INCIDENTS = {text};\n"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


Part = list[list[Any]]
"""One country's incidents, by date: per incident its date, country, id, the JSON of its
record before and after the perpetrators, the perpetrators' ids, killed, kind and whether the
chapter is illustrative."""


def explorer_part(summary: CountrySummary) -> Part:
    """A country's incidents as the explorer holds them, serialised but for the perpetrators'
    names (a group's name is the one its last chapter across countries gives). Kept beside the
    country's summary, so that the explorer's data is joined from parts rather than made again
    from every incident of the archive."""
    part: Part = []
    for item in Archive.of([summary]).incidents:
        record = incident_record(item, {})
        keys = list(record)
        cut = keys.index("perpetrators")
        head = _json({k: record[k] for k in keys[:cut]})[:-1]
        tail = _json({k: record[k] for k in keys[cut + 1 :]})[1:]
        i = item.incident
        part.append(
            [i.date, item.chapter.country, i.id, head, tail, list(i.perpetrators), i.killed,
             i.kind, item.chapter.illustrative]
        )  # fmt: skip
    return part


def render_incidents_page(archive: Archive, parts: list[Part] | None = None) -> tuple[str, str]:
    """The explorer page and its data script (from the countries' `parts` when given, else
    made from the archive)."""
    names = archive.group_names
    rows = [row for part in parts or map(explorer_part, archive.countries) for row in part]
    rows.sort(key=lambda r: (r[0], r[1], r[2]))  # stable: ties keep the archive's order
    records = []
    for _, _, _, head, tail, doers, *_ in rows:
        perpetrators = _json([[p, names.get(p, p)] for p in doers])
        records.append(f'{head},"perpetrators":{perpetrators},{tail}')
    used = {p for r in rows for p in r[5]}
    page = render_page(
        "incidents.html.j2",
        root="",
        total=len(rows),
        killed_total=sum(r[6] or 0 for r in rows),
        countries=sorted({r[1] for r in rows}),
        years=archive.years,
        groups=sorted(((gid, names.get(gid, gid)) for gid in used), key=lambda g: g[1].lower()),
        kinds=sorted({r[7] for r in rows}),
        illustrative=any(r[8] for r in rows),
        **archive.series_context,
    )
    return page, incidents_script(records)


def write_incidents_page(out_dir: Path, archive: Archive, parts: list[Part] | None = None) -> None:
    """output/incidents.html and output/data/incidents.js (from the countries' `parts` when
    given)."""
    page, script = render_incidents_page(archive, parts)
    write_if_changed(out_dir / DATA, script)
    write_if_changed(out_dir / "incidents.html", page)
