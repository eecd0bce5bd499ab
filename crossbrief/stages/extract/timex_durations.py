"""Normalisers for durations ("24 years" → P24Y), sets ("daily" → P1D) and references ("now").

None of these need the anchor: a duration or a set states its value, and a reference to
the present, past or future is written PRESENT_REF, PAST_REF or FUTURE_REF.
"""

from __future__ import annotations

import re

from .timex_calendar import duration_value
from .timex_lexicon import MONTHS, SEASONS, WEEKDAYS, count_value, unit_of
from .timex_reading import Context, Reading, absolute, group, relative

# "$5 million a year", "twice a week": a single unit after an amount or a count of times
# is a frequency (SET), not a duration.
_RATE_BEFORE = re.compile(
    r"(?:\d|%|percent|cents?|dollars?|euros?|pounds?|yen|million|billion|trillion|once|twice|"
    r"times|each|apiece|hours?|shifts?|days?)\W*$",
    re.I,
)


def duration(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "24 years" → P24Y, "the past two months" → P2M, "a minute and a half" → PT1M30S."""
    unit = unit_of(match.group("unit"))
    count_text = group(match, "count")
    approx = (group(match, "approx") or "").lower()
    if count_text is None:
        # TimeBank marks "recent years" PAST_REF (but "recent weeks" PXW), "coming months"
        # FUTURE_REF: the vague past and future, not a length of time.
        if "recent" in approx and unit == "year":
            return relative("DATE", "PAST_REF")
        if "coming" in approx:
            return relative("DATE", "FUTURE_REF")
        return absolute("DURATION", duration_value(None, unit))
    if unit == "quarter" and re.match(r"\s*of\b", ctx.after(4)):
        return None  # "three quarters of the members" is a fraction
    count = count_text.lower()
    if count in ("a", "an") and unit == "second" and not approx:
        return None  # "a second term"
    amount = count_value(count_text)
    if amount is not None and group(match, "half"):
        amount += 0.5
    if amount is not None and amount == 0:
        return None
    if count in ("a", "an") and _RATE_BEFORE.search(ctx.before(30)) and not approx:
        return absolute("SET", duration_value(1, unit))
    count2 = group(match, "count2")
    if count2 and count_value(count2) is None:
        amount = None  # "two or several weeks"; "two to three weeks" keeps the lower count
    return absolute("DURATION", duration_value(amount, unit))


_ADVERBS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "bimonthly": "P2M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "semiannually": "P6M",
    "semi-annually": "P6M",
}


def set_(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "daily" → P1D, "every week" → P1W, "each Thursday" → XXXX-WXX-4, "Mondays"."""
    adverb = group(match, "adverb")
    if adverb:
        return absolute("SET", _ADVERBS[adverb.lower()])
    weekday = group(match, "weekday")
    if weekday:
        part = "TNI" if re.search(r"(?i)nights", match.group(0)) else ""
        return absolute("SET", f"XXXX-WXX-{WEEKDAYS[weekday.lower()]}{part}")
    if group(match, "month"):
        return absolute("SET", f"XXXX-{MONTHS[match.group('month').lower().rstrip('.')]:02d}")
    if group(match, "season"):
        return absolute("SET", f"XXXX-{SEASONS[match.group('season').lower()]}")
    every = 2 if re.search(r"(?i)\bother\b", match.group(0)) else 1
    return absolute("SET", duration_value(every, unit_of(match.group("unit"))))


_REFS = (
    (r"now|right now|currently|current|at present|presently|nowadays|these days", "PRESENT_REF"),
    (r"recently|lately|the past", "PAST_REF"),
)  # and the rest ("the future", "the near term", "someday") FUTURE_REF


def ref(match: re.Match[str], ctx: Context) -> Reading | None:
    """ "now" → PRESENT_REF, "recently" → PAST_REF, "the future" → FUTURE_REF."""
    words = " ".join(match.group("ref").lower().split())
    if words == "now" and re.match(r"\s*(?:that|,?\s*though)\b", ctx.after(12)):
        return None  # "now that the talks failed" is a conjunction
    value = next((v for pattern, v in _REFS if re.fullmatch(pattern, words)), "FUTURE_REF")
    return relative("DATE", value)
