"""A synthetic CRT archive for benchmarks: chapters of ~15 KB in the report's style, with
controlled year-to-year changes (most sentences carried over, some edited, some new)."""

import random
from dataclasses import dataclass, field
from pathlib import Path

from crtdiff.reference.countries import Country
from crtdiff.reference.headings import HeadingVariant, load_headings
from crtdiff.schemas.sections import canonical_keys
from crtdiff.text.normalize import slugify

MONTHS = "January February March April May June July August September October November December"
GROUPS = [
    "al-Qa'ida in the Islamic Maghreb (AQIM)",
    "ISIS",
    "al-Shabaab",
    "Boko Haram",
    "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)",
    "ISIS-West Africa",
    "Hizballah",
    "Hamas",
    "Lashkar e-Tayyiba",
    "Tehrik-e Taliban Pakistan",
    "the Haqqani Network",
    "Abu Sayyaf Group",
]
ORGS = [
    "the United Nations",
    "the African Union",
    "the Global Counterterrorism Forum",
    "the Egmont Group of Financial Intelligence Units",
    "INTERPOL",
    "the G-5 Sahel",
    "the Trans-Sahara Counterterrorism Partnership",
    "the Global Coalition to Defeat ISIS",
]
TEMPLATES = {
    "overview": [
        "The Government of {c} remained a willing counterterrorism partner of the United States.",
        "Terrorist activity in {c} remained concentrated in the border regions, where {g} operated.",
        "{c} continued to rely on international partners to train and equip its security forces.",
        "The government made progress in implementing its counterterrorism strategy, but capacity remained limited.",
        "{g} exploited porous borders and weak state presence to recruit and to move fighters and weapons.",
        "Security forces conducted operations against {g} in cooperation with regional partners.",
    ],
    "legislation": [
        "The judiciary prosecuted several terrorism-related cases during the year.",
        "Law enforcement units had a poor record on accountability and respect for human rights.",
        "Customs officials monitored the flow of goods at borders and ports of entry, but their effectiveness was limited.",
        "The national police and the gendarmerie shared responsibility for border security.",
        "{c} participated in the Department of State's Antiterrorism Assistance program.",
        "Border security remained a challenge along the country's long and porous frontiers.",
        "Travel documents were vulnerable to fraud, and biometric screening was unavailable at most points of entry.",
        "The counterterrorism legal framework criminalizes terrorist acts and material support to terrorist groups.",
        "Prosecutors lacked the training and resources to build cases based on digital evidence.",
        "The United States continued to work with {c} to expand the use of the PISCES border security system.",
    ],
    "financing": [
        "{c} is a member of a Financial Action Task Force-style regional body.",
        "Its financial intelligence unit is a member of {o}.",
        "Most transactions in {c} are cash-based and difficult to regulate.",
        "Informal money transfer systems remained widespread and largely unregulated.",
        "Implementation of asset-freezing provisions remained incomplete.",
    ],
    "violent_extremism": [
        "The Ministry of Religious Affairs worked with religious leaders to counter violent extremist messaging.",
        "Civil society organizations ran programs for youth at risk of radicalization.",
        "The government's strategy to counter violent extremism remained under development.",
    ],
    "cooperation": [
        "{c} participated in {o} and other regional and international bodies.",
        "{c} cooperated with its neighbors on border security and information sharing.",
        "{c} hosted regional meetings on countering terrorism and transnational organized crime.",
        "The military participated in multinational operations under the mandate of {o}.",
    ],
}


def _latest_headings() -> dict[str, str]:
    """Each section's heading as its latest era spells it (section_headings.csv; the first row
    of an era wins), in the order of sections.csv."""
    latest: dict[str, HeadingVariant] = {}
    for variant in load_headings():
        best = latest.get(variant.key)
        if best is None or (variant.last_year, variant.first_year) > (
            best.last_year,
            best.first_year,
        ):
            latest[variant.key] = variant
    return {key: latest[key].heading for key in canonical_keys()}


