"""Stage 10a, summary: a short, non-redundant summary that covers what most sources say.

Extractive coverage in the manner of the strongest classic multi-document summarisers
(Gillick & Favre's concept ILP, Lin & Bilmes' submodular coverage), over the facts the
align stage found:

    1. candidates  one per group of sentences stating the same fact, in the wording the
                   briefing shows for it, trimmed of clutter (a dateline, a leading "But"
                   or "However,", a trailing "he said" or "officials said"); fragments,
                   headlines, questions and quotations are left out
    2. concepts    stemmed word pairs (not two stop words) stated by at least
                   MIN_CONCEPT_SOURCES independent sources; a concept weighs the number of
                   sources stating it, so rewrites of one origin count once
    3. select      greedily, the candidate adding the most uncovered concept weight per
                   word, plus a bonus for sentences several sources state and for early
                   sentences (news puts the gist first), until the budget is spent
    4. fill        when the budget is not full, one last sentence may cross it (DUC
                   scores the first N words of a summary, so a summary ends at the budget)
    5. order       by first appearance in the articles, so the summary reads as a story

Every summary sentence is one source sentence, word for word or trimmed (never reworded),
and cites every article sentence that states the same fact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..records import Fact, SentenceRef, SummarySentence
from .align import Unit

# Candidates shorter than this (words, after trimming) rarely state a whole fact; longer
# than MAX_WORDS they spend a budget on one point.
MIN_WORDS = 8
MAX_WORDS = 55
# A concept counts when at least this share of the story's independent sources state it
# (and never fewer than two sources): Gillick & Favre keep bigrams in 3 of 10 documents.
MIN_CONCEPT_SHARE = 0.25
MIN_CONCEPT_SOURCES = 2
# Score = new concept weight per word + these bonuses (per word, so they rank alike).
SOURCE_BONUS = 0.0
POSITION_BONUS = 0.0
# A candidate at or above this cosine to a chosen sentence repeats it, whatever its words.
REDUNDANT_SIM = 0.75
# Fill the budget with one more sentence when at least this many words are left.
FILL_MIN_WORDS = 6

# Predictions and hedges make weaker summary sentences than reported facts.
MODALITY_PENALTY = {"predicted": 0.6, "hedged": 0.2, "denied": 0.2}


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str  # what the summary shows: the sentence, trimmed of clutter
    support: tuple[SentenceRef, ...]
    sources: int
    position: float  # 0 = first sentence of its article, 1 = last
    vector: np.ndarray
    penalty: float = 0.0  # predictions, hedges
    fact: str | None = None
    # The supporting sentences of original (not derived) articles, and those articles:
    # what concept weights count, so a copy or rewrite adds nothing.
    original_texts: tuple[str, ...] = ()
    original_articles: tuple[str, ...] = ()
    order: tuple[int, int] = (0, 0)  # (article rank by publication, sentence index): reading order


# -- 1. candidates and trimming -----------------------------------------------------------------

# "LONDON (AP) — ", "BUENOS AIRES, Argentina — ", "WUHAN, July 31 (Xinhua) -- "
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,30}?){0,2}(?:\s*\([A-Za-z ]{2,25}\))?\s*(?:[—–_]|--?)\s*(?=[A-Z“\"])"
)
_LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:However|Meanwhile|Moreover|Furthermore|In addition|Nevertheless|Separately|Indeed|Also),\s+"
    r"|(?:But|And)\s+(?=[a-z]))"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|on \w+day)"
_GENERIC_SPEAKER = (r"(?:he|she|they|officials|police|authorities|analysts|experts|witnesses|sources|"
                    r"(?:the|a|an|one|other|some|several) (?:\w+ ){0,2}(?:officials?|spokes(?:wo)?man|"
                    r"spokesperson|sources?|agency|report|statement|ministry|police|experts?|analysts?))")
_TRAILING_ATTRIBUTION = re.compile(
    rf"(?<![”\"’']),\s+(?:{_GENERIC_SPEAKER}\s+(?:said|says|added|reported|noted)(?:\s+{_WEEKDAY})?"
    rf"|(?:said|says|added)\s+{_GENERIC_SPEAKER}"
    r"|according to (?:the )?(?:police|officials|reports?|witnesses|sources|(?:\w+ )?media))"
    r"\s*(?P<end>[.!])$"
)
_TERMINAL = re.compile(r"[.!][”\"’')]*$")
_QUOTE_MARKS = re.compile(r"[“”\"]")


def trim(text: str) -> str:
    """The sentence without a dateline, a leading connective or a trailing generic
    attribution; everything else word for word.

    >>> trim("However, the talks failed, officials said.")
    'The talks failed.'
    """
    trimmed = _DATELINE.sub("", text, count=1)
    trimmed = _LEADING_CONNECTIVE.sub("", trimmed, count=1)
    trimmed = _TRAILING_ATTRIBUTION.sub(lambda m: m.group("end"), trimmed)
    if trimmed != text and trimmed:
        trimmed = trimmed[0].upper() + trimmed[1:]
    return trimmed


def readable(text: str) -> bool:
    """A whole declarative sentence: not a headline, fragment, question or quotation."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or not _TERMINAL.search(text):
        return False
    if not (text[0].isupper() or text[0].isdigit()):  # quotations and lower-case fragments
        return False
    if _QUOTE_MARKS.search(text) and (len(_QUOTE_MARKS.findall(text)) % 2 or text.rstrip(".!").endswith(("”", '"'))):
        return False  # a piece of a quotation split off, or one that ends in a quote
    return not _DATELINE.match(text)


