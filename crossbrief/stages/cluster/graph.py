"""Batch story clustering on a sparse graph of article pairs.

The online clusterer compares each article with story centroids; with a whole collection at
hand, batch clustering can do better, by looking at *pairs* of articles and at their
*neighbourhoods*:

1. **Neighbours.** Each article's ``neighbours`` most similar articles (cosine of TF-IDF words
   and names, as the online clusterer scores them), found through an inverted index over
   each article's heaviest keys, so a collection of n articles costs O(n) similarity
   computations, not O(n²).
2. **Second-order similarity.** Two reports of one event have the same neighbours; two events
   of one kind (two Klitschko fights, two Microsoft emergency patches) share their topic's
   vocabulary, so they are first-order similar, but each report is *closest* to the reports
   of its own event. The cosine of two articles' rows of the (squared) neighbour graph, the
   two articles themselves left out, measures that. On ECB+ pairs of neighbours within one
   topic (two events), the pair score's AUC with it is 0.938 on train and 0.967 on dev,
   without it 0.906 and 0.910 (each fit on the other split).
3. **Pair score.** A logistic model of the pair's word and name cosines, whether both name
   the same year in a full date, how many numbers their headlines and leads share, and the
   second-order similarity (weights fit on ECB+ train and dev by
   :func:`crossbrief.evaluation.clustering.fit_pair_weights`). A second round recomputes the
   second-order similarity over the graph of pair scores and refines the score. Where the
   two articles have few neighbours besides each other, the score leans on a model of the
   first-order features alone (see :func:`second_order`).
4. **Average link.** Clusters merge, best first, while the mean pair score between them
   (pairs that are not neighbours count as 0) is at least ``link_threshold``.
5. **Lone articles.** An article left alone joins the cluster it fits clearly best
   (``lone_floor``, ``lone_dominance``): short reports share few words with anything.
6. **Concurrent clusters.** Clusters whose articles were published within
   ``concurrent_days`` of each other and whose centroids are close merge: neighbourhoods
   can split a story into its days (see :func:`merge_concurrent`).

A story takes articles dated within ``window_days`` of its first and last dated article, as
in online assignment: average link never merges two clusters whose publication dates lie
further apart than that, and a lone article joins no cluster that far from its date. So a
follow-up months after its story's last report joins it, and two clusters with a longer
quiet gap between them stay two stories however alike they read (the boxer's next title
defence). Dates read from the text (datelines, mentioned dates) never bar a merge (in
ECB+'s gold a shooting and the trial two years later are one story); they count through
the features, and datelines date clusters for step 6.

The neighbour search and the pair scores are bounded per article (``neighbours``,
``candidate_pool``, ``batch_posting_cap``, ``index_keys``), so a collection of n articles
costs O(n) similarity computations and holds O(n) edges, which average link then merges
with a heap (O(E log E) for E edges when clusters keep few neighbours).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import mul
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from .compact import segment_positions

if TYPE_CHECKING:  # pragma: no cover
    from .compact import CompactVectors
    from .settings import ClusterSettings

Edge = tuple[int, int]
Row = dict[int, float]  # an article's neighbours (by index) and their weights

# Stage-one features, in the order of ClusterSettings.pair_weights (after the bias).
PAIR_FEATURES = ("words", "names", "same_year", "shared_numbers", "second_order")
# Shared lead numbers count up to this many.
MAX_SHARED_NUMBERS = 3


@dataclass(frozen=True)
class PairGraph:
    """Articles (by index), their neighbour edges and each edge's stage-one features."""

    size: int
    edges: list[Edge]
    features: list[tuple[float, ...]]  # PAIR_FEATURES per edge
    evidence: list[float]  # how much the neighbourhoods say (see second_order), in [0, 1)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def neighbours(
    vectors: CompactVectors, settings: ClusterSettings, cosines: dict[Edge, tuple[float, float]] | None = None
) -> list[Row]:
    """Each article's most similar articles: index → similarity, made symmetric.

    ``cosines``, when given, receives the word and name cosines of the pairs kept.

    Candidates come from an inverted index over each article's ``index_keys`` heaviest words
    and half as many heaviest names (so a translation meets the reports it shares only names
    with), each key pointing at the ``batch_posting_cap`` articles that weigh it most (ties to
    the earlier article): the work per article is bounded whatever the collection's size.
    """
    n = len(vectors)
    half = max(1, settings.index_keys // 2)
    # each article's index keys with their weights: word keys, then name keys
    keys, weights = [], []
    for i in range(n):
        kw, ww = vectors.words.heaviest(i, settings.index_keys)
        kn, wn = vectors.names.heaviest(i, half)
        keys.append(np.concatenate((kw, kn)))
        weights.append(np.concatenate((ww, wn)))
    index = _postings(keys, weights, settings.batch_posting_cap)
    name_weight = settings.name_weight
    kept = cosines if cosines is not None else {}
    graph: list[Row] = [{} for _ in range(n)]
    scattered = np.zeros(len(vectors.vocabulary))  # article i's words and names, dense
    for i in range(n):
        pool = _candidates(i, keys[i], weights[i], index, settings.candidate_pool)
        if not len(pool):
            continue
        own = (vectors.words.row(i), vectors.names.row(i))
        for k, w in own:
            scattered[k] = w
        word_cos = vectors.words.dots(pool, scattered)
        name_cos = vectors.names.dots(pool, scattered)
        for k, _ in own:
            scattered[k] = 0.0
        scored = []
        for j, wc, nc in zip(pool.tolist(), word_cos.tolist(), name_cos.tolist()):
            pair = (i, j) if i < j else (j, i)
            found = kept.get(pair) or (wc, nc)  # a pair kept from j's side keeps its values
            s = (1.0 - name_weight) * found[0] + name_weight * found[1]
            if s > 0.0:
                scored.append((s, j, pair, found))
        scored.sort(key=lambda t: (-t[0], t[1]))
        for s, j, pair, found in scored[: settings.neighbours]:
            graph[i][j] = graph[j][i] = s
            kept[pair] = found
    return graph


@dataclass(frozen=True)
class _Postings:
    """The inverted index: key id → its articles and their weights, heaviest first."""

    start: np.ndarray  # per key id, into articles/weights (end: start of the next key)
    articles: np.ndarray
    weights: np.ndarray


def _postings(keys: Sequence[np.ndarray], weights: Sequence[np.ndarray], cap: int) -> _Postings:
    """Each key's ``cap`` heaviest articles (ties to the earlier article)."""
    size = int(max((k.max() for k in keys if len(k)), default=-1)) + 1
    all_keys = np.concatenate(keys) if keys else np.zeros(0, np.int64)
    all_weights = np.concatenate(weights) if weights else np.zeros(0)
    articles = np.repeat(np.arange(len(keys)), [len(k) for k in keys])
    order = np.lexsort((articles, -all_weights, all_keys))
    all_keys, all_weights, articles = all_keys[order], all_weights[order], articles[order]
    first = np.searchsorted(all_keys, np.arange(size + 1))
    rank = np.arange(len(all_keys)) - first[all_keys] if len(all_keys) else np.zeros(0, np.int64)
    keep = rank < cap
    all_keys, all_weights, articles = all_keys[keep], all_weights[keep], articles[keep]
    return _Postings(np.searchsorted(all_keys, np.arange(size + 1)), articles, all_weights)


def _candidates(i: int, keys: np.ndarray, weights: np.ndarray, index: _Postings, pool: int) -> np.ndarray:
    """The ``pool`` articles sharing the most index weight with article i (ties to the
    earlier article), i left out."""
    starts = index.start[keys]
    lengths = index.start[keys + 1] - starts
    if not lengths.sum():
        return np.zeros(0, np.int64)
    positions = segment_positions(starts, lengths)
    found, where = np.unique(index.articles[positions], return_inverse=True)
    hits = np.bincount(where, weights=np.repeat(weights, lengths) * index.weights[positions])
    mine = found != i
    found, hits = found[mine], hits[mine]
    return found[np.lexsort((found, -hits))[:pool]]


def _day_numbers(published: Sequence[date | None] | None, n: int) -> np.ndarray | None:
    """Each article's publication date as a day number, -1 when undated."""
    if published is None:
        return None
    return np.fromiter((d.toordinal() if d is not None else -1 for d in published), np.int64, n)


def second_order(
    graph: Sequence[Row], edges: Sequence[Edge], evidence_scale: float, evidence_dims: float, power: float = 2.0
) -> list[tuple[float, float]]:
    """Per edge (a, b): the cosine of rows a and b of the graph (weights raised to
    ``power``), each row without the other article, so only shared neighbours count; and
    the evidence for it, in [0, 1).

    An article whose only strong neighbour is the other one (a story of two, a collection
    of five) says little through its neighbours, and a cosine over one or two neighbours is
    close to 1 whatever they are. So the evidence is the product of r / (r + evidence_scale),
    r the norm of the weaker row, and m / (m + evidence_dims), m the smaller effective
    number of neighbours in the rows ((Σw)² / Σw²).
    """
    rows: list[Row] = []
    norms2: list[float] = []
    sums: list[float] = []
    for row in graph:
        powered = {k: v**power for k, v in row.items()}
        rows.append(powered)
        norms2.append(sum(v * v for v in powered.values()))
        sums.append(sum(powered.values()))
    out = []
    for a, b in edges:
        ra, rb = rows[a], rows[b]
        # leave out the pair's own edge (ra[b], rb[a]); the rows hold no entry for a, b
        # themselves, so the dot product already leaves it out
        wa, wb = ra.get(b, 0.0), rb.get(a, 0.0)
        na2 = norms2[a] - wa * wa
        nb2 = norms2[b] - wb * wb
        if na2 <= 1e-12 or nb2 <= 1e-12:
            out.append((0.0, 0.0))
            continue
        small, large = (ra, rb) if len(ra) <= len(rb) else (rb, ra)
        shared = sum(map(mul, small.values(), map(large.get, small.keys(), repeat(0.0))))
        value = shared / math.sqrt(na2 * nb2)
        strength = math.sqrt(min(na2, nb2))
        effective = min((sums[a] - wa) ** 2 / na2, (sums[b] - wb) ** 2 / nb2)
        evidence = (strength / (strength + evidence_scale)) * (effective / (effective + evidence_dims))
        out.append((value, evidence))
    return out


def pair_graph(
    vectors: CompactVectors,
    years: Sequence[frozenset[int]],
    lead_numbers: Sequence[frozenset[str]],
    settings: ClusterSettings,
) -> PairGraph:
    """The neighbour graph of a collection and the stage-one features of its edges."""
    cosines: dict[Edge, tuple[float, float]] = {}
    graph = neighbours(vectors, settings, cosines)
    edges = sorted((i, j) for i, row in enumerate(graph) for j in row if i < j)
    order2 = second_order(graph, edges, settings.evidence_scale, settings.evidence_neighbours)
    features: list[tuple[float, ...]] = []
    evidence: list[float] = []
    for (i, j), (so, e) in zip(edges, order2, strict=True):
        words, names = cosines[(i, j)]
        same_year = 1.0 if years[i] & years[j] else 0.0
        shared = float(min(len(lead_numbers[i] & lead_numbers[j]), MAX_SHARED_NUMBERS))
        features.append((words, names, same_year, shared, so))
        evidence.append(e)
    return PairGraph(len(vectors), edges, features, evidence)


def _logistic(weights: Sequence[float], features: Sequence[float]) -> float:
    bias, *coef = weights
    return _sigmoid(bias + sum(c * x for c, x in zip(coef, features, strict=True)))


def stage_one(graph: PairGraph, settings: ClusterSettings) -> list[float]:
    """Stage-one pair scores: the logistic model of all features, blended by the evidence
    with the model of the first-order features alone."""
    out = []
    for f, e in zip(graph.features, graph.evidence, strict=True):
        full = _logistic(settings.pair_weights, f)
        out.append(
            full
            if e >= 1.0
            else e * full
            + (1.0 - e) * _logistic(settings.first_order_weights, f[: len(settings.first_order_weights) - 1])
        )
    return out


def refine_features(
    graph: PairGraph, scores: Sequence[float], settings: ClusterSettings
) -> list[tuple[float, float, float]]:
    """Stage-two inputs per edge: the stage-one score, its second-order similarity over the
    graph of stage-one scores, and the evidence for that."""
    rows: list[dict[int, float]] = [{} for _ in range(graph.size)]
    for (i, j), p in zip(graph.edges, scores, strict=True):
        rows[i][j] = rows[j][i] = p
    order2 = second_order(rows, graph.edges, settings.evidence_scale, settings.evidence_neighbours)
    return [(p, so, e) for p, (so, e) in zip(scores, order2, strict=True)]


def pair_scores(graph: PairGraph, settings: ClusterSettings) -> list[float]:
    """Final pair scores, in [0, 1], one per edge of ``graph``: the refined score, blended by
    its evidence with the stage-one score."""
    return [
        e * _logistic(settings.refine_weights, (p, so)) + (1.0 - e) * p
        for p, so, e in refine_features(graph, stage_one(graph, settings), settings)
    ]


def average_link(
    size: int,
    edges: Sequence[Edge],
    scores: Sequence[float],
    threshold: float,
    days: np.ndarray | None = None,
    window: int = 0,
) -> list[int]:
    """Average-link agglomerative clustering on a sparse graph: merge the two clusters with
    the highest mean pair score (absent pairs count 0) while it is at least ``threshold``.

    Returns each item's cluster as the smallest index in it. Deterministic: ties go to the
    pair of smaller indices.
    """
    links: list[dict[int, float]] = [{} for _ in range(size)]
    for (i, j), s in zip(edges, scores, strict=True):
        links[i][j] = links[i].get(j, 0.0) + s
        links[j][i] = links[i][j]
    members = [1] * size
    parent = list(range(size))
    # each cluster's first and last dated day (None: no dated article)
    span: list[tuple[int, int] | None] = [(d, d) if d >= 0 else None for d in days.tolist()] if days is not None else []
    heap = [(-s, i, j) for (i, j), s in zip(edges, scores, strict=True) if s >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, i, j = heapq.heappop(heap)
        if parent[i] != i or parent[j] != j or j not in links[i]:
            continue
        mean = links[i][j] / (members[i] * members[j])
        if abs(mean + negative) > 1e-12:
            continue  # stale: the pair's mean changed since it was pushed
        keep, gone = (i, j) if i < j else (j, i)
        if span:
            if _days_apart(span[i], span[j]) > window:
                continue  # quiet for longer than the window between them: two stories
            span[keep] = _joined(span[i], span[j])
        parent[gone] = keep
        members[keep] += members[gone]
        del links[keep][gone]
        for other, s in links[gone].items():
            if other == keep:
                continue
            total = links[keep].get(other, 0.0) + s
            links[keep][other] = total
            del links[other][gone]
            links[other][keep] = total
        links[gone] = {}
        for other, total in links[keep].items():
            mean = total / (members[keep] * members[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    roots = []
    for item in range(size):
        root = item
        while parent[root] != root:
            root = parent[root]
        roots.append(root)
    return roots


def attach_lone(
    labels: Sequence[int],
    edges: Sequence[Edge],
    scores: Sequence[float],
    floor: float,
    dominance: float,
    days: np.ndarray | None = None,
    window: int = 0,
) -> list[int]:
    """Move each article left alone into the cluster it fits best, by mean pair score, when
    that mean is at least ``floor`` and ``dominance`` times its mean with any other cluster,
    and (with ``days``) its date is within ``window`` days of the cluster's.

    Short reports (one sentence, a translation) share few words with anything, so average
    link leaves them alone even when they are clearly about one story and no other.
    """
    sizes = Counter(labels)
    spans = _spans(labels, days)
    links: list[dict[int, float]] = [{} for _ in labels]
    for (i, j), s in zip(edges, scores, strict=True):
        links[i][j] = s
        links[j][i] = s
    moved = list(labels)
    for item, label in enumerate(labels):
        if sizes[label] != 1:
            continue
        sums: dict[int, float] = {}
        for other, s in links[item].items():
            sums[labels[other]] = sums.get(labels[other], 0.0) + s
        # into clusters of two or more only: two lone articles would swap places
        own = spans.get(label)
        means = sorted(
            (
                (total / sizes[c], -c)
                for c, total in sums.items()
                if sizes[c] > 1 and _days_apart(own, spans.get(c)) <= window
            ),
            reverse=True,
        )
        if not means:
            continue
        best, target = means[0]
        second = means[1][0] if len(means) > 1 else 0.0
        if best >= floor and best >= dominance * second:
            moved[item] = -target
    return moved


def _spans(labels: Sequence[int], days: np.ndarray | None) -> dict[int, tuple[int, int]]:
    """Each cluster's first and last dated day (clusters without a dated article left out)."""
    spans: dict[int, tuple[int, int]] = {}
    if days is None:
        return spans
    for label, day in zip(labels, days.tolist(), strict=True):
        if day >= 0:
            first, last = spans.get(label, (day, day))
            spans[label] = (min(first, day), max(last, day))
    return spans


Span = TypeVar("Span", int, date)


def _joined(a: tuple[Span, Span] | None, b: tuple[Span, Span] | None) -> tuple[Span, Span] | None:
    """The first and last day of two spans together (None stands for no dated article)."""
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


def _days_apart(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Days between two date spans (0 when they overlap or one is undated)."""
    if a is None or b is None:
        return 0
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def merge_concurrent(
    labels: Sequence[int],
    vectors: CompactVectors,
    when: Sequence[date | None],
    edges: Sequence[Edge],
    settings: ClusterSettings,
) -> list[int]:
    """Merge clusters published at the same time whose contents are close.

    Neighbourhoods split a story into its days when the days' reports share little wording
    (day one's quake and toll, day three's mourning). Two clusters are merged, closest
    first, when both have dated articles, their date ranges are at most
    ``concurrent_days`` apart, and the cosine of their centroids (words and names, combined
    as for articles) is at least ``concurrent_threshold``. Only clusters joined by a
    neighbour edge are compared.
    """
    from .vectors import Centroid

    cap = settings.centroid_keys
    members: dict[int, list[int]] = {}
    for item, label in enumerate(labels):
        members.setdefault(label, []).append(item)
    words: dict[int, Centroid] = {}
    names: dict[int, Centroid] = {}
    span: dict[int, tuple[date, date] | None] = {}
    for label, items in members.items():
        words[label], names[label] = Centroid(cap), Centroid(cap)
        for item in items:
            words[label].add(vectors[item].words)
            names[label].add(vectors[item].names)
        dates = [d for d in (when[item] for item in items) if d is not None]
        span[label] = (min(dates), max(dates)) if dates else None

    def close(a: int, b: int) -> float | None:
        sa, sb = span[a], span[b]
        if sa is None or sb is None:
            return None
        gap = (max(sa[0], sb[0]) - min(sa[1], sb[1])).days
        if gap > settings.concurrent_days:
            return None
        name_weight = settings.name_weight
        value = (1.0 - name_weight) * words[a].cosine_centroid(words[b]) + name_weight * names[a].cosine_centroid(
            names[b]
        )
        return value if value >= settings.concurrent_threshold else None

    pairs = {(min(labels[i], labels[j]), max(labels[i], labels[j])) for i, j in edges if labels[i] != labels[j]}
    ranked = sorted(
        ((value, a, b) for a, b in pairs if (value := close(a, b)) is not None), key=lambda t: (-t[0], t[1], t[2])
    )
    root = {label: label for label in members}

    def find(label: int) -> int:
        while root[label] != label:
            label = root[label]
        return label

    for _, a, b in ranked:
        a, b = find(a), find(b)
        if a == b or close(a, b) is None:  # the clusters may have grown since
            continue
        keep, gone = min(a, b), max(a, b)
        root[gone] = keep
        words[keep].merge(words[gone])
        names[keep].merge(names[gone])
        span[keep] = _joined(span[keep], span[gone])
    return [find(label) for label in labels]


def cluster_graph(
    vectors: CompactVectors,
    years: Sequence[frozenset[int]],
    lead_numbers: Sequence[frozenset[str]],
    settings: ClusterSettings,
    published: Sequence[date | None] | None = None,
    when: Sequence[date | None] | None = None,
) -> list[int]:
    """Cluster labels for a whole collection (equal labels: one story).

    ``published``: publication dates given with the articles (the time window); ``when``: the
    same, or else dates read from the text (datelines), for merging concurrent clusters.
    """
    graph = pair_graph(vectors, years, lead_numbers, settings)
    scores = pair_scores(graph, settings)
    days = _day_numbers(published, graph.size)
    window = settings.window_days
    labels = average_link(graph.size, graph.edges, scores, settings.link_threshold, days, window)
    labels = attach_lone(labels, graph.edges, scores, settings.lone_floor, settings.lone_dominance, days, window)
    if when is not None and settings.concurrent_days >= 0:
        labels = merge_concurrent(labels, vectors, when, graph.edges, settings)
    return labels


__all__ = [
    "PAIR_FEATURES",
    "PairGraph",
    "attach_lone",
    "average_link",
    "cluster_graph",
    "merge_concurrent",
    "neighbours",
    "pair_graph",
    "pair_scores",
    "refine_features",
    "second_order",
    "stage_one",
]
