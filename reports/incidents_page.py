"""The incidents explorer: every incident of every country and year, on one page that sorts,
filters and exports (CSV) in the browser, offline."""

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from reports.archive import Archive, PlacedIncident, sentence_href
from reports.html import render_page
from reports.writing import write_if_changed


def _row(item: PlacedIncident, names: dict[str, str], root: str) -> dict[str, Any]:
    i, chapter = item.incident, item.chapter
    source = chapter.source
    return {
        "date": i.date,
        "date_end": i.date_end or "",
        "year": chapter.year,
        "country": chapter.country,
        "incident_country": i.country or "",
        "place": i.place or "",
        "kind": i.kind,
        "target": i.target,
        "perpetrators": [(p, names.get(p, p)) for p in i.perpetrators],
        "attribution": i.attribution,
        "killed": i.killed,
        "wounded": i.wounded,
        "kidnapped": i.kidnapped,
        "sentence": i.sentence,
        "href": sentence_href(root, item.slug, chapter, i.start),
        "illustrative": chapter.illustrative,
        "official_url": None if chapter.illustrative else source.url,
        "published": None if chapter.illustrative else source.published,
        "new": item.new,
    }


def _csv_record(row: dict[str, Any]) -> dict[str, Any]:
    """What the CSV download holds for a row (names, not ids; the sentence; the source)."""
    return {
        "date": row["date"],
        "date_end": row["date_end"],
        "report_year": row["year"],
        "country": row["country"],
        "incident_country": row["incident_country"],
        "place": row["place"],
        "kind": row["kind"],
        "target": row["target"],
        "perpetrators": "; ".join(name for _, name in row["perpetrators"]),
        "attribution": row["attribution"],
        "killed_min": row["killed"],
        "wounded_min": row["wounded"],
        "kidnapped_min": row["kidnapped"],
        "illustrative": row["illustrative"],
        "official_url": row["official_url"] or "",
        "published": row["published"] or "",
        "evidence": row["sentence"],
        "page": row["href"],
    }


def render_incidents_page(archive: Archive) -> str:
    """The explorer page."""
    names = archive.group_names
    rows = [_row(item, names, "") for item in archive.incidents]
    records = json.dumps([_csv_record(r) for r in rows], ensure_ascii=False)
    used = {p for r in rows for p, _ in r["perpetrators"]}
    return render_page(
        "incidents.html.j2",
        root="",
        rows=rows,
        countries=sorted({r["country"] for r in rows}),
        years=archive.years,
        groups=sorted(((gid, names.get(gid, gid)) for gid in used), key=lambda g: g[1].lower()),
        kinds=sorted({r["kind"] for r in rows}),
        # Inline JSON for the CSV export: no "<" at all, so nothing in it can end or confuse
        # the script element ("</script>", "<!--").
        records=Markup(records.replace("<", "\\u003c").replace(">", "\\u003e")),
        illustrative=any(r["illustrative"] for r in rows),
        killed_total=sum(r["killed"] or 0 for r in rows),
    )


def write_incidents_page(out_dir: Path, archive: Archive) -> None:
    """output/incidents.html."""
    write_if_changed(out_dir / "incidents.html", render_incidents_page(archive))
