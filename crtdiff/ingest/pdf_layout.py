"""A PDF's lines to chapter blocks: running headers, footers and page numbers removed,
paragraphs rebuilt across line and page breaks, words hyphenated at line ends rejoined."""

import itertools
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from crtdiff.ingest.blocks import Block, BlockKind, bullet_body, collapse_spaces
from crtdiff.ingest.pdf_lines import PdfDocumentText, PdfLine, PdfPage

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?:;][\"”’)]?$")
_LINE_END_HYPHEN = re.compile(r"(?<=[A-Za-z])[-‐\u00ad]$")
_WORD = re.compile(r"[a-z][a-z’'-]*[a-z]")
_SOFT_HYPHENS = ("‐", "\u00ad")
"""Hyphens a typesetter inserts only to break a word (U+2010, the soft hyphen)."""

_EXTREME_LINES = 2
"""Running headers and footers are among the first or last lines of a page."""
_REPEAT_SHARE = 0.25
"""A line counts as a running header or footer when it stands on this share of pages."""
_POSITION_TOLERANCE = 4.0
_GAP_FACTOR = 1.35
"""A line further below the previous one than this many line steps starts a new block."""
_HEADING_FACTOR = 1.08
_INDENT = 8.0
_SHORT_LINE = 0.85
"""A line reaching less than this share of the text width ends its paragraph (if it ends a
sentence): the last line of a paragraph rarely fills the measure."""


@dataclass(frozen=True)
class PdfLayout:
    """A PDF's chapter blocks, with the running headers removed from it (title clues)."""

    blocks: list[Block]
    running_headers: list[str]
    title: str | None


def _signature(line: PdfLine) -> str:
    return _DIGITS.sub("#", line.text.lower())


def _extremes(page: PdfPage) -> set[int]:
    """Indexes of the top and bottom lines of a page."""
    order = sorted(range(len(page.lines)), key=lambda i: -page.lines[i].top)
    return set(order[:_EXTREME_LINES] + order[-_EXTREME_LINES:])


def _furniture(pages: list[PdfPage]) -> tuple[set[tuple[int, int]], list[str]]:
    """Running headers, footers and page numbers: (page, line index) pairs, and the headers' text.

    A header is a line at the top or bottom of its page whose text (digits aside) stands at the
    same height on at least a quarter of the pages; a page number is a number alone there.
    """
    positions: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    candidates: list[tuple[int, int]] = []
    for page in pages:
        for index in _extremes(page):
            line = page.lines[index]
            positions[_signature(line)].append((page.number, index, line.top))
            candidates.append((page.number, index))
    needed = max(2, int(len(pages) * _REPEAT_SHARE))
    furniture: set[tuple[int, int]] = set()
    headers: list[str] = []
    for signature, seen in positions.items():
        heights = Counter(round(top / _POSITION_TOLERANCE) for _, _, top in seen)
        height, count = heights.most_common(1)[0]
        if count < needed:
            continue
        for number, index, top in seen:
            if abs(round(top / _POSITION_TOLERANCE) - height) <= 1:
                furniture.add((number, index))
        text = pages[seen[0][0] - 1].lines[seen[0][1]].text
        if not _PAGE_NUMBER.match(text) and signature not in headers:
            headers.append(text)
    for number, index in candidates:
        if _PAGE_NUMBER.match(pages[number - 1].lines[index].text):
            furniture.add((number, index))
    return furniture, headers


def _vocabulary(lines: list[PdfLine]) -> Counter[str]:
    words: Counter[str] = Counter()
    for line in lines:
        # The last word of a line may be half of a hyphenated word: leave it out.
        words.update(_WORD.findall(line.text.lower().rsplit(" ", 1)[0]))
    return words


def _join_hyphenated(text: str, following: str, vocabulary: Counter[str]) -> str | None:
    """The text with `following` appended across a line-end hyphen, or None when the line does
    not end with a hyphen. The document's own words decide between "counter-" + "terrorism" =
    "counterterrorism" and "cross-" + "border" = "cross-border"; "al-" + "Qa'ida" keeps it."""
    if not _LINE_END_HYPHEN.search(text):
        return None
    if not following[:1].islower():
        return text[:-1] + "-" + following
    head = text[:-1].rsplit(" ", 1)[-1].lower()
    head = head.rsplit("-", 1)[-1]  # "so-called" + "jihad-" + "ists": judge the last part
    tail = following.split(" ", 1)[0].lower().rstrip(".,;:)”’")
    joined, kept = vocabulary[head + tail], vocabulary[f"{head}-{tail}"]
    if kept != joined:
        keep = kept > joined
    else:  # neither spelling occurs elsewhere: two known words make a compound ("cross-border")
        keep = text[-1] not in _SOFT_HYPHENS and vocabulary[head] > 0 and vocabulary[tail] > 0
    return text[:-1] + ("-" if keep else "") + following


