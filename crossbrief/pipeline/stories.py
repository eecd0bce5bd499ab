"""Use cases shared by the CLI, the web app and the evaluation commands.

    ingest_into_stories  ingest paths and place each new article in a story (online)
    ingest_and_brief     ingest paths, group their articles into stories (batch), brief
                         each story and keep stories and briefs in the store
    brief_articles       brief a list of articles grouped into stories
    brief_stored_story   brief one stored story as it stands (CLI ``brief --story``, web on demand)
    recluster            batch clustering over the whole store
    explain_story        the scored pairs behind a stored story (``recluster --explain``)

Models are loaded once per process (``models.py``/``encoders.py``); sentence vectors are
cached in the store, so briefing a story again encodes only new sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from ..config import Settings
from ..encoders import default_encoder
from ..errors import UsageError
from ..models import spacy_pipeline
from ..records import Article, Brief
from ..stages import cluster
from ..store import Store, stories
from ..store.vectors import VectorCache
from .brief import StageTimes, brief_story, story_title
from .ingest import IngestReport, ProgressHook, ingest_paths


@dataclass
class BriefRun:
    """What one briefing run produced."""

    briefs: list[Brief] = field(default_factory=list)
    times: list[StageTimes] = field(default_factory=list)


def story_input(article: Article) -> cluster.StoryInput:
    return cluster.StoryInput(article.id, article.title, article.text, article.published)


Clustering = cluster.ClusterSettings | None  # None: the defaults


def group_stories(articles: Sequence[Article], clustering: Clustering = None) -> list[tuple[str | None, list[Article]]]:
    """The stories among ``articles`` as (story id, articles), by batch clustering: the
    same articles in any order give the same stories and ids."""
    if not articles:
        return []
    assignment = cluster.cluster_batch([story_input(a) for a in articles], clustering or cluster.ClusterSettings())
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(assignment[article.id], []).append(article)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


# An ingest replays at most this many stored articles (the undated and then the most recent
# ones): each is read and counted again, about 3 ms apiece (generated 150-600-word articles,
# 2 cores), so a store that has grown for years still takes a new batch after half a minute
# of replay. A story whose articles all fall before the replayed ones starts anew.
REPLAY_MAX = 10_000


def _replay(store: Store, clusterer: cluster.StoryClusterer, newest: Sequence[Article]) -> None:
    """Load the store's stories that are still open at the new articles' dates."""
    dates = [a.published for a in newest if a.published]
    since = (min(dates) - timedelta(days=clusterer.settings.window_days)).isoformat() if dates else None
    for article_id, story in stories.members_since(store, since, REPLAY_MAX):
        if (article := store.get_article(article_id)) is not None:
            clusterer.add_to(story_input(article), story)


# New articles counted in worker processes from this many on (a pool takes a moment to start).
PARALLEL_COUNTING_MIN = 2000


def assign_stories(
    store: Store, articles: Sequence[Article], clustering: Clustering = None, workers: int = 1
) -> dict[str, str]:
    """Online: each new article joins the best matching recent story or starts one, in
    publication order; returns article id → story id and saves the stories touched.

    With ``workers`` > 1 and at least PARALLEL_COUNTING_MIN new articles, ``workers - 1``
    processes read the articles' words while this one places them (the same stories)."""
    fresh = [a for a in articles if stories.story_of(store, a.id) is None]
    if not fresh:
        return {}
    clusterer = cluster.StoryClusterer(clustering or cluster.ClusterSettings())
    _replay(store, clusterer, fresh)
    ordered = sorted(fresh, key=lambda a: (a.published is None, a.published, a.id))
    weighed = []
    counting = workers if len(ordered) >= PARALLEL_COUNTING_MIN else 1
    for counts in cluster.counted((story_input(a) for a in ordered), clusterer.settings, counting):
        weighed.append(vector := clusterer.weighed_counts(counts))
        clusterer.place(vector)
    # Each new article is moved to the story that fits it clearly better once the whole batch
    # is placed (DUC task 2 stream, one ingest: online B³ F1 0.829 → 0.863; task 3 0.589 → 0.639).
    clusterer.settle(weighed)
    members = clusterer.stories()
    story_of = {aid: sid for sid, ids in members.items() for aid in ids}
    placed = {a.id: story_of[a.id] for a in ordered}
    for story in sorted(set(placed.values())):
        group = [store.get_article(i) for i in members[story]]
        found = [a for a in group if a is not None]
        stories.save_story(store, story, story_title(found), [a.id for a in found])
    return placed


def recluster(store: Store, clustering: Clustering = None) -> int:
    """Batch clustering over the whole store, replacing every story; returns the count."""
    articles = list(store.articles())
    stories.clear_stories(store)
    for story, group in group_stories(articles, clustering):
        stories.save_story(store, story or "", story_title(group), [a.id for a in group])
    return len(stories.list_stories(store))


