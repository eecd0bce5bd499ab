"""Stage 9, timeline: dated events across the story, merged across sources.

1. events     every calendar date (year, month or day precision) a sentence gives,
              durations and vague references ("now", "recently") left out
2. merge      the same event reported by several articles becomes one entry: the
              dates are compatible ("2024-03" and "2024-03-14"), the places they name
              (if both name some) meet, and the sentences belong to one fact or read
              like the entry's sentences on average
3. order      by date; each entry keeps its finest precision and all its sources
4. expected   an entry dated after every article that reports it is expected (planned,
              scheduled or forecast), not done: the articles could not have seen it happen
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from ..records import SentenceExtraction, SentenceRef, TimelineEntry
from .align import EventKeys, Unit
from .extract.entities import place_names
from .extract.timex_calendar import reference_day

# Sentences about one dated event read alike at or above this cosine; on the very same
# day a looser match will do ("arrived early Wednesday" / "landed at 3 a.m. on Wednesday").
SAME_EVENT_SIM = 0.6
SAME_DAY_SIM = 0.45
# The story's most frequent names say nothing about which event a sentence tells.
COMMON_ENTITIES = 5
# "by April" or "until May" closes a period or sets a deadline: it dates no event of its
# own ("since September" does: something began then).
_PERIOD_START = re.compile(r"\b(until|till|through|by)\s+(the\s+)?$", re.I)
# Only expressions that name the calendar make timeline entries: "the same period" or
# "the past year" resolve to a date, but a reader cannot check them.
_CALENDAR = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(yesterday|today|tonight|tomorrow)\b",
    re.I,
)
_PRECISION = {"day": 3, "month": 2, "year": 1}
# A clock time alone ("At 10 a.m. the satellite dish blew away") names no day: the story's
# narrative may be days before the article, so the article's date is no event's date.
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,2}:\d\d\b|\b\d{4}\s*(?:GMT|UTC)\b", re.I)


@dataclass
class _Entry:
    values: list[str] = field(default_factory=list)
    members: list[int] = field(default_factory=list)
    clauses: dict[int, str] = field(default_factory=dict)
    # Sets of the above and of the members' facts and names, so a busy entry is checked fast.
    distinct: set[str] = field(default_factory=set)
    member_set: set[int] = field(default_factory=set)
    facts: set[int] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    total: np.ndarray | None = None  # the members' vector sum: their mean similarity in one product

    def compatible(self, value: str) -> bool:
        return all(v.startswith(value) or value.startswith(v) for v in self.distinct)

    def add(self, n: int, value: str, fact: int, names: set[str], places: frozenset[str], vector: np.ndarray) -> None:
        self.total = vector.astype(np.float64) if self.total is None else self.total + vector
        self.values.append(value)
        self.members.append(n)
        self.distinct.add(value)
        self.member_set.add(n)
        self.facts.add(fact)
        self.names |= names
        self.places |= places


def _precision(value: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "none")


_CLAUSE_BREAK = re.compile(r"(?<=[;—–])\s+|(?<=,)\s+(?=(?:and|but|which|while|after|before|when|prompting)\s)")
CLAUSE_MIN_WORDS = 6


_TERMINAL = re.compile(r"[.!?][”\"’')]*$")


def event_clause(text: str, start: int, end: int) -> str:
    """The clause of a sentence around a time expression, so a sentence with two dates gives
    two readable entries, marked "…" where the sentence goes on; the whole sentence when the
    clause would be too short."""
    bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)] + [len(text)]
    left = max(b for b in bounds if b <= start)
    right = min(b for b in bounds if b >= end)
    while len(text[left:right].split()) < CLAUSE_MIN_WORDS and (left > 0 or right < len(text)):
        left = max([b for b in bounds if b < left] or [0])
        right = min([b for b in bounds if b > right] or [len(text)])
    clause = text[left:right].strip(" ,;:—–")
    if not clause:
        return text
    # An excerpt says so: "… which officials expect will reopen Nov. 9" is not a whole sentence.
    opening = "… " if left > 0 else ""
    closing = " …" if right < len(text) and not _TERMINAL.search(clause) else ""
    return f"{opening}{clause}{closing}"


def dated_events(
    extractions: Sequence[SentenceExtraction], texts: Sequence[str] | None = None
) -> list[tuple[int, str, int, int]]:
    """(unit position, ISO value, start, end) for every calendar date the units state (step 1);
    with ``texts``, dates that only bound a period ("since September") are left out."""
    events = []
    for n, ex in enumerate(extractions):
        for t in ex.times:
            if texts is not None and _PERIOD_START.search(texts[n][: t.start]):
                continue
            named = _CLOCK.sub(" ", t.text) if t.type == "TIME" else t.text  # a clock time names no day
            if t.type not in {"DATE", "TIME"} or not t.value[:4].isdigit() or not _CALENDAR.search(named):
                continue
            if not 1800 <= int(t.value[:4]) <= 2200:
                continue
            if _precision(t.value[:10]) != "none":
                day = t.precision in {"day", "time"} or t.type == "TIME"
                value = t.value[:10] if day else t.value[:7] if t.precision == "month" else t.value[:4]
                events.append((n, value, t.start, t.end))
    unique = {(n, value): (n, value, start, end) for n, value, start, end in events}
    return sorted(unique.values(), key=lambda e: (e[1], e[0]))


def distinctive_entities(extractions: Sequence[SentenceExtraction]) -> list[set[str]]:
    """Per unit, its entities minus the story's most common ones (which every event shares)."""
    counts = Counter(name for ex in extractions for name in {e.canonical for e in ex.entities})
    common = {name for name, _ in counts.most_common(COMMON_ENTITIES)}
    return [{e.canonical for e in ex.entities} - common for ex in extractions]


