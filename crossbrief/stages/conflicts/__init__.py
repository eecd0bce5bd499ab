"""Stage 8b, conflicts: claims in different articles that cannot both be true.

Compared on closely related sentence pairs (nearest neighbours above RELATED_SIM):

    1. numbers   the same counted thing (unit head noun), intervals that do not overlap.
                 "up to five million" and "as many as 5 million" overlap: agreement.
    2. dates     the same event (very similar sentences), different days
    3. places    the same event, different ports/harbours/airports/bases
    4. titles    the same person with incompatible titles ("Deputy Foreign Minister")
       ages      the same person given ages no birthday between the reports explains
       populations  one place given populations that do not meet, whatever the sentences
                 are about (a population is stated in passing)
    5. names     one organisation or person named two ways ("Traffic" / "Transportation
                 Safety Administration", "Siavash" / "Siavaash")
    6. status    a prediction ("may sign") and a report of what happened ("signed")

Severity is ``hard`` for incompatible claims about the same thing at the same time, and
``soft`` when the difference is explained: different reference times ("by February" vs
"by April"), a running count reported on different days (death tolls rise), different
sources' estimates, a prediction against what happened, or a date inferred for an
undated article. Every conflict says which explanation applied.
"""

from .ages import age_edges, person_ages
from .common import RELATED_SIM, Edge, Side, comparable_units, interval
from .events import date_edges, iter_related_edges, pair_edges, place_edges, status_edges
from .grouping import group_edges
from .names import name_edges, name_words, variant_kind
from .numbers import (
    FigurePairs,
    agreeing_pairs,
    counted_things,
    figure_pairs,
    iter_number_edges,
    normalise_unit,
    number_edges,
)
from .populations import place_populations, population_edges
from .titles import person_title, title_edges, titles_compatible

__all__ = [
    "RELATED_SIM",
    "Edge",
    "FigurePairs",
    "Side",
    "age_edges",
    "agreeing_pairs",
    "comparable_units",
    "counted_things",
    "date_edges",
    "figure_pairs",
    "group_edges",
    "interval",
    "iter_number_edges",
    "iter_related_edges",
    "name_edges",
    "name_words",
    "normalise_unit",
    "number_edges",
    "pair_edges",
    "person_ages",
    "place_populations",
    "population_edges",
    "person_title",
    "place_edges",
    "status_edges",
    "title_edges",
    "titles_compatible",
    "variant_kind",
]
