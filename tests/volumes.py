"""Whole-year PDF volumes in the report's layout, printed by the test Chromium.

A volume has a cover, a table of contents, "Chapter 2. Country Reports: <region>" with a region
overview and one chapter per country under its name, then the next chapter of the report, and
(when asked) "Chapter 5. Terrorist Safe Havens" with some countries' entries. Every
page carries the running header "Country Reports on Terrorism <year>" and a page number; long
words carry soft hyphens, so lines end in hyphenated halves; paragraphs break across pages.
"""

import html
import re
from dataclasses import dataclass
from pathlib import Path

from tests.builders import labelled_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
_LONG_WORD = re.compile(r"\b([a-z]{5})([a-z]{6,})\b")


@dataclass(frozen=True)
class VolumeChapter:
    """One country's chapter: its heading and its text (paragraphs, "•" bullets)."""

    country: str
    text: str


def _soft_hyphens(escaped: str) -> str:
    return _LONG_WORD.sub(lambda m: f"{m.group(1)}&shy;{m.group(2)}", escaped)


def chapter_html(text: str) -> str:
    """A chapter's text as the volume's HTML: bold inline labels, bulleted lists, long words
    with soft hyphens."""
    return labelled_html(text, lambda t: _soft_hyphens(html.escape(t)), gap=" ")


def volume_html(
    year: int,
    region: str,
    chapters: list[VolumeChapter],
    after: str,
    havens: list[VolumeChapter] | None = None,
) -> str:
    """The HTML of a volume holding `chapters`, followed by a chapter titled `after` and, with
    `havens`, the "Terrorist Safe Havens" chapter holding their entries."""
    contents = "".join(
        f"<p class=toc>{html.escape(c.country)} {'.' * 40} {n + 3}</p>"
        for n, c in enumerate(chapters)
    )
    body = "".join(f"<h3>{html.escape(c.country)}</h3>\n{chapter_html(c.text)}\n" for c in chapters)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Country Reports on Terrorism {year}</title>
<style>body{{font-family:serif;font-size:11pt;text-align:justify}}
h1,h2,h3{{font-family:sans-serif}} .break{{break-after:page}} ul{{margin:0}}</style></head><body>
<h1 class=break>Country Reports on Terrorism {year}</h1>
<h2>Table of Contents</h2><div class=break>{contents}</div>
<h2>Chapter 2. Country Reports: {html.escape(region)}</h2>
<p>The region faced a range of terrorist threats in {year}, from groups exploiting porous
borders to attacks on civilians and security forces.</p>
{body}
<h2>{html.escape(after)}</h2>
<p>State sponsors of terrorism are countries determined by the Secretary of State to have
repeatedly provided support for acts of international terrorism.</p>
{_havens_html(havens or [])}
</body></html>"""


def _havens_html(havens: list[VolumeChapter]) -> str:
    if not havens:
        return ""
    entries = "".join(
        f"<h3>{html.escape(h.country)}</h3>\n{chapter_html(h.text)}\n" for h in havens
    )
    return f"""<h2>Chapter 5. Terrorist Safe Havens (Update to 7120 Report)</h2>
<p>Terrorist safe havens are ungoverned, under-governed, or ill-governed physical areas where
terrorists are able to organize, plan, raise funds, communicate, recruit, train, and operate.</p>
{entries}"""


def print_volume(browser: object, page_html: str, path: Path, year: int) -> Path:
    """Print the HTML to `path` with the report's running header and page-number footer."""
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_content(page_html)
    style = "font-size:9px;width:100%;text-align:center"
    page.pdf(
        path=str(path),
        format="Letter",
        display_header_footer=True,
        header_template=f'<div style="{style}">Country Reports on Terrorism {year}</div>',
        footer_template=f'<div style="{style}"><span class="pageNumber"></span></div>',
        margin={"top": "60px", "bottom": "60px", "left": "60px", "right": "60px"},
    )
    page.close()
    return path
