"""Multi-document summaries against human ones: crossbrief and classic baselines, scored
with ROUGE in one run.

    1. load      clusters ``{cluster_id, docs: [{doc_id, source, date, text}], references}``
                 (DUC 2003 tasks 2 and 3, MultiLing 2011 English)
    2. articles  each document through clean → language → sentences, as ``crossbrief
                 brief`` reads a file; documents too short to be articles are skipped
    3. systems   crossbrief (``brief_story(..., words=N)``: the candidates it passes to the
                 summary stage, summarised with the weights under test), Lead (the first
                 sentences of the most recent article), LexRank and TextRank
                 (``graph_rank.py``, over scikit-learn)
    4. score     ROUGE-1/2/L of each summary's first N words, stemmed, averaged over the
                 human summaries, then over clusters (``rouge.py``); the reserved clusters
                 (``../shared/eval/README.md``) are averaged apart

Every system reads the same cleaned articles, so differences come from selection alone.
A cluster's candidates and baseline summaries are one ``ClusterRun``: everything expensive,
so ``summary_fit.py`` can try many weights on them.
The baselines rank sentences and take them best first until N words are reached (the
last one is cut by the truncation), which is how the DUC systems were scored.

    >>> lead_summary([], 100)
    ''
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..config import load_settings
from ..errors import ModelUnavailable, NoArticleText, UsageError
from ..records import Article, RawDocument, SummarySentence
from ..stages import summary
from ..stages.sentences import Parser
from .conflicts import RESERVED
from .output import json_lines
from .rouge import METRICS, RougeScore, average, score_summary

Progress = Callable[[int, int], None]
# The DUC-style fill the evaluation may ask for (``--duc-fill``): the CLI takes it from here.
DUC_OVERRUN = summary.DUC_OVERRUN
BASELINES = ("lead", "lexrank", "textrank")
GRAPH_METHODS = ("lexrank", "textrank")
SYSTEMS = ("crossbrief", *BASELINES)

# The LDC's newswire text writes quotes TeX-style and AP's dash as " _ ". Without this the
# sentence splitter ends sentences at a lone `` and the dateline "LONDON (AP) _" stays in
# the text; every system reads the converted text.
_LDC_TYPOGRAPHY = ((re.compile(r"``\s?"), "“"), (re.compile(r"\s?''"), "”"), (re.compile(r" _ "), " — "))


@dataclass(frozen=True)
class Cluster:
    """One summarisation topic: its documents and the human summaries."""

    id: str
    docs: tuple[dict[str, Any], ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class ClusterRun:
    """What one cluster gives every weight setting alike: the candidates crossbrief's
    briefing passes to its summary stage, and the baselines' summaries (``words`` long)."""

    id: str
    references: tuple[str, ...]
    candidates: tuple[summary.Candidate, ...]
    baselines: dict[str, str]
    words: int

    @property
    def reserved(self) -> bool:
        return self.id in RESERVED


@dataclass
class SummaryEvaluation:
    """Average scores per system (the reserved clusters apart), seconds per system, and what
    was skipped."""

    file: str
    words: int
    clusters: int
    scores: dict[str, dict[str, RougeScore]]
    seconds: dict[str, float]
    skipped_docs: list[str] = field(default_factory=list)
    per_cluster: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    overrun: int = 0  # words crossbrief's last sentence may run past the budget (DUC-style fill)
    reserved: list[str] = field(default_factory=list)
    reserved_scores: dict[str, dict[str, RougeScore]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "words": self.words,
            "overrun": self.overrun,
            "clusters": self.clusters,
            "scores": _scores_dict(self.scores),
            "reserved": self.reserved,
            "reserved_scores": _scores_dict(self.reserved_scores),
            "seconds": {s: round(v, 2) for s, v in self.seconds.items()},
            "skipped_docs": self.skipped_docs,
            "per_cluster": self.per_cluster,
        }


def _scores_dict(scores: dict[str, dict[str, RougeScore]]) -> dict[str, dict[str, dict[str, float]]]:
    return {s: {m: v.to_dict() for m, v in by.items()} for s, by in scores.items()}


