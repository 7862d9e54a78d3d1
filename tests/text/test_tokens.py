import pytest

from crtdiff.schemas import CountryReport
from crtdiff.text.tokens import PieceOffsets, Tokens, tokenize, tokenize_pieces


def _rows(tokens: Tokens) -> list[tuple[str, str, int, int]]:
    return list(zip(tokens.raw, tokens.folded, tokens.start, tokens.end, strict=True))


def test_words_keep_inner_apostrophes_and_drop_a_possessive() -> None:
    text = "AQIM’s leader and al-Qa’ida in Ségou; JNIM's fighters"
    assert _rows(tokenize(text)) == [
        ("AQIM", "aqim", 0, 4),
        ("leader", "leader", 7, 13),
        ("and", "and", 14, 17),
        ("al", "al", 18, 20),
        ("Qa'ida", "qaida", 21, 27),
        ("in", "in", 28, 30),
        ("Ségou", "segou", 31, 36),
        ("JNIM", "jnim", 38, 42),
        ("fighters", "fighters", 45, 53),
    ]


def test_reading_sentence_by_sentence_gives_the_tokens_of_the_whole_body(
    seed_report: CountryReport,
) -> None:
    body = seed_report.body
    spans = sorted((s.start, s.end) for sec in seed_report.sections for s in sec.sentences)
    assert _rows(tokenize_pieces(body, spans)) == _rows(tokenize(body))
    # Read again (sentences from the cache): the same.
    assert _rows(tokenize_pieces(body, spans)) == _rows(tokenize(body))


def test_pieces_that_cut_a_word_fall_back_to_the_whole_text() -> None:
    text = "Boko Haram attacked Maiduguri. Troops responded."
    cut = [(0, 7), (8, 30)]  # "Boko Ha" | "ram attacked Maiduguri."
    assert _rows(tokenize_pieces(text, cut)) == _rows(tokenize(text))
    overlapping = [(0, 30), (20, 48)]
    assert _rows(tokenize_pieces(text, overlapping)) == _rows(tokenize(text))


def test_text_between_pieces_is_read_too() -> None:
    text = "Overview: Boko Haram attacked. • Troops responded."
    spans = [(10, 30), (33, 50)]
    assert tokenize_pieces(text, spans).raw == tokenize(text).raw
    assert "Overview" in tokenize_pieces(text, spans).raw


def test_piece_offsets_read_as_the_shifted_offsets_they_stand_for() -> None:
    offsets = PieceOffsets()
    offsets.add(10, [0, 5])
    offsets.add(20, [])
    offsets.add(30, [1, 2, 7])
    assert list(offsets) == [10, 15, 31, 32, 37]
    assert len(offsets) == 5
    assert offsets[-1] == 37
    assert offsets[1:4] == [15, 31, 32]
    with pytest.raises(IndexError):
        offsets[5]


def test_piece_offsets_joined_read_as_added() -> None:
    """Offsets gathered by the caller (a body's starts and ends share where each piece's
    tokens begin and where the piece stands) read as those added piece by piece."""
    added = PieceOffsets()
    for shift, part in [(10, [0, 5]), (20, []), (30, [1, 2, 7])]:
        added.add(shift, part)
    joined = PieceOffsets.joined([0, 2, 2], [10, 20, 30], [[0, 5], [], [1, 2, 7]], 5)
    assert list(joined) == list(added) == [10, 15, 31, 32, 37]
    assert joined[-1] == 37
    assert joined[1:4] == [15, 31, 32]
