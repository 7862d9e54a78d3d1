"""Report text is data: script tags, event handlers and javascript: links render as text."""

import re
from pathlib import Path
from typing import Any

import pytest

from crtdiff.reference.bundle import Reference
from crtdiff.reports.markdown import render_pair_markdown
from crtdiff.schemas import CountryReport
from crtdiff.series.compare import compare_reports
from tests.conftest import ParseFn
from tests.plain_site import Chapter, build_site

OWN_SCRIPT = re.compile(r'<script src="(\.\./)?(assets|data)/[a-z-]+\.js" defer>')
"""The site's own scripts: files of its assets and data, never inline code."""

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">click</a>',
    "Аl-Qаida",  # Cyrillic А and а: look-alikes must show as they are, not match or execute
]


def hostile_chapter(year: int) -> bytes:
    lines = [
        f"Country Reports on Terrorism {year}: Mali",
        "",
        "Overview: The Government of Mali remained a willing counterterrorism partner. "
        f"The government received a letter reading {HOSTILE[0]} from unknown senders.",
        "",
        f"{year} Terrorist Incidents: Terrorist groups attacked military forces in the north.",
        "",
        f"  • On May 2, gunmen attacked a camp near {HOSTILE[1]} and killed three soldiers.",
        "",
        f"Legislation, Law Enforcement, and Border Security: A website showed {HOSTILE[2]} "
        f"to visitors, and a group called {HOSTILE[3]} was mentioned in the press.",
    ]
    return "\n".join(lines).encode()


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory, parse: ParseFn
) -> tuple[Path, list[CountryReport]]:
    """The site the run writes for two hostile chapters, and the chapters parsed."""
    texts = [hostile_chapter(2015), hostile_chapter(2016).replace(b"three", b"five")]
    chapters = [Chapter("Mali", year, text) for year, text in zip((2015, 2016), texts, strict=True)]
    out, run = build_site(tmp_path_factory.mktemp("hostile"), chapters)
    assert run.exit_code == 0, run.entries
    return out, [parse(texts[0], "mali-2015.txt"), parse(texts[1], "mali-2016.txt")]


def test_ingest_keeps_hostile_text_as_text(hostile_site: tuple[Path, list[CountryReport]]) -> None:
    _, (old, _) = hostile_site
    for text in HOSTILE:
        assert text in old.body
    assert old.groups == []  # look-alike letters are not al-Qa'ida


def test_no_page_contains_live_markup(hostile_site: tuple[Path, list[CountryReport]]) -> None:
    out, _ = hostile_site
    pages = list(out.rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts, page  # the site's own, at least assets/site.js
        assert all(OWN_SCRIPT.fullmatch(tag) for tag in scripts), scripts


def test_markdown_escapes_html(parse: ParseFn, reference: Reference) -> None:
    old = parse(hostile_chapter(2015), "mali-2015.txt")
    new = parse(hostile_chapter(2016).replace(b"three", b"five"), "mali-2016.txt")
    markdown = render_pair_markdown(compare_reports(old, new, reference.gazetteer))
    assert "<script>" not in markdown and "<img" not in markdown
    assert "&lt;img src=x onerror=alert(2)&gt;" in markdown


@pytest.mark.integration
@pytest.mark.xdist_group("browser")
def test_browser_shows_the_text_and_runs_nothing(
    chromium: Any, hostile_site: tuple[Path, list[CountryReport]]
) -> None:
    out, _ = hostile_site
    page = chromium.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    for name in ("2016.html", "2015-2016.html", "index.html"):
        page.goto((out / "mali" / name).as_uri())
        text = page.inner_text("body")
        if name == "2016.html":
            for hostile in HOSTILE:
                assert hostile in text
        assert page.locator("main script, main img, main a[href^='javascript']").count() == 0
    assert dialogs == []
    page.close()