def load_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    """The first ``limit`` clusters (all when None) of a summarisation JSON Lines file."""
    clusters: list[Cluster] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                clusters.append(
                    Cluster(str(row["cluster_id"]), tuple(row["docs"]), tuple(r["text"] for r in row["references"]))
                )
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise UsageError(
                    f"{path}:{number}: not a summarisation cluster ({err}); each line needs "
                    "cluster_id, docs and references"
                ) from err
            if limit is not None and len(clusters) >= limit:
                break
    return clusters


def ldc_typography(text: str) -> str:
    """``quotes'' → “quotes”, and AP's " _ " dash → " — "."""
    for pattern, replacement in _LDC_TYPOGRAPHY:
        text = pattern.sub(replacement, text)
    return text


def _published(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def cluster_articles(cluster: Cluster, parser: Parser, skipped: list[str] | None = None) -> list[Article]:
    """The cluster's documents as Articles, in file order (too-short ones are skipped and
    named in ``skipped``)."""
    from ..pipeline import build_article

    settings = load_settings(environ={})
    articles = []
    for n, doc in enumerate(cluster.docs):
        doc_id = str(doc.get("doc_id") or f"{cluster.id}-{n}")
        raw = RawDocument(
            source=f"{cluster.id}/{doc_id}",
            format="text",
            text=ldc_typography(doc["text"]),
            id=doc_id,
            title=doc.get("title"),
            outlet=doc.get("source"),
            published=_published(doc.get("date")),
        )
        try:
            articles.append(build_article(raw, settings, parser))
        except NoArticleText:
            if skipped is not None:
                skipped.append(raw.source)
    return articles


def _prose(article: Article) -> list[str]:
    return [s.text for s in article.sentences if not s.heading]


def _fill(ranked: Sequence[str], words: int) -> str:
    """Distinct sentences best first until ``words`` words are reached."""
    chosen: list[str] = []
    used = 0
    for text in dict.fromkeys(ranked):
        if used >= words:
            break
        chosen.append(text)
        used += len(text.split())
    return " ".join(chosen)


def lead_summary(articles: Sequence[Article], words: int) -> str:
    """The first sentences of the most recent article (the last in the input on a tie or
    without dates): DUC's standard baseline."""
    if not articles:
        return ""
    latest = max(enumerate(articles), key=lambda p: (p[1].published or date.min, p[0]))[1]
    return _fill(_prose(latest), words)


def graph_summary(articles: Sequence[Article], words: int, method: str) -> str:
    """LexRank or TextRank (``graph_rank.py``) over the prose sentences of all the articles,
    best first (equal scores in reading order)."""
    if method not in GRAPH_METHODS:
        raise UsageError(f"unknown graph baseline {method!r}; use one of {', '.join(GRAPH_METHODS)}")
    try:
        from . import graph_rank
    except ImportError as err:  # scikit-learn is an optional dependency: only the evaluation needs it
        raise ModelUnavailable(f"scikit-learn is not installed ({err}); run: pip install 'scikit-learn>=1.5'") from err
    ranks: dict[str, Callable[[Sequence[str]], np.ndarray]] = {
        "lexrank": graph_rank.lexrank,
        "textrank": graph_rank.textrank,
    }
    rank = ranks[method]
    sentences = [text for article in articles for text in _prose(article)]
    scores = rank(sentences)
    return _fill([sentences[i] for i in graph_rank.best_first(scores)], words)


def reading_models() -> tuple[Any, Parser, Any]:
    """The NER pipeline, the sentence parser over it and the sentence encoder, loaded once
    for a whole evaluation: one parser pass gives sentences and entity spans, as
    ``crossbrief brief`` reads files."""
    from ..encoders import default_encoder
    from ..models import spacy_pipeline
    from ..stages.sentences import spacy_parser

    nlp = spacy_pipeline(ner=True)
    return nlp, spacy_parser(nlp), default_encoder()


@contextmanager
def recorded_candidates() -> Iterator[list[list[summary.Candidate]]]:
    """Every candidate list the briefing hands to ``summary.summarise`` while open.

    The pipeline calls the summary stage through its module, so wrapping it here records
    exactly what the product summarises, with no hook in the pipeline for the evaluation alone.
    """
    seen: list[list[summary.Candidate]] = []
    original = summary.summarise

    def record(
        candidates: Sequence[summary.Candidate],
        words: int,
        weights: summary.SummaryWeights = summary.DEFAULT_WEIGHTS,
        overrun: int = 0,
    ) -> list[SummarySentence]:
        seen.append(list(candidates))
        return original(candidates, words, weights, overrun)

    summary.summarise = record  # type: ignore[assignment]  # same signature, restored below
    try:
        yield seen
    finally:
        summary.summarise = original  # type: ignore[assignment]


def crossbrief_candidates(
    articles: Sequence[Article],
    encoder: Any,
    nlp: Any,
    words: int,
    vector_cache: MutableMapping[str, np.ndarray] | None = None,
) -> tuple[summary.Candidate, ...]:
    """The summary candidates ``crossbrief brief`` builds from these articles."""
    from ..pipeline import brief_story

    with recorded_candidates() as seen:
        brief_story(articles, encoder, nlp, words=words, vector_cache=vector_cache)
    return tuple(seen[-1]) if seen else ()


def crossbrief_text(
    run: ClusterRun, weights: summary.SummaryWeights = summary.DEFAULT_WEIGHTS, overrun: int = 0
) -> str:
    """crossbrief's summary of a cluster with ``weights``, as plain text: within the budget,
    as the briefing writes it, or with a DUC-style fill (``overrun``: ``summary.DUC_OVERRUN``)."""
    return " ".join(s.text for s in summary.summarise(run.candidates, run.words, weights, overrun))


def prepare(
    clusters: Sequence[Cluster],
    words: int = 100,
    baselines: Sequence[str] = BASELINES,
    progress: Progress | None = None,
    vector_cache: MutableMapping[str, np.ndarray] | None = None,
    seconds: dict[str, float] | None = None,
    skipped: list[str] | None = None,
) -> list[ClusterRun]:
    """Each cluster read, briefed up to its summary's candidates, and summarised by the
    ``baselines`` (steps 2–3; the expensive part). ``seconds``: time per system, added to;
    ``progress(done, total)`` is called with done 0 before the models load, then after each
    cluster."""
    unknown = sorted(set(baselines) - set(BASELINES))
    if unknown:
        raise UsageError(f"unknown baseline {', '.join(unknown)}; use some of {','.join(BASELINES)}")
    if progress is not None:
        progress(0, len(clusters))
    nlp, parser, encoder = reading_models()
    cache = vector_cache if vector_cache is not None else {}
    systems: dict[str, Callable[[list[Article]], str]] = {
        "lead": lambda arts: lead_summary(arts, words),
        "lexrank": lambda arts: graph_summary(arts, words, "lexrank"),
        "textrank": lambda arts: graph_summary(arts, words, "textrank"),
    }
    timed = seconds if seconds is not None else {}
    runs = []
    for done, cluster in enumerate(clusters, 1):
        started = time.perf_counter()
        articles = cluster_articles(cluster, parser, skipped)
        cands = crossbrief_candidates(articles, encoder, nlp, words, cache) if articles else ()
        timed["crossbrief"] = timed.get("crossbrief", 0.0) + time.perf_counter() - started
        texts = {}
        for system in (b for b in BASELINES if b in baselines):
            started = time.perf_counter()
            texts[system] = systems[system](articles) if articles else ""
            timed[system] = timed.get(system, 0.0) + time.perf_counter() - started
        runs.append(ClusterRun(cluster.id, cluster.references, cands, texts, words))
        if progress is not None:
            progress(done, len(clusters))
    return runs


def score_runs(
    runs: Sequence[ClusterRun],
    weights: summary.SummaryWeights = summary.DEFAULT_WEIGHTS,
    name: str = "",
    seconds: dict[str, float] | None = None,
    skipped: list[str] | None = None,
    write: Callable[[dict[str, Any]], None] | None = None,
    overrun: int = 0,
) -> SummaryEvaluation:
    """Score crossbrief (with ``weights`` and ``overrun``) and the runs' baselines on every
    run (step 4); the reserved clusters are averaged apart. ``write`` gets crossbrief's
    summary of each."""
    words = runs[0].words if runs else 100
    chosen = ["crossbrief", *(runs[0].baselines if runs else ())]
    timed = dict.fromkeys(chosen, 0.0) | (seconds or {})
    result = SummaryEvaluation(name, words, 0, {}, timed, list(skipped or ()), overrun=overrun)
    rows: dict[bool, dict[str, list[dict[str, RougeScore]]]] = {r: {s: [] for s in chosen} for r in (False, True)}
    for run in runs:
        started = time.perf_counter()
        texts = {"crossbrief": crossbrief_text(run, weights, overrun), **run.baselines}
        timed["crossbrief"] += time.perf_counter() - started
        result.per_cluster[run.id] = {}
        for system in chosen:
            score = score_summary(texts[system], run.references, words)
            rows[run.reserved][system].append(score)
            result.per_cluster[run.id][system] = {f"{m}_recall": round(score[m].recall, 4) for m in METRICS}
        if write is not None:
            write({"cluster_id": run.id, "summary": texts["crossbrief"]})
    result.clusters = len(rows[False]["crossbrief"])
    result.scores = {s: average(r) for s, r in rows[False].items()}
    result.reserved = [run.id for run in runs if run.reserved]
    if result.reserved:
        result.reserved_scores = {s: average(r) for s, r in rows[True].items()}
    return result


def evaluate(
    clusters: Sequence[Cluster],
    words: int = 100,
    baselines: Sequence[str] = BASELINES,
    out: Path | None = None,
    progress: Progress | None = None,
    vector_cache: MutableMapping[str, np.ndarray] | None = None,
    name: str = "",
    weights: summary.SummaryWeights = summary.DEFAULT_WEIGHTS,
    overrun: int = 0,
) -> SummaryEvaluation:
    """Summarise and score every cluster with crossbrief and the ``baselines`` (steps 2–4).

    ``out``: where to write crossbrief's summary of each cluster, one JSON line each;
    ``progress(done, total)`` as in ``prepare``; ``overrun``: as in ``crossbrief_text``.
    """
    seconds: dict[str, float] = {}
    skipped: list[str] = []
    runs = prepare(clusters, words, baselines, progress, vector_cache, seconds, skipped)
    with json_lines(out) as write:
        return score_runs(runs, weights, name, seconds, skipped, write, overrun)


def evaluate_file(
    path: Path,
    words: int = 100,
    baselines: Sequence[str] = BASELINES,
    limit: int | None = None,
    out: Path | None = None,
    progress: Progress | None = None,
    overrun: int = 0,
) -> SummaryEvaluation:
    """``evaluate`` over the first ``limit`` clusters of a JSON Lines file."""
    return evaluate(load_clusters(path, limit), words, baselines, out, progress, name=str(path), overrun=overrun)


def fill_note(words: int, overrun: int) -> str:
    """What crossbrief's summaries were allowed: the briefing's budget, or a DUC-style fill."""
    if overrun:
        return (
            f"crossbrief with a DUC-style fill (evaluation only: a last sentence may end {overrun} words past {words})"
        )
    return f"crossbrief within {words} words, as the briefing writes it"


def format_table(result: SummaryEvaluation) -> str:
    """One row per system: ROUGE-1/2/L recall and F1 (percentages) and seconds; the
    reserved clusters in a block of their own."""
    head = "".join(f"{m.upper().replace('ROUGE', 'R-'):>14}" for m in METRICS)
    lines = [
        f"{result.clusters} clusters, first {result.words} words, recall / F1",
        fill_note(result.words, result.overrun),
        f"{'system':12}{head}{'seconds':>10}",
    ]
    if Path(result.file).stem in summary.DEFAULT_WEIGHTS_FITTED_ON:
        lines.insert(
            1, "in-sample: the shipped weights were fitted on this file (--leave-one-file-out scores it held out)"
        )
    for system, by in result.scores.items():
        cells = "".join(f"{100 * by[m].recall:7.2f}{100 * by[m].f1:7.2f}" for m in METRICS)
        lines.append(f"{system:12}{cells}{result.seconds[system]:10.1f}")
    if result.reserved:
        lines.append(f"reserved clusters, apart ({len(result.reserved)}: {' '.join(result.reserved)})")
        for system, by in result.reserved_scores.items():
            lines.append(f"{system:12}" + "".join(f"{100 * by[m].recall:7.2f}{100 * by[m].f1:7.2f}" for m in METRICS))
    if result.skipped_docs:
        lines.append(f"skipped (too short to be an article): {', '.join(result.skipped_docs)}")
    return "\n".join(lines)
