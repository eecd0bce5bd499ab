"""Story clustering on a dated news stream: building the stream and scoring it on hand-made
articles, and the DUC 2003 task 2 stream as a regression gate with pinned floors."""

from __future__ import annotations

from datetime import date

import pytest

from crossbrief.evaluation.conflicts import RESERVED
from crossbrief.evaluation.scores import PRF
from crossbrief.evaluation.stream import (
    SYSTEMS,
    StreamEvaluation,
    build_stream,
    evaluate_files,
    evaluate_stream,
    format_table,
    online_stories,
    partition,
    score_part,
    score_parts,
    shuffle_agreement,
    shuffled,
)
from crossbrief.stages.cluster import ClusterSettings

from .conftest import EVAL, make_article, need

QUAKE = (
    "A strong earthquake struck Brennik in Kasmeria's Taldor province on Saturday, killing 12 people, "
    "the Kasmerian Seismological Institute said. Rescue teams searched collapsed homes in Brennik."
)
QUAKE_TOLL = (
    "The death toll from Saturday's earthquake in Brennik, in Kasmeria's Taldor province, rose to 48, "
    "the Kasmerian Seismological Institute said. Rescue teams in Brennik worked through the night."
)
TANKER = (
    "The Marovian coast guard seized the tanker Orla Star off Cape Lenna on Tuesday, saying it carried "
    "sanctioned crude. The Orla Star was towed into Port Caldera by Marovian patrol boats."
)
TANKER_PORT = (
    "The seized tanker Orla Star was towed into Port Caldera by the Marovian coast guard on Wednesday, "
    "a day after patrol boats stopped it off Cape Lenna with sanctioned crude aboard."
)


def article(aid: str, text: str, day: int, outlet: str = "Wire"):  # type: ignore[no-untyped-def]
    return make_article(aid, text, outlet=outlet, published=date(1998, 10, day))


def test_eval_stream_build_keeps_a_shared_article_once_and_joins_its_clusters():
    a, b, c = article("a", QUAKE, 3), article("b", QUAKE_TOLL, 4), article("c", TANKER, 5)
    stream = build_stream("s", [("x1", [a, b]), ("x2", [b, c]), ("x3", [article("d", TANKER_PORT, 6)])])
    assert [x.id for x in stream.articles] == ["a", "b", "c", "d"]
    # b is in x1 and x2: the gold cannot tell which, so they are one story
    assert stream.gold == {"a": "x1+x2", "b": "x1+x2", "c": "x1+x2", "d": "x3"}
    assert stream.clusters == 3 and stream.reserved == frozenset()


def test_eval_stream_reserved_clusters_are_marked_from_the_one_list():
    reserved = sorted(RESERVED)[0]
    stream = build_stream("s", [(reserved, [article("a", QUAKE, 3)]), ("x", [article("b", TANKER, 5)])])
    assert stream.reserved == frozenset({"a"})
    parts = score_parts({"a": "1", "b": "1"}, stream)
    assert set(parts) == {"unreserved", "reserved", "all"}
    # each part sees only its own articles: the shared predicted story is one story in each
    assert parts["reserved"].documents == parts["unreserved"].documents == 1
    assert parts["all"].bcubed == PRF(0.5, 1.0) and parts["unreserved"].bcubed == PRF(1.0, 1.0)
    assert "reserved" not in score_parts({"b": "1"}, build_stream("t", [("x", [article("b", TANKER, 5)])]))


def test_eval_stream_score_part_counts_stories_over_the_kept_articles():
    pred = {"a": "1", "b": "1", "c": "2", "d": "3"}
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    scores = score_part(pred, gold, {"a", "b", "c"})
    assert (scores.documents, scores.stories, scores.gold_stories) == (3, 2, 1)
    assert scores.pairwise == PRF(1.0, 1 / 3)


def test_eval_stream_shuffles_are_seeded_permutations():
    items = [article(str(n), QUAKE, 3) for n in range(8)]
    first, again, other = shuffled(items, 1), shuffled(items, 1), shuffled(items, 2)
    assert [a.id for a in first] == [a.id for a in again] != [a.id for a in other]
    assert sorted(a.id for a in first) == [a.id for a in items]


def test_eval_stream_partition_and_shuffle_agreement_ignore_labels():
    assert partition({"a": "1", "b": "1", "c": "2"}, ["a", "b", "c"]) == partition(
        {"a": "z", "b": "z", "c": "y"}, ["a", "b", "c"]
    )
    assert shuffle_agreement([{"a": "1", "b": "1"}, {"a": "7", "b": "7"}]) == (True, 1.0)
    identical, lowest = shuffle_agreement([{"a": "1", "b": "1"}, {"a": "1", "b": "2"}])
    assert not identical and lowest < 1.0


def test_eval_stream_online_puts_a_repeat_in_its_originals_story():
    a, repeat = article("a", QUAKE, 3), article("a-again", QUAKE, 3)
    stories = online_stories([a, repeat, article("c", TANKER, 5)], ClusterSettings())
    assert stories["a"] == stories["a-again"] != stories["c"]


def test_eval_stream_evaluates_every_system_on_a_small_stream():
    quake = [article("q1", QUAKE, 3), article("q2", QUAKE_TOLL, 4), article("q3", QUAKE, 4, outlet="Other")]
    tanker = [article("t1", TANKER, 6), article("t2", TANKER_PORT, 7)]
    stream = build_stream("small", [("quake", quake), ("tanker", tanker), ("quake-again", [article("r", QUAKE, 3)])])
    result, firsts = evaluate_stream(stream, seed=0, shuffles=2)
    assert set(result.systems) == set(SYSTEMS) == set(firsts)
    assert (result.documents, result.gold_stories, result.repeats) == (6, 3, 1)
    batch = result.systems["batch"]
    assert firsts["batch"]["q1"] == firsts["batch"]["q2"] != firsts["batch"]["t1"]
    assert firsts["batch"]["t1"] == firsts["batch"]["t2"]
    assert batch.parts["all"].bcubed.precision < 1.0  # r repeats q1 but is gold for another story
    assert batch.stability.shuffles == 2 and batch.stability.shuffles_identical
    assert batch.stability.gold_stories == 3 and 0 <= batch.stability.alone_same <= 3
    assert "stream small: 6 documents" in format_table(StreamEvaluation(0, 2, [result], [], {}))


