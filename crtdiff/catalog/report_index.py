"""A report year's table of contents: where each country's chapter is published, by era.

From report year 2017 the year's index page links one page per country; from 2004 to 2016 it
links one page per region, each holding several countries under country-name headings.
"""

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from selectolax.lexbor import LexborHTMLParser

from crtdiff.reference.countries import REGIONS, Country, CountryTable
from crtdiff.text.normalize import normalize_text

STATE_GOV = "https://www.state.gov"
FIRST_COUNTRY_PAGE_YEAR = 2017
"""From this report year on, each country's chapter has a page of its own."""
ARCHIVE_HOSTS = ((2009, "https://2009-2017.state.gov"), (2004, "https://2001-2009.state.gov"))
"""Where the region-page years live now that www.state.gov no longer serves them."""
STATE_GOV_HOST = re.compile(r"(?:^|\.)state\.gov$")
_SAFE_HAVENS = re.compile(r"Terrorist Safe Havens?", re.IGNORECASE)
_COUNTRY_REPORTS = re.compile(r"Country Reports\s*[:–—-]", re.IGNORECASE)


@dataclass(frozen=True)
class ChapterLink:
    """A country's own page for the year."""

    country: Country
    url: str


@dataclass(frozen=True)
class RegionLink:
    """A page holding several chapters: a region of "Country Reports", or the safe havens."""

    title: str
    url: str
    chapter: str
    """Chapter kind of every country on the page: "country" or "safe-haven"."""


def index_url(year: int, base: str = STATE_GOV) -> str:
    """The URL of the table of contents of report `year` on `base` (state.gov or a stand-in)."""
    root = base.rstrip("/")
    if year >= FIRST_COUNTRY_PAGE_YEAR:
        return f"{root}/reports/country-reports-on-terrorism-{year}/"
    if root == STATE_GOV:
        root = next(host for first, host in ARCHIVE_HOSTS if year >= first)
    folder = "j" if year >= 2009 else "s"
    return f"{root}/{folder}/ct/rls/crt/{year}/index.htm"


def _rebase(url: str, base: str) -> str:
    """A state.gov link on a stand-in or mirror of state.gov points at the stand-in."""
    parsed, root = urlparse(url), urlparse(base)
    if (
        root.netloc
        and STATE_GOV_HOST.search(parsed.hostname or "")
        and parsed.netloc != root.netloc
    ):
        return parsed._replace(scheme=root.scheme, netloc=root.netloc).geturl()
    return url


def _links(page: str, page_url: str) -> list[tuple[str, str]]:
    """(absolute URL, link text) of every link of a page, fragments dropped, in page order."""
    tree = LexborHTMLParser(page)
    out: list[tuple[str, str]] = []
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        url = _rebase(urljoin(page_url, href).split("#", 1)[0], page_url)
        out.append((url, " ".join(normalize_text(node.text(deep=True)).split())))
    return out


def country_links(
    page: str, page_url: str, year: int, countries: CountryTable
) -> tuple[list[ChapterLink], list[RegionLink]]:
    """The country pages a 2017+ index links (by URL slug, else link text), and pages holding
    several chapters (the safe havens); other links (navigation, other chapters) are ignored."""
    prefix = f"/reports/country-reports-on-terrorism-{year}/"
    chapters: dict[str, ChapterLink] = {}
    regions: list[RegionLink] = []
    for url, text in _links(page, page_url):
        path = urlparse(url).path
        if not path.startswith(prefix) or path.rstrip("/") == prefix.rstrip("/"):
            continue
        if _SAFE_HAVENS.search(text) or _SAFE_HAVENS.search(path.replace("-", " ")):
            regions.append(RegionLink(text, url, "safe-haven"))
            continue
        slug = path[len(prefix) :].strip("/").split("/")[0]
        country = countries.by_slug(slug) or countries.resolve(text)
        if country is not None and country.name not in chapters:
            chapters[country.name] = ChapterLink(country, url)
    return list(chapters.values()), regions


def region_links(page: str, page_url: str, year: int) -> list[RegionLink]:
    """The region pages of a 2004-2016 index: "Chapter 2. Country Reports: Africa Overview",
    and the "Terrorist Safe Havens" chapter; each page once, in the index's order."""
    folder = re.compile(rf"/[js]/ct/rls/crt/{year}/")
    seen: set[str] = set()
    out: list[RegionLink] = []
    for url, text in _links(page, page_url):
        path = urlparse(url).path
        if not folder.search(path) or path.endswith(".pdf") or url in seen or url == page_url:
            continue
        if _SAFE_HAVENS.search(text):
            chapter = "safe-haven"
        elif _COUNTRY_REPORTS.search(text) or any(r.lower() in text.lower() for r in REGIONS):
            chapter = "country"
        else:
            continue
        seen.add(url)
        out.append(RegionLink(text, url, chapter))
    return out