def _same_event(
    entry: _Entry,
    n: int,
    value: str,
    vectors: np.ndarray,
    fact_of: Sequence[int],
    names: Sequence[set[str]],
    places: Sequence[frozenset[str]],
) -> bool:
    if not entry.compatible(value) or n in entry.member_set:
        return False
    if fact_of[n] in entry.facts:
        return True
    # Events of one day in places that share nothing are two events: France's toll rising on
    # Monday is not Poland's, however alike the sentences read.
    if places[n] and entry.places and not places[n] & entry.places:
        return False
    if value in entry.distinct and names[n] & entry.names:
        return True  # same date, and a name only this event's reports use ("Vostochny")
    threshold = SAME_DAY_SIM if value in entry.distinct and len(value) == 10 else SAME_EVENT_SIM
    # Close to the entry's sentences on average, not to one of them: a chain of pairwise
    # neighbours drifts from the event the entry shows to anything said that day.
    return float(entry.total @ vectors[n]) / len(entry.members) >= threshold


def _one_date_per_clause(
    events: Sequence[tuple[int, str, int, int]], units: Sequence[Unit]
) -> list[tuple[int, str, str | None]]:
    """(unit position, ISO value, the clause to show or None for the whole sentence) per
    event. A sentence's dates that no clause break tells apart ("its first trip since 2000
    and the first since the country closed its borders in 2020") file it once, under its
    latest date: news tells the newest event and dates its background; the same words under
    2000 and 2020 would tell two events."""
    counts = Counter(n for n, *_ in events)
    kept: dict[tuple[int, str | None], tuple[int, str, str | None]] = {}
    for n, value, start, end in events:
        clause = event_clause(units[n].text, start, end) if counts[n] > 1 else None
        if (n, clause) not in kept or value > kept[n, clause][1]:
            kept[n, clause] = (n, value, clause)
    # A sentence left with one date is shown whole.
    left = Counter(n for n, _ in kept)
    return sorted(((n, v, c if left[n] > 1 else None) for n, v, c in kept.values()), key=lambda e: (e[1], e[0]))


@dataclass(frozen=True)
class StoryDates:
    """What the units date and name, read once for the align stage and the timeline."""

    events: list[tuple[int, str, int, int]]  # dated_events: (unit, ISO value, start, end)
    names: list[set[str]]  # distinctive_entities, per unit


