"""Online story clustering: :class:`StoryClusterer`, one article at a time.

Each article in turn:

1. reads its content words, names (the given entities, or capitalised-word proxies) and dates;
2. weighs them with document frequencies counted so far (:class:`~.vectors.RunningIdf`);
3. finds candidate stories through an inverted index from its heaviest keys to the stories
   that recently used them, keeping only stories active within ``window_days`` of its date;
4. joins the most similar candidate at or above ``threshold``, or starts a new story.

Each step costs a bounded number of comparisons (``max_candidates``), whatever the number of
stories, so a stream of n articles takes O(n) time.

The clusterer also merges close stories and moves articles between them
(:meth:`StoryClusterer.merge_close`, :meth:`StoryClusterer.reassign`): the centroid batch
method of :mod:`.batch`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .articles import ArticleCounts, ArticleVectors, StoryInput, article_counts, story_id, weigh
from .background import document_frequencies
from .settings import REASSIGN_MARGIN, ClusterSettings
from .vectors import Centroid, Vectorizer, top_keys


@dataclass
class _Story:
    """A story being built (mutable, private to the clusterer)."""

    id: str
    members: list[str]
    words: Centroid
    names: Centroid
    first: date | None = None
    last: date | None = None

    def add(self, article: ArticleVectors) -> None:
        self.members.append(article.id)
        self.words.add(article.words)
        self.names.add(article.names)
        self.widen(article.when, article.when)

    def widen(self, first: date | None, last: date | None) -> None:
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
        if last is not None:
            self.last = last if self.last is None else max(self.last, last)

    def open_to(self, when: date | None, window: timedelta) -> bool:
        if when is None or self.first is None or self.last is None:
            return True
        return self.first - window <= when <= self.last + window


@dataclass
class _Index:
    """Inverted index: key → the most recent stories that used it (oldest dropped first)."""

    cap: int
    postings: dict[str, OrderedDict[str, None]] = field(default_factory=dict)

    def add(self, keys: Iterable[str], story: str) -> None:
        for key in keys:
            posting = self.postings.setdefault(key, OrderedDict())
            posting[story] = None
            posting.move_to_end(story)
            if len(posting) > self.cap:
                posting.popitem(last=False)

    def lookup(self, weighted_keys: Iterable[tuple[str, float]]) -> dict[str, float]:
        hits: dict[str, float] = {}
        for key, weight in weighted_keys:
            for story in self.postings.get(key, ()):
                hits[story] = hits.get(story, 0) + weight
        return hits


def _overlap(a: _Story, b: _Story, window: timedelta) -> bool:
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return True
    return a.first - window <= b.last and b.first - window <= a.last


def _similarity_without(article: ArticleVectors, story: _Story, settings: ClusterSettings) -> float:
    """Similarity of an article to its own story without it (0 when it is alone there)."""
    return combine(story.words.cosine_without(article.words), story.names.cosine_without(article.names), settings)


def combine(words: float, names: float, settings: ClusterSettings) -> float:
    w = settings.name_weight
    if settings.combine == "product":
        return max(words, 0.0) ** (1.0 - w) * max(names, 0.0) ** w
    return (1.0 - w) * words + w * names


def similarity(article: ArticleVectors, story: _Story, settings: ClusterSettings) -> float:
    return combine(story.words.cosine(article.words), story.names.cosine(article.names), settings)


class StoryClusterer:
    """Online story clustering: :meth:`add` one article at a time, in publication order.

    ``comparisons`` counts every article-to-story similarity computed, and
    ``last_comparisons`` those of the latest :meth:`add`; the latter never exceeds
    ``settings.max_candidates``.

        >>> clusterer = StoryClusterer()
        >>> first = clusterer.add(StoryInput("a1", "Tanker seized off Marovia", "The Marovian "
        ...     "coast guard seized the tanker Orla Star off Cape Lenna.", date(2025, 3, 4)))
        >>> clusterer.add(StoryInput("a2", "Orla Star towed to port", "The seized tanker "
        ...     "Orla Star was towed into Port Caldera by the Marovian coast guard.",
        ...     date(2025, 3, 5))) == first
        True
        >>> clusterer.stories()[first]
        ['a1', 'a2']
    """

    def __init__(
        self,
        settings: ClusterSettings = ClusterSettings(),
        vectorizer: Vectorizer | None = None,
    ) -> None:
        self.settings = settings
        self.vectorizer: Vectorizer = vectorizer if vectorizer is not None else document_frequencies(settings)
        self.comparisons = 0
        self.last_comparisons = 0
        self._stories: dict[str, _Story] = {}
        self._index = _Index(settings.posting_cap)
        self._window = timedelta(days=settings.window_days)

    def add(self, item: StoryInput) -> str:
        """Place one article in a story (an existing one or a new one); returns the story id."""
        return self.place(self.weighed(item))

    def add_counted(self, counts: ArticleCounts) -> str:
        """:meth:`add` for an article already counted (see :mod:`.parallel`)."""
        return self.place(self.weighed_counts(counts))

    def weighed(self, item: StoryInput) -> ArticleVectors:
        """Count an article into the document frequencies, then weigh it (in arrival order)."""
        return self.weighed_counts(article_counts(item, self.settings))

    def weighed_counts(self, counts: ArticleCounts) -> ArticleVectors:
        """:meth:`weighed` for an article already counted."""
        self.vectorizer.observe(counts.keys())
        return weigh(counts, self.vectorizer, self.settings)

    def settle(self, articles: Sequence[ArticleVectors]) -> int:
        """Move just-placed articles to the stories that now fit them clearly better.

        An article placed early in a batch was compared with stories as they were then; by
        the batch's end its own event may have a fuller story. Up to ``reassign_rounds``
        passes of :meth:`reassign` over ``articles`` only; returns the number of moves.
        """
        moved = 0
        for _ in range(self.settings.reassign_rounds):
            step = self.reassign(articles)
            moved += step
            if not step:
                break
        return moved

    def add_to(self, item: StoryInput, story: str) -> str:
        """Put an article in a known story: replays assignments kept in the store, so the
        next :meth:`add` compares against the stories a user has, not new ones."""
        article = self.weighed(item)
        target = self._stories.get(story) or self._new_story(item.id, story)
        target.add(article)
        self._index.add(article.keys(self.settings), target.id)
        return target.id

    def stories(self) -> dict[str, list[str]]:
        """Story id → article ids, in arrival order."""
        return {sid: list(story.members) for sid, story in self._stories.items()}

    def place(self, article: ArticleVectors) -> str:
        """Join the best candidate story at or above the threshold, or start a new one."""
        keys = article.keys(self.settings)
        best, score, _ = self.best_story(article, keys)
        if best is None or score < self.settings.threshold:
            best = self._new_story(article.id)
        best.add(article)
        self._index.add(keys, best.id)
        return best.id

    def best_story(
        self, article: ArticleVectors, keys: list[str], exclude: str | None = None
    ) -> tuple[_Story | None, float, float]:
        """The most similar candidate story (ties to the smaller id), its similarity, and the
        similarity of the runner-up (0.0 when there is none)."""
        best: _Story | None = None
        score = -1.0
        second = 0.0
        candidates = self.candidates(article, keys, exclude)
        self.last_comparisons = len(candidates)
        self.comparisons += len(candidates)
        for story in candidates:
            value = similarity(article, story, self.settings)
            if value > score or (value == score and best is not None and story.id < best.id):
                second = max(second, score)
                best, score = story, value
            else:
                second = max(second, value)
        return best, score, second

    def candidates(self, article: ArticleVectors, keys: list[str], exclude: str | None = None) -> list[_Story]:
        """Stories sharing the most index weight with the article, open at its date."""
        words, names = article.words, article.names  # disjoint: name keys carry a prefix
        hits = self._index.lookup((k, names.get(k, words.get(k, 0.0))) for k in keys)
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        chosen: list[_Story] = []
        for sid, _ in ranked:
            story = self._stories.get(sid)
            if story is None or sid == exclude or not story.open_to(article.when, self._window):
                continue
            chosen.append(story)
            if len(chosen) == self.settings.max_candidates:
                break
        return chosen

    # -- batch refinements: merging stories, moving articles -------------------------------

    def merge_close(self, threshold: float) -> int:
        """Merge stories whose centroids are at least ``threshold`` similar; returns merges."""
        merges = 0
        for sid in sorted(self._stories):
            story = self._stories.get(sid)
            while story is not None:
                other, score = self._closest_story(story)
                if other is None or score < threshold:
                    break
                self._absorb(story, other)
                merges += 1
        return merges

    def reassign(self, articles: Sequence[ArticleVectors]) -> int:
        """Move each article to the story it fits best, if it fits there clearly better.

        ``articles`` must be those already placed. Returns the number of articles moved.
        """
        home = {aid: story for story in self._stories.values() for aid in story.members}
        moved = 0
        for article in articles:
            current = home[article.id]
            own = _similarity_without(article, current, self.settings)
            best, score, second = self.best_story(article, article.keys(self.settings), exclude=current.id)
            if best is None or score <= own + REASSIGN_MARGIN:
                continue
            if score < self.settings.threshold and not self._lone_fit(current, score, second):
                continue
            self._move(article, current, best)
            home[article.id] = best
            moved += 1
        return moved

    def _lone_fit(self, current: _Story, score: float, second: float) -> bool:
        settings = self.settings
        return len(current.members) == 1 and score >= settings.lone_floor and score >= settings.lone_dominance * second

    def _closest_story(self, story: _Story) -> tuple[_Story | None, float]:
        keys = top_keys({**story.words.weights, **story.names.weights}, self.settings.index_keys)
        weights = {k: story.words.weights.get(k, story.names.weights.get(k, 0.0)) for k in keys}
        hits = self._index.lookup((k, weights[k]) for k in keys)
        best: _Story | None = None
        score = -1.0
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        for sid, _ in ranked[: self.settings.max_candidates]:
            other = self._stories.get(sid)
            if other is None or other is story or not _overlap(story, other, self._window):
                continue
            self.comparisons += 1
            value = combine(
                story.words.cosine_centroid(other.words), story.names.cosine_centroid(other.names), self.settings
            )
            if value > score:
                best, score = other, value
        return best, score

    def _absorb(self, story: _Story, other: _Story) -> None:
        story.members.extend(other.members)
        story.words.merge(other.words)
        story.names.merge(other.names)
        story.widen(other.first, other.last)
        del self._stories[other.id]
        keys = top_keys({**other.words.weights, **other.names.weights}, self.settings.index_keys)
        self._index.add(keys, story.id)

    def _move(self, article: ArticleVectors, source: _Story, target: _Story) -> None:
        source.members.remove(article.id)
        source.words.add(article.words, -1.0)
        source.names.add(article.names, -1.0)
        if not source.members:
            del self._stories[source.id]
        target.add(article)
        self._index.add(article.keys(self.settings), target.id)

    def _new_story(self, first_article: str, known_id: str | None = None) -> _Story:
        cap = self.settings.centroid_keys
        story = _Story(known_id or story_id(first_article), [], Centroid(cap), Centroid(cap))
        self._stories[story.id] = story
        return story
