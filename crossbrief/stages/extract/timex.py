"""Time expressions: find them in English news text and normalise them TIMEX3-style.

    >>> from datetime import date
    >>> [(t.text, t.value) for t in find_times("Putin arrived early Wednesday morning.",
    ...                                        date(2024, 6, 18))]
    [('early Wednesday morning', '2024-06-19TMO')]

The recogniser is rule-based, in the manner of HeidelTime (Strötgen & Gertz 2010): regular
expressions over a small lexicon find spans (:mod:`timex_rules`), and one normaliser per
rule kind reads the match into a value, resolving relative expressions against the anchor
date with the sentence's tense (:mod:`timex_dates`, :mod:`timex_relative`,
:mod:`timex_durations`). spaCy's DATE entities are not used as candidates: their spans
differ from TIMEX3's ("the past year", "24 years old"); measured on TempEval-3, adding the
entities the rules miss (normalised with dateparser) found no further gold expression and
lowered value F1 from 79.2 to 78.7 on TimeBank and from 76.6 to 75.0 on AQUAINT.

Cascade, per call:
    1. rule matches over the text; overlaps go to the longest match;
    2. each match, in text order, is normalised against the anchor or the last date mentioned
       before it; a normaliser may reject a match (a number that is not a year);
    3. readings become :class:`~crossbrief.records.TimeExpression` records;
    4. a count of days joined to a stated day by "before"/"after" becomes one date ("two days
       after March 3"). TimeML would mark two expressions there; one date serves a timeline
       better, and it is rare (once in TimeBank and AQUAINT).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ...records import Anchor, TimeExpression
from . import timex_dates as dates
from . import timex_durations as durations
from . import timex_relative as relatives
from .timex_calendar import precision_of
from .timex_reading import Context, Reading
from .timex_rules import Candidate, candidates

if TYPE_CHECKING:  # spaCy is only needed by callers that already hold a Doc
    from spacy.tokens import Doc

Normaliser = Callable[[re.Match[str], Context], Reading | None]

NORMALISERS: dict[str, Normaliser] = {
    "date": dates.date_,
    "month": dates.month,
    "year": dates.year,
    "decade": dates.decade,
    "century": dates.century,
    "quarter": dates.quarter,
    "quarter_rel": dates.quarter_rel,
    "half": dates.half,
    "season": dates.season,
    "holiday": dates.holiday,
    "relday": relatives.relday,
    "part_of_day": relatives.part_of_day,
    "weekday": relatives.weekday,
    "time": relatives.time,
    "rel_unit": relatives.rel_unit,
    "ago": relatives.ago,
    "year_ago": relatives.year_ago,
    "year_end": relatives.year_end,
    "duration": durations.duration,
    "set": durations.set_,
    "ref": durations.ref,
    "mentioned": relatives.mentioned_unit,
}

_LINK = re.compile(r"\s+(?P<dir>before|after)\s+$")
_DAY_COUNT = re.compile(r"P(\d+)([DW])")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _linked(text: str, first: TimeExpression, second: TimeExpression) -> TimeExpression | None:
    """ "two days after March 3": a count of days or weeks before/after a stated day, as one date.

    Counts of trading or working days are left alone: they skip weekends and holidays.
    """
    link = _LINK.match(text[first.end : second.start] + " ") if second.start > first.end else None
    count = _DAY_COUNT.fullmatch(first.value)
    if not (link and count and first.type == "DURATION" and _ISO_DAY.fullmatch(second.value)):
        return None
    if re.search(r"(?i)trading|business|working", first.text):
        return None
    days = int(count.group(1)) * (7 if count.group(2) == "W" else 1)
    if link["dir"] == "before":
        days = -days
    day = date.fromisoformat(second.value) + timedelta(days=days)
    return TimeExpression(
        first.start, second.end, text[first.start : second.end], "DATE", day.isoformat(), "day", second.anchor
    )


def _join_links(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    joined: list[TimeExpression] = []
    for expr in found:
        combined = _linked(text, joined[-1], expr) if joined else None
        if combined is not None:
            joined[-1] = combined
        else:
            joined.append(expr)
    return joined


# "From January to November 1998", "between March and May 2000": the year the range's end
# states is its start's too (a start month after the end month is in the year before).
_RANGE_LINK = re.compile(r"^\s*(?:to|through|until|till|-|–|—)\s*$", re.I)
_RANGE_AND = re.compile(r"^\s*and\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.I)
_STATED_YEAR = re.compile(r"\b\d{4}\b|'\d\d\b")
_CALENDAR_VALUE = re.compile(r"\d{4}-\d\d(?:-\d\d)?")


def _range_years(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    shared = list(found)
    for k in range(len(shared) - 1):
        start, end = shared[k], shared[k + 1]
        if start.end > end.start or _STATED_YEAR.search(start.text) or not _STATED_YEAR.search(end.text):
            continue
        if not (_CALENDAR_VALUE.fullmatch(start.value) and _CALENDAR_VALUE.fullmatch(end.value)):
            continue
        between, before = text[start.end : end.start], text[max(0, start.start - 9) : start.start]
        if not (_RANGE_LINK.match(between) or _RANGE_AND.match(between) and _RANGE_OPEN.search(before)):
            continue
        year = int(end.value[:4]) - (start.value[5:7] > end.value[5:7])
        shared[k] = replace(start, value=f"{year:04d}{start.value[4:]}", anchor="absolute")
    return shared


_MENTIONED_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?$")


def _mentioned_date(reading: Reading) -> tuple[date, str] | None:
    """The date a DATE/TIME reading names, with its precision, for later "that day"s."""
    match = _MENTIONED_VALUE.match(reading.value)
    if reading.type not in ("DATE", "TIME") or match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    precision = "day" if day else "month" if month else "year"
    return date(year or 1, month or 1, day or 1), precision


def _record(cand: Candidate, reading: Reading, text: str, anchor: date | None, anchor_kind: Anchor) -> TimeExpression:
    grounded: Anchor = "none"
    if reading.grounding == "absolute":
        grounded = "absolute"
    elif reading.grounding == "mentioned":
        grounded = "mentioned"
    elif reading.grounding == "relative" and anchor is not None:
        grounded = anchor_kind
    return TimeExpression(
        cand.start,
        cand.end,
        text[cand.start : cand.end],
        reading.type,
        reading.value,
        precision_of(reading.value),
        grounded,
    )


def _normalise(cand: Candidate, context: Context) -> Reading | None:
    try:
        return NORMALISERS[cand.rule.kind](cand.match, context)
    except (ValueError, OverflowError):
        # "2024 years ago", or "next year" from an anchor in 9999: the value would fall
        # outside the calendar (years 1-9999), so there is no reading to give
        return None


def find_times(
    text: str, anchor: date | None, anchor_kind: Anchor = "publication", doc: Doc | None = None
) -> tuple[TimeExpression, ...]:
    """Time expressions in ``text`` with offsets into it, normalised TIMEX3-style.

    ``anchor`` is the date relative expressions are read against (the publication date, or a
    story's reference date, named by ``anchor_kind``); without one they get "XXXX" values and
    anchor "none". An expression read against a date the text mentioned before it ("the
    following year") has anchor "mentioned"; one that states its own value, "absolute".
    ``doc`` (a spaCy Doc of ``text``) is accepted for pipeline symmetry; the rules do not
    need it.
    """
    del doc  # measured: spaCy's DATE spans did not improve the rules (see module docstring)
    found: list[TimeExpression] = []
    last_date: tuple[date, str] | None = None  # the latest date mentioned, for "that day"
    # 1. rule matches, longest first
    for cand in candidates(text):
        # 2. normalise; a normaliser returns None for a match that is not a time expression
        reading = _normalise(cand, Context(text, cand.start, cand.end, anchor, last_date))
        if reading is not None:
            # 3. the record
            found.append(_record(cand, reading, text, anchor, anchor_kind))
            last_date = _mentioned_date(reading) or last_date
    # 4. "two days after March 3"; 5. "from January to November 1998"
    return tuple(_range_years(text, _join_links(text, found)))


__all__ = ["NORMALISERS", "find_times"]
