"""Normalisers for calendar expressions: dates, months, years, decades, quarters, seasons.

Each takes the rule's match and a :class:`Context` and returns a :class:`Reading`, or None
when the match is not a time expression after all (a "31 February", an invalid day).
A year the text does not state comes from the anchor, read forward or back by tense.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.easter import easter

from .timex_calendar import Direction, month_year, season_year, shift, value_at
from .timex_lexicon import DECADE_WORDS, SEASONS, month_number, ordinal_value, spoken_year
from .timex_reading import Context, Reading, absolute, group, relative, unresolved

_REL_SHIFT = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this past": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
    "this coming": 1,
}


def _rel(word: str | None) -> int | None:
    return None if word is None else _REL_SHIFT.get(" ".join(word.lower().split()))


def _year_of(match: re.Match[str]) -> int | None:
    """The year a match states, in digits or words."""
    year = group(match, "year")
    if year:
        return int(year)
    spoken = group(match, "spoken")
    return spoken_year(spoken) if spoken else None


def _day_of(match: re.Match[str]) -> int | None:
    day = group(match, "day")
    if day:
        return int(day)
    word = group(match, "dayword")
    return ordinal_value(word) if word else None


def _month_of(match: re.Match[str]) -> int:
    month = match.group("month")
    return int(month) if month.isdigit() else month_number(month)


def _valid(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def _clock(match: re.Match[str]) -> str:
    hour = group(match, "hour24")
    return f"T{hour}:{match.group('minute24')}" if hour else ""


def date_(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "June 19, 2024", "19 June 2024", "2024-06-19", "June 2024", "June 19" (year resolved)."""
    month = _month_of(match)
    day = _day_of(match)
    year = _year_of(match)
    if match.group("month").isdigit() and day and day <= 12 < month:
        month, day = day, month  # "19/6/2024" is written day first
    if not _valid(year or 2000, month, day):
        return None
    text = f"-{month:02d}" + (f"-{day:02d}" if day else "")
    if year is not None:
        return absolute("TIME" if _clock(match) else "DATE", f"{year:04d}{text}{_clock(match)}")
    if ctx.anchor is None:
        return unresolved("DATE", "XXXX" + text)
    year = month_year(ctx.anchor, month, day, ctx.calendar_direction())
    return relative("DATE", f"{year:04d}{text}")


_MAY_CONTEXT = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|through|from|during|before|after|to|and|or|early|late|mid|"
    r"last|this|next|between|on|for)|[,(])\s*-?$",
    re.I,
)