HEADINGS = _latest_headings()
"""`{year}` stands for the chapter's year."""
SIZES = {
    "overview": 12,
    "legislation": 74,
    "financing": 20,
    "violent_extremism": 14,
    "cooperation": 18,
}
EDITS = [
    ("remained", "continued to be"),
    ("several", "numerous"),
    ("limited", "constrained"),
    ("continued", "kept"),
    ("worked", "cooperated"),
    ("the government", "the authorities"),
]
PLACES = ["the capital", "the north", "the border region", "the eastern province", "the south"]


@dataclass
class CountryState:
    """What a country's chapter says, evolving year after year."""

    country: Country
    rng: random.Random
    sections: dict[str, list[str]] = field(default_factory=dict)
    towns: list[str] = field(default_factory=list)


def _sentence(key: str, state: CountryState) -> str:
    template = state.rng.choice(TEMPLATES[key])
    text = template.format(
        c=state.country.name, g=state.rng.choice(GROUPS), o=state.rng.choice(ORGS)
    )
    return text[0].upper() + text[1:]


def _evolve(sentences: list[str], key: str, state: CountryState, size: int) -> list[str]:
    """Keep about two thirds verbatim, edit some, drop some, add new ones."""
    rng = state.rng
    out = []
    for sentence in sentences:
        roll = rng.random()
        if roll < 0.10:
            continue
        if roll < 0.25:
            old, new = rng.choice(EDITS)
            sentence = (
                sentence.replace(old, new, 1) if old in sentence else sentence + " This continued."
            )
        out.append(sentence)
    while len(out) < size:
        out.insert(rng.randrange(len(out) + 1), _sentence(key, state))
    return out


def _incidents(year: int, state: CountryState) -> list[str]:
    rng = state.rng
    bullets = []
    for _ in range(rng.randint(4, 8)):
        month = rng.choice(MONTHS.split())
        day = rng.randint(1, 28)
        town = rng.choice(state.towns)
        group = rng.choice(GROUPS).split(" (")[0]
        killed = rng.randint(1, 40)
        kind = rng.choice(
            [
                "an attack against a military base",
                "an IED attack on a convoy",
                "a suicide bombing at a market",
                "an ambush on a police patrol",
            ]
        )
        bullets.append(
            f"On {month} {day}, {kind} in {town} killed at least {killed} people and wounded "
            f"{rng.randint(2, 60)}. {group} claimed responsibility."
        )
    return bullets


def chapter(state: CountryState, year: int) -> str:
    """One year's chapter; `state` carries the text over to the next year."""
    rng = state.rng
    if not state.sections:
        state.towns = [
            f"{slugify(state.country.name).split('-')[0].title()}{s}"
            for s in ("ville", " City", "abad", "kro", " Town")
        ]
        state.sections = {k: [_sentence(k, state) for _ in range(n)] for k, n in SIZES.items()}
    else:
        state.sections = {k: _evolve(v, k, state, SIZES[k]) for k, v in state.sections.items()}
    lines = [f"Country Reports on Terrorism {year}: {state.country.name}", ""]
    for key in HEADINGS:
        heading = HEADINGS[key].replace("{year}", str(year))
        if key == "incidents":
            lead = (
                f"Terrorist groups carried out attacks in {rng.choice(PLACES)} during the year. "
                "Terrorist incidents included:"
            )
            lines += [f"{heading}: {lead}", ""]
            lines += [f"  • {b}" for b in _incidents(year, state)]
            lines.append("")
            continue
        sentences = state.sections[key]
        paragraphs = [sentences[i : i + 5] for i in range(0, len(sentences), 5)]
        lines.append(f"{heading}: " + " ".join(paragraphs[0]))
        lines.append("")
        for paragraph in paragraphs[1:]:
            lines += [" ".join(paragraph), ""]
    return "\n".join(lines)


def write_archive(
    folder: Path, countries: list[Country], years: list[int], limit: int, seed: int = 2016
) -> list[Path]:
    """Up to `limit` chapters, country by country, under folder/raw/<slug>/<year>.txt."""
    written: list[Path] = []
    for index, country in enumerate(countries):
        state = CountryState(country, random.Random(seed + index))
        for year in years:
            if len(written) == limit:
                return written
            path = folder / "raw" / country.slug / f"{year}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(chapter(state, year), encoding="utf-8")
            written.append(path)
    return written
