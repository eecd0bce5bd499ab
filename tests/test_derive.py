"""Derivations: order-preserving alignment, decisions, direction, source groups."""

from __future__ import annotations

from datetime import date

import numpy as np

from crossbrief.records import Article, Derivation, Sentence
from crossbrief.stages import derive


def article(aid, sentences, published=None, language="en", outlet=None):
    text, spans, at = "", [], 0
    for n, s in enumerate(sentences):
        spans.append(Sentence(n, at, at + len(s), s))
        text += s + " "
        at += len(s) + 1
    return Article(
        id=aid,
        content_hash=aid,
        format="text",
        source=aid,
        text=text.strip(),
        sentences=tuple(spans),
        language=language,
        published=published,
        outlet=outlet,
    )


def test_align_order_preserving_keeps_order_and_threshold():
    sim = np.array([[0.9, 0.1, 0.1], [0.1, 0.2, 0.95], [0.1, 0.8, 0.1]])
    # (1,2) and (2,1) cross; the best monotone alignment keeps (0,0) and one of them.
    pairs = derive.align_order_preserving(sim, 0.7)
    assert pairs == [(0, 0), (1, 2)]
    assert all(a < c and b < d for (a, b), (c, d) in zip(pairs, pairs[1:]))
    assert derive.align_order_preserving(sim, 0.99) == []


def test_run_share_counts_nearby_steps():
    assert derive.run_share([(0, 0), (1, 1), (2, 3), (9, 20)]) == 2 / 3
    assert derive.run_share([(0, 0)]) == 0.0


def test_anchor_similarity_pairs_translated_sentences():
    fr = ["Le traité signé par Marchetti et Tolvaj prévoit 15 % de réduction d'ici 2030.", "Rien à voir ici."]
    en = ["The treaty signed by Marchetti and Tolvaj foresees a 15 % cut by 2030.", "Nothing else here."]
    sim = derive.anchor_similarity(fr, en)
    assert sim[0, 0] > 0.6 and sim[1, 1] == 0.0


def test_direction_rules():
    old = article("a", ["x"] * 3, published=date(2025, 3, 4))
    new = article("b", ["x"] * 3, published=date(2025, 3, 5))
    undated = article("c", ["x"] * 9)
    french = article("d", ["x"] * 3, language="fr")
    assert derive._direction(new, old, "rewrite") == (old, new, True)  # the earlier published first
    assert derive._direction(french, undated, "translation") == (french, undated, True)
    # without two dates nothing says which came first: a longer text may be a write-through
    # of the shorter, or the shorter a trim of the longer; the pair only shares an origin
    assert derive._direction(undated, old, "rewrite")[2] is False
    longer, shorter = article("e", ["x"] * 9), article("f", ["x"] * 5)
    assert derive._direction(shorter, longer, "copy")[2] is False
    same_day = article("g", ["x"] * 4, published=date(2025, 3, 4))
    assert derive._direction(same_day, old, "rewrite")[2] is False


def _views(*articles_and_vectors):
    return [derive.ArticleView.of(a, v) for a, v in articles_and_vectors]


def test_compare_finds_rewrite_and_ignores_scattered_overlap():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(8, 16))
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    noise = rng.normal(scale=0.15, size=base.shape)
    rewritten = (base + noise) / np.linalg.norm(base + noise, axis=1, keepdims=True)
    a = article("origin", [f"sentence {i} of the origin." for i in range(8)], published=date(2025, 1, 1))
    b = article("rewrite", [f"the rewrite says {i}." for i in range(8)], published=date(2025, 1, 2))
    found = derive.compare(*_views((a, base), (b, rewritten)))
    assert found is not None and (found.origin, found.derived, found.kind) == ("origin", "rewrite", "rewrite")
    assert found.aligned_sentences >= 6
    # Same facts in a different order: not a rewrite.
    shuffled = rewritten[[7, 3, 5, 0, 6, 2, 4, 1]]
    assert derive.compare(*_views((a, base), (b, shuffled))) is None


def _blend(base: np.ndarray, other: np.ndarray, cosine: float) -> np.ndarray:
    """Unit rows at exactly ``cosine`` to ``base``'s rows (``other`` orthogonal to base)."""
    return cosine * base + np.sqrt(1 - cosine**2) * other


def test_compare_a_short_loose_alignment_is_no_derivation():
    # a 6-sentence story whose first 4 sentences match a long report in order: at cosine
    # 0.7 that is what two reports of one event share; near-verbatim (0.95) it is copied
    eye = np.eye(96)
    short = eye[:6]
    long_base = eye[6:86]  # 80 sentences, orthogonal to the short story's
    short_art = article("wire", [f"wire sentence {i}." for i in range(6)], published=date(2025, 1, 1))
    long_art = article("obit", [f"obituary sentence {i}." for i in range(80)], published=date(2025, 2, 1))
    for cosine, derived in ((0.7, False), (0.95, True)):
        long_vectors = long_base.copy()
        for i, j in ((0, 0), (1, 3), (2, 4), (3, 7)):
            long_vectors[j] = _blend(short[i], long_base[j], cosine)
        found = derive.compare(*_views((short_art, short), (long_art, long_vectors)))
        assert (found is not None) is derived, cosine


def test_origin_groups_join_rewrites_and_outlets():
    groups = derive.origin_groups(
        ["a", "b", "c", "d"],
        [Derivation("a", "b", "rewrite", 5, 0.8)],
        {"a": "Wire", "b": None, "c": "Other", "d": "wire"},
    )
    assert groups["a"] == groups["b"] == groups["d"] != groups["c"]


def test_sources_without_outlet_are_groups_no_article_of_which_names_one():
    outlets = {"a": "Wire", "b": None, "c": None, "d": None, "e": "  "}
    groups = derive.origin_groups(list(outlets), [Derivation("a", "b", "rewrite", 5, 0.8)], outlets)
    unnamed = derive.sources_without_outlet(groups, outlets)
    # b rewrites a (named): its group is named; c, d and e (blank) name nothing
    assert unnamed == {groups["c"], groups["d"], groups["e"]} and groups["b"] not in unnamed