def month(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "March", "last September", "late last July", "July last year" (year from the anchor)."""
    number = month_number(match.group("month"))
    bare = not (match.group("rel") or match.group("mod"))
    if bare and match.group("month") in ("May", "MAY") and not _MAY_CONTEXT.search(ctx.before(12)):
        return None  # "May the best team win": a bare "May" is a month only after "in", "by"...
    if ctx.anchor is None:
        return unresolved("DATE", f"XXXX-{number:02d}")
    relyear = match.group("relyear")
    shift = _rel(match.group("rel"))
    if relyear:
        year = ctx.anchor.year + (_rel(relyear.split()[0]) or 0)
    elif shift is None:
        year = month_year(ctx.anchor, number, None, ctx.calendar_direction())
    elif shift < 0:
        year = ctx.anchor.year if number < ctx.anchor.month else ctx.anchor.year - 1
    elif shift > 0:
        year = ctx.anchor.year if number > ctx.anchor.month else ctx.anchor.year + 1
    else:
        year = ctx.anchor.year
    return relative("DATE", f"{year:04d}-{number:02d}")


def year(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "2024", "fiscal 1989", "mid-1996", "the year two thousand"."""
    value = _year_of(match)
    if value is None:
        return None
    prefix = (group(match, "fiscal") or "").strip().lower()
    if not prefix and not group(match, "mod") and _looks_like_number(ctx):
        return None
    return absolute("DATE", f"{value:04d}")


_COUNTED = re.compile(
    r"\s+(?:troops|people|soldiers|men|women|feet|meters|metres|miles|km|kilometers|tons|tonnes|"
    r"points|shares|units|cars|homes|jobs|votes|members|students|acres|pounds|yards|barrels|"
    r"workers|employees|dollars)\b",
    re.I,
)


def _looks_like_number(ctx: Context) -> bool:
    """A bare four-digit number counted or measured rather than a year ("2000 troops")."""
    if re.search(r"(?:\bNo\.|#|\bpage|\broom|\bflight|\bpatent|\bcode)\s*$", ctx.before(12), re.I):
        return True
    return bool(_COUNTED.match(ctx.after(20)))


def decade(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the 1990s" → "199", "the '80s" → "198", "the nineties" → "199"."""
    digits = group(match, "decade")
    if digits:
        return absolute("DATE", digits[:3])
    short = group(match, "short")
    if short:
        return absolute("DATE", ("20" if short in "012" else "19") + short)
    # the rule wants "the nineties": "in his seventies" (an age) has no article
    word = match.group("word").lower().split()[-1].split("-")[-1]
    return absolute("DATE", f"19{DECADE_WORDS[word]}")


def century(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the 20th century" → "19", "the twenty-first century" → "20"."""
    number = ordinal_value(match.group("ord"))
    if number is None or number < 1:
        return None
    return absolute("DATE", f"{number - 1:02d}")


def _quarter_year(match: re.Match[str], ctx: Context, quarter: int) -> tuple[int | None, bool]:
    """The year a quarter belongs to, and whether it was stated."""
    stated = _year_of(match) or (int(group(match, "yearpre") or 0) or None)
    if stated:
        return stated, True
    if ctx.anchor is None:
        return None, False
    words = (match.group(0) + " " + (group(match, "yearrel") or "")).lower()
    if re.search(r"last year's|year-earlier|year-ago|last year", words):
        return ctx.anchor.year - 1, False
    if re.search(r"next year", words):
        return ctx.anchor.year + 1, False
    current = (ctx.anchor.month - 1) // 3 + 1
    late_report = quarter > current and ctx.direction() == "past"
    return ctx.anchor.year - (1 if late_report else 0), False


def quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the third quarter" → "2024-Q3", "Q1 2024", "the fourth quarter of 1990"."""
    label = group(match, "q")
    number = int(label[1]) if label else ordinal_value(match.group("ord")) or 0
    number = 4 if number < 0 else number
    if not 1 <= number <= 4:
        return None
    year_, stated = _quarter_year(match, ctx, number)
    if year_ is None:
        return unresolved("DATE", f"XXXX-Q{number}")
    return (absolute if stated else relative)("DATE", f"{year_:04d}-Q{number}")


_QUARTER_SHIFT = (
    (r"this|current", 0),
    (r"next", 3),
    (r"last|previous|prior", -3),
    (r"year-earlier|year-ago|comparable|same", -15),
)


def quarter_rel(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the quarter", "the latest quarter" (the one last reported), "this quarter"."""
    if ctx.anchor is None:
        return unresolved("DATE", "XXXX-QX")
    words = match.group("qrel").lower()
    months = -3  # a quarter named in news is most often the one just reported
    for pattern, months_shift in _QUARTER_SHIFT:
        if re.search(rf"\b(?:{pattern})\b", words):
            months = months_shift
            break
    return relative("DATE", value_at(shift(ctx.anchor, "month", months), "quarter"))


def half(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "the first half of 2024" → "2024-H1"."""
    number = 1 if match.group("ord").lower() == "first" else 2
    stated = _year_of(match)
    if stated:
        return absolute("DATE", f"{stated:04d}-H{number}")
    if ctx.anchor is None:
        return unresolved("DATE", f"XXXX-H{number}")
    offset = _rel((group(match, "yearrel") or "this").split()[0]) or 0
    return relative("DATE", f"{ctx.anchor.year + offset:04d}-H{number}")


_SEASON_CONTEXT = re.compile(r"\b(?:in|this|last|next|during|since|until|by|of|through)\s*$", re.I)


def season(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "last fall" → "2023-FA", "the summer of 2024" → "2024-SU", "this winter"."""
    word = match.group("season").lower()
    code = SEASONS[word]
    stated = _year_of(match)
    rel = match.group("rel")
    if stated:
        return absolute("DATE", f"{stated:04d}-{code}")
    if not (rel or match.group("the") or match.group("mod")) and (
        word == "fall" or not _SEASON_CONTEXT.search(ctx.before(12))
    ):
        return None  # "prices fall", "a spring tide": a bare season needs "in", "during"...
    if ctx.anchor is None:
        return unresolved("DATE", f"XXXX-{code}")
    offset = _rel(rel)
    if offset is None:  # "the summer": this one, or the last, or the coming one, by tense
        future = ctx.direction() == "future"
        year_ = season_year(ctx.anchor, code, "nearest" if future else "past", include_current=True)
    else:
        direction: Direction = "past" if offset < 0 else "future" if offset > 0 else "nearest"
        year_ = season_year(ctx.anchor, code, direction)
    return relative("DATE", f"{year_:04d}-{code}")


def _holiday_date(name: str, year: int) -> date:
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's": (1, 1),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "independence day": (7, 4),
        "halloween": (10, 31),
        "valentine's day": (2, 14),
        "boxing day": (12, 26),
        "veterans day": (11, 11),
        "christmas week": (12, 25),
    }
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith(("easter", "good friday")):
        shift = {"good friday": -2, "easter monday": 1}.get(name, 0)
        return easter(year) + timedelta(days=shift)
    # (month, weekday with Monday = 0, which one: 1 = first, -1 = last)
    first = {
        "thanksgiving": (11, 3, 4),
        "thanksgiving day": (11, 3, 4),
        "labor day": (9, 0, 1),
        "memorial day": (5, 0, -1),
        "election day": (11, 0, 1),
    }[name]
    month_, weekday, nth = first
    days = [d for d in range(1, calendar.monthrange(year, month_)[1] + 1) if date(year, month_, d).weekday() == weekday]
    if name == "election day":  # the Tuesday after the first Monday
        return date(year, 11, days[0]) + timedelta(days=1)
    return date(year, month_, days[nth - 1 if nth > 0 else nth])


def holiday(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "Christmas" → "2024-12-25", "Thanksgiving Day", "Easter week" → an ISO week."""
    name = " ".join(match.group("holiday").lower().split())
    granularity = "week" if name.endswith("week") else "day"
    stated = _year_of(match)
    if stated:
        return absolute("DATE", value_at(_holiday_date(name, stated), granularity))
    if ctx.anchor is None:
        return unresolved("DATE", "XXXX-XX-XX")
    anchor = ctx.anchor
    offset = _rel(group(match, "hrel"))
    this_year = _holiday_date(name, anchor.year)
    if offset is None:  # the occurrence nearest the anchor
        offset = min((-1, 0, 1), key=lambda k: abs((_holiday_date(name, anchor.year + k) - anchor).days))
    elif offset < 0:
        offset = -1 if this_year >= anchor else 0
    elif offset > 0:
        offset = 1 if this_year <= anchor else 0
    return relative("DATE", value_at(_holiday_date(name, anchor.year + offset), granularity))
