"""What a chapter or a comparison gives its country's timeline (its summary, search record
and table rows), kept in the result store attached to its report or diff (sealed apart in the
same file): a timeline is rebuilt without decoding the reports and diffs themselves, and a
result costs one file of the store instead of two."""

from typing import Annotated, Any, ClassVar, TypeVar

import msgspec
from pydantic import BaseModel, ConfigDict, PlainSerializer, PlainValidator

from crtdiff.reports.search import SearchRecord, chapter_record, pair_record
from crtdiff.reports.summaries import ChapterSummary, PairSummary
from crtdiff.reports.tables import diff_rows, report_rows
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff

S = TypeVar("S", ChapterSummary, PairSummary)


def _summary(kind: type[S], value: object) -> S:
    """A summary field's value checked as its Struct (decoded JSON comes as plain values)."""
    if isinstance(value, kind):
        return value
    try:
        return msgspec.convert(value, kind)
    except msgspec.ValidationError as exc:
        raise ValueError(str(exc)) from exc


_AS_STORED = PlainSerializer(msgspec.to_builtins)
"""A summary (a msgspec Struct) written by a pydantic model as msgspec writes it."""


class _Parts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    KIND: ClassVar[str]
    """The result store's kind of the result such parts are attached to."""

    render: str
    """The digest of the code that made them (Keys.render): they are made by the pages' code
    but stored with a report or diff, whose key covers only the parsing or comparing code, so
    parts made by other page code are made again rather than read back stale."""
    search: SearchRecord
    rows: dict[str, list[dict[str, Any]]]


class ChapterParts(_Parts):
    """A chapter's summary, search record and table rows."""

    KIND = "reports"
    summary: Annotated[
        ChapterSummary, PlainValidator(lambda v: _summary(ChapterSummary, v)), _AS_STORED
    ]

    @classmethod
    def of(cls, report: CountryReport, render: str) -> "ChapterParts":
        """The parts of a parsed chapter, made by the code of digest `render` (made here of
        their types: not validated again)."""
        return cls.model_construct(
            render=render,
            summary=ChapterSummary.of(report),
            search=chapter_record(report),
            rows=report_rows(report),
        )


class PairParts(_Parts):
    """A comparison's summary, search record and table rows."""

    KIND = "diffs"
    summary: Annotated[PairSummary, PlainValidator(lambda v: _summary(PairSummary, v)), _AS_STORED]

    @classmethod
    def of(cls, diff: YearDiff, render: str) -> "PairParts":
        """The parts of a comparison, made by the code of digest `render` (made here of their
        types: not validated again)."""
        return cls.model_construct(
            render=render,
            summary=PairSummary.of(diff),
            search=pair_record(diff),
            rows=diff_rows(diff),
        )
