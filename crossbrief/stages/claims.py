"""Stage 8 (part): claims only one source makes — substantive sentences that no other
origin states in close words, with an agreeing figure, or as the same dated event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..records import SentenceRef
from . import conflicts
from .context import StoryContext

# Unique claims must carry something checkable: a name, a number or a date.
UNIQUE_MIN_WORDS = 8
UNIQUE_PER_ARTICLE = 3
# A sentence another source says in words this close (cosine) is not a single-source claim.
UNIQUE_MAX_SIM = 0.6


def echoed_units(
    ctx: StoryContext, sides: Sequence[conflicts.Side], figures: conflicts.FigurePairs, entries: Sequence[Any]
) -> set[int]:
    """Units another source also states: in close words, with an agreeing figure, or as
    the same dated event on the timeline."""
    position = {(u.article, u.index): n for n, u in enumerate(ctx.units)}
    echoed: set[int] = set()
    close = [(i, j) for sim, i, j in ctx.pairs if sim >= UNIQUE_MAX_SIM]
    for i, j in close + sorted(conflicts.agreeing_pairs(sides, figures)):
        if ctx.origin_of[ctx.units[i].article] != ctx.origin_of[ctx.units[j].article]:
            echoed.update((i, j))
    for entry in entries:
        if len({ctx.origin_of[r.article] for r in entry.support}) > 1:
            echoed.update(position[(r.article, r.sentence)] for r in entry.support)
    return echoed


def unique_claims(ctx: StoryContext, groups: Sequence[Sequence[int]], echoed: set[int]) -> list[SentenceRef]:
    """Substantive sentences that only one origin (with its rewrites) states."""
    chosen: list[SentenceRef] = []
    per_article: dict[str, int] = {}
    for members in groups:
        if len({ctx.origin_of[ctx.units[m].article] for m in members}) != 1 or echoed & set(members):
            continue
        n = min(members, key=lambda m: (ctx.units[m].article in ctx.derived, ctx.units[m].index))
        ex, unit = ctx.extraction_of(n), ctx.units[n]
        checkable = ex.entities or ex.quantities or ex.times
        if len(unit.text.split()) < UNIQUE_MIN_WORDS or not checkable or ex.modality == "predicted":
            continue
        if per_article.get(unit.article, 0) >= UNIQUE_PER_ARTICLE:
            continue
        per_article[unit.article] = per_article.get(unit.article, 0) + 1
        chosen.append(SentenceRef(unit.article, unit.index, unit.text))
    return sorted(chosen, key=lambda r: (r.article, r.sentence))
