"""Groups and organisations named in a chapter: gazetteer names, acronyms the text defines, and
near-miss acronyms that the context resolves (the seed's "ADD" for Ansar al-Dine, AAD)."""

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress

from rapidfuzz.distance import Levenshtein

from crtdiff.extract.evidence import SentenceIndex
from crtdiff.extract.name_pieces import BodyNames, names_by_piece
from crtdiff.reference.fuzzy_names import FuzzyIndex, fuzzy_hits
from crtdiff.reference.gazetteer import Entry, Gazetteer
from crtdiff.reference.names import NameHit, NameMatcher
from crtdiff.reference.state_forces import FORCE_PREFIX
from crtdiff.schemas import Group, IngestWarning, Organisation, OrganisationKind
from crtdiff.text.normalize import slugify
from crtdiff.text.tokens import Tokens, tokenize, tokenize_pieces

_DEFINED = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9]*(?:-[A-Z0-9][A-Za-z0-9]*)?)\)")
_GROUPISH = re.compile(
    r"\b(?:Front|Brigades?|Battalions?|Army|Movement|Jama[’']?at|Jamaat|Ansar|Islamic State|"
    r"Mujahide?en|Jihad|Katiba|Harakat|Tehrik|Lashkar|Jaish|Hizb|Organization|Group|"
    r"Liberation|Emirate|Martyrs|Alliance|Militia)\b"
)
# "Tuareg rebels, known as the Alliance for ... (ADC)": the text says it is a group.
_GROUP_CUE = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|groups?|factions?|militias?|movements?|networks?|"
    r"cells?|splinter)\b,?\s+(?:(?:known|operating) as|called|calling (?:itself|themselves)|"
    r"named|under the name)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "Somali National Army (SNA)", "Chadian Armed Forces (ANT)": a country's own forces.
_STATE_FORCE_NAME = re.compile(
    r"^[A-Z][a-z]+(?:ian|ien|ean|ese|ish|ani|ali|aqi|an|a)\s+(?:National\s+|Armed\s+|"
    r"Defen[cs]e\s+|Security\s+|Special\s+|Republican\s+|Presidential\s+)*"
    r"(?:Army|Forces|Police|Guard|Gendarmerie|Corps|Navy|Air Force)$"
)
_NOT_GROUPISH = re.compile(
    r"\b(?:Mission|Forces?|Operation|Program(?:me)?|Partnership|Initiative|Council|Ministry|"
    r"Unit|Directorate|Police|Gendarmerie|Committee|Commission|Agency|Office|Court|Team|"
    r"Cent(?:er|re)|Fund|Union|Community|Bank|Task|Coalition|Service|Guard|Government|"
    r"Assembly|Nations|Department|Bureau|Secretariat)\b"
)
MAX_DEFINED_ACRONYMS = 2_000
"""A chapter defines a few dozen acronyms; matching the names they define costs time that
grows with their square, so a text defining more is refused before extraction."""


def defined_acronym_count(body: str, stop_at: int = MAX_DEFINED_ACRONYMS) -> int:
    """How many parenthesised acronyms `body` defines (counting no further than `stop_at`)."""
    count = 0
    for _ in _DEFINED.finditer(body):
        count += 1
        if count > stop_at:
            break
    return count


_CLAIM_CONTEXT = re.compile(
    r"(?:claimed by|attributed to|carried out by|by)\s+$|^\s+(?:claimed|took responsibility|"
    r"was responsible|were responsible|fighters|militants)",
)
_PARTICLE_WORDS = {"al", "el", "ad", "ash", "wal", "the", "of", "and", "in", "for", "de", "du"}


@dataclass
class NameFindings:
    """Every group and organisation mention of a chapter, with what the text taught us."""

    hits: list[NameHit]
    text_entries: dict[str, Entry] = field(default_factory=dict)
    """Groups known only from an acronym the text defines."""
    warnings: list[IngestWarning] = field(default_factory=list)
    forces: list[NameHit] = field(default_factory=list)
    """Mentions of state forces that have names of their own (state_forces.csv)."""


def _phrase_before(body: str, tokens: Tokens, index: int) -> tuple[int, int] | None:
    """Token range of the proper-noun phrase ending just before token `index` (the one inside
    the parentheses), not crossing punctuation."""
    end = index
    start = end
    while start > 0:
        at = start - 1
        joined_to_next = start == end or not body[tokens.end[at] : tokens.start[start]].strip(" -")
        if joined_to_next and (tokens.raw[at][0].isupper() or tokens.folded[at] in _PARTICLE_WORDS):
            start -= 1
            continue
        break
    while start < end and tokens.folded[start] in _PARTICLE_WORDS - {"al", "el"}:
        start += 1
    return (start, end) if end - start >= 2 else None


