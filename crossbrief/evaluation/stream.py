"""Story clustering on a dated news stream: summarisation clusters mixed into one stream,
each cluster one gold story, scored with B³ and pairwise P/R/F1 (``clustering.py``).

    1. read       each file's clusters (``summaries.load_clusters``), each document read as
                  ``crossbrief brief`` reads a file, with its outlet and publication date
                  (``summaries.cluster_articles``); a document two clusters share (DUC 2003
                  task 2 has nine) is kept once, and those clusters are one gold story
    2. streams    each file alone, then all files together, shuffled with a fixed seed
    3. systems    batch: ``group_stories`` (``cluster_batch``), what ``brief PATHS`` and
                  ``recluster`` run; online: ``assign_stories``, what ``ingest`` runs (each
                  new article placed in turn, in publication order); baseline: the TF-IDF
                  average-link clusterer of ``clustering.py``. Each runs on a scratch store
                  holding the articles as ingest stores them (a wire re-send is stored once)
    4. score      the unreserved and the reserved clusters' articles apart (all of them
                  are clustered together), and everything
    5. stability  each gold story's articles clustered alone vs inside the stream (same
                  partition or not), and every shuffle's stories vs the first shuffle's

Unlike ECB+, the stream has real outlets and dates, and its gold stories range from one
day's bombing to a topic followed for four years (DUC 2003 task 3), so it shows how the
clusterer's time window and thresholds, tuned on ECB+, fare on real wire copy.

    >>> scores = score_part({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"}, {"a", "b", "c"})
    >>> (scores.stories, scores.gold_stories, scores.bcubed.f1)
    (2, 2, 1.0)
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..pipeline.ingest import scratch_store
from ..pipeline.stories import assign_stories, group_stories, story_input
from ..records import Article
from ..stages.cluster import ClusterSettings
from ..stages.sentences import Parser
from .clustering import DEFAULT_SETTINGS, bcubed, pairwise, tfidf_average_link
from .conflicts import RESERVED
from .output import json_lines
from .scores import PRF
from .summaries import Cluster, cluster_articles, load_clusters

Progress = Callable[[int, int], None]
# article id → story id (any labels), for the articles a system was given
Assignment = dict[str, str]
System = Callable[[Sequence[Article], ClusterSettings], Assignment]
SYSTEMS = ("batch", "online", "baseline")
# (system, a gold story's article ids) → the groups the system makes of them alone
AloneCache = dict[tuple[str, frozenset[str]], frozenset[frozenset[str]]]
DEFAULT_SHUFFLES = 3


@dataclass(frozen=True)
class Stream:
    """The articles of one or more files, each with its gold story; ``reserved``: the ids of
    articles from reserved clusters (clustered with the rest, scored apart)."""

    name: str
    articles: tuple[Article, ...]
    gold: Mapping[str, str]
    reserved: frozenset[str]
    clusters: int  # source clusters (before those sharing a document were joined)


@dataclass(frozen=True)
class PartScores:
    """One system's scores over some of a stream's articles."""

    documents: int
    stories: int
    gold_stories: int
    bcubed: PRF
    pairwise: PRF

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "bcubed": self.bcubed.to_dict(), "pairwise": self.pairwise.to_dict()}


@dataclass(frozen=True)
class Stability:
    """Whether a system's stories hold when the stream around them changes."""

    alone_same: int  # gold stories whose articles, clustered alone, are split as in the stream
    gold_stories: int
    alone_pieces: int  # stories the gold stories' articles make, each gold story clustered alone
    stream_pieces: int  # stories they make inside the stream (counted per gold story)
    shuffles: int
    shuffles_identical: bool
    shuffle_bcubed: float  # lowest B³ F1 of a later shuffle's stories against the first's

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SystemResult:
    parts: dict[str, PartScores]  # the parts with articles in them
    stability: Stability
    seconds: float  # one run over the whole stream (the mean over shuffles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "parts": {name: s.to_dict() for name, s in self.parts.items()},
            "stability": self.stability.to_dict(),
            "seconds": round(self.seconds, 2),
        }


@dataclass(frozen=True)
class StreamResult:
    name: str
    documents: int
    clusters: int
    gold_stories: int
    reserved_documents: int
    repeats: int  # documents ingest keeps as a repeat of another (clustered as that one)
    systems: dict[str, SystemResult]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "systems": {name: s.to_dict() for name, s in self.systems.items()}}


