"""HRR reports read as a series of their own: detection, units, furniture, counts and laws."""

from datetime import UTC, datetime

import pytest

from crtdiff.errors import ConfigError, NoChapterError
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.schemas.series import CountKind, CountQualifier
from crtdiff.series.chapter import RawSource, Request, parse_chapter
from tests.conftest import HRR, SEED, parse_as

OLD_KEYS = [
    "executive-summary", "killings", "disappearance", "torture", "arbitrary-arrest", "fair-trial",
    "privacy", "conflict-abuses", "expression", "assembly-association", "religion", "movement",
    "idps", "refugees", "stateless", "political-participation", "corruption", "investigations",
    "women", "children", "antisemitism", "trafficking", "disabilities", "minorities", "sogi",
    "hiv-aids", "other-discrimination", "association-bargaining", "forced-labor", "child-labor",
    "employment-discrimination", "work-conditions",
]  # fmt: skip
NEW_KEYS = [
    "executive-summary", "extrajudicial-killings", "population-control", "war-crimes",
    "press-freedom", "worker-rights", "disappearance-abduction", "religious-freedom",
    "trafficking", "torture", "children-protection", "refugees", "antisemitism-incitement",
]  # fmt: skip


def test_the_page_tells_its_series_country_and_year(hrr_reports: dict[int, CountryReport]) -> None:
    for year, report in hrr_reports.items():
        assert (report.series, report.country, report.year) == ("hrr", "Niger", year)
        assert report.title == f"{year} Country Reports on Human Rights Practices: Niger"
        assert report.groups == [] and report.incidents == []
        assert not [w for w in report.warnings if w.code != "illustrative_source"]


def test_units_follow_each_outline(hrr_reports: dict[int, CountryReport]) -> None:
    assert [s.key for s in hrr_reports[2019].sections] == [f"hrr:{k}" for k in OLD_KEYS]
    keys_2020 = [f"hrr:{k}" for k in OLD_KEYS if k != "stateless"]
    assert [s.key for s in hrr_reports[2020].sections] == keys_2020
    assert [s.key for s in hrr_reports[2024].sections] == [f"hrr:{k}" for k in NEW_KEYS]
    torture = hrr_reports[2019].section("hrr:torture")
    assert torture is not None and torture.heading.startswith("c. Torture")  # type: ignore[union-attr]
    # An inner heading stays in its unit as text; a bold lead stays in its paragraph.
    assert "Prison and Detention Center Conditions" in torture.text
    conflict = hrr_reports[2019].section("hrr:conflict-abuses")
    assert conflict is not None and "Killings: On December 10" in conflict.text
    assert hrr_reports[2024].section("hrr:worker-rights").heading == "b. Worker Rights"  # type: ignore[union-attr]


def test_a_section_holding_its_own_text_is_a_unit(hrr_reports: dict[int, CountryReport]) -> None:
    unit = hrr_reports[2019].section("hrr:political-participation")
    assert unit is not None and unit.text.startswith("The constitution provides citizens")
    assert hrr_reports[2019].section("hrr:integrity") is None  # a section title alone is no unit


def test_text_copy_furniture_is_stripped(hrr_reports: dict[int, CountryReport]) -> None:
    body = hrr_reports[2020].body
    assert body.startswith("EXECUTIVE SUMMARY\n\nNiger is a multiparty republic.")
    for furniture in ("Download Report", "Build a Custom Report", "Select Sections", "Bureau of"):
        assert furniture not in body
    assert "Section 1." not in body.splitlines()


def test_counts_keep_their_qualifiers(hrr_reports: dict[int, CountryReport]) -> None:
    counts = [(c.kind, c.figure, c.qualifier) for c in hrr_reports[2019].counts or []]
    assert (CountKind.KILLINGS, 12, CountQualifier.AT_LEAST) in counts
    assert (CountKind.KILLINGS, 150, CountQualifier.MORE_THAN) in counts
    assert (CountKind.KILLINGS, 71, CountQualifier.EXACT) in counts
    assert (CountKind.DISAPPEARANCES, 40, CountQualifier.EXACT) in counts
    assert (CountKind.DISAPPEARANCES, 30, CountQualifier.AT_LEAST) in counts
    assert (CountKind.POLITICAL_PRISONERS, 0, CountQualifier.NONE_REPORTED) in counts
    assert (CountKind.DISAPPEARANCES, None, CountQualifier.UNQUANTIFIED) in counts
    # Not counts: the 48 hours of the arrest procedure, prison terms "of 10 to 30 years", 2016.
    assert not [c for c in counts if c[1] in (48, 10, 30 * 0 + 2016, 14)]
    dozens = [c for c in hrr_reports[2024].counts or [] if c.quantity.startswith("dozens")]
    assert dozens and dozens[0].figure is None
    for count in hrr_reports[2019].counts or []:
        assert (
            hrr_reports[2019].body[count.evidence.start : count.evidence.end]
            == count.evidence.sentence
        )


def test_laws_named_once_each_with_first_mention(hrr_reports: dict[int, CountryReport]) -> None:
    laws = {law.id: law for law in hrr_reports[2020].laws or []}
    assert set(laws) >= {
        "law-no-2020-09-of-june-3-2020",
        "constitution",
        "penal-code",
        "labor-code",
    }
    assert laws["penal-code"].mentions == 2
    assert laws["law-no-2020-09-of-june-3-2020"].evidence.section == "hrr:disappearance"
    assert "Law No. 2020-09" not in {law.name for law in hrr_reports[2019].laws or []}


def test_series_flag_overrides_and_refuses(reference: Reference) -> None:
    page = HRR / "hrr-2019-niger.html"
    assert parse_as(page, reference, "hrr").series == "hrr"
    with pytest.raises(NoChapterError, match="another report series"):
        parse_as(page, reference, "crt")  # CRT keeps refusing HRR pages
    raw = RawSource(SEED.read_bytes(), "data/raw/mali/2016.txt", datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(
        NoChapterError, match=r"another report series \(Country Reports on Terrorism\), not HRR"
    ):
        parse_chapter(raw, Request(series="hrr"), reference)
    assert parse_chapter(raw, Request(series=None), reference).series == "crt"
    with pytest.raises(ConfigError, match="unknown series"):
        parse_chapter(raw, Request(series="tip"), reference)


def test_unknown_headings_are_kept_and_reported(reference: Reference) -> None:
    text = (
        b"2021 Country Reports on Human Rights Practices: Niger\n\nExecutive Summary\n\n"
        b"Niger is a multiparty republic with an elected president and a national assembly.\n\n"
        b"Respect for the Integrity of the Person\n\n"
        b"h. Transnational Repression\n\nThe government pursued critics who lived abroad in 2021.\n\n"
        b"Digital Surveillance Programs\n\nThe authorities monitored the telephones of journalists.\n"
    )
    raw = RawSource(text, "niger-2021.txt", datetime(2026, 1, 1, tzinfo=UTC))
    report = parse_chapter(raw, Request(series="hrr"), reference)
    assert [s.key for s in report.sections] == [
        "hrr:executive-summary",
        "other:transnational-repression",
    ]
    unit = report.section("other:transnational-repression")
    assert unit is not None and "Digital Surveillance Programs" in unit.text
    messages = [w.message for w in report.warnings if w.code == "unknown_heading"]
    assert len(messages) == 3
    assert any("kept as its own unit" in m for m in messages)
    assert any("kept as text of 'other:transnational-repression'" in m for m in messages)
