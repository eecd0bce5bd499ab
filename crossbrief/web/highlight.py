"""The article page's text cut into marked pieces, and the marks kept per article.

The marks themselves (entities from stored spans, quantities, dates) come from
:mod:`crossbrief.pipeline.marks`.

    >>> segments("About 40 ships", [Mark(0, 8, "quantity", "about 36–44")])
    [('About 40', Mark(start=0, end=8, kind='quantity', label='about 36–44')), (' ships', None)]
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from ..pipeline.marks import Mark, NlpLoader, raw_marks, resolve
from ..records import Article

CACHE_SIZE = 256  # articles whose marks are kept (~50 ms for 5,000 words; ~1 s with NER, in old stores)


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
        out.append((text[max(start, at) : end], m))
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
        if "\n\n" in article.text[previous_end : s.start] and result[-1]:
            result.append([])
        inside = [m for m in marks if m.start < s.end and m.end > s.start]
        result[-1].append(SentenceView(s.index, s.heading, segments(s.text, inside, s.start)))
        previous_end = s.end
    return [p for p in result if p]


class MarkCache:
    """Marks per article content hash, computed once (thread-safe, least recently used out)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size, self._lock, self._items = size, Lock(), OrderedDict[str, list[Mark]]()

    def marks(self, article: Article, load_nlp: NlpLoader | None) -> list[Mark]:
        """The article's resolved marks; ``load_nlp`` is called only if it has no stored spans."""
        with self._lock:
            if article.content_hash in self._items:
                self._items.move_to_end(article.content_hash)
                return self._items[article.content_hash]
        found = resolve(raw_marks(article, load_nlp))
        with self._lock:
            self._items[article.content_hash] = found
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return found
