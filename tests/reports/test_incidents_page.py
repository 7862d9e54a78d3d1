"""The incidents explorer joined from the countries' stored parts: the same script as made
from every incident of the archive, each perpetrator named as the archive names it."""

import json

from crtdiff.reports.archive import Archive
from crtdiff.reports.incidents_page import (
    Part,
    explorer_part,
    incident_record,
    incidents_script,
    render_incidents_page,
)
from crtdiff.reports.summaries import ChapterSummary, CountrySummary
from crtdiff.schemas import CountryReport


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _archive(seed_report: CountryReport, mali_2017: CountryReport) -> Archive:
    """Mali, and a Niger whose chapter (last in the archive's order) names AQIM otherwise."""
    mali = CountrySummary.of([ChapterSummary.of(seed_report), ChapterSummary.of(mali_2017)], [])
    chapter = ChapterSummary.of(seed_report)
    groups = [
        g.model_copy(update={"name": "AQIM <renamed>"}) if g.id == "aqim" else g
        for g in chapter.groups
    ]
    niger = chapter.model_copy(update={"country": "Niger", "groups": groups})
    return Archive.of([CountrySummary.of([niger], []), mali])


def test_parts_join_to_the_script_made_from_every_incident(
    seed_report: CountryReport, mali_2017: CountryReport
) -> None:
    archive = _archive(seed_report, mali_2017)
    assert archive.group_names["aqim"] == "AQIM <renamed>"
    stored = [Part.from_bytes(explorer_part(s).to_bytes()) for s in archive.countries]
    parts = [p for p in stored if p is not None]
    assert len(parts) == 2 and parts[0].names["aqim"] != "AQIM <renamed>"

    page, script = render_incidents_page(archive, parts)
    expected = [_json(incident_record(i, archive.group_names)) for i in archive.incidents]
    assert script == incidents_script(expected)
    assert (page, script) == render_incidents_page(archive)
    mali = [r for r in expected if '"country":"Mali"' in r and '"aqim"' in r]
    assert mali and all("AQIM <renamed>" in r for r in mali)  # Mali's own name replaced


def test_what_is_not_a_part_is_refused(seed_report: CountryReport) -> None:
    part = explorer_part(CountrySummary.of([ChapterSummary.of(seed_report)], []))
    data = part.to_bytes()
    assert Part.from_bytes(data) == part
    head, _, records = data.partition(b"\n")
    for bad in (
        b"",
        b'[["2016-01-02", "Mali", "i1", "{", "}", [], 3, "attack", false]]',  # older form
        head + b"\n" + records.rpartition(b"\n")[0],  # a record short
        head.replace(b'"rows": [[', b'"rows": [[1, ', 1) + b"\n" + records,
        b"\xff" + data,
    ):
        assert Part.from_bytes(bad) is None
