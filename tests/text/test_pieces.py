"""A text cut into pieces at its sentences: the sentences and what stands between them, in
order, or nothing when a sentence's edge could cut a word."""

from crtdiff.text.pieces import pieces


def test_sentences_and_what_stands_between_them_in_order() -> None:
    text = "Overview: Boko Haram attacked. • Troops responded.  "
    spans = [(10, 30), (33, 50)]
    found = pieces(text, spans)
    assert found is not None
    assert [text[s:e] for s, e in found] == [
        "Overview: ",
        "Boko Haram attacked.",
        " • ",
        "Troops responded.",
    ]  # the trailing spaces, whitespace alone, are no piece


def test_the_pieces_cover_every_non_space_character() -> None:
    text = "A. B c. D e f."
    found = pieces(text, [(0, 2), (3, 7), (8, 14)])
    assert found is not None
    assert " ".join(text[s:e] for s, e in found).split() == text.split()


def test_spans_that_could_cut_a_word_give_no_pieces() -> None:
    text = "Boko Haram attacked Maiduguri. Troops responded."
    assert pieces(text, [(0, 7), (8, 30)]) is None  # "Boko Ha" | "ram ..."
    assert pieces(text, [(0, 30), (20, 48)]) is None  # overlapping
    assert pieces(text, [(31, 48), (0, 30)]) is None  # out of order


def test_each_caller_gets_its_own_pieces() -> None:
    """The cut is kept for the next caller with the same text and spans (the language check,
    then the names): a list one changes is not the next one's."""
    text = "Boko Haram attacked. Troops responded."
    spans = [(0, 20), (21, 38)]
    first = pieces(text, spans)
    assert first is not None
    first.append((0, 1))
    assert pieces(text, list(spans)) == [(0, 20), (21, 38)]
    assert pieces(text, [(0, 38)]) == [(0, 38)]  # other spans, another cut
    assert pieces(text, [(0, 8)]) is None  # "Boko Har" | "am ...": the text is read at once
