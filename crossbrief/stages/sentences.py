"""Stage 3, sentences: split cleaned text into sentences with character offsets.

Paragraphs (separated by blank lines) are split on their own, so a sentence never
crosses a paragraph. Headings stay whole and are marked. The statistical splitter is
passed in; a repair pass then re-joins splits after abbreviations that never end a
sentence ("Mr.", "Gen.", "Jan.") and before a lowercase continuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ..records import Sentence

# Takes paragraphs, returns each paragraph's sentence spans (start, end) within it.
SpanSplitter = Callable[[Sequence[str]], list[list[tuple[int, int]]]]

_NEVER_FINAL = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Sen|Rep|Gov|Rev|St|Mt|No|Nos|Vol"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|approx|est|Inc|Corp|Co)\.$"
)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


def _repair(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            before = paragraph[prev_start:prev_end].rstrip()
            after = paragraph[start:end].lstrip()
            if _NEVER_FINAL.search(before) or (after[:1].islower() and not before.endswith(("?", "!"))):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, headings: Iterable[str], splitter: SpanSplitter) -> tuple[Sentence, ...]:
    """Sentences of ``text`` with offsets into it; heading paragraphs are single sentences."""
    heading_set = set(headings)
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text)]
    prose = [(offset, para) for offset, para in paragraphs if para not in heading_set]
    prose_spans = iter(splitter([para for _, para in prose]))

    sentences: list[Sentence] = []
    for offset, para in paragraphs:
        if para in heading_set:
            spans = [(0, len(para))]
        else:
            spans = _repair(para, next(prose_spans))
        for start, end in spans:
            start, end = _trimmed(text, offset + start, offset + end)
            if end > start:
                sentences.append(Sentence(len(sentences), start, end, text[start:end], para in heading_set))
    return tuple(sentences)


def spacy_splitter(nlp: object, batch_size: int = 64) -> SpanSplitter:
    """A SpanSplitter over a spaCy pipeline with a sentence recogniser."""

    def split(paragraphs: Sequence[str]) -> list[list[tuple[int, int]]]:
        docs = nlp.pipe(paragraphs, batch_size=batch_size)  # type: ignore[attr-defined]
        return [[(s.start_char, s.end_char) for s in doc.sents] for doc in docs]

    return split
