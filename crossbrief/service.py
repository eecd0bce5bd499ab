"""Use cases shared by the CLI, the web app and the evaluation commands.

    ingest_and_brief   ingest paths, group the new articles into stories, brief each
                       story and keep stories and briefs in the store
    brief_articles     brief a list of articles grouped into stories

Models are loaded once per process (``models.py``/``encoders.py``); sentence vectors are
cached in the store, so briefing a story again encodes only new sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .briefing import StageTimes, brief_story
from .config import Settings
from .encoders import default_encoder
from .models import spacy_pipeline
from .pipeline import IngestReport, ProgressHook, ingest_paths
from .records import Article, Brief
from .store import Store, stories
from .store.vectors import VectorCache


@dataclass
class BriefRun:
    """What one briefing run produced."""

    briefs: list[Brief] = field(default_factory=list)
    times: list[StageTimes] = field(default_factory=list)


def group_stories(articles: Sequence[Article]) -> list[tuple[str | None, list[Article]]]:
    """The stories among ``articles`` as (story id or None, articles): for now, all of one
    call form one story."""
    return [(None, list(articles))] if articles else []


def brief_articles(
    articles: Sequence[Article],
    store: Store,
    words: int = 120,
    stage: Callable[[str], None] | None = None,
) -> BriefRun:
    """Brief every story among ``articles``; save each story and its brief in the store."""
    run = BriefRun()
    for story, group in group_stories(articles):
        times = StageTimes()
        brief = brief_story(group, default_encoder(), spacy_pipeline(ner=True), words=words,
                            vector_cache=VectorCache(store), times=times, story=story, progress=stage)
        stories.save_story(store, brief.story_id, brief.title, [a.id for a in group])
        key = stories.articles_key([a.id for a in group], [a.content_hash for a in group])
        stories.save_brief(store, brief.story_id, key, brief.to_dict())
        run.briefs.append(brief)
        run.times.append(times)
    return run


def ingest_and_brief(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    words: int = 120,
    progress: ProgressHook | None = None,
    stage: Callable[[str], None] | None = None,
) -> tuple[IngestReport, BriefRun]:
    """Ingest ``paths`` and brief the stories their articles form."""
    report = ingest_paths(paths, store, settings, progress=progress)
    return report, brief_articles(report.articles, store, words, stage)
