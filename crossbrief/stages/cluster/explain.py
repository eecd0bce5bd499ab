"""Why articles are in one story: the pair links the graph batch clusterer scores.

For a story, each member's strongest link to another member (the pair score average link
merges on, with what makes it: word and name cosines, shared names, days apart) and the
strongest links to articles outside it, so a user can see what held a story together or
why a report stayed apart (``crossbrief recluster --explain STORY``).

    >>> from datetime import date
    >>> a = StoryInput("a", "Quake kills 12 in Brennik", "A strong earthquake struck Brennik, killing 12.",
    ...     date(2025, 4, 12))
    >>> b = StoryInput("b", "Brennik quake toll rises to 48", "The toll from the Brennik earthquake rose "
    ...     "to 48.", date(2025, 4, 13))
    >>> [(x.left, x.right, "brennik" in x.shared_names) for x in pair_links([a, b])]
    [('a', 'b', True)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .articles import NAME_PREFIX, StoryInput
from .batch import collection_graph
from .graph import pair_scores
from .settings import ClusterSettings

# Shared names shown per link: the heaviest in both articles.
SHOWN_NAMES = 4


@dataclass(frozen=True)
class PairLink:
    """One scored pair of neighbouring articles, as the graph batch clusterer sees it."""

    left: str
    right: str
    score: float  # the pair score average link merges on (ClusterSettings.link_threshold)
    words: float  # cosine of the TF-IDF content words
    names: float  # cosine of the names and dates
    shared_names: tuple[str, ...]  # the heaviest names both articles give
    days_apart: int | None  # publication dates, when both have one


def pair_links(items: Sequence[StoryInput], settings: ClusterSettings = ClusterSettings()) -> list[PairLink]:
    """Every neighbour pair of ``items`` with its score and features, as ``cluster_batch``
    (graph method) weighs and scores them."""
    vectors, graph = collection_graph(items, settings)
    published = {item.id: item.published for item in items}
    links = []
    for (i, j), score, features in zip(graph.edges, pair_scores(graph, settings), graph.features, strict=True):
        a, b = vectors[i], vectors[j]
        shared = sorted(a.names.keys() & b.names.keys(), key=lambda k: (-a.names[k] * b.names[k], k))
        names = tuple(k[len(NAME_PREFIX) :] for k in shared if k.startswith(NAME_PREFIX))[:SHOWN_NAMES]
        pa, pb = published[a.id], published[b.id]
        days = abs((pa - pb).days) if pa and pb else None
        links.append(PairLink(a.id, b.id, score, features[0], features[1], names, days))
    return links