def candidates(
    units: Sequence[Unit],
    vectors: np.ndarray,
    groups: Sequence[Sequence[int]],
    facts: Mapping[int, Fact],
    origin_of: Mapping[str, str],
    derived: set[str],
    modality: Sequence[str],
    sentences_per_article: Mapping[str, int],
) -> list[Candidate]:
    """One candidate per group of sentences stating the same thing, in the wording the
    briefing shows for it (the fact's text; else an original English sentence), trimmed;
    groups with no readable English wording give none (cascade step 1)."""
    rank = {a: n for n, a in enumerate(dict.fromkeys(u.article for u in units))}
    found = []
    for g, members in enumerate(groups):
        fact = facts.get(g)
        shown = _shown(members, units, fact, derived)
        if shown is None:
            continue
        found.append(Candidate(
            text=trim(units[shown].text),
            support=tuple(SentenceRef(units[m].article, units[m].index) for m in members),
            sources=len({origin_of[units[m].article] for m in members}),
            position=min(units[m].index / max(1, sentences_per_article[units[m].article] - 1) for m in members),
            vector=vectors[shown],
            penalty=MODALITY_PENALTY.get(modality[shown], 0.0),
            fact=fact.id if fact else None,
            original_texts=tuple(units[m].text for m in members if units[m].article not in derived),
            original_articles=tuple(units[m].article for m in members if units[m].article not in derived),
            order=min((rank[units[m].article], units[m].index) for m in members),
        ))
    return found


def _shown(members: Sequence[int], units: Sequence[Unit], fact: Fact | None, derived: set[str]) -> int | None:
    """The member to show: the fact's wording when readable, else the best readable English one."""
    english = [m for m in members if units[m].language == "en" and readable(trim(units[m].text))]
    if fact is not None:
        preferred = [m for m in english if units[m].text == fact.text]
        if preferred:
            return preferred[0]
    if not english:
        return None
    return min(english, key=lambda m: (units[m].article in derived, units[m].index))


# -- 2. concepts --------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _stem(word: str) -> str:
    """A light suffix stripper (plural and -ed/-ing), enough to match "talks" with "talk"."""
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


def concepts_of(text: str) -> frozenset[str]:
    """Stemmed adjacent word pairs, leaving out pairs of two stop words.

    >>> sorted(concepts_of("The talks failed in Geneva"))
    ['fail in', 'in geneva', 'talk fail', 'the talk']
    """
    stop = _stop_words()
    words = _WORD.findall(text.lower())
    stems = [_stem(w) for w in words]
    return frozenset(f"{a} {b}" for (a, b), (x, y) in zip(zip(stems, stems[1:]), zip(words, words[1:]))
                     if not (x in stop and y in stop))


def concept_weights(cands: Sequence[Candidate]) -> dict[str, float]:
    """Concept → the number of original articles stating it, for those enough state."""
    stated: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        for text, article in zip(c.original_texts, c.original_articles):
            for concept in concepts_of(text):
                stated[concept].add(article)
    articles = {a for c in cands for a in c.original_articles}
    floor = max(MIN_CONCEPT_SOURCES, MIN_CONCEPT_SHARE * len(articles))
    return {k: float(len(v)) for k, v in stated.items() if len(v) >= floor}


# -- 3–5. select, fill, order -------------------------------------------------------------------


def _bonus(c: Candidate) -> float:
    return SOURCE_BONUS * np.log1p(c.sources) + POSITION_BONUS * (1 - c.position) - c.penalty


def summarise(candidates: Sequence[Candidate], words: int) -> list[SummarySentence]:
    """Pick candidates by concept coverage until ``words`` are used (steps 2–5)."""
    if not candidates:
        return []
    weights = concept_weights(candidates)
    own = [concepts_of(c.text) & weights.keys() for c in candidates]
    lengths = [len(c.text.split()) for c in candidates]
    matrix = np.stack([c.vector for c in candidates])
    covered: set[str] = set()
    chosen: list[int] = []
    used = 0

    def gain(n: int) -> float:
        return (sum(weights[k] for k in own[n] - covered) / lengths[n]) + _bonus(candidates[n])

    def open_ones(limit: int) -> list[int]:
        return [n for n in range(len(candidates)) if n not in chosen and lengths[n] <= limit
                and not (chosen and float((matrix[chosen] @ matrix[n]).max()) >= REDUNDANT_SIM)]

    while True:
        pool = open_ones(words - used)
        best = max(pool, key=gain, default=None)
        if best is None or (chosen and gain(best) <= 0):
            break
        chosen.append(best)
        covered |= own[best]
        used += lengths[best]
    last: list[int] = []
    if words - used >= FILL_MIN_WORDS:
        pool = open_ones(MAX_WORDS)
        best = max(pool, key=gain, default=None)
        if best is not None:
            last = [best]
    chosen.sort(key=lambda k: candidates[k].order)
    return [SummarySentence(candidates[k].text, candidates[k].support, candidates[k].fact) for k in chosen + last]
