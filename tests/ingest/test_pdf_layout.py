"""PDF lines to blocks, on hand-made pages: furniture, paragraphs, headings, hyphenation."""

from crtdiff.ingest.blocks import BlockKind
from crtdiff.ingest.pdf_layout import pdf_blocks
from crtdiff.ingest.pdf_lines import PdfDocumentText, PdfLine, PdfPage

WIDTH, HEIGHT, LEFT, RIGHT = 612.0, 792.0, 50.0, 560.0


def line(
    page: int, top: float, text: str, *, size: float = 11.0, right: float = RIGHT,
    left: float = LEFT, bold: bool = False,
) -> PdfLine:  # fmt: skip
    return PdfLine(page, text, left, right, top, top - size, size, bold)


def page(
    number: int, *lines: PdfLine, header: str = "Country Reports on Terrorism 2016"
) -> PdfPage:
    furniture = [
        line(number, 770, header, size=8, left=250, right=360),
        line(number, 20, str(number + 40), size=8, left=300, right=306),
    ]
    return PdfPage(number, WIDTH, HEIGHT, [*lines, *furniture])


def blocks(*pages: PdfPage) -> list[tuple[BlockKind, str]]:
    layout = pdf_blocks(PdfDocumentText(list(pages), None))
    return [(b.kind, b.text) for b in layout.blocks]


def test_running_header_and_page_numbers_are_removed_and_kept_as_clues() -> None:
    pages = [
        page(n, line(n, 700, f"Paragraph {word} says something of note.", right=300))
        for n, word in enumerate(("one", "two", "three"), 1)
    ]
    layout = pdf_blocks(PdfDocumentText(pages, None))
    # Each line fills the measure, so the paragraph runs on across the pages.
    assert [b.text for b in layout.blocks] == [
        "Paragraph one says something of note. Paragraph two says something of note. "
        "Paragraph three says something of note."
    ]
    assert layout.running_headers == ["Country Reports on Terrorism 2016"]


def test_a_sentence_broken_across_a_page_continues_its_paragraph() -> None:
    first = page(
        1,
        line(1, 700, "The government continued to cooperate with its neighbors on"),
        line(1, 686, "border security, and it shared information with the United"),
    )
    second = page(
        2,
        line(2, 700, "States about suspected foreign terrorist fighters.", right=320),
        line(2, 686, "Customs officials screened travelers at airports.", right=300),
    )
    assert blocks(first, second) == [
        (
            BlockKind.PARAGRAPH,
            "The government continued to cooperate with its neighbors on border "
            "security, and it shared information with the United States about suspected foreign "
            "terrorist fighters.",
        ),
        (BlockKind.PARAGRAPH, "Customs officials screened travelers at airports."),
    ]


def test_a_short_line_ending_a_sentence_ends_its_paragraph_and_a_gap_starts_one() -> None:
    body = page(
        1,
        line(1, 700, "First paragraph ends here.", right=200),
        line(1, 686, "Second paragraph runs the full width of the measure and goes on"),
        line(1, 672, "to its end."),
        line(1, 640, "Third paragraph after a gap, whose first line is full width and"),
        line(1, 626, "ends on the next line.", right=200),
    )
    assert [text for _, text in blocks(body, page(2), page(3))] == [
        "First paragraph ends here.",
        "Second paragraph runs the full width of the measure and goes on to its end.",
        "Third paragraph after a gap, whose first line is full width and ends on the next line.",
    ]


def test_headings_by_size_or_bold_and_bullets_by_glyph_or_hanging_indent() -> None:
    body = page(
        1,
        line(1, 720, "Mali", size=14, right=90),
        line(1, 700, "Overview: The Government of Mali remained a partner.", bold=True, right=400),
        line(1, 686, "• On March 21, gunmen attacked a hotel in Bamako.", left=60, right=400),
        line(1, 672, "On April 12, three French soldiers were killed by an IED attack", left=70),
        line(1, 658, "in Tessalit.", left=70, right=150),
        line(1, 630, "Chapter 3. State Sponsors of Terrorism", size=14, bold=True, right=400),
    )
    assert blocks(body, page(2), page(3)) == [
        (BlockKind.HEADING, "Mali"),
        (BlockKind.PARAGRAPH, "Overview: The Government of Mali remained a partner."),
        (BlockKind.BULLET, "On March 21, gunmen attacked a hotel in Bamako."),
        (
            BlockKind.BULLET,
            "On April 12, three French soldiers were killed by an IED attack in Tessalit.",
        ),
        (BlockKind.HEADING, "Chapter 3. State Sponsors of Terrorism"),
    ]


def test_line_end_hyphens_are_rejoined_unless_the_document_writes_the_word_hyphenated() -> None:
    body = page(1,
        line(1, 700, "Its counterterrorism law covers cross-border crime and counter-"),
        line(1, 686, "terrorism financing; officials screened cross-"),
        line(1, 672, "border traffic and sophis\u2010"),
        line(1, 658, "ticated forgeries of full-"),
        line(1, 644, "grown al-"),
        line(1, 630, "Qa'ida cells.", right=120))  # fmt: skip
    ((_, text),) = blocks(body, page(2), page(3))
    assert text == (
        "Its counterterrorism law covers cross-border crime and counterterrorism financing; "
        "officials screened cross-border traffic and sophisticated forgeries of fullgrown "
        "al-Qa'ida cells."
    )


def test_a_hyphen_between_two_known_words_is_kept() -> None:
    body = page(1,
        line(1, 700, "The new passports have a full color photo and the old ones a full-"),
        line(1, 686, "color photo too.", right=150))  # fmt: skip
    ((_, text),) = blocks(body, page(2), page(3))
    assert "full-color photo too." in text


def test_an_empty_pdf_gives_no_blocks() -> None:
    assert pdf_blocks(PdfDocumentText([PdfPage(1, WIDTH, HEIGHT, [])], None)).blocks == []
