"""What every kind of conflict check shares: thresholds, the two sides of a pair, units
and intervals of figures, the date a figure is stated for, claims and pairwise edges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from ...records import Claim, ConflictKind, Quantity, SentenceExtraction, TimeExpression
from ..align import Unit

# Sentences of different articles are compared at or above this cosine (nearest neighbours).
RELATED_SIM = 0.55

# The NER label of a person: figures, ages, titles and names are read against the people named.
PERSON = "PERSON"

_DURATION_DAYS = {
    "year": (365.0, 366.0),
    "month": (28.0, 31.0),
    "week": (7.0, 7.0),
    "day": (1.0, 1.0),
    "hour": (1 / 24, 1 / 24),
    "decade": (3652.0, 3653.0),
}


@dataclass(frozen=True, slots=True)
class Side:
    """One sentence of a related pair, with what extraction found in it."""

    unit: Unit
    extraction: SentenceExtraction
    published: date | None
    anchor: str
    vector: np.ndarray | None = None
    anchor_date: date | None = None  # publication date, or the story date an undated article was read against

    @property
    def speaker(self) -> str | None:
        a = self.extraction.attribution
        return (a.entity or a.speaker) if a else None


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    if word.isupper() or len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "ses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=65536)
def unit_words(unit: str | None) -> frozenset[str]:
    """Word stems of a unit: "rescue workers" → {rescu, worke}; "metric tonnes of munitions" → {metri, tonne}.

    Five-letter stems let "rescuers" meet "rescue workers" and "crew" meet "crew members".
    """
    if not unit:
        return frozenset()
    stems = (singular(w)[:5] for w in unit.lower().split(" of ")[0].split())
    return frozenset(_PEOPLE_STEMS.get(stem, stem) for stem in stems)


# Words that count a place's people as "people" does: "the island's 3.5 million residents",
# "its 4 million people", "Croatia's 4.7 million population".
_PEOPLE_STEMS = {"resid": "peopl", "inhab": "peopl", "popul": "peopl", "perso": "peopl"}


@lru_cache(maxsize=65536)
def unit_head(unit: str | None) -> str | None:
    """The counted noun: "ballistic missiles" → "missile"."""
    if not unit:
        return None
    return singular(unit.lower().split(" of ")[0].split()[-1])


def is_duration(q: Quantity) -> bool:
    return _duration_unit(q.unit)


@lru_cache(maxsize=65536)
def _duration_unit(unit: str | None) -> bool:
    return unit_head(unit) in _DURATION_DAYS and not (set((unit or "").lower().split()) & {"age", "old"})


def interval(q: Quantity) -> tuple[float, float]:
    """The quantity as [low, high], durations in days so "270 days" meets "nine months", and
    a rounded figure widened by its rounding ("38 million" meets "38.5 million")."""
    low = q.low if q.low is not None else 0.0
    high = q.high if q.high is not None else float("inf")
    if is_duration(q):
        short, long = _DURATION_DAYS[unit_head(q.unit) or "day"]
        return low * short, high * long
    if low == high and (slack := _rounding(q.text)):
        # half-open: "51 percent" (50.5 to 51.5) and "52 percent" (51.5 to 52.5) do not meet
        return low - slack, high + slack * (1 - 1e-3)
    return low, high


# A figure stated in millions or billions, or a share in percent, is rounded to its last
# written digit: "38 million" stands for 37.5 to 38.5 million, "51 percent" for 50.5 to 51.5,
# "38.5 million" for 38.45 to 38.55.
# Only with two significant digits or more: "4 million" against "3.8 million" is rounding
# beyond what the words allow (the annotation guide's soft conflict), "38 million" against
# "38.5 million" is not (DUC gold, train split: a trap of the guide's "approximations that agree").
_ROUNDED = re.compile(r"(\d[\d,]*)(?:\.(\d+))?\s*(?:-\s*)?(million|billion|trillion|percent|per cent|%)", re.I)
_SCALE = {"million": 1e6, "billion": 1e9, "trillion": 1e12}


def _rounding(text: str) -> float:
    """Half the unit of a rounded figure's last written digit, in the figure's own terms; 0
    for a figure that is not rounded (too few significant digits, or no scale word)."""
    match = _ROUNDED.search(text)
    if not match:
        return 0.0
    whole, decimals, word = match.group(1).replace(",", ""), match.group(2) or "", match.group(3).lower()
    if len((whole + decimals).lstrip("0")) < 2:
        return 0.0
    return 0.5 * 10.0 ** -len(decimals) * _SCALE.get(word, 1.0)


def comparable_units(a: Quantity, b: Quantity) -> bool:
    """Same thing counted: one unit's words contain the other's ("crew" ⊂ "crew members"),
    unless one names a part of the other (see ``_names_a_subset``)."""
    if a.unit != b.unit and unit_head(a.unit) == unit_head(b.unit) and _names_a_subset(a, b):
        return False
    return _units_comparable(a.unit, b.unit)


@lru_cache(maxsize=65536)
def _units_comparable(a: str | None, b: str | None) -> bool:
    if _duration_unit(a) and _duration_unit(b):
        return True
    wa, wb = unit_words(a), unit_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


@lru_cache(maxsize=65536)  # a figure is in many pairs
def _modifiers(q: Quantity) -> frozenset[str]:
    """The words before a figure's counted noun, as written: "188 San Francisco ATMs" → San, Francisco."""
    unit = (q.unit or "").split(" of ")[0].split()
    return frozenset(q.text.split()[-len(unit) :][:-1]) if len(unit) > 1 else frozenset()


