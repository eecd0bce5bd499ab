"""Extraction over a story: what each sentence says that sources can be compared on.

Per sentence: named entities (with one canonical name per entity across the story),
quantities as intervals, time expressions normalised against an anchor date, who the
claim is attributed to, and its modality. Cascade for a story:

    1. anchors      each article's reference date: its publication date; else the story's
                    earliest known publication date; else the latest date it mentions
    2. NER          spaCy over every sentence (one pass, batched)
    3. entities     one EntityIndex for the whole story → canonical names and aliases
    4. per sentence quantities, times, attribution, modality
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ...records import Anchor, Article, EntitySummary, SentenceExtraction
from .attribution import find_attribution, find_modality
from .entities import EntityIndex, RawMention, mentions_in
from .quantities import find_quantities
from .timex import find_times

__all__ = ["StoryExtraction", "article_anchors", "extract_story"]

# spaCy batch size: larger batches gain little and hold more memory.
NER_BATCH = 128


@dataclass(frozen=True)
class StoryExtraction:
    """Extractions keyed by (article id, sentence index), and the story's entities."""

    sentences: dict[tuple[str, int], SentenceExtraction]
    entities: tuple[EntitySummary, ...]
    anchors: dict[str, tuple[date | None, Anchor]]

    def of(self, article: str, index: int) -> SentenceExtraction:
        return self.sentences.get((article, index)) or SentenceExtraction(article, index)


def _mentioned(article: Article) -> tuple[date | None, int | None]:
    """The latest day-precision absolute date an undated article mentions, and the latest
    year it names (one reading of its sentences)."""
    latest, year = None, None
    for sentence in article.sentences:
        for t in find_times(sentence.text, None, "none"):
            if t.type != "DATE" or t.anchor != "absolute" or not t.value[:4].isdigit():
                continue
            year = max(year or 0, int(t.value[:4]))
            if t.precision == "day":
                try:
                    day = date.fromisoformat(t.value)
                except ValueError:
                    continue
                latest = day if latest is None or day > latest else latest
    return latest, year


def article_anchors(articles: Sequence[Article]) -> dict[str, tuple[date | None, Anchor]]:
    """Each article's anchor date and which kind of anchor it is (cascade step 1): its
    publication date; else the story's earliest; else the latest day it mentions; else the
    latest day another article of the story mentions; else mid-year of the latest year the
    story names."""
    known = [a.published for a in articles if a.published]
    story_date = min(known) if known else None
    anchors: dict[str, tuple[date | None, Anchor]] = {}
    undated = []
    for article in articles:
        if article.published:
            anchors[article.id] = (article.published, "publication")
        elif story_date:
            anchors[article.id] = (story_date, "story")
        else:
            undated.append(article)
    mentioned = {a.id: _mentioned(a) for a in undated}
    days = [day for day, _ in mentioned.values() if day]
    years = [year for _, year in mentioned.values() if year]
    # Mid-year of the latest year named keeps a month-day in that year: "Sep. 7" in an
    # article that says "1998" elsewhere is 7 September 1998.
    fallback = max(days) if days else (date(max(years), 7, 1) if years else None)
    for article in undated:
        anchor = mentioned[article.id][0] or fallback
        anchors[article.id] = (anchor, "mentioned" if anchor else "none")
    return anchors


def _entity_summaries(index: EntityIndex, owners: dict[int, str]) -> tuple[EntitySummary, ...]:
    articles: dict[str, set[str]] = {}
    for number, mention in enumerate(index.mentions):
        articles.setdefault(index.canonical(mention), set()).add(owners[number])
    table = index.aliases()
    ranked = sorted(table, key=lambda name: (-len(articles[name]), name))
    return tuple(
        EntitySummary(name, table[name][0], tuple(sorted(table[name][1] - {name})), tuple(sorted(articles[name])))
        for name in ranked
    )


def _mentions(
    articles: Sequence[Article], units: Sequence[tuple[Article, Any]], nlp: Any, n_process: int
) -> list[list[RawMention]]:
    """Entity mentions per sentence, from the stored spans or from a spaCy pass."""
    missing = [a.id for a in articles if a.entities is None]
    parsed: dict[tuple[str, int], list[tuple[int, int, str, str]]] = {}
    if missing:
        todo = [(a, s) for a, s in units if a.entities is None]
        docs = nlp.pipe([s.text for _, s in todo], batch_size=NER_BATCH, n_process=n_process)
        for (a, s), doc in zip(todo, docs):
            parsed[(a.id, s.index)] = [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    for a in articles:
        for e in a.entities or ():
            text = a.sentences[e.sentence].text
            parsed.setdefault((a.id, e.sentence), []).append((e.start, e.end, text[e.start : e.end], e.label))
    return [mentions_in(parsed.get((a.id, s.index), []), s.text) for a, s in units]


def extract_story(articles: Sequence[Article], nlp: Any, n_process: int = 1) -> StoryExtraction:
    """Run extraction over every sentence of a story's articles.

    ``n_process`` > 1 runs spaCy's NER in that many processes (worth it for large stories:
    NER is most of this stage's time).
    """
    # 1. anchors
    anchors = article_anchors(articles)
    # 2. NER: the spans ingest found, or a parse now for articles built without them
    units = [(a, s) for a in articles for s in a.sentences]
    raw = _mentions(articles, units, nlp, n_process)
    # 3. entities
    index = EntityIndex([m for mentions in raw for m in mentions])
    owners: dict[int, str] = {}  # mention number → its article
    for (article, _), mentions in zip(units, raw):
        for _ in mentions:
            owners[len(owners)] = article.id
    # 4. per sentence
    found: dict[tuple[str, int], SentenceExtraction] = {}
    for (article, sentence), mentions in zip(units, raw):
        anchor, kind = anchors[article.id]
        entities = tuple(index.resolve(m) for m in mentions)
        if article.language != "en":  # the rules are English; names are all we can compare
            found[(article.id, sentence.index)] = SentenceExtraction(article.id, sentence.index, entities)
            continue
        found[(article.id, sentence.index)] = SentenceExtraction(
            article=article.id,
            index=sentence.index,
            entities=entities,
            quantities=find_quantities(sentence.text),
            times=find_times(sentence.text, anchor, kind),
            attribution=find_attribution(sentence.text, entities),
            modality=find_modality(sentence.text),
        )
    return StoryExtraction(found, _entity_summaries(index, owners), anchors)
