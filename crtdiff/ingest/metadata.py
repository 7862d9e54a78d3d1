"""Country, year and chapter of a page, from its title, its URL or path, and its headings."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlparse

from crtdiff.reference.countries import Country, CountryTable

_YEAR = r"((?:19|20)\d\d)"
_SEP = r"\s*[:\-–—|]\s*"
_TITLE_PATTERNS = (
    # "Country Reports on Terrorism 2016: Mali",
    # "Country Report on Terrorism 2018 - Chapter 1 - Mali"
    re.compile(
        rf"Country Reports? on Terrorism,?\s+{_YEAR}{_SEP}(?:Chapter\s+\d+\.?{_SEP})?"
        rf"(?:Country Reports{_SEP})?(?P<country>[^|\n]+?)\s*$",
        re.IGNORECASE,
    ),
    # "2019 Country Reports on Terrorism: Mali"
    re.compile(rf"{_YEAR}\s+Country Reports? on Terrorism{_SEP}(?P<country>[^|\n]+?)\s*$", re.I),
    # "Mali - Country Reports on Terrorism 2019"
    re.compile(rf"^(?P<country>[^|\n]+?){_SEP}Country Reports? on Terrorism,?\s+{_YEAR}", re.I),
)
_SERIES_TITLE = re.compile(r"Country Reports? on Terrorism[,\s]+" + _YEAR, re.IGNORECASE)
_OTHER_SERIES = re.compile(
    r"Country Reports? on Human Rights Practices|Human Rights Report|International Religious "
    r"Freedom Report|Trafficking in Persons Report|International Narcotics Control Strategy "
    r"Report|Investment Climate Statement|Patterns of Global Terrorism",
    re.IGNORECASE,
)
_URL_CRT_SLUG = re.compile(r"country-reports-on-terrorism-" + _YEAR + r"/([a-z0-9-]+)")
_URL_CRT_YEAR = re.compile(r"/(?:j|s)/ct/rls/crt/" + _YEAR + r"/")
_PATH_YEAR = re.compile(r"(?<![0-9])" + _YEAR + r"(?![0-9])")
_INCIDENTS_HEADING = re.compile(r"^" + _YEAR + r" Terrorist Incidents\b", re.IGNORECASE | re.M)
_SAFE_HAVEN = re.compile(r"Terrorist Safe Havens?", re.IGNORECASE)
_SUFFIX = re.compile(
    r"\s*[-–|]\s*(?:United States Department of State|U\.S\. Department of State)$"
)
# Hosts whose URLs carry the publication year rather than the report year.
_PUBLICATION_YEAR_HOSTS = ("refworld.org",)


@dataclass
class Clues:
    """What the page says about itself, each with where it was found."""

    countries: list[tuple[Country, str]] = field(default_factory=list)
    years: list[tuple[int, str]] = field(default_factory=list)
    chapter: str = "country"
    title: str | None = None
    other_series: str | None = None


def _title_clues(titles: Iterable[str], table: CountryTable, clues: Clues) -> None:
    for raw in titles:
        text = _SUFFIX.sub("", raw.strip())
        series = _OTHER_SERIES.search(text)
        if series and not _SERIES_TITLE.search(text):
            clues.other_series = clues.other_series or series.group(0)
            continue
        if _SAFE_HAVEN.search(text):
            clues.chapter = "safe-haven"
        for pattern in _TITLE_PATTERNS:
            match = pattern.search(text)
            if match is None:
                continue
            year = int(next(g for g in match.groups() if g and g.isdigit()))
            country = table.resolve(match.group("country"))
            clues.years.append((year, f"title {text!r}"))
            if country is not None:
                clues.countries.append((country, f"title {text!r}"))
                clues.title = clues.title or match.group(0).strip()
            break
        else:
            # A bare country name as title: state.gov's "<title>Mali - U.S. Department of State".
            country = table.resolve(text) if len(text) < 60 else None
            if country is not None:
                clues.countries.append((country, f"title {text!r}"))
            # The report's own title alone: a volume's title or running header.
            series_year = _SERIES_TITLE.fullmatch(text)
            if series_year:
                clues.years.append((int(series_year.group(1)), f"title {text!r}"))


def _path_country(segment: str, table: CountryTable) -> Country | None:
    stem = PurePosixPath(segment).stem if "." in segment else segment
    stem = re.sub(r"country-reports?-on-terrorism|^crt(?=[-_])|" + _YEAR, " ", stem.lower())
    return table.resolve(re.sub(r"[-_]+", " ", stem).strip())


def _uri_clues(uri: str, table: CountryTable, clues: Clues) -> None:
    parsed = urlparse(uri)
    path = parsed.path if parsed.scheme in ("http", "https", "file") else uri
    slug = _URL_CRT_SLUG.search(path)
    if slug:
        clues.years.append((int(slug.group(1)), f"URL {uri}"))
        country = table.by_slug(slug.group(2))
        if country is not None:
            clues.countries.append((country, f"URL {uri}"))
        return
    crt_year = _URL_CRT_YEAR.search(path)
    if crt_year:
        clues.years.append((int(crt_year.group(1)), f"URL {uri}"))
        return
    if parsed.scheme in ("http", "https"):
        host = (parsed.hostname or "").lower()
        if any(host.endswith(h) for h in _PUBLICATION_YEAR_HOSTS):
            return
    segments = [s for s in PurePosixPath(path.replace("\\", "/")).parts[-3:] if s not in ("/", "")]
    for segment in reversed(segments):
        country = _path_country(segment, table)
        if country is not None:
            clues.countries.append((country, f"path {uri}"))
            break
    for segment in reversed(segments):
        year = _PATH_YEAR.search(segment)
        if year:
            clues.years.append((int(year.group(1)), f"path {uri}"))
            break


def gather_clues(titles: Iterable[str], uri: str, body_text: str, table: CountryTable) -> Clues:
    """Collect country and year clues in order of trust: titles, the URI, then headings."""
    clues = Clues()
    _title_clues(titles, table, clues)
    _uri_clues(uri, table, clues)
    heading_year = _INCIDENTS_HEADING.search(body_text)
    if heading_year:
        clues.years.append((int(heading_year.group(1)), f"heading {heading_year.group(0)!r}"))
    return clues
