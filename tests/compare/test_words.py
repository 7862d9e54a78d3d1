"""Words and normal forms are cached by text: a caller can never change what the next gets."""

from crtdiff.compare.words import comparable_words, content_words, normalized_sentence


def test_a_callers_list_is_its_own() -> None:
    text = "On May 3, al-Qa’ida’s fighters attacked Gao."
    first = comparable_words(text)
    first.append("extra")
    assert comparable_words(text) == [
        "on",
        "may",
        "3",
        "al",
        "qa'ida's",
        "fighters",
        "attacked",
        "gao",
    ]
    assert content_words(text) == ["on", "al", "qa'ida's", "fighters", "attacked", "gao"]


def test_normal_form_folds_quotes_and_spacing() -> None:
    assert normalized_sentence("The  “law”\u2019s\n text.") == 'The "law"\'s text.'