@dataclass
class _Draft:
    lines: list[PdfLine]
    text: str


def _starts_block(
    previous: PdfLine, line: PdfLine, step: float, measure: tuple[float, float]
) -> bool:
    """True when `line` opens a new paragraph, heading or bullet rather than continuing."""
    if abs(line.size - previous.size) > 0.5 or (line.bold and not previous.bold):
        return True
    left, right = measure
    ends_sentence = bool(_TERMINAL.search(previous.text))
    if ends_sentence and previous.right < left + (right - left) * _SHORT_LINE:
        return True
    if line.page != previous.page:
        return False  # a page break inside a paragraph: the gap is the page's margins
    if previous.top - line.top > step * _GAP_FACTOR:
        return True
    return ends_sentence and line.left > previous.left + _INDENT


def _kind(draft: _Draft, body_size: float, margin: float) -> tuple[BlockKind, str]:
    first = draft.lines[0]
    text = collapse_spaces(draft.text)
    bullet = bullet_body(text)
    if bullet is not None:
        return BlockKind.BULLET, bullet
    larger = first.size > body_size * _HEADING_FACTOR
    if (
        len(text) <= 100
        and not text.endswith(".")
        and (larger or (first.bold and len(draft.lines) <= 2))
    ):
        return BlockKind.HEADING, text
    if len(draft.lines) > 1 and all(line.left > margin + _INDENT for line in draft.lines):
        return BlockKind.BULLET, text  # a hanging indent: a list item whose glyph is a drawing
    return BlockKind.PARAGRAPH, text


def _reading_order(document: PdfDocumentText, furniture: set[tuple[int, int]]) -> list[PdfLine]:
    """Body lines page by page, top to bottom (one column, as the report is set)."""
    lines: list[PdfLine] = []
    for page in document.pages:
        kept = [line for i, line in enumerate(page.lines) if (page.number, i) not in furniture]
        lines += sorted(kept, key=lambda line: (-line.top, line.left))
    return lines


@dataclass(frozen=True)
class _Metrics:
    body_size: float
    margin: float
    measure: tuple[float, float]
    step: float
    """Median distance from one body line to the next."""


def _metrics(lines: list[PdfLine]) -> _Metrics:
    sizes = Counter[float]()
    for line in lines:
        sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    body = [line for line in lines if line.size == body_size]
    margin = min(line.left for line in body)
    steps = [
        a.top - b.top for a, b in itertools.pairwise(body) if a.page == b.page and a.top > b.top
    ]
    step = statistics.median(steps) if steps else body_size * 1.2
    return _Metrics(body_size, margin, (margin, max(line.right for line in body)), step)


def pdf_blocks(document: PdfDocumentText) -> PdfLayout:
    """The document's text as blocks, page furniture removed."""
    furniture, headers = _furniture(document.pages)
    lines = _reading_order(document, furniture)
    if not lines:
        return PdfLayout([], headers, document.title)
    metrics = _metrics(lines)
    vocabulary = _vocabulary(lines)
    drafts: list[_Draft] = []
    for line in lines:
        current = drafts[-1] if drafts else None
        if (
            current is None
            or bullet_body(line.text) is not None
            or _starts_block(current.lines[-1], line, metrics.step, metrics.measure)
        ):
            drafts.append(_Draft([line], line.text))
            continue
        current.lines.append(line)
        joined = _join_hyphenated(current.text, line.text, vocabulary)
        current.text = joined if joined is not None else f"{current.text} {line.text}"
    blocks = []
    for draft in drafts:
        kind, text = _kind(draft, metrics.body_size, metrics.margin)
        blocks.append(Block(kind, text, level=2 if kind is BlockKind.HEADING else None))
    return PdfLayout(blocks, headers, document.title)