# -- the DUC 2003 stream gate -------------------------------------------------------------------

DUC_TASK2 = EVAL / "duc2003" / "duc2003_task2.jsonl"
DUC_TASK3 = EVAL / "duc2003" / "duc2003_task3.jsonl"

# A regression gate, not a quality target: floors a little under what the clusterer measures
# now (seed 0). Task 2 (289 documents, 28 gold stories, events of days to weeks): batch B³
# F1 0.923 all, 0.869 unreserved, pairwise F1 0.919; online B³ F1 0.863, pairwise 0.825;
# baseline B³ F1 0.854. Task 3 (326 documents, 30 gold stories, subjects followed for up to
# four years): batch 0.860, online 0.843, baseline 0.878 (0.540 and 0.639 with a 120-day
# window that batch applied to every pair of articles). Both as one stream (615 documents):
# batch 0.869, online 0.850, baseline 0.878.
FLOORS = {
    "duc2003_task2": {
        ("batch", "all", "bcubed"): 0.90,
        ("batch", "all", "pairwise"): 0.89,
        ("batch", "unreserved", "bcubed"): 0.84,
        ("online", "all", "bcubed"): 0.84,
        ("online", "all", "pairwise"): 0.80,
        ("baseline", "all", "bcubed"): 0.83,
    },
    "duc2003_task3": {
        ("batch", "all", "bcubed"): 0.84,
        ("online", "all", "bcubed"): 0.82,
    },
    "duc2003_task2+duc2003_task3": {
        ("batch", "all", "bcubed"): 0.85,
        ("online", "all", "bcubed"): 0.83,
    },
}
SIZES = {"duc2003_task2": (289, 28, 30), "duc2003_task3": (326, 30, 30), "duc2003_task2+duc2003_task3": (615, 58, 60)}
# Gold stories whose articles, clustered alone, split as they do inside the stream (batch).
ALONE_ALIKE_FLOOR = {"duc2003_task2": 22, "duc2003_task3": 24, "duc2003_task2+duc2003_task3": 42}


@pytest.mark.slow
@pytest.mark.eval
def test_eval_stream_duc2003_gate(tmp_path):
    out = tmp_path / "stories.jsonl"
    evaluation = evaluate_files([need(DUC_TASK2), need(DUC_TASK3)], seed=0, shuffles=2, out=out)
    print(format_table(evaluation))
    assert [r.name for r in evaluation.streams] == list(FLOORS)
    for result in evaluation.streams:
        assert (result.documents, result.gold_stories, result.clusters) == SIZES[result.name]
        for (system, part, metric), floor in FLOORS[result.name].items():
            assert getattr(result.systems[system].parts[part], metric).f1 >= floor, (result.name, system, part)
        # batch and online take articles in a canonical order: a shuffle must not change a story
        assert result.systems["batch"].stability.shuffles_identical
        assert result.systems["online"].stability.shuffles_identical
        # an event's articles form the same stories alone as inside the stream (the background prior)
        stability = result.systems["batch"].stability
        assert stability.alone_same >= ALONE_ALIKE_FLOOR[result.name], (result.name, stability)
    assert len(out.read_text().splitlines()) == sum(r.documents for r in evaluation.streams)


def test_ingest_placing_with_a_counting_process_gives_the_same_stories(monkeypatch):
    # ingest counts large batches in worker processes (here forced for five articles): the
    # stories are those of counting in one process.
    from crossbrief.pipeline import stories as pipeline_stories
    from crossbrief.pipeline.ingest import scratch_store

    articles = [article("q1", QUAKE, 3), article("q2", QUAKE_TOLL, 4), article("t1", TANKER, 6)]
    articles += [article("t2", TANKER_PORT, 7), article("q3", QUAKE, 4, outlet="Other")]
    monkeypatch.setattr(pipeline_stories, "PARALLEL_COUNTING_MIN", 1)
    placed = []
    for workers in (1, 2):
        with scratch_store(articles) as (store, stored):
            found = pipeline_stories.assign_stories(store, list(stored.values()), ClusterSettings(), workers)
        placed.append(found)
    assert placed[0] == placed[1] and len(set(placed[0].values())) == 2


@pytest.mark.parametrize("replay_max, joins", [(10_000, True), (1, False)])
def test_ingest_replays_a_bounded_number_of_stored_articles(monkeypatch, replay_max, joins):
    # A later ingest compares its articles with the stories of the stored articles it replays:
    # at most REPLAY_MAX of them, the most recent, so its cost does not grow with the archive.
    from crossbrief.pipeline import stories as pipeline_stories
    from crossbrief.pipeline.ingest import scratch_store

    monkeypatch.setattr(pipeline_stories, "REPLAY_MAX", replay_max)
    first = [article("q1", QUAKE, 3), article("t1", TANKER, 6), article("t2", TANKER_PORT, 7)]
    with scratch_store([*first, article("q2", QUAKE_TOLL, 8)]) as (store, stored):
        before = pipeline_stories.assign_stories(store, [stored[a.id] for a in first], ClusterSettings())
        after = pipeline_stories.assign_stories(store, [stored["q2"]], ClusterSettings())
    assert (after["q2"] == before["q1"]) is joins
