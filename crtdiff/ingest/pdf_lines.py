"""Text lines of a PDF with their position and font, read with PDFium (pypdfium2)."""

import ctypes
import re
from dataclasses import dataclass
from typing import Any

from crtdiff.errors import InputError

_LINE_BREAK = re.compile(r"\r\n|\n|\r|(?<=\ufffe)")
"""Line ends: PDFium's generated breaks, and the point after a line-end hyphen, which PDFium
marks U+FFFE and joins to the next line itself (dropping the hyphen, right or wrong)."""
_MERGED_HYPHEN = "\ufffe"


@dataclass(frozen=True)
class PdfLine:
    """One visual line of text on a page; coordinates in points from the page's bottom left."""

    page: int
    text: str
    left: float
    right: float
    top: float
    bottom: float
    size: float
    """Font size of the line's first character."""
    bold: bool
    """True when the line's first character is set in a bold face (weight 600 or more)."""


@dataclass(frozen=True)
class PdfPage:
    """A page's size and its lines, in the reading order PDFium gives."""

    number: int
    width: float
    height: float
    lines: list[PdfLine]


@dataclass(frozen=True)
class PdfDocumentText:
    """Every page of a PDF, and its document title when the file carries one."""

    pages: list[PdfPage]
    title: str | None


_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _is_bold(raw: Any, index: int) -> bool:
    """True when the character's font is bold: by its name, since embedded fonts often declare
    a regular weight (a subset of LiberationSerif-Bold says 415)."""
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600:
        return True
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(raw, index, name, len(name), ctypes.byref(flags))
    return bool(_BOLD_NAME.search(name.value.decode("latin-1")))


def _page_lines(textpage: Any, number: int) -> list[PdfLine]:
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    if count <= 0:
        return []
    text: str = textpage.get_text_range(0, count)
    raw = textpage.raw
    lines: list[PdfLine] = []
    position = 0
    # PDFium reports a line break as generated characters: one index per character of the
    # text, so a line's offset in the text is also the index of its first character.
    for match in _LINE_BREAK.finditer(text + "\n"):
        segment = text[position : match.start()]
        first = position + len(segment) - len(segment.lstrip())
        last = position + len(segment.rstrip()) - 1
        position = match.end()
        stripped = segment.strip().replace(_MERGED_HYPHEN, "-")
        if not stripped or first >= count:
            continue
        left, bottom, _, top = textpage.get_charbox(first)
        right = textpage.get_charbox(min(last, count - 1))[2]
        lines.append(
            PdfLine(
                page=number,
                text=stripped,
                left=left,
                right=right,
                top=top,
                bottom=bottom,
                size=round(pdfium_c.FPDFText_GetFontSize(raw, first), 1),
                bold=_is_bold(raw, first),
            )
        )
    return lines


def read_pdf_lines(data: bytes, source: str) -> PdfDocumentText:
    """Every line of every page; InputError when the file is not a readable PDF."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(source, f"PDF cannot be read ({exc})") from exc
    try:
        title = (document.get_metadata_dict().get("Title") or "").strip() or None
        pages: list[PdfPage] = []
        for number in range(len(document)):
            page = document[number]
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                pages.append(PdfPage(number + 1, width, height, _page_lines(textpage, number + 1)))
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    return PdfDocumentText(pages, title)
