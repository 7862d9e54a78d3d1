"""Whole-year PDF volumes: read once per process, however many chapters are cut from them."""

import hashlib
from collections import OrderedDict
from dataclasses import replace

from crtdiff.ingest.pdf_layout import PdfLayout, pdf_blocks
from crtdiff.ingest.pdf_lines import read_pdf_lines
from crtdiff.text.normalize import normalize_text

_CACHE: OrderedDict[str, PdfLayout] = OrderedDict()
_CACHE_SIZE = 2
"""Volumes kept in memory: a year's catalogue entries name one volume, all in a row."""


def read_pdf_volume(data: bytes, source: str) -> PdfLayout:
    """The blocks of a PDF (a volume or one chapter), text normalised like any other input.

    A 445-page volume takes a few seconds to read; every country entry of that year points at
    the same bytes, so the layout is cached by content.
    """
    key = hashlib.sha256(data).hexdigest()
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    layout = pdf_blocks(read_pdf_lines(data, source))
    blocks = [replace(block, text=normalize_text(block.text)) for block in layout.blocks]
    result = PdfLayout(blocks, [normalize_text(h) for h in layout.running_headers], layout.title)
    _CACHE[key] = result
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result
