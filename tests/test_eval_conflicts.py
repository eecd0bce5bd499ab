"""``crossbrief eval briefs``: quote location, the conflict / trap / fact matchers on
hand-made briefs and gold, and one gated end-to-end run on gold train clusters."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from crossbrief.cli.eval import eval_group
from crossbrief.errors import UsageError
from crossbrief.evaluation import standoff
from crossbrief.evaluation.conflicts import RESERVED, ConflictEvaluation, load_gold, select
from crossbrief.evaluation.conflicts_match import (
    ClusterScore,
    GoldClaim,
    GoldCluster,
    GoldConflict,
    GoldFact,
    GoldTrap,
    QuoteLocator,
    Tally,
    figures,
    locate_quote,
    same_figure,
    score_cluster,
)
from crossbrief.evaluation.summaries import ldc_typography
from crossbrief.records import Article, Claim, Conflict, Fact, Sentence, SentenceRef

from .conftest import EVAL, need

GOLD = EVAL / "duc2003_gold"


def article(aid: str, *sentences: str) -> Article:
    """A cleaned article of the given sentences (offsets as if joined by one space)."""
    made, at = [], 0
    for n, text in enumerate(sentences):
        made.append(Sentence(n, at, at + len(text), text))
        at += len(text) + 1
    return Article(aid, f"hash-{aid}", "text", aid, " ".join(sentences), tuple(made), "en")


def conflict(severity: str, *claims: tuple[str, int, str], cid: str = "p1") -> Conflict:
    """A predicted conflict of (article, sentence, value) claims."""
    return Conflict(
        cid, "number", "death toll", severity, tuple(Claim(a, s, f"text {a}{s}", v) for a, s, v in claims), ""
    )


def fact(fid: str, sources: int, *support: tuple[str, int]) -> Fact:
    refs = tuple(SentenceRef(a, s) for a, s in support)
    return Fact(fid, "a fact", refs, tuple(dict.fromkeys(a for a, _ in support)), sources)


# A quake story: A and B disagree on the toll at the same time; C's injured count is a trap
# (injured vs killed); B's later toll rising is a running count the gold allows as soft.
ARTICLES = (
    article("A", "The quake killed 60 people on Friday.", "Rescuers searched the ruins of the old town.", "X."),
    article("B", "Officials said the quake killed 67 people.", "By Sunday the toll had risen to 80 dead."),
    article("C", "The quake injured 60 people, the Red Cross said.", "Aid arrived from the capital by road."),
)
GOLD_CLUSTER = GoldCluster(
    id="d0",
    task="task3",
    split="train",
    conflicts=(
        GoldConflict(
            "c1",
            "number",
            "death toll on Friday",
            "hard",
            (GoldClaim("A", "quake killed 60 people", "60"), GoldClaim("B", "the quake killed 67 people", "67")),
        ),
    ),
    traps=(
        GoldTrap(
            "n1", "injured vs killed", False, (GoldClaim("A", "killed 60", "60"), GoldClaim("C", "injured 60", "60"))
        ),
        GoldTrap(
            "n2",
            "toll rising",
            True,
            (GoldClaim("B", "killed 67 people", "67"), GoldClaim("B", "risen to 80 dead", "80")),
        ),
    ),
    facts=(
        GoldFact("f1", "Rescuers searched the ruins.", 1, (GoldClaim("A", "Rescuers searched the ruins"),)),
        GoldFact(
            "f2",
            "The quake struck.",
            2,
            (GoldClaim("A", "The quake killed 60 people"), GoldClaim("C", "The quake injured 60 people")),
        ),
    ),
)


def judge(conflicts=(), facts=()) -> ClusterScore:  # type: ignore[no-untyped-def]
    return score_cluster(conflicts, facts, GOLD_CLUSTER, QuoteLocator(ARTICLES))


# -- quote location -------------------------------------------------------------------------


def test_quote_is_located_despite_ldc_typography_and_whitespace():
    # the quote is verbatim in the raw text once whitespace runs are collapsed; the sentence
    # has the LDC typography converted and keeps a line break
    cleaned = ldc_typography("He said ``the toll\n  is 60'' _ and rising.")
    assert "“" in cleaned and "—" in cleaned and "\n" in cleaned
    sentences = [("A", 0, "Earlier news."), ("A", 1, cleaned)]
    assert locate_quote("said ``the toll is 60'' _ and", sentences) == {("A", 1)}


def test_quote_spanning_a_sentence_boundary_locates_both_sentences():
    sentences = [("A", 0, "The dam broke."), ("A", 1, "Water rose fast."), ("A", 2, "People fled.")]
    assert locate_quote("dam broke. Water rose", sentences) == {("A", 0), ("A", 1)}


def test_quote_altered_by_cleaning_falls_back_to_token_overlap():
    sentences = [("A", 0, "Rescuers searched the ruins of the old town on Saturday."), ("A", 1, "Others left.")]
    # one word of five differs (cleaning dropped "(AP)"): overlap 0.8, located
    assert locate_quote("the ruins (AP) old town", sentences) == {("A", 0)}
    # two of five differ: 0.6 < 0.8, not located
    assert locate_quote("the ruins of new city", sentences) == frozenset()


def test_quote_of_a_missing_article_or_text_is_unlocated():
    locate = QuoteLocator(ARTICLES)
    assert locate("Z", "The quake killed 60 people") == frozenset()
    assert locate("A", "a sentence nobody wrote about volcanoes") == frozenset()
    score = score_cluster(
        (),
        (),
        GoldCluster("d0", "task3", "train", (), (GoldTrap("n", "s", False, (GoldClaim("Z", "anything at all"),)),), ()),
        locate,
    )
    assert score.tally.unlocated == 1 and score.tally.quotes == 1 and score.unlocated[0][1].article == "Z"


# -- conflicts ------------------------------------------------------------------------------


def test_true_conflict_is_matched_with_its_severity():
    score = judge([conflict("hard", ("A", 0, "60"), ("B", 0, "67"))])
    t = score.tally
    assert score.conflicts[0].status == "matched" and score.conflicts[0].gold == ("c1",)
    assert (t.predicted, t.matched, t.gold, t.found, t.gold_hard, t.found_hard) == (1, 1, 1, 1, 1, 1)
    assert t.figures()["precision"] == t.figures()["recall"] == t.figures()["severity_agreement"] == 1.0


def test_severity_disagreement_is_measured():
    t = judge([conflict("soft", ("A", 0, "60"), ("B", 0, "67"))]).tally
    assert t.matched == 1 and t.pairs == 1 and t.same_severity == 0


def test_conflict_with_only_one_gold_side_is_not_a_match():
    # A's toll set against an unrelated sentence of B: one side of c1 only
    score = judge([conflict("hard", ("A", 0, "60"), ("A", 1, "ruins"))])
    assert score.conflicts[0].status == "unmatched"
    assert score.tally.figures()["precision"] == 0.0 and score.tally.figures()["recall"] == 0.0


def test_one_predicted_claim_cannot_stand_for_both_sides():
    # both gold claims lie in one sentence: one predicted claim there locates both, but a
    # conflict needs two predicted claims, one on each side
    gold = GoldCluster(
        "d0",
        "task3",
        "train",
        (GoldConflict("c1", "number", "s", "hard", (GoldClaim("A", "killed 60", "60"), GoldClaim("A", "67", "67"))),),
        (),
        (),
    )
    locate = QuoteLocator((article("A", "Reports said it killed 60 or 67."), article("C", "Other news.")))
    one = score_cluster([conflict("hard", ("A", 0, "60"), ("C", 0, "x"))], (), gold, locate)
    two = score_cluster([conflict("hard", ("A", 0, "60"), ("A", 0, "67"))], (), gold, locate)
    assert one.conflicts[0].status == "unmatched" and two.conflicts[0].status == "matched"


def test_claims_of_one_value_in_one_article_are_not_two_sides():
    # c2 of d108's kind: 156 in A, 162 twice in B; B against B (same value) is no match
    articles = (article("A", "It has 156 delegates."), article("B", "It has 162 delegates.", "DELEGATES: 162."))
    claims = (
        GoldClaim("A", "has 156 delegates", "156"),
        GoldClaim("B", "has 162", "162"),
        GoldClaim("B", "DELEGATES: 162", "162"),
    )
    gold = GoldCluster("d0", "task3", "train", (GoldConflict("c2", "number", "s", "soft", claims),), (), ())
    locate = QuoteLocator(articles)
    same = score_cluster([conflict("soft", ("B", 0, "162"), ("B", 1, "162"))], (), gold, locate)
    across = score_cluster([conflict("soft", ("A", 0, "156"), ("B", 1, "162"))], (), gold, locate)
    assert same.conflicts[0].status == "unmatched" and across.conflicts[0].status == "matched"


def test_a_number_conflict_must_set_the_gold_figures_against_each_other():
    # the right sentences, but another figure in one of them: "3 injured" is not the toll of 60
    articles = (
        article("A", "The quake killed 60 people and injured 3."),
        article("B", "Officials said the quake killed 67 people."),
    )
    claims = (GoldClaim("A", "killed 60 people", "60"), GoldClaim("B", "the quake killed 67 people", "67"))
    gold = GoldCluster("d0", "task3", "train", (GoldConflict("c1", "number", "toll", "hard", claims),), (), ())
    locate = QuoteLocator(articles)
    wrong = score_cluster([conflict("hard", ("A", 0, "3"), ("B", 0, "67 people"))], (), gold, locate)
    right = score_cluster([conflict("hard", ("A", 0, "60 people"), ("B", 0, "67 people"))], (), gold, locate)
    assert wrong.conflicts[0].status == "unmatched" and right.conflicts[0].status == "matched"


def test_figures_are_read_as_digits():
    assert figures("2,600 newspapers") == {"2600"} and figures("Seven newspapers") == {"7"}
    assert same_figure("an estimated 2.7 million Americans", "2.7 million") and not same_figure("$1.20", "$1.32")
    assert same_figure("dozens of lives", "dozens")  # nothing to compare: the sentence decides


def test_trap_hit_is_an_error():
    score = judge([conflict("hard", ("A", 0, "60 killed"), ("C", 0, "60 injured"))])
    t = score.tally
    assert score.conflicts[0].status == "trap" and score.conflicts[0].traps == ("n1",)
    assert (t.trap_hits, t.acceptable_soft, t.matched) == (1, 0, 0)
    assert t.figures()["precision"] == t.figures()["precision_acceptable_aside"] == 0.0


def test_running_count_shown_as_soft_is_counted_apart_not_as_an_error():
    soft = judge([conflict("soft", ("B", 0, "67"), ("B", 1, "80"))])
    assert soft.conflicts[0].status == "acceptable_soft"
    assert (soft.tally.trap_hits, soft.tally.acceptable_soft) == (0, 1)
    # shown as hard, the same running count is a trap hit
    assert judge([conflict("hard", ("B", 0, "67"), ("B", 1, "80"))]).conflicts[0].status == "trap"
    # beside a true match: strict precision 1/2, with the acceptable one set aside 1/1
    both = judge([conflict("hard", ("A", 0, "60"), ("B", 0, "67")), conflict("soft", ("B", 0, "67"), ("B", 1, "80"))])
    assert both.tally.figures()["precision"] == 0.5 and both.tally.figures()["precision_acceptable_aside"] == 1.0


# -- facts and independent sources ----------------------------------------------------------


def test_over_count_is_detected():
    # f1 is one outlet's claim; a brief saying 3 independent sources over-counts it
    t = judge(facts=[fact("p1", 3, ("A", 1), ("B", 1), ("C", 1))]).tally
    assert (t.facts, t.facts_found, t.count_over, t.count_exact, t.count_under) == (2, 1, 1, 0, 0)
    assert (t.multi_source, t.multi_within) == (1, 0)
    assert t.figures()["over_count_rate"] == 1.0 and t.figures()["multi_source_within_gold"] == 0.0
    assert t.multi_flagged == 0 and t.figures()["over_counts_flagged"] == 0.0
    # the same count, two of its sources naming no outlet: the brief flags the excess
    unnamed = dataclasses.replace(fact("p1", 3, ("A", 1), ("B", 1), ("C", 1)), sources_without_outlet=2)
    assert judge(facts=[unnamed]).tally.figures()["over_counts_flagged"] == 1.0


def test_exact_and_under_counts():
    t = judge(facts=[fact("p1", 1, ("A", 1)), fact("p2", 1, ("A", 0), ("C", 0))]).tally
    assert (t.facts_found, t.count_exact, t.count_under, t.count_over) == (2, 1, 1, 0)
    assert t.multi_source == 0 and t.figures()["multi_source_within_gold"] is None


def test_best_fact_is_the_one_locating_most_quotes_never_the_count():
    # p1 locates one of f2's quotes (and says 1), p2 both (and says 5): p2 is f2's match
    score = judge(facts=[fact("p1", 1, ("A", 0)), fact("p2", 5, ("A", 0), ("C", 0))])
    f2 = next(v for v in score.facts if v.gold.id == "f2")
    assert f2.predicted is not None and f2.predicted.id == "p2" and f2.quotes_located == 2
    assert score.tally.count_over == 1


# -- loading and adding up ------------------------------------------------------------------


def test_load_gold_names_a_bad_line(tmp_path):
    bad = tmp_path / "duc2003_gold.jsonl"
    bad.write_text('{"cluster_id": "d1", "task": "task3"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match="duc2003_gold.jsonl:1"):
        load_gold(tmp_path)


def test_select_by_split_and_unknown_cluster():
    gold = [GOLD_CLUSTER, GoldCluster("d9", "task3", "test", (), (), ())]
    assert [g.id for g in select(gold, "test")] == ["d9"]
    assert [g.id for g in select(gold, "all", ["d0"])] == ["d0"]
    with pytest.raises(UsageError, match="d77"):
        select(gold, "all", ["d77"])


def test_reserved_cluster_is_reported_apart():
    reserved = sorted(RESERVED)[0]
    scores = [
        ClusterScore("d0", "train", tally=Tally(clusters=1, predicted=2, matched=1)),
        ClusterScore("d9", "test", tally=Tally(clusters=1, predicted=1)),
        ClusterScore(reserved, "train", tally=Tally(clusters=1, predicted=5)),
    ]
    tallies = ConflictEvaluation("gold", scores).tallies()
    assert list(tallies) == ["train", "test", "all", "reserved"]
    assert tallies["train"].predicted == 2 and tallies["all"].predicted == 3 and tallies["reserved"].predicted == 5


# -- gated run on gold train clusters -------------------------------------------------------

GATE_CLUSTERS = ("d108", "d117", "d121")  # train clusters only: the test split is never looked at here


@pytest.mark.slow
@pytest.mark.eval
def test_eval_conflicts_runs_end_to_end_on_train_clusters(tmp_path):
    need(GOLD / "duc2003_gold.jsonl")
    need(EVAL / "duc2003" / "duc2003_task3.jsonl")
    assert all(g.split == "train" for g in load_gold(GOLD) if g.id in GATE_CLUSTERS)
    out = tmp_path / "conflicts.jsonl"
    args = ["briefs", str(GOLD), "--json", "--per-cluster", "--out", str(out)]
    result = CliRunner().invoke(eval_group, [*args, *(f"--cluster={c}" for c in GATE_CLUSTERS)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert list(report["splits"]) == ["train"] and set(report["clusters"]) == set(GATE_CLUSTERS)
    # No quality floor yet: floors come when the conflicts issue lands. Until then the run
    # must finish, every figure be a share, and the counts add up.
    for row in [{**r["counts"], **r["figures"]} for r in [report["splits"]["train"], *report["clusters"].values()]]:
        assert row["matched"] + row["trap_hits"] + row["acceptable_soft"] + row["unmatched"] == row["predicted"]
        assert row["found_hard"] <= row["gold_hard"] <= row["gold"] and row["found"] <= row["gold"]
        assert row["same_severity"] <= row["pairs"] and row["pairs"] >= row["found"]
        assert row["count_exact"] + row["count_over"] + row["count_under"] == row["facts_found"] <= row["facts"]
        assert row["multi_within"] <= row["multi_source"] and row["unlocated"] <= row["quotes"]
        for name in report["splits"]["train"]["figures"]:
            assert row[name] is None or 0.0 <= row[name] <= 1.0, (name, row)
    train = report["splits"]["train"]["counts"]
    assert train["clusters"] == len(GATE_CLUSTERS) and train["gold"] > 0 and train["facts"] > 0
    # the locator itself works on real cleaned text: nearly every verbatim quote is found
    assert train["unlocated"] <= 0.05 * train["quotes"], train
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["cluster_id"] for r in rows] == [g.id for g in load_gold(GOLD) if g.id in GATE_CLUSTERS]
    assert sum(len(r["conflicts"]) for r in rows) == train["predicted"]


def test_summary_main_facts_and_judged_citations_are_tallied():
    from crossbrief.evaluation.conflicts_match import citation_key
    from crossbrief.records import SummarySentence

    said = "The quake killed 60 people on Friday."
    summary = [SummarySentence(said, (SentenceRef("A", 0), SentenceRef("C", 0)))]
    judged = {citation_key("d0", said, "A", 0): "supports", citation_key("d0", said, "C", 0): "does_not"}
    t = score_cluster([], [], GOLD_CLUSTER, QuoteLocator(ARTICLES), summary, judged).tally
    # f2's quotes lie in A0 and C0, both cited; f1's (A1) is not
    assert (t.summary_facts, t.facts) == (1, 2)
    assert (t.citations, t.citations_judged, t.citations_supported) == (2, 2, 1)
    assert t.figures()["citation_support_precision"] == 0.5 and t.figures()["main_fact_coverage"] == 0.5
    unjudged = score_cluster([], [], GOLD_CLUSTER, QuoteLocator(ARTICLES), summary, {}).tally
    assert (unjudged.citations_judged, unjudged.figures()["citation_support_precision"]) == (0, None)


def test_main_facts_stated_in_other_words_are_tallied_by_their_verdicts():
    from crossbrief.evaluation.conflicts_match import fact_key
    from crossbrief.records import SummarySentence

    # The summary states f1 in its own words and cites no sentence holding f1's quote (A1).
    said, other = "Rescuers combed the old town's ruins.", "Aid came from the capital."
    summary = [SummarySentence(said, (SentenceRef("B", 1),)), SummarySentence(other, (SentenceRef("C", 1),))]
    judged = {fact_key("d0", "f1", said): "states", fact_key("d0", "f2", said): "partial"}
    t = score_cluster([], [], GOLD_CLUSTER, QuoteLocator(ARTICLES), summary, judged_facts=judged).tally
    assert (t.summary_fact_pairs, t.summary_fact_pairs_judged, t.summary_facts_judged) == (4, 2, 1)
    assert t.figures()["main_fact_stated_judged"] == 0.5 and t.figures()["main_fact_pairs_judged_share"] == 0.5
    # a partial statement is not a statement, and another sentence's verdict is not this one's
    judged = {fact_key("d0", "f1", other): "partial", fact_key("d0", "f2", "Another sentence."): "states"}
    t = score_cluster([], [], GOLD_CLUSTER, QuoteLocator(ARTICLES), summary, judged_facts=judged).tally
    assert (t.summary_fact_pairs_judged, t.summary_facts_judged) == (1, 0)


def test_load_judged_facts_names_a_bad_line(tmp_path):
    from crossbrief.evaluation.conflicts import load_judged_facts

    path = tmp_path / "f.jsonl"
    row = {"cluster": "d0", "fact": "f1", "summary_sha1": "ab12", "split": "train"}
    path.write_text(json.dumps({**row, "verdict": "states"}) + "\n")
    assert load_judged_facts(path) == {("d0", "f1", "ab12"): "states"}
    path.write_text(json.dumps({**row, "verdict": "mostly"}) + "\n")
    with pytest.raises(UsageError, match="f.jsonl:1"):
        load_judged_facts(path)


def test_judged_facts_file_is_well_formed():
    from crossbrief.evaluation.conflicts import FACT_VERDICTS, JUDGED_FACTS, load_judged_facts

    judged = load_judged_facts(JUDGED_FACTS)
    rows = [json.loads(line) for line in JUDGED_FACTS.read_text(encoding="utf-8").splitlines()]
    assert len(judged) == len(rows) >= 1000  # one verdict per (fact, sentence) pair, no pair twice
    assert {r["verdict"] for r in rows} == FACT_VERDICTS and {r["split"] for r in rows} == {"train", "test", "heldout"}
    assert all(set(r) == {"cluster", "fact", "summary_sha1", "split", "verdict"} for r in rows)


def test_unjudged_items_are_what_no_verdict_covers_and_become_verdict_lines(tmp_path):
    from crossbrief.evaluation.conflicts import load_judged, load_judged_facts, load_judged_support
    from crossbrief.evaluation.conflicts_match import citation_key, unjudged_items
    from crossbrief.records import Fact, SummarySentence

    said = "The quake killed 60 people on Friday."
    summary = [SummarySentence(said, (SentenceRef("A", 0), SentenceRef("B", 0)))]
    fact = Fact("x1", said, (SentenceRef("A", 0), SentenceRef("B", 0)), ("A", "B"), 2)
    text_of = {(a.id, x.index): x.text for a in ARTICLES for x in a.sentences}
    judged = ({citation_key("d0", said, "A", 0): "supports"}, {}, {})
    rows = unjudged_items(GOLD_CLUSTER, summary, [fact], text_of, judged)
    # one citation (B0; A0 is judged), two main facts beside the one sentence, one support pair
    assert sorted(r["judge"] for r in rows) == ["citation", "fact", "fact", "support"]
    cite = next(r for r in rows if r["judge"] == "citation")
    assert (cite["article"], cite["cited_text"]) == ("B", "Officials said the quake killed 67 people.")
    # a judge's verdict added to a row, texts left out, is a line its verdict file reads
    texts = {"judge", "summary_text", "cited_text", "fact_text", "text_a", "text_b"}
    loaders = {
        "citation": (load_judged, "supports"),
        "fact": (load_judged_facts, "no"),
        "support": (load_judged_support, "same"),
    }
    for kind, (load, verdict) in loaders.items():
        path = tmp_path / f"{kind}.jsonl"
        lines = [
            {k: v for k, v in r.items() if k not in texts} | {"verdict": verdict} for r in rows if r["judge"] == kind
        ]
        path.write_text("".join(json.dumps(line) + "\n" for line in lines))
        judged = tuple({**j, **load(path)} if k == kind else j for k, j in zip(("citation", "support", "fact"), judged))
    assert unjudged_items(GOLD_CLUSTER, summary, [fact], text_of, judged) == []


def test_load_judged_names_a_bad_line(tmp_path):
    from crossbrief.evaluation.conflicts import load_judged

    path = tmp_path / "j.jsonl"
    path.write_text('{"cluster": "d0", "summary_sha1": "ab", "article": "A", "sentence": 0, "verdict": "maybe"}\n')
    with pytest.raises(UsageError, match="j.jsonl:1"):
        load_judged(path)
    assert load_judged(tmp_path / "absent.jsonl") == {}


def test_load_judged_support_names_a_bad_line(tmp_path):
    from crossbrief.evaluation.conflicts import load_judged_support

    path = tmp_path / "s.jsonl"
    row = {"cluster": "d0", "split": "train", "article_a": "B", "sentence_a": 2, "article_b": "A", "sentence_b": 5}
    path.write_text(json.dumps({**row, "verdict": "same"}) + "\n")
    assert load_judged_support(path) == {("d0", "A", 5, "B", 2): "same"}  # the pair in order
    path.write_text(json.dumps({**row, "verdict": "maybe"}) + "\n")
    with pytest.raises(UsageError, match="s.jsonl:1"):
        load_judged_support(path)


def test_support_pairs_are_tallied_by_their_verdicts():
    from crossbrief.evaluation.conflicts_match import _tally_support, support_key
    from crossbrief.records import Fact, SentenceRef

    a, b, c = SentenceRef("A", 1), SentenceRef("B", 4), SentenceRef("C", 0)
    fact = Fact("f1", "x", (a, b, c), ("A", "B", "C"), 3)
    lone = Fact("f2", "y", (a, SentenceRef("B", 9)), ("A", "B"), 1)  # one source: no claim of confirmation
    t = Tally()
    _tally_support(t, [fact, lone], "d0", {support_key("d0", b, a): "same", support_key("d0", a, c): "different"})
    assert (t.support_pairs, t.support_judged, t.support_same, t.support_different) == (3, 2, 1, 1)
    assert t.figures()["support_pair_precision"] == 0.5


def test_judged_support_file_is_well_formed():
    from crossbrief.evaluation.conflicts import JUDGED_SUPPORT, SUPPORT_VERDICTS, load_judged_support

    judged = load_judged_support(JUDGED_SUPPORT)
    rows = [json.loads(line) for line in JUDGED_SUPPORT.read_text(encoding="utf-8").splitlines()]
    assert len(judged) == len(rows) >= 250  # one verdict per pair, no pair twice
    assert {r["verdict"] for r in rows} <= SUPPORT_VERDICTS and {r["split"] for r in rows} == {
        "train",
        "test",
        "heldout",
    }
    keys = {"cluster", "split", "article_a", "sentence_a", "article_b", "sentence_b", "verdict"}
    assert all(set(r) == keys for r in rows)


def test_judged_citations_file_is_well_formed():
    from crossbrief.evaluation.conflicts import JUDGED_CITATIONS, VERDICTS, load_judged

    judged = load_judged(JUDGED_CITATIONS)
    rows = [json.loads(line) for line in JUDGED_CITATIONS.read_text(encoding="utf-8").splitlines()]
    assert len(judged) == len(rows) >= 200  # one verdict per citation, no key twice
    assert {r["verdict"] for r in rows} <= VERDICTS and {r["split"] for r in rows} == {"train", "test", "heldout"}
    assert all(set(r) == {"cluster", "summary_sha1", "article", "sentence", "split", "verdict"} for r in rows)


# The real-news gate, on the gold's TEST split (8 clusters, annotated blind, never tuned on;
# the rules were fitted on train). Measured when it was pinned: conflicts 1 of 16 predicted
# matched (31 gold), 6 trap hits (before the part/whole, attributive and scale readings: 1 of
# 23, 8 traps); gold facts found 0.565, their source counts exact 0.615,
# over-counted 0.000; the sentences facts count as independent sources: 41 pairs, all judged,
# 0.732 stating one claim, 0.073 different claims (before the claim test, about 0.41 and 0.37
# on a blind sample); summary states 0.261 of the main facts; 62 of 62 summary citations
# judged, 61 supporting (0.984; 57 of 57 once a cited sentence must hold most of the summary
# sentence's words). Main facts the summary states in any words, judged blind by two
# annotators (every fact beside every summary sentence, the stricter verdict): 13 of 46
# (0.283). Floors a little under, so a regression fails the build; the conflict and
# main-fact figures are far from the goals (precision 0.85, recall 0.70, main facts 0.8).
BRIEFS_TEST_FLOORS = {
    "citation_support_precision": 0.95,
    "exact_count_rate": 0.58,
    "fact_coverage": 0.53,
    "main_fact_coverage": 0.22,
    "main_fact_stated_judged": 0.25,
    "support_pair_precision": 0.68,
}


def _briefs_gate(args: list[str], split: str, floors: dict[str, float]) -> tuple[dict, dict]:
    """``eval briefs ARGS --json`` for one split: its figures and counts, once its floors and
    the over-count cap hold."""
    result = CliRunner().invoke(eval_group, ["briefs", *args, "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.stdout)["splits"][split]
    figures, counts = scored["figures"], scored["counts"]
    for name, floor in floors.items():
        assert figures[name] is not None and figures[name] >= floor, (name, figures)
    assert figures["over_count_rate"] <= 0.05, figures
    return figures, counts


@pytest.mark.slow
@pytest.mark.eval
def test_eval_briefs_quality_gate_on_the_test_split():
    need(GOLD / "duc2003_gold.jsonl")
    need(EVAL / "duc2003" / "duc2003_task2.jsonl")
    figures, counts = _briefs_gate([str(GOLD), "--split", "test"], "test", BRIEFS_TEST_FLOORS)
    assert counts["citations_judged"] >= 0.9 * counts["citations"], counts  # unjudged citations: re-judge them
    assert counts["support_judged"] >= 0.9 * counts["support_pairs"], counts  # unjudged support pairs: judge them
    assert counts["summary_fact_pairs_judged"] >= 0.9 * counts["summary_fact_pairs"], counts  # new summary: judge it
    assert figures["support_pair_different"] <= 0.12, figures
    assert counts["trap_hits"] <= 7 and counts["predicted"] <= 20 and counts["matched"] >= 1, counts


# The train split (16 clusters) is what the conflict rules were fitted on, so its figures
# say nothing of unseen news; pinned only so a rule that stops working fails the build.
# Measured when pinned: conflicts 17 of 35 predicted matched (69 gold), 3 trap hits; the
# 4 name conflicts and the age conflict among them all gold. Summary citations: 109 of 110
# judged supporting (0.991) once a cited sentence must hold most of the summary sentence's
# words, the rule fitted here (before, 113 of 121). Later 16 of 30 matched (0.533), 2 trap
# hits, recall unchanged: a part's figure against the unplaced whole, subsets, numbers in
# names read apart; summary citations 111 of 112.
BRIEFS_TRAIN_FLOORS = {"precision": 0.5, "recall": 0.23, "citation_support_precision": 0.97}


@pytest.mark.slow
@pytest.mark.eval
def test_eval_briefs_rules_still_hold_on_the_train_split():
    need(GOLD / "duc2003_gold.jsonl")
    need(EVAL / "duc2003" / "duc2003_task3.jsonl")
    _, counts = _briefs_gate([str(GOLD), "--split", "train"], "train", BRIEFS_TRAIN_FLOORS)
    assert counts["trap_hits"] <= 5 and counts["predicted"] <= 40, counts


# The same gate on sixteen held-out clusters (split "heldout", unreserved: d30048 d30051 d113
# d114 d115 d122 d124 d125, then d30020 d31013 d116 d119 d126 d127 d128 d129), annotated
# blind by helper annotators with ANNOTATION.md after the rules above were written, and
# bundled as stand-off gold (pointers, no NIST text:
# crossbrief/evaluation/data/duc2003_gold_heldout.jsonl; d30048 shares 4 articles with the
# train cluster d30025). Pinned at: conflicts 6 of 37 predicted matched (48 gold), 11 trap
# hits (later 7 of 36, 10 trap hits: a name conflict found, a press secretary no longer a
# title conflict, both read on this split; then 7 of 32, 7 trap hits: money and people counts
# read closer, a premier a prime minister); gold facts found 0.525, exact 0.623, over
# 0.000; summary states 0.347 of the main facts; 104 summary citations, all judged blind,
# 93 supporting (0.894); once a cited sentence must hold most of the summary sentence's
# words, 94 of 95 (0.989); main facts stated in any words, judged blind, 28 of 101 (0.277);
# the sentences its facts count as independent sources, 34 pairs judged blind: 12 state one
# claim (0.353), 18 partly, 4 different claims (0.118).
# The first eight alone, when they were pinned: 5 of 20 matched, 2 trap hits, exact 0.481,
# citations 0.875.
HELDOUT_FLOORS = {
    "citation_support_precision": 0.95,
    "exact_count_rate": 0.58,
    "fact_coverage": 0.48,
    "main_fact_coverage": 0.3,
    "main_fact_stated_judged": 0.25,
}


@pytest.mark.slow
@pytest.mark.eval
def test_eval_briefs_quality_gate_on_the_heldout_clusters():
    need(EVAL / "duc2003" / "duc2003_task3.jsonl")
    figures, counts = _briefs_gate(["--split", "heldout"], "heldout", HELDOUT_FLOORS)
    assert counts["citations_judged"] >= 0.9 * counts["citations"], counts  # unjudged citations: judge them
    assert counts["summary_fact_pairs_judged"] >= 0.9 * counts["summary_fact_pairs"], counts  # new summary: judge it
    assert counts["support_judged"] >= 0.9 * counts["support_pairs"], counts  # unjudged support pairs: judge them
    assert figures["support_pair_different"] <= 0.15, figures
    assert counts["trap_hits"] <= 10 and counts["predicted"] <= 40 and counts["matched"] >= 5, counts


def test_eval_standoff_gold_round_trips_and_catches_other_texts():
    texts = {"A1": "Rescuers  found 12 survivors.\nMore were missing.", "A2": "The toll rose to 61 on Monday."}
    row = {
        "cluster_id": "x",
        "task": "task2",
        "split": "heldout",
        "conflicts": [{"id": "c1", "claims": [{"article": "A2", "quote": "rose to 61", "value": "61"}]}],
        "not_conflicts": [],
        "facts": [{"id": "f1", "support": [{"article": "A1", "quote": "found 12 survivors"}]}],
    }
    pointed = standoff.to_standoff(row, texts)
    assert "quote" not in json.dumps(pointed) and standoff.is_standoff(pointed) and not standoff.is_standoff(row)
    assert pointed["conflicts"][0]["claims"][0]["start"] == texts["A2"].index("rose to 61")
    assert standoff.resolve(pointed, texts) == row
    with pytest.raises(UsageError, match="differs from the copy"):
        standoff.resolve(pointed, {**texts, "A2": "The toll rose to 62 on Monday."})
    with pytest.raises(UsageError, match="not in the documents"):
        standoff.resolve(pointed, {"A1": texts["A1"]})
    with pytest.raises(UsageError, match="quote not in article"):
        standoff.to_standoff(row, {**texts, "A1": "nothing here"})


def test_eval_bundled_heldout_gold_carries_no_article_text():
    from crossbrief.evaluation.conflicts import HELDOUT

    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert (
        len(rows) == 16 and {r["split"] for r in rows} == {"heldout"} and not {r["cluster_id"] for r in rows} & RESERVED
    )
    assert all(standoff.is_standoff(r) for r in rows) and '"quote"' not in HELDOUT.read_text(encoding="utf-8")
    need(EVAL / "duc2003" / "duc2003_task2.jsonl")
    gold = load_gold(HELDOUT)  # every pointer resolves against the published DUC files
    assert sum(len(g.conflicts) for g in gold) == 48 and all(q.quote for g in gold for _, q in g.quotes())
