import pytest

from crtdiff.text.sentences import sentence_spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Department of State trained police. The program continued.",
        "Under Resolution No. 2178 Mali acted. The program continued.",
        "Gen. Smith met officials in Bamako. The program continued.",
        "Abu Bakr A. Shekau led the group. The program continued.",
        "The U.N. Security Council met. The program continued.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert len(split(text)) == 2


def test_us_then_sentence_starter_does_split() -> None:
    assert split("Mali cooperated with the U.S. The government also acted.") == [
        "Mali cooperated with the U.S.",
        "The government also acted.",
    ]


def test_quotes_and_offsets() -> None:
    text = "  It was called “Program A.” Then it ended!  Why? Nobody knows  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "It was called “Program A.”",
        "Then it ended!",
        "Why?",
        "Nobody knows",
    ]


def test_decimal_numbers_and_lowercase_continuations() -> None:
    assert len(split("It cost 1.5 million francs. Then it ended.")) == 2
    assert len(split("Officials met in Bamako. and then left.")) == 1
    assert len(split("Losses were 2.5 percent of GDP in 2016.")) == 1
