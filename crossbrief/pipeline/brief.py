"""Stages 4–10 for one story: its articles in, a ``Brief`` out, as a numbered cascade.

    4. extract  5. embed  7. derive  8. align, conflicts, unique claims  9. timeline  10. summary

Stages stay pure; this module passes models and caches in and times each stage, so the
benchmark and ``--timings`` can say where the time goes.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from ..encoders import MINILM_NAME, Encoder
from ..models import spacy_model_name
from ..records import Article, Brief, EngineInfo
from ..stages import agency, align, citations, claims, cluster, conflicts, derive, summary, timeline
from ..stages.context import StoryContext
from ..stages.embed import embed_sentences
from ..stages.extract.story import StoryExtraction, extract_story
from ..version import __version__


@dataclass
class StageTimes:
    """Seconds spent per stage (filled as the brief is built)."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def story_id(articles: Sequence[Article]) -> str:
    """The id clustering gives a story of these articles: from its first article (by
    publication date, then id), so a story briefed alone keeps the id it has in the store."""
    first = min(articles, key=lambda a: (a.published is None, a.published or date.min, a.id))
    return cluster.story_id(first.id)


def story_title(articles: Sequence[Article]) -> str:
    """The headline of the story's most central English article (its lead when untitled)."""
    english = [a for a in articles if a.language == "en"] or list(articles)
    return cluster.story_title([cluster.StoryInput(a.id, a.title, a.text, a.published) for a in english])


def _units(articles: Sequence[Article], vectors: dict[str, np.ndarray]) -> tuple[list[align.Unit], np.ndarray]:
    units, rows = [], []
    for a in articles:
        for s in a.sentences:
            if not s.heading and len(s.text.split()) >= align.MIN_WORDS:
                units.append(align.Unit(a.id, s.index, s.text, a.language))
                rows.append(vectors[a.id][s.index])
    dim = next(iter(vectors.values())).shape[1] if vectors else 1
    return units, (np.stack(rows) if rows else np.zeros((0, dim), np.float32))


def _sides(ctx: StoryContext) -> list[conflicts.Side]:
    anchors = ctx.extraction.anchors
    published = {a.id: a.published for a in ctx.articles}
    return [
        conflicts.Side(
            u, ctx.extraction_of(n), published[u.article], anchors[u.article][1], ctx.vectors[n], anchors[u.article][0]
        )
        for n, u in enumerate(ctx.units)
    ]


def _conflicts(
    ctx: StoryContext,
    sides: Sequence[conflicts.Side],
    figures: conflicts.FigurePairs,
    apart: set[tuple[str, int, str, int]] | None = None,
) -> list[Any]:
    """The story's conflicts; ``apart`` gets the sentence pairs of its date edges."""
    # Edges stream into grouping, which keeps a few numbers of each (a 500-article story has 80k).
    edges: Iterable[Any] = chain(
        conflicts.title_edges(sides),
        conflicts.age_edges(sides),
        conflicts.population_edges(sides),
        conflicts.name_edges(sides),
        conflicts.iter_number_edges(sides, figures),
        conflicts.iter_related_edges(sides, ctx.pairs),
    )
    return conflicts.group_edges(edges if apart is None else _noting_date_sides(edges, apart))


def brief_story(
    articles: Sequence[Article],
    encoder: Encoder,
    nlp: Any,
    words: int = 120,
    vector_cache: MutableMapping[str, np.ndarray] | None = None,
    times: StageTimes | None = None,
    progress: Callable[[str], None] | None = None,
    story: str | None = None,
) -> Brief:
    """Build the briefing of one story from its articles (``story``: its id in the store)."""
    times = times or StageTimes()
    articles = tuple(sorted(articles, key=lambda a: (a.published is None, a.published, a.id)))
    step = progress or (lambda name: None)
    # 4. extract
    step("extract")
    with times.stage("extract"):
        extraction = extract_story(articles, nlp)
    # 5. embed (6, clustering, made the story)
    step("embed")
    with times.stage("embed"):
        flat = [s.text for a in articles for s in a.sentences]
        matrix = embed_sentences(flat, encoder, vector_cache)
        vectors, at = {}, 0
        for a in articles:
            vectors[a.id] = matrix[at : at + len(a.sentences)]
            at += len(a.sentences)
    with times.stage("align"):  # align's neighbour search: one large product, where BLAS threads help
        units, unit_vectors = _units(articles, vectors)
        pairs = tuple(
            align.nearest_pairs(unit_vectors, [u.article for u in units], align.NEIGHBOURS, conflicts.RELATED_SIM)
        )
    # The rest multiplies many small matrices, where OpenBLAS's threads cost more than they
    # save (grouping a 500-article story's sentences: 1.1 s with 2 threads, 0.7 s with 1).
    with threadpool_limits(limits=1, user_api="blas"):
        brief = _compare(articles, extraction, vectors, units, unit_vectors, pairs, words, times, step, story)
    return dataclasses.replace(brief, engine=engine_info(encoder))


def engine_info(encoder: Encoder) -> EngineInfo:
    """The models a brief was made with; degraded unless the sentence model made the vectors."""
    return EngineInfo(encoder.name, spacy_model_name(), __version__, degraded=encoder.name != MINILM_NAME)


