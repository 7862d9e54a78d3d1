"""How to cite a chapter: the fields every page shows, as plain text and as BibTeX.

An illustrative chapter (written for tests and demos) has no citation: it is not official text,
and everything that would cite it says so instead.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from crtdiff.reports.summaries import ChapterSummary
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import SourceRef
from crtdiff.series.registry import series_named
from crtdiff.text.normalize import slugify

PUBLISHER = "United States Department of State"
_CHAPTER_NAMES = {"country": "Country Reports", "safe-haven": "Terrorist Safe Havens"}
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def chapter_name(chapter: str) -> str:
    """The report chapter a text belongs to: `country` → "Country Reports"."""
    return _CHAPTER_NAMES.get(chapter, chapter.replace("-", " ").capitalize())


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}")


@dataclass(frozen=True)
class Citation:
    """One chapter as a reader cites it."""

    country: str
    year: int
    chapter: str
    title: str
    uri: str
    """Where crtdiff read the text (a path or URL)."""
    sha256: str
    illustrative: bool
    url: str | None
    published: str | None
    retrieved_at: datetime | None
    series: str = "crt"
    """The report series (series.csv): its title names the report, its name starts the key."""

    @classmethod
    def of_source(cls, of: CountryReport | ChapterSummary) -> "Citation":
        """The citation of an ingested chapter, from its report or its stored summary."""
        s = of.source
        return cls(
            of.country, of.year, of.chapter, of.title, s.uri, s.sha256, s.illustrative, s.url,
            s.published, s.retrieved_at, of.series,
        )  # fmt: skip

    @classmethod
    def of_ref(
        cls, ref: SourceRef, country: str, year: int, chapter: str, series: str = "crt"
    ) -> "Citation":
        """The citation of one side of a comparison."""
        title = ref.title or series_named(series).definition.default_title(year, country)
        return cls(
            country, year, chapter, title, ref.uri, ref.sha256, ref.illustrative, ref.url,
            ref.published, ref.retrieved_at, series,
        )  # fmt: skip

    @property
    def report(self) -> str:
        """The report the chapter belongs to."""
        return f"{series_named(self.series).definition.title} {self.year}"

    @property
    def chapter_name(self) -> str:
        """The report's chapter holding this text."""
        return chapter_name(self.chapter)

    @property
    def publisher(self) -> str:
        """Who published it."""
        return PUBLISHER

    @property
    def retrieved(self) -> str | None:
        """Retrieval date (YYYY-MM-DD)."""
        return self.retrieved_at.date().isoformat() if self.retrieved_at else None

    @property
    def key(self) -> str:
        """BibTeX key: `crt2016-mali`, `hrr2020-mali` (plus the chapter when not `country`)."""
        suffix = "" if self.chapter == "country" else f"-{slugify(self.chapter)}"
        return f"{self.series}{self.year}-{slugify(self.country)}{suffix}"

    def plain(self) -> str:
        """A citation in plain text."""
        parts = [
            f'{PUBLISHER}. "{self.title}." {self.report}, {self.chapter_name}: {self.country}.',
            f"Published {self.published}." if self.published else "Publication date unknown.",
            self.url if self.url else f"Official URL unknown; text read from {self.uri}.",
        ]
        read = f"Retrieved {self.retrieved}" if self.retrieved else "Read"
        parts.append(f"({read}; SHA-256 {self.sha256}.)")
        return " ".join(parts)

    def bibtex(self) -> str:
        """A citation as a BibTeX (biblatex) `@misc` entry."""
        fields = [
            ("author", "{" + PUBLISHER + "}"),
            ("title", "{" + _bibtex_text(self.title) + "}"),
            ("organization", PUBLISHER),
            ("series", self.report),
            ("note", f"{self.chapter_name}: {_bibtex_text(self.country)}. SHA-256 {self.sha256}"),
        ]
        if self.published:
            fields.append(("date", self.published))
            fields.append(("year", self.published[:4]))
            if len(self.published) >= 7:
                fields.append(("month", _MONTHS[int(self.published[5:7]) - 1]))
        if self.url:
            fields.append(("url", self.url))
        else:
            fields.append(("howpublished", "Read from " + _bibtex_text(self.uri)))
        if self.retrieved:
            fields.append(("urldate", self.retrieved))
        body = ",\n".join(
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
            for name, value in fields
        )
        return f"@misc{{{self.key},\n{body}\n}}"
