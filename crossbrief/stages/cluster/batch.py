"""Batch story clustering: :func:`cluster_batch`, a whole collection at once.

It counts document frequencies over all articles first, then (by default,
``batch_method="graph"``, see :mod:`.graph`) links each article to its nearest neighbours,
scores each pair from its similarities *and* from how alike the two articles' neighbourhoods
are (two events of one kind share a topic's words, but each report is closest to the reports
of its own event), and groups articles by average link over the pair scores. Articles are
taken in a canonical order (date, then id), so any input order gives the same partition.
``batch_method="centroid"`` instead runs the online pass (:mod:`.online`) in that order,
merges stories whose centroids are close and moves articles to the story they fit best. On
ECB+ (B³ F1, weights and thresholds fit on train and dev): graph 0.935 train, 0.956 dev;
centroid 0.898 train, 0.919 dev.

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

from collections.abc import Sequence

from .articles import ArticleVectors, StoryInput, article_counts, story_id
from .background import document_frequencies
from .compact import CompactVectors, compact_collection
from .graph import PairGraph, cluster_graph, pair_graph
from .online import StoryClusterer
from .settings import ClusterSettings
from .vectors import RunningIdf


def weigh_collection(
    items: Sequence[StoryInput], settings: ClusterSettings
) -> tuple[CompactVectors, list[frozenset[int]], list[frozenset[str]], RunningIdf]:
    """Every article counted and weighed with the document frequencies of the whole
    collection (frozen), in canonical order (date, then id): the weights do not depend on the
    input order. Also each article's years and lead numbers, and the frozen counts."""
    idf = document_frequencies(settings)
    vectors, years, numbers = compact_collection((article_counts(item, settings) for item in items), idf, settings)
    return vectors, years, numbers, idf


def collection_graph(items: Sequence[StoryInput], settings: ClusterSettings) -> tuple[CompactVectors, PairGraph]:
    """The weighed articles (canonical order) and the neighbour graph the graph method scores."""
    vectors, years, numbers, _ = weigh_collection(items, settings)
    return vectors, pair_graph(vectors, years, numbers, settings)


def cluster_batch(items: Sequence[StoryInput], settings: ClusterSettings = ClusterSettings()) -> dict[str, str]:
    """Article id → story id for a whole collection; any input order gives the same result.

    Story ids come from each story's first article in the canonical order (date, then id).
    """
    if len({item.id for item in items}) != len(items):
        raise ValueError("cluster_batch: article ids must be unique; de-duplicate the input")
    # 1. count every article, then freeze document frequencies: weights do not depend on order
    vectors, years, numbers, idf = weigh_collection(items, settings)
    ids = vectors.ids
    if settings.batch_method == "graph":
        # 2. neighbour graph, pair scores, average link (cluster_graph); only publication
        # dates given with the articles bar a pair, dates read from the text are evidence
        published = {item.id: item.published for item in items}
        labels = cluster_graph(vectors, years, numbers, settings, [published[i] for i in ids], vectors.when)
        groups: dict[int, list[str]] = {}
        for aid, label in zip(ids, labels, strict=True):
            groups.setdefault(label, []).append(aid)
        stories = list(groups.values())
    else:
        stories = _centroid_batch(list(vectors), idf, settings)
    # 3. name each story after its first article in canonical order
    position = {aid: n for n, aid in enumerate(ids)}
    result: dict[str, str] = {}
    for members in stories:
        sid = story_id(min(members, key=position.__getitem__))
        result.update((aid, sid) for aid in members)
    return result


def _centroid_batch(vectors: Sequence[ArticleVectors], idf: RunningIdf, settings: ClusterSettings) -> list[list[str]]:
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
