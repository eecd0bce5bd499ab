"""Stage 6, cluster: group articles into stories, one story per real-world event.

Stories are events, not topics: two earthquakes in the same month are two stories, the same
summit reported over three days is one. What tells events apart is who and where (names),
when (publication dates, and dates the text mentions) and what is said (content words), so
an article is two unit TF-IDF vectors, one over content words and one over names and
mentioned dates (years, months, days), and its similarity to a story is a weighted sum of
their cosines with the story's centroids.

Online (:class:`StoryClusterer`), each article in turn:

1. reads its content words, names (the given entities, or capitalised-word proxies) and dates;
2. weighs them with document frequencies counted so far (:class:`RunningIdf`);
3. finds candidate stories through an inverted index from its heaviest keys to the stories
   that recently used them, keeping only stories active within ``window_days`` of its date;
4. joins the most similar candidate at or above ``threshold``, or starts a new story.

Each step costs a bounded number of comparisons (``max_candidates``), whatever the number of
stories, so a stream of n articles takes O(n) time.

Batch (:func:`cluster_batch`) counts document frequencies over all articles first, then (by
default, ``batch_method="graph"``, see :mod:`.cluster_graph`) links each article to its
nearest neighbours, scores each pair from its similarities *and* from how alike the two
articles' neighbourhoods are (two events of one kind share a topic's words, but each report
is closest to the reports of its own event), and groups articles by average link over the
pair scores. Articles are taken in a canonical order (date, then id), so any input order
gives the same partition. ``batch_method="centroid"`` instead runs the online pass in that
order, merges stories whose centroids are close and moves articles to the story they fit
best. On ECB+ (B³ F1, weights and thresholds fit on train and dev): graph 0.935 train,
0.956 dev; centroid 0.898 train, 0.919 dev.

    >>> quake = StoryInput("a1", "Quake kills 12 in Brennik", "A strong earthquake struck "
    ...     "Brennik in Kasmeria's Taldor province on Saturday, killing 12 people, the "
    ...     "Kasmerian Seismological Institute said.", date(2025, 4, 12))
    >>> toll = StoryInput("a2", "Brennik quake toll rises to 48", "The death toll from "
    ...     "Saturday's earthquake in Brennik, in Kasmeria's Taldor province, rose to 48, "
    ...     "the Kasmerian Seismological Institute said.", date(2025, 4, 13))
    >>> other = StoryInput("a3", "Quake hits Isla Morenza", "An earthquake struck Isla "
    ...     "Morenza, Cordavia, late on Tuesday, killing seven people in San Eloy.",
    ...     date(2025, 4, 22))
    >>> stories = cluster_batch([quake, toll, other])
    >>> stories["a1"] == stories["a2"] != stories["a3"]
    True
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from ..errors import ConfigError
from . import cluster_text as text
from .cluster_graph import cluster_graph
from .cluster_vectors import Centroid, RunningIdf, SparseVector, Vectorizer, top_keys, unit

NAME_PREFIX = "n:"  # keys of the name vector share the vectoriser's counts with content words
DATE_PREFIX = "d:"
# Batch reassignment moves an article only when another story fits it by at least this much
# more than its own: moving on a tie would make the result depend on the order of the moves.
REASSIGN_MARGIN = 0.02


@dataclass(frozen=True)
class StoryInput:
    """One article as the clusterer sees it.

    ``entities`` are canonical names (PERSON, ORG, GPE, LOC, EVENT ...) from the extract stage;
    when empty, capitalised-word proxies are read from the text instead.
    """

    id: str
    title: str | None
    text: str
    published: date | None
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClusterSettings:
    """Thresholds and sizes of the story clusterer. Defaults tuned on ECB+ train and dev only.

    Similarities are ``(1 - name_weight) * cos(words) + name_weight * cos(names)`` in [0, 1].
    """

    # Join the best candidate story at or above this similarity, else start a new story.
    threshold: float = 0.3
    # Share of the similarity that comes from names and mentioned dates (the rest: words).
    name_weight: float = 0.25
    # A headline word counts this many times as often as a body word.
    title_weight: float = 2.0
    # News puts who, where and what first: words and names of the lead (the first
    # ``lead_chars`` characters of the text) count this many extra times.
    lead_weight: float = 2.0
    lead_chars: int = 200
    # How word and name similarities combine: "sum" (weighted mean) or "product" (weighted
    # geometric mean, so a story must match on both).
    combine: Literal["sum", "product"] = "sum"
    # Names weigh their TF-IDF raised to this power: above 1, an article's few most salient
    # names (the boxer's opponent, the quake's island) dominate its name vector.
    name_power: float = 1.5
    word_power: float = 1.0
    # A story takes articles dated within this many days of its first and last dated
    # article; undated articles and stories are never excluded on time. (Graph batch: two
    # articles whose given publication dates are further apart are never paired; dates
    # read from datelines do not bar pairs there.)
    window_days: int = 60
    # Read the publication date from a dateline in the text when the article has none.
    dateline_dates: bool = True
    # Keys of an article looked up in (and added to) the index of stories.
    index_keys: int = 24
    # Most recent stories kept per index key: a country named in 10,000 stories only
    # points at its latest few.
    posting_cap: int = 48
    # Most candidate stories scored for one article (the bound on comparisons per add).
    max_candidates: int = 24
    # Keys kept per centroid (bounds memory for very long stories).
    centroid_keys: int = 400
    # Batch: "graph" (neighbour graph, pair scores, average link: see cluster_graph) or
    # "centroid" (the online pass, then merging and moving articles, as below).
    batch_method: Literal["graph", "centroid"] = "graph"
    # Graph batch: each article's most similar articles kept as its neighbours ...
    neighbours: int = 30
    # ... chosen among this many candidates from the inverted index, whose keys point at
    # (at most) this many articles each.
    candidate_pool: int = 50
    batch_posting_cap: int = 200
    # Pair scores (cluster_graph), logistic weights fit on ECB+ train + dev by
    # evaluation.clustering.fit_pair_weights. Stage one: (bias, *PAIR_FEATURES), i.e. word
    # cosine, name cosine, same year in a full date, shared lead numbers (up to 3) and
    # second-order similarity; blended, where the neighbourhoods say little, with a model of
    # the first four alone (first_order_weights). Stage two: (bias, stage-one score, its
    # second-order similarity).
    pair_weights: tuple[float, ...] = (-5.17, 2.46, 1.28, 1.84, 1.08, 6.0)
    first_order_weights: tuple[float, ...] = (-3.46, 7.45, 5.22, 1.33, 0.84)
    refine_weights: tuple[float, ...] = (-4.32, 2.35, 4.9)
    # How much neighbourhoods say, in [0, 1): r / (r + evidence_scale) · m / (m +
    # evidence_neighbours), r and m the strength and effective size of the weaker of the two
    # articles' neighbourhoods without each other (see cluster_graph.second_order).
    evidence_scale: float = 0.05
    evidence_neighbours: float = 2.0
    # Clusters merge while their mean pair score is at least this.
    link_threshold: float = 0.4
    # Then clusters with dated articles at most this many days apart (negative: never) whose
    # centroids are at least this similar merge (cluster_graph.merge_concurrent).
    concurrent_days: int = 2
    concurrent_threshold: float = 0.3
    # Centroid batch only: merge two stories whose centroids are at least this similar ...
    merge_threshold: float = 0.55
    # ... then move each article to the story it fits best, this many times over.
    reassign_rounds: int = 2
    # Both batch methods: an article still alone joins the story it fits best when that fit
    # is at least ``lone_floor`` and ``lone_dominance`` times its fit to any other story: an
    # outlier (a translation, a tabloid rewrite) clearly about one story and no other. (Graph
    # batch: the fit is the mean pair score; centroid batch: the similarity to the story.)
    lone_floor: float = 0.2
    lone_dominance: float = 2.0

    def __post_init__(self) -> None:
        for name in ("threshold", "name_weight", "merge_threshold", "link_threshold",
                     "concurrent_threshold"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(
                    f"cluster setting {name}={value} is outside [0, 1]; pick a value in it")
        if self.combine not in ("sum", "product"):
            raise ConfigError(f"cluster setting combine={self.combine!r}: use 'sum' or 'product'")
        if self.batch_method not in ("graph", "centroid"):
            raise ConfigError(f"cluster setting batch_method={self.batch_method!r}: "
                              "use 'graph' or 'centroid'")
        if (len(self.pair_weights), len(self.first_order_weights),
                len(self.refine_weights)) != (6, 5, 3):
            raise ConfigError("cluster settings pair_weights, first_order_weights and "
                              "refine_weights need 6, 5 and 3 numbers: a bias and one weight "
                              "per feature")
        for name in ("window_days", "index_keys", "posting_cap", "max_candidates", "centroid_keys",
                     "neighbours", "candidate_pool", "batch_posting_cap"):
            if getattr(self, name) < 1:
                raise ConfigError(
                    f"cluster setting {name}={getattr(self, name)} must be at least 1")


@dataclass(frozen=True)
class ArticleVectors:
    """An article weighed for clustering: its date and unit vectors over words and names."""

    id: str
    when: date | None
    words: SparseVector
    names: SparseVector

    def keys(self, settings: ClusterSettings) -> list[str]:
        """The heaviest keys of both vectors, for the story index."""
        w = settings.name_weight
        mixed = {k: (1.0 - w) * v for k, v in self.words.items()}
        mixed.update({k: w * v for k, v in self.names.items()})
        return top_keys(mixed, settings.index_keys)


@dataclass(frozen=True)
class ArticleCounts:
    """Raw counts of one article's keys, before weighing."""

    id: str
    when: date | None
    words: Counter[str]
    names: Counter[str]
    # Years of the full dates the text names, and the numbers of its headline and lead.
    years: frozenset[int] = frozenset()
    numbers: frozenset[str] = frozenset()

    def keys(self) -> Iterable[str]:
        return list(self.words) + list(self.names)


