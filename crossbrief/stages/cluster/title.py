"""A story's title: :func:`story_title`, the headline of its most central article (or, when
no article has one, the most central article's first sentence)."""

from __future__ import annotations

import re
from collections.abc import Sequence

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


# A sentence ends at ". ", "! " or "? ", but not after an initial or a short abbreviation
# ("U.S. dollars", "Lt. Ray", "Nov. 20").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Lt|No|Co))(?<!\b(?:Mrs|Gen|Col|Sen|Rep|Gov|Inc|Jan|Feb|Mar|Apr|Aug|Oct|Nov|Dec))"
    r"(?<!\b(?:Sept|Corp|Capt))[.!?](?= )"
)


def _lead_sentence(body: str) -> str:
    first = " ".join(body.split())
    end = _SENTENCE_END.search(first)
    if end and end.start() > 0:
        first = first[: end.start() + 1]
    if len(first) <= TITLE_CHARS:
        return first
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