# A fact's sources state one claim: two sentences that date one claim to different days are
# a date conflict's two sides, not two sources of a fact ("the primary, tentatively scheduled
# for February 15" / "New Hampshire's primary is scheduled for Feb. 8"). Only the sentences
# an edge sets against each other: a conflict's grouped claims chain many sentences, not all
# of which disagree. Different figures are kept apart by align itself (counted things);
# names spelt two ways still state one fact.
def _noting_date_sides(edges: Iterable[Any], apart: set[tuple[str, int, str, int]]) -> Iterator[Any]:
    """``edges`` unchanged, with the two sentences of each date edge added to ``apart``."""
    for edge in edges:
        if edge.kind == "date" and (edge.left.article, edge.left.sentence) != (edge.right.article, edge.right.sentence):
            apart.add((edge.left.article, edge.left.sentence, edge.right.article, edge.right.sentence))
        yield edge


def _apart_units(apart: set[tuple[str, int, str, int]], position: dict[tuple[str, int], int]) -> set[tuple[int, int]]:
    """The ``apart`` sentence pairs as pairs (i, j), i < j, of unit positions."""
    found = set()
    for a, i, b, j in apart:
        x, y = position.get((a, i)), position.get((b, j))
        if x is not None and y is not None:
            found.add((min(x, y), max(x, y)))
    return found


def _compare(
    articles: tuple[Article, ...],
    extraction: StoryExtraction,
    vectors: dict[str, np.ndarray],
    units: list[align.Unit],
    unit_vectors: np.ndarray,
    pairs: tuple[tuple[float, int, int], ...],
    words: int,
    times: StageTimes,
    step: Callable[[str], None],
    story: str | None,
) -> Brief:
    """derive → align → conflicts → timeline → unique claims → summary, on embedded articles;
    ``pairs`` are the units' nearest cross-article neighbours."""
    # 7. derive
    step("derive")
    with times.stage("derive"):
        views = [derive.ArticleView.of(a, vectors[a.id]) for a in articles]
        derivations = derive.find_derivations(views)
        # The agency a text credits stands in for a missing outlet, for counting sources
        # only: the brief's ``outlet`` stays what the input said, since the contract has no
        # way to mark a value as inferred and a reader takes it for metadata.
        outlets = {a.id: a.outlet or agency.infer_agency(a) for a in articles}
        origin_of = derive.origin_groups([a.id for a in articles], derivations, outlets)
        unnamed = derive.sources_without_outlet(origin_of, outlets)
    # 8. align: facts
    step("align")
    with times.stage("align"):
        ctx = StoryContext(
            articles,
            tuple(units),
            unit_vectors,
            extraction,
            pairs,
            origin_of,
            frozenset(d.derived for d in derivations),
        )
        exs = [ctx.extraction_of(n) for n in range(len(units))]
    # 8. conflicts, before the facts: sentences that disagree never support one fact
    step("conflicts")
    with times.stage("conflicts"):
        sides = _sides(ctx)
        figures = conflicts.figure_pairs(sides, {(i, j) for _, i, j in ctx.pairs})  # shared by conflicts and claims
        dated_apart: set[tuple[str, int, str, int]] = set()
        found_conflicts = _conflicts(ctx, sides, figures, dated_apart)
    # 8. align: facts
    with times.stage("align"):
        counted = [conflicts.counted_things(u.text, e) for u, e in zip(units, exs)]
        dates = timeline.story_dates(exs, [u.text for u in units])  # read once: align and timeline
        events = timeline.event_keys(dates)
        apart = _apart_units(dated_apart, {(u.article, u.index): n for n, u in enumerate(units)})
        groups = align.group_sentences(units, unit_vectors, derivations, pairs, counted, events, apart)
        facts = {
            g: align.build_fact(m, units, unit_vectors, exs, origin_of, set(ctx.derived), unnamed)
            for g, m in enumerate(groups)
            if len({units[k].article for k in m}) > 1
        }
    # 9. timeline
    step("timeline")
    with times.stage("timeline"):
        fact_of = [0] * len(units)
        for g, members in enumerate(groups):
            for m in members:
                fact_of[m] = g
        published = {a.id: a.published for a in articles}
        entries = timeline.build_timeline(units, unit_vectors, exs, fact_of, set(ctx.derived), dates, published)
    # 8. unique claims and 10. summary
    step("summary")
    with times.stage("summary"):
        unique = claims.unique_claims(ctx, groups, claims.echoed_units(ctx, sides, figures, entries))
        modality = [e.modality for e in exs]
        candidates = summary.candidates(
            units,
            unit_vectors,
            groups,
            facts,
            origin_of,
            set(ctx.derived),
            modality,
            {a.id: len(a.sentences) for a in articles},
        )
        chosen = summary.summarise(candidates, words)
    # 10b. citations: a summary sentence cites only the sentences that state it
    with times.stage("citations"):
        chosen = citations.check_summary(chosen, citations.CitationCheck(units, ctx.extraction_of, unit_vectors))
    ranked_facts = sorted(facts.values(), key=lambda f: (-f.independent_sources, -len(f.articles), f.id))
    with times.stage("title"):
        title = story_title(articles)
    return Brief(
        story_id=story or story_id(articles),
        title=title,
        articles=articles,
        independent_sources=len(set(origin_of.values())),
        summary=tuple(chosen),
        facts=tuple(ranked_facts),
        conflicts=tuple(found_conflicts),
        timeline=tuple(entries),
        derivations=tuple(derivations),
        entities=extraction.entities,
        unique_claims=tuple(unique),
        extractions=tuple(extraction.sentences.values()),
        sources_without_outlet=len(unnamed),
    )