def article_counts(item: StoryInput, settings: ClusterSettings) -> ArticleCounts:
    """Count an article's content words (headline words ``title_weight`` times), names and
    dates (year, month and day of each date it names, and its bare years)."""
    words: Counter[str] = Counter(text.content_terms(item.text))
    for term in text.content_terms(item.title or ""):
        words[term] += settings.title_weight
    body = f"{item.title}\n{item.text}" if item.title else item.text
    if item.entities:
        found = [" ".join(text.stem(w) for w in text.fold(e).split()) for e in item.entities]
    else:
        found = text.name_keys(body)
    names: Counter[str] = Counter(NAME_PREFIX + n for n in found)
    names.update(DATE_PREFIX + d for d in text.date_keys(body))
    lead = _lead(item.text, settings.lead_chars)
    if settings.lead_weight:
        for term in text.content_terms(lead):
            words[term] += settings.lead_weight
        if not item.entities:
            for name in text.name_keys(lead):
                names[NAME_PREFIX + name] += settings.lead_weight
    when = item.published
    if when is None and settings.dateline_dates:
        when = text.dateline(item.text)
    return ArticleCounts(item.id, when, words, names, text.mentioned_years(body),
                         text.numbers(f"{item.title or ''}\n{lead}"))


def _lead(body: str, chars: int) -> str:
    """The first ``chars`` characters of ``body``, cut back to a whole word."""
    if len(body) <= chars:
        return body
    cut = body[:chars].rsplit(None, 1)
    return cut[0] if len(cut) > 1 else body[:chars]


