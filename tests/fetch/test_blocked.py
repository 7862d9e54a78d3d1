"""Block pages are told apart from chapters that merely mention access being denied."""

from pathlib import Path

import pytest

from crtdiff.fetch.blocked import block_page
from tests.conftest import FIXTURES, SEED
from tests.fakeserver import BLOCK_PAGE

pytestmark = pytest.mark.integration  # subprocesses and local servers: not `make unit`


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (BLOCK_PAGE, "Access Denied"),
        (
            b"<html><head><title>Just a moment...</title></head><body></body></html>",
            "Just a moment...",
        ),
        (b"Request Rejected. The requested URL was rejected.", "Request Rejected"),
        (b"<p>Humanitarian access denied in the north.</p>" * 200, None),
        (b"<p>Overview: Mali.</p>", None),
    ],
)
def test_block_pages(page: bytes, expected: str | None) -> None:
    assert block_page(page) == expected


def test_no_real_chapter_is_a_block_page() -> None:
    pages = [
        SEED,
        *sorted((FIXTURES / "pages").glob("*")),
        *sorted((FIXTURES / "chapters").glob("*")),
    ]
    assert [p.name for p in pages if block_page(Path(p).read_bytes())] == []


def test_no_real_state_gov_page_is_a_block_page(shared_dir: Path) -> None:
    pages = [p for p in (shared_dir / "pages").rglob("*") if p.is_file()]
    assert pages
    assert [p.name for p in pages if block_page(p.read_bytes())] == []
