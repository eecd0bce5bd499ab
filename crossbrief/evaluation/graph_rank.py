"""LexRank and TextRank: sentence centrality in a similarity graph, the classic extractive
baselines of multi-document summarisation, over scikit-learn and numpy.

- LexRank (Erkan & Radev 2004, "threshold LexRank"): TF-IDF cosine between sentences, the
  IDF counted over the cluster's own sentences; an edge wherever the cosine is at least 0.1;
  each sentence's edges divided by its degree; PageRank with damping 0.85.
- TextRank (Mihalcea & Tarau 2004, sentence extraction): the number of distinct content
  words two sentences share over ``log|S1| + log|S2|`` (their lengths in content words) as
  edge weights; weighted PageRank with damping 0.85.

Both read content words: lower-cased words (the regex keeps "aid-workers" and "city's"
whole), without numbers and scikit-learn's English stop words, unstemmed (no stemmer
among the declared dependencies, and these baselines need none to find the shared story).
Scores are a probability distribution over the sentences: they sum to 1. The damping 0.85
is PageRank's probability of following an edge (Erkan & Radev write the other side, the
probability of a random jump, 0.15). No sentence links to itself (see ``_without_self_loops``).

    >>> lexrank(["Storm hits coast.", "Storm hits the coast hard.", "Shares rose."]).round(3).tolist()
    [0.465, 0.465, 0.07]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
DAMPING = 0.85
LEXRANK_THRESHOLD = 0.1  # the best of the thresholds Erkan & Radev tried on DUC 2003 and 2004


def content_words(sentence: str) -> list[str]:
    """The sentence's words, lower-cased, without numbers and English stop words."""
    words = (w.lower() for w in WORD.findall(sentence))
    return [w for w in words if not w.isdigit() and w not in ENGLISH_STOP_WORDS]


def pagerank(
    weights: np.ndarray, damping: float = DAMPING, tolerance: float = 1e-12, max_iterations: int = 1000
) -> np.ndarray:
    """Stationary distribution of a random walk over ``weights`` (n × n, non-negative) that
    follows an edge with probability ``damping`` and jumps anywhere otherwise.

    Each row is divided by its sum (the degree normalisation); a sentence with no edges
    jumps anywhere (its row becomes uniform), so no probability leaks out of the graph.
    """
    n = len(weights)
    if n == 0:
        return np.zeros(0)
    degree = weights.sum(axis=1, keepdims=True)
    walk = np.divide(weights, degree, out=np.full_like(weights, 1.0 / n, dtype=float), where=degree > 0)
    scores = np.full(n, 1.0 / n)
    for _ in range(max_iterations):
        updated = (1 - damping) / n + damping * (walk.T @ scores)
        if np.abs(updated - scores).sum() < tolerance:
            return updated
        scores = updated
    return scores


def _without_self_loops(weights: np.ndarray) -> np.ndarray:
    # TextRank links distinct sentences. LexRank's matrix keeps cos(s, s) = 1, which gives a
    # sentence sharing nothing with the others the average score 1/n, above sentences that do
    # share words with a few others; without self-links such a sentence gets the least score.
    np.fill_diagonal(weights, 0.0)
    return weights


def _centrality(
    sentences: Sequence[str], similarity: Callable[[Sequence[str]], np.ndarray], damping: float
) -> np.ndarray:
    """PageRank over the ``similarity`` graph of the sentences."""
    if any(content_words(s) for s in sentences):
        weights = similarity(sentences)
    else:  # no content words at all (the vectorizers refuse an empty vocabulary): no edges
        weights = np.zeros((len(sentences), len(sentences)))
    return pagerank(_without_self_loops(weights), damping)


def lexrank_edges(sentences: Sequence[str], threshold: float = LEXRANK_THRESHOLD) -> np.ndarray:
    """1 where two sentences' TF-IDF cosine reaches ``threshold``, else 0."""
    # raw term counts × smoothed IDF over these sentences, rows L2-normalised: dot products are cosines
    vectors = TfidfVectorizer(analyzer=content_words).fit_transform(sentences)
    return (cosine_similarity(vectors) >= threshold).astype(float)


def textrank_similarity(sentences: Sequence[str]) -> np.ndarray:
    """Distinct content words shared by two sentences over the sum of their log lengths."""
    counts = CountVectorizer(analyzer=content_words).fit_transform(sentences)
    present = (counts > 0).astype(float)
    shared = (present @ present.T).toarray()
    lengths = np.asarray(counts.sum(axis=1), dtype=float).ravel()
    log_length = np.log(lengths, out=np.zeros_like(lengths), where=lengths > 0)
    norm = log_length[:, None] + log_length[None, :]
    # Two one-word sentences have log 1 + log 1 = 0: their similarity is undefined, no edge.
    return np.divide(shared, norm, out=np.zeros_like(shared), where=norm > 0)


def lexrank(sentences: Sequence[str], threshold: float = LEXRANK_THRESHOLD, damping: float = DAMPING) -> np.ndarray:
    """Threshold LexRank score of each sentence (in input order)."""
    return _centrality(sentences, lambda s: lexrank_edges(s, threshold), damping)


def textrank(sentences: Sequence[str], damping: float = DAMPING) -> np.ndarray:
    """TextRank score of each sentence (in input order)."""
    return _centrality(sentences, textrank_similarity, damping)


def best_first(scores: Sequence[float] | np.ndarray) -> list[int]:
    """Sentence indices by score, highest first; equal scores keep their input order.

    Scores are compared to 9 decimals: the power iteration is accurate to about 1e-11, and
    sentences that are equally central would otherwise be ordered by rounding noise.
    """
    rounded = np.round(np.asarray(scores, dtype=float), 9)
    return sorted(range(len(rounded)), key=lambda i: (-rounded[i], i))
