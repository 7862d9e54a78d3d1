"""Facts read from a chapter: incidents, groups, legal measures, organisations, with evidence."""

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from crtdiff.schemas.base import GroupId, IsoPartialDate, Offset, SectionKey, StrictModel

Count = Annotated[int, Field(ge=0)]


class Evidence(StrictModel):
    """The source sentence a fact was read from, with its span in CountryReport.body."""

    section: SectionKey
    """Section holding the sentence."""
    sentence: str
    """The sentence exactly as it stands in the body."""
    start: Offset
    """Offset of the sentence's first character in the body."""
    end: Offset
    """Offset just past the sentence's last character in the body."""

    @model_validator(mode="after")
    def _span_matches_sentence(self) -> "Evidence":
        if self.end - self.start != len(self.sentence):
            raise ValueError("evidence span length differs from the sentence length")
        return self


class Mention(StrictModel):
    """One place where a name occurs: the surface form, its span and its sentence."""

    text: str
    """The name as written."""
    start: Offset
    """Offset of the name in the body."""
    end: Offset
    """Offset just past the name in the body."""
    evidence: Evidence
    """The sentence containing the name."""


class DatePrecision(StrEnum):
    """How precise a date is, after GTD/ACLED practice: never invent a day that is not given."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"


class IncidentKind(StrEnum):
    """Kind of attack, after the GTD attack types."""

    ARMED_ASSAULT = "armed_assault"
    BOMBING = "bombing"
    SUICIDE_OR_VBIED = "suicide_or_vbied"
    KIDNAPPING = "kidnapping"
    ROCKET_MORTAR = "rocket_mortar"
    ASSASSINATION = "assassination"
    OTHER = "other"


class Target(StrEnum):
    """Main target of an incident."""

    MILITARY = "military"
    UN_PEACEKEEPERS = "un_peacekeepers"
    POLICE = "police"
    CIVILIANS = "civilians"
    FOREIGNERS = "foreigners"
    GOVERNMENT = "government"
    OTHER = "other"


class Attribution(StrEnum):
    """Who the text says did it, and how sure it is: claimed and suspected are different facts."""

    CLAIMED = "claimed"
    SUSPECTED = "suspected"
    UNCLAIMED = "unclaimed"
    UNKNOWN = "unknown"


class TollFlag(StrEnum):
    """Qualifiers of a casualty figure."""

    AT_LEAST = "at_least"
    ESTIMATED = "estimated"
    COMPETING = "competing"


class TollKind(StrEnum):
    """Which casualty figure a stated number is."""

    KILLED = "killed"
    WOUNDED = "wounded"
    KIDNAPPED = "kidnapped"


class StatedFigure(StrictModel):
    """One casualty figure as a source states it, kept when sources disagree."""

    toll: TollKind
    value: Count
    """The figure (a lower bound when flagged "at least")."""
    flags: list[TollFlag] = Field(default_factory=list)
    """Qualifiers of this figure ("at least", "an estimated")."""
    text: str
    """The figure's phrase as written ("at least 20")."""
    source: str | None = None
    """Who gives the figure, as written ("the army said", "media reported"); null when the
    text does not say."""


class Incident(StrictModel):
    """One incident of the report year in the chapter's incidents section."""

    id: str
    """Stable key: date, place and kind, unique within the report."""
    date: IsoPartialDate
    """Start date as precise as the text gives it."""
    date_end: IsoPartialDate | None = None
    """End date for ranges ("June 18-19", "from May 16 to 25")."""
    date_precision: DatePrecision
    """Precision of `date`."""
    date_text: str
    """The date phrase as written."""
    place: str | None = None
    """Place as written (town, site)."""
    place_canonical: str | None = None
    """The place's name in data/reference/places.csv ("Tillabery" and "Tillabéri" are both
    Tillaberi); null when the table does not list it."""
    region: str | None = None
    """The region (region, state, province, governorate) the text names with the place, as
    written ("Bosso town in the Diffa region": Diffa); null when none is written."""
    country: str | None = None
    """Canonical country where it happened (not always the chapter's country)."""
    kind: IncidentKind
    target: Target
    perpetrators: list[GroupId] = Field(default_factory=list)
    """Canonical group ids named as responsible."""
    attribution: Attribution
    killed_min: Count | None = None
    """Lower bound of people killed; null when the text gives no figure (unknown is not zero)."""
    wounded_min: Count | None = None
    """Lower bound of people wounded; null when not given."""
    kidnapped_min: Count | None = None
    """Lower bound of people kidnapped; null when not given."""
    toll_flags: list[TollFlag] = Field(default_factory=list)
    """Qualifiers of the figures ("at least", "an estimated", competing counts)."""
    competing_figures: list[StatedFigure] = Field(default_factory=list)
    """Every figure of a class whose sources disagree, as stated, with its source; the `*_min`
    field holds the lowest. Empty when no figures compete."""
    evidence: Evidence
    """The sentence that dates the incident (in the incidents section or any other)."""


