"""Stage 7, derive: which articles are copies, rewrites or translations of others.

A paraphrased rewrite shares almost no word 5-grams with its origin, so articles are
compared sentence by sentence by meaning, and only an alignment that keeps the order of
the sentences counts: two independent reports of one event share facts, but not a long
run of them in the same order.

    1. candidates   pairs of articles whose mean sentence vectors are close (all pairs in
                    small stories); articles in different languages pair by shared names
                    and numbers instead, since the sentence model is English-only
    2. align        order-preserving alignment (weighted LCS) of sentences above a
                    similarity threshold
    3. decide       the alignment covers enough of the shorter article, in runs of nearby
                    sentences rather than scattered matches; one origin per derived article
    4. kind         copy (aligned wording nearly identical), translation (languages
                    differ), otherwise rewrite
    5. direction    earlier publication date; the non-English original of a translation;
                    the dated article over an undated republication; the longer article
                    (copies get trimmed); then id
    6. sources      rewrites join their origin; articles of one outlet (stated, or the
                    agency their text credits: ``agency.py``) are one source
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from ..records import Article, Derivation, DerivationKind
from .agency import canonical_agency

# Sentence pairs at or above this cosine (MiniLM) may be paraphrases of each other.
PARAPHRASE_SIM = 0.6
# Similarity-weighted share of the shorter article that the alignment must cover.
MIN_COVERAGE = 0.45
# Share of consecutive aligned pairs at most RUN_GAP sentences apart on both sides: a
# rewrite follows its origin paragraph by paragraph; independent reports of one event
# share facts in scattered places.
MIN_RUN = 0.7
RUN_GAP = 3
# A short alignment is what two reports of one event share by chance (a 6-sentence wire
# story and a 74-sentence obituary: 4 sentences in order at mean cosine 0.69); it shows a
# derivation only when its sentences are near-verbatim. On the DUC gold's train clusters
# the one derivation across outlets (NYT and AP) was such a pair; re-filed copies of one
# outlet with 4-5 aligned sentences had means of 0.89-0.96, the rewrites of the seeds and
# the demo corpus 6-17 aligned sentences at 0.74-0.80.
FEW_ALIGNED = 5
FEW_ALIGNED_SIM = 0.85
# Cross-language sentences: Dice overlap of their names and numbers …
ANCHOR_SIM = 0.3
# … and a translation must align this many sentences, this share, this contiguously.
MIN_TRANSLATED = 4
MIN_TRANSLATED_SHARE = 0.3
MIN_TRANSLATED_RUN = 0.75
# Mean rapidfuzz ratio of aligned pairs above which the derived text is a copy.
COPY_RATIO = 88.0
# Stories larger than this compare each article with its nearest neighbours only.
ALL_PAIRS_MAX = 80
NEIGHBOURS = 12


@dataclass(frozen=True, slots=True)
class ArticleView:
    """What derive needs of an article: prose sentences (index, text) and their vectors."""

    article: Article
    indices: tuple[int, ...]
    texts: tuple[str, ...]
    vectors: np.ndarray

    @classmethod
    def of(cls, article: Article, vectors: np.ndarray) -> ArticleView:
        keep = [s.index for s in article.sentences if not s.heading]
        return cls(
            article,
            tuple(keep),
            tuple(article.sentences[i].text for i in keep),
            vectors[keep] if len(keep) else np.zeros((0, vectors.shape[1]), np.float32),
        )


def align_order_preserving(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j) maximising the summed margin sim - threshold, with i and j increasing."""
    n, m = sim.shape
    gain = np.where(sim >= threshold, sim - threshold + 1e-3, -np.inf)
    best = np.zeros((n + 1, m + 1))
    if not np.isfinite(gain).any():
        return []
    # best[i, j] = max(best[i-1, j], best[i, j-1], best[i-1, j-1] + gain): the terms
    # without best[i, j-1] for a whole row at once, then a running maximum along it.
    for i in range(1, n + 1):
        prev = best[i - 1]
        step = np.maximum(prev[1:], prev[:-1] + gain[i - 1])
        best[i, 1:] = np.maximum.accumulate(step)
    pairs, i, j = [], n, m
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


