"""Every output is named by OutputPaths alone: what the run writes, what the pages link to and
what the search records point at agree, for a safe-haven chapter as for a country's own."""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from crtdiff.paths import DATA_DIR
from crtdiff.reference.bundle import Reference
from crtdiff.reports.html import render_chapter_html, render_pair_html
from crtdiff.reports.markdown import render_pair_markdown
from crtdiff.reports.output_paths import OutputPaths
from crtdiff.reports.search import chapter_record, pair_record
from crtdiff.reports.summaries import ChapterSummary, PairSummary
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.compare import compare_reports
from tests.conftest import SEED
from tests.plain_site import Chapter, build_site

SAMPLES = DATA_DIR / "samples" / "mali"


@pytest.mark.parametrize(
    ("country", "chapter"),
    [("../../etc", "country"), ("Mali", "../../../tmp/x"), ("/abs/path", "country"),
     ("C:\\win", "..")],
)  # fmt: skip
def test_hostile_names_stay_inside(country: str, chapter: str, tmp_path: Path) -> None:
    out = (tmp_path / "output").resolve()
    names = [
        OutputPaths.report_json(country, 2016, chapter),
        OutputPaths.chapter_page(country, 2016, chapter),
        OutputPaths.pair_file(country, 2015, 2016, chapter, "md"),
        OutputPaths.country_page(country),
        OutputPaths.search_bundle(country),
    ]
    for name in names:
        path = (out / name).resolve()
        assert path.is_relative_to(out)
        assert ".." not in path.relative_to(out).parts


def test_a_chapter_other_than_the_countrys_is_named_apart() -> None:
    assert OutputPaths.chapter_page("Mali", 2016) == "mali/2016.html"
    assert OutputPaths.chapter_page("Mali", 2016, "safe-haven") == "mali/2016-safe-haven.html"
    assert OutputPaths.pair_file("Mali", 2015, 2016, "country", "md") == "mali/2015-2016.md"
    pages = OutputPaths.pair_pages("Mali", 2015, 2016, "safe-haven")
    assert pages == ["mali/2015-2016-safe-haven.html", "mali/2015-2016-safe-haven.md"]


@pytest.fixture(scope="module")
def haven_diff(
    mali_2015: CountryReport, seed_report: CountryReport, reference: Reference
) -> YearDiff:
    old, new = (r.model_copy(update={"chapter": "safe-haven"}) for r in (mali_2015, seed_report))
    return compare_reports(old, new, reference.gazetteer)


def test_a_safe_haven_pair_links_its_own_files(haven_diff: YearDiff) -> None:
    """Its Markdown and JSON, its two chapters and their sentences: never the country's own
    pair and chapters, whose names they once took."""
    markdown = render_pair_markdown(haven_diff)
    assert "([Markdown](2015-2016-safe-haven.md), [JSON](2015-2016-safe-haven.json))" in markdown
    links = set(re.findall(r'href="([^"#]+)', render_pair_html(haven_diff)))
    assert {"2015-2016-safe-haven.md", "2015-2016-safe-haven.json"} <= links
    assert {"2015-safe-haven.html", "2016-safe-haven.html"} <= links
    assert not links & {"2015.html", "2016.html", "2015-2016.md", "2015-2016.json"}
    assert pair_record(haven_diff).url == "/mali/2015-2016-safe-haven.html"
    assert PairSummary.of(haven_diff).stem == "2015-2016-safe-haven"


def test_a_safe_haven_chapter_links_its_own_json(seed_report: CountryReport) -> None:
    haven = seed_report.model_copy(update={"chapter": "safe-haven"})
    assert 'href="2016-safe-haven.json"' in render_chapter_html(haven)
    assert chapter_record(haven).url == "/mali/2016-safe-haven.html"
    assert ChapterSummary.of(haven).stem == "2016-safe-haven"


def test_the_run_writes_what_its_pages_link_to(tmp_path: Path) -> None:
    """A country's own chapters and its safe-haven entries, through the run: every output is
    where OutputPaths names it, and every link between the country's pages lands on a file."""
    chapters = [
        Chapter("Mali", 2015, SAMPLES / "2015.txt", illustrative=True),
        Chapter("Mali", 2016, SEED),
        Chapter("Mali", 2015, SAMPLES / "2015.txt", chapter="safe-haven", illustrative=True),
        Chapter("Mali", 2016, SEED, chapter="safe-haven"),
    ]
    out, run = build_site(tmp_path, chapters)
    assert run.exit_code == 0, run.entries
    expected = {
        OutputPaths.report_json("Mali", year, chapter)
        for year in (2015, 2016)
        for chapter in ("country", "safe-haven")
    } | {OutputPaths.pair_file("Mali", 2015, 2016, c, "json") for c in ("country", "safe-haven")}
    assert {o.output for o in run.entries + run.comparisons} == expected
    for chapter in ("country", "safe-haven"):
        for name in OutputPaths.pair_pages("Mali", 2015, 2016, chapter):
            assert (out / name).is_file(), name
        assert (out / OutputPaths.chapter_page("Mali", 2016, chapter)).is_file()
    assert (out / OutputPaths.country_page("Mali")).is_file()
    folder = out / OutputPaths.folder("Mali")
    for page in [*folder.glob("*.html"), *folder.glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        targets = re.findall(r'href="([^"#]+)', text) + re.findall(r"\]\(([^)#\s]+)\)", text)
        for target in targets:
            if urlparse(target).scheme:
                continue
            assert (page.parent / target).resolve().exists(), f"{page.name} links to {target}"
