"""Generated pages are written only when their text changed."""

import os
from pathlib import Path

from crtdiff.reports.writing import write_if_changed


def test_a_page_is_written_only_when_its_bytes_differ(tmp_path: Path) -> None:
    page = tmp_path / "deep" / "page.html"
    assert write_if_changed(page, "Ségou <b>1</b>")
    os.utime(page, (1, 1))
    assert not write_if_changed(page, "Ségou <b>1</b>")
    assert page.stat().st_mtime == 1  # an unchanged page keeps its time stamp
    assert write_if_changed(page, "Ségou <b>2</b>")  # same size, other bytes
    assert page.read_text(encoding="utf-8") == "Ségou <b>2</b>"
    assert write_if_changed(page, "Ségou")  # another size
    page.write_bytes(b"S\xe9gou")  # not UTF-8: rewritten, never an error
    assert write_if_changed(page, "Ségou")
    assert page.read_text(encoding="utf-8") == "Ségou"
