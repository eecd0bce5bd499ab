"""What the article page marks in the text: named entities, quantities and dates.

Computed on the fly from the stored article (extraction results of a briefing are per
story, an article page is per article), with the same extractors the briefing uses.
Marks never overlap: a quantity or date wins over an entity it overlaps, a longer mark
over a shorter one.

    >>> segments("About 40 ships", [Mark(0, 8, "quantity", "about 36–44")])
    [('About 40', Mark(start=0, end=8, kind='quantity', label='about 36–44')), (' ships', None)]
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import Any

from ..records import Article, Quantity, TimeExpression
from ..stages.extract.entities import KEPT_LABELS
from ..stages.extract.quantities import find_quantities
from ..stages.extract.timex import find_times

_NLP_LOCK = Lock()
PRIORITY = {"quantity": 0, "date": 1, "entity": 2}
CACHE_SIZE = 256  # articles whose marks are kept (NER is the slow part: ~10-50 ms each)


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


def raw_marks(article: Article, nlp: Any) -> list[Mark]:
    """Every candidate mark, overlapping ones included."""
    marks = []
    for s in article.sentences:
        marks += [Mark(s.start + q.start, s.start + q.end, "quantity", quantity_label(q))
                  for q in find_quantities(s.text)]
        marks += [Mark(s.start + t.start, s.start + t.end, "date", time_label(t))
                  for t in find_times(s.text, article.published, "publication")]
    if nlp is not None:
        with _NLP_LOCK:  # one spaCy pipeline shared by the server's threads
            doc = nlp(article.text)
        marks += [Mark(e.start_char, e.end_char, "entity", e.label_) for e in doc.ents if e.label_ in KEPT_LABELS]
    return marks


def resolve(marks: list[Mark]) -> list[Mark]:
    """Non-overlapping marks in text order, by priority then length."""
    taken: list[Mark] = []
    for m in sorted(marks, key=lambda m: (PRIORITY[m.kind], m.start - m.end, m.start)):
        if m.end > m.start and all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def segments(text: str, marks: list[Mark], offset: int = 0) -> list[tuple[str, Mark | None]]:
    """``text`` (which starts at ``offset`` in the article) cut into plain and marked pieces."""
    out: list[tuple[str, Mark | None]] = []
    at = 0
    for m in marks:
        start, end = max(m.start - offset, 0), min(m.end - offset, len(text))
        if end <= at or start >= len(text):
            continue
        if start > at:
            out.append((text[at:start], None))
        out.append((text[max(start, at):end], m))
        at = end
    if at < len(text):
        out.append((text[at:], None))
    return out


@dataclass(frozen=True, slots=True)
class SentenceView:
    index: int
    heading: bool
    pieces: list[tuple[str, Mark | None]]


def paragraphs(article: Article, marks: list[Mark]) -> list[list[SentenceView]]:
    """The article's sentences grouped in paragraphs (a blank line in the text between them)."""
    result: list[list[SentenceView]] = [[]]
    previous_end = 0
    for s in article.sentences:
        if "\n\n" in article.text[previous_end:s.start] and result[-1]:
            result.append([])
        inside = [m for m in marks if m.start < s.end and m.end > s.start]
        result[-1].append(SentenceView(s.index, s.heading, segments(s.text, inside, s.start)))
        previous_end = s.end
    return [p for p in result if p]


class MarkCache:
    """Marks per article content hash, computed once (thread-safe, least recently used out)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size, self._lock, self._items = size, Lock(), OrderedDict[str, list[Mark]]()

    def marks(self, article: Article, nlp: Any) -> list[Mark]:
        with self._lock:
            if article.content_hash in self._items:
                self._items.move_to_end(article.content_hash)
                return self._items[article.content_hash]
        found = resolve(raw_marks(article, nlp))
        with self._lock:
            self._items[article.content_hash] = found
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return found
