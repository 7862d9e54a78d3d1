"""Find the sentence holding a span, and express it as Evidence."""

from bisect import bisect_right
from typing import NamedTuple

from crtdiff.schemas import CountryReport, Evidence, Sentence


class LocatedSentence(NamedTuple):
    """A sentence with the key of its section (a named tuple: one is made per sentence, and
    a frozen dataclass takes four times as long to make)."""

    section: str
    sentence: Sentence

    def evidence(self) -> Evidence:
        """The sentence as Evidence."""
        s = self.sentence
        return Evidence(section=self.section, sentence=s.text, start=s.start, end=s.end)


class SentenceIndex:
    """All sentences of a report ordered by offset, for span → sentence lookups."""

    def __init__(self, report: CountryReport) -> None:
        located = [
            LocatedSentence(section.key, sentence)
            for section in report.sections
            for sentence in section.sentences
        ]
        self.sentences = sorted(located, key=lambda x: x.sentence.start)
        self._starts = [x.sentence.start for x in self.sentences]

    def at(self, offset: int) -> LocatedSentence | None:
        """The sentence containing a body offset, if any."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        candidate = self.sentences[index]
        return candidate if offset < candidate.sentence.end else None
