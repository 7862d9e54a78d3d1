"""Country, year and chapter of a page: every clue it gives, each with where it was found.

Clues come from the page (titles, the URL or path, the metadata lines mirrors print, running
headers) and from the text (the incidents heading's year, the opening sentence's country).
A strong clue is one the page states about itself; a weak one is inferred (a file path, the
opening sentence). How they are weighed is identify.py's business: here they are only found.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlparse

from crtdiff.reference.countries import Country, CountryTable
from crtdiff.reference.editions import Editions

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
_RUNNING_HEADER = re.compile(r"Country Reports? on Terrorism\s+" + _YEAR, re.IGNORECASE)
_OTHER_SERIES = re.compile(
    r"Country Reports? on Human Rights Practices|Human Rights Report|International Religious "
    r"Freedom Report|Trafficking in Persons Report|International Narcotics Control Strategy "
    r"Report|Investment Climate Statement|Patterns of Global Terrorism",
    re.IGNORECASE,
)
# state.gov 2017+ ("country-reports-on-terrorism-2019/mali/") and the translation site
# ("country-reports-on-terrorism-2016-mali/").
_URL_CRT_SLUG = re.compile(r"country-reports?-on-terrorism-" + _YEAR + r"[/-]([a-z0-9-]+?)/?$")
_URL_CRT_YEAR = re.compile(r"/(?:j|s)/ct/rls/crt/" + _YEAR + r"/")
_REFWORLD_NEW = re.compile(r"^/(?:reference|policy|country|legal)/[a-z]+/[a-z]+/" + _YEAR + r"/")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_PATH_YEAR = re.compile(r"(?<![0-9])" + _YEAR + r"(?![0-9])")
_INCIDENTS_HEADING = re.compile(r"^" + _YEAR + r" Terrorist Incidents\b", re.IGNORECASE | re.M)
_SAFE_HAVEN = re.compile(r"Terrorist Safe Havens?", re.IGNORECASE)
_SITE_SUFFIX = re.compile(
    r"\s*[-–|]\s*(?:United States Department of State|U\.S\. Department of State|Refworld|"
    r"ecoi\.net)\s*$|\s*\((?:ecoi\.net|USDOS[^)]*)\)\s*$",
    re.IGNORECASE,
)
_SITE_PREFIX = re.compile(r"^\s*(?:Refworld|ecoi\.net)\s*[|:–-]\s*", re.IGNORECASE)
# Mirror metadata: "Countries: Mali", "Country: Mali"; "Publication Date: 30 May 2013",
# "Published: 24 June 2020".
_COUNTRY_LABEL = re.compile(r"^(?:Countr(?:y|ies))\s*:?\s+(?P<value>[^|]+?)\s*$", re.I)
_DATE_LABEL = re.compile(
    r"^(?:Publication Date|Published|Date of publication)\s*:?\s+(?P<v>.+)$", re.I
)
_URL_IN_TEXT = re.compile(r"https?://[^\s\]\[<>\"]+")
_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y-%m-%d", "%d.%m.%Y")
# "Overview: Kenya is ...", "The Government of Mali remained ...", "In 2019, Niger ...".
_OPENING = re.compile(
    r"^(?:Overview:\s*)?(?:(?:In|During) (?:19|20)\d\d,\s*)?(?:The\s+)?"
    r"(?:Government of (?:the\s+)?)?"
    r"(?P<name>[A-Z][\w'’.\-]*(?:\s+(?:and|of|the|d['’][A-Z][\w'’.\-]*|[A-Z][\w'’.\-]*))*?)"
    r"(?:['’]s)?(?:\s+government)?\s+(?:is|was|remained|continued|has|had|made|faced|"
    r"experienced|took|maintained|became|saw|suffered|strengthened|demonstrated|worked|"
    r"cooperated|participated|sustained|lacked|expanded|improved|showed|did|does|"
    r"increased|stepped|undertook|pursued|passed|adopted|hosted)\b"
)


@dataclass(frozen=True)
class CountryClue:
    """A country the page or its text names as its own, and where."""

    country: Country
    where: str
    strong: bool = True


@dataclass(frozen=True)
class YearClue:
    """The report years a clue allows (one, or two when a publication year fits both), and
    where it was found."""

    years: frozenset[int]
    where: str
    strong: bool = True


@dataclass
class Clues:
    """What the page says about itself."""

    countries: list[CountryClue] = field(default_factory=list)
    years: list[YearClue] = field(default_factory=list)
    chapter: str = "country"
    title: str | None = None
    other_series: str | None = None

    def year(self, value: int, where: str, *, strong: bool = True) -> None:
        """Record a clue for exactly one report year."""
        self.years.append(YearClue(frozenset([value]), where, strong))


@dataclass(frozen=True)
class PageText:
    """The parts of a page that can say which chapter it is."""

    titles: Sequence[str] = ()
    """<title>, <h1>, canonical URL, and the short lines above the chapter."""
    uri: str = ""
    canonical: str | None = None
    """The page's canonical URL (<link rel=canonical>, og:url), which may say more than `uri`."""
    metadata: Sequence[str] = ()
    """Mirror metadata lines ("Countries: Mali", "Publication Date: ..."), wherever they stood."""
    running: Sequence[str] = ()
    """Furniture lines dropped from inside the text (running headers of a PDF volume)."""


