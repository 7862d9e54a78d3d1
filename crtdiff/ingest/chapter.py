"""parse_chapter: raw bytes of any supported host and era to a CountryReport."""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from crtdiff.errors import MetadataError, NoChapterError
from crtdiff.extract.facts import extract_facts
from crtdiff.ingest.assemble import assemble
from crtdiff.ingest.blocks import Block
from crtdiff.ingest.formats import detect_format
from crtdiff.ingest.furniture import strip_furniture
from crtdiff.ingest.hosts import HOSTS, detect_host
from crtdiff.ingest.html_blocks import parse_html_page
from crtdiff.ingest.metadata import Clues, gather_clues
from crtdiff.ingest.raw import RawSource as RawSource  # its home before raw.py
from crtdiff.ingest.region_pages import select_country
from crtdiff.ingest.sections import plan_sections
from crtdiff.ingest.text_blocks import text_to_blocks
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import Country
from crtdiff.text.decode import decode_bytes
from crtdiff.text.normalize import normalize_text
from schemas import CountryReport, IngestWarning, SectionAssignment, Source, SourceFormat

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_TERROR_WORDS = re.compile(r"terror|extremis|insurgen|militant|jihad|radicali", re.IGNORECASE)
_ENGLISH = frozenset(["the", "of", "and", "to", "in", "was", "were", "with", "for"])
_FRENCH = frozenset(
    ["le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "sur", "au", "aux"]
)
_LETTERS = re.compile(r"[^\W\d_]+")
_MIN_CHAPTER_CHARS = 200


class OnMismatch(StrEnum):
    """What to do when a page's own title disagrees with the country or year asked for."""

    WARN = "warn"
    REJECT = "reject"


@dataclass(frozen=True)
class Request:
    """What the caller already knows (catalogue entry or command-line overrides)."""

    country: str | None = None
    year: int | None = None
    chapter: str | None = None
    on_mismatch: OnMismatch = OnMismatch.WARN
    year_hint: str = "give it with --year"
    """How the caller can give a year the page does not state (commands differ)."""


def _decode_and_block(
    raw: RawSource,
) -> tuple[SourceFormat, str, list[Block], list[str], list[str]]:
    fmt = detect_format(raw.data, raw.uri)
    declared = raw.declared_encoding
    if fmt is SourceFormat.HTML and declared is None:
        meta = _META_CHARSET.search(raw.data[:4096])
        declared = meta.group(1).decode("ascii") if meta else None
    decoded = decode_bytes(raw.data, declared)
    text = normalize_text(decoded.text)
    host = detect_host(raw.uri, text, HOSTS)
    titles: list[str] = []
    if fmt is SourceFormat.HTML:
        page = parse_html_page(text, host)
        titles = [t for t in (page.headline, page.title) if t]
        blocks = page.blocks
        if page.canonical_url:
            titles.append(page.canonical_url)
        is_document = re.match(r"\s*(?:<!doctype|<html)", text[:1024], re.IGNORECASE)
        if is_document and not re.search(r"</html\s*>|</body\s*>", text[-4096:], re.I):
            decoded.repairs.append("page looks truncated (no closing </body> or </html>)")
    else:
        blocks = text_to_blocks(text)
    return fmt, host.name, blocks, titles, decoded.repairs


def _resolve_country(
    request: Request, clues: Clues, heading: Country | None, ref: Reference, source: str
) -> tuple[Country, list[IngestWarning]]:
    warnings: list[IngestWarning] = []
    inferred = clues.countries[0] if clues.countries else None
    if request.country is None:
        country = inferred[0] if inferred else heading
        if country is None:
            raise MetadataError(
                source, "cannot tell which country this chapter is for; give it with --country"
            )
        return country, warnings
    asked = ref.countries.resolve(request.country)
    if asked is None:
        raise MetadataError(source, ref.countries.unknown(request.country))
    if inferred and inferred[0].name != asked.name:
        message = f"{inferred[1]} names {inferred[0].name}, but {asked.name} was asked for"
        if request.on_mismatch is OnMismatch.REJECT:
            raise MetadataError(source, message)
        warnings.append(IngestWarning(code="country_mismatch", message=message))
    return asked, warnings


def _resolve_year(request: Request, clues: Clues, source: str) -> tuple[int, list[IngestWarning]]:
    warnings: list[IngestWarning] = []
    inferred = clues.years[0] if clues.years else None
    if request.year is None:
        if inferred is None:
            raise MetadataError(source, f"cannot tell the report year; {request.year_hint}")
        year = inferred[0]
    else:
        year = request.year
        if inferred and inferred[0] != year:
            message = f"{inferred[1]} says {inferred[0]}, but {year} was asked for"
            if request.on_mismatch is OnMismatch.REJECT:
                raise MetadataError(source, message)
            warnings.append(IngestWarning(code="year_mismatch", message=message))
    for other, where in clues.years[1:]:
        if other != year and inferred and inferred[0] == year:
            warnings.append(
                IngestWarning(code="year_mismatch", message=f"{where} says {other}, not {year}")
            )
            break
    return year, warnings


def _check_is_chapter(text: str, has_headings: bool, source: str) -> None:
    if len(text) < _MIN_CHAPTER_CHARS:
        raise NoChapterError(source, "no chapter text found after removing page furniture")
    sample = text[:20000]
    # Counted over one word list: a case-insensitive regex per language costs ten times more.
    words = Counter(_LETTERS.findall(sample.lower()))
    english = sum(words[w] for w in _ENGLISH)
    french = sum(words[w] for w in _FRENCH)
    if french > english:
        raise NoChapterError(source, "text is in French, not English; give the English original")
    if english < len(sample.split()) * 0.04:
        raise NoChapterError(source, "text does not read as English prose")
    if not has_headings and len(_TERROR_WORDS.findall(sample)) < 2:
        raise NoChapterError(
            source,
            "no recognisable Country Reports on Terrorism chapter (no section headings and no "
            "terrorism vocabulary)",
        )


def parse_chapter(raw: RawSource, request: Request, ref: Reference) -> CountryReport:
    """Ingest one chapter: detect, decode, strip furniture, infer metadata, section, split."""
    source = raw.uri
    fmt, host, blocks, titles, repairs = _decode_and_block(raw)
    page_clues = gather_clues(titles, raw.uri, "", ref.countries)
    wanted = ref.countries.resolve(request.country) if request.country else None
    if wanted is None and page_clues.countries:
        wanted = page_clues.countries[0][0]
    # A region page is cut to the country's chapter first: its furniture lies around the
    # whole page, and a country heading opening the page is not a title to strip.
    selected, heading_country = select_country(blocks, ref.countries, wanted, source)
    trimmed = strip_furniture(selected, HOSTS, ref.headings)
    titles.extend(trimmed.header_lines[:8])
    body_text = "\n".join(b.text for b in trimmed.blocks)
    clues = gather_clues(titles, raw.uri, body_text, ref.countries)
    if clues.other_series and clues.title is None:
        raise NoChapterError(
            source, f"page is from another report series ({clues.other_series}), not CRT"
        )
    chapter_blocks = trimmed.blocks
    plan = plan_sections(chapter_blocks, ref.headings, ref.topics)
    assembled = assemble(plan)
    has_headings = any(s.assigned_by is SectionAssignment.HEADING for s in assembled.sections)
    _check_is_chapter(assembled.body, has_headings, source)
    country, country_warnings = _resolve_country(request, clues, heading_country, ref, source)
    year, year_warnings = _resolve_year(request, clues, source)
    warnings = [IngestWarning(code="repaired_input", message=r) for r in repairs]
    warnings += country_warnings + year_warnings + plan.warnings
    if raw.illustrative:
        warnings.insert(
            0,
            IngestWarning(
                code="illustrative_source",
                message="illustrative chapter written in the report's style for tests and "
                "demos; not official State Department text",
            ),
        )
    report = CountryReport(
        country=country.name,
        year=year,
        chapter=request.chapter or clues.chapter,
        source=Source(
            uri=raw.uri,
            format=fmt,
            sha256=hashlib.sha256(raw.data).hexdigest(),
            size_bytes=len(raw.data),
            retrieved_at=raw.retrieved_at.astimezone(UTC),
            host=host,
            illustrative=raw.illustrative,
        ),
        title=clues.title or f"Country Reports on Terrorism {year}: {country.name}",
        body=assembled.body,
        sections=assembled.sections,
        warnings=warnings,
    )
    return extract_facts(report, ref)


def now() -> datetime:
    """The current time in UTC (one place to read the clock)."""
    return datetime.now(UTC)
