"""Story clustering against ECB+ (Cybulska & Vossen 2014): B³ and pairwise scores.

ECB+ has 43 topics, each two different real events of the same kind (two earthquakes, two
boxing title defences); a document's gold story is its sub-topic. Documents of a split are
clustered all together, never told their topic, so the clusterer has to tell apart both
topics and the two events inside each. ECB+ has no publication dates.

The baseline is TF-IDF (scikit-learn) with average-link agglomerative clustering cut at a
cosine distance; its threshold, like crossbrief's settings, was tuned on train and dev only.

:func:`fit_pair_weights` fits the logistic pair scores of the graph batch clusterer
(``ClusterSettings.pair_weights`` and ``refine_weights``) on the pairs of neighbours of one or
more splits, train and dev only: never test.

    >>> bcubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "y"}).f1
    0.6666666666666666
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..stages.cluster import ClusterSettings, StoryInput, cluster_batch, collection_graph
from ..stages.cluster import graph as cluster_graph
from .scores import PRF

SPLITS = ("train", "dev", "test")
# Cosine distance at which the baseline stops merging: the B³ F1 peak on ECB+ train+dev
# together (0.884, swept 0.76-0.90 by 0.01); never tuned on test.
BASELINE_THRESHOLD = 0.85

# progress(done, total): systems run so far, of all (the CLI draws it as a bar).
Progress = Callable[[int, int], None]
DEFAULT_SETTINGS = ClusterSettings()


def load_ecbplus(folder: Path, split: str | None = None) -> tuple[list[StoryInput], dict[str, str]]:
    """The documents of one split (None: all) as StoryInputs, and gold doc_id → sub-topic.

    ECB+ documents have neither titles nor dates: ``title`` and ``published`` are None.
    """
    path = Path(folder) / "documents.jsonl"
    if split is not None and split not in SPLITS:
        raise UsageError(f"unknown ECB+ split {split!r}; use one of {', '.join(SPLITS)} or None")
    if not path.exists():
        raise UsageError(f"{path} not found; point to the ecbplus folder of the shared eval data")
    items: list[StoryInput] = []
    gold: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if split is None or doc["split"] == split:
                items.append(StoryInput(doc["doc_id"], None, doc["text"], None))
                gold[doc["doc_id"]] = doc["subtopic"]
    return items, gold


def _clusters(assignment: Mapping[str, str], keys: Iterable[str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        # an item the prediction left out is a cluster of its own
        groups[assignment.get(key, f"\\x00{key}")].add(key)
    return groups


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> PRF:
    """B³ (Bagga & Baldwin 1998) over the items of ``gold``: per-item overlap, averaged.

    >>> bcubed({"a": "1", "b": "1"}, {"a": "x", "b": "x"})
    PRF(precision=1.0, recall=1.0)
    """
    if not gold:
        return PRF(1.0, 1.0)
    pred_groups = _clusters(pred, gold)
    gold_groups = _clusters(gold, gold)
    p = r = 0.0
    for item in gold:
        mine = pred_groups[pred.get(item, f"\\x00{item}")]
        truth = gold_groups[gold[item]]
        shared = len(mine & truth)
        p += shared / len(mine)
        r += shared / len(truth)
    return PRF(p / len(gold), r / len(gold))


def _pairs(groups: Iterable[set[str]]) -> set[tuple[str, str]]:
    return {pair for group in groups for pair in combinations(sorted(group), 2)}


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> PRF:
    """Precision and recall of same-story pairs over the items of ``gold``.

    With no predicted (or no gold) pairs, precision (or recall) is 1.0: nothing was wrong.
    """
    predicted = _pairs(_clusters(pred, gold).values())
    true = _pairs(_clusters(gold, gold).values())
    both = len(predicted & true)
    return PRF.of_counts(both, len(predicted), len(true))


def tfidf_average_link(items: Sequence[StoryInput], threshold: float = BASELINE_THRESHOLD) -> dict[str, str]:
    """Baseline: scikit-learn TF-IDF (English stop words, sublinear tf), average-link
    agglomerative clustering on cosine distance, cut at ``threshold``. Quadratic memory."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    if len(items) < 2:
        return {item.id: "b-0" for item in items}
    texts = [f"{item.title}\n{item.text}" if item.title else item.text for item in items]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    labels = model.fit_predict(cosine_distances(matrix))
    return {item.id: f"b-{label}" for item, label in zip(items, labels, strict=True)}


def _scores(pred: Mapping[str, str], gold: Mapping[str, str], seconds: float) -> dict[str, Any]:
    return {
        "bcubed": bcubed(pred, gold).to_dict(),
        "pairwise": pairwise(pred, gold).to_dict(),
        "stories": len(set(pred.values())),
        "seconds": round(seconds, 2),
    }