# -- 1. read, 2. streams ---------------------------------------------------------------------


def build_stream(name: str, clusters: Sequence[tuple[str, Sequence[Article]]]) -> Stream:
    """One stream of ``(cluster id, its articles)``: each article once, in cluster order.

    Clusters that share an article are one gold story, named by their ids joined with "+":
    the gold cannot say which of the two the shared article belongs to.
    """
    parent = {cid: cid for cid, _ in clusters}

    def root(cid: str) -> str:
        while parent[cid] != cid:
            cid = parent[cid]
        return cid

    owner: dict[str, str] = {}
    articles: list[Article] = []
    reserved: set[str] = set()
    for cid, group in clusters:
        for article in group:
            if cid in RESERVED:
                reserved.add(article.id)
            if article.id in owner:
                parent[root(cid)] = root(owner[article.id])
            else:
                owner[article.id] = cid
                articles.append(article)
    joined: dict[str, list[str]] = {}
    for cid in parent:
        joined.setdefault(root(cid), []).append(cid)
    label = {top: "+".join(sorted(members)) for top, members in joined.items()}
    gold = {aid: label[root(cid)] for aid, cid in owner.items()}
    return Stream(name, tuple(articles), gold, frozenset(reserved), len(parent))


def read_clusters(
    clusters: Sequence[Cluster], parser: Parser, skipped: list[str], step: Callable[[], None]
) -> list[tuple[str, list[Article]]]:
    """Clusters as (cluster id, articles); documents too short to be articles are named in
    ``skipped``; ``step()`` after each cluster."""
    read = []
    for cluster in clusters:
        read.append((cluster.id, cluster_articles(cluster, parser, skipped)))
        step()
    return read


def shuffled(articles: Sequence[Article], seed: int) -> list[Article]:
    """The articles in an order fixed by ``seed``."""
    order = list(articles)
    random.Random(seed).shuffle(order)
    return order


# -- 3. systems ------------------------------------------------------------------------------


def _kept(stored: Mapping[str, Article]) -> list[Article]:
    """The stored articles, each once (a repeat maps to the article it repeats)."""
    return list({a.id: a for a in stored.values()}.values())


def batch_stories(articles: Sequence[Article], settings: ClusterSettings) -> Assignment:
    """The batch clusterer as ``crossbrief brief PATHS`` and ``recluster`` run it
    (``group_stories``) on the articles ingest stores: an article that repeats a stored one
    (same title, text and outlet: a wire re-send) is clustered as that one."""
    with scratch_store(articles) as (_, stored):
        found = {a.id: f"s{n}" for n, (_, group) in enumerate(group_stories(_kept(stored), settings)) for a in group}
    return {aid: found[a.id] for aid, a in stored.items()}


def online_stories(articles: Sequence[Article], settings: ClusterSettings) -> Assignment:
    """What ``crossbrief ingest`` does with these articles: store them, then place the new
    ones in stories one at a time in publication order (``assign_stories``)."""
    with scratch_store(articles) as (store, stored):
        placed = assign_stories(store, _kept(stored), settings)
    return {aid: placed[a.id] for aid, a in stored.items()}


def baseline_stories(articles: Sequence[Article], settings: ClusterSettings) -> Assignment:
    """TF-IDF average link on the articles ingest stores (its threshold is its own;
    ``settings`` are crossbrief's)."""
    with scratch_store(articles) as (_, stored):
        found = tfidf_average_link([story_input(a) for a in _kept(stored)])
    return {aid: found[a.id] for aid, a in stored.items()}


RUNNERS: dict[str, System] = {"batch": batch_stories, "online": online_stories, "baseline": baseline_stories}


# -- 4. score, 5. stability ------------------------------------------------------------------


def score_part(pred: Mapping[str, str], gold: Mapping[str, str], keep: Collection[str]) -> PartScores:
    """B³ and pairwise scores over the articles in ``keep``: the predicted stories are cut
    to them, so a story mixing kept and other articles counts only its kept ones."""
    part = {aid: gold[aid] for aid in keep}
    return PartScores(
        len(part),
        len({pred[aid] for aid in part}),
        len(set(part.values())),
        bcubed(pred, part),
        pairwise(pred, part),
    )


