"""Age conflicts: one person given ages that cannot both be true on the days the articles
were published ("Schulz, 77," and "Charles M. Schulz, 78," in two reports of one day).

Wire copy states a person's age beside the name ("Siavash Mohseni, 24, a student"; "the
3-year-old Rachel Aldrich"), and outlets get it wrong often enough that the annotation
guide lists a bomber's age among the disagreements to find. An age is no count to set
against others of its unit: it belongs to a name, and a year later it is one more. So two
ages of one person disagree only when no birthday can reconcile them: between reports
``d`` years apart the later age is the earlier plus ``floor(d)`` or ``floor(d) + 1``.

A bare surname the story could not resolve to one full name ("Schulz" beside "Charles M.
Schulz" and "Jeannie Schulz") is compared with the full names ending in it, and only when
the ages are near (within NEAR_YEARS of reconciling): a wife or a son of that name is
rarely so close in age. Only articles with publication dates are compared: without them,
a year more may be a birthday, and the brief keeps out what it cannot tell.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from .common import PERSON, Edge, Side, make_claim

# "Schulz, 77, said" / "Schulz, 77." / "(Schulz, 77)" / "Schulz, 77 and ill": the appositive
# age right after the name.
_AGE_AFTER = re.compile(r"^,\s*(\d{1,3})\s*(?:,(?!\d)|\.(?!\d)|;|\)|$|and\s+(?!\d))")
# "the 3-year-old Rachel Aldrich": the age right before the name.
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+$")
OLDEST = 115
DAYS_A_YEAR = 365.2425
NEAR_YEARS = 2


def person_ages(side: Side) -> list[tuple[str, int]]:
    """(canonical name, age) for each person the sentence gives an age beside."""
    text = side.unit.text
    found = []
    for e in side.extraction.entities:
        if e.label != PERSON:
            continue
        match = _AGE_AFTER.match(text[e.end : e.end + 12]) or _AGE_BEFORE.search(text[max(0, e.start - 16) : e.start])
        if match and 0 < (age := int(match.group(1))) <= OLDEST:
            found.append((e.canonical, age))
    return found


def _years_off(first: tuple[int, date], later: tuple[int, date]) -> int:
    """How many years the later age is off what a birthday allows: 0 when the later age is
    the earlier plus the whole years between the reports, or one more when they are days
    apart (a birthday between them)."""
    (age, day), (later_age, later_day) = first, later
    days = (later_day - day).days
    years = int(days // DAYS_A_YEAR)
    allowed = (years, years + 1) if days else (years,)  # no birthday falls between two reports of one day
    gap = later_age - age
    return min(abs(gap - a) for a in allowed)


def _same_person(a: str, b: str) -> tuple[bool, bool]:
    """(may be one person, only by a bare surname): equal names, or a one-word name that is
    the other's last word."""
    if a == b:
        return True, False
    wa, wb = a.split(), b.split()
    bare = (len(wa) == 1) != (len(wb) == 1)
    return bare and wa[-1] == wb[-1], True


def age_edges(sides: Sequence[Side]) -> list[Edge]:
    """Pairs of articles giving one person ages no birthday reconciles (one edge per pair of
    distinct (age, day) readings, with the first sentence that gives each)."""
    by_surname: dict[str, dict[tuple[str, int, date], Side]] = defaultdict(dict)
    for side in sides:
        if side.published is None or side.unit.language != "en":
            continue
        for person, age in person_ages(side):
            by_surname[person.split()[-1]].setdefault((person, age, side.published), side)
    edges = []
    for readings in by_surname.values():
        ordered = sorted(readings.items(), key=lambda item: (item[0][2], item[0][1], item[0][0]))
        for n, ((name_a, age_a, day_a), a) in enumerate(ordered):
            for (name_b, age_b, day_b), b in ordered[n + 1 :]:
                same, bare = _same_person(name_a, name_b)
                if not same or a.unit.article == b.unit.article:
                    continue
                off = _years_off((age_a, day_a), (age_b, day_b))
                if off and not (bare and off > NEAR_YEARS):
                    person = max(name_a, name_b, key=len)
                    edges.append(
                        Edge(
                            "number",
                            f"age of {person}",
                            "hard",
                            "one person given ages no birthday between the reports explains",
                            make_claim(a, f"{age_a} years old"),
                            make_claim(b, f"{age_b} years old"),
                        )
                    )
    return edges
