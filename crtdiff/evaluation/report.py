"""Score one extracted chapter against its gold file, field by field and class by class."""

from collections import Counter
from typing import Any

from crtdiff.evaluation.counts import Counts, Score
from crtdiff.evaluation.gold import Gold, fold_space
from crtdiff.evaluation.matching import (
    Fact,
    Pairs,
    incident_same,
    match,
    set_counts,
    starts,
    value_counts,
)
from crtdiff.evaluation.spans import is_contiguous_span
from crtdiff.schemas import CountryReport
from crtdiff.text.places import same_place

INCIDENT_FIELDS = (
    "date_precision",
    "date_end",
    "place",
    "country",
    "kind",
    "target",
    "perpetrators",
    "attribution",
    "killed_min",
    "wounded_min",
    "kidnapped_min",
)
OPTIONAL_INCIDENT_FIELDS = ("region", "toll_flags", "section")
"""Labelled only in the issue-10 gold files: scored where the gold incident has them."""
TOLL_FIELDS = ("killed_min", "wounded_min", "kidnapped_min")


def _predicted(name: str, p: Fact) -> Any:
    return p["evidence"]["section"] if name == "section" else p.get(name)


def _agrees(name: str, p: Fact, g: Fact) -> bool:
    value = _predicted(name, p)
    if name in ("place", "region"):
        return same_place(value, g[name])
    if name in ("perpetrators", "toll_flags"):
        return set(value or ()) == set(g[name])
    return bool(value == g[name])


def _scored_fields(g: Fact) -> list[str]:
    optional = [n for n in OPTIONAL_INCIDENT_FIELDS if n in g]
    if g.get("section") is None and "section" in optional:
        optional.remove("section")
    return [*INCIDENT_FIELDS, *optional]


def _incident_fields(pairs: Pairs, where: str, score: Score) -> None:
    for p, g in pairs:
        for name in _scored_fields(g):
            agree = _agrees(name, p, g)
            score.fields.setdefault(f"incident.{name}", Counts()).add(
                Counts(tp=int(agree), fn=int(not agree))
            )
            if not agree:
                score.misses.append(
                    f"{where} {g['date']} {name}: got {_predicted(name, p)!r}, gold {g[name]!r}"
                )


def _tolls_and_places(pairs: Pairs, score: Score) -> None:
    for p, g in pairs:
        for name in TOLL_FIELDS:
            score.count("tolls", value_counts(p[name], g[name], p[name] == g[name]))
        if "toll_flags" in g:
            score.count("tolls", set_counts(p.get("toll_flags", []), g["toll_flags"]))
        score.count(
            "places", value_counts(p["place"], g["place"], same_place(p["place"], g["place"]))
        )
        score.count(
            "places", value_counts(p["country"], g["country"], p["country"] == g["country"])
        )
        if "region" in g:
            region = p.get("region")
            score.count(
                "places", value_counts(region, g["region"], same_place(region, g["region"]))
            )
        score.count("perpetrators", set_counts(p["perpetrators"], g["perpetrators"]))


def _date_counts(predicted: list[Fact], gold: list[Fact]) -> Counts:
    def key(i: Fact) -> tuple[str, str | None, str]:
        return (i["date"], i.get("date_end"), i["date_precision"])

    p, g = Counter(map(key, predicted)), Counter(map(key, gold))
    both = sum((p & g).values())
    return Counts(both, sum(p.values()) - both, sum(g.values()) - both)


def _attacks(data: dict[str, Any], gold: Gold, pairs: Pairs, where: str, score: Score) -> None:
    """Trap sentences that must yield no incident, and incidents told outside the incidents list."""
    matched = {id(p) for p, _ in pairs}
    unmatched = [i for i in data["incidents"] if id(i) not in matched]
    for trap in gold.get("not_incidents", []):
        leaked = [i for i in unmatched if starts(i, trap)]
        score.count("attacks", Counts(tp=int(not leaked), fp=int(bool(leaked))))
        if leaked:
            score.misses.append(
                f"{where} not an incident ({trap['why']}): {trap['evidence_starts']!r}"
            )
    found = {id(g) for _, g in pairs}
    for g in gold["incidents"]:
        if g.get("section") not in (None, "incidents"):
            score.count("attacks", Counts(tp=int(id(g) in found), fn=int(id(g) not in found)))


def _state_forces(data: dict[str, Any], gold: Gold, where: str, score: Score) -> None:
    written = {
        fold_space(form).casefold()
        for group in data["groups"]
        for form in [group["name"], group["acronym"] or "", *(m["text"] for m in group["mentions"])]
    }
    for name in gold.get("not_groups", []):
        leaked = fold_space(name).casefold() in written
        score.count("state_forces", Counts(tp=int(not leaked), fp=int(leaked)))
        if leaked:
            score.misses.append(f"{where} state force or mission taken for a group: {name!r}")


def _furniture(report: CountryReport, gold: Gold, score: Score) -> None:
    body = fold_space(report.body)
    where = f"{report.country} {report.year}"
    for text in gold.get("furniture_absent", []):
        leaked = fold_space(text) in body
        score.count("furniture", Counts(tp=int(not leaked), fp=int(leaked)))
        if leaked:
            score.misses.append(f"{where} furniture left in the body: {text!r}")
    for text in gold.get("body_contains", []):
        kept = fold_space(text) in body
        score.count("furniture", Counts(tp=int(kept), fn=int(not kept)))
        if not kept:
            score.misses.append(f"{where} body lacks {text!r} (repair failed)")


