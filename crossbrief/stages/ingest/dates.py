"""Publication dates as outlets print them: "18/06/2024 19h15", "June 18, 2024", ISO stamps."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from types import ModuleType

# A header date line must carry a 4-digit year; without one, words like "March" or
# "Monday" would read as dates.
_HAS_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
# Words outlets put around the stamp that dateparser does not expect.
_NOISE = re.compile(
    r"^\s*(published|updated|posted|last updated|first published)\s*(on|at)?\s*:?\s*"
    r"|\s+(at|@)\s+\d.*$|\s*[|·•]\s*\d+\s*min(ute)?s?\s+read.*$",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


@lru_cache(maxsize=1)
def _dateparser() -> ModuleType:
    # Imported on first use: it takes ~0.5 s and most inputs never need it.
    import dateparser

    return dateparser


def parse_date_line(line: str, date_order: str = "DMY") -> date | None:
    """The date a short header or byline line states, or None when it states none.

    >>> parse_date_line("18/06/2024 19h15")
    datetime.date(2024, 6, 18)
    >>> parse_date_line("Politics") is None
    True
    """
    text = line.strip()
    if not text or len(text) > 80 or not _HAS_YEAR.search(text):
        return None
    text = _NOISE.sub("", text)
    text = _DOTTED.sub(r"\1/\2/\3", text)
    parsed = _dateparser().parse(
        text,
        settings={"DATE_ORDER": date_order, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return parsed.date() if parsed else None


_ISO_START = re.compile(r"^\d{4}-")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=[T ]|$)")


def parse_iso_date(value: object) -> date | None:
    """A date from an ISO-8601 string, a datetime, or a date; None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        if _ISO_START.match(text):  # ISO-shaped: its date part or nothing ("1998--1-1-" is no date)
            day = _ISO_DAY.match(text)
            try:
                return date(int(day[1]), int(day[2]), int(day[3])) if day else None
            except ValueError:
                return None
        return parse_date_line(text)
