"""The bad-input corpus: each kind of broken or unexpected input, and its expected outcome.

Either the chapter is ingested correctly (with a warning where something was repaired) or it
is rejected with one line naming the input and the reason: never a traceback, never a partial
record. Inputs are built here or read from tests/fixtures/bad/.
"""

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from crtdiff.catalog.load import load_catalog
from crtdiff.errors import ConfigError, CrtdiffError
from crtdiff.reference.bundle import Reference
from schemas import CountryReport
from tests.conftest import FIXTURES, SEED, ParseFn

BAD = FIXTURES / "bad"
SEED_TEXT = SEED.read_text(encoding="utf-8")
CHAPTER = SEED_TEXT.split("Français Français")[1].split("This translation is provided")[0]
# A chapter that names no country at all: nothing can say which one it is.
NAMELESS = (
    "Overview: The government remained a willing counterterrorism partner, and terrorist groups "
    "continued to attack security forces and civilians in the north of the country.\n\n"
    "2016 Terrorist Incidents: Terrorist groups attacked military posts and markets.\n\n"
    "Legislation, Law Enforcement, and Border Security: The courts convicted three men of "
    "terrorism offenses, and the police arrested several suspects during the year.\n"
)


def html(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>".encode()


def nested(depth: int) -> bytes:
    inner = "".join(f"<p>{p}</p>" for p in CHAPTER.split("\n\n") if p.strip())
    return html("<div>" * depth + inner + "</div>" * depth)


# (name, bytes, uri, overrides, expected): expected is ("ok", warning code or None) or
# ("rejected", fragment of the reason).
CASES: list[tuple[str, bytes, str, dict[str, object], tuple[str, str | None]]] = [
    ("empty", b"", "a.txt", {}, ("rejected", "file is empty")),
    ("whitespace", b" \n\t \n", "a.txt", {}, ("rejected", "only whitespace")),
    ("binary", b"\x00\x01\x02" * 100, "a.txt", {}, ("rejected", "binary")),
    (
        "png-named-html",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "page.html",
        {},
        ("rejected", "PNG image"),
    ),
    (
        "pdf",
        b"%PDF-1.6\n1 0 obj",
        "crt-2016.pdf",
        {},
        ("rejected", "PDF cannot be read"),
    ),
    ("docx", b"PK\x03\x04" + b"\x00" * 40, "mali.docx", {}, ("rejected", "ZIP archive")),
    ("gzip", gzip.compress(SEED.read_bytes()), "mali.txt.gz", {}, ("rejected", "gzip archive")),
    (
        "truncated-html",
        html(CHAPTER.replace("\n\n", "</p><p>"))[:-200],
        "mali-2016.html",
        {},
        ("ok", "repaired_input"),
    ),
    (
        "html-without-chapter",
        html("<nav>Home</nav><p>Page not found.</p>"),
        "x.html",
        {},
        ("rejected", "no chapter text found"),
    ),
    (
        "other-series",
        html(
            "<h1>2019 Country Reports on Human Rights Practices: Mali</h1><main><p>"
            + "The government respected the rights of citizens in most cases. " * 20
            + "</p></main>"
        ),
        "hrr.html",
        {},
        ("rejected", "another report series"),
    ),
    (
        "french",
        (
            "Aperçu : Le gouvernement du Mali est resté un partenaire de la lutte contre le terrorisme. "
            * 8
        ).encode(),
        "mali-2016.txt",
        {},
        ("rejected", "in French"),
    ),
    (
        "huge",
        b"<html><body>" + b"<p>x</p>" * (4 * 1024 * 1024),
        "huge.html",
        {},
        ("rejected", "over the 25 MB limit"),
    ),
    ("deeply-nested", nested(5000), "mali-2016.html", {}, ("ok", None)),
    (
        "cp1252",
        SEED_TEXT.encode("cp1252", errors="replace"),
        "mali-2016.txt",
        {},
        ("ok", "repaired_input"),
    ),
    (
        "mojibake",
        SEED_TEXT.encode().decode("cp1252", errors="ignore").encode(),
        "mali-2016.txt",
        {},
        ("ok", "repaired_input"),
    ),
    ("utf16", SEED_TEXT.encode("utf-16"), "mali-2016.txt", {}, ("ok", None)),
    (
        "no-year",
        CHAPTER.replace("2016 Terrorist", "Terrorist")
        .replace("Country Reports on Terrorism 2016", "")
        .encode(),
        "mali.txt",
        {},
        ("rejected", "cannot tell the report year"),
    ),
    (
        "year-disagrees",
        SEED.read_bytes(),
        "mali.txt",
        {"year": 2015, "strict": True},
        ("rejected", "says 2016, but 2015 was asked for"),
    ),
    (
        "unknown-country",
        SEED.read_bytes(),
        "x.txt",
        {"country": "Wakanda"},
        ("rejected", "unknown country 'Wakanda'"),
    ),
    ("no-country", NAMELESS.encode(), "chapter.txt", {}, ("rejected", "cannot tell which country")),
    # The seed's text without its title: the opening sentence and the text name Mali.
    ("no-title", CHAPTER.encode(), "chapter.txt", {}, ("ok", None)),
    (
        "incidents-without-bullets",
        CHAPTER.replace("  • ", "").encode(),
        "mali-2016.txt",
        {},
        ("ok", None),
    ),
    (
        "impossible-date",
        CHAPTER.replace("On April 12,", "On February 30,").encode(),
        "mali-2016.txt",
        {},
        ("ok", "impossible_date"),
    ),
    (
        "script-in-page",
        html("<script>alert(1)</script>" + "".join(f"<p>{p}</p>" for p in CHAPTER.split("\n\n"))),
        "mali-2016.html",
        {},
        ("ok", None),
    ),
    (
        "unknown-heading",
        (
            CHAPTER + "\n\nTerrorist Safe Haven Assessment: Northern Mali remained a safe haven.\n"
        ).encode(),
        "mali-2016.txt",
        {},
        ("ok", "unknown_heading"),
    ),
    (
        "headless",
        (FIXTURES / "chapters" / "kenya-2005.txt").read_bytes(),
        "kenya-2005.txt",
        {},
        ("ok", "headless_chapter"),
    ),
    ("carriage-returns", SEED_TEXT.replace("\n", "\r").encode(), "mali-2016.txt", {}, ("ok", None)),
    (
        "json-file",
        b'{"country": "Mali", "year": 2016, "text": "' + b"attack " * 60 + b'"}',
        "mali-2016.json",
        {},
        ("rejected", "does not read as English prose"),
    ),
    (
        "headings-only",
        b"Overview:\n\n2016 Terrorist Incidents:\n\nCountering Violent Extremism:\n",
        "mali-2016.txt",
        {},
        ("rejected", "no chapter text found"),
    ),
]
FILE_CASES = sorted(p.name for p in BAD.glob("*") if p.suffix != ".md")


@pytest.mark.parametrize(
    ("name", "data", "uri", "overrides", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input(
    name: str,
    data: bytes,
    uri: str,
    overrides: dict[str, object],
    expected: tuple[str, str | None],
    reference: Reference,
) -> None:
    from datetime import UTC, datetime

    from crtdiff.ingest.chapter import OnMismatch, RawSource, Request, parse_chapter

    strict = OnMismatch.REJECT if overrides.pop("strict", False) else OnMismatch.WARN
    request = Request(overrides.get("country"), overrides.get("year"), None, strict)  # type: ignore[arg-type]
    raw = RawSource(data, uri, datetime(2026, 1, 1, tzinfo=UTC))
    outcome, detail = expected
    if outcome == "rejected":
        with pytest.raises(CrtdiffError) as info:
            parse_chapter(raw, request, reference)
        message = str(info.value)
        assert message.startswith(f"{uri}: ") and detail is not None and detail in message
        assert "\n" not in message
        return
    report = parse_chapter(raw, request, reference)
    assert isinstance(report, CountryReport) and report.sections
    assert (report.country, report.year) in {("Mali", 2016), ("Kenya", 2005)}
    if detail:
        assert detail in [w.code for w in report.warnings]


@pytest.mark.parametrize("name", FILE_CASES)
def test_bad_input_files(name: str, parse: ParseFn) -> None:
    """Small files kept under tests/fixtures/bad/, each described in its README."""
    path = BAD / name
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith(f"- `{name}`"))
    if "→ rejected" in line:
        reason = line.split("→ rejected:")[1].strip()
        with pytest.raises(CrtdiffError, match=reason):
            parse(path)
    else:
        report = parse(path)
        assert report.sections


def catalog_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


ENTRY = '[[report]]\ncountry = "{c}"\nyear = {y}\nsource = "{s}"\n'
CATALOG_CASES: list[tuple[str, Callable[[Path], str], str]] = [
    ("syntax-error", lambda d: "[[report]\ncountry = ", "config: not valid TOML"),
    (
        "missing-field",
        lambda d: '[[report]]\ncountry = "Mali"\nyear = 2016\n',
        "source: Field required",
    ),
    (
        "year-20016",
        lambda d: ENTRY.format(c="Mali", y=20016, s="raw/a.txt"),
        "less than or equal to 2100",
    ),
    (
        "path-escape",
        lambda d: ENTRY.format(c="Mali", y=2016, s="../../etc/passwd"),
        "escapes the data folder",
    ),
    ("file-url", lambda d: ENTRY.format(c="Mali", y=2016, s="file:///etc/passwd"), "not file://"),
    (
        "ftp-url",
        lambda d: ENTRY.format(c="Mali", y=2016, s="ftp://example.org/mali.txt"),
        "not ftp://",
    ),
    (
        "unknown-country",
        lambda d: ENTRY.format(c="Atlantis", y=2016, s="raw/a.txt"),
        "unknown country 'Atlantis'",
    ),
    (
        "duplicate-country-year",
        lambda d: (
            ENTRY.format(c="Mali", y=2016, s="raw/a.txt")
            + ENTRY.format(c="Mali", y=2016, s="raw/b.txt")
        ),
        "duplicates entry #1",
    ),
]


@pytest.mark.parametrize(
    ("name", "build", "reason"), CATALOG_CASES, ids=[c[0] for c in CATALOG_CASES]
)
def test_bad_catalogue(
    name: str, build: Callable[[Path], str], reason: str, tmp_path: Path, reference: Reference
) -> None:
    path = catalog_with(tmp_path, build(tmp_path))
    if reason.startswith("config: "):
        with pytest.raises(ConfigError, match=reason.removeprefix("config: ")):
            load_catalog(path, reference.countries)
        return
    catalog = load_catalog(path, reference.countries)
    assert [r.reason for r in catalog.rejected if reason in r.reason], catalog.rejected
