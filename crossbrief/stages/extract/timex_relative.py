"""Normalisers for expressions read against the anchor or against a date the text mentioned.

"yesterday", "Wednesday night", "10 p.m.", "last week", "two years ago" are read against the
anchor (the publication date); "the following year", "that day", "the next morning" against
the last date the text mentioned before them, as HeidelTime does for narratives.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...records import TimexType
from .timex_calendar import (
    FUTURE_WEEKDAY_WINDOW,
    PAST_WEEKDAY_WINDOW,
    month_year,
    shift,
    value_at,
    weekday_date,
)
from .timex_lexicon import PARTS_OF_DAY, WEEKDAYS, count_value, month_number, unit_of
from .timex_reading import Context, Reading, group, mentioned, relative, unresolved

_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "before yesterday": -2, "after tomorrow": 2}
# Windows (offsets from the anchor) for weekdays with "last", "next" or "this".
_REL_WINDOWS = {
    "last": (-7, -1),
    "past": (-7, -1),
    "previous": (-7, -1),
    "this past": (-7, -1),
    "next": (1, 7),
    "coming": (1, 7),
    "following": (1, 7),
    "this coming": (1, 7),
    "this": (0, 6),
    "current": (0, 6),
}


def _part(match: re.Match[str]) -> str:
    part = group(match, "part") or group(match, "partpre")
    return "T" + PARTS_OF_DAY[" ".join(part.lower().split())] if part else ""


def _day_reading(day: date | None, suffix: str, unknown: str = "XXXX-XX-XX") -> Reading:
    type_: TimexType = "TIME" if suffix else "DATE"
    if day is None:
        return unresolved(type_, unknown + suffix)
    return relative(type_, day.isoformat() + suffix)


def relday(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "yesterday" → the day before the anchor; "tonight" → "…TNI"; "tomorrow morning"."""
    word = (group(match, "relday") or match.group("around")).lower()
    word = " ".join(word.split()[-2:]) if " " in word else word
    suffix = "TNI" if word == "tonight" else _part(match)
    day = None if ctx.anchor is None else ctx.anchor + timedelta(days=_DAY_SHIFT[word])
    return _day_reading(day, suffix)


def part_of_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "this morning", "last night" (the night before the anchor), "overnight"."""
    rel = (group(match, "prel") or "this").lower()
    part = _part(match)
    if rel == "last" and part not in ("TNI", "TEV"):
        return None  # "last morning" is not said of a day
    offset = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(rel, 0)
    day = None if ctx.anchor is None else ctx.anchor + timedelta(days=offset)
    return _day_reading(day, part)


def _weekday_window(match: re.Match[str], ctx: Context) -> tuple[int, int]:
    rel = group(match, "rel") or group(match, "the")
    if rel:
        key = " ".join(rel.lower().split()).removeprefix("the ")
        return _REL_WINDOWS.get(key, PAST_WEEKDAY_WINDOW)
    return FUTURE_WEEKDAY_WINDOW if ctx.direction() == "future" else PAST_WEEKDAY_WINDOW


# "The Saturday Evening Post", "the Sunday Times": a weekday after "the" that opens a
# capitalised name is part of the name, not a day.
_NAME_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NAME_AFTER = re.compile(r"^\s+[A-Z][a-z]")
# Named days ("Super Tuesday", "Black Friday", "Good Friday") are days of a calendar, not
# the Tuesday of the article's week; nor is a weekday counted within a month ("the first
# Tuesday in March", a rule of the calendar). Neither is read as a weekday near the anchor
# (an undated primaries story filed "sweeps in the Super Tuesday primaries" under the
# Tuesday before its reference date).
_NAMED_DAY = re.compile(r"\b(?:Super|Black|Good|Ash|Fat|Cyber|Maundy|Holy|Easter|Palm|Bloody|Shrove)\s+$")
_NTH_BEFORE = re.compile(r"\b(?:first|second|third|fourth|fifth|last)\s+$", re.I)
_IN_MONTH_AFTER = re.compile(r"^\s+(?:in|of)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\b")


def weekday(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "Wednesday" → the nearest Wednesday the tense allows; "last Friday"; "Friday night"."""
    named_at = ctx.start + match.end("weekday") - match.start()  # the weekday's end in ctx.text
    if _NAME_BEFORE.search(ctx.text[max(0, ctx.start - 8) : ctx.start]) and _NAME_AFTER.match(
        ctx.text[named_at : named_at + 4]
    ):
        return None
    before = ctx.text[max(0, ctx.start - 12) : ctx.start]
    if _NAMED_DAY.search(before) or (
        _NTH_BEFORE.search(before) and _IN_MONTH_AFTER.match(ctx.text[named_at : named_at + 16])
    ):
        return None
    number = WEEKDAYS[match.group("weekday").lower()]
    suffix = _part(match)
    if ctx.anchor is None:
        return _day_reading(None, suffix, f"XXXX-WXX-{number}")
    return _day_reading(weekday_date(ctx.anchor, number, _weekday_window(match, ctx)), suffix)


def _hour_minute(match: re.Match[str]) -> tuple[int, int] | None:
    noon = group(match, "noon")
    if noon:
        return (24 if noon.lower() == "midnight" else 12), 0
    if group(match, "hour24"):
        return int(match.group("hour24")), int(match.group("minute24"))
    hour, minute = int(match.group("hour")), int(group(match, "minute") or 0)
    ampm = (group(match, "ampm") or "").lower()
    part = (group(match, "part") or "").lower()
    if not 1 <= hour <= 12 and ampm:
        return None
    if ampm.startswith("p") or part in ("afternoon", "evening", "night") and hour < 12:
        hour = hour % 12 + 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return hour, minute


