"""The series a page is read as: the one asked for, or the one the page names."""

from crtdiff.errors import NoChapterError
from crtdiff.ingest.blocks import Block
from crtdiff.series.detect import detect_series
from crtdiff.series.registry import Series, load_series, series_named

_TITLE_LINE_MAX = 150
_LEADING_BLOCKS = 8


def choose_series(
    asked: str | None, titles: list[str], blocks: list[Block], uri: str, source: str
) -> Series:
    """The series asked for (None: the one the page's titles, leading lines or URL name, else
    CRT); a page that names another series than the one asked for is refused."""
    lines = [b.text for b in blocks[:_LEADING_BLOCKS] if len(b.text) <= _TITLE_LINE_MAX]
    known = load_series()
    detected = detect_series([*titles, *lines], uri, {n: s.definition for n, s in known.items()})
    if asked is None:
        return known[detected.name] if detected is not None else series_named(None)
    series = series_named(asked)
    if not series.is_default and detected is not None and detected.name != series.name:
        raise NoChapterError(
            source,
            f"page is from another report series ({detected.title}), not "
            f"{series.definition.short_name}",
        )
    return series
