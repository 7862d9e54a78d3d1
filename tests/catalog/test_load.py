from pathlib import Path

import pytest

from crtdiff.catalog.load import load_catalog
from crtdiff.errors import ConfigError
from crtdiff.paths import DEFAULT_CATALOG
from crtdiff.reference.bundle import Reference


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_catalogue_is_valid(reference: Reference) -> None:
    catalog = load_catalog(DEFAULT_CATALOG, reference.countries)
    assert catalog.rejected == []
    seed = catalog.find("Mali", 2016)
    assert seed is not None and seed.source == "raw/mali/2016.txt"
    assert catalog.local_path(seed.source).is_file()
    for entry in catalog.entries:
        if entry.fallback:
            assert catalog.local_path(entry.fallback).is_file()


def test_good_entry_and_country_aliases(tmp_path: Path, reference: Reference) -> None:
    path = write(
        tmp_path,
        '[[report]]\ncountry = "Ivory Coast"\nyear = 2019\n'
        'source = "https://www.state.gov/reports/country-reports-on-terrorism-2019/cote-divoire/"\n',
    )
    catalog = load_catalog(path, reference.countries)
    assert [(e.country, e.year, e.is_url) for e in catalog.entries] == [
        ("Cote d'Ivoire", 2019, True)
    ]


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ('country = "Mali"\nsource = "raw/m.txt"', "year: Field required"),
        ('country = "Mali"\nyear = 20016\nsource = "raw/m.txt"', "less than or equal to 2100"),
        ('country = "Mali"\nyear = 2016\nsource = "../../etc/passwd"', "escapes the data folder"),
        ('country = "Mali"\nyear = 2016\nsource = "/etc/passwd"', "must be relative"),
        ('country = "Mali"\nyear = 2016\nsource = "file:///etc/passwd"', "not file://"),
        ('country = "Mali"\nyear = 2016\nsource = "ftp://example.org/m.txt"', "not ftp://"),
        ('country = "Wakanda"\nyear = 2016\nsource = "raw/m.txt"', "unknown country 'Wakanda'"),
        ('country = "Mali"\nyear = 2016\nsource = "raw/m.txt"\ncolour = "red"', "Extra inputs"),
        ('country = "Mlai"\nyear = 2016\nsource = "raw/m.txt"', "did you mean Mali"),
    ],
)
def test_bad_entries_are_rejected_alone(
    entry: str, reason: str, tmp_path: Path, reference: Reference
) -> None:
    good = '[[report]]\ncountry = "Niger"\nyear = 2016\nsource = "raw/niger.txt"\n'
    catalog = load_catalog(write(tmp_path, f"{good}\n[[report]]\n{entry}\n"), reference.countries)
    assert [e.country for e in catalog.entries] == ["Niger"]
    assert len(catalog.rejected) == 1
    assert reason in catalog.rejected[0].reason
    assert catalog.rejected[0].label.startswith("sources.toml [[report]] #2")


def test_duplicate_country_year_is_rejected(tmp_path: Path, reference: Reference) -> None:
    entry = '[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "raw/{}.txt"\n'
    catalog = load_catalog(
        write(tmp_path, entry.format("a") + entry.format("b")), reference.countries
    )
    assert [e.source for e in catalog.entries] == ["raw/a.txt"]
    assert "duplicates entry #1" in catalog.rejected[0].reason


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[report]\ncountry = 'Mali'", "not valid TOML"),
        ("report = 3\n", "array of tables"),
    ],
)
def test_unreadable_catalogue_is_a_config_error(
    text: str, problem: str, tmp_path: Path, reference: Reference
) -> None:
    with pytest.raises(ConfigError, match=problem):
        load_catalog(write(tmp_path, text), reference.countries)


def test_missing_catalogue_is_a_config_error(tmp_path: Path, reference: Reference) -> None:
    with pytest.raises(ConfigError, match="catalogue not found"):
        load_catalog(tmp_path / "nope.toml", reference.countries)


def test_files_dropped_into_raw_are_picked_up(tmp_path: Path, reference: Reference) -> None:
    (tmp_path / "raw" / "burkina-faso").mkdir(parents=True)
    (tmp_path / "raw" / "burkina-faso" / "2019.html").write_text("<p>x</p>")
    (tmp_path / "raw" / "mali").mkdir()
    (tmp_path / "raw" / "mali" / "2016.txt").write_text("x")
    (tmp_path / "raw" / "mali" / "notes.txt").write_text("x")
    path = write(
        tmp_path, '[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "raw/mali/2016.txt"\n'
    )
    catalog = load_catalog(path, reference.countries)
    assert [(e.country, e.year, e.source) for e in catalog.entries] == [
        ("Mali", 2016, "raw/mali/2016.txt"),
        ("Burkina Faso", 2019, "raw/burkina-faso/2019.html"),
    ]


@pytest.mark.parametrize("linked", ["raw", "raw/mali", "raw/mali/2016.txt"])
def test_a_drop_reached_through_a_link_leading_out_is_rejected(
    tmp_path: Path, reference: Reference, linked: str
) -> None:
    data, outside = tmp_path / "data", tmp_path / "outside"
    (outside / "raw" / "mali").mkdir(parents=True)
    (outside / "raw" / "mali" / "2016.txt").write_text("x")
    (data / "raw" / "mali").mkdir(parents=True)
    (data / "raw" / "chad").mkdir()
    (data / "raw" / "chad" / "2016.txt").write_text("x")
    link = data / linked
    if linked == "raw":  # the whole raw folder lives outside: every drop is refused
        (data / "raw").rename(data / "raw-kept")
    elif link.is_dir():
        link.rmdir()
    link.symlink_to(outside / linked)
    catalog = load_catalog(write(data, "# drops only\n"), reference.countries)
    refused = {r.label for r in catalog.rejected if "escapes the data folder" in r.reason}
    assert "raw/mali/2016.txt" in refused
    assert [e.source for e in catalog.entries] == ([] if linked == "raw" else ["raw/chad/2016.txt"])


def test_a_drop_reached_through_a_link_staying_inside_is_read(
    tmp_path: Path, reference: Reference
) -> None:
    (tmp_path / "archive" / "mali").mkdir(parents=True)
    (tmp_path / "archive" / "mali" / "2016.txt").write_text("x")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "mali").symlink_to(tmp_path / "archive" / "mali")
    catalog = load_catalog(write(tmp_path, "# drops only\n"), reference.countries)
    assert catalog.rejected == []
    assert [(e.country, e.year, e.source) for e in catalog.entries] == [
        ("Mali", 2016, "raw/mali/2016.txt")
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('url = "ftp://www.state.gov/x"', "url must be an http(s) URL"),
        ('published = "July 2017"', "published"),
        ('published = "2017-7-26"', "published"),
    ],
)
def test_bad_provenance_is_rejected_alone(
    tmp_path: Path, reference: Reference, line: str, problem: str
) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "x.txt").write_text("x")
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[report]]\ncountry = "Mali"\nyear = 2016\nsource = "raw/x.txt"\n{line}\n'
        '[[report]]\ncountry = "Mali"\nyear = 2017\nsource = "raw/x.txt"\n'
        'url = "https://www.state.gov/y/"\npublished = "2018-09"\n',
        encoding="utf-8",
    )
    catalog = load_catalog(path, reference.countries)
    assert [r.reason for r in catalog.rejected if problem in r.reason]
    good = catalog.find("Mali", 2017)
    assert good is not None and (good.url, good.published) == (
        "https://www.state.gov/y/",
        "2018-09",
    )
