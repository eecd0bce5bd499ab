"""Words of English time expressions: the vocabulary the recogniser's patterns are built from.

Each table maps a written form (lower-cased) to what it means in TIMEX3 terms, and each
``*_RE`` string is a regular-expression alternation over the same table, longest forms first
so that "Sept." is tried before "Sep". Numbers written in words are read by ``text2num``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from text_to_num import text2num

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {  # ISO weekday numbers, Monday = 1
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "mid-afternoon": "AF",
    "midafternoon": "AF",
    "mid afternoon": "AF",
    "midmorning": "MO",
    "mid-morning": "MO",
    "daybreak": "MO",
    "dawn": "MO",
    "dusk": "EV",
    "nightfall": "EV",
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty-second": 22,
    "twenty-third": 23,
    "twenty-fourth": 24,
    "twenty-fifth": 25,
    "twenty-sixth": 26,
    "twenty-seventh": 27,
    "twenty-eighth": 28,
    "twenty-ninth": 29,
    "thirtieth": 30,
    "thirty-first": 31,
    "last": -1,
    "final": -1,
}
# TIMEX3 unit letters; the value is (letter, time unit?, multiplier to that letter).
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "night": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "weekend": ("D", False, 2),
    "month": ("M", False, 1),
    "quarter": ("Q", False, 1),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
    "millennium": ("Y", False, 1000),
}
UNIT_PLURALS: dict[str, str] = {
    "seconds": "second",
    "minutes": "minute",
    "hours": "hour",
    "days": "day",
    "nights": "night",
    "weeks": "week",
    "fortnights": "fortnight",
    "weekends": "weekend",
    "months": "month",
    "quarters": "quarter",
    "years": "year",
    "decades": "decade",
    "centuries": "century",
    "millennia": "millennium",
    "secs": "second",
    "mins": "minute",
    "hrs": "hour",
    "yrs": "year",
}
# Number words a duration may start with, beyond what text2num reads; None = unspecified (X).
VAGUE_NUMBERS: dict[str, float | None] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a pair of": 2,
    "a few": None,
    "few": None,
    "several": None,
    "many": None,
    "some": None,
    "a number of": None,
    "dozens of": None,
    "hundreds of": None,
    "a dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
    "a half-dozen": 6,
    "half a dozen": 6,
}
DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand"
).split()


def alternation(words: Iterable[str]) -> str:
    """A regex alternation over ``words``, longest first, so a longer form wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _capitalised(words: Iterable[str]) -> list[str]:
    return [w[:1].upper() + w[1:] for w in words]


_MONTH_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ABBR = [m for m in MONTHS if m not in _MONTH_FULL]
# Month names are matched capitalised: lower-case "may" and "march" are a verb and a modal.
MONTH_RE = alternation(
    _capitalised(_MONTH_FULL) + [m.upper() for m in _MONTH_FULL] + [a + "." for a in _capitalised(_MONTH_ABBR)]
)
# Before a day number a bare abbreviation ("Sept 30") is safe.
MONTH_DAY_RE = alternation(
    _capitalised(_MONTH_FULL)
    + [m.upper() for m in _MONTH_FULL]
    + [a + "." for a in _capitalised(_MONTH_ABBR)]
    + _capitalised(a for a in _MONTH_ABBR if a not in ("mar", "jun", "jul"))
)
WEEKDAY_RE = alternation(_capitalised(WEEKDAYS) + [w.upper() for w in WEEKDAYS])
SEASON_RE = alternation(SEASONS)
PART_OF_DAY_RE = alternation(PARTS_OF_DAY)
UNIT_RE = alternation(list(UNITS) + list(UNIT_PLURALS))
NUMBER_WORD_RE = (
    r"(?:(?:" + alternation(NUMBER_WORDS) + r")(?:[- ](?:and[- ])?(?:" + alternation(NUMBER_WORDS) + r"))*)"
)
# A count: digits ("270", "1,000", "2.5", "2 1/2"), words ("twenty four"), or vague ("several").
COUNT_RE = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+1/2|½)?|"
    + NUMBER_WORD_RE
    + r"(?:\s+and\s+a\s+half)?|"
    + alternation(VAGUE_NUMBERS)
)
ORDINAL_RE = alternation(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th)"


def month_number(word: str) -> int:
    """1–12 for a month name or abbreviation ("Sept." → 9)."""
    return MONTHS[word.lower().rstrip(".")]


def unit_of(word: str) -> str:
    """The singular unit name for a unit word ("centuries" → "century")."""
    word = word.lower().rstrip(".")
    return UNIT_PLURALS.get(word, word)


def ordinal_value(word: str) -> int | None:
    """1 for "first"/"1st", -1 for "last"; None if not an ordinal."""
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", word)
    return int(digits.group(1)) if digits else None


def count_value(text: str) -> float | None:
    """The number a count stands for; None when it is vague ("several", "a few").

    >>> count_value("twenty four"), count_value("2 1/2"), count_value("a couple of")
    (24.0, 2.5, 2.0)
    """
    text = " ".join(text.lower().replace("½", " 1/2").split())
    half = 0.0
    for suffix in (" 1/2", " and a half"):
        if text.endswith(suffix):
            text, half = text[: -len(suffix)].strip(), 0.5
    if text in VAGUE_NUMBERS:
        vague = VAGUE_NUMBERS[text]
        return None if vague is None else vague + half
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) + half
    try:
        return float(text2num(text.replace(" and ", " "), "en")) + half
    except ValueError:
        return None


def spoken_year(text: str) -> int | None:
    """A year said in words: "nineteen ninety-six" → 1996, "two thousand one" → 2001."""
    words = text.lower().replace("-", " ").split()
    if len(words) >= 2 and words[0] in ("nineteen", "eighteen", "twenty"):
        head = {"eighteen": 18, "nineteen": 19, "twenty": 20}[words[0]]
        if words[1] in ("hundred",):
            return head * 100
        try:
            tail = text2num(" ".join(words[1:]), "en")
        except ValueError:
            return None
        return head * 100 + tail if 10 <= tail < 100 else None
    try:
        value = text2num(" ".join(w for w in words if w != "and"), "en")
    except ValueError:
        return None
    return value if 1000 <= value <= 2099 else None
