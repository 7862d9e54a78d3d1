from crtdiff.ingest.language import WordCounts, sample_counts, word_counts
from crtdiff.schemas import CountryReport


def test_small_words_of_each_language_are_counted_as_whole_words() -> None:
    counts = word_counts("The army and the police; Les forces de la paix. Theory (and)")
    assert counts == WordCounts(english=4, french=2, words=12)


def test_reading_sentence_by_sentence_counts_as_the_whole_sample(
    seed_report: CountryReport,
) -> None:
    body = seed_report.body
    spans = sorted((s.start, s.end) for sec in seed_report.sections for s in sec.sentences)
    for limit in (len(body), 5000, spans[3][1], spans[3][1] - 2):
        assert sample_counts(body, spans, limit) == word_counts(body[:limit])
        assert sample_counts(body, spans, limit) == word_counts(body[:limit])  # cached now


def test_pieces_that_cut_a_word_fall_back_to_the_whole_sample() -> None:
    text = "The army and the police. Les forces de la paix."
    assert sample_counts(text, [(0, 6), (8, 24)], 100) == word_counts(text)