def _clean_title(raw: str) -> str:
    text = _SITE_PREFIX.sub("", raw.strip())
    previous = None
    while previous != text:
        previous, text = text, _SITE_SUFFIX.sub("", text).strip()
    return text


def _title_clues(titles: Iterable[str], table: CountryTable, clues: Clues) -> None:
    for raw in titles:
        text = _clean_title(raw)
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
            clues.year(year, f"title {text!r}")
            if country is not None:
                clues.countries.append(CountryClue(country, f"title {text!r}"))
                clues.title = clues.title or match.group(0).strip()
            break
        else:
            # A bare country name as title: state.gov's "<title>Mali - U.S. Department of State".
            country = table.resolve(text) if len(text) < 60 else None
            if country is not None:
                clues.countries.append(CountryClue(country, f"title {text!r}"))
            # The report's own title alone: a volume's title or running header.
            series_year = _SERIES_TITLE.fullmatch(text)
            if series_year:
                clues.year(int(series_year.group(1)), f"title {text!r}")


def _path_country(segment: str, table: CountryTable) -> Country | None:
    stem = PurePosixPath(segment).stem if "." in segment else segment
    stem = re.sub(r"country-reports?-on-terrorism|^crt(?=[-_])|" + _YEAR, " ", stem.lower())
    return table.resolve(re.sub(r"[-_]+", " ", stem).strip())


def _uri_clues(uri: str, table: CountryTable, editions: Editions, clues: Clues) -> None:
    parsed = urlparse(uri)
    web = parsed.scheme in ("http", "https")
    path = unquote(parsed.path) if parsed.scheme in ("http", "https", "file") else uri
    host = (parsed.hostname or "").lower() if web else ""
    slug = _URL_CRT_SLUG.search(path)
    if slug:
        clues.year(int(slug.group(1)), f"URL {uri}")
        country = table.by_slug(slug.group(2))
        if country is not None:
            clues.countries.append(CountryClue(country, f"URL {uri}"))
        return
    crt_year = _URL_CRT_YEAR.search(path)
    if crt_year:
        clues.year(int(crt_year.group(1)), f"URL {uri}")
        return
    if host == "refworld.org" or host.endswith(".refworld.org"):
        _refworld(path, parsed.query, uri, table, editions, clues)
        return
    segments = [s for s in PurePosixPath(path.replace("\\", "/")).parts[-3:] if s not in ("/", "")]
    for segment in reversed(segments):
        country = _path_country(segment, table)
        if country is not None:
            clues.countries.append(CountryClue(country, f"path {uri}", strong=False))
            break
    for segment in reversed(segments):
        year = _PATH_YEAR.search(segment)
        if year:
            clues.year(int(year.group(1)), f"path {uri}", strong=False)
            break