def evaluate(
    folder: Path,
    split: str | None = "test",
    out: Path | None = None,
    progress: Progress | None = None,
    settings: ClusterSettings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    """crossbrief's cluster_batch and the baseline on one ECB+ split, in the same run.

    ``out`` gets one ``{"doc_id", "story"}`` line per document (crossbrief's stories);
    ``progress(done, total)`` is called as each system starts and at the end.
    """
    items, gold = load_ecbplus(folder, split)
    step = progress or (lambda done, total: None)
    step(0, 2)
    started = time.perf_counter()
    ours = cluster_batch(items, settings)
    ours_s = time.perf_counter() - started
    step(1, 2)
    started = time.perf_counter()
    base = tfidf_average_link(items, BASELINE_THRESHOLD)
    base_s = time.perf_counter() - started
    step(2, 2)
    if out is not None:
        with Path(out).open("w", encoding="utf-8") as fh:
            for item in items:
                fh.write(json.dumps({"doc_id": item.id, "story": ours[item.id]}) + "\n")
    return {
        "dataset": "ecbplus",
        "split": split or "all",
        "documents": len(items),
        "gold_stories": len(set(gold.values())),
        "systems": {"crossbrief": _scores(ours, gold, ours_s), "baseline": _scores(base, gold, base_s)},
        "settings": asdict(settings),
        "baseline_threshold": BASELINE_THRESHOLD,
    }


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table of one :func:`evaluate` result."""
    head = f"ECB+ {result['split']}: {result['documents']} documents, {result['gold_stories']} gold stories"
    lines = [
        head,
        f"{'system':<12} {'stories':>7}  {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}  "
        f"{'pair P':>6} {'pair R':>6} {'pair F1':>7}  {'s':>6}",
    ]
    for name, s in result["systems"].items():
        b, p = s["bcubed"], s["pairwise"]
        lines.append(
            f"{name:<12} {s['stories']:>7}  {b['precision']:>6.3f} {b['recall']:>6.3f} "
            f"{b['f1']:>6.3f}  {p['precision']:>6.3f} {p['recall']:>6.3f} "
            f"{p['f1']:>7.3f}  {s['seconds']:>6.2f}"
        )
    return "\n".join(lines)


# -- fitting the pair scores of the graph batch clusterer ----------------------------------


@dataclass(frozen=True)
class PairTable:
    """The neighbour graph of one split, its edge features and gold labels (same story?)."""

    graph: cluster_graph.PairGraph
    labels: list[bool]


def pair_table(
    items: Sequence[StoryInput], gold: Mapping[str, str], settings: ClusterSettings = DEFAULT_SETTINGS
) -> PairTable:
    """The graph batch clusterer's neighbour graph of ``items`` with gold labels per edge."""
    vectors, graph = collection_graph(items, settings)
    ids = [v.id for v in vectors]
    return PairTable(graph, [gold[ids[i]] == gold[ids[j]] for i, j in graph.edges])


def fit_logistic(
    rows: Sequence[Sequence[float]], labels: Sequence[bool], l2: float = 1e-3, rounds: int = 50
) -> tuple[float, ...]:
    """Logistic regression by Newton's method (numpy only): (bias, *weights).

    ``l2`` is a ridge penalty on the weights (not the bias), per example.
    """
    import numpy as np

    x = np.column_stack([np.ones(len(rows)), np.asarray(rows, dtype=float)])
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    ridge = l2 * len(y) * np.eye(x.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + ridge @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + ridge
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-9:
            break
    return tuple(round(float(v), 2) for v in w)


def fit_pair_weights(
    tables: Sequence[PairTable], settings: ClusterSettings = DEFAULT_SETTINGS
) -> dict[str, tuple[float, ...]]:
    """Fit the pair scores of the graph batch clusterer on the edges of ``tables``: stage one
    on all features and on the first-order ones alone, then stage two on the blended
    stage-one scores. Returns ``ClusterSettings`` fields: pair_weights, first_order_weights,
    refine_weights (rounded to 0.01)."""
    rows = [f for t in tables for f in t.graph.features]
    labels = [y for t in tables for y in t.labels]
    first_order = len(cluster_graph.PAIR_FEATURES) - 1  # all but the second-order similarity
    fitted = {
        "pair_weights": fit_logistic(rows, labels),
        "first_order_weights": fit_logistic([f[:first_order] for f in rows], labels),
    }
    staged = replace(settings, pair_weights=fitted["pair_weights"], first_order_weights=fitted["first_order_weights"])
    refined: list[tuple[float, float]] = []
    for t in tables:
        refined.extend(
            (p, so)
            for p, so, _ in cluster_graph.refine_features(t.graph, cluster_graph.stage_one(t.graph, staged), staged)
        )
    fitted["refine_weights"] = fit_logistic(refined, labels)
    return fitted