def _initials_fit(acronym: str, words: list[str]) -> bool:
    letters = [w[0].upper() for w in words if w.lower() not in _PARTICLE_WORDS]
    return bool(letters) and acronym.replace("-", "")[0] == letters[0]


def _is_new_group(body: str, name: str, acronym: str, start: int) -> bool:
    """A phrase defined with an acronym names a new group: it reads like one (or the text
    says it is one), it is no body, unit or state force, and the acronym fits it."""
    cued = bool(_GROUP_CUE.search(body[max(0, start - 60) : start]))
    return (
        (cued or bool(_GROUPISH.search(name)))
        and not _NOT_GROUPISH.search(name)
        and not _STATE_FORCE_NAME.match(name)
        and _initials_fit(acronym, name.replace("-", " ").split())
    )


def _token_at(tokens: Tokens, offset: int) -> int | None:
    """The index of the token starting at `offset`, if one does."""
    index = bisect_left(tokens.start, offset)
    return index if index < len(tokens) and tokens.start[index] == offset else None


def _defined_acronyms(
    body: str,
    tokens: Tokens,
    hits: list[NameHit],
    gazetteer: Gazetteer,
    forces: list[NameHit],
) -> tuple[dict[str, str], dict[str, Entry]]:
    """Acronyms the text defines: for known groups (aliases) or for new groups; never for a
    state force ("Somali National Army (SNA)")."""
    forms: dict[str, str] = {}
    new: dict[str, Entry] = {}
    force_ends = {h.last_token for h in forces}
    for match in _DEFINED.finditer(body):
        acronym = match.group("acr")
        index = _token_at(tokens, match.start() + 1)
        if index is None or index - 1 in force_ends or index in {h.first_token for h in forces}:
            continue
        before = [h for h in hits if h.last_token == index - 1]
        if before:
            entry = gazetteer.entries.get(before[0].entry_id)
            if entry is not None and acronym not in entry.names:
                forms[acronym] = entry.id
            continue
        span = _phrase_before(body, tokens, index)
        if span is None:
            continue
        start = tokens.start[span[0]]
        name = body[start : tokens.end[span[1] - 1]]
        if _is_new_group(body, name, acronym, start):
            ident = slugify(acronym)
            if ident not in gazetteer.entries:
                new[ident] = Entry(ident, name, acronym, (name,), "group")
                forms[acronym] = ident
                forms[name] = ident
    return forms, new


def _near_misses(
    body: str, tokens: Tokens, hits: list[NameHit], gazetteer: Gazetteer, known: frozenset[str]
) -> tuple[list[NameHit], list[IngestWarning]]:
    """Unknown capitalised acronyms in a claim context, one edit away from exactly one group
    the chapter names: read as that group, with a warning."""
    named = {h.entry_id for h in hits if gazetteer.entries[h.entry_id].is_group}
    acronyms = {e.acronym: e.id for i in named if (e := gazetteer.entries[i]).acronym is not None}
    taken = {i for h in hits for i in range(h.first_token, h.last_token + 1)}
    out: list[NameHit] = []
    warnings: list[IngestWarning] = []
    raws, starts, ends = tokens.raw, tokens.start, tokens.end
    # Most words are not in capitals: those are found at C speed.
    for index in compress(range(len(raws)), map(str.isupper, raws)):
        raw = raws[index]
        if index in taken or not (2 <= len(raw) <= 6 and raw.isalpha()):
            continue
        if raw in known:
            continue
        before = body[max(0, starts[index] - 30) : starts[index]]
        after = body[ends[index] : ends[index] + 30]
        if not (_CLAIM_CONTEXT.search(before) or _CLAIM_CONTEXT.search(after)):
            continue
        close = [gid for acr, gid in acronyms.items() if Levenshtein.distance(raw, acr) == 1]
        if len(close) != 1:
            continue
        entry = gazetteer.entries[close[0]]
        out.append(NameHit(entry.id, starts[index], ends[index], index, index))
        warnings.append(
            IngestWarning(
                code="acronym_corrected",
                message=f"{raw!r} is not a known acronym; read as {entry.acronym} "
                f"({entry.name}), a group the chapter names",
            )
        )
    return out, warnings


def _split_forces(hits: list[NameHit]) -> tuple[list[NameHit], list[NameHit]]:
    """Group and organisation hits, and state-force hits (their ids without the prefix)."""
    names = [h for h in hits if not h.entry_id.startswith(FORCE_PREFIX)]
    forces = [
        replace(h, entry_id=h.entry_id.removeprefix(FORCE_PREFIX))
        for h in hits
        if h.entry_id.startswith(FORCE_PREFIX)
    ]
    return names, forces


@lru_cache(maxsize=32)
def _with_forms(matcher: NameMatcher, forms: tuple[tuple[str, str], ...]) -> NameMatcher:
    # A country's chapters define the same acronyms year after year: one matcher for them
    # all, whose sentences are then read once (name_pieces.py).
    return matcher.with_forms(dict(forms))


