"""What tests build instead of reading whole chapters: pages from the real seed in state.gov's
CRT markup, and small CountryReports written fact by fact."""

import hashlib
import html
import re
from collections.abc import Callable
from typing import Any

from crtdiff.schemas import CountryReport
from crtdiff.text.normalize import slugify
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


LABEL = re.compile(r"^((?:\d{4} )?[A-Z][A-Za-z ,]{2,80}:)\s*(.*)$")
"""An inline label opening a paragraph ("Overview:", "2016 Terrorist Incidents:")."""


def labelled_html(
    text: str, escape_text: Callable[[str], str] = html.escape, gap: str = "&nbsp; "
) -> str:
    """Chapter text (paragraphs, "•" bullets, inline labels) as the report's HTML: bold labels
    followed by `gap`, one list per bullet; `escape_text` escapes the text around the labels."""
    parts: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("•"):
            parts.append(f"<ul><li>{escape_text(line.lstrip('• '))}</li></ul>")
        elif label := LABEL.match(line):
            parts.append(
                f"<p><strong>{html.escape(label.group(1))}</strong>{gap}"
                f"{escape_text(label.group(2))}</p>"
            )
        else:
            parts.append(f"<p>{escape_text(line)}</p>")
    return "\n".join(parts)


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


class ReportBuilder:
    """A small CountryReport written fact by fact, for tests that need one exact situation
    (a group dropped, a toll not given) rather than a whole chapter parsed."""

    def __init__(self, country: str = "Mali", year: int = 2016, chapter: str = "country") -> None:
        self.country, self.year, self.chapter = country, year, chapter
        self.paragraphs: dict[str, list[str]] = {}
        self.incidents: list[dict[str, Any]] = []
        self.groups: dict[str, dict[str, Any]] = {}
        self.measures: list[dict[str, Any]] = []

    def sentence(self, section: str, text: str) -> str:
        """Add a paragraph of one sentence to a section (in the order sections are added)."""
        self.paragraphs.setdefault(section, []).append(text)
        return text

    def incident(self, sentence: str, date: str, **fields: Any) -> "ReportBuilder":
        """An incident told by `sentence` (e.g. `killed_min=4, perpetrators=["jnim"]`)."""
        self.incidents.append({"sentence": sentence, "date": date, **fields})
        return self

    def group(
        self, group_id: str, name: str, *sentences: str, acronym: str | None = None
    ) -> "ReportBuilder":
        """A group named (by `acronym`, else `name`) in each of `sentences`."""
        self.groups[group_id] = {"name": name, "acronym": acronym, "sentences": sentences}
        return self

    def measure(self, sentence: str, kind: str, **fields: Any) -> "ReportBuilder":
        """A legal measure read from `sentence`."""
        self.measures.append({"sentence": sentence, "kind": kind, **fields})
        return self

    def build(self) -> CountryReport:
        """The report, with every span computed from the body."""
        sections, spans, body = [], {}, ""
        for key, paragraphs in self.paragraphs.items():
            start = len(body) + (2 if body else 0)
            body += ("\n\n" if body else "") + "\n\n".join(paragraphs)
            sentences, at = [], start
            for index, text in enumerate(paragraphs):
                sentences.append(
                    {"text": text, "start": at, "end": at + len(text), "paragraph": index}
                )
                spans[text] = {"section": key, "sentence": text, "start": at, "end": at + len(text)}
                at += len(text) + 2
            sections.append({"key": key, "heading": key.title(), "assigned_by": "heading",
                             "text": "\n\n".join(paragraphs), "sentences": sentences})  # fmt: skip
        incidents = [_incident(spec, spans) for spec in self.incidents]
        groups = [_group(gid, spec, spans, body) for gid, spec in self.groups.items()]
        measures = [_measure(i, spec, spans) for i, spec in enumerate(self.measures)]
        digest = hashlib.sha256(body.encode()).hexdigest()
        return CountryReport.model_validate(
            {
                "country": self.country, "year": self.year, "chapter": self.chapter,
                "title": f"{self.country} {self.year}", "body": body, "sections": sections,
                "incidents": incidents, "groups": groups, "legal_measures": measures,
                "source": {"uri": f"built-{self.year}.txt", "format": "text", "sha256": digest,
                           "size_bytes": len(body.encode()), "host": "plain",
                           "retrieved_at": "2026-01-01T00:00:00Z", "illustrative": True},
            }
        )  # fmt: skip


def _incident(spec: dict[str, Any], spans: dict[str, dict[str, Any]]) -> dict[str, Any]:
    fields = dict(spec)
    sentence, date = fields.pop("sentence"), fields.pop("date")
    precision = {10: "day", 7: "month", 4: "year"}[len(date)]
    place = fields.get("place") or "somewhere"
    return {
        "id": f"{date}-{place.lower()}-{fields.get('kind', 'armed_assault')}",
        "date": date, "date_precision": precision, "date_text": date,
        "kind": "armed_assault", "target": "military", "attribution": "unknown",
        "evidence": spans[sentence], **fields,
    }  # fmt: skip


def _group(
    group_id: str, spec: dict[str, Any], spans: dict[str, dict[str, Any]], body: str
) -> dict[str, Any]:
    written = spec["acronym"] or spec["name"]
    mentions = []
    for sentence in spec["sentences"]:
        evidence = spans[sentence]
        at = evidence["start"] + sentence.index(written)
        mentions.append(
            {"text": written, "start": at, "end": at + len(written), "evidence": evidence}
        )
    assert all(body[m["start"] : m["end"]] == written for m in mentions)
    return {"id": group_id, "name": spec["name"], "acronym": spec["acronym"], "mentions": mentions}


def _measure(index: int, spec: dict[str, Any], spans: dict[str, dict[str, Any]]) -> dict[str, Any]:
    fields = dict(spec)
    sentence = fields.pop("sentence")
    subject = fields.pop("subject", sentence)
    return {
        "id": f"{fields['kind']}-{slugify(subject)}-{index}", "subject": subject,
        "summary": sentence, "evidence": spans[sentence], **fields,
    }  # fmt: skip
