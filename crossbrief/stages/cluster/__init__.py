"""Stage 6, cluster: group articles into stories, one story per real-world event.

Stories are events, not topics: two earthquakes in the same month are two stories, the same
summit reported over three days is one. What tells events apart is who and where (names),
when (publication dates, and dates the text mentions) and what is said (content words), so
an article is two unit TF-IDF vectors, one over content words and one over names and
mentioned dates (years, months, days), and its similarity to a story is a weighted sum of
their cosines with the story's centroids.

The flow::

    StoryInput
        │  text           content words, names (or capitalised-word proxies), dates
        ▼
    articles              ArticleCounts ── weigh (vectors.RunningIdf, ──► ArticleVectors
        │                 from background.document_frequencies)
        │                 (settings.ClusterSettings: every threshold and size)
        ├──────────────────────────────────────┐
        ▼                                      ▼
    online                                 batch
    StoryClusterer.add, one article        cluster_batch, the whole collection: count all,
    at a time: index → candidate           freeze IDF, canonical order (date, id), then
    stories → join the best or             "graph" (default; graph: neighbours, pair
    start a new one                        scores, average link) or "centroid" (the online
        │                                  pass, then merge_close and reassign)
        ▼                                      │
    article id → story id ◄────────────────────┘
        │
        ▼
    title                 story_title: the most central article's headline

One module a step; each imports only modules above it in this list:

- :mod:`.settings`: :class:`ClusterSettings`, ``REASSIGN_MARGIN``.
- :mod:`.text`: what the clusterer reads in a text (pure functions, regular expressions only).
- :mod:`.vectors`: sparse TF-IDF vectors, running document frequencies, centroids.
- :mod:`.articles`: :class:`StoryInput` → :class:`ArticleCounts` → :class:`ArticleVectors`,
  and :func:`story_id`.
- :mod:`.background`: how common each key is in English at large (wordfreq), the prior the
  document frequencies start from, so a small folder weighs its words as a large stream does.
- :mod:`.online`: :class:`StoryClusterer` (online assignment, and the centroid method's
  merging and moving of articles).
- :mod:`.parallel`: :func:`counted`, articles counted in worker processes while one process
  places them.
- :mod:`.compact`: a whole collection's vectors as sparse rows over one vocabulary (what a
  batch run holds: a tenth of the dicts' memory), counted and weighed in canonical order.
- :mod:`.graph`: the batch method on a sparse graph of article pairs.
- :mod:`.batch`: :func:`cluster_batch`, graph or centroid; :func:`weigh_collection` and
  :func:`collection_graph`, the weighing and neighbour graph it shares with ``explain`` and
  the pair-weight fit.
- :mod:`.explain`: :func:`pair_links`, the scored pairs behind a story (``recluster --explain``).
- :mod:`.title`: :func:`story_title`.

The names below are re-exported here, so ``from crossbrief.stages.cluster import
cluster_batch`` (and ``cluster.StoryInput`` after ``from crossbrief.stages import cluster``)
work as before the package was split.
"""

from __future__ import annotations

from .articles import (
    DATE_PREFIX,
    NAME_PREFIX,
    ArticleCounts,
    ArticleVectors,
    StoryInput,
    article_counts,
    story_id,
    weigh,
)
from .batch import cluster_batch, collection_graph, weigh_collection
from .explain import PairLink, pair_links
from .online import StoryClusterer, combine, similarity
from .parallel import counted
from .settings import REASSIGN_MARGIN, ClusterSettings
from .title import TITLE_CHARS, story_title
from .vectors import Centroid, RunningIdf, SparseVector, Vectorizer

__all__ = [
    "DATE_PREFIX",
    "NAME_PREFIX",
    "REASSIGN_MARGIN",
    "TITLE_CHARS",
    "ArticleCounts",
    "ArticleVectors",
    "Centroid",
    "ClusterSettings",
    "PairLink",
    "RunningIdf",
    "SparseVector",
    "StoryClusterer",
    "counted",
    "StoryInput",
    "Vectorizer",
    "article_counts",
    "cluster_batch",
    "collection_graph",
    "combine",
    "pair_links",
    "similarity",
    "story_id",
    "story_title",
    "weigh",
    "weigh_collection",
]