def _refworld(
    path: str, query: str, uri: str, table: CountryTable, editions: Editions, clues: Clues
) -> None:
    """refworld: old URLs carry the country's ISO3 code, new ones the publication year."""
    fields = [f for segment in path.split("/") for f in segment.split(",")]
    codes = {f for f in fields if _ISO3.match(f)} | set(parse_qs(query).get("coi", []))
    countries = {c for c in (table.by_iso3(code) for code in codes) if c is not None}
    if len(countries) == 1:
        clues.countries.append(CountryClue(countries.pop(), f"refworld URL {uri} (country code)"))
    new = _REFWORLD_NEW.match(path)
    if new:
        published = int(new.group(1))
        years = editions.published_in(published)
        if years:
            clues.years.append(YearClue(years, f"refworld URL {uri} (published {published})"))


def _parse_date(text: str) -> date | None:
    value = re.sub(r"\s+", " ", text.strip().rstrip("."))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _metadata_clues(
    lines: Iterable[str], table: CountryTable, editions: Editions, clues: Clues
) -> None:
    for line in lines:
        # ecoi.net's "Original link: https://www.state.gov/reports/...": the official URL.
        for url in _URL_IN_TEXT.findall(line):
            _uri_clues(url.rstrip(".,;)"), table, editions, clues)
        label = _COUNTRY_LABEL.match(line)
        if label:
            country = table.resolve(label.group("value"))
            if country is not None:
                clues.countries.append(CountryClue(country, f"page metadata {line!r}"))
            continue
        dated = _DATE_LABEL.match(line)
        day = _parse_date(dated.group("v")) if dated else None
        report = editions.newest_on(day) if day else None
        if report is not None:
            # Weak: a date in a page's furniture may be another document's (a related item).
            where = f"page metadata {line!r} (the {report} edition was the newest)"
            clues.year(report, where, strong=False)


def _running_clues(lines: Iterable[str], clues: Clues) -> None:
    years = {int(m.group(1)) for line in lines if (m := _RUNNING_HEADER.search(line))}
    if len(years) == 1:
        # Weak: a line naming another year's report can be a link left in a page's text.
        year = years.pop()
        clues.year(year, f"the line 'Country Reports on Terrorism {year}'", strong=False)


def gather_clues(page: PageText, table: CountryTable, editions: Editions) -> Clues:
    """Collect the page's own country and year clues in order of trust: titles, the URI,
    mirror metadata, running headers."""
    clues = Clues()
    _title_clues(page.titles, table, clues)
    _uri_clues(page.uri, table, editions, clues)
    if page.canonical and page.canonical != page.uri:
        _uri_clues(page.canonical, table, editions, clues)
    _metadata_clues(page.metadata, table, editions, clues)
    _running_clues(page.running, clues)
    return clues


def add_text_clues(clues: Clues, opening: str, body: str, table: CountryTable) -> None:
    """Clues of the chapter text: the year of its incidents heading, the country its opening
    sentence is about ("Overview: Kenya is ...", "The Government of Mali remained ...")."""
    heading_year = _INCIDENTS_HEADING.search(body)
    if heading_year:
        # Weak: a heading copied from last year's chapter is a known slip; the title decides.
        where = f"heading {heading_year.group(0)!r}"
        clues.year(int(heading_year.group(1)), where, strong=False)
    match = _OPENING.match(opening)
    country = table.resolve(match.group("name")) if match else None
    if country is not None:
        clues.countries.append(
            CountryClue(country, f"opening sentence {opening[:60]!r}", strong=False)
        )
