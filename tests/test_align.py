"""Align: one sentence per article per fact, groups that stay coherent, fact records."""

from __future__ import annotations

import numpy as np

from crossbrief.records import Attribution, Derivation, SentenceExtraction, TimeExpression
from crossbrief.stages.align import Unit, build_fact, content_words, group_sentences, nearest_pairs, same_claim


def normalised(rows):
    m = np.asarray(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_nearest_pairs_skip_same_article_and_low_similarity():
    vectors = normalised([[1, 0], [1, 0.05], [0, 1], [1, 0.01]])
    pairs = nearest_pairs(vectors, ["a", "b", "c", "a"], k=3, floor=0.9)
    assert {(i, j) for _, i, j in pairs} == {(0, 1), (1, 3)}


def test_nearest_pairs_keep_each_rows_top_k_above_the_floor():
    rng = np.random.default_rng(3)
    vectors = normalised(rng.normal(size=(300, 8)))
    owners = [f"a{n % 20}" for n in range(300)]
    for k, floor in ((5, -1.0), (5, 0.5), (40, 0.2)):  # crowded rows, some, none
        sims = vectors @ vectors.T
        expected = set()
        for i in range(300):
            others = [j for j in range(300) if owners[j] != owners[i] and sims[i, j] >= floor]
            for j in sorted(others, key=lambda j: -sims[i, j])[:k]:
                expected.add((min(i, j), max(i, j)))
        assert {(i, j) for _, i, j in nearest_pairs(vectors, owners, k=k, floor=floor)} == expected


def test_group_sentences_one_per_article_and_translations_join():
    units = [Unit("a", 0, "x", "en"), Unit("a", 1, "y", "en"), Unit("b", 0, "z", "en"), Unit("fr", 0, "w", "fr")]
    vectors = normalised([[1, 0, 0], [1, 0.02, 0], [1, 0.01, 0], [0, 0, 1]])
    translation = Derivation("fr", "b", "translation", 1, 1.0, ((0, 0),))
    groups = group_sentences(units, vectors, [translation])
    joined = next(g for g in groups if 2 in g)
    assert {units[m].article for m in joined} == {"a", "b", "fr"}  # b joined a once, fr via translation
    assert sum(1 for m in joined if units[m].article == "a") == 1


def test_group_sentences_a_contrast_never_supports_the_plain_claim():
    plain = "The visit is primarily a gesture to keep Kim's support."
    contrast = "The visit is not just a diplomatic gesture but a strategic move."
    units = [Unit("a", 0, plain, "en"), Unit("b", 0, contrast, "en"), Unit("c", 0, plain, "en")]
    vectors = normalised([[1, 0], [1, 0.01], [1, 0.02]])  # the words say the same to the model
    groups = group_sentences(units, vectors, [])
    assert [0, 2] in groups and [1] in groups


def test_group_sentences_one_topic_is_not_one_claim():
    # At cosine 0.75 the model says "same topic"; the words decide whether it is one claim.
    denounced = "By 1942 the archbishop denounced the regime's genocidal policies against minorities."
    sympathiser = "Critics have long viewed the archbishop as a wartime sympathizer with the puppet regime."
    restated = "The archbishop denounced the genocidal policies of the regime by 1942, historians say."
    at_075 = [[1, 0], [0.75, np.sqrt(1 - 0.75**2)]]
    apart = group_sentences([Unit("a", 0, denounced, "en"), Unit("b", 0, sympathiser, "en")], normalised(at_075), [])
    joined = group_sentences([Unit("a", 0, denounced, "en"), Unit("b", 0, restated, "en")], normalised(at_075), [])
    assert apart == [[0], [1]] and joined == [[0, 1]]
    # Close enough in the model, a paraphrase joins whatever its words.
    assert same_claim(0.85, content_words(denounced), content_words(sympathiser))
    # Sharing most words, a little further apart in the model; never below GROUP_MIN_SIM.
    assert same_claim(0.65, content_words(denounced), content_words(restated))
    assert not same_claim(0.59, content_words(denounced), content_words(denounced))


def test_build_fact_counts_sources_and_prefers_original_wording():
    units = [
        Unit("orig", 0, "The tanker was seized on Tuesday.", "en"),
        Unit("copy", 0, "The tanker was seized on Tuesday, officials said.", "en"),
        Unit("other", 3, "Officials seized the tanker on Tuesday.", "en"),
    ]
    vectors = normalised([[1, 0.1], [1, 0.12], [1, 0.3]])
    day = TimeExpression(24, 31, "Tuesday", "DATE", "2025-03-04", "day", "publication")
    exs = [
        SentenceExtraction("orig", 0, times=(day,)),
        SentenceExtraction("copy", 0, attribution=Attribution("officials", None, "said")),
        SentenceExtraction("other", 3),
    ]
    fact = build_fact([0, 1, 2], units, vectors, exs, {"orig": "orig", "copy": "orig", "other": "other"}, {"copy"})
    assert fact.independent_sources == 2 and fact.articles == ("orig", "copy", "other")
    assert fact.text == "The tanker was seized on Tuesday."  # the origin's words, not the copy's
    assert fact.date == "2025-03-04" and fact.attributed_to == ("officials",)


def test_group_sentences_keep_items_of_a_series_apart():
    # "stage 13" and "stage 15" name two results: never one fact, however close the words.
    units = [
        Unit("a", 0, "Vinokourov of Kazakhstan has won stage 13 of the Tour de France.", "en"),
        Unit("b", 0, "Vinokourov of Kazakhstan has won stage 15 of the Tour de France.", "en"),
        Unit("c", 0, "Vinokourov of Kazakhstan won the 13th stage of the Tour de France.", "en"),
    ]
    vectors = normalised([[1, 0], [1, 0.01], [1, 0.02]])
    assert group_sentences(units, vectors, []) == [[0, 2], [1]]


def test_group_sentences_join_reports_of_one_dated_event():
    # The seeds' two outlets on one event, in words the sentence model puts at 0.69.
    panel = "Russia voted in March for the dissolution of the UN panel monitoring sanctions on North Korea."
    veto = "In March, a Russian veto at the United Nations ended monitoring of sanctions against North Korea."
    units = [Unit("a", 0, panel, "en"), Unit("b", 0, veto, "en")]
    at_065 = normalised([[1, 0], [0.65, np.sqrt(1 - 0.65**2)]])
    pairs = nearest_pairs(at_065, ["a", "b"], k=1, floor=0.5)
    march_un = frozenset({("2024-03", "UN Security Council")})
    assert group_sentences(units, at_065, [], pairs, events=[march_un, march_un]) == [[0, 1]]
    # not without the event, nor with another month, nor further apart than GROUP_MIN_SIM
    assert group_sentences(units, at_065, [], pairs) == [[0], [1]]
    april_un = frozenset({("2024-04", "UN Security Council")})
    assert group_sentences(units, at_065, [], pairs, events=[march_un, april_un]) == [[0], [1]]
    at_055 = normalised([[1, 0], [0.55, np.sqrt(1 - 0.55**2)]])
    far = nearest_pairs(at_055, ["a", "b"], k=1, floor=0.5)
    assert group_sentences(units, at_055, [], far, events=[march_un, march_un]) == [[0], [1]]
