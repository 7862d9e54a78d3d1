"""Does ingest tell a page's country and year from the page alone, and refuse the wrong ones?"""

from datetime import UTC, datetime

from crtdiff.errors import CrtdiffError, MetadataError
from crtdiff.evaluation.counts import Counts, Score
from crtdiff.evaluation.gold import Gold
from crtdiff.reference.bundle import Reference
from crtdiff.schemas import CountryReport
from crtdiff.series.chapter import OnMismatch, RawSource, Request, parse_chapter

_MISMATCH = frozenset({"country_mismatch", "year_mismatch"})


def _parse(data: bytes, uri: str, request: Request, ref: Reference) -> CountryReport | str:
    """The report, or the one-line reason it was refused."""
    raw = RawSource(data, uri, datetime.now(UTC))
    try:
        return parse_chapter(raw, request, ref)
    except CrtdiffError as error:
        return str(error)


def _identification(data: bytes, gold: Gold, ref: Reference, score: Score) -> None:
    meta, uri = gold["metadata"], gold["source_uri"]
    outcome = _parse(data, uri, Request(), ref)
    countries = {meta["country"], *meta.get("acceptable_countries", [])}
    if isinstance(outcome, str):
        score.count("metadata", Counts(fn=int(meta["identifiable"])))
        if meta["identifiable"]:
            score.misses.append(f"{uri} not identified ({outcome})")
        return
    right = outcome.country in countries and outcome.year == meta["year"]
    score.count("metadata", Counts(tp=int(right), fp=int(not right)))
    if not right:
        score.misses.append(
            f"{uri} identified as {outcome.country} {outcome.year}, "
            f"but it is {meta['country']} {meta['year']} (WRONG)"
        )


def _wrong_request(data: bytes, gold: Gold, wanted: dict[str, object], ref: Reference) -> str:
    """Why a request the page contradicts was not refused and warned about ("" when it was)."""
    uri = gold["source_uri"]
    country, year = str(wanted["country"]), int(str(wanted["year"]))
    strict = Request(country, year, on_mismatch=OnMismatch.REJECT)
    raw = RawSource(data, uri, datetime.now(UTC))
    try:
        parse_chapter(raw, strict, ref)
        return f"accepted as {country} {year} with on_mismatch=reject"
    except MetadataError:
        pass
    except CrtdiffError as error:
        return f"refused for another reason: {error}"
    lenient = _parse(data, uri, Request(country, year), ref)
    if isinstance(lenient, CountryReport) and not {w.code for w in lenient.warnings} & _MISMATCH:
        return f"ingested as {country} {year} without a mismatch warning"
    return ""


def score_metadata(data: bytes, gold: Gold, ref: Reference) -> Score:
    """Identification without overrides (right, refused or WRONG) and refusal of wrong requests."""
    score = Score()
    if "metadata" not in gold:
        return score
    _identification(data, gold, ref, score)
    for wanted in gold.get("wrong_requests", []):
        problem = _wrong_request(data, gold, wanted, ref)
        score.count("wrong_requests", Counts(tp=int(not problem), fn=int(bool(problem))))
        if problem:
            score.misses.append(f"{gold['source_uri']} asked as {wanted}: {problem}")
    return score
