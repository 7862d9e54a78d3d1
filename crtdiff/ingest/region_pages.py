"""Pages holding several countries' chapters (state.gov 2004-2017 region pages, PDF volumes)."""

import re
from dataclasses import dataclass

from crtdiff.errors import MetadataError
from crtdiff.ingest.blocks import Block, BlockKind
from crtdiff.reference.countries import Country, CountryTable

_MAX_HEADING_LEN = 80
_MIN_TEXT = 60
_NEXT_CHAPTER = re.compile(r"^Chapter\s+\d+\b", re.IGNORECASE)
"""The report's next chapter ("Chapter 3. State Sponsors of Terrorism") ends the last country
of a region: in a whole-year volume, more than the region follows it."""
_SAFE_HAVENS = re.compile(r"^(?:Chapter\s+\d+\.?\s*)?Terrorist Safe Havens?\b", re.IGNORECASE)
SAFE_HAVEN = "safe-haven"


@dataclass(frozen=True)
class CountryHeading:
    """A block that is only a country's name: where that country's chapter starts."""

    index: int
    country: Country


def country_headings(blocks: list[Block], table: CountryTable) -> list[CountryHeading]:
    """Blocks that consist of a country name alone (a heading element or a bare line)."""
    found: list[CountryHeading] = []
    for index, block in enumerate(blocks):
        text = block.text.strip().rstrip(":")
        if block.kind is BlockKind.BULLET or len(text) > _MAX_HEADING_LEN or text.endswith("."):
            continue
        country = table.resolve(text)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        # A heading starts a chapter only when text follows it: a list of country names
        # (a site's country menu) is furniture, not a region page.
        if country is not None and following is not None and len(following.text) >= _MIN_TEXT:
            found.append(CountryHeading(index, country))
    return found


def _ends_chapter(block: Block) -> bool:
    return len(block.text) <= _MAX_HEADING_LEN and bool(_NEXT_CHAPTER.match(block.text))


def report_chapter(blocks: list[Block], chapter: str | None) -> list[Block]:
    """The blocks of the report chapter an entry is read from: for a safe-haven entry of a page
    holding more than the "Terrorist Safe Havens" chapter (a whole-year volume), that chapter
    alone, so that its country is not taken from the country reports before it."""
    if chapter != SAFE_HAVEN:
        return blocks
    start = next(
        (
            i
            for i, block in enumerate(blocks)
            if len(block.text) <= _MAX_HEADING_LEN and _SAFE_HAVENS.match(block.text.strip())
        ),
        None,
    )
    if start is None:  # the safe-havens page itself: its title is not a block
        return blocks
    end = next((i for i in range(start + 1, len(blocks)) if _ends_chapter(blocks[i])), len(blocks))
    return blocks[start + 1 : end]


def select_country(
    blocks: list[Block],
    table: CountryTable,
    wanted: Country | None,
    source: str,
    chapter: str | None = None,
) -> tuple[list[Block], Country | None]:
    """The blocks of one country's chapter (or safe-haven entry, by `chapter`) when the page
    holds several; else all blocks.

    A page is multi-country when at least two different countries head blocks of their own.
    """
    blocks = report_chapter(blocks, chapter)
    headings = country_headings(blocks, table)
    if len({h.country.name for h in headings}) < 2:
        if len(headings) == 1 and headings[0].index == 0:
            # A lone country-name line opening the text is the chapter's own title.
            return blocks[1:], headings[0].country
        return blocks, None
    names = sorted({h.country.name for h in headings})
    if wanted is None:
        raise MetadataError(
            source,
            f"page holds chapters for {len(names)} countries ({', '.join(names[:6])}"
            f"{', ...' if len(names) > 6 else ''}); say which one with --country",
        )
    for position, heading in enumerate(headings):
        if heading.country.name == wanted.name:
            end = headings[position + 1].index if position + 1 < len(headings) else len(blocks)
            end = next((i for i in range(heading.index + 1, end) if _ends_chapter(blocks[i])), end)
            return blocks[heading.index + 1 : end], wanted
    what = "safe-haven entries" if chapter == SAFE_HAVEN else "chapters"
    raise MetadataError(
        source, f"page holds {what} for {', '.join(names)} but not for {wanted.name}"
    )
