"""Typed records passed between stages.

Records are frozen: a stage returns new records, it never edits the ones it was given.
Ids are content hashes wherever the input does not name the thing itself, so the
same article ingested twice is the same record.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

SourceFormat = Literal["text", "html", "jsonl", "feed"]

_SPACES = re.compile(r"\s+")


def content_hash(*parts: str | None) -> str:
    """sha256 over whitespace-normalised parts: reflowing a file does not change its hash."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(_SPACES.sub(" ", part or "").strip().encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader found in one input item, before cleaning."""

    source: str  # where it came from: a path, "path:line" or "path#entry"
    format: SourceFormat
    text: str
    id: str | None = None  # file stem, the given id, or None (a hash is used)
    title: str | None = None
    outlet: str | None = None
    section: str | None = None
    author: str | None = None
    url: str | None = None
    path: str | None = None
    published: date | None = None
    published_from: str | None = None  # "header", "meta", "field", "feed"


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of text cleaning took out, and why (kept so a reader can audit it)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CleanText:
    """Article text with boilerplate removed; bylines and datelines become metadata."""

    text: str
    removed: tuple[Removal, ...] = ()
    headings: tuple[str, ...] = ()  # lines that are section headings, not sentences of prose
    author: str | None = None
    dateline: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article's cleaned text, with character offsets into it."""

    index: int
    start: int
    end: int
    text: str
    heading: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "heading": self.heading,
        }


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named-entity span the parser found at ingest: sentence index, offsets in it, label."""

    sentence: int
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Article:
    """An ingested article: metadata, cleaned text, sentences, and what was removed."""

    id: str
    content_hash: str
    format: SourceFormat
    source: str
    text: str
    sentences: tuple[Sentence, ...]
    language: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    path: str | None = None
    published: date | None = None
    removed: tuple[Removal, ...] = ()
    origin: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    # Entity spans from ingest; None when the article was built without NER.
    entities: tuple[EntitySpan, ...] | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_dict(self, with_sentences: bool = False) -> dict[str, Any]:
        """The ``articles`` entry of the brief contract (plus ``sentences`` on request)."""
        entry: dict[str, Any] = {
            "id": self.id,
            "path" if self.url is None else "url": self.path if self.url is None else self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "words": self.words,
            "removed": [r.text for r in self.removed],
            "origin": self.origin,
        }
        if with_sentences:
            entry["sentences"] = [s.to_dict() for s in self.sentences]
        return entry


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that could not be ingested, with the one-line reason shown to the user."""

    source: str
    reason: str  # short machine-readable reason, e.g. "binary"
    code: str  # error code from errors.py
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason, "code": self.code, "message": self.message}


# -- extraction: what each sentence says (stage 4) ---------------------------------------------

Qualifier = Literal["exact", "about", "at_least", "at_most", "range", "vague"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["year", "month", "day", "time", "decade", "season", "quarter", "week", "none"]
Anchor = Literal["absolute", "publication", "story", "mentioned", "none"]
Modality = Literal["stated", "hedged", "denied", "predicted"]


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named entity in a sentence; ``canonical`` is its name across the story."""

    start: int  # character offsets within the sentence text
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC
    canonical: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "canonical": self.canonical,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a sentence as an interval [low, high] with how it was qualified.

    "up to five million shells" → low=None, high=5e6, qualifier="at_most", unit="shells";
    "several ballistic missiles" → low=3, high=9, qualifier="vague", vague="several".
    """

    start: int  # character offsets within the sentence text
    end: int
    text: str
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None = None  # counted noun or unit, normalised ("ballistic missiles", "percent", "USD")
    vague: str | None = None  # the vague word when qualifier == "vague"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "vague": self.vague,
        }


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression normalised TIMEX3-style: "2024-06-19", "2024-03", "P24Y", "PRESENT_REF"."""

    start: int  # character offsets within the text it was found in
    end: int
    text: str
    type: TimexType
    value: str
    precision: Precision
    anchor: Anchor  # what a relative expression was resolved against

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "precision": self.precision,
            "anchor": self.anchor,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence's claim comes from: "according to X", "X said", "as quoted by Y"."""

    speaker: str  # as written: "South Korean Defence Minister Shin Won-sik", "a US official"
    entity: str | None  # canonical entity name of the speaker, when it is a named entity
    cue: str  # the reporting verb or phrase: "said", "according to", "claims"

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "entity": self.entity, "cue": self.cue}


@dataclass(frozen=True, slots=True)
class SentenceExtraction:
    """Everything the extract stage found in one sentence."""

    article: str
    index: int
    entities: tuple[EntityMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    attribution: Attribution | None = None
    modality: Modality = "stated"

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "index": self.index,
            "entities": [e.to_dict() for e in self.entities],
            "quantities": [q.to_dict() for q in self.quantities],
            "times": [t.to_dict() for t in self.times],
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "modality": self.modality,
        }


# -- the briefing: what a story's articles say together (stages 7–10) --------------------------

DerivationKind = Literal["copy", "rewrite", "translation"]
ConflictKind = Literal["number", "date", "entity", "status"]
Severity = Literal["hard", "soft"]


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """One sentence of one article: the unit every citation points at."""

    article: str
    sentence: int
    text: str = ""

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        entry: dict[str, Any] = {"article": self.article, "sentence": self.sentence}
        if with_text:
            entry["text"] = self.text
        return entry


