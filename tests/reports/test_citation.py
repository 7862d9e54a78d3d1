"""Citations: every field a reader needs, in plain text and BibTeX; never for illustrative text."""

from crtdiff.reports.citation import Citation
from crtdiff.reports.markdown import render_pair_markdown
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from tests.conftest import SEED_URL


def test_plain_and_bibtex_carry_every_field(seed_report: CountryReport) -> None:
    cite = Citation.of_source(seed_report)
    plain = cite.plain()
    for part in ("United States Department of State", "Country Reports on Terrorism 2016: Mali",
                 "Country Reports: Mali", "Published 2017-07-26", SEED_URL,
                 "Retrieved 2026-01-01", seed_report.source.sha256):  # fmt: skip
        assert part in plain
    bibtex = cite.bibtex()
    assert bibtex.startswith("@misc{crt2016-mali,\n")
    for field in ("date = {2017-07-26}", "year = {2017}", "month = jul", f"url = {{{SEED_URL}}}",
                  "urldate = {2026-01-01}", f"SHA-256 {seed_report.source.sha256}"):  # fmt: skip
        assert field in bibtex
    assert bibtex.count("{") == bibtex.count("}")


def test_unknown_url_and_date_are_said_not_invented(seed_report: CountryReport) -> None:
    source = seed_report.source.model_copy(update={"url": None, "published": None})
    cite = Citation.of_source(seed_report.model_copy(update={"source": source}))
    assert "Publication date unknown." in cite.plain()
    assert "Official URL unknown; text read from data/raw/mali/2016.txt" in cite.plain()
    assert "\n  url =" not in cite.bibtex() and "\n  date =" not in cite.bibtex()


def test_bibtex_escapes_special_characters(seed_report: CountryReport) -> None:
    report = seed_report.model_copy(update={"title": "A & B: 100% {done}_#1"})
    assert r"A \& B: 100\% \{done\}\_\#1" in Citation.of_source(report).bibtex()


def test_markdown_cites_the_official_side_only(
    mali_2017: CountryReport, seed_report: CountryReport
) -> None:
    from crtdiff.reference.bundle import load_reference
    from crtdiff.series.compare import compare_reports

    diff: YearDiff = compare_reports(seed_report, mali_2017, load_reference().gazetteer)
    text = render_pair_markdown(diff)
    assert "## Cite this comparison" in text
    assert text.count("```bibtex") == 1  # 2017 is illustrative: nothing to cite
    assert "2017: illustrative text, not official State Department text; nothing to cite." in text
    assert "Sources ([Markdown](2016-2017.md), [JSON](2016-2017.json))" in text


def _as_official(report: CountryReport, url: str) -> CountryReport:
    source = report.source.model_copy(
        update={"illustrative": False, "url": url, "published": "2025-08-12"}
    )
    return report.model_copy(update={"source": source})


def test_a_report_of_another_series_is_cited_as_that_series(
    hrr_reports: dict[int, CountryReport],
) -> None:
    from crtdiff.reference.bundle import load_reference
    from crtdiff.series.compare import compare_reports

    base = "https://www.state.gov/reports/{}-country-reports-on-human-rights-practices/niger"
    old, new = (_as_official(hrr_reports[y], base.format(y)) for y in (2020, 2024))
    cite = Citation.of_source(new)
    assert cite.report == "Country Reports on Human Rights Practices 2024"
    assert "Country Reports on Human Rights Practices 2024, Country Reports: Niger." in cite.plain()
    assert cite.bibtex().startswith("@misc{hrr2024-niger,\n")
    assert "series = {Country Reports on Human Rights Practices 2024}" in cite.bibtex()
    text = render_pair_markdown(compare_reports(old, new, load_reference().gazetteer))
    assert "Sources ([Markdown](2020-2024.md), [JSON](2020-2024.json))" in text
    assert "## Cite this comparison" in text and text.count("```bibtex") == 2
    assert "@misc{hrr2020-niger," in text and base.format(2024) in text
