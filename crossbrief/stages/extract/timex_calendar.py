"""Calendar arithmetic and TIMEX3 value strings: pure functions of dates and numbers.

Values follow TimeML: "2024-06-19" (day), "2024-W25" (ISO week), "2024-06", "2024-Q2",
"2024-H1", "2024-SU", "2024", "202" (decade), "20" (century); durations "P24Y", "P9M",
"PT2H", "P2Y6M"; an unknown number is "X" ("PXY"), an unknown year "XXXX".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from ...records import Precision
from .timex_lexicon import UNITS

Direction = Literal["past", "future", "nearest"]

# How far from the anchor a bare weekday is read, by tense. News names the days of the
# week around publication; a weekday one day after the anchor in a past-tense sentence is
# the next day (the outlet's time zone lags the event's: "Putin arrived early Wednesday"
# in a paper dated Tuesday), anything else past is up to six days back.
PAST_WEEKDAY_WINDOW = (-5, 1)
FUTURE_WEEKDAY_WINDOW = (0, 6)
# A month named without a year and without a tense cue: news mostly looks back, so it is
# read as the coming one only when at most this many months ahead (measured on TimeBank
# and AQUAINT: 2 is best for "March 12"-style dates, 2–4 for bare months).
FORWARD_MONTHS = 2


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` units (day, week, month, quarter, year, decade, century)."""
    if unit in ("day", "night"):
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * amount)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
    return add_months(day, months[unit] * amount)


def value_at(day: date, granularity: str) -> str:
    """``day`` written at a granularity (day, week, weekend, month, quarter, half, year, decade,
    century): week → "2024-W25", decade → "202"."""
    year = f"{day.year:04d}"  # strftime("%Y") drops the leading zeros of years before 1000
    if granularity == "day":
        return day.isoformat()
    if granularity in ("week", "weekend"):
        iso_year, week, _ = day.isocalendar()
        return f"{iso_year:04d}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{year}-{day.month:02d}"
    if granularity == "quarter":
        return f"{year}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{year}-H{(day.month - 1) // 6 + 1}"
    if granularity == "decade":
        return year[:3]
    if granularity == "century":
        return year[:2]
    return year


def weekday_date(anchor: date, weekday: int, window: tuple[int, int]) -> date:
    """The date with ISO ``weekday`` whose offset from ``anchor`` lies in ``window`` (7 days)."""
    low, _ = window
    offset = (weekday - anchor.isoweekday() - low) % 7 + low
    return anchor + timedelta(days=offset)


def month_year(anchor: date, month: int, day: int | None, direction: Direction) -> int:
    """The year of a month (and day) named without one, seen from ``anchor``.

    Past: the latest such month (day) not after the anchor; future: the next one not before
    it; nearest: the anchor's month is this year's, a month at most FORWARD_MONTHS ahead is
    the coming one, any other the past one.
    """
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day or 0)
    past = anchor.year if there <= here else anchor.year - 1
    future = anchor.year if there >= here else anchor.year + 1
    if direction == "past":
        return past
    if direction == "future":
        return future
    if month == anchor.month:
        return anchor.year
    return future if (month - anchor.month) % 12 <= FORWARD_MONTHS else past


def season_year(anchor: date, season: str, direction: Direction, include_current: bool = False) -> int:
    """The year of a season named without one ("last fall" → the previous autumn).

    A season is labelled with the year it starts in (winter 2023 runs into 2024).
    Past: the latest such season already begun by the anchor (the current one only when
    ``include_current``: "last summer" in July is a year back, "the summer" is this one);
    future: the next one to begin; nearest: the current one, else the one of the anchor's year.
    """
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    begun = anchor.year if anchor.month >= start else anchor.year - 1
    current = anchor.month - start < 3 if anchor.month >= start else anchor.month + 12 - start < 3
    if direction == "past":
        return begun - 1 if current and not include_current else begun
    if direction == "future":
        return begun + 1
    if current:
        return begun
    # "this summer" said in November is the one just gone; said in April, the coming one
    return anchor.year - (1 if season == "WI" and anchor.month < 3 else 0)


def _number(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


# A fractional duration is written with the next smaller unit: 2.5 years → P2Y6M.
# Key and value: (letter, is a time unit); the int is how many small units make one big one.
_SMALLER: dict[tuple[str, bool], tuple[str, bool, int]] = {
    ("Y", False): ("M", False, 12),
    ("M", False): ("D", False, 30),
    ("W", False): ("D", False, 7),
    ("D", False): ("H", True, 24),
    ("H", True): ("M", True, 60),
    ("M", True): ("S", True, 60),
}


def _written(parts: list[tuple[float, str, bool]]) -> str:
    dates = "".join(f"{_number(n)}{letter}" for n, letter, is_time in parts if not is_time and n)
    times = "".join(f"{_number(n)}{letter}" for n, letter, is_time in parts if is_time and n)
    return "P" + dates + ("T" + times if times else "")


def duration_value(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: (24, "year") → "P24Y", (2, "hour") → "PT2H", (None, "day") → "PXD".

    A count of decades or centuries is written in years (P20Y), as TimeBank does.
    """
    letter, is_time, factor = UNITS[unit]
    if amount is None:
        return ("PTX" if is_time else "PX") + letter
    amount *= factor
    if letter == "Q":  # TimeML writes quarters as months
        letter, amount = "M", amount * 3
    whole = int(amount)
    fraction = amount - whole
    if fraction and (letter, is_time) in _SMALLER:
        small, small_time, per = _SMALLER[(letter, is_time)]
        return _written([(whole, letter, is_time), (round(fraction * per, 3), small, small_time)])
    return _written([(amount, letter, is_time)])


_PRECISIONS: tuple[tuple[str, Precision], ...] = (
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}T", "time"),
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}$", "day"),
    (r"[\dX]{4}-W[\dX]{2}-\d", "day"),
    (r"[\dX]{4}-W[\dX]{2}", "week"),
    (r"[\dX]{4}-[\dX]{2}$", "month"),
    (r"[\dX]{4}-[QH]", "quarter"),  # a half year ("2024-H1") has no precision of its own
    (r"[\dX]{4}-(SP|SU|FA|WI)$", "season"),
    (r"[\dX]{4}$", "year"),
    (r"\d{3}$", "decade"),
    (r"P[\dX.YMWD]*T[\dX]", "time"),
    (r"P[\dX.]*W", "week"),
    (r"P[\dX.]*D", "day"),
    (r"P[\dX.]*M", "month"),
    (r"P[\dX.]*[YEC]", "year"),
    (r"X{4}-W", "week"),
)


_COMPILED_PRECISIONS = tuple((re.compile(pattern), precision) for pattern, precision in _PRECISIONS)


@lru_cache(maxsize=4096)  # a story states the same few values over and over
def precision_of(value: str) -> Precision:
    """The granularity a TIMEX3 value states ("2024-06" → "month"; "PRESENT_REF" → "none")."""
    for pattern, precision in _COMPILED_PRECISIONS:
        if pattern.match(value):
            return precision
    return "none"


def reference_day(value: str | None) -> date | None:
    """The first day of an ISO date, month or year value."""
    if not value or not value[:4].isdigit():
        return None
    first = {4: "-01-01", 7: "-01"}.get(len(value), "")  # a year's or a month's first day
    try:
        return date.fromisoformat(value[:10] + first)
    except ValueError:
        return None
