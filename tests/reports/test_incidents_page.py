"""The incidents explorer joined from the countries' stored parts: the same script as made
from every incident of the archive, each perpetrator named as the archive names it."""

import json

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from crtdiff.reports.archive import Archive
from crtdiff.reports.incidents_page import (
    Part,
    explorer_part,
    incident_record,
    render_incidents_page,
)
from crtdiff.reports.summaries import ChapterSummary, CountrySummary
from crtdiff.schemas import CountryReport


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _script(records: list[str]) -> bytes:
    """The definition: the records as one JSON array, "<" and ">" escaped, in a script."""
    text = ("[" + ",".join(records) + "]").replace("<", "\\u003c").replace(">", "\\u003e")
    return f"window.CRTDIFF_INCIDENTS = {text};\n".encode()


def _archive(seed_report: CountryReport, mali_2017: CountryReport) -> Archive:
    """Mali, and a Niger whose chapter (last in the archive's order) names AQIM otherwise."""
    mali = CountrySummary.of([ChapterSummary.of(seed_report), ChapterSummary.of(mali_2017)], [])
    chapter = ChapterSummary.of(seed_report)
    groups = [
        msgspec.structs.replace(g, name="AQIM <renamed>") if g.id == "aqim" else g
        for g in chapter.groups
    ]
    niger = msgspec.structs.replace(chapter, country="Niger", groups=groups)
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
    assert script == _script(expected)
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
        head + b"\n" + records.partition(b"\n")[2],  # no cuts
        head.replace(b'"killed": ', b'"killed": "many", "was": ', 1) + b"\n" + records,
        b"\xff" + data,
        data.replace(b'{"form": 2, ', b"{", 1),  # the first form: records unescaped
    ):
        assert Part.from_bytes(bad) is None


Incident = tuple[str, str, list[str]]
"""(id, date, perpetrators)."""


def _country(
    base: ChapterSummary, country: str, years: dict[int, list[Incident]], alias: str
) -> CountrySummary:
    """A country's chapters holding these incidents, naming its groups `alias`-ed."""
    seen = base.incident_list[0]
    groups = [replace(g, name=f"{g.name} {alias}") for g in base.groups[:3]]
    chapters = [
        replace(
            base,
            country=country,
            year=year,
            groups=groups,
            incident_list=[replace(seen, id=i, date=d, perpetrators=p) for i, d, p in incidents],
        )
        for year, incidents in years.items()
    ]
    return CountrySummary.of(chapters, [])


@settings(max_examples=60, deadline=None)
@given(
    spec=st.dictionaries(
        st.sampled_from(["Mali", "Niger", "Côte d'Ivoire"]),  # offsets in bytes, not characters
        st.tuples(
            st.dictionaries(
                st.integers(2014, 2017),
                st.lists(
                    st.tuples(
                        st.sampled_from(["b", "a", "c"]),
                        st.sampled_from(["2016-01-02", "2016-01-01", "2016-01", "2016"]),
                        st.lists(st.sampled_from(["g0", "g1", "g2", "x"]), max_size=2),
                    ),
                    max_size=6,
                ),
                min_size=1,
                max_size=3,
            ),
            st.sampled_from(["", "<i>", "bis", "à"]),
        ),
        min_size=1,
    ),
    reverse=st.booleans(),
)
def test_joined_parts_are_the_archive_by_date(
    seed_report: CountryReport,
    spec: dict[str, tuple[dict[int, list[Incident]], str]],
    reverse: bool,
) -> None:
    # Same dates and ids across countries and years, groups named otherwise per country, and
    # the parts given in either order.
    base = ChapterSummary.of(seed_report)
    ids = {g.id: f"g{n}" for n, g in enumerate(base.groups[:3])}
    base = replace(base, groups=[replace(g, id=ids[g.id]) for g in base.groups[:3]])
    countries = [_country(base, name, years, alias) for name, (years, alias) in spec.items()]
    archive = Archive.of(countries)
    parts = [explorer_part(s) for s in archive.countries]
    expected = [_json(incident_record(i, archive.group_names)) for i in archive.incidents]
    script = render_incidents_page(archive, parts[::-1] if reverse else parts)[1]
    assert script == _script(expected)
