"""What a normaliser hands back, and the context it reads: shared by the normaliser modules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ...records import TimexType
from .timex_calendar import Direction
from .timex_context import direction

# How a value came about: stated outright, resolved against the anchor, resolved against a
# date the text mentioned earlier ("the following year"), or left unresolved.
Grounding = Literal["absolute", "relative", "mentioned", "none"]


@dataclass(frozen=True, slots=True)
class Reading:
    """A normalised time expression before it becomes a :class:`TimeExpression`."""

    type: TimexType
    value: str
    grounding: Grounding


_SINCE = re.compile(r"\b(?:since|from)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class Context:
    """The text an expression was found in, its span, the anchor date (if any), and the last
    date the text mentioned before the expression (with its precision), for "that day"."""

    text: str
    start: int
    end: int
    anchor: date | None
    mentioned: tuple[date, str] | None = None

    def direction(self) -> Direction:
        """Whether the sentence around the expression looks forward or back from the anchor."""
        return direction(self.text, self.start, self.end)

    def calendar_direction(self) -> Direction:
        """How to read a month or date without a year: "since" looks back, a future cue forward."""
        if _SINCE.search(self.before(8)):
            return "past"
        return "future" if self.direction() == "future" else "nearest"

    def before(self, chars: int = 40) -> str:
        """Up to ``chars`` characters of text just before the expression."""
        return self.text[max(0, self.start - chars) : self.start]

    def after(self, chars: int = 40) -> str:
        """Up to ``chars`` characters of text just after the expression."""
        return self.text[self.end : self.end + chars]


def group(match: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the pattern has no such group or it did not take part."""
    try:
        return match.group(name)
    except IndexError:
        return None


def absolute(type_: TimexType, value: str) -> Reading:
    """A reading the expression states by itself ("June 2024", "P24Y")."""
    return Reading(type_, value, "absolute")


def relative(type_: TimexType, value: str) -> Reading:
    """A reading resolved against the anchor ("yesterday" → the day before publication)."""
    return Reading(type_, value, "relative")


def mentioned(type_: TimexType, value: str) -> Reading:
    """A reading resolved against a date mentioned earlier in the text ("the next day")."""
    return Reading(type_, value, "mentioned")


def unresolved(type_: TimexType, value: str) -> Reading:
    """A reading that needed an anchor and had none ("XXXX-09")."""
    return Reading(type_, value, "none")
