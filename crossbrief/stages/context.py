"""What the comparing stages share about one story once it is embedded: its sentence
units, their vectors and extractions, nearest cross-article pairs, and source groups."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..records import Article, SentenceExtraction
from . import align
from .extract.story import StoryExtraction


@dataclass(frozen=True)
class StoryContext:
    """What the stages after embedding share: units, their vectors and extractions."""

    articles: tuple[Article, ...]
    units: tuple[align.Unit, ...]
    vectors: np.ndarray
    extraction: StoryExtraction
    pairs: tuple[tuple[float, int, int], ...]  # nearest cross-article pairs at or above RELATED_SIM
    origin_of: dict[str, str]
    derived: frozenset[str]

    def extraction_of(self, n: int) -> SentenceExtraction:
        unit = self.units[n]
        return self.extraction.of(unit.article, unit.index)
