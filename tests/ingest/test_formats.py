import pytest

from crtdiff.errors import InputError
from crtdiff.ingest.formats import detect_format
from crtdiff.limits import MAX_BYTES
from crtdiff.schemas import SourceFormat


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"Overview: Mali remained a partner.", SourceFormat.TEXT),
        (b"<!DOCTYPE html><html><body><p>Overview</p></body></html>", SourceFormat.HTML),
        (b"<p><strong>Overview:</strong> text</p>", SourceFormat.HTML),
        ("Overview: Côte d’Ivoire".encode("utf-16"), SourceFormat.TEXT),
    ],
)
def test_detects_text_and_html(data: bytes, fmt: SourceFormat) -> None:
    assert detect_format(data, "x") is fmt


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\t\n ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\x00\x01\x02\x03binary\x00\x00", "binary"),
    ],
)
def test_rejects_unusable_input_with_reason(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        detect_format(data, "data/raw/x/2016.txt")
    assert str(info.value).startswith("data/raw/x/2016.txt: ")


def test_pdf_is_recognised() -> None:
    assert detect_format(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "report.pdf") is SourceFormat.PDF


def test_oversized_input_is_rejected() -> None:
    with pytest.raises(InputError, match="over the 25 MB limit"):
        detect_format(b"a" * (MAX_BYTES + 1), "huge.html")
