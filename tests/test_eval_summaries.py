"""``crossbrief eval summaries``: the ROUGE scorer on hand-counted cases, the baselines, and a
quality gate on a slice of DUC 2003 task 2."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from crossbrief.cli.eval import _bar, eval_group
from crossbrief.errors import UsageError
from crossbrief.evaluation.conflicts import RESERVED
from crossbrief.evaluation.graph_rank import best_first, content_words, lexrank, pagerank, textrank
from crossbrief.evaluation.rouge import average, score_summary, truncate
from crossbrief.evaluation.summaries import (
    Cluster,
    ClusterRun,
    _fill,
    crossbrief_text,
    graph_summary,
    ldc_typography,
    lead_summary,
    load_clusters,
    prepare,
    score_runs,
)
from crossbrief.evaluation.summary_fit import Objective, fit, format_held_out, leave_one_file_out
from crossbrief.records import Article, Sentence, SentenceRef
from crossbrief.stages.summary import DEFAULT_WEIGHTS, PLAIN_WEIGHTS, Candidate

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
DUC_TASK2 = EVAL / "duc2003" / "duc2003_task2.jsonl"

# -- the scorer, on cases counted by hand -------------------------------------------------------


def test_eval_summaries_rouge_identical_summary_scores_one():
    s = score_summary("The typhoon killed 156 people.", ["The typhoon killed 156 people."], words=100)
    assert all(s[m].recall == s[m].precision == s[m].f1 == 1.0 for m in ("rouge1", "rouge2", "rougeL"))


def test_eval_summaries_rouge_disjoint_summary_scores_zero():
    s = score_summary("Markets rallied in Tokyo.", ["The typhoon killed 156 people."], words=100)
    assert all(s[m].recall == s[m].f1 == 0.0 for m in ("rouge1", "rouge2", "rougeL"))


def test_eval_summaries_rouge_hand_counted_overlap():
    # reference: the cat lay on a rug (6 tokens, bigrams: the cat, cat lay, lay on, on a, a rug)
    # summary:   the cat sat on the mat (6 tokens); shared unigrams the, cat, on (the once:
    # clipped to the reference's count) = 3; shared bigrams: "the cat" = 1; LCS the cat on = 3
    s = score_summary("The cat sat on the mat.", ["the cat lay on a rug"], words=100)
    assert s["rouge1"].recall == pytest.approx(3 / 6) and s["rouge1"].precision == pytest.approx(3 / 6)
    assert s["rouge2"].recall == pytest.approx(1 / 5) and s["rouge2"].f1 == pytest.approx(1 / 5)
    assert s["rougeL"].recall == pytest.approx(3 / 6)


def test_eval_summaries_rouge_is_stemmed():
    s = score_summary("Rescuers searched the ruins", ["rescuer searches ruin"], words=100)
    assert s["rouge1"].recall == pytest.approx(1.0)


def test_eval_summaries_rouge_averages_over_references():
    # 1.0 against the first reference, 0.0 against the second: DUC averages, it does not take the max
    s = score_summary("storm hits coast", ["storm hits coast", "markets rally today"], words=100)
    assert s["rouge1"].recall == pytest.approx(0.5)
    assert average([s, score_summary("storm hits coast", ["storm hits coast"], 100)])["rouge1"].recall == pytest.approx(
        0.75
    )


def test_eval_summaries_truncates_every_summary_to_n_words():
    padded = "filler " * 100 + "storm hits coast"
    assert truncate(padded, 100) == " ".join(["filler"] * 100)
    assert score_summary(padded, ["storm hits coast"], words=100)["rouge1"].recall == 0.0
    assert score_summary(padded, ["storm hits coast"], words=103)["rouge1"].recall == pytest.approx(1.0)


def test_eval_summaries_score_needs_references():
    with pytest.raises(ValueError):
        score_summary("anything", [], 100)


# -- input and baselines ------------------------------------------------------------------------


def _article(aid: str, sentences: list[str], published: date | None) -> Article:
    text, parts, at = " ".join(sentences), [], 0
    for n, s in enumerate(sentences):
        parts.append(Sentence(n, at, at + len(s), s))
        at += len(s) + 1
    return Article(
        id=aid,
        content_hash=aid,
        format="text",
        source=aid,
        text=text,
        sentences=tuple(parts),
        language="en",
        published=published,
    )


def test_eval_summaries_ldc_typography():
    assert ldc_typography("LONDON (AP) _ ``We won,'' he said.") == "LONDON (AP) — “We won,” he said."


def test_eval_summaries_lead_takes_the_most_recent_article():
    old = _article("old", ["Old news one two three.", "More old news here."], date(1998, 10, 1))
    new = _article(
        "new", ["Fresh news from today here.", "Second fresh sentence here.", "Third one."], date(1998, 10, 9)
    )
    assert lead_summary([new, old], 6) == "Fresh news from today here. Second fresh sentence here."
    assert lead_summary([], 100) == ""


def test_eval_summaries_fill_skips_repeats_and_stops_past_the_budget():
    assert _fill(["a b c", "a b c", "d e", "f g h"], 4) == "a b c d e"


@pytest.mark.parametrize("method", ["lexrank", "textrank"])
def test_eval_summaries_graph_baselines_pick_central_sentences(method):
    storm = "The typhoon killed 156 people in the Philippines on Friday."
    articles = [
        _article("a", [storm, "Fishing boats stayed in port along the coast."], None),
        _article("b", ["The typhoon killed 156 people in the Philippines.", "A concert was cancelled."], None),
        _article("c", ["Officials said the typhoon killed 156 people.", "Shares rose in Tokyo."], None),
    ]
    text = graph_summary(articles, 10, method)
    assert "typhoon killed 156 people" in text
    with pytest.raises(UsageError):
        graph_summary(articles, 10, "luhn")


# -- LexRank and TextRank (graph_rank.py) -------------------------------------------------------

# A hand-written cluster: sentence 2 shares content words with 0, 1 and 3; 0 and 1 share
# "homes" with each other, 3 shares only "officials said" with 2; 4 shares no word at all.
CLUSTER = [
    "Flood waters rose overnight near homes.",
    "Residents left their homes.",
    "The flood forced residents from their homes, officials said.",
    "Officials said damage would take weeks to count.",
    "Separately, a chess tournament opened in Oslo.",
]
RANKERS = {"lexrank": lexrank, "textrank": textrank}


def test_eval_summaries_content_words():
    assert content_words("The 2,000 aid-workers left the city's camps, officials said.") == [
        "aid-workers",
        "left",
        "city's",
        "camps",
        "officials",
        "said",
    ]


@pytest.mark.parametrize("method", RANKERS)
def test_eval_summaries_graph_rank_central_first_isolated_last(method):
    scores = RANKERS[method](CLUSTER)
    order = best_first(scores)
    assert order[0] == 2 and order[-1] == 4
    assert scores[4] < min(scores[:4])  # strictly last, not tied with a connected sentence
    assert scores.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("method", RANKERS)
def test_eval_summaries_graph_rank_ignores_sentence_order(method):
    # centrality is a property of the graph: shuffling the input moves the scores with it
    shuffled = [CLUSTER[i] for i in (4, 2, 0, 3, 1)]
    assert RANKERS[method](shuffled) == pytest.approx(RANKERS[method](CLUSTER)[[4, 2, 0, 3, 1]])


@pytest.mark.parametrize("method", RANKERS)
def test_eval_summaries_graph_rank_ties_keep_reading_order(method):
    # two copies of each sentence of a symmetric pair: four equal scores, ranked as read
    sentences = ["Storm hits coast.", "Coast storm hits.", "Storm hits coast.", "Coast storm hits."]
    scores = RANKERS[method](sentences)
    assert scores == pytest.approx([0.25] * 4)
    assert best_first(scores) == [0, 1, 2, 3]
    assert best_first(RANKERS[method](list(reversed(sentences)))) == [0, 1, 2, 3]


@pytest.mark.parametrize("method", RANKERS)
def test_eval_summaries_graph_rank_degenerate_inputs(method):
    assert RANKERS[method]([]).shape == (0,)
    assert RANKERS[method](["One sentence only."]) == pytest.approx([1.0])
    # no content words at all (stop words and numbers): no edges, every sentence alike
    assert RANKERS[method](["It is 2000.", "And then there were 3."]) == pytest.approx([0.5, 0.5])


def test_eval_summaries_lexrank_threshold_drops_weak_edges():
    # sentences 0 and 1 share one rare word among many: a cosine far below 0.1 with threshold
    # 0.5 no edge links them, so both are isolated and equal; at threshold 0 they are linked
    sentences = ["alpha beta gamma delta epsilon zeta", "alpha eta theta iota kappa lambda", "mu nu"]
    assert lexrank(sentences, threshold=0.5) == pytest.approx([1 / 3] * 3)
    linked = lexrank(sentences, threshold=0.01)
    assert linked[0] == pytest.approx(linked[1]) and linked[0] > linked[2]


def test_eval_summaries_pagerank_hand_computed():
    # a star: 0 linked to 1 and 2. With damping d, p0 = (1-d)/3 + d(p1 + p2) and
    # p1 = p2 = (1-d)/3 + d p0 / 2; with p0 + 2 p1 = 1: p0 = (1 + 2d) / (3 (1 + d))
    d = 0.85
    scores = pagerank(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=float), damping=d)
    assert scores[0] == pytest.approx((1 + 2 * d) / (3 * (1 + d)))
    assert scores[1] == pytest.approx(scores[2]) and scores.sum() == pytest.approx(1.0)


def test_eval_summaries_textrank_weights_by_shared_words():
    # 0 shares two words with 1 and one with 2 (1 and 2 share none): 1 gets two thirds of 0's
    # vote, 2 one third; unweighted, 1 and 2 would tie
    sentences = ["storm coast river", "storm coast wind", "river hail snow"]
    scores = textrank(sentences)
    assert scores[0] > scores[1] > scores[2]


def test_eval_summaries_progress_prints_lines_when_stderr_is_not_a_terminal(capsys):
    with _bar("summaries") as progress:
        for done in range(3):
            progress(done, 2)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "summaries: loading models"
    assert [line.split(" (")[0] for line in err[1:]] == ["summaries 1/2", "summaries 2/2"]


def test_eval_summaries_load_clusters_rejects_other_files(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"doc_id": "x", "text": "y"}) + "\n")
    with pytest.raises(UsageError, match="cluster_id"):
        load_clusters(bad)
    good = tmp_path / "good.jsonl"
    row = {"cluster_id": "c1", "docs": [{"doc_id": "d", "text": "t"}], "references": [{"text": "r"}]}
    good.write_text((json.dumps(row) + "\n") * 3)
    assert load_clusters(good, limit=2) == [Cluster("c1", ({"doc_id": "d", "text": "t"},), ("r",))] * 2


def test_eval_summaries_cli_names_a_missing_file(tmp_path):
    result = CliRunner().invoke(eval_group, ["summaries", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "not found" in result.output


# -- fitting weights and leaving one file out (summary_fit.py), on a hand-built cluster -------

# Three candidates: A and B of eleven words, the budget. A opens its article; B comes last
# but is closer to the story's centroid (D, too long to fit, pulls the centroid towards B).
# With the position bonus A wins, without it B does.
_TEXTS = {
    "A": "Officials opened a new bridge over the river on Monday morning.",
    "B": "Storm waters flooded three villages and forced thousands from their homes.",
    "D": " ".join(["Storm waters flooded the region again and again"] * 8) + ".",
}
_VECTORS = {"A": [1.0, 0.0, 0.0], "B": [0.0, 1.0, 0.0], "D": [0.0, 1.0, 0.0]}
_POSITIONS = {"A": 0.0, "B": 1.0, "D": 0.5}


def _run(cluster_id: str, reference: str) -> ClusterRun:
    cands = tuple(
        Candidate(
            text=_TEXTS[k],
            support=(SentenceRef("a", n),),
            sources=1,
            position=_POSITIONS[k],
            vector=np.array(_VECTORS[k], dtype=np.float32),
            group=n,
        )
        for n, k in enumerate(_TEXTS)
    )
    return ClusterRun(cluster_id, (reference,), cands, {"lead": _TEXTS["A"]}, words=11)


def test_eval_summaries_hand_built_cluster_picks_by_position_bonus():
    run = _run("c1", _TEXTS["B"])
    assert crossbrief_text(run, PLAIN_WEIGHTS) == _TEXTS["A"]  # plain weights: position 1, centrality 1
    assert crossbrief_text(run, replace(PLAIN_WEIGHTS, position_bonus=0.0)) == _TEXTS["B"]


def test_eval_summaries_fit_moves_a_weight_the_references_ask_for():
    files = {"one": [_run("c1", _TEXTS["B"])], "two": [_run("c2", _TEXTS["B"])]}
    fitted = fit(files, grid={"position_bonus": (0.0, 1.0, 3.0)})
    assert fitted == replace(PLAIN_WEIGHTS, position_bonus=0.0)
    # references that say what A says leave the plain weights alone
    assert fit({"one": [_run("c1", _TEXTS["A"])]}, grid={"position_bonus": (0.0, 3.0)}) == PLAIN_WEIGHTS


def test_eval_summaries_fit_moves_no_weight_that_costs_a_file():
    # file one gains a whole summary without the position bonus; file two loses half of one
    # (its other cluster's references match neither sentence): the mean gains, file two does not
    nowhere = "Quarterly grain exports rose at the northern port."
    files = {"one": [_run("c1", _TEXTS["B"])], "two": [_run("c2", _TEXTS["A"]), _run("c3", nowhere)]}
    grid = {"position_bonus": (0.0, 1.0)}
    assert fit(files, grid=grid) == PLAIN_WEIGHTS
    assert fit({"one": files["one"]}, grid=grid) == replace(PLAIN_WEIGHTS, position_bonus=0.0)


def test_eval_summaries_fit_never_counts_reserved_clusters():
    plain = {"one": [_run("c1", _TEXTS["A"])]}
    # d30003 is reserved (../shared/eval/README.md): its references would ask for no position bonus
    with_reserved = {"one": [_run("c1", _TEXTS["A"]), _run("d30003", _TEXTS["B"]), _run("d30003", _TEXTS["B"])]}
    grid = {"position_bonus": (0.0, 1.0)}
    assert fit(with_reserved, grid=grid) == fit(plain, grid=grid) == PLAIN_WEIGHTS
    with pytest.raises(UsageError, match="reserved"):
        Objective({"one": [_run("d30003", _TEXTS["B"])]})


def test_eval_summaries_leave_one_file_out_fits_without_the_file_it_scores():
    files = {"one": [_run("c1", _TEXTS["B"])], "two": [_run("c2", _TEXTS["A"])], "three": [_run("d30003", _TEXTS["B"])]}
    seen = []

    def fake_fit(given):
        seen.append(set(given))
        return replace(PLAIN_WEIGHTS, position_bonus=0.0)

    results = leave_one_file_out(files, fit_weights=fake_fit)
    assert seen == [{"two", "three"}, {"one", "three"}, {"one", "two"}]
    by_file = {r.file: r for r in results}
    assert by_file["one"].held_out.scores["crossbrief"]["rouge1"].recall == pytest.approx(1.0)
    assert by_file["one"].plain.scores["crossbrief"]["rouge1"].recall < 0.2
    assert by_file["three"].held_out.clusters == 0 and by_file["three"].held_out.reserved == ["d30003"]
    table = format_held_out(results)
    assert "reserved clusters, apart" in table and "without one: position_bonus=0.0" in table
    with pytest.raises(UsageError, match="two files"):
        leave_one_file_out({"one": files["one"]}, fit_weights=fake_fit)


def test_eval_summaries_cli_checks_its_files_first(tmp_path):
    result = CliRunner().invoke(
        eval_group, ["summaries", __file__, __file__, "--out", str(tmp_path / "o.jsonl")], catch_exceptions=False
    )
    assert result.exit_code == 2 and "one FILE" in result.output
    # leaving one file out needs two, said before any cluster is read
    result = CliRunner().invoke(eval_group, ["summaries", __file__, "--leave-one-file-out"], catch_exceptions=False)
    assert result.exit_code == 2 and "two FILES" in result.output


# -- quality gate -------------------------------------------------------------------------------

# The gate scores the first four unreserved DUC 2003 task 2 clusters, summaries within 100
# words: the shipped weights were fitted without task 2 (on task 3 and MultiLing), so these
# clusters are held out from them. Measured: crossbrief R-1 recall 0.353, R-2 0.103 (LexRank
# 0.339, 0.078); weights that prefer late, peripheral sentences score 0.282, 0.052. Floors a
# little below, so a regression fails.
GATE_CLUSTERS = ("d30012", "d30016", "d30020", "d30025")
FLOORS = {"rouge1": 0.345, "rouge2": 0.098}


@pytest.fixture(scope="module")
def gate_runs():
    if not DUC_TASK2.exists():
        pytest.skip(f"{DUC_TASK2} not found: shared evaluation data lives in ../shared beside the repo")
    clusters = [c for c in load_clusters(DUC_TASK2) if c.id in GATE_CLUSTERS]
    assert [c.id for c in clusters] == list(GATE_CLUSTERS) and not set(GATE_CLUSTERS) & RESERVED
    return prepare(clusters, 100, ("lexrank",))


@pytest.mark.slow
@pytest.mark.eval
def test_eval_summaries_duc2003_task2_quality_gate(gate_runs):
    rows = []
    result = score_runs(gate_runs, write=rows.append)
    assert set(result.scores) == {"crossbrief", "lexrank"} and result.clusters == len(GATE_CLUSTERS)
    for metric, floor in FLOORS.items():
        assert result.scores["crossbrief"][metric].recall >= floor, result.to_dict()["scores"]
    assert [r["cluster_id"] for r in rows] == list(GATE_CLUSTERS) and all(r["summary"] for r in rows)


@pytest.mark.slow
@pytest.mark.eval
def test_eval_summaries_quality_gate_fails_bad_weights(gate_runs):
    # the latest, least central sentences: the gate must catch weights this bad
    bad = replace(DEFAULT_WEIGHTS, position_bonus=-3.0, centrality_bonus=-4.0, lead_concept_bonus=0.0)
    scores = score_runs(gate_runs, bad).scores["crossbrief"]
    assert any(scores[metric].recall < floor for metric, floor in FLOORS.items()), scores
