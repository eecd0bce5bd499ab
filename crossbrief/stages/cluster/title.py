"""A story's title: :func:`story_title`, the headline of its most central article (or, when
no article has one, the most central article's first sentence)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..sentences import ends_sentence
from .articles import StoryInput, article_counts, weigh
from .settings import ClusterSettings
from .vectors import Centroid, RunningIdf

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


_STOP = re.compile(r"[.!?](?= )")


def _lead_sentence(body: str) -> str:
    first = " ".join(body.split())
    # the first stop that ends a sentence as the sentence stage reads one ("U.S. dollars",
    # "Lt. Ray" and "Nov. 20" go on)
    end = next((m for m in _STOP.finditer(first) if ends_sentence(first[: m.end()], first[m.end() :])), None)
    if end and end.start() > 0:
        first = first[: end.start() + 1]
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