PairLink = cluster.PairLink  # what StoryExplanation holds, for the pipeline's users


@dataclass(frozen=True)
class StoryExplanation:
    """Why a stored story's articles belong together, as batch clustering sees the store."""

    story: str
    members: list[Article]
    threshold: float  # average link merges clusters whose mean pair score reaches this
    inside: dict[str, cluster.PairLink]  # member id → its strongest link to another member
    outside: list[tuple[cluster.PairLink, Article, str | None]]  # strongest links out: (link, outsider, its story)


def explain_story(store: Store, story_id: str, clustering: Clustering = None, outside: int = 3) -> StoryExplanation:
    """The scored pairs that hold a stored story together, and its ``outside`` strongest
    links to articles of other stories; raises UsageError when there is no such story.
    Reads the store, changes nothing."""
    members = stories.story_articles(store, story_id)
    if not members:
        raise UsageError(f"{story_id}: no such story in {store.path}; list them with: crossbrief stories")
    settings = clustering or cluster.ClusterSettings()
    articles = {a.id: a for a in store.articles()}
    ids = {a.id for a in members}
    inside: dict[str, cluster.PairLink] = {}
    out: list[cluster.PairLink] = []
    for link in cluster.pair_links([story_input(a) for a in articles.values()], settings):
        ends = (link.left in ids, link.right in ids)
        if all(ends):
            for end in (link.left, link.right):
                if end not in inside or link.score > inside[end].score:
                    inside[end] = link
        elif any(ends):
            out.append(link)
    out.sort(key=lambda link: (-link.score, link.left, link.right))
    outsiders = []
    for link in out[:outside]:
        other = articles[link.right if link.left in ids else link.left]
        outsiders.append((link, other, stories.story_of(store, other.id)))
    return StoryExplanation(story_id, members, settings.link_threshold, inside, outsiders)


def _brief_and_save(
    store: Store, story: str | None, group: Sequence[Article], words: int, stage: Callable[[str], None] | None
) -> tuple[Brief, StageTimes]:
    """Brief one story's articles; save the story, its brief (keyed by its members'
    versions) and the sentences' extractions."""
    times = StageTimes()
    with times.stage("load models"):  # once per process; spaCy only for articles stored without entities
        encoder = default_encoder()
        nlp = spacy_pipeline(ner=True) if any(a.entities is None for a in group) else None
    brief = brief_story(
        group, encoder, nlp, words=words, vector_cache=VectorCache(store), times=times, story=story, progress=stage
    )
    stories.save_story(store, brief.story_id, brief.title, [a.id for a in group])
    stories.save_brief(store, brief.story_id, stories.members_key(group), brief.to_dict())
    stories.save_extractions(store, brief.extractions)
    return brief, times


def brief_articles(
    articles: Sequence[Article],
    store: Store,
    words: int = 120,
    stage: Callable[[str], None] | None = None,
    clustering: Clustering = None,
    one_story: bool = False,
) -> BriefRun:
    """Brief every story among ``articles``; save each story and its brief in the store.
    ``one_story``: the user knows the articles are one event's coverage: brief them
    together, without clustering."""
    run = BriefRun()
    groups = [(None, list(articles))] if one_story and articles else group_stories(articles, clustering)
    for story, group in groups:
        brief, times = _brief_and_save(store, story, group, words, stage)
        run.briefs.append(brief)
        run.times.append(times)
    return run


def brief_stored_story(
    store: Store, story_id: str, words: int = 120, stage: Callable[[str], None] | None = None
) -> tuple[Brief, StageTimes]:
    """Brief a story already in the store, with the articles it has now; raises
    UsageError when there is no such story."""
    group = stories.story_articles(store, story_id)
    if not group:
        raise UsageError(f"{story_id}: no such story in {store.path}; list them with: crossbrief stories")
    return _brief_and_save(store, story_id, group, words, stage)


def brief_stored_stories(
    store: Store, story_ids: Sequence[str], words: int = 120, stage: Callable[[str], None] | None = None
) -> BriefRun:
    """``brief_stored_story`` for each of ``story_ids``."""
    run = BriefRun()
    for story_id in story_ids:
        brief, times = brief_stored_story(store, story_id, words, stage)
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
    return report, brief_articles(report.articles, store, words, stage, settings.clustering())


def ingest_into_stories(
    paths: Sequence[str], store: Store, settings: Settings, progress: ProgressHook | None = None
) -> tuple[IngestReport, dict[str, str]]:
    """Ingest ``paths`` and place each new article in a story (online)."""
    report = ingest_paths(paths, store, settings, progress=progress)
    return report, assign_stories(store, report.added + report.updated, settings.clustering(), settings.workers)
