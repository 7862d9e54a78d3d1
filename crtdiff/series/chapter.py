"""parse_chapter: raw bytes of any supported host and era to a CountryReport."""

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from crtdiff.errors import InputError, MetadataError, NoChapterError
from crtdiff.extract.groups import MAX_DEFINED_ACRONYMS, defined_acronym_count
from crtdiff.ingest.assemble import assemble
from crtdiff.ingest.blocks import Block
from crtdiff.ingest.formats import detect_format
from crtdiff.ingest.furniture import drop_furniture_lines, strip_furniture
from crtdiff.ingest.heading_eras import heading_era_warnings
from crtdiff.ingest.hosts import HOSTS, detect_host
from crtdiff.ingest.hosts.pdf_text import PDF_TEXT
from crtdiff.ingest.html_blocks import parse_html_page
from crtdiff.ingest.identify import OnMismatch, resolve_country, resolve_year
from crtdiff.ingest.language import sample_counts
from crtdiff.ingest.metadata import PageText, add_text_clues, gather_clues
from crtdiff.ingest.nesting import MAX_DEPTH, nested_deeper_than
from crtdiff.ingest.pdf_volume import read_pdf_volume
from crtdiff.ingest.provenance import Provenance, stated_provenance
from crtdiff.ingest.raw import RawSource
from crtdiff.ingest.region_pages import country_headings, select_country
from crtdiff.ingest.subject import judge_subject
from crtdiff.ingest.text_blocks import text_to_blocks
from crtdiff.reference.bundle import Reference
from crtdiff.reference.countries import Country
from crtdiff.reference.furniture import Furniture
from crtdiff.schemas import (
    CountryReport,
    IngestWarning,
    Section,
    SectionAssignment,
    Source,
    SourceFormat,
)
from crtdiff.schemas.base import report_year_problem
from crtdiff.series.choose import choose_series
from crtdiff.text.decode import decode_bytes
from crtdiff.text.normalize import normalize_text