def story_dates(extractions: Sequence[SentenceExtraction], texts: Sequence[str]) -> StoryDates:
    """The units' calendar dates (periods' bounds left out) and distinctive names (step 1)."""
    return StoryDates(dated_events(extractions, texts), distinctive_entities(extractions))


def event_keys(dates: StoryDates) -> list[EventKeys]:
    """Per unit, its dated events for the align stage: (a month or day it names on the
    calendar, a distinctive name it uses)."""
    named: list[set[str]] = [set() for _ in dates.names]
    for n, value, _, _ in dates.events:
        if len(value) >= 7:
            named[n].add(value)
    return [frozenset((d, name) for d in named[n] for name in dates.names[n]) for n in range(len(named))]


def build_timeline(
    units: Sequence[Unit],
    vectors: np.ndarray,
    extractions: Sequence[SentenceExtraction],
    fact_of: Sequence[int],
    derived: set[str],
    dates: StoryDates | None = None,
    published: Mapping[str, date | None] | None = None,
) -> list[TimelineEntry]:
    """Timeline entries from the units' dates (steps 2–4). ``fact_of[n]`` is unit n's group;
    ``dates``: ``story_dates`` of these units, when already read; ``published``: each
    article's publication date (step 4 needs every reporting article's)."""
    dates = dates if dates is not None else story_dates(extractions, [u.text for u in units])
    by_year: dict[str, list[_Entry]] = {}  # compatible dates share their year
    events = _one_date_per_clause(dates.events, units)
    names = dates.names
    places = [place_names(ex.entities) for ex in extractions]
    for n, value, clause in events:
        bucket = by_year.setdefault(value[:4], [])
        target = next((e for e in bucket if _same_event(e, n, value, vectors, fact_of, names, places)), None)
        if target is None:
            target = _Entry()
            bucket.append(target)
        target.add(n, value, fact_of[n], names[n], places[n], vectors[n])
        if clause is not None:  # a sentence with several dates: show the clause of this one
            target.clauses[n] = clause
    entries = [e for bucket in by_year.values() for e in bucket]
    finished = (_finish(e, units, derived) for e in entries)
    if published is not None:
        finished = (_mark_expected(t, published) for t in finished)
    return sorted(finished, key=lambda t: (t.date, t.text))


# One day ahead may be the same day elsewhere (a US paper's Tuesday is Pyongyang's
# Wednesday: "Putin arrived early Wednesday" in a Tuesday article); there the words must
# say the event is still to come.
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|expected to|scheduled|set to|set for|due to|due on|slated|planned|plans? to"
    r"|to be held|should)\b",
    re.I,
)


def _mark_expected(entry: TimelineEntry, published: Mapping[str, date | None]) -> TimelineEntry:
    """Step 4: the entry is expected when it begins after every reporting article's
    publication date (more than a day after, or a day after in words that look ahead).
    Undated articles leave it unmarked: when they were written is unknown."""
    days = [published.get(a) for a in entry.articles]
    start = reference_day(entry.date)
    if not days or start is None or any(d is None for d in days):
        return entry
    latest = max(d for d in days if d is not None)
    ahead = start > latest + timedelta(days=1) or (start > latest and bool(_FUTURE.search(entry.text)))
    return replace(entry, expected=True) if ahead else entry


def _finish(entry: _Entry, units: Sequence[Unit], derived: set[str]) -> TimelineEntry:
    finest = max(_PRECISION.get(_precision(v), 0) for v in entry.values)
    values = Counter(v for v in entry.values if _PRECISION.get(_precision(v), 0) == finest)
    members = list(dict.fromkeys(entry.members))
    shown = min(members, key=lambda m: (units[m].article in derived, units[m].language != "en", len(units[m].text)))
    support = tuple(SentenceRef(units[m].article, units[m].index, units[m].text) for m in members)
    date_value = values.most_common(1)[0][0]
    return TimelineEntry(
        date_value,
        _precision(date_value),
        entry.clauses.get(shown, units[shown].text),
        tuple(dict.fromkeys(r.article for r in support)),
        support,
    )
