"""`crtdiff add` and `crtdiff discover`: snapshots kept, catalogue edited with its comments."""

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crtdiff.catalog.add import add_file
from crtdiff.catalog.discover import Found, discover, expected_urls
from crtdiff.catalog.load import load_catalog
from crtdiff.errors import MetadataError, NoChapterError
from crtdiff.pipeline.locate import fetch_direct
from crtdiff.reference.bundle import Reference, load_reference
from tests.conftest import FIXTURES, SEED
from tests.fakeserver import Site, serve
from tests.prefect_server import free_port

pytestmark = pytest.mark.integration  # subprocesses and local servers: not `make unit`

CATALOG = """# My catalogue: keep this comment
[[report]]
country = "Mali"
year = 2016
source = "raw/mali/2016.txt"  # the seed
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    (tmp_path / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "raw" / "mali" / "2016.txt")
    path = tmp_path / "sources.toml"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def test_add_file_keeps_a_snapshot_and_the_comments(catalog: Path, reference: Reference) -> None:
    added = add_file(catalog, "Niger", 2012, FIXTURES / "chapters" / "niger-2012.txt", reference)
    assert added.change == "added"
    text = catalog.read_text(encoding="utf-8")
    assert text.startswith("# My catalogue: keep this comment") and "# the seed" in text
    loaded = load_catalog(catalog, reference.countries)
    entry = loaded.find("Niger", 2012)
    assert entry is not None and entry.source.startswith("snapshots/")
    stored = loaded.local_path(entry.source)
    assert stored.read_bytes() == (FIXTURES / "chapters" / "niger-2012.txt").read_bytes()
    assert added.sha256 in stored.name
    again = add_file(catalog, "Niger", 2012, FIXTURES / "chapters" / "niger-2012.txt", reference)
    assert again.change == "unchanged"


def test_add_refuses_what_is_not_that_chapter(
    catalog: Path, reference: Reference, tmp_path: Path
) -> None:
    with pytest.raises(MetadataError, match="says 2016, but 2015 was asked for"):
        add_file(catalog, "Mali", 2015, SEED, reference)
    empty = tmp_path / "x.txt"
    empty.write_text("Welcome to our website. " * 20)
    with pytest.raises(NoChapterError):
        add_file(catalog, "Mali", 2017, empty, reference)
    assert catalog.read_text(encoding="utf-8") == CATALOG


def test_add_refuses_a_chapter_about_another_country(
    catalog: Path, reference: Reference, tmp_path: Path
) -> None:
    # A Mali chapter without its title line, added as Niger: every incident would have become
    # "in Niger". Its text names Mali, its towns and its government: refused.
    untitled = tmp_path / "chapter-2016.txt"
    untitled.write_text(
        SEED.read_text(encoding="utf-8").split("Country Reports on Terrorism 2016\n")[1],
        encoding="utf-8",
    )
    with pytest.raises(MetadataError, match=r"the text \(names Mali, .*but Niger was asked for"):
        add_file(catalog, "Niger", 2016, untitled, reference)
    assert catalog.read_text(encoding="utf-8") == CATALOG
    assert add_file(catalog, "Mali", 2016, untitled, reference).entry.country == "Mali"


@pytest.fixture
def state_gov() -> Iterator[Site]:
    page = SEED.read_text(encoding="utf-8").replace("2016", "2019").encode()
    with serve(Site(pages={"/reports/country-reports-on-terrorism-2019/mali/": page})) as site:
        yield site


def test_discover_adds_what_answers(catalog: Path, reference: Reference, state_gov: Site) -> None:
    probes = discover(catalog, 2019, ["Mali", "Niger"], reference, fetch_direct, state_gov.base_url)
    outcome = {p.country: p.outcome for p in probes}
    assert outcome == {"Mali": Found.ADDED, "Niger": Found.ABSENT}
    entry = load_catalog(catalog, reference.countries).find("Mali", 2019)
    assert entry is not None and entry.source.endswith("/country-reports-on-terrorism-2019/mali/")
    assert (catalog.parent / "snapshots" / "index.json").is_file()
    old = discover(catalog, 2015, ["Mali"], reference, fetch_direct, state_gov.base_url)
    assert old[0].outcome is Found.NOT_GUESSABLE


def test_expected_urls_follow_the_era(reference: Reference) -> None:
    ivory = reference.countries.resolve("Ivory Coast")
    assert ivory is not None
    assert expected_urls(2020, ivory) == [
        "https://www.state.gov/reports/country-reports-on-terrorism-2020/cote-divoire/"
    ]
    assert expected_urls(2012, ivory) == []


def test_add_command_line(catalog: Path) -> None:
    command = [
        sys.executable,
        "-c",
        "from crtdiff.cli import main; main()",
        "add",
        "Niger",
        "2012",
        "--file",
        str(FIXTURES / "chapters" / "niger-2012.txt"),
        "--catalog",
        str(catalog),
        "--no-run",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Niger 2012: added in")
    both = subprocess.run(
        [*command[:6], "--catalog", str(catalog)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert both.returncode == 2 and "exactly one of --file or --url" in both.stderr


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from crtdiff.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


def test_add_appends_a_separate_table_and_can_mark_it_illustrative(catalog: Path) -> None:
    chapter = FIXTURES / "chapters" / "niger-2012.txt"
    result = cli("add", "Niger", "2012", "--file", str(chapter), "--illustrative",
                 "--catalog", str(catalog), "--no-run")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "illustrative" in result.stdout
    text = catalog.read_text(encoding="utf-8")
    assert text.startswith(CATALOG)
    added = text[len(CATALOG) :]
    assert added.startswith('\n[[report]]\ncountry = "Niger"\nyear = 2012\n')
    assert "illustrative = true" in added
    entry = load_catalog(catalog, load_reference().countries).find("Niger", 2012)
    assert entry is not None and entry.illustrative


def test_add_an_unknown_country_suggests_names(catalog: Path) -> None:
    result = cli("add", "Nigr", "2012", "--file", str(SEED), "--catalog", str(catalog), "--no-run")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "crtdiff: error: COUNTRY: unknown country 'Nigr' (not in data/reference/countries.csv); "
        "did you mean Niger?"
    ]


def test_discover_reports_real_failures(catalog: Path, state_gov: Site) -> None:
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there: as offline
    offline = cli("discover", "--year", "2019", "--country", "Mali", "--base-url", closed,
                  "--catalog", str(catalog), "--no-run")  # fmt: skip
    assert offline.returncode == 1
    assert offline.stderr.startswith("Mali 2019: unreachable: cannot connect")
    assert "absent" not in offline.stderr + offline.stdout

    found = cli("discover", "--year", "2019", "--country", "Mali", "--country", "Niger",
                "--country", "Atlantis", "--base-url", state_gov.base_url,
                "--catalog", str(catalog), "--no-run")  # fmt: skip
    assert found.returncode == 1  # Atlantis was rejected
    assert "Mali 2019: added: " in found.stdout
    assert "Niger 2019: not published yet: HTTP 404 at " in found.stdout
    assert "Atlantis 2019: rejected: unknown country 'Atlantis'" in found.stderr

    old = cli("discover", "--year", "2015", "--country", "Mali", "--base-url", state_gov.base_url,
              "--catalog", str(catalog), "--no-run")  # fmt: skip
    assert old.returncode == 0
    assert old.stdout.startswith("Mali 2015: cannot be guessed: chapters before 2017 sit in")
    assert "--all-countries" in old.stdout
    assert "no_pattern" not in old.stdout


@pytest.mark.parametrize(
    "written", ['country = "Republic of Mali"\nyear = 2016', 'country = "Mali"\nyear = "2016"']
)
def test_add_finds_the_entry_however_it_is_written(
    written: str, tmp_path: Path, reference: Reference
) -> None:
    (tmp_path / "raw" / "mali").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "raw" / "mali" / "2016.txt")
    catalog = tmp_path / "sources.toml"
    catalog.write_text(f'[[report]]\n{written}\nsource = "raw/mali/2016.txt"\n', encoding="utf-8")
    added = add_file(catalog, "Mali", 2016, SEED, reference)
    assert added.change == "updated"
    loaded = load_catalog(catalog, reference.countries)
    assert loaded.rejected == [] and len(loaded.entries) == 1


def test_add_refuses_a_year_out_of_range_in_one_line(catalog: Path, reference: Reference) -> None:
    with pytest.raises(MetadataError, match="year 1985 is outside the years of the reports"):
        add_file(catalog, "Mali", 1985, SEED, reference)
    result = subprocess.run(
        [sys.executable, "-c", "from crtdiff.cli import main; main()", "add", "Mali", "1985",
         "--file", str(SEED), "--catalog", str(catalog), "--no-run"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "crtdiff: error: Mali 1985: year 1985 is outside the years of the reports (1990–2100)"
    ]


def test_add_keeps_the_catalogue_mode(catalog: Path, reference: Reference) -> None:
    catalog.chmod(0o644)
    add_file(catalog, "Niger", 2012, FIXTURES / "chapters" / "niger-2012.txt", reference)
    assert catalog.stat().st_mode & 0o777 == 0o644  # mkstemp's 0600 would lock others out


def test_parallel_adds_never_lose_an_entry(catalog: Path) -> None:
    """Six `crtdiff add` at once: each reads, changes and writes the catalogue and the
    snapshot index; without a lock, the last writer wins and entries vanish."""
    countries = ["Niger", "Chad", "Nigeria", "Kenya", "Somalia", "Mauritania"]
    chapter = FIXTURES / "chapters" / "niger-2012.txt"
    files = []
    for name in countries:
        text = chapter.read_text(encoding="utf-8").replace("Niger", name)
        path = catalog.parent / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    commands = [
        [sys.executable, "-c", "from crtdiff.cli import main; main()", "add", name, "2012",
         "--file", str(path), "--catalog", str(catalog), "--no-run"]
        for name, path in zip(countries, files, strict=True)
    ]  # fmt: skip
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 6, outputs
    loaded = load_catalog(catalog, loaded_reference().countries)
    assert sorted(e.country for e in loaded.entries if e.year == 2012) == sorted(countries)
    index = json.loads((catalog.parent / "snapshots" / "index.json").read_text())
    assert len([url for url in index if url.startswith("file:")]) == 6


def loaded_reference() -> Reference:
    from crtdiff.reference.bundle import load_reference

    return load_reference()


NIGER_PAGE = (FIXTURES / "pages" / "state-gov-2019-niger.html").read_text(encoding="utf-8")
CANONICAL = "https://2017-2021.state.gov/reports/country-reports-on-terrorism-2019/niger/"
DATED = NIGER_PAGE.replace(
    "</head>",
    '<meta property="article:published_time" content="2020-06-24T14:05:00+00:00" />\n</head>',
)


def test_discover_records_the_url_and_date_the_page_states(
    catalog: Path, reference: Reference
) -> None:
    pages = {"/reports/country-reports-on-terrorism-2019/niger/": DATED.encode()}
    with serve(Site(pages=pages)) as site:
        probes = discover(catalog, 2019, ["Niger"], reference, fetch_direct, site.base_url)
    assert probes[0].outcome is Found.ADDED
    entry = load_catalog(catalog, reference.countries).find("Niger", 2019)
    assert entry is not None
    assert (entry.url, entry.published) == (CANONICAL, "2020-06-24")
    text = catalog.read_text(encoding="utf-8")
    assert f'url = "{CANONICAL}"' in text and 'published = "2020-06-24"' in text


def test_add_file_records_provenance_and_keeps_what_a_new_copy_does_not_state(
    catalog: Path, reference: Reference, tmp_path: Path
) -> None:
    saved = tmp_path / "niger-2019.html"
    saved.write_text(DATED, encoding="utf-8")
    assert add_file(catalog, "Niger", 2019, saved, reference).change == "added"
    entry = load_catalog(catalog, reference.countries).find("Niger", 2019)
    assert entry is not None and (entry.url, entry.published) == (CANONICAL, "2020-06-24")
    undated = tmp_path / "niger-2019-again.html"
    undated.write_text(NIGER_PAGE.replace("Niger.", "Niger. ") + "\n", encoding="utf-8")
    assert add_file(catalog, "Niger", 2019, undated, reference).change == "updated"
    entry = load_catalog(catalog, reference.countries).find("Niger", 2019)
    assert entry is not None and (entry.url, entry.published) == (CANONICAL, "2020-06-24")
    plain = add_file(catalog, "Niger", 2012, FIXTURES / "chapters" / "niger-2012.txt", reference)
    assert (plain.entry.url, plain.entry.published) == (None, None)