_ANCHOR = re.compile(r"(?<![\w])(\d[\d.,]*|[A-ZÀ-Þ][\w'’-]{2,})")


def _anchors(text: str) -> set[str]:
    """Names and numbers: what a translation keeps. The sentence's first word is skipped."""
    found = set()
    for match in _ANCHOR.finditer(text):
        if match.start() == 0:
            continue
        token = unicodedata.normalize("NFKD", match.group(1).lower())
        token = "".join(ch for ch in token if not unicodedata.combining(ch)).replace(",", ".").rstrip(".")
        found.add(token)
    return found


def anchor_similarity(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Dice overlap of names and numbers between every sentence of a and of b."""
    sa, sb = [_anchors(t) for t in a], [_anchors(t) for t in b]
    sim = np.zeros((len(sa), len(sb)))
    for i, x in enumerate(sa):
        for j, y in enumerate(sb):
            if len(x) >= 2 and len(y) >= 2:
                sim[i, j] = 2 * len(x & y) / (len(x) + len(y))
    return sim


def _direction(a: Article, b: Article, kind: str) -> tuple[Article, Article, bool]:
    """(origin, derived, ordered) for two related articles: the earlier published is the
    origin, and a translation's is the foreign text; otherwise nothing tells which came
    first (a longer text may be a write-through of the shorter or the shorter a trim of it),
    so ``ordered`` is False and the pair is only said to share an origin."""
    if a.published and b.published and a.published != b.published:
        return (a, b, True) if a.published < b.published else (b, a, True)
    if kind == "translation" and (a.language == "en") != (b.language == "en"):
        return (b, a, True) if a.language == "en" else (a, b, True)
    # Unordered: a stable pair all the same (the dated one, else the longer, else by id first).
    a_first = (a.published is not None, len(a.sentences), b.id) > (b.published is not None, len(b.sentences), a.id)
    return (a, b, False) if a_first else (b, a, False)


def run_share(pairs: Sequence[tuple[int, int]]) -> float:
    """Share of consecutive aligned pairs that follow each other closely on both sides."""
    if len(pairs) < 2:
        return 0.0
    close = sum(1 for (a, b), (c, d) in zip(pairs, pairs[1:]) if c - a <= RUN_GAP and d - b <= RUN_GAP)
    return close / (len(pairs) - 1)


def _is_derivation(sim: np.ndarray, pairs: list[tuple[int, int]], smaller: int, translation: bool) -> bool:
    if translation:
        return (
            len(pairs) >= MIN_TRANSLATED
            and len(pairs) >= MIN_TRANSLATED_SHARE * smaller
            and run_share(pairs) >= MIN_TRANSLATED_RUN
        )
    total = sum(float(sim[i, j]) for i, j in pairs)
    if len(pairs) < FEW_ALIGNED and total < FEW_ALIGNED_SIM * len(pairs):
        return False
    return total / max(1, smaller) >= MIN_COVERAGE and run_share(pairs) >= MIN_RUN


def compare(x: ArticleView, y: ArticleView) -> Derivation | None:
    """The derivation between two articles, or None when they look independent."""
    translation = x.article.language != y.article.language
    if translation:
        sim, threshold = anchor_similarity(x.texts, y.texts), ANCHOR_SIM
    else:
        sim, threshold = x.vectors @ y.vectors.T, PARAPHRASE_SIM
    if sim.size == 0:
        return None
    pairs = align_order_preserving(sim, threshold)
    if not _is_derivation(sim, pairs, min(len(x.texts), len(y.texts)), translation):
        return None
    ratio = float(np.mean([fuzz.ratio(x.texts[i], y.texts[j]) for i, j in pairs]))
    kind: DerivationKind = "translation" if translation else ("copy" if ratio >= COPY_RATIO else "rewrite")
    origin, _, ordered = _direction(x.article, y.article, kind)
    o_view, d_view = (x, y) if origin is x.article else (y, x)
    if o_view is y:
        pairs = [(j, i) for i, j in pairs]
    mapped = tuple((o_view.indices[i], d_view.indices[j]) for i, j in pairs)
    share = len(pairs) / max(1, len(d_view.texts))
    return Derivation(o_view.article.id, d_view.article.id, kind, len(pairs), share, mapped, ordered)


def candidate_pairs(views: Sequence[ArticleView]) -> list[tuple[int, int]]:
    """Pairs to compare: all in small stories, else nearest neighbours by mean vector."""
    n = len(views)
    if n <= ALL_PAIRS_MAX:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    means = np.stack([v.vectors.mean(axis=0) if len(v.texts) else np.zeros(v.vectors.shape[1]) for v in views])
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
    sims = means @ means.T
    pairs = set()
    for i in range(n):
        for j in np.argsort(-sims[i])[: NEIGHBOURS + 1]:
            if i != j:
                pairs.add((min(i, int(j)), max(i, int(j))))
    foreign = [i for i, v in enumerate(views) if v.article.language != "en"]
    pairs.update((min(i, j), max(i, j)) for i in foreign for j in range(n) if i != j)
    return sorted(pairs)


def find_derivations(views: Sequence[ArticleView]) -> list[Derivation]:
    """Every copy/rewrite/translation relation among a story's articles.

    Each derived article keeps one origin: a translation first (an article that follows
    another language's text name by name and number by number is hard to explain
    otherwise), then the one with the most aligned sentences.
    """
    best: dict[str, Derivation] = {}
    for i, j in candidate_pairs(views):
        if (found := compare(views[i], views[j])) is None:
            continue
        rank = (found.kind == "translation", found.aligned_sentences, found.share, found.origin)
        current = best.get(found.derived)
        if current is None or rank > (
            current.kind == "translation",
            current.aligned_sentences,
            current.share,
            current.origin,
        ):
            best[found.derived] = found
    return sorted(best.values(), key=lambda d: (d.origin, d.derived))


def _outlet_key(outlet: str | None) -> str | None:
    """One key per outlet however it is written ("The Associated Press" = "AP")."""
    if not outlet or not outlet.strip():
        return None
    return canonical_agency(outlet) or " ".join(outlet.casefold().split())


def origin_groups(
    article_ids: Sequence[str], derivations: Sequence[Derivation], outlets: dict[str, str | None] | None = None
) -> dict[str, str]:
    """article id → its source group's root; a group counts as one independent source.

    Rewrites join their origin; articles of one outlet are one source too.
    """
    parent = {a: a for a in article_ids}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for d in sorted(derivations, key=lambda d: (d.origin, d.derived)):
        if d.origin in parent and d.derived in parent:
            parent[find(d.derived)] = find(d.origin)
    first_of_outlet: dict[str, str] = {}
    for a in article_ids:
        if (key := _outlet_key((outlets or {}).get(a))) is not None:
            if key in first_of_outlet:
                parent[find(a)] = find(first_of_outlet[key])
            else:
                first_of_outlet[key] = a
    return {a: find(a) for a in article_ids}


def sources_without_outlet(origin_of: dict[str, str], outlets: dict[str, str | None]) -> frozenset[str]:
    """The source groups (roots of ``origin_of``) none of whose articles names an outlet or
    credits an agency: independent only because no copying was found between them, so a
    count that rests on them may be too high (ten plain-text files of one newspaper)."""
    named = {origin_of[a] for a, outlet in outlets.items() if _outlet_key(outlet) is not None and a in origin_of}
    return frozenset(set(origin_of.values()) - named)
