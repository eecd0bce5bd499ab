"""Population conflicts: one place given populations that cannot both be right ("Croatia's
4.7 million population" / "Croatia, a country of 4 million").

News states a place's population in passing, as background to whatever the sentence is
about ("plunged Puerto Rico and its 4 million people into darkness"), so the two sentences
are seldom alike and the figure pairs of :mod:`.numbers` never meet. A population belongs
to its place, as an age to its person: two articles' figures for one place are compared
whatever else their sentences say. Figures round ("4 million" for 3.8 million is rounding
beyond what the words allow, "38 million" for 38.5 million is not; see ``interval``), and a
population is an estimate: a disagreement is soft, as the annotation guide rates two
sources' estimates of one thing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ...records import Quantity
from .common import Edge, Side, interval, make_claim, overlaps

PLACE_LABELS = frozenset({"GPE", "LOC"})
# What a place's people are called when the figure counts them all.
_PEOPLE = r"(?:people|residents|inhabitants|population|citizens)"
_ESTIMATED = r"(?:(?:estimated|some|about|nearly|roughly)\s+)?"
# Right after the place's name, up to the figure: "Croatia's 4.7 million population",
# "Puerto Rico and its 4 million people", "Croatia, a country of 4 million".
_BEFORE_FIGURE = re.compile(
    rf"^(?:['’]s\s+{_ESTIMATED}|\s+and\s+its\s+{_ESTIMATED}"
    r"|,\s+an?\s+(?:country|nation|island|city|state|territory|province|region)\s+of\s+(?:about\s+|some\s+|nearly\s+)?)$"
)
# "a country of 4 million" needs no noun after the figure; the other two forms do.
_OF_FORM = re.compile(r"^,\s+an?\s+")
_PEOPLE_WORD = re.compile(rf"\b{_PEOPLE}\b")
_PEOPLE_AFTER = re.compile(rf"^\s*{_PEOPLE}\b")
# Populations in the millions: smaller figures after a place's name are seldom all its people
# ("Brennik's 40 rescuers").
MIN_POPULATION = 1e6


def place_populations(side: Side) -> list[tuple[str, Quantity]]:
    """(canonical place, figure) for each place the sentence gives a whole population of."""
    text = side.unit.text
    found = []
    for e in side.extraction.entities:
        if e.label not in PLACE_LABELS:
            continue
        for q in side.extraction.quantities:
            if q.start < e.end or q.start - e.end > 60 or q.low is None or q.low < MIN_POPULATION:
                continue
            between = text[e.end : q.start]
            if not _BEFORE_FIGURE.match(between):
                continue
            # the quantity reader may take the noun into the figure ("4 million people")
            noun_inside = _PEOPLE_WORD.search(q.text) is not None
            if _OF_FORM.match(between) or noun_inside or _PEOPLE_AFTER.match(text[q.end :]):
                found.append((e.canonical, q))
    return found


def population_edges(sides: Sequence[Side]) -> list[Edge]:
    """Pairs of articles giving one place populations whose intervals do not meet (one edge
    per pair of distinct figures, with the first sentence that gives each)."""
    by_place: dict[str, dict[tuple[float, float], tuple[Side, Quantity]]] = defaultdict(dict)
    for side in sides:
        if side.unit.language != "en":
            continue
        for place, q in place_populations(side):
            by_place[place].setdefault(interval(q), (side, q))
    edges = []
    for place, readings in by_place.items():
        items = list(readings.items())
        for n, (span_a, (a, qa)) in enumerate(items):
            for span_b, (b, qb) in items[n + 1 :]:
                if a.unit.article != b.unit.article and not overlaps(span_a, span_b):
                    edges.append(
                        Edge(
                            "number",
                            f"population of {place}",
                            "soft",
                            "different estimates of a place's population",
                            make_claim(a, qa.text),
                            make_claim(b, qb.text),
                        )
                    )
    return edges
