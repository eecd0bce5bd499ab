"""Stage 3, sentences: split cleaned text into sentences with character offsets.

Paragraphs (separated by blank lines) are split on their own, so a sentence never
crosses a paragraph. Headings stay whole and are marked. The statistical parser is
passed in; one pass gives sentence boundaries and, when the parser has NER, the named
entity spans too (extraction reuses them instead of parsing again). A repair pass
re-joins splits after abbreviations that never end a sentence ("Mr.", "Gen.", "Jan."),
inside an open quotation (until a new one opens, or up to QUOTE_MAX_WORDS), and before a
lowercase continuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..records import EntitySpan, Sentence


@dataclass(frozen=True, slots=True)
class ParagraphParse:
    """What the parser found in one paragraph: sentence spans and entity spans (with labels)."""

    sentences: list[tuple[int, int]]
    entities: list[tuple[int, int, str]] = field(default_factory=list)


# Takes paragraphs, returns each paragraph's parse.
Parser = Callable[[Sequence[str]], list[ParagraphParse]]


class Pipeline(Protocol):
    """What :func:`spacy_parser` uses of a spaCy ``Language``: parsing texts in batches."""

    def pipe(self, texts: Iterable[str], *, batch_size: int) -> Iterable[Any]: ...


_NEVER_FINAL = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Sen|Rep|Gov|Rev|St|Mt|No|Nos|Vol"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|approx|est|Inc|Corp|Co)\.$"
)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


# A quotation runs on across its sentences ("“We will win. We are strong,” he said") up to
# this many words: a stray “ typed for ” never closes, and on DUC 2003's 14,506 sentences
# such open quotes made 96 run past 60 words, one to 469.
QUOTE_MAX_WORDS = 60


def ends_sentence(before: str, after: str, quote_words: int | None = None) -> bool:
    """Whether a sentence may end between ``before`` and ``after``: not after an abbreviation
    that never ends one ("Mr.", "Gen.", "Jan."), not inside an open quotation, and not before
    a lowercase continuation ("U.S. dollars").

    A new quotation opening after the sentence closes the one before: wire copy opens each
    paragraph of a long quotation with “ and closes only the last. ``quote_words``: an open
    quotation no longer holds the two together past this many words.
    """
    before, after = before.rstrip(), after.lstrip()
    open_quote = (
        (before.count("“") > before.count("”") or before.count('"') % 2 == 1)
        and not after.startswith("“")
        and (quote_words is None or len(before.split()) + len(after.split()) <= quote_words)
    )
    lowercase_next = after[:1].islower() and not before.endswith(("?", "!"))
    return not (_NEVER_FINAL.search(before) or open_quote or lowercase_next)


def _repair(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            if not ends_sentence(paragraph[prev_start:prev_end], paragraph[start:end], QUOTE_MAX_WORDS):
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


def parse_text(
    text: str, headings: Iterable[str], parser: Parser
) -> tuple[tuple[Sentence, ...], tuple[EntitySpan, ...]]:
    """Sentences of ``text`` with offsets into it (heading paragraphs are single sentences),
    and the entity spans inside them, with offsets into their sentence."""
    heading_set = set(headings)
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text)]
    parses = iter(parser([para for _, para in paragraphs if para not in heading_set]))

    sentences: list[Sentence] = []
    entities: list[EntitySpan] = []
    for offset, para in paragraphs:
        heading = para in heading_set
        parse = ParagraphParse([(0, len(para))]) if heading else next(parses)
        spans = parse.sentences if heading else _repair(para, parse.sentences)
        for start, end in spans:
            start, end = _trimmed(text, offset + start, offset + end)
            if end <= start:
                continue
            index = len(sentences)
            sentences.append(Sentence(index, start, end, text[start:end], heading))
            entities += [
                EntitySpan(index, offset + es - start, offset + ee - start, label)
                for es, ee, label in parse.entities
                if offset + es >= start and offset + ee <= end
            ]
    return tuple(sentences), tuple(entities)


def split_sentences(text: str, headings: Iterable[str], parser: Parser) -> tuple[Sentence, ...]:
    """Sentences of ``text`` with offsets into it; heading paragraphs are single sentences."""
    return parse_text(text, headings, parser)[0]


def spacy_parser(nlp: Pipeline, batch_size: int = 64) -> Parser:
    """A Parser over a spaCy pipeline with a sentence recogniser (and NER, if it has one)."""

    def parse(paragraphs: Sequence[str]) -> list[ParagraphParse]:
        docs = nlp.pipe(paragraphs, batch_size=batch_size)
        return [
            ParagraphParse(
                [(s.start_char, s.end_char) for s in doc.sents],
                [(e.start_char, e.end_char, e.label_) for e in doc.ents],
            )
            for doc in docs
        ]

    # A flag on the function object, read with getattr in pipeline/read.py.
    parse.has_ner = "ner" in getattr(nlp, "pipe_names", ())  # type: ignore[attr-defined]  # mypy: functions have no such attribute
    return parse