def _names_a_subset(a: Quantity, b: Quantity) -> bool:
    """One figure's noun carries a name the other's lacks: "188 San Francisco ATMs" are some
    of "125 ATMs" elsewhere, not a rival count of them. Other modifiers stay comparable:
    retellings drop them ("118,000 emergency calls" / "100,000 calls" is one disagreement),
    and an -ing word is as often a noun ("shipping containers") as a part picked out
    ("two spacewalking astronauts"). On the DUC gold's train split: 40 conflicts -> 39,
    matched 16 unchanged."""
    return any(w[:1].isupper() for w in _modifiers(a) ^ _modifiers(b))


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two intervals (see ``interval``) overlap."""
    (la, ha), (lb, hb) = a, b
    return la <= hb + 1e-7 * abs(hb) and lb <= ha + 1e-7 * abs(ha)  # a margin for rounding, below zero too


# A date inside a relative clause before the figure dates what the clause describes, not the
# figure: "a cold wave that hit Poland a week ago has killed 32 people, police said Monday"
# (the wave came a week ago; the 32 are as of Monday's report).
_RELATIVE_CLAUSE = re.compile(r"\b(?:that|which|who)\b", re.I)
_CLAUSE_START = re.compile(r"[,;:()]")


def explicit_as_of(text: str, ex: SentenceExtraction, skip: tuple[int, int]) -> str | None:
    """A date the sentence states its figure for ("by February", "in March 2024"): the
    nearest to the figure, so "the toll from Saturday's quake rose to 61 on Monday" is as of
    Monday, the report, not Saturday, the event; a date in a relative clause before the
    figure is not the figure's."""
    dates = [
        t
        for t in ex.times
        if t.type == "DATE"
        and not (t.start < skip[1] and skip[0] < t.end)
        and t.value[:1].isdigit()
        and not (t.end <= skip[0] and _in_relative_clause(text, t.start, skip[0]))
        and not _names_an_event(text, t)
    ]
    if not dates:
        return None
    return min(dates, key=lambda t: t.start - skip[1] if t.start >= skip[1] else skip[0] - t.end).value


# A date that modifies an event's noun names the event ("the Sept. 2 crash", "Saturday's
# quake", "the Nov. 20 flight"): the figure beside it is as of the report, not as of that
# event. "Monday's low" is a measure of Monday, and "the 2008 season" a period: both date
# their figures. DUC gold: train and held-out counts unchanged, figures' dates move to
# their reports'.
_THE_BEFORE = re.compile(r"\b(?:the|a|an|this|that|last|its|their)\s+$", re.I)
_EVENT_NOUN_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[a-z]+\s+)?(?:crash|(?:earth)?quake|attack|bombing|blast|explosion|flight|launch|landing"
    r"|election|vote|storm|fire|shooting|accident|disaster|raid|strike|collision|landslide|flood|eruption|summit"
    r"|meeting|game|match|race|ceremony|speech|primary|caucus|referendum|coup|massacre|sinking|derailment"
    r"|hijacking|kidnapping|arrest|killing|murder|riot|protest|march|rally)s?\b"
)


def _names_an_event(text: str, t: TimeExpression) -> bool:
    """True when the day ``t`` modifies an event's noun ("the Sept. 2 crash")."""
    if t.precision != "day":
        return False
    after = text[t.end : t.end + 40]
    possessive = after[:2] in ("'s", "’s")
    the = _THE_BEFORE.search(text[max(0, t.start - 8) : t.start])
    return bool((possessive or the) and _EVENT_NOUN_AFTER.match(after))


def _in_relative_clause(text: str, at: int, figure: int) -> bool:
    """True when the words before ``at``, back to the clause's start, hold a relative
    pronoun, and no clause break stands between ``at`` and the figure."""
    if _CLAUSE_START.search(text[at:figure]):
        return False
    return bool(_RELATIVE_CLAUSE.search(_CLAUSE_START.split(text[:at])[-1]))


_FUTURE_NEAR = re.compile(
    r"\b(will|would|could|may|might|expected to|set to|likely to|plans? to|forecast)\b[^.;]{0,40}$", re.I
)


# … or after it, when the figure is what the prediction is about: "about 39 percent of the
# voters are expected to show up", "15 million people will vote".
# ("seven years … which would suggest" predicts nothing of the seven years).
_FUTURE_AFTER = re.compile(
    r"^(?:(?!\b(?:which|that|who)\b)[^.;,…]){0,50}?"
    r"\b(?:will|would|(?:is|are|was|were)\s+(?:expected|likely|set|projected|forecast)\s+to)\b",
    re.I,
)


def predicted_figure(side: Side, q: Quantity) -> bool:
    text = side.unit.text
    return side.extraction.modality != "stated" and bool(
        _FUTURE_NEAR.search(text[: q.start]) or _FUTURE_AFTER.search(text[q.end :])
    )


def make_claim(side: Side, value: str, as_of: str | None = None) -> Claim:
    published = side.published.isoformat() if side.published else None
    return Claim(side.unit.article, side.unit.index, side.unit.text, value, side.speaker, as_of or published)


@dataclass(frozen=True, slots=True)
class Edge:
    """A pairwise disagreement, before edges about one subject are grouped."""

    kind: ConflictKind
    subject: str
    severity: str
    reason: str
    left: Claim
    right: Claim


def short_text(text: str, words: int = 10) -> str:
    cut = text.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")
