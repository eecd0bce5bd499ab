"""Sparse TF-IDF vectors with document frequencies that grow with the stream.

An online clusterer cannot fit IDF on a corpus it has not seen yet, so :class:`RunningIdf`
counts document frequencies as articles arrive and weighs each new article with the counts
so far (a batch run counts every article first and then freezes the counts). Vectors are
plain ``dict[str, float]`` of unit length; a story's centroid is the sum of its articles'
vectors, with its norm kept up to date so a cosine costs one pass over the article's terms.

    >>> idf = RunningIdf()
    >>> for doc in (["quake", "brennik"], ["quake", "morenza"], ["treaty", "ormen"]):
    ...     idf.observe(doc)
    >>> v = idf.weigh({"quake": 1, "brennik": 1})
    >>> round(cosine(v, v), 6), v["brennik"] > v["quake"]   # rarer words weigh more
    (1.0, True)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from operator import mul
from typing import Protocol

SparseVector = dict[str, float]


class Vectorizer(Protocol):
    """What StoryClusterer needs from a vectoriser: document frequencies and weights."""

    def observe(self, keys: Iterable[str]) -> None:
        """Count one document's distinct keys (a no-op once frozen)."""

    def weigh(self, counts: Mapping[str, float]) -> SparseVector:
        """A unit-length weighted vector of one document's key counts."""


class RunningIdf:
    """Sublinear TF × smoothed IDF over document frequencies counted so far.

    idf(t) = ln((1 + N) / (1 + df(t))) + 1, as scikit-learn's ``TfidfVectorizer(smooth_idf=True)``;
    tf = 1 + ln(count). Call :meth:`freeze` to stop counting (batch runs count everything first).

    With a ``prior`` (key → share of ordinary documents holding it, see :mod:`.background`),
    the counts start from ``prior_documents`` ordinary documents: idf(t) = ln((1 + N + N0) /
    (1 + df(t) + N0 · share(t))) + 1, so a word every article of a small folder repeats is
    still rare if it is rare in news at large.
    """

    def __init__(self, prior: Callable[[str], float] | None = None, prior_documents: float = 0.0) -> None:
        self.df: Counter[str] = Counter()
        self.documents = 0
        self.frozen = False
        self.prior = prior if prior_documents > 0 else None
        self.prior_documents = prior_documents if self.prior else 0.0
        self._background: dict[str, float] = {}  # key → N0 · share, read once per key

    def observe(self, keys: Iterable[str]) -> None:
        if self.frozen:
            return
        self.df.update(set(keys))
        self.documents += 1

    def freeze(self) -> None:
        self.frozen = True

    def idf(self, key: str) -> float:
        if self.prior is None:
            return math.log((1 + self.documents) / (1 + self.df.get(key, 0))) + 1.0
        background = self._background.get(key)
        if background is None:
            background = self._background[key] = self.prior_documents * self.prior(key)
        return math.log((1 + self.documents + self.prior_documents) / (1 + self.df.get(key, 0) + background)) + 1.0

    def weigh(self, counts: Mapping[str, float]) -> SparseVector:
        if self.prior is None:
            weights = {k: (1.0 + math.log(n)) * self.idf(k) for k, n in counts.items() if n > 0}
            return unit(weights)
        # idf() inlined, with the same arithmetic: this loop runs for every key of every
        # article of a stream.
        log, df, background, prior = math.log, self.df, self._background, self.prior
        total = 1 + self.documents + self.prior_documents
        weights = {}
        for key, n in counts.items():
            if n > 0:
                share = background.get(key)
                if share is None:
                    share = background[key] = self.prior_documents * prior(key)
                weights[key] = (1.0 + log(n)) * (log(total / (1 + df.get(key, 0) + share)) + 1.0)
        return unit(weights)


def unit(weights: Mapping[str, float]) -> SparseVector:
    """``weights`` scaled to length 1 (empty stays empty)."""
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: w / norm for k, w in weights.items()} if norm else {}


def dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    """Dot product; pass the shorter vector first (the loop runs over it)."""
    if len(small) > len(large):
        small, large = large, small
    # map() over C-level methods: about twice as fast as a generator expression
    return sum(map(mul, small.values(), map(large.get, small.keys(), repeat(0.0))))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot(a, b) / (na * nb) if na and nb else 0.0


def top_keys(vector: Mapping[str, float], count: int) -> list[str]:
    """The ``count`` heaviest keys, ties broken by key so the choice is deterministic."""
    if count <= 0:
        return []
    if len(vector) > count:
        # Sort the bare weights (fast, no key function) to find the cut, then order only the
        # keys at or above it: the same keys as sorting every pair.
        cut = sorted(vector.values(), reverse=True)[count - 1]
        vector = {k: v for k, v in vector.items() if v >= cut}
    return [k for k, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


class Centroid:
    """A running sum of unit vectors with its squared norm, pruned to its heaviest keys.

    Pruning bounds memory for stories with thousands of articles: the dropped keys are the
    lightest ones, which barely move a cosine.
    """

    __slots__ = ("weights", "norm2", "cap")

    def __init__(self, cap: int) -> None:
        self.weights: SparseVector = {}
        self.norm2 = 0.0
        self.cap = cap

    def cosine(self, vector: Mapping[str, float]) -> float:
        """Cosine with a unit-length ``vector``."""
        if self.norm2 <= 0.0 or not vector:
            return 0.0
        return dot(vector, self.weights) / math.sqrt(self.norm2)

    def cosine_without(self, vector: Mapping[str, float]) -> float:
        """Cosine of a unit ``vector`` already in this sum with the sum of the others."""
        own = sum(w * w for w in vector.values())
        cross = dot(vector, self.weights) - own
        rest2 = self.norm2 - 2.0 * cross - own
        if rest2 <= 1e-9 or own <= 0.0:
            return 0.0
        return cross / math.sqrt(rest2 * own)

    def add(self, vector: Mapping[str, float], sign: float = 1.0) -> None:
        """Add (or with ``sign=-1`` take away) a vector, keeping the norm exact.

        Taking away skips keys already pruned: their share was dropped with them.
        """
        weights = self.weights
        norm2 = self.norm2
        for key, w in vector.items():
            old = weights.get(key)
            if old is None:
                if sign < 0:
                    continue
                old = 0.0
            new = old + sign * w
            weights[key] = new
            norm2 += new * new - old * old
        self.norm2 = max(0.0, norm2)
        if len(weights) > 2 * self.cap:
            self.prune()

    def merge(self, other: Centroid) -> None:
        self.add(other.weights)

    def cosine_centroid(self, other: Centroid) -> float:
        if self.norm2 <= 0.0 or other.norm2 <= 0.0:
            return 0.0
        return dot(self.weights, other.weights) / math.sqrt(self.norm2 * other.norm2)

    def prune(self) -> None:
        keep = top_keys(self.weights, self.cap)
        self.weights = {k: self.weights[k] for k in keep}
        self.norm2 = sum(w * w for w in self.weights.values())
