"""An article as the clusterer reads it, and the id a story takes from its first article.

:class:`StoryInput` (id, title, text, date, entities) → :func:`article_counts` →
:class:`ArticleCounts` (raw counts of content words, names and mentioned dates, from
:mod:`.text`) → :func:`weigh` with a :class:`~.vectors.Vectorizer` → :class:`ArticleVectors`
(unit TF-IDF vectors over words and over names and dates), what online and batch clustering
compare.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import text
from .settings import ClusterSettings
from .vectors import SparseVector, Vectorizer, top_keys, unit

NAME_PREFIX = "n:"  # keys of the name vector share the vectoriser's counts with content words
DATE_PREFIX = "d:"


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
    """Raw counts of one article's keys, before weighing (headline and lead words weigh
    ``title_weight`` and ``lead_weight`` each, so counts may be fractional)."""

    id: str
    when: date | None
    words: dict[str, float]
    names: dict[str, float]
    # Years of the full dates the text names, and the numbers of its headline and lead.
    years: frozenset[int] = frozenset()
    numbers: frozenset[str] = frozenset()

    def keys(self) -> Iterable[str]:
        return list(self.words) + list(self.names)


def article_counts(item: StoryInput, settings: ClusterSettings) -> ArticleCounts:
    """Count an article's content words (headline words ``title_weight`` times), names and
    dates (year, month and day of each date it names, and its bare years)."""
    title_tokens, text_tokens = text.tokens(item.title or ""), text.tokens(item.text)
    words: dict[str, float] = dict(Counter(text.content_terms(item.text, text_tokens)))
    for term in text.content_terms(item.title or "", title_tokens):
        words[term] = words.get(term, 0) + settings.title_weight
    body = f"{item.title}\n{item.text}" if item.title else item.text
    if item.entities:
        found = [" ".join(text.stem(w) for w in text.fold(e).split()) for e in item.entities]
    else:
        found = text.name_keys(body, title_tokens + text_tokens)  # a line break parts no token
    name_counts = Counter(NAME_PREFIX + n for n in found)
    name_counts.update(DATE_PREFIX + d for d in text.date_keys(body))
    names: dict[str, float] = dict(name_counts)
    lead = _lead(item.text, settings.lead_chars)
    if settings.lead_weight:
        for term in text.content_terms(lead):
            words[term] = words.get(term, 0) + settings.lead_weight
        if not item.entities:
            for name in text.name_keys(lead):
                names[NAME_PREFIX + name] = names.get(NAME_PREFIX + name, 0) + settings.lead_weight
    when = item.published
    if when is None and settings.dateline_dates:
        when = text.dateline(item.text)
    return ArticleCounts(
        item.id, when, words, names, text.mentioned_years(body), text.numbers(f"{item.title or ''}\n{lead}")
    )


def _lead(body: str, chars: int) -> str:
    """The first ``chars`` characters of ``body``, cut back to a whole word."""
    if len(body) <= chars:
        return body
    cut = body[:chars].rsplit(None, 1)
    return cut[0] if len(cut) > 1 else body[:chars]


def _sharpen(vector: SparseVector, power: float) -> SparseVector:
    return vector if power == 1.0 else unit({k: v**power for k, v in vector.items()})


def weigh(
    counts: ArticleCounts, vectorizer: Vectorizer, settings: ClusterSettings = ClusterSettings()
) -> ArticleVectors:
    return ArticleVectors(
        counts.id,
        counts.when,
        _sharpen(vectorizer.weigh(counts.words), settings.word_power),
        _sharpen(vectorizer.weigh(counts.names), settings.name_power),
    )


def story_id(first_article_id: str) -> str:
    """A story's id: stable, from the id of its first article."""
    return "s-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]
