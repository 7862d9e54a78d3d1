"""The incidents explorer joined from the countries' stored parts: its scripts hold every
incident of the archive by date, each as incident_record makes it (perpetrators named as the
archive names them), split into scripts as asked, and a part of another form is refused."""

import json
from pathlib import Path

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from crtdiff.reports.archive import Archive
from crtdiff.reports.explorer_files import SPLIT, Split, explorer_present, further_scripts
from crtdiff.reports.incidents_page import (
    Part,
    explorer_part,
    incident_record,
    render_incidents_page,
    write_incidents_page,
)
from crtdiff.reports.summaries import ChapterSummary, CountrySummary
from crtdiff.schemas import CountryReport
from tests.conftest import FIXTURES
from tests.reports.explorer_data import as_json, read_scripts

FORM_2 = FIXTURES / "explorer" / "mali-2016-form2.jsonl"
"""The seed chapter's part as the previous version stored it (form 2: a head line, the cuts,
then one serialised record a line)."""


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


def _expected(archive: Archive) -> list[dict[str, object]]:
    return [as_json(incident_record(i, archive.group_names)) for i in archive.incidents]


def test_parts_join_to_every_incident_of_the_archive(
    seed_report: CountryReport, mali_2017: CountryReport
) -> None:
    archive = _archive(seed_report, mali_2017)
    assert archive.group_names["aqim"] == "AQIM <renamed>"
    stored = [Part.from_bytes(explorer_part(s).to_bytes()) for s in archive.countries]
    parts = [p for p in stored if p is not None]
    assert len(parts) == 2

    page, scripts = render_incidents_page(archive, parts)
    names, records = read_scripts(scripts)
    assert names == [] and records == _expected(archive)
    assert (page, scripts) == render_incidents_page(archive)
    mali = [
        r
        for r in records
        if r["country"] == "Mali" and [p[0] for p in r["perpetrators"]] == ["aqim"]
    ]
    assert mali and all(r["perpetrators"] == [["aqim", "AQIM <renamed>"]] for r in mali)
    official = next(r for r in records if r["report_year"] == 2016)
    assert official["official_url"] and official["published"] and not official["illustrative"]


def test_rows_split_into_scripts_by_date(
    seed_report: CountryReport, mali_2017: CountryReport
) -> None:
    archive = _archive(seed_report, mali_2017)
    expected = _expected(archive)
    assert len(expected) > 12
    _, one = render_incidents_page(archive)
    for split in (Split(1, 1), Split(5, 4), Split(len(expected), 1), Split(3, len(expected))):
        _, scripts = render_incidents_page(archive, split=split)
        names, records = read_scripts(scripts)
        assert records == expected
        assert names == [f"data/incidents-{n}.js" for n in range(2, len(scripts) + 1)]
        starts = split.starts([str(r["date"]) for r in expected])
        assert len(scripts) == 1 + len(starts) and bool(starts) == (len(expected) > split.first)
    assert len(one) == 1 and SPLIT.first > len(expected)


def test_the_scripts_are_written_and_those_of_a_larger_archive_removed(
    seed_report: CountryReport, mali_2017: CountryReport, tmp_path: Path
) -> None:
    big = _archive(seed_report, mali_2017)
    small = Archive.of([CountrySummary.of([ChapterSummary.of(seed_report)], [])])
    write_incidents_page(tmp_path, big, split=Split(2, 3))
    data = tmp_path / "data"
    many = sorted(p.name for p in data.iterdir())
    assert len(many) > 3 and explorer_present(tmp_path)
    write_incidents_page(tmp_path, small, split=Split(2, 3))
    head = (data / "incidents.js").read_bytes()
    kept = sorted(p.name for p in data.iterdir())
    assert kept == sorted(["incidents.js", *(Path(n).name for n in further_scripts(head) or [])])
    assert len(kept) < len(many) and explorer_present(tmp_path)
    (data / kept[-1]).unlink()
    assert not explorer_present(tmp_path)  # a further script missing: the index is made again


