"""Counting articles in worker processes, while one process places them.

Online assignment is sequential (each article is compared with the stories before it), but
reading an article's words, names and dates (:func:`.articles.article_counts`) depends on
that article alone: about 40% of an online run's time on one core. :func:`counted` reads
them in other processes, in order, so the placing process only weighs and compares.
The counts are the same as counted in one process; so are the stories.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from functools import partial

from .articles import ArticleCounts, StoryInput, article_counts
from .settings import ClusterSettings

# Articles a worker counts per hand-over: fewer hand-overs, little waiting at the end.
CHUNK = 128


def counted(items: Iterable[StoryInput], settings: ClusterSettings, workers: int = 1) -> Iterator[ArticleCounts]:
    """Each item's :func:`article_counts`, in the items' order. ``workers`` is the number of
    processes in all: with more than one, ``workers - 1`` count while the caller places (on
    two cores, one counting process: a second would take the placing process's core)."""
    if workers <= 1:
        yield from (article_counts(item, settings) for item in items)
        return
    # spawned, as ingest's readers are (pipeline.engines): by now the caller may run spaCy's
    # or the encoder's threads, and a forked child can deadlock on a lock one of them held
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers - 1) as pool:
        yield from pool.imap(partial(article_counts, settings=settings), items, chunksize=CHUNK)