def _read_names(
    body: str,
    spans: list[tuple[int, int]],
    matcher: NameMatcher,
    by_piece: bool,
    tokens: Tokens | None = None,
) -> BodyNames:
    """The matcher's hits in `body` (and the capitalised runs around them when known): read
    sentence by sentence when `by_piece` allows and nothing crosses a sentence, else at once."""
    if by_piece and (read := names_by_piece(body, spans, matcher)) is not None:
        return read
    if tokens is None:
        tokens = tokenize_pieces(body, spans) if by_piece else tokenize(body)
    return BodyNames(tokens, matcher.find(tokens), None)


def find_names(
    body: str,
    matcher: NameMatcher,
    gazetteer: Gazetteer,
    fuzzy: FuzzyIndex,
    index: SentenceIndex | None = None,
) -> NameFindings:
    """All group, organisation and state-force mentions of a body (`index`: its sentences,
    whose words are then read once per process)."""
    spans = [] if index is None else [(s.sentence.start, s.sentence.end) for s in index.sentences]
    read = _read_names(body, spans, matcher, index is not None)
    tokens = read.tokens
    hits, force_hits = _split_forces(read.hits)
    forms, new_entries = _defined_acronyms(body, tokens, hits, gazetteer, force_hits)
    if forms:
        with_forms = _with_forms(matcher, tuple(forms.items()))
        read = _read_names(body, spans, with_forms, index is not None, tokens)
        hits, force_hits = _split_forces(read.hits)
    variants, fuzzy_warnings = fuzzy_hits(body, tokens, hits, fuzzy, read.runs)
    hits = sorted(hits + variants, key=lambda h: h.start)
    full = Gazetteer({**gazetteer.entries, **new_entries})
    known = gazetteer.written_forms
    if new_entries:
        known = known.union(name for e in new_entries.values() for name in e.names)
    extra, warnings = _near_misses(body, tokens, hits, full, known)
    warnings = fuzzy_warnings + warnings
    hits = sorted(hits + extra, key=lambda h: h.start)
    findings = NameFindings(hits, new_entries, warnings, force_hits)
    for entry in new_entries.values():
        findings.warnings.append(
            IngestWarning(
                code="group_from_text",
                message=f"group {entry.name} ({entry.acronym}) is defined in the text but not "
                "in groups.csv",
            )
        )
    return findings


def _mentions(hits: list[NameHit], body: str, index: SentenceIndex) -> list[dict[str, object]]:
    """Each hit's Mention as plain data: validated with its group in one call (pydantic-core
    builds the nested models several times faster than Python constructs them one by one)."""
    out: list[dict[str, object]] = []
    for hit in hits:
        located = index.at(hit.start)
        if located is None:
            continue
        sentence = located.sentence
        evidence = {
            "section": located.section,
            "sentence": sentence.text,
            "start": sentence.start,
            "end": sentence.end,
        }
        out.append(
            {
                "text": body[hit.start : hit.end],
                "start": hit.start,
                "end": hit.end,
                "evidence": evidence,
            }
        )
    return out


def build_groups(
    findings: NameFindings, body: str, gazetteer: Gazetteer, index: SentenceIndex
) -> list[Group]:
    """One Group per group named, in order of first mention, with every mention."""
    entries = {**gazetteer.entries, **findings.text_entries}
    order: dict[str, list[NameHit]] = {}
    for hit in findings.hits:
        if entries[hit.entry_id].is_group:
            order.setdefault(hit.entry_id, []).append(hit)
    groups = []
    for group_id, hits in order.items():
        mentions = _mentions(hits, body, index)
        if not mentions:
            continue
        entry = entries[group_id]
        groups.append(
            Group.model_validate(
                {
                    "id": group_id,
                    "name": entry.name,
                    "acronym": entry.acronym,
                    "from_gazetteer": group_id not in findings.text_entries,
                    "mentions": mentions,
                }
            )
        )
    return groups


def build_organisations(
    findings: NameFindings, body: str, gazetteer: Gazetteer, index: SentenceIndex
) -> list[Organisation]:
    """One Organisation per body, partnership or programme named, with every mention."""
    order: dict[str, list[NameHit]] = {}
    for hit in findings.hits:
        entry = gazetteer.entries.get(hit.entry_id)
        if entry is not None and not entry.is_group:
            order.setdefault(hit.entry_id, []).append(hit)
    out = []
    for entry_id, hits in order.items():
        mentions = _mentions(hits, body, index)
        if not mentions:
            continue
        entry = gazetteer.entries[entry_id]
        out.append(
            Organisation.model_validate(
                {
                    "id": entry_id,
                    "name": entry.name,
                    "acronym": entry.acronym,
                    "kind": OrganisationKind(entry.kind),
                    "mentions": mentions,
                }
            )
        )
    return out