def score_parts(pred: Mapping[str, str], stream: Stream) -> dict[str, PartScores]:
    """Scores over the unreserved articles, the reserved ones and all; empty parts left out."""
    everything = set(stream.gold)
    keeps = {"unreserved": everything - stream.reserved, "reserved": everything & stream.reserved, "all": everything}
    return {name: score_part(pred, stream.gold, keep) for name, keep in keeps.items() if keep}


def partition(pred: Mapping[str, str], ids: Collection[str]) -> frozenset[frozenset[str]]:
    """The groups ``pred`` makes of ``ids``, whatever its labels."""
    groups: dict[str, set[str]] = {}
    for aid in ids:
        groups.setdefault(pred[aid], set()).add(aid)
    return frozenset(frozenset(g) for g in groups.values())


def gold_stories(stream: Stream, order: Sequence[Article]) -> dict[str, list[Article]]:
    """Each gold story's articles, in the order given."""
    stories: dict[str, list[Article]] = {}
    for article in order:
        stories.setdefault(stream.gold[article.id], []).append(article)
    return stories


def shuffle_agreement(runs: Sequence[Assignment]) -> tuple[bool, float]:
    """Whether every run groups alike, and the lowest B³ F1 of a later run against the first."""
    first = partition(runs[0], runs[0])
    identical = all(partition(run, run) == first for run in runs[1:])
    return identical, min((bcubed(run, runs[0]).f1 for run in runs[1:]), default=1.0)


# -- the evaluation --------------------------------------------------------------------------


@dataclass(frozen=True)
class StreamEvaluation:
    seed: int
    shuffles: int
    streams: list[StreamResult]
    skipped_docs: list[str]
    settings: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "streams": [s.to_dict() for s in self.streams]}


def evaluate_stream(
    stream: Stream,
    seed: int,
    shuffles: int,
    settings: ClusterSettings = DEFAULT_SETTINGS,
    step: Callable[[], None] = lambda: None,
    alone: AloneCache | None = None,
) -> tuple[StreamResult, dict[str, Assignment]]:
    """Every system on ``shuffles`` shuffles of the stream (seeds ``seed``, ``seed + 1``,
    …), and on each gold story alone; returns the result and the first shuffle's stories.
    ``step()`` after each run over the stream and after each system's gold stories alone.

    ``alone`` keeps each gold story's partition when clustered alone, by system and article
    ids, so a story that is in several streams is clustered alone once.
    """
    cache: AloneCache = {} if alone is None else alone
    orders = [shuffled(stream.articles, seed + k) for k in range(shuffles)]
    stories = gold_stories(stream, orders[0])
    results: dict[str, SystemResult] = {}
    firsts: dict[str, Assignment] = {}
    for name in SYSTEMS:
        runs, seconds = [], []
        for order in orders:
            started = time.perf_counter()
            runs.append(RUNNERS[name](order, settings))
            seconds.append(time.perf_counter() - started)
            step()
        same = alone_pieces = stream_pieces = 0
        for members in stories.values():
            key = (name, frozenset(a.id for a in members))
            if key not in cache:
                cache[key] = partition(RUNNERS[name](members, settings), key[1])
            inside = partition(runs[0], key[1])
            same += cache[key] == inside
            alone_pieces += len(cache[key])
            stream_pieces += len(inside)
        step()
        stability = Stability(same, len(stories), alone_pieces, stream_pieces, shuffles, *shuffle_agreement(runs))
        results[name] = SystemResult(score_parts(runs[0], stream), stability, sum(seconds) / len(seconds))
        firsts[name] = runs[0]
    with scratch_store(stream.articles) as (_, stored):
        repeats = len(stored) - len(_kept(stored))
    result = StreamResult(
        stream.name, len(stream.articles), stream.clusters, len(stories), len(stream.reserved), repeats, results
    )
    return result, firsts