def test_an_explorer_of_the_previous_version_is_not_taken_as_present(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    assert not explorer_present(tmp_path)
    (tmp_path / "data" / "incidents.js").write_bytes(
        b'window.CRTDIFF_INCIDENTS = [{"date":"2016"}];\n'
    )
    assert not explorer_present(tmp_path)


def test_what_is_not_a_part_is_refused(seed_report: CountryReport) -> None:
    part = explorer_part(CountrySummary.of([ChapterSummary.of(seed_report)], []))
    data = part.to_bytes()
    assert Part.from_bytes(data) == part
    short = json.loads(data)
    short["rows"]["evidence"].pop()
    for bad in (
        b"",
        FORM_2.read_bytes(),  # the previous version's
        FORM_2.read_bytes().partition(b"\n")[0],  # its head alone
        data.replace(b'"form":3', b'"form":4', 1),
        data.replace(b'"killed":', b'"killed":"many","was":', 1),
        json.dumps(short).encode(),  # a column short
        b"\xff" + data,
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
        st.sampled_from(["Mali", "Niger", "Côte d'Ivoire"]),
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
    split=st.tuples(st.integers(0, 5), st.integers(1, 5)),
)
def test_joined_parts_are_the_archive_by_date(
    seed_report: CountryReport,
    spec: dict[str, tuple[dict[int, list[Incident]], str]],
    reverse: bool,
    split: tuple[int, int],
) -> None:
    # Same dates and ids across countries and years, groups named otherwise per country, the
    # parts given in either order, split into scripts anyhow.
    base = ChapterSummary.of(seed_report)
    ids = {g.id: f"g{n}" for n, g in enumerate(base.groups[:3])}
    base = replace(base, groups=[replace(g, id=ids[g.id]) for g in base.groups[:3]])
    countries = [_country(base, name, years, alias) for name, (years, alias) in spec.items()]
    archive = Archive.of(countries)
    parts = [explorer_part(s) for s in archive.countries]
    scripts = render_incidents_page(archive, parts[::-1] if reverse else parts, Split(*split))[1]
    assert read_scripts(scripts)[1] == _expected(archive)


def test_a_year_added_rewrites_the_first_script_and_the_last_few_only(
    seed_report: CountryReport, tmp_path: Path
) -> None:
    base = ChapterSummary.of(seed_report)

    def country(name: str, years: range) -> CountrySummary:
        days = [f"{y - 1}-{m:02}-{d:02}" for y in years for m in (1, 4, 7, 10) for d in (3, 17)]
        return _country(
            base, name, {y: [(f"i{n}", d, ["g0"]) for n, d in enumerate(days) if d[:4] == str(y - 1)]
                         for y in years}, "",
        )  # fmt: skip

    others = [country(name, range(2010, 2020)) for name in ("Niger", "Chad")]
    before = Archive.of([country("Mali", range(2010, 2019)), *others])
    after = Archive.of([country("Mali", range(2010, 2020)), *others])
    split = Split(4, 12)
    write_incidents_page(tmp_path, before, split=split)
    names = further_scripts((tmp_path / "data" / "incidents.js").read_bytes()) or []
    old = {name: (tmp_path / name).read_bytes() for name in names}
    written = write_incidents_page(tmp_path, after, split=split)
    # Mali's new chapter holds the latest rows: the first script (it names every other's build)
    # and the last scripts change, not the ones before (a shared build or shared tables would
    # change every one).
    changed = [n for n in names if (tmp_path / n).read_bytes() != old[n]]
    assert len(names) >= 5 and 1 <= len(changed) <= 2 and changed[-1] == names[-1]
    assert written[0] == "data/incidents.js" and written[-1] == "incidents.html"
    assert written[1:-1] == changed  # the unchanged were not written again
    assert write_incidents_page(tmp_path, after, split=split) == []
    assert read_scripts(render_incidents_page(after, split=split)[1])[1] == _expected(after)
