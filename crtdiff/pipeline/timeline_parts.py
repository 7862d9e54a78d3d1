"""What a chapter or a comparison gives its country's timeline (its summary, search record
and table rows), kept in the result store as one entry beside its report or diff: a timeline
is rebuilt without loading the reports and diffs themselves, and a result costs one write of
the store instead of three."""

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from crtdiff.reports.search import SearchRecord, chapter_record, pair_record
from crtdiff.reports.summaries import ChapterSummary, PairSummary
from crtdiff.reports.tables import diff_rows, report_rows
from crtdiff.schemas import CountryReport
from crtdiff.schemas.diff import YearDiff


class _Parts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    KIND: ClassVar[str]
    """The result store's kind of such parts."""

    search: SearchRecord
    rows: dict[str, list[dict[str, Any]]]


class ChapterParts(_Parts):
    """A chapter's summary, search record and table rows."""

    KIND = "chapters"
    summary: ChapterSummary

    @classmethod
    def of(cls, report: CountryReport) -> "ChapterParts":
        """The parts of a parsed chapter."""
        return cls(
            summary=ChapterSummary.of(report),
            search=chapter_record(report),
            rows=report_rows(report),
        )


class PairParts(_Parts):
    """A comparison's summary, search record and table rows."""

    KIND = "pairs"
    summary: PairSummary

    @classmethod
    def of(cls, diff: YearDiff) -> "PairParts":
        """The parts of a comparison."""
        return cls(summary=PairSummary.of(diff), search=pair_record(diff), rows=diff_rows(diff))
