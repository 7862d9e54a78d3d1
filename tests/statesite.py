"""A stand-in for state.gov publishing a whole report year, in the structure of its era.

2017 on: the year's index links one page per country (in the 2017+ report template), the
"Terrorist Safe Havens" page and other chapters; 2004-2016: the year's index links region
pages ("Chapter 2. Country Reports: Africa Overview"), each holding its countries' chapters
under country-name headings. Chapter texts come from the synthetic archive generator.
"""

import html
import random
from dataclasses import dataclass, field

from benchmarks.synthetic import CountryState, chapter
from crtdiff.reference.countries import Country
from tests.builders import labelled_html
from tests.fakeserver import Site


@dataclass
class ReportYear:
    """What the stand-in publishes for one report year, and where."""

    year: int
    countries: list[Country]
    safe_havens: list[Country] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    """Chapter text per country name (without its title line)."""
    haven_texts: dict[str, str] = field(default_factory=dict)
    """Safe-haven section per country name."""


def report_year(countries: list[Country], year: int, havens: list[Country]) -> ReportYear:
    """A report year of synthetic chapters, with safe-haven sections of their own."""
    return ReportYear(
        year,
        countries,
        havens,
        chapter_texts(countries, year),
        chapter_texts(havens, year, seed=99),
    )


def chapter_texts(countries: list[Country], year: int, seed: int = 1) -> dict[str, str]:
    """A synthetic chapter per country, without its "Country Reports on Terrorism" title."""
    return {
        c.name: chapter(CountryState(c, random.Random(seed + i)), year).split("\n", 1)[1]
        for i, c in enumerate(countries)
    }


def _shell(title: str, canonical: str, main: str) -> str:
    """The state.gov 2017+ page template, trimmed: banner, navigation, the report, footer."""
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>{html.escape(title)} - United States Department of State</title>
<link rel="canonical" href="{canonical}"></head>
<body><div class="header_banner_container"><p>An official website of the United States
Government</p></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/reports/">Reports</a></li>
<li><a href="/countries-areas/">Countries &amp; Areas</a></li></ul></nav></header>
<main><article class="state_report"><div class="report-header">
<h1 class="report-header__headline">{html.escape(title)}</h1></div>
<section class="report__content__inner entry-content">{main}</section></article></main>
<footer><a href="/privacy-policy/">Privacy Policy</a> <a href="/foia/">FOIA</a></footer>
</body></html>"""


def _country_index(report: ReportYear, base: str) -> str:
    prefix = f"/reports/country-reports-on-terrorism-{report.year}"
    by_region: dict[str, list[Country]] = {}
    for country in report.countries:
        by_region.setdefault(country.region, []).append(country)
    parts = [
        f'<p><a href="{prefix}/foreword/">Foreword</a></p>',
        "<h2>Chapter 1. Country Reports on Terrorism</h2>",
    ]
    for region, countries in by_region.items():
        links = "".join(
            f'<li><a href="{base}{prefix}/{c.slug}/">{html.escape(c.name)}</a></li>'
            for c in countries
        )
        parts.append(f"<h3>{html.escape(region)}</h3><ul>{links}</ul>")
    parts += [
        f'<p><a href="{prefix}/chapter-2-state-sponsors-of-terrorism/">Chapter 2. State '
        "Sponsors of Terrorism</a></p>",
        f'<p><a href="{prefix}/terrorist-safe-havens/">Chapter 4. Terrorist Safe Havens</a></p>',
        f'<p><a href="/reports/{report.year}-country-reports-on-human-rights-practices/">'
        f"{report.year} Country Reports on Human Rights Practices</a></p>",
    ]
    return _shell(
        f"Country Reports on Terrorism {report.year}", f"{base}{prefix}/", "\n".join(parts)
    )


def _headed_chapters(countries: list[Country], texts: dict[str, str]) -> str:
    return "\n".join(
        f"<h3>{html.escape(c.name)}</h3>\n{labelled_html(texts[c.name])}" for c in countries
    )


def publish_country_pages(site: Site, report: ReportYear) -> None:
    """Put a 2017+ report year on the site: index, country pages, safe havens."""
    prefix = f"/reports/country-reports-on-terrorism-{report.year}"
    site.pages[f"{prefix}/"] = _country_index(report, site.base_url).encode()
    for country in report.countries:
        title = f"Country Reports on Terrorism {report.year}: {country.name}"
        page = _shell(title, f"{prefix}/{country.slug}/", labelled_html(report.texts[country.name]))
        site.pages[f"{prefix}/{country.slug}/"] = page.encode()
    havens = _headed_chapters(report.safe_havens, report.haven_texts)
    site.pages[f"{prefix}/terrorist-safe-havens/"] = _shell(
        "Terrorist Safe Havens", f"{prefix}/terrorist-safe-havens/", havens
    ).encode()


def _region_page(title: str, year: int, body: str) -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
</head><body><div id="tier3-landing-content-wrapper"><div id="centerblock">
<h2>{html.escape(title)}</h2><p>Country Reports on Terrorism {year}</p>
<p>Bureau of Counterterrorism</p>
<p>April 30, {year + 1}</p>
<p>The region faced a range of terrorist threats in {year}.</p>
{body}</div></div><div id="footer"><p>Back to Top</p></div></body></html>"""


def publish_region_pages(site: Site, report: ReportYear) -> dict[str, str]:
    """Put a 2004-2016 report year on the site; returns region → path of its page."""
    folder = f"/{'j' if report.year >= 2009 else 's'}/ct/rls/crt/{report.year}"
    by_region: dict[str, list[Country]] = {}
    for country in report.countries:
        by_region.setdefault(country.region, []).append(country)
    paths: dict[str, str] = {}
    links = [f'<li><a href="{folder}/210200.htm">Chapter 1. Strategic Assessment</a></li>']
    for number, (region, countries) in enumerate(by_region.items()):
        title = f"Chapter 2. Country Reports: {region} Overview"
        path = f"{folder}/{210204 + number}.htm"
        paths[region] = path
        body = _headed_chapters(countries, report.texts)
        site.pages[path] = _region_page(title, report.year, body).encode()
        links.append(f'<li><a href="{path}">{html.escape(title)}</a></li>')
    havens = f"{folder}/210290.htm"
    body = _headed_chapters(report.safe_havens, report.haven_texts)
    site.pages[havens] = _region_page(
        "Chapter 5. Terrorist Safe Havens", report.year, body
    ).encode()
    links += [
        f'<li><a href="{havens}">Chapter 5. Terrorist Safe Havens</a></li>',
        f'<li><a href="{folder}/210201.htm">Chapter 3. State Sponsors of Terrorism Overview</a></li>',
        f'<li><a href="/documents/organization/{report.year}.pdf">Country Reports on Terrorism '
        f"{report.year} (PDF)</a></li>",
    ]
    index = _region_page(
        f"Country Reports on Terrorism {report.year}", report.year, f"<ul>{''.join(links)}</ul>"
    )
    site.pages[f"{folder}/index.htm"] = index.encode()
    return paths
