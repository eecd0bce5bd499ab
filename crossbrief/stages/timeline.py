"""Stage 9, timeline: dated events across the story, merged across sources.

    1. events     every calendar date (year, month or day precision) a sentence gives,
                  durations and vague references ("now", "recently") left out
    2. merge      the same event reported by several articles becomes one entry: the
                  dates are compatible ("2024-03" and "2024-03-14") and the sentences
                  belong to one fact or read alike
    3. order      by date; each entry keeps its finest precision and all its sources
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..records import SentenceExtraction, SentenceRef, TimelineEntry
from .align import Unit

# Sentences about one dated event read alike at or above this cosine; on the very same
# day a looser match will do ("arrived early Wednesday" / "landed at 3 a.m. on Wednesday").
SAME_EVENT_SIM = 0.6
SAME_DAY_SIM = 0.45
# Only expressions that name the calendar make timeline entries: "the same period" or
# "the past year" resolve to a date, but a reader cannot check them.
_CALENDAR = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(yesterday|today|tonight|tomorrow)\b", re.I)
_PRECISION = {"day": 3, "month": 2, "year": 1}


@dataclass
class _Entry:
    values: list[str] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    clauses: dict[int, str] = field(default_factory=dict)

    def compatible(self, value: str) -> bool:
        return all(v.startswith(value) or value.startswith(v) for v in self.values)


def _precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "none")


_CLAUSE_BREAK = re.compile(r"(?<=[;—–])\s+|(?<=,)\s+(?=(?:and|but|which|while|after|before|when|prompting)\s)")
CLAUSE_MIN_WORDS = 6


def event_clause(text: str, start: int, end: int) -> str:
    """The clause of a sentence around a time expression, so a sentence with two dates gives
    two readable entries; the whole sentence when the clause would be too short."""
    bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    left = max(b for b in bounds if b <= start)
    right = min(b for b in bounds if b >= end)
    while len(text[left:right].split()) < CLAUSE_MIN_WORDS and (left > 0 or right < len(text)):
        left = max([b for b in bounds if b < left] or [0])
        right = min([b for b in bounds if b > right] or [len(text)])
    clause = text[left:right].strip(" ,;:—–")
    return clause if clause else text


def dated_events(extractions: Sequence[SentenceExtraction]) -> list[tuple[int, str, int, int]]:
    """(unit position, ISO value, start, end) for every calendar date the units state (step 1)."""
    events = []
    for n, ex in enumerate(extractions):
        for t in ex.times:
            if t.type not in {"DATE", "TIME"} or not t.value[:4].isdigit() or not _CALENDAR.search(t.text):
                continue
            if not 1800 <= int(t.value[:4]) <= 2200:
                continue
            if _precision(t.value[:10]) != "none":
                day = t.precision in {"day", "time"} or t.type == "TIME"
                value = t.value[:10] if day else t.value[:7] if t.precision == "month" else t.value[:4]
                events.append((n, value, t.start, t.end))
    unique = {(n, value): (n, value, start, end) for n, value, start, end in events}
    return sorted(unique.values(), key=lambda e: (e[1], e[0]))


def build_timeline(
    units: Sequence[Unit],
    vectors: np.ndarray,
    extractions: Sequence[SentenceExtraction],
    fact_of: Sequence[int],
    derived: set[str],
) -> list[TimelineEntry]:
    """Timeline entries from the units' dates (steps 2–3). ``fact_of[n]`` is unit n's group."""
    entries: list[_Entry] = []
    events = dated_events(extractions)
    dates_in = Counter(n for n, *_ in events)
    for n, value, start, end in events:
        target = None
        for entry in entries:
            threshold = SAME_DAY_SIM if value in entry.values and len(value) == 10 else SAME_EVENT_SIM
            if entry.compatible(value) and n not in entry.members and (
                any(fact_of[m] == fact_of[n] for m in entry.members)
                or float((vectors[entry.members] @ vectors[n]).max()) >= threshold
            ):
                target = entry
                break
        if target is None:
            target = _Entry()
            entries.append(target)
        target.values.append(value)
        target.members.append(n)
        if dates_in[n] > 1:  # a sentence with several dates: show the clause of this one
            target.clauses[n] = event_clause(units[n].text, start, end)
    return sorted((_finish(e, units, derived) for e in entries), key=lambda t: (t.date, t.text))


def _finish(entry: _Entry, units: Sequence[Unit], derived: set[str]) -> TimelineEntry:
    finest = max(_PRECISION.get(_precision(v), 0) for v in entry.values)
    values = Counter(v for v in entry.values if _PRECISION.get(_precision(v), 0) == finest)
    members = list(dict.fromkeys(entry.members))
    shown = min(members, key=lambda m: (units[m].article in derived, units[m].language != "en", len(units[m].text)))
    support = tuple(SentenceRef(units[m].article, units[m].index, units[m].text) for m in members)
    date_value = values.most_common(1)[0][0]
    return TimelineEntry(date_value, _precision(date_value), entry.clauses.get(shown, units[shown].text),
                         tuple(dict.fromkeys(r.article for r in support)), support)