def _sharpen(vector: SparseVector, power: float) -> SparseVector:
    return vector if power == 1.0 else unit({k: v**power for k, v in vector.items()})


def weigh(counts: ArticleCounts, vectorizer: Vectorizer,
          settings: ClusterSettings = ClusterSettings()) -> ArticleVectors:
    return ArticleVectors(counts.id, counts.when,
                          _sharpen(vectorizer.weigh(counts.words), settings.word_power),
                          _sharpen(vectorizer.weigh(counts.names), settings.name_power))


def story_id(first_article_id: str) -> str:
    """A story's id: stable, from the id of its first article."""
    return "s-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


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

    def lookup(self, weighted_keys: Iterable[tuple[str, float]]) -> Counter[str]:
        hits: Counter[str] = Counter()
        for key, weight in weighted_keys:
            for story in self.postings.get(key, ()):
                hits[story] += weight
        return hits


def _overlap(a: _Story, b: _Story, window: timedelta) -> bool:
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return True
    return a.first - window <= b.last and b.first - window <= a.last


def _similarity_without(article: ArticleVectors, story: _Story, settings: ClusterSettings) -> float:
    """Similarity of an article to its own story without it (0 when it is alone there)."""
    return combine(story.words.cosine_without(article.words),
                   story.names.cosine_without(article.names), settings)


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

    def __init__(self, settings: ClusterSettings = ClusterSettings(),
                 vectorizer: Vectorizer | None = None) -> None:
        self.settings = settings
        self.vectorizer: Vectorizer = vectorizer if vectorizer is not None else RunningIdf()
        self.comparisons = 0
        self.last_comparisons = 0
        self._stories: dict[str, _Story] = {}
        self._index = _Index(settings.posting_cap)
        self._window = timedelta(days=settings.window_days)

    def add(self, item: StoryInput) -> str:
        """Place one article in a story (an existing one or a new one); returns the story id."""
        counts = article_counts(item, self.settings)
        self.vectorizer.observe(counts.keys())
        return self.place(weigh(counts, self.vectorizer, self.settings))

    def add_to(self, item: StoryInput, story: str) -> str:
        """Put an article in a known story: replays assignments kept in the store, so the
        next :meth:`add` compares against the stories a user has, not new ones."""
        counts = article_counts(item, self.settings)
        self.vectorizer.observe(counts.keys())
        article = weigh(counts, self.vectorizer, self.settings)
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

    def best_story(self, article: ArticleVectors, keys: list[str],
                   exclude: str | None = None) -> tuple[_Story | None, float, float]:
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

    def candidates(self, article: ArticleVectors, keys: list[str],
                   exclude: str | None = None) -> list[_Story]:
        """Stories sharing the most index weight with the article, open at its date."""
        weights = {**article.words, **article.names}
        hits = self._index.lookup((k, weights.get(k, 0.0)) for k in keys)
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
            best, score, second = self.best_story(article, article.keys(self.settings),
                                                  exclude=current.id)
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
        return (len(current.members) == 1 and score >= settings.lone_floor
                and score >= settings.lone_dominance * second)

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
            value = combine(story.words.cosine_centroid(other.words),
                            story.names.cosine_centroid(other.names), self.settings)
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