class ReferenceReason(StrEnum):
    """Why an incident is only referenced, not counted as this year's incident in this country."""

    EARLIER_YEAR = "earlier_year"
    OTHER_COUNTRY = "other_country"


class ReferencedIncident(StrictModel):
    """An incident mentioned in passing: from an earlier year or in another country."""

    id: str
    """Stable key: date, place and kind."""
    date: IsoPartialDate | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    place: str | None = None
    """Place as written."""
    place_canonical: str | None = None
    """The place's name in places.csv; null when the table does not list it."""
    country: str | None = None
    kind: IncidentKind
    reason: ReferenceReason
    evidence: Evidence


class AggregateToll(StrictModel):
    """A summary figure over a period ("25 UN peacekeepers were killed through September")."""

    victims: str
    """Who, as written ("UN peacekeepers")."""
    killed_min: Count | None = None
    wounded_min: Count | None = None
    kidnapped_min: Count | None = None
    toll_flags: list[TollFlag] = Field(default_factory=list)
    competing_figures: list[StatedFigure] = Field(default_factory=list)
    """Figures of competing sources, as stated (see Incident.competing_figures)."""
    evidence: Evidence


class Group(StrictModel):
    """A terrorist group named in the chapter, normalised through the gazetteer."""

    id: GroupId
    name: str
    """Canonical name."""
    acronym: str | None = None
    from_gazetteer: bool = True
    """False when the group is known only from an acronym defined in the text."""
    mentions: list[Mention]


class LegalMeasureKind(StrEnum):
    """Kind of legal or policy measure."""

    LAW = "law"
    DECREE = "decree"
    PENAL_CODE = "penal_code"
    STATE_OF_EMERGENCY = "state_of_emergency"
    CONVICTION = "conviction"
    STRATEGY = "strategy"
    AGREEMENT = "agreement"
    ASSET_FREEZE = "asset_freeze"
    UNIT = "unit"
    ARREST_WARRANT = "arrest_warrant"
    EXTRADITION = "extradition"
    DESIGNATION = "designation"
    """A terrorist designation or listing of a group or person."""
    RATIFICATION = "ratification"
    """Ratification of (or accession to) a convention or treaty."""
    REPARATIONS_ORDER = "reparations_order"
    """A court's order to pay reparations (not a conviction)."""


class LegalStatus(StrEnum):
    """Status of a measure where the text gives it."""

    DRAFTED = "drafted"
    PROPOSED = "proposed"
    PASSED = "passed"
    ADOPTED = "adopted"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    IMPLEMENTED = "implemented"
    EXTENDED = "extended"
    SENTENCED = "sentenced"
    ISSUED = "issued"
    """Issued by a court or authority (arrest warrants, orders)."""


class LegalMeasure(StrictModel):
    """A law, decree, conviction, strategy, agreement or similar measure."""

    id: str
    """Stable key: kind and a slug of the measure's subject."""
    kind: LegalMeasureKind
    status: LegalStatus | None = None
    date: IsoPartialDate | None = None
    date_precision: DatePrecision | None = None
    subject: str
    """Short name of what the measure is about, e.g. "national strategy for the prevention of
    radicalization, terrorism, and violent extremism": a contiguous span of the sentence."""
    summary: str
    """The clause of the evidence sentence that states the measure: the sentence itself or a
    contiguous span of it, starting and ending on a word, no word left out inside."""
    evidence: Evidence


class OrganisationKind(StrEnum):
    """Kind of international body, partnership or programme."""

    INTERNATIONAL_BODY = "international_body"
    FINANCIAL_BODY = "financial_body"
    PARTNERSHIP = "partnership"
    PROGRAMME = "programme"
    MISSION = "mission"
    MILITARY_OPERATION = "military_operation"
    LAW_ENFORCEMENT_BODY = "law_enforcement_body"
    SANCTIONS_REGIME = "sanctions_regime"


class Organisation(StrictModel):
    """An international body, partnership, programme, mission or operation the chapter names."""

    id: str
    name: str
    acronym: str | None = None
    kind: OrganisationKind
    mentions: list[Mention]