def evaluate_files(
    paths: Sequence[Path],
    seed: int = 0,
    shuffles: int = DEFAULT_SHUFFLES,
    out: Path | None = None,
    progress: Progress | None = None,
    settings: ClusterSettings = DEFAULT_SETTINGS,
) -> StreamEvaluation:
    """Each file's stream, then (with two files or more) all of them together.

    ``out`` gets one line per article and stream: its gold story, whether it is reserved,
    and each system's story (first shuffle). ``progress(done, total)`` counts clusters
    read, system runs and each system's gold-stories-alone pass.
    """
    from ..models import spacy_pipeline
    from ..stages.sentences import spacy_parser

    loaded: list[list[Cluster]] = [load_clusters(p) for p in paths]
    n_streams = len(paths) + (len(paths) > 1)
    total = sum(map(len, loaded)) + n_streams * len(SYSTEMS) * (shuffles + 1)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    # Sentences without NER: the clusterer reads the cleaned text, never the entity spans.
    parser = spacy_parser(spacy_pipeline(ner=False))
    skipped: list[str] = []
    per_file = [read_clusters(clusters, parser, skipped, step) for clusters in loaded]
    streams = [build_stream(p.stem, read) for p, read in zip(paths, per_file, strict=True)]
    if len(paths) > 1:
        streams.append(build_stream("+".join(p.stem for p in paths), [c for read in per_file for c in read]))
    alone: AloneCache = {}
    results = []
    with json_lines(out) as write:
        for stream in streams:
            result, firsts = evaluate_stream(stream, seed, shuffles, settings, step, alone)
            results.append(result)
            for article in stream.articles:
                aid = article.id
                write(
                    {"stream": stream.name, "doc_id": aid, "gold": stream.gold[aid], "reserved": aid in stream.reserved}
                    | {name: firsts[name][aid] for name in SYSTEMS}
                )
    return StreamEvaluation(seed, shuffles, results, skipped, asdict(settings))


# -- the table -------------------------------------------------------------------------------


def _row(system: str, part: str, s: PartScores) -> str:
    b, p = s.bcubed, s.pairwise
    return (
        f"{system:<9} {part:<10} {s.documents:>5} {s.stories:>7} {s.gold_stories:>5}  "
        f"{b.precision:>6.3f} {b.recall:>6.3f} {b.f1:>6.3f}  {p.precision:>6.3f} {p.recall:>6.3f} {p.f1:>7.3f}"
    )


def _stability_line(system: str, s: Stability) -> str:
    shuffles = (
        f"{s.shuffles} shuffles {'identical' if s.shuffles_identical else 'differ'}"
        f" (lowest B3 F1 against the first {s.shuffle_bcubed:.3f})"
        if s.shuffles > 1
        else "1 shuffle"
    )
    return (
        f"  {system:<9} {s.alone_same}/{s.gold_stories} gold stories split alike alone and in the stream "
        f"({s.alone_pieces} stories alone, {s.stream_pieces} in the stream); {shuffles}"
    )


def format_stream(result: StreamResult) -> str:
    """A plain-text table of one stream: rows per system and part, then stability."""
    lines = [
        f"stream {result.name}: {result.documents} documents ({result.repeats} repeats of another, clustered as it), "
        f"{result.gold_stories} gold stories ({result.clusters} clusters), "
        f"{result.reserved_documents} documents in reserved clusters (scored apart)",
        f"{'system':<9} {'part':<10} {'docs':>5} {'stories':>7} {'gold':>5}  {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}  "
        f"{'pair P':>6} {'pair R':>6} {'pair F1':>7}",
    ]
    for name, system in result.systems.items():
        lines.extend(_row(name, part, scores) for part, scores in system.parts.items())
    lines.append("stability:")
    lines.extend(_stability_line(name, system.stability) for name, system in result.systems.items())
    seconds = ", ".join(f"{name} {system.seconds:.1f}" for name, system in result.systems.items())
    lines.append(f"seconds per run: {seconds}")
    return "\n".join(lines)


def format_table(evaluation: StreamEvaluation) -> str:
    """Every stream's table, then what was skipped."""
    blocks = [format_stream(r) for r in evaluation.streams]
    head = f"seed {evaluation.seed}, {evaluation.shuffles} shuffle{'s' if evaluation.shuffles != 1 else ''}"
    tail = (
        [f"skipped (too short to be articles): {', '.join(evaluation.skipped_docs)}"] if evaluation.skipped_docs else []
    )
    return "\n\n".join([head, *blocks, *tail])
