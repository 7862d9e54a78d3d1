"""The incidents explorer: every incident of every country and year, on one page that sorts,
filters and exports (CSV) in the browser, offline.

The rows travel as data (output/data/incidents.js, a script so that a page opened from disk can
load it) and the page draws a few hundred at a time: an archive holds tens of thousands of
incidents, which as table markup would weigh tens of megabytes.
"""

import json
from pathlib import Path
from typing import Any

from reports.archive import Archive, PlacedIncident, sentence_href
from reports.html import render_page
from reports.writing import write_if_changed

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


def incidents_script(records: list[dict[str, Any]]) -> str:
    """The rows as a script: no "<" in it, so nothing can end or confuse a script element."""
    text = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"window.CRTDIFF_INCIDENTS = {text};\n"


def render_incidents_page(archive: Archive) -> tuple[str, str]:
    """The explorer page and its data script."""
    names = archive.group_names
    records = [incident_record(item, names) for item in archive.incidents]
    used = {p for r in records for p, _ in r["perpetrators"]}
    page = render_page(
        "incidents.html.j2",
        root="",
        total=len(records),
        killed_total=sum(r["killed_min"] or 0 for r in records),
        countries=sorted({r["country"] for r in records}),
        years=archive.years,
        groups=sorted(((gid, names.get(gid, gid)) for gid in used), key=lambda g: g[1].lower()),
        kinds=sorted({r["kind"] for r in records}),
        illustrative=any(r["illustrative"] for r in records),
        **archive.series_context,
    )
    return page, incidents_script(records)


def write_incidents_page(out_dir: Path, archive: Archive) -> None:
    """output/incidents.html and output/data/incidents.js."""
    page, script = render_incidents_page(archive)
    write_if_changed(out_dir / DATA, script)
    write_if_changed(out_dir / "incidents.html", page)