def _time_day(match: re.Match[str], ctx: Context) -> date | None:
    """The day a clock time falls on: the day it names ("Friday", "Nov. 9"), else the anchor."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    if group(match, "relday"):
        return anchor + timedelta(days=_DAY_SHIFT[match.group("relday").lower()])
    if group(match, "weekday"):
        number = WEEKDAYS[match.group("weekday").lower()]
        return weekday_date(anchor, number, _weekday_window(match, ctx))
    if group(match, "month"):
        month, day = month_number(match.group("month")), int(match.group("day"))
        try:
            return date(month_year(anchor, month, day, ctx.calendar_direction()), month, day)
        except ValueError:
            return None
    return anchor


def time(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "10:35 a.m." → the anchor's day at 10:35; "noon Saturday"; "5 p.m. EST Nov. 9"."""
    clock = _hour_minute(match)
    if clock is None or clock[0] > 24 or (clock[0] == 24 and clock[1]):
        return None
    day = _time_day(match, ctx)
    suffix = f"T{clock[0]:02d}:{clock[1]:02d}"
    if day is None:
        return unresolved("TIME", "XXXX-XX-XX" + suffix)
    return relative("TIME", day.isoformat() + suffix)


_UNIT_SHIFT = {
    "the": 0,
    "this": 0,
    "current": 0,
    "latest": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "this past": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
}
_GRANULARITY = {
    "week": "week",
    "weekend": "weekend",
    "month": "month",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "quarter": "quarter",
    "day": "day",
    "night": "day",
    "fortnight": "week",
}


def rel_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "last year", "this week", "next month", "earlier this month", "the past decade"."""
    unit = unit_of(match.group("unit"))
    offset = _UNIT_SHIFT[" ".join(match.group("rel").lower().split())]
    granularity = _GRANULARITY[unit]
    if ctx.anchor is None:
        return unresolved(
            "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(granularity, "XXXX")
        )
    if unit == "weekend" and offset == 0:  # "the weekend": the one before, unless it is ahead
        offset = 0 if ctx.direction() == "future" or ctx.anchor.isoweekday() >= 6 else -1
    return relative("DATE", value_at(shift(ctx.anchor, unit, offset), granularity))


_AGO_GRANULARITY = {
    "second": "day",
    "minute": "day",
    "hour": "day",
    "day": "day",
    "night": "day",
    "week": "week",
    "fortnight": "week",
    "weekend": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "year",
    "century": "year",
    "millennium": "year",
}


def ago(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "two years ago" → the anchor's year minus two; "10 days ago"; "a month earlier"."""
    unit = unit_of(match.group("unit"))
    amount = count_value(match.group("count"))
    back = not re.match(r"(?i)later|after|from|hence", match.group("dir"))
    if amount is None or not float(amount).is_integer():
        return relative("DATE", "PAST_REF" if back else "FUTURE_REF")
    if ctx.anchor is None:
        return unresolved("DATE", "XXXX")
    steps = int(amount) * (-1 if back else 1)
    base = {
        "decade": ("year", 10),
        "century": ("year", 100),
        "millennium": ("year", 1000),
        "fortnight": ("week", 2),
        "weekend": ("week", 1),
    }.get(unit, (unit, 1))
    if base[0] in ("second", "minute", "hour"):
        return relative("DATE", ctx.anchor.isoformat())
    moved = shift(ctx.anchor, base[0], steps * base[1])
    return relative("DATE", value_at(moved, _AGO_GRANULARITY[unit]))


def year_ago(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "year-earlier", "the year-ago quarter" (the last reported quarter a year before)."""
    if ctx.anchor is None:
        return unresolved("DATE", "XXXX")
    what = (group(match, "what") or "").lower()
    words = match.group("yrel").lower()
    if what in ("quarter", "period") or "period" in words:
        return relative("DATE", value_at(shift(ctx.anchor, "month", -15), "quarter"))
    return relative("DATE", f"{ctx.anchor.year - 1:04d}")


def year_end(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "year-end", "the end of the year" → the anchor's year."""
    if ctx.anchor is None:
        return unresolved("DATE", "XXXX")
    return relative("DATE", f"{ctx.anchor.year:04d}")


_REF_SHIFT = {
    "that": 0,
    "the same": 0,
    "that same": 0,
    "the following": 1,
    "the next": 1,
    "the previous": -1,
    "the preceding": -1,
    "the prior": -1,
    "the day before": -1,
    "the day after": 1,
}
# The precision a mentioned date needs before "that <unit>" can be read from it.
_NEEDS = {"day": ("day",), "month": ("day", "month"), "year": ("day", "month", "year"), "week": ("day",)}


def mentioned_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the following year", "that day", "the next morning", "the day after": read against the
    last date the text mentioned, or the anchor when the text mentioned none fine enough."""
    ref = " ".join(match.group("ref").lower().split())
    unit = unit_of(group(match, "unit") or "day")
    suffix = ""
    if unit in PARTS_OF_DAY:
        suffix, unit = "T" + PARTS_OF_DAY[unit], "day"
    offset = _REF_SHIFT[ref]
    granularity = _GRANULARITY[unit]
    type_: TimexType = "TIME" if suffix else "DATE"
    if ctx.mentioned is not None and ctx.mentioned[1] in _NEEDS[unit]:
        moved = shift(ctx.mentioned[0], unit, offset)
        return mentioned(type_, value_at(moved, granularity) + suffix)
    if ctx.anchor is None:
        return unresolved(type_, "XXXX")
    return relative(type_, value_at(shift(ctx.anchor, unit, offset), granularity) + suffix)