__all__ = ["OnMismatch", "RawSource", "Request", "now", "page_countries", "parse_chapter"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_TERROR_WORDS = re.compile(r"terror|extremis|insurgen|militant|jihad|radicali", re.IGNORECASE)
_SAMPLE_CHARS = 20000
"""How much of the text is read to tell its language and its subject."""
_MIN_CHAPTER_CHARS = 200
_HEADER_BLOCKS = 12
"""Blocks at the top of a page searched for a dated header line."""


@dataclass(frozen=True)
class Request:
    """What the caller already knows (catalogue entry or command-line overrides)."""

    country: str | None = None
    year: int | None = None
    chapter: str | None = None
    on_mismatch: OnMismatch = OnMismatch.WARN
    series: str | None = "crt"
    """Report series (series.csv); None to tell it from the page (CRT when the page is silent)."""
    year_hint: str = "give it with --year"
    """How the caller can give a year the page does not state (commands differ)."""


@dataclass
class _Page:
    """A page decoded and cut into blocks, with what it says about itself."""

    format: SourceFormat
    host: str
    blocks: list[Block]
    titles: list[str]
    canonical: str | None
    metadata: list[str]
    dropped: list[str]
    repairs: list[str]
    provenance: Provenance
    """The official URL and publication date the page states."""


def _decode_and_block(raw: RawSource, furniture: Furniture) -> _Page:
    fmt = detect_format(raw.data, raw.uri)
    declared = raw.declared_encoding
    if fmt is SourceFormat.HTML and declared is None:
        meta = _META_CHARSET.search(raw.data[:4096])
        declared = meta.group(1).decode("ascii") if meta else None
    if fmt is SourceFormat.PDF:
        volume = read_pdf_volume(raw.data, raw.uri)
        titles = [volume.title] if volume.title else []
        running = list(volume.running_headers)
        provenance = _provenance(raw, Provenance(), volume.blocks)
        return _Page(fmt, PDF_TEXT.name, volume.blocks, titles, None, [], running, [], provenance)
    decoded = decode_bytes(raw.data, declared)
    text = normalize_text(decoded.text)
    host = detect_host(raw.uri, text, HOSTS)
    if fmt is not SourceFormat.HTML:
        clean = drop_furniture_lines(text, furniture)
        blocks = text_to_blocks(clean.text)
        provenance = _provenance(raw, Provenance(), blocks)
        return _Page(
            fmt, host.name, blocks, [], None, [], clean.dropped, decoded.repairs, provenance
        )
    if nested_deeper_than(text, MAX_DEPTH):
        raise InputError(raw.uri, f"page nests elements over {MAX_DEPTH:,} levels deep")
    page = parse_html_page(text, host, raw.data)
    is_document = re.match(r"\s*(?:<!doctype|<html)", text[:1024], re.IGNORECASE)
    if is_document and not re.search(r"</html\s*>|</body\s*>", text[-4096:], re.I):
        decoded.repairs.append("page looks truncated (no closing </body> or </html>)")
    titles = [t for t in (page.headline, page.title) if t]
    provenance = _provenance(raw, page.provenance, page.blocks)
    return _Page(
        fmt,
        host.name,
        page.blocks,
        titles,
        page.canonical_url,
        page.metadata,
        [],
        decoded.repairs,
        provenance,
    )


def _provenance(raw: RawSource, page_says: Provenance, blocks: list[Block]) -> Provenance:
    header = [line for b in blocks[:_HEADER_BLOCKS] for line in b.text.split("\n")]
    return stated_provenance(raw.uri, page_says, header)


def _first_sentence(sections: list[Section]) -> str:
    first = next((s for s in sections if s.sentences), None)
    if first is None:
        return ""
    text = first.sentences[0].text
    return f"{first.heading}: {text}" if first.heading else text


def _check_is_chapter(
    text: str, spans: list[tuple[int, int]], has_headings: bool, source: str
) -> None:
    if len(text) < _MIN_CHAPTER_CHARS:
        raise NoChapterError(source, "no chapter text found after removing page furniture")
    sample = text[:_SAMPLE_CHARS]
    counts = sample_counts(text, spans, _SAMPLE_CHARS)
    if counts.french > counts.english:
        raise NoChapterError(source, "text is in French, not English; give the English original")
    if counts.english < counts.words * 0.04:
        raise NoChapterError(source, "text does not read as English prose")
    if defined_acronym_count(text) > MAX_DEFINED_ACRONYMS:
        raise InputError(
            source, f"text defines over {MAX_DEFINED_ACRONYMS:,} acronyms in parentheses: refused"
        )
    if not has_headings and len(_TERROR_WORDS.findall(sample)) < 2:
        raise NoChapterError(
            source,
            "no recognisable Country Reports on Terrorism chapter (no section headings and no "
            "terrorism vocabulary)",
        )


def parse_chapter(raw: RawSource, request: Request, ref: Reference) -> CountryReport:
    """Ingest one chapter: detect, decode, strip furniture, infer metadata, section, split."""
    source = raw.uri
    page = _decode_and_block(raw, ref.furniture)
    page_text = PageText(page.titles, raw.uri, page.canonical, page.metadata, page.dropped)
    page_clues = gather_clues(page_text, ref.countries, ref.editions)
    wanted = ref.countries.resolve(request.country) if request.country else None
    if wanted is None and page_clues.countries:
        wanted = page_clues.countries[0].country
    # A region page is cut to the country's chapter first: its furniture lies around the
    # whole page, and a country heading opening the page is not a title to strip.
    selected, heading_country = select_country(
        page.blocks, ref.countries, wanted, source, request.chapter
    )
    series = choose_series(request.series, page.titles, selected, raw.uri, source)
    trimmed = strip_furniture(
        selected, series.furniture(ref.furniture), series.plugin.body_headings(ref)
    )
    titles = [*page.titles, *trimmed.header_lines[:8]]
    clues = gather_clues(
        PageText(
            titles,
            raw.uri,
            page.canonical,
            [*page.metadata, *trimmed.header_lines],
            [*page.dropped, *trimmed.dropped],
        ),
        ref.countries,
        ref.editions,
    )
    if series.is_default and clues.other_series and clues.title is None:
        raise NoChapterError(
            source, f"page is from another report series ({clues.other_series}), not CRT"
        )
    series.add_clues(clues, titles, raw.uri, ref.countries, source)
    plan = series.plugin.plan_sections(trimmed.blocks, ref)
    assembled = assemble(plan)
    has_headings = any(s.assigned_by is SectionAssignment.HEADING for s in assembled.sections)
    spans = sorted((s.start, s.end) for section in assembled.sections for s in section.sentences)
    _check_is_chapter(assembled.body, spans, has_headings, source)
    _check_size(sum(len(s.sentences) for s in assembled.sections), "sentences", source)
    add_text_clues(clues, _first_sentence(assembled.sections), assembled.body, ref.countries)
    subject = judge_subject(assembled.body, ref.country_terms)
    country, country_warnings = resolve_country(
        request.country,
        clues,
        heading_country,
        subject,
        ref.countries,
        request.on_mismatch,
        source,
    )
    year, year_warnings = resolve_year(
        request.year, clues, request.on_mismatch, source, request.year_hint
    )
    problem = report_year_problem(year)
    if problem is not None:
        raise MetadataError(source, problem)
    warnings = [IngestWarning(code="repaired_input", message=r) for r in page.repairs]
    warnings += country_warnings + year_warnings + plan.warnings
    if series.is_default:
        warnings += heading_era_warnings(assembled.sections, ref.headings, year)
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
            format=page.format,
            sha256=hashlib.sha256(raw.data).hexdigest(),
            size_bytes=len(raw.data),
            retrieved_at=raw.retrieved_at.astimezone(UTC),
            host=page.host,
            illustrative=raw.illustrative,
            # Illustrative text never carries an official URL or date: it is not their text.
            url=None if raw.illustrative else raw.url or page.provenance.url,
            published=None if raw.illustrative else raw.published or page.provenance.published,
        ),
        title=clues.title or series.definition.default_title(year, country.name),
        body=assembled.body,
        sections=assembled.sections,
        warnings=warnings,
        series=series.name,
    )
    extracted = series.plugin.extract(report, ref)
    _check_size(len(extracted.incidents), "incidents", source)
    return extracted


MAX_SENTENCES, MAX_INCIDENTS = 5_000, 1_000
"""Far beyond any chapter (the longest have a few hundred sentences and a few dozen incidents):
comparing two years costs time that grows with the product of their sentences and of their
incidents, so a text beyond these is refused rather than left to hold a run for hours."""


def _check_size(count: int, what: str, source: str) -> None:
    limit = MAX_SENTENCES if what == "sentences" else MAX_INCIDENTS
    if count > limit:
        raise InputError(source, f"text holds {count:,} {what}, over the {limit:,} of any chapter")


def page_provenance(raw: RawSource, ref: Reference) -> Provenance:
    """The official URL and publication date a page states (for any page, chapter or not)."""
    return _decode_and_block(raw, ref.furniture).provenance


def page_countries(raw: RawSource, ref: Reference) -> list[Country]:
    """The countries whose chapters a region page or volume holds, in page order."""
    blocks = _decode_and_block(raw, ref.furniture).blocks
    found: dict[str, Country] = {}
    for heading in country_headings(blocks, ref.countries):
        found.setdefault(heading.country.name, heading.country)
    return list(found.values())


def now() -> datetime:
    """The current time in UTC (one place to read the clock)."""
    return datetime.now(UTC)
