"""Stage 10a, summary: a short, non-redundant summary from the best-supported facts.

Maximal marginal relevance over candidate sentences (facts and, when a story has few
shared facts, single-source sentences):

    1. score      independent sources, centrality to the story, how early the sentence
                  comes in its article; headings, questions and predictions score less
    2. select     best first, skipping anything too similar to what is already chosen,
                  until the word budget is spent
    3. order      by first appearance in the articles, so the summary reads as a story

Every summary sentence is one source sentence, word for word, and cites every article
sentence that states the same fact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..records import Fact, SentenceRef, SummarySentence
from .align import Unit

# Candidates at or above this cosine to a chosen sentence repeat it.
REDUNDANT_SIM = 0.7
SOURCE_WEIGHT = 1.0
CENTRALITY_WEIGHT = 2.0
POSITION_WEIGHT = 1.0
_QUESTION_OR_QUOTE = re.compile(r"\?\s*$|^[\"“]")


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    support: tuple[SentenceRef, ...]
    sources: int
    position: float  # 0 = first sentence of its article, 1 = last
    vector: np.ndarray
    penalty: float = 0.0  # predictions, hedges, quotes
    fact: str | None = None


# Predictions and hedges make weaker summary sentences than reported facts.
MODALITY_PENALTY = {"predicted": 0.6, "hedged": 0.2, "denied": 0.2}


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
    briefing shows for it (the fact's text; else an original English sentence)."""
    found = []
    for g, members in enumerate(groups):
        fact = facts.get(g)
        if fact is not None:
            shown = next(m for m in members if units[m].text == fact.text)
        else:
            shown = min(members, key=lambda m: (units[m].article in derived, units[m].language != "en",
                                                units[m].index))
        if units[shown].language != "en":
            continue
        found.append(Candidate(
            text=units[shown].text,
            support=tuple(SentenceRef(units[m].article, units[m].index) for m in members),
            sources=len({origin_of[units[m].article] for m in members}),
            position=min(units[m].index / max(1, sentences_per_article[units[m].article] - 1) for m in members),
            vector=vectors[shown],
            penalty=MODALITY_PENALTY.get(modality[shown], 0.0),
            fact=fact.id if fact else None,
        ))
    return found


def _score(c: Candidate, centroid: np.ndarray) -> float:
    return (SOURCE_WEIGHT * np.log1p(c.sources) + CENTRALITY_WEIGHT * float(c.vector @ centroid)
            + POSITION_WEIGHT * (1 - c.position) - c.penalty
            - (0.5 if _QUESTION_OR_QUOTE.search(c.text) else 0.0))


def summarise(candidates: Sequence[Candidate], words: int) -> list[SummarySentence]:
    """Pick candidates by marginal relevance until ``words`` are used (steps 1–3)."""
    if not candidates:
        return []
    matrix = np.stack([c.vector for c in candidates])
    centroid = matrix.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    scores = [_score(c, centroid) for c in candidates]
    chosen: list[int] = []
    used = 0
    for n in sorted(range(len(candidates)), key=lambda k: -scores[k]):
        length = len(candidates[n].text.split())
        if used + length > words and chosen:
            continue
        if chosen and float((matrix[chosen] @ matrix[n]).max()) >= REDUNDANT_SIM:
            continue
        chosen.append(n)
        used += length
        if used >= words:
            break
    chosen.sort(key=lambda k: (candidates[k].position, -candidates[k].sources))
    return [SummarySentence(candidates[k].text, candidates[k].support, candidates[k].fact) for k in chosen]
