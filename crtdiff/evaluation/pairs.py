"""Score a comparison of two gold chapters against a pair file (pairs/<old>--<new>.json)."""

import re

from crtdiff.errors import CrtdiffError
from crtdiff.evaluation.counts import Counts, Score
from crtdiff.evaluation.gold import Gold
from crtdiff.evaluation.matching import set_counts
from crtdiff.reference.gazetteer import Gazetteer
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff
from crtdiff.series.compare import compare_reports
from crtdiff.text.places import same_place

TOLLS = ("killed_min", "wounded_min", "kidnapped_min")


def headline_counts(
    lines: list[str], must: list[str], must_not: list[str]
) -> tuple[Counts, list[str]]:
    """Regexes a true headline must match on some line, and must match on none."""
    counts, problems = Counts(), []
    for pattern in must:
        found = any(re.search(pattern, line, re.IGNORECASE) for line in lines)
        counts.add(Counts(tp=int(found), fn=int(not found)))
        if not found:
            problems.append(f"headline lacks /{pattern}/")
    for pattern in must_not:
        bad = [line for line in lines if re.search(pattern, line, re.IGNORECASE)]
        counts.add(Counts(tp=int(not bad), fp=int(bool(bad))))
        if bad:
            problems.append(f"headline says /{pattern}/: {bad[0]!r}")
    return counts, problems


def _check(score: Score, ok: bool, where: str, problem: str) -> None:
    score.count("pairs", Counts(tp=int(ok), fn=int(not ok)))
    if not ok:
        score.misses.append(f"{where} {problem}")


def _groups(diff: YearDiff, pair: Gold, where: str, score: Score) -> None:
    expected = pair["groups"]
    got = {
        "added": [g.id for g in diff.groups.added],
        "removed": [g.id for g in diff.groups.removed],
        "renamed": [f"{r.old.id}>{r.new.id}" for r in diff.groups.renamed],
        "merged": [m.into.id for m in diff.groups.merged],
    }
    wanted = {
        "added": expected["added"],
        "removed": expected["removed"],
        "renamed": [f"{old}>{new}" for old, new in expected["renamed"]],
        "merged": [m["into"] for m in expected["merged"]],
    }
    for name, ids in got.items():
        counts = set_counts(ids, wanted[name])
        score.count("pairs", counts)
        if counts.fp or counts.fn:
            score.misses.append(
                f"{where} groups {name}: got {sorted(ids)}, gold {sorted(wanted[name])}"
            )
    for member in expected["members_of_named_umbrella"]:
        _check(
            score, member not in got["removed"], where, f"shows umbrella member {member} as removed"
        )


def _incidents(diff: YearDiff, pair: Gold, where: str, score: Score) -> None:
    expected, got = pair["incidents"], diff.incidents
    for name, value in (
        ("old_count", got.old_count),
        ("new_count", got.new_count),
        ("referenced_again", len(got.referenced_again)),
    ):
        _check(score, value == expected[name], where, f"{name}: got {value}, gold {expected[name]}")
    for toll in TOLLS:
        change = getattr(got, toll)
        for side in ("old", "new"):
            value, gold = getattr(change, side), expected[toll][side]
            _check(score, value == gold, where, f"{toll}.{side}: got {value!r}, gold {gold!r}")
    places = pair.get("places_newly_hit", {"must": [], "must_not": []})
    for place in places["must"]:
        found = any(same_place(place, p) for p in got.places_newly_hit)
        _check(score, found, where, f"places newly hit lack {place!r}: {got.places_newly_hit}")
    for place in places["must_not"]:
        hit = [p for p in got.places_newly_hit if same_place(place, p)]
        _check(score, not hit, where, f"places newly hit list {hit} (not new: {place!r})")


def score_pair(old: CountryReport, new: CountryReport, pair: Gold, gazetteer: Gazetteer) -> Score:
    """Checks of groups, incidents, tolls, places and headline lines of one comparison."""
    score, where = Score(), f"{pair['old']}→{pair['new']}"
    try:
        diff = compare_reports(old, new, gazetteer)
    except CrtdiffError as error:
        score.count("pairs", Counts(fn=1))
        score.misses.append(f"{where} compare failed: {error}")
        return score
    _groups(diff, pair, where, score)
    _incidents(diff, pair, where, score)
    counts, problems = headline_counts(
        [h.text for h in diff.headline], pair["headline"]["must"], pair["headline"]["must_not"]
    )
    score.count("headline", counts)
    score.misses += [f"{where} {p}" for p in problems]
    return score