@dataclass(frozen=True, slots=True)
class Derivation:
    """``derived`` is a copy, rewrite or translation of ``origin``; with ``ordered`` False,
    the two share an origin and which came first is unknown (no dates tell)."""

    origin: str
    derived: str
    kind: DerivationKind
    aligned_sentences: int
    share: float  # aligned sentences / the derived article's sentences
    pairs: tuple[tuple[int, int], ...] = ()  # (origin sentence, derived sentence), in order
    ordered: bool = True

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "origin": self.origin,
            "derived": self.derived,
            "kind": self.kind,
            "aligned_sentences": self.aligned_sentences,
            "share": round(self.share, 3),
        }
        if not self.ordered:
            row["order"] = "unknown"
        return row


@dataclass(frozen=True, slots=True)
class Fact:
    """Sentences of different articles that state the same thing."""

    id: str
    text: str  # the representative wording (an origin article's, when there is one)
    support: tuple[SentenceRef, ...]
    articles: tuple[str, ...]
    independent_sources: int
    attributed_to: tuple[str, ...] = ()
    date: str | None = None
    modality: str = "stated"
    # Of the independent sources, those whose articles name no outlet and credit no agency:
    # each counts as its own source only because no copying was found (the count may be high).
    sources_without_outlet: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "articles": list(self.articles),
            "independent_sources": self.independent_sources,
            "sources_without_outlet": self.sources_without_outlet,
            "support": [s.to_dict() for s in self.support],
            "attributed_to": list(self.attributed_to),
            "date": self.date,
            "modality": self.modality,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a conflict: what one article says, who says it, and as of when."""

    article: str
    sentence: int
    text: str
    value: str
    attributed_to: str | None = None
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "sentence": self.sentence,
            "text": self.text,
            "value": self.value,
            "attributed_to": self.attributed_to,
            "as_of": self.as_of,
        }


# A name conflict's subject: this, then the name ("name of United Feature Syndicate"), so a
# reader of the brief's JSON tells a disputed name from a disputed figure or title.
NAME_SUBJECT = "name of "


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    kind: ConflictKind
    subject: str
    severity: Severity
    claims: tuple[Claim, ...]
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "subject": self.subject,
            "severity": self.severity,
            "claims": [c.to_dict() for c in self.claims],
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    precision: str
    text: str
    articles: tuple[str, ...]
    support: tuple[SentenceRef, ...]
    # Dated after every article reporting it: planned, scheduled or forecast, not yet done.
    expected: bool = False

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "date": self.date,
            "precision": self.precision,
            "text": self.text,
            "articles": list(self.articles),
            "support": [s.to_dict(with_text=False) for s in self.support],
        }
        if self.expected:  # only when true: a brief with no expected event reads as before
            found["expected"] = True
        return found


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    citations: tuple[SentenceRef, ...]
    fact: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": [c.to_dict(with_text=False) for c in self.citations]}


@dataclass(frozen=True, slots=True)
class EntitySummary:
    name: str
    type: str
    aliases: tuple[str, ...]
    articles: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "aliases": list(self.aliases), "articles": list(self.articles)}


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """Which models made a brief, so a degraded run is visible in every output."""

    embedder: str  # the sentence encoder's name
    ner: str | None  # the spaCy package and version whose entity spans were read
    version: str  # crossbrief's version
    degraded: bool = False  # True when the embedder is the lexical stand-in

    def to_dict(self) -> dict[str, Any]:
        return {"embedder": self.embedder, "ner": self.ner, "crossbrief": self.version, "degraded": self.degraded}


@dataclass(frozen=True)
class Brief:
    """A story's briefing: the ``crossbrief.brief/1`` contract as records."""

    story_id: str
    title: str
    articles: tuple[Article, ...]
    independent_sources: int
    summary: tuple[SummarySentence, ...]
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...]
    timeline: tuple[TimelineEntry, ...]
    derivations: tuple[Derivation, ...]
    entities: tuple[EntitySummary, ...]
    unique_claims: tuple[SentenceRef, ...]
    # What extraction found per sentence (kept in the store; not part of the contract).
    extractions: tuple[SentenceExtraction, ...] = ()
    engine: EngineInfo | None = None
    # Of the independent sources, those whose articles name no outlet and credit no agency.
    sources_without_outlet: int = 0

    SCHEMA = "crossbrief.brief/1"

    def to_dict(self) -> dict[str, Any]:
        dates = sorted(a.published.isoformat() for a in self.articles if a.published)
        origin = {d.derived: d.origin for d in self.derivations}
        return {
            "schema": self.SCHEMA,
            "story": {
                "id": self.story_id,
                "title": self.title,
                "articles": len(self.articles),
                "independent_sources": self.independent_sources,
                "sources_without_outlet": self.sources_without_outlet,
                "first_published": dates[0] if dates else None,
                "last_published": dates[-1] if dates else None,
            },
            "articles": [{**a.to_dict(), "origin": origin.get(a.id)} for a in self.articles],
            "summary": [s.to_dict() for s in self.summary],
            "facts": [f.to_dict() for f in self.facts],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "timeline": [t.to_dict() for t in self.timeline],
            "derivations": [d.to_dict() for d in self.derivations],
            "entities": [e.to_dict() for e in self.entities],
            "unique_claims": [u.to_dict() for u in self.unique_claims],
            **({"engine": self.engine.to_dict()} if self.engine else {}),
        }