def _sections(report: CountryReport, gold: Gold, score: Score) -> None:
    if "sections" not in gold:
        return
    got = [s.key for s in report.sections]
    score.count("sections", set_counts(got, gold["sections"]))
    if got != gold["sections"]:
        score.misses.append(
            f"{report.country} {report.year} sections: got {got}, gold {gold['sections']}"
        )


def _leftovers(
    what: str, key: str, pairs: Pairs, gold: list[Fact], predicted: list[Fact]
) -> list[str]:
    """Misses for the gold facts nothing matched and the extracted facts that match no gold."""
    matched_gold, matched = {id(g) for _, g in pairs}, {id(p) for p, _ in pairs}
    missed = [
        f"{what} missed: {g[key]} {g['evidence_starts']!r}"
        for g in gold
        if id(g) not in matched_gold
    ]
    return missed + [
        f"{what} extra: {p[key]} {p['evidence']['sentence'][:50]!r}"
        for p in predicted
        if id(p) not in matched
    ]


def _legal(data: dict[str, Any], gold: Gold, where: str, score: Score) -> None:
    pairs, score.sets["legal_measures"] = match(
        data["legal_measures"],
        gold["legal_measures"],
        lambda p, g: p["kind"] == g["kind"] and starts(p, g),
    )
    score.count("legal", score.sets["legal_measures"])
    score.misses += _leftovers(
        f"{where} legal", "kind", pairs, gold["legal_measures"], data["legal_measures"]
    )
    for name in ("status", "date"):
        agree = sum(1 for p, g in pairs if p[name] == g[name])
        score.fields[f"legal.{name}"] = Counts(agree, 0, len(pairs) - agree)
    for p, g in pairs:
        score.count(
            "legal_status", value_counts(p["status"], g["status"], p["status"] == g["status"])
        )
        if p["status"] != g["status"]:
            score.misses.append(
                f"{where} legal {g['kind']} status: got {p['status']!r}, gold {g['status']!r}"
            )
    for p in data["legal_measures"]:
        faithful = is_contiguous_span(p["summary"], p["evidence"]["sentence"])
        score.count("legal_summaries", Counts(tp=int(faithful), fp=int(not faithful)))
        if not faithful:
            score.misses.append(
                f"{where} legal summary not a span of its sentence: {p['summary']!r}"
            )


def _incidents(data: dict[str, Any], gold: Gold, where: str, score: Score) -> Pairs:
    pairs, score.sets["incidents"] = match(data["incidents"], gold["incidents"], incident_same)
    score.count("incidents", score.sets["incidents"])
    score.misses += _leftovers(
        f"{where} incident", "date", pairs, gold["incidents"], data["incidents"]
    )
    _incident_fields(pairs, where, score)
    _tolls_and_places(pairs, score)
    score.count("dates", _date_counts(data["incidents"], gold["incidents"]))
    _attacks(data, gold, pairs, where, score)
    return pairs


def score_report(report: CountryReport, gold: Gold) -> Score:
    """Compare one extracted report with its gold file."""
    data = report.model_dump(mode="json")
    where = f"{report.country} {report.year}"
    score = Score()
    groups = [g["id"] for g in data["groups"]]
    score.sets["groups"] = set_counts(groups, gold["groups"])
    score.count("groups", score.sets["groups"])
    score.misses += [f"{where} group missed: {g}" for g in gold["groups"] if g not in groups]
    score.misses += [f"{where} group extra: {g}" for g in groups if g not in gold["groups"]]
    score.sets["organisations"] = set_counts(
        [o["id"] for o in data["organisations"]], gold["organisations"]
    )
    _incidents(data, gold, where, score)
    ref_pairs, score.sets["referenced_incidents"] = match(
        data["referenced_incidents"],
        gold["referenced_incidents"],
        lambda p, g: p["date"] == g["date"],
    )
    matched_ref = {id(g) for _, g in ref_pairs}
    score.misses += [
        f"{where} referenced missed: {g['date']} {g['evidence_starts']!r}"
        for g in gold["referenced_incidents"]
        if id(g) not in matched_ref
    ]
    _, score.sets["aggregate_tolls"] = match(
        data["aggregate_tolls"], gold["aggregate_tolls"], starts
    )
    _legal(data, gold, where, score)
    _state_forces(data, gold, where, score)
    _furniture(report, gold, score)
    _sections(report, gold, score)
    return score


def score_missing(gold: Gold, problem: str) -> Score:
    """The score of a chapter the pipeline refused: every gold fact is missed."""
    score = Score(misses=[f"{gold['country']} {gold['year']} refused: {problem}"])
    for name in ("groups", "organisations", "incidents", "legal_measures"):
        score.sets[name] = Counts(fn=len(gold[name]))
    for name, counts in (
        ("groups", score.sets["groups"]),
        ("incidents", score.sets["incidents"]),
        ("legal", score.sets["legal_measures"]),
    ):
        score.count(name, counts)
    return score
