"""Decide a chapter's country and report year from its clues, never by guessing.

Without a request, the page's strong clues decide (they must agree: conflicting ones are a
refusal), then its weak ones (a path, the opening sentence, what the text is about). With a
request, every clue that contradicts it is a mismatch: a warning for `ingest`, a refusal for
`add` and `run`.
"""

from dataclasses import dataclass
from enum import StrEnum

from crtdiff.errors import MetadataError
from crtdiff.ingest.metadata import Clues, CountryClue, YearClue
from crtdiff.ingest.subject import Subject
from crtdiff.reference.countries import Country, CountryTable
from crtdiff.schemas import IngestWarning


class OnMismatch(StrEnum):
    """What to do when a page's own clues disagree with the country or year asked for."""

    WARN = "warn"
    REJECT = "reject"


@dataclass(frozen=True)
class Mismatch:
    """How one clue contradicts what was asked or decided."""

    code: str
    message: str


def _years(clue: YearClue) -> str:
    return " or ".join(str(y) for y in sorted(clue.years))


def _subject_clue(subject: Subject, table: CountryTable) -> CountryClue | None:
    country = table.resolve(subject.country) if subject.country else None
    if country is None:
        return None
    return CountryClue(country, f"the text ({_text_summary(subject, country.name)})", False)


def _text_summary(subject: Subject, lead: str) -> str:
    others = sorted(
        ((c, s) for c, s in subject.scores.items() if c != lead), key=lambda item: -item[1]
    )[:2]
    rest = "".join(f", {c} {s}" for c, s in others)
    return f"names {lead}, its people, places or government {subject.scores[lead]} times{rest}"


def _handle(
    mismatches: list[Mismatch], on_mismatch: OnMismatch, source: str
) -> list[IngestWarning]:
    if mismatches and on_mismatch is OnMismatch.REJECT:
        raise MetadataError(source, mismatches[0].message)
    return [IngestWarning(code=m.code, message=m.message) for m in mismatches]


def _country_mismatches(clues: list[CountryClue], country: Country, asked: bool) -> list[Mismatch]:
    verb = "was asked for" if asked else "was found first"
    return [
        Mismatch("country_mismatch", f"{c.where} names {c.country.name}, but {country.name} {verb}")
        for c in clues
        if c.country.name != country.name
    ]


def _decide_country(clues: list[CountryClue], source: str) -> Country | None:
    names = {c.country.name for c in clues}
    if len(names) > 1:
        first = clues[0]
        other = next(c for c in clues if c.country.name != first.country.name)
        raise MetadataError(
            source,
            f"clues disagree on the country: {first.where} names {first.country.name}, "
            f"{other.where} names {other.country.name}; give it with --country",
        )
    return clues[0].country if clues else None


def resolve_country(
    asked: str | None,
    clues: Clues,
    heading: Country | None,
    subject: Subject,
    table: CountryTable,
    on_mismatch: OnMismatch,
    source: str,
) -> tuple[Country, list[IngestWarning]]:
    """The chapter's country: the one asked for, checked against every clue, or the one the
    clues agree on."""
    found = list(clues.countries)
    if heading is not None:
        found.append(CountryClue(heading, f"country heading {heading.name!r}"))
    text = _subject_clue(subject, table)
    weak = ([text] if text else []) + [c for c in found if not c.strong]
    strong = [c for c in found if c.strong]
    if asked is not None:
        country = table.resolve(asked)
        if country is None:
            raise MetadataError(source, table.unknown(asked))
        mismatches = _country_mismatches(strong + weak, country, asked=True)
        return country, _handle(mismatches, on_mismatch, source)
    decided = _decide_country(strong, source) or _decide_country(weak, source)
    if decided is None:
        raise MetadataError(
            source, "cannot tell which country this chapter is for; give it with --country"
        )
    return decided, _handle(
        _country_mismatches(weak, decided, asked=False), OnMismatch.WARN, source
    )


def _year_mismatches(clues: list[YearClue], year: int, asked: bool) -> list[Mismatch]:
    verb = f"but {year} was asked for" if asked else f"not {year}"
    return [
        Mismatch("year_mismatch", f"{c.where} says {_years(c)}, {verb}")
        for c in clues
        if year not in c.years
    ]


def _decide_year(clues: list[YearClue], source: str, hint: str) -> set[int] | None:
    if not clues:
        return None
    common = set(clues[0].years)
    for clue in clues[1:]:
        if not common & clue.years:
            first = next(c for c in clues if not c.years & clue.years)
            raise MetadataError(
                source,
                f"clues disagree on the report year: {first.where} says {_years(first)}, "
                f"{clue.where} says {_years(clue)}; {hint}",
            )
        common &= clue.years
    return common


def resolve_year(
    asked: int | None,
    clues: Clues,
    on_mismatch: OnMismatch,
    source: str,
    hint: str = "give it with --year",
) -> tuple[int, list[IngestWarning]]:
    """The report year: the one asked for, checked against every clue, or the one the clues
    leave (a publication year alone may leave two: then it is not decided). `hint`: how the
    caller can give a year the page does not settle (commands differ)."""
    strong = [c for c in clues.years if c.strong]
    weak = [c for c in clues.years if not c.strong]
    if asked is not None:
        mismatches = _year_mismatches(strong + weak, asked, asked=True)
        return asked, _handle(mismatches, on_mismatch, source)
    candidates = _decide_year(strong, source, hint)
    if candidates is None or len(candidates) > 1:
        narrowed = [c for c in weak if candidates is None or candidates & c.years]
        from_weak = _decide_year(narrowed, source, hint) if narrowed else None
        if from_weak is not None and candidates is not None:
            from_weak &= candidates
        candidates = from_weak if from_weak else candidates
    if not candidates or len(candidates) > 1:
        fits = f" ({strong[0].where} fits {_years(strong[0])})" if candidates else ""
        raise MetadataError(source, f"cannot tell the report year{fits}; {hint}")
    year = next(iter(candidates))
    return year, _handle(_year_mismatches(weak, year, asked=False), OnMismatch.WARN, source)
