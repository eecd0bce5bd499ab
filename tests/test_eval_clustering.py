"""Clustering scorers on hand-made cases, and the ECB+ quality gate with pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crossbrief.errors import UsageError
from crossbrief.evaluation.clustering import (
    bcubed,
    evaluate,
    fit_logistic,
    fit_pair_weights,
    format_table,
    load_ecbplus,
    pair_table,
    pairwise,
    tfidf_average_link,
)
from crossbrief.evaluation.scores import PRF
from crossbrief.stages.cluster import ClusterSettings, StoryInput

ECBPLUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "ecbplus"

GOLD = {"a": "x", "b": "x", "c": "y", "d": "y"}


def close(prf: PRF, precision: float, recall: float) -> bool:
    return abs(prf.precision - precision) < 1e-12 and abs(prf.recall - recall) < 1e-12


def test_eval_clustering_perfect_partition_scores_one():
    pred = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert close(bcubed(pred, GOLD), 1.0, 1.0) and close(pairwise(pred, GOLD), 1.0, 1.0)


def test_eval_clustering_all_in_one():
    pred = dict.fromkeys(GOLD, "1")
    # B³: every item's cluster holds 4, of which 2 are right → P = 1/2, R = 1
    assert close(bcubed(pred, GOLD), 0.5, 1.0)
    assert bcubed(pred, GOLD).f1 == pytest.approx(2 / 3)
    # pairs: 6 predicted, 2 true, both found
    assert close(pairwise(pred, GOLD), 2 / 6, 1.0)


def test_eval_clustering_all_singletons():
    pred = {k: k for k in GOLD}
    assert close(bcubed(pred, GOLD), 1.0, 0.5)
    assert close(pairwise(pred, GOLD), 1.0, 0.0)  # no predicted pair: nothing wrong, none found
    assert pairwise(pred, GOLD).f1 == 0.0


def test_eval_clustering_uneven_case():
    pred = {"a": "1", "b": "1", "c": "2"}
    gold = {"a": "x", "b": "y", "c": "y"}
    # P: a 1/2, b 1/2, c 1/1 → 2/3; R: a 1/1, b 1/2, c 1/2 → 2/3
    assert close(bcubed(pred, gold), 2 / 3, 2 / 3)
    assert close(pairwise(pred, gold), 0.0, 0.0)


def test_eval_clustering_missing_prediction_is_a_singleton():
    pred = {"a": "1", "b": "1", "c": "2"}  # d left out
    assert close(bcubed(pred, GOLD), 1.0, (1 + 1 + 0.5 + 0.5) / 4)
    assert close(pairwise(pred, GOLD), 1.0, 0.5)


def test_eval_clustering_labels_are_arbitrary():
    pred = {"a": "7", "b": "7", "c": "x", "d": "x"}  # a label equal to a gold label means nothing
    assert close(bcubed(pred, GOLD), 1.0, 1.0)


def test_eval_clustering_baseline_groups_duplicates():
    text = "The coast guard seized the tanker Orla Star off Cape Lenna on Tuesday."
    other = "Parliament passed the farm budget after a long night of debate on Thursday."
    items = [
        StoryInput("a", None, text, None),
        StoryInput("b", None, text + " Officials said.", None),
        StoryInput("c", None, other, None),
    ]
    result = tfidf_average_link(items, 0.5)
    assert result["a"] == result["b"] != result["c"]


def test_eval_clustering_fit_logistic_recovers_a_separating_direction():
    rows = [(x / 10, (x * 7 % 10) / 10) for x in range(10) for _ in range(3)]
    labels = [x > 0.45 for x, _ in rows]  # the first feature decides, the second is noise
    bias, first, second = fit_logistic(rows, labels)
    assert first > 5 and abs(second) < first / 4 and bias < 0


def test_eval_clustering_unknown_split_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="split"):
        load_ecbplus(tmp_path, "validation")
    with pytest.raises(UsageError, match="not found"):
        load_ecbplus(tmp_path, "test")


def need_ecbplus() -> Path:
    if not (ECBPLUS / "documents.jsonl").exists():
        pytest.skip(f"{ECBPLUS} not found: ECB+ lives in ../shared/eval beside the repository")
    return ECBPLUS


def test_eval_clustering_load_ecbplus_test_split():
    items, gold = load_ecbplus(need_ecbplus(), "test")
    assert len(items) == len(gold) == 210
    assert {doc.split("_")[0] for doc in gold} == {str(t) for t in range(36, 46)}
    assert len(set(gold.values())) == 20 and all(i.published is None for i in items)


# Floors a little below the figures measured with the default settings (graph batch, weights
# and thresholds fit on train and dev only, document frequencies from 1,000 background
# documents): test B³ F1 0.972, pairwise F1 0.967; dev B³ F1 0.927, pairwise 0.907; baseline
# test B³ F1 0.861. The background prior cost dev 0.029 (0.956 before): ECB+ topics are two
# events of one kind, whose shared topic words the prior no longer discounts; it buys the
# same stories for an event's articles alone as inside a stream (DUC task 2: 24 of 28, was 4).
FLOORS = {
    ("test", "crossbrief", "bcubed"): 0.96,
    ("test", "crossbrief", "pairwise"): 0.95,
    ("test", "baseline", "bcubed"): 0.84,
    ("dev", "crossbrief", "bcubed"): 0.91,
    ("dev", "crossbrief", "pairwise"): 0.89,
}


@pytest.mark.eval
@pytest.mark.parametrize("split", ["test", "dev"])
def test_eval_clustering_ecbplus_gate(split, tmp_path):
    out = tmp_path / "stories.jsonl"
    result = evaluate(need_ecbplus(), split, out=out)
    print(format_table(result))
    for (floor_split, system, metric), floor in FLOORS.items():
        if floor_split == split:
            assert result["systems"][system][metric]["f1"] >= floor, (system, metric)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == result["documents"] and set(lines[0]) == {"doc_id", "story"}
    assert "crossbrief" in format_table(result) and "baseline" in format_table(result)


@pytest.mark.eval
def test_eval_clustering_pair_weights_reproduce_from_train_and_dev():
    """The shipped pair weights are what fit_pair_weights gives on ECB+ train + dev: change
    the features and this fails until the weights are fit again (never on test)."""
    folder = need_ecbplus()
    settings = ClusterSettings()
    tables = [pair_table(*load_ecbplus(folder, split), settings) for split in ("train", "dev")]
    fitted = fit_pair_weights(tables, settings)
    for name, weights in fitted.items():
        assert weights == pytest.approx(getattr(settings, name), abs=0.02), name
