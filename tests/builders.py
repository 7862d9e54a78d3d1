"""Pages built for the tests from the real seed: its body in state.gov's CRT markup."""

import html
import re

from tests.conftest import SEED

HEADINGS = re.compile(
    r"^(Overview|2016 Terrorist Incidents|Legislation, Law Enforcement, and Border Security|"
    r"Countering the Financing of Terrorism|Countering Violent Extremism|"
    r"International and Regional Cooperation):\s*"
)


def seed_paragraphs() -> list[str]:
    """The seed's chapter paragraphs (its furniture lines dropped by hand)."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Overview:"))
    end = next(i for i, line in enumerate(lines) if line.startswith("This translation is"))
    return [line.replace("\u00a0", " ") for line in lines[start:end] if line]


def crt_body_html() -> str:
    """The seed's body as state.gov writes CRT chapters: bold inline labels, a bullet list."""
    out: list[str] = []
    bullets: list[str] = []
    for paragraph in seed_paragraphs():
        if paragraph.startswith("•"):
            bullets.append(f"<li>{html.escape(paragraph[1:].strip())}</li>")
            continue
        if bullets:
            out.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        match = HEADINGS.match(paragraph)
        if match:
            rest = html.escape(paragraph[match.end() :])
            out.append(f"<p><strong>{match.group(1)}:</strong>&nbsp; {rest}</p>")
        else:
            out.append(f"<p>{html.escape(paragraph)}</p>")
    return '<section class="report__content__inner entry-content">' + "".join(out) + "</section>"