def _canonical(counts: ArticleCounts) -> tuple[bool, date, str]:
    return (counts.when is None, counts.when or date.min, counts.id)


def cluster_batch(items: Sequence[StoryInput],
                  settings: ClusterSettings = ClusterSettings()) -> dict[str, str]:
    """Article id → story id for a whole collection; any input order gives the same result.

    Story ids come from each story's first article in the canonical order (date, then id).
    """
    # 1. count every article, then freeze document frequencies: weights do not depend on order
    counts = sorted((article_counts(item, settings) for item in items), key=_canonical)
    if len({c.id for c in counts}) != len(counts):
        raise ValueError("cluster_batch: article ids must be unique; de-duplicate the input")
    idf = RunningIdf()
    for c in counts:
        idf.observe(c.keys())
    idf.freeze()
    vectors = [weigh(c, idf, settings) for c in counts]
    ids = [c.id for c in counts]
    if settings.batch_method == "graph":
        # 2. neighbour graph, pair scores, average link (cluster_graph); only publication
        # dates given with the articles bar a pair, dates read from the text are evidence
        published = {item.id: item.published for item in items}
        years, numbers, when = [c.years for c in counts], [c.numbers for c in counts], \
            [c.when for c in counts]
        del counts  # the raw counts are weighed: free them before the graph is built
        labels = cluster_graph(vectors, years, numbers, settings, [published[i] for i in ids],
                               when)
        groups: dict[int, list[str]] = {}
        for aid, label in zip(ids, labels, strict=True):
            groups.setdefault(label, []).append(aid)
        stories = list(groups.values())
    else:
        stories = _centroid_batch(vectors, idf, settings)
    # 3. name each story after its first article in canonical order
    position = {aid: n for n, aid in enumerate(ids)}
    result: dict[str, str] = {}
    for members in stories:
        sid = story_id(min(members, key=position.__getitem__))
        result.update((aid, sid) for aid in members)
    return result


def _centroid_batch(vectors: Sequence[ArticleVectors], idf: RunningIdf,
                    settings: ClusterSettings) -> list[list[str]]:
    """The online pass in canonical order, then merging close stories and moving articles."""
    clusterer = StoryClusterer(settings, idf)
    for article in vectors:
        clusterer.place(article)
    # merge stories that are the same event seen from two starting points
    clusterer.merge_close(settings.merge_threshold)
    # move articles that a later, fuller story fits better than the one they joined early
    for _ in range(settings.reassign_rounds):
        if not clusterer.reassign(vectors):
            break
    return list(clusterer.stories().values())


# A title made from a lead sentence is cut at about this many characters, at a word boundary.
TITLE_CHARS = 100


def story_title(items: Sequence[StoryInput]) -> str:
    """A readable title for a story: the headline of its most central article.

    Central means closest to the story's word centroid; articles without a headline are
    passed over, and when none has one, the most central article's first sentence is used.

        >>> story_title([
        ...     StoryInput("a", "Quake kills 12 in Brennik", "A quake hit Brennik.", None),
        ...     StoryInput("b", None, "The Brennik quake toll rose to 48.", None),
        ...     StoryInput("c", "Brennik quake: toll rises to 48", "The Brennik quake toll "
        ...                "rose to 48 as rescuers searched the rubble.", None)])
        'Brennik quake: toll rises to 48'
    """
    if not items:
        raise ValueError("story_title needs at least one article")
    settings = ClusterSettings()
    counts = [article_counts(item, settings) for item in items]
    idf = RunningIdf()
    for c in counts:
        idf.observe(c.keys())
    vectors = [weigh(c, idf, settings) for c in counts]
    centre = Centroid(settings.centroid_keys)
    for v in vectors:
        centre.add(v.words)
    titled = [n for n, item in enumerate(items) if (item.title or "").strip()]
    pool = titled or list(range(len(items)))
    best = max(pool, key=lambda n: (round(centre.cosine(vectors[n].words), 9), -n))
    chosen = items[best]
    if titled and chosen.title:
        return " ".join(chosen.title.split())
    return _lead_sentence(chosen.text)


def _lead_sentence(body: str) -> str:
    first = " ".join(body.split())
    ends = [cut for cut in (first.find(mark) for mark in (". ", "! ", "? ")) if cut > 0]
    if ends:
        first = first[: min(ends) + 1]
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
