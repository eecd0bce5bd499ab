"""What an article's text holds, as marks to show: named entities, quantities and dates.

Computed from the stored article (extraction results of a briefing are per story, an
article page is per article): quantities and dates with the same extractors the briefing
uses; entities from the spans ingest stored (the spaCy pass that split the sentences), so
no NER runs. Articles stored without spans (stores written before ingest kept them) get
a spaCy pass over their text instead. Marks never overlap: a quantity or date wins over
an entity it overlaps, a longer mark over a shorter one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock
from typing import Any

from ..records import Article, Quantity, TimeExpression
from ..stages.extract.entities import KEPT_LABELS
from ..stages.extract.quantities import find_quantities
from ..stages.extract.timex import find_times

_NLP_LOCK = Lock()
PRIORITY = {"quantity": 0, "date": 1, "entity": 2}

# Returns the shared spaCy pipeline with NER; called only for an article stored without
# entity spans, so a server over a store that has them never loads spaCy for highlights.
NlpLoader = Callable[[], Any]


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span of the article's cleaned text."""

    start: int
    end: int
    kind: str  # "entity" | "quantity" | "date"
    label: str  # shown on hover: the entity type, the normalised value

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "label": self.label}


def _number(x: float | None) -> str:
    return "?" if x is None else f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def quantity_label(q: Quantity) -> str:
    unit = f" {q.unit}" if q.unit else ""
    if q.low is not None and q.low == q.high:
        return f"{q.qualifier}: {_number(q.low)}{unit}"
    return f"{q.qualifier}: {_number(q.low)}–{_number(q.high)}{unit}"


def time_label(t: TimeExpression) -> str:
    return f"{t.type.lower()} {t.value} ({t.precision}; read against {t.anchor})"


def stored_entity_marks(article: Article) -> list[Mark]:
    """The entity spans ingest stored, as marks: offsets move from the sentence to the text."""
    starts = {s.index: s.start for s in article.sentences}
    return [
        Mark(starts[e.sentence] + e.start, starts[e.sentence] + e.end, "entity", e.label)
        for e in article.entities or ()
        if e.label in KEPT_LABELS
    ]


def parsed_entity_marks(article: Article, nlp: Any) -> list[Mark]:
    """Entity marks from a spaCy pass over the whole text, for articles stored without spans."""
    with _NLP_LOCK:  # one spaCy pipeline shared by the server's threads
        doc = nlp(article.text)
    return [Mark(e.start_char, e.end_char, "entity", e.label_) for e in doc.ents if e.label_ in KEPT_LABELS]


def entity_marks(article: Article, load_nlp: NlpLoader | None) -> list[Mark]:
    """The stored spans when the article has them; else a spaCy pass (none without ``load_nlp``)."""
    if article.entities is not None:
        return stored_entity_marks(article)
    return parsed_entity_marks(article, load_nlp()) if load_nlp is not None else []


def raw_marks(article: Article, load_nlp: NlpLoader | None) -> list[Mark]:
    """Every candidate mark, overlapping ones included."""
    marks = []
    for s in article.sentences:
        marks += [
            Mark(s.start + q.start, s.start + q.end, "quantity", quantity_label(q)) for q in find_quantities(s.text)
        ]
        marks += [
            Mark(s.start + t.start, s.start + t.end, "date", time_label(t))
            for t in find_times(s.text, article.published, "publication")
        ]
    return marks + entity_marks(article, load_nlp)


def resolve(marks: list[Mark]) -> list[Mark]:
    """Non-overlapping marks in text order, by priority then length."""
    taken: list[Mark] = []
    for m in sorted(marks, key=lambda m: (PRIORITY[m.kind], m.start - m.end, m.start)):
        if m.end > m.start and all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)
