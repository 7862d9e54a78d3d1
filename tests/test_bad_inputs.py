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
from crtdiff.schemas import CountryReport
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


def acronym_flood(count: int) -> bytes:
    """A chapter followed by `count` groups, each defined with its own acronym."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    names = ((a, b, c, d) for a in letters for b in letters for c in letters for d in letters)
    sentences = [
        f"fighters of the {' '.join(x + 'xan' for x in n)} Brigade ({''.join(n)}B) attacked."
        for _, n in zip(range(count), names, strict=False)
    ]
    return (CHAPTER + "\n\n" + " ".join(sentences)).encode()


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
    # lexbor's tree builder is quadratic in the depth: 200,000 levels took minutes.
    (
        "nested-200000-divs",
        nested(200_000),
        "mali-2016.html",
        {},
        ("rejected", "nests elements over 10,000 levels deep"),
    ),
    # Name matching grows with the square of the groups a text defines: 50,000 took minutes.
    (
        "acronyms-50000",
        acronym_flood(50_000),
        "mali-2016.txt",
        {},
        ("rejected", "defines over 2,000 acronyms in parentheses"),
    ),
    # Comparing two years grows with the product of their incidents (and of their sentences).
    (
        "incidents-1500",
        CHAPTER.replace(
            "Terrorist incidents included:",
            "Terrorist incidents included:\n"
            + "\n".join(
                f"  • On January {1 + i % 28}, gunmen attacked a checkpoint in Gao, killing two."
                for i in range(1500)
            ),
            1,
        ).encode(),
        "mali-2016.txt",
        {},
        ("rejected", "text holds 1,5"),
    ),
    (
        "sentences-6000",
        (CHAPTER + "\n\n" + " ".join(f"Officials met {i} times." for i in range(6000))).encode(),
        "mali-2016.txt",
        {},
        ("rejected", "text holds 6,0"),
    ),
    (
        "toll-beyond-int64",
        CHAPTER.replace("On April 12, three", "On April 12, 99999999999999999999").encode(),
        "mali-2016.txt",
        {},
        ("ok", "implausible_toll"),
    ),
    (
        "toll-7.9-billion",
        CHAPTER.replace("On April 12, three", "On April 12, 7,900,000,000").encode(),
        "mali-2016.txt",
        {},
        ("ok", "implausible_toll"),
    ),
    (
        "february-29-non-leap",
        CHAPTER.replace("On April 12,", "On February 29,").encode(),
        "mali-2017.txt",
        {"year": 2017},
        ("ok", "impossible_date"),
    ),
    (
        "year-3000",
        SEED.read_bytes(),
        "mali.txt",
        {"year": 3000},
        ("rejected", "year 3000 is outside the years of the reports (1990–2100)"),
    ),
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

    from crtdiff.series.chapter import OnMismatch, RawSource, Request, parse_chapter

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
    assert (report.country, report.year) in {("Mali", 2016), ("Mali", 2017), ("Kenya", 2005)}
    if detail:
        assert detail in [w.code for w in report.warnings]
    for incident in report.incidents:  # nothing a 64-bit table column cannot hold
        for toll in (incident.killed_min, incident.wounded_min, incident.kidnapped_min):
            assert toll is None or toll <= 100_000


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


def drop(folder: Path, *names: str, target: Path | None = None) -> str:
    """Files dropped into raw/mali/ (a symlink to `target` when given); an empty catalogue."""
    (folder / "raw" / "mali").mkdir(parents=True, exist_ok=True)
    for name in names:
        path = folder / "raw" / "mali" / name
        if target is not None:
            path.symlink_to(target)
        else:
            path.write_bytes(SEED.read_bytes())
    return "# only raw/ drops\n"


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
    (
        "chapter-named-like-a-year",
        lambda d: ENTRY.format(c="Mali", y=2016, s="raw/a.txt") + 'chapter = "2017"\n',
        "starting with a letter",
    ),
    # Each of these raw/ drops used to stop the whole run with a traceback, or vanish.
    ("raw-year-1989", lambda d: drop(d, "1989.txt"), "year 1989 is outside the years"),
    (
        "raw-two-formats",
        lambda d: drop(d, "2014.txt", "2014.html"),
        "Mali 2014 is read from raw/mali/2014.html; remove one of the two",
    ),
    (
        "raw-symlink-outside",
        lambda d: drop(d, "2015.txt", target=Path("/etc/hostname")),
        "escapes the data folder",
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


def test_local_files_are_checked_before_they_are_read(tmp_path: Path) -> None:
    """A FIFO would block the run, /dev/zero or a sparse 8 GB file would fill the memory."""
    import os
    import threading
    import tracemalloc

    from crtdiff.catalog.sources import read_local
    from crtdiff.errors import InputError

    fifo = tmp_path / "2016.txt"
    os.mkfifo(fifo)

    def unblock() -> None:  # should the reader block on the FIFO, let it go after a while
        with open(fifo, "wb"):  # noqa: PTH123
            pass

    rescue = threading.Timer(5, unblock)
    rescue.start()
    try:
        with pytest.raises(InputError, match="is not a regular file \\(a named pipe\\)"):
            read_local(fifo)
    finally:
        rescue.cancel()
    with pytest.raises(InputError, match="is not a regular file \\(a device\\)"):
        read_local(Path("/dev/zero"))
    sparse = tmp_path / "2017.txt"
    with sparse.open("wb") as handle:
        handle.truncate(200 * 2**20)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="file is 210 MB, over the 25 MB limit"):
            read_local(sparse)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2**20, f"{peak / 2**20:.0f} MB read to refuse a file by its size"
