"""``crossbrief eval briefs --reading``: the gold clusters briefed with their metadata, as
plain files arrive (no outlet, no date), and grouped into stories as ``crossbrief brief``
groups files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crossbrief.cli.eval import eval_group
from crossbrief.errors import UsageError
from crossbrief.evaluation.conflicts import evaluate, load_gold, without_metadata
from crossbrief.evaluation.summaries import Cluster

from .conftest import EVAL, need

GOLD = EVAL / "duc2003_gold"


def test_eval_readings_files_carry_the_text_alone():
    cluster = Cluster(
        "d1",
        (
            {"doc_id": "A1", "source": "Wire", "date": "2001-02-03", "title": "Ferry sinks", "text": "HAVANA (AP) _ x"},
            {"doc_id": "B1", "source": "Paper", "date": "2001-02-04", "text": "y"},
        ),
        ("a summary",),
    )
    plain = without_metadata(cluster)
    assert [d["doc_id"] for d in plain.docs] == ["A1", "B1"]
    assert [d["text"] for d in plain.docs] == ["HAVANA (AP) _ x", "y"]
    assert all(set(d) == {"doc_id", "text"} for d in plain.docs)
    assert cluster.docs[0]["source"] == "Wire"  # the original is left as it was


def test_eval_readings_unknown_reading_is_a_usage_error():
    with pytest.raises(UsageError, match="reading"):
        evaluate([], {}, reading="guess")


@pytest.mark.slow
@pytest.mark.eval
@pytest.mark.parametrize("reading", ["files", "stories"])
def test_eval_readings_run_on_a_train_cluster(reading, tmp_path):
    need(GOLD / "duc2003_gold.jsonl")
    need(EVAL / "duc2003" / "duc2003_task3.jsonl")
    cluster = "d117"  # a train cluster: the test split is never looked at here
    assert next(g for g in load_gold(GOLD) if g.id == cluster).split == "train"
    out = tmp_path / "rows.jsonl"
    args = ["briefs", str(GOLD), "--json", f"--cluster={cluster}", f"--reading={reading}", "--out", str(out)]
    result = CliRunner().invoke(eval_group, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["reading"] == reading and list(report["splits"]) == ["train"]
    counts = report["splits"]["train"]["counts"]
    assert counts["clusters"] == 1 and counts["facts"] > 0 and counts["quotes"] > 0
    assert counts["count_exact"] + counts["count_over"] + counts["count_under"] == counts["facts_found"]
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["stories"] == 1 if reading == "files" else row["stories"] >= 1
