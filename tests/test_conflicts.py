"""Conflicts: intervals not strings, severity with its explanation, grouping."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from crossbrief.records import Attribution, EntityMention, Quantity, SentenceExtraction, TimeExpression
from crossbrief.stages import conflicts
from crossbrief.stages.align import Unit
from crossbrief.stages.extract.quantities import find_quantities


def q(text, low, high, qualifier="exact", unit=None, vague=None, start=0):
    return Quantity(start, start + len(text), text, low, high, qualifier, unit, vague)


def side(article, text, quantities=(), times=(), speaker=None, modality="stated", published=None, entities=()):
    attribution = Attribution(speaker, speaker, "said") if speaker else None
    ex = SentenceExtraction(article, 0, tuple(entities), tuple(quantities), tuple(times), attribution, modality)
    same_topic = np.ones(4, dtype=np.float32) / 2  # unit vector: every pair of test sentences is related
    return conflicts.Side(Unit(article, 0, text, "en"), ex, published, "publication", same_topic, published)


def number_edges(*sides):
    return conflicts.number_edges(list(sides))


def test_conflicts_interval_agreement_is_not_a_conflict():
    a = side("a", "up to five million shells", [q("up to five million", None, 5e6, "at_most", "shells")])
    b = side("b", "as many as 5 million shells", [q("as many as 5 million", None, 5e6, "at_most", "shells")])
    assert number_edges(a, b) == []


def test_conflicts_durations_compare_in_days():
    a = side("a", "held 270 days after", [q("270 days", 270, 270, unit="days")])
    b = side("b", "in the past nine months", [q("nine months", 9, 9, unit="months")])
    c = side("c", "nearly 25 years", [q("nearly 25 years", 22.5, 25, "about", unit="years")])
    d = side("d", "in 24 years", [q("24 years", 24, 24, unit="years")])
    assert number_edges(a, b) == [] and number_edges(c, d) == []


def test_conflicts_vague_counts_from_one_speaker_are_hard():
    a = side(
        "a",
        "several ballistic missiles",
        [q("several", 3, 9, "vague", "ballistic missiles", "several")],
        speaker="Shin Won-sik",
        modality="hedged",
    )
    b = side(
        "b",
        "dozens of ballistic missiles",
        [q("dozens", 24, 99, "vague", "ballistic missiles", "dozens")],
        speaker="Shin Won-sik",
        modality="hedged",
    )
    [edge] = number_edges(a, b)
    assert edge.severity == "hard" and "same source (Shin Won-sik)" in edge.reason


def test_conflicts_a_running_total_that_falls_is_hard_one_that_rises_is_soft():
    feb = TimeExpression(20, 28, "February", "DATE", "2024-02", "month", "publication")
    mar = TimeExpression(20, 30, "March 2024", "DATE", "2024-03", "month", "absolute")
    a = side(
        "a",
        "more than 10,000 containers by February",
        [q("more than 10,000", 10000, None, "at_least", "shipping containers")],
        [feb],
    )
    b = side("b", "nearly 7000 containers by March 2024", [q("nearly 7000", 6300, 7000, "about", "containers")], [mar])
    [edge] = number_edges(a, b)
    assert edge.severity == "hard" and "running count that fell between 2024-02 and 2024-03" in edge.reason
    c = side(
        "c", "some 12,000 containers by March 2024", [q("some 12,000", 11000, 13000, "about", "containers")], [mar]
    )
    earlier = side(
        "d", "nearly 7000 containers by February", [q("nearly 7000", 6300, 7000, "about", "containers")], [feb]
    )
    [edge] = number_edges(earlier, c)
    assert edge.severity == "soft" and "2024-02 vs 2024-03" in edge.reason


def test_conflicts_a_measure_stated_for_different_days_is_no_conflict():
    # a temperature, not a running total: on another day it is another measurement
    mon = TimeExpression(0, 6, "Monday", "DATE", "2024-02-05", "day", "publication")
    wed = TimeExpression(0, 9, "Wednesday", "DATE", "2024-02-07", "day", "publication")
    a = side("a", "Monday's low was minus 12 degrees", [q("12 degrees", 12, 12, unit="degrees", start=22)], [mon])
    b = side("b", "Wednesday's low was minus 26 degrees", [q("26 degrees", 26, 26, unit="degrees", start=25)], [wed])
    assert number_edges(a, b) == []
    b_same_day = side(
        "b", "Monday's low was minus 26 degrees", [q("26 degrees", 26, 26, unit="degrees", start=22)], [mon]
    )
    assert len(number_edges(a, b_same_day)) == 1


def test_conflicts_a_quakes_magnitude_on_another_date_is_another_quake_whatever_else_is_counted():
    def quake(article, text, figure, low, when, value):
        day = TimeExpression(text.index(when), text.index(when) + len(when), when, "DATE", value, "day", "absolute")
        return side(article, text, [q(figure, low, low, unit="magnitude", start=text.index(figure))], [day])

    september = quake(
        "a",
        "A quake with a magnitude of 6.1 struck in September, killing at least seven",
        "6.1",
        6.1,
        "September",
        "2005-09",
    )
    sunday = quake("b", "A quake with a magnitude of 5.6 struck on 27 November, killing three", "5.6", 5.6,
                   "27 November", "2005-11-27")  # fmt: skip
    same_day = quake("c", "A quake with a magnitude of 5.9 struck on 27 November, killing three", "5.9", 5.9,
                     "27 November", "2005-11-27")  # fmt: skip
    assert number_edges(september, sunday) == []  # "killing" grows; a magnitude does not
    assert len(number_edges(sunday, same_day)) == 1


def test_conflicts_figures_told_apart_by_place_year_or_increment_are_no_conflict():
    def place(name, at):
        return EntityMention(at, at + len(name), name, "GPE", name)

    a = side(
        "a",
        "In Poland the cold killed 36 people",
        [q("36 people", 36, 36, unit="deaths", start=26)],
        entities=[place("Poland", 3)],
    )
    b = side(
        "b",
        "Across Europe the cold killed 83 people",
        [q("83 people", 83, 83, unit="deaths", start=30)],
        entities=[place("Europe", 7)],
    )
    assert number_edges(a, b) == []
    c = side(
        "c",
        "In northern Poland the cold killed 40 people",
        [q("40 people", 40, 40, unit="deaths", start=35)],
        entities=[place("northern Poland", 3)],
    )
    assert len(number_edges(a, c)) == 1  # "Poland" and "northern Poland" are one place
    more = side("d", "The cold killed 20 more people", [q("20", 20, 20, unit="deaths", start=16)])
    total = side("e", "The cold killed 56 people", [q("56 people", 56, 56, unit="deaths", start=16)])
    assert number_edges(more, total) == []
    part = side(
        "h",
        "when 20 million out of 30 million people voted",
        [q("30 million people", 3e7, 3e7, unit="people", start=23)],
    )
    votes = side("i", "when 20 million people voted", [q("20 million people", 2e7, 2e7, unit="people", start=5)])
    assert number_edges(part, votes) == []  # the base a part is taken from is not the part
    y1966 = TimeExpression(3, 7, "1966", "DATE", "1966", "year", "absolute")
    y1998 = TimeExpression(3, 7, "1998", "DATE", "1998", "year", "absolute")
    old = side(
        "f",
        "In 1966 there were 150,000 meteors an hour",
        [q("150,000 meteors", 150000, 150000, unit="meteors", start=19)],
        [y1966],
    )
    new = side(
        "g",
        "In 1998 there were 1,000 meteors an hour",
        [q("1,000 meteors", 1000, 1000, unit="meteors", start=19)],
        [y1998],
    )
    assert number_edges(old, new) == []


def test_conflicts_running_count_rising_is_soft_but_fixed_count_is_hard():
    day1 = side(
        "a",
        "The quake hit, killing 12 people",
        [q("12 people", 12, 12, unit="people", start=21)],
        published=date(2025, 4, 12),
    )
    day2 = side(
        "b",
        "The quake hit, killing at least 48",
        [q("at least 48", 48, None, "at_least", None, start=22)],
        published=date(2025, 4, 13),
    )
    assert number_edges(day1, day2)[0].severity == "soft"
    crew1 = side("a", "its 23 crew members", [q("23", 23, 23, unit="crew members")], published=date(2025, 3, 4))
    crew2 = side("b", "25 crew members on board", [q("25", 25, 25, unit="crew members")], published=date(2025, 3, 5))
    assert number_edges(crew1, crew2)[0].severity == "hard"


def test_conflicts_agencies_estimates_are_soft():
    a = side("a", "The quake had a magnitude of 6.4", [q("6.4", 6.4, 6.4, unit="magnitude", start=29)], speaker="KSI")
    b = side("b", "The quake had a magnitude of 6.2", [q("6.2", 6.2, 6.2, unit="magnitude", start=29)], speaker="AGS")
    [edge] = number_edges(a, b)
    assert edge.severity == "soft" and "estimates" in edge.reason


def test_conflicts_dates_of_one_event():
    d14 = TimeExpression(0, 6, "14 May", "DATE", "2025-05-14", "day", "absolute")
    d15 = TimeExpression(0, 6, "15 May", "DATE", "2025-05-15", "day", "absolute")
    a = side("a", "The treaty was signed on 14 May.", times=[d14])
    b = side("b", "The treaty was signed on 15 May.", times=[d15])
    [edge] = conflicts.date_edges(a, b, 0.9)
    assert edge.severity == "hard" and edge.kind == "date"
    assert conflicts.date_edges(a, b, 0.5) == []  # unrelated sentences are not compared
    # An undated article's "yesterday" read against a day the story supplied is a guess: unknown.
    yesterday = TimeExpression(22, 31, "yesterday", "DATE", "2025-05-16", "day", "mentioned")
    c = side("c", "The treaty was signed yesterday.", times=[yesterday])
    assert conflicts.date_edges(a, c, 0.9) == []
    # … but words that name a weekday can still be compared: "Friday" against 14 May 2025, a
    # Wednesday, is a clash; against "Wednesday" none.
    friday = TimeExpression(24, 30, "Friday", "DATE", "2025-05-16", "day", "mentioned")
    d = side("d", "The treaty was signed on Friday.", times=[friday])
    [edge] = conflicts.date_edges(a, d, 0.9)
    assert edge.severity == "soft" and "weekdays" in edge.reason
    wednesday = TimeExpression(24, 33, "Wednesday", "DATE", "2025-05-21", "day", "mentioned")
    e = side("e", "The treaty was signed on Wednesday.", times=[wednesday])
    assert conflicts.date_edges(a, e, 0.9) == []


def dated(article, text, phrase, value, anchor="absolute"):
    """A sentence naming one day: ``phrase``, found in ``text``, read as ``value``."""
    at = text.index(phrase)
    return side(article, text, times=[TimeExpression(at, at + len(phrase), phrase, "DATE", value, "day", anchor)])


def test_conflicts_one_claim_dated_two_ways_needs_no_event_word():
    # No "-ed" word stands by either date ("is", "will be held"), but the sentences state one
    # claim and each names one calendar day: the claim is dated two ways.
    a = dated(
        "a",
        "Next season, the league's title game is the Harbour Bowl Jan. 3, 2000 at Port Caldera.",
        "Jan. 3, 2000",
        "2000-01-03",
    )
    b = dated(
        "b",
        "The 2000 title game will be played Jan. 4 at the Harbour Bowl in Port Caldera.",
        "Jan. 4",
        "2000-01-04",
        "publication",
    )
    [edge] = conflicts.date_edges(a, b, 0.85)
    assert {edge.left.value, edge.right.value} == {"2000-01-03", "2000-01-04"}
    assert conflicts.date_edges(a, b, 0.7) == []  # related, but not shown to state one claim
    # Two reports' weekdays date two steps of a story, not one claim dated twice.
    c = dated(
        "c",
        "Voters gave the president a comfortable lead in the first round of balloting Sunday.",
        "Sunday",
        "1998-10-04",
        "publication",
    )
    d = dated(
        "d",
        "With most of the votes counted Tuesday, the president continued to lead.",
        "Tuesday",
        "1998-10-06",
        "publication",
    )
    assert conflicts.date_edges(c, d, 0.85) == []
    # Time stamps say nothing besides their dates: no claim is dated.
    e = dated("e", "26 September 2013, 10:00 (GMT+05:00)", "26 September 2013", "2013-09-26")
    f = dated("f", "2 October 2013, 15:39 (GMT+05:00)", "2 October 2013", "2013-10-02")
    assert conflicts.date_edges(e, f, 0.95) == []


def test_conflicts_status_prediction_against_outcome():
    day = date(2025, 5, 14)
    a = side("a", "The leaders may sign a partnership treaty.", modality="predicted", published=day)
    b = side("b", "The leaders signed a partnership treaty.", published=day)
    [edge] = conflicts.status_edges(a, b)
    assert edge.kind == "status" and edge.severity == "soft"
    # A prediction filed before the report is the story moving on; undated, the order is unknown.
    before = side("c", "The leaders may sign a partnership treaty.", modality="predicted", published=date(2025, 5, 12))
    assert conflicts.status_edges(before, b) == []
    undated = side("d", "The leaders may sign a partnership treaty.", modality="predicted")
    assert conflicts.status_edges(undated, b) == []


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("Interior Minister", "Minister", True),
        ("Deputy Foreign Minister", "Foreign Minister", False),
        ("Cmdr.", "Commander", True),
        ("Foreign Minister", "Finance Minister", False),
        ("White House press secretary", "spokesman", True),
        ("Foreign Secretary", "spokesman", False),
        ("Premier", "Prime Minister", True),  # what some outlets call a prime minister
        ("Premier", "Foreign Minister", False),
        ("interim FBI director", "FBI Acting Director", True),  # one rank; the agency inside the title
        ("FBI director", "FBI Acting Director", False),
        ("Navy Chief Admiral", "Admiral", True),  # a post, not a rank beside the admiral's
        ("Deputy Sgt.", "Sgt.", True),  # a sheriff's deputy
        ("Sgt.", "Lt.", False),
    ],
)
def test_conflicts_titles(a, b, compatible):
    ta = conflicts.person_title(f"{a} Idris Calloway", len(a) + 1)
    tb = conflicts.person_title(f"{b} Idris Calloway", len(b) + 1)
    assert conflicts.titles_compatible(ta, tb) is compatible


def test_conflicts_place_names_for_one_event():
    a = side(
        "a",
        "The tanker was escorted to Port Caldera.",
        entities=[EntityMention(27, 39, "Port Caldera", "GPE", "Port Caldera")],
    )
    b = side(
        "b",
        "The tanker was escorted to Vesk harbour.",
        entities=[EntityMention(27, 39, "Vesk harbour", "FAC", "Vesk harbour")],
    )
    [edge] = conflicts.place_edges(a, b, 0.85)
    assert edge.kind == "entity" and {edge.left.value, edge.right.value} == {"Port Caldera", "Vesk harbour"}


def test_conflicts_grouping_joins_claims_about_one_subject():
    day = [
        side(x, f"The toll rose to {n}", [q(str(n), n, n, start=17)], published=date(2025, 4, d))
        for x, n, d in (("a", 12, 12), ("b", 48, 13), ("c", 61, 14))
    ]
    edges = number_edges(*day)
    [conflict] = conflicts.group_edges(edges)
    assert [c.value for c in conflict.claims] == ["12", "48", "61"] and conflict.severity == "soft"


def test_conflicts_one_disagreement_in_two_wire_copies_is_one_conflict():
    # e and f are re-filed copies of one wire story, both giving 40 and 10 in other
    # sentences: the copies' edges (e40-f10, f40-e10) are one disagreement, not two
    turnout = "Nationwide, 40 percent of the electorate voted, a newspaper said."
    exiles = "An exile group claimed that only about 10 percent of the electorate voted."
    sides = [
        side(a, t, [q(v, n, n, unit="percent", start=t.index(v))])
        for a in ("e", "f")
        for t, v, n in ((turnout, "40 percent", 40), (exiles, "10 percent", 10))
    ]
    edges = number_edges(*sides)
    assert len(edges) == 2  # e40-f10 and f40-e10: same-article pairs are never compared
    [conflict] = conflicts.group_edges(edges)
    assert sorted((c.article, c.value) for c in conflict.claims) == [
        ("e", "10 percent"),
        ("e", "40 percent"),
        ("f", "10 percent"),
        ("f", "40 percent"),
    ]


def test_conflicts_figures_for_other_events_are_ignored():
    text = "The last destructive quake, in March 2009, killed four people"
    old = TimeExpression(
        text.index("March"), text.index("March") + 10, "March 2009", "DATE", "2009-03", "month", "absolute"
    )
    a = side(
        "a",
        "The quake killed seven people in the old town",
        [q("seven people", 7, 7, unit="people", start=17)],
        published=date(2025, 4, 23),
    )
    b = side(
        "b", text, [q("four people", 4, 4, unit="people", start=text.index("four"))], [old], published=date(2025, 4, 23)
    )
    assert number_edges(a, b) == []


def test_conflicts_referring_numbers_are_not_claims():
    a = side("a", "talks between the two countries", [q("two countries", 2, 2, unit="countries", start=18)])
    b = side("b", "talks between the three countries", [q("three countries", 3, 3, unit="countries", start=18)])
    assert number_edges(a, b) == []


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The quake struck before dawn, killing 12 people", "deaths"),
        ("The death toll from the quake rose to 61", "deaths"),
        ("A magnitude 6.4 earthquake struck", "magnitude"),
        ("the number of rescuers had doubled to 1,200", "rescuers"),
    ],
)
def test_conflicts_unit_named_from_context(sentence, unit):
    from crossbrief.stages.extract.quantities import find_quantities

    figures = [conflicts.normalise_unit(sentence, x) for x in find_quantities(sentence)]
    assert unit in {f.unit for f in figures}


def test_conflicts_pair_sims_are_the_single_pair_dot_products():
    rng = np.random.default_rng(7)
    rows = rng.standard_normal((40, 384)).astype(np.float32)
    sides = [
        conflicts.Side(Unit(f"a{n}", 0, "x", "en"), SentenceExtraction(f"a{n}", 0), None, "publication", rows[n])
        for n in range(len(rows))
    ]
    pairs = [(i, 0, j, 0) for i in range(len(rows)) for j in range(i + 1, len(rows))]
    assert conflicts.numbers._pair_sims(sides, pairs) == [float(rows[i] @ rows[j]) for i, _, j, _ in pairs]
    sides[3] = conflicts.Side(sides[3].unit, sides[3].extraction, None, "publication")  # no vector
    sims = conflicts.numbers._pair_sims(sides, pairs)
    assert [s is None for s in sims] == [3 in (i, j) for i, _, j, _ in pairs]


@pytest.mark.parametrize(
    "text",
    [
        "The death TOLL rose",
        "overkill",
        "re-Killed",
        "an Estimated 40",
        "no match here",
        "Magnitude-6 quake",
        "Gdp grew",
    ],
)
def test_conflicts_lowercase_patterns_match_as_case_insensitive_ones(text):
    lower, numbers = text.lower(), conflicts.numbers
    assert bool(numbers._RUNNING_COUNTS_LOWER.search(lower)) == bool(numbers.RUNNING_COUNTS.search(text))
    assert bool(numbers._MEASUREMENTS_LOWER.search(lower)) == bool(numbers.MEASUREMENTS.search(text))


def test_conflicts_crowded_units_pair_only_neighbouring_sentences_in_their_order():
    n = conflicts.numbers.ALL_PAIRS_MAX + 10
    sides = [
        side(f"a{k}", f"{k + 1} crew members", [q(str(k + 1), k + 1, k + 1, unit="crew members")]) for k in range(n)
    ]
    nearby = {(0, 5), (7, 9), (3, 4), (10, n - 1)}
    found = conflicts.figure_pairs(sides, nearby)
    assert [(i, j) for i, _, j, _ in found.pairs] == list(nearby)
    assert len(conflicts.figure_pairs(sides).pairs) == n * (n - 1) // 2  # without neighbours: all pairs


def test_conflicts_grouping_takes_edges_one_at_a_time():
    day = [
        side(x, f"The toll rose to {n}", [q(str(n), n, n, start=17)], published=date(2025, 4, d))
        for x, n, d in (("a", 12, 12), ("b", 48, 13), ("c", 61, 14))
    ]
    edges = number_edges(*day)
    assert conflicts.group_edges(iter(edges)) == conflicts.group_edges(edges)
    hard = conflicts.Edge("number", edges[0].subject, "hard", "a hard reason", edges[0].left, edges[0].right)
    [conflict] = conflicts.group_edges([*edges, hard])
    assert conflict.severity == "hard" and conflict.explanation == "a hard reason"


def test_conflicts_status_needs_the_same_action():
    # The same verb on different things: a plan to fit one part, a report that another was fitted.
    a = side("a", "The crew plans to install new pumps on the ferry next spring.", modality="predicted")
    b = side("b", "Radar units were installed aboard the old tug in 1987.")
    assert conflicts.status_edges(a, b) == []
    # The same verb, object and day: one action predicted and reported.
    day = date(2025, 5, 16)
    c = side("c", "The accord is expected to be ratified by parliament on Friday.", modality="predicted", published=day)
    d = side("d", "Parliament ratified the accord on Friday after a long debate.", published=day)
    [edge] = conflicts.status_edges(c, d)
    assert edge.kind == "status" and edge.left.value == "predicted"


def test_conflicts_dates_of_statements_and_of_one_quote_are_not_conflicts():
    mon = TimeExpression(31, 37, "Monday", "DATE", "2025-05-12", "day", "publication")
    today = TimeExpression(30, 35, "today", "DATE", "2025-05-14", "day", "publication")
    # Two warnings on two days: a date beside a reporting verb dates the statement, not an event.
    a = side("a", "Officials in the north warned Monday that the river could flood.", times=[mon])
    b = side("b", "Flood control experts warned today that the river remains high.", times=[today])
    assert conflicts.date_edges(a, b, 0.9) == []
    # One quote in two articles: "confirmed again today" read against two articles' days.
    t1 = TimeExpression(27, 32, "today", "DATE", "2000-07-21", "day", "publication")
    t2 = TimeExpression(27, 32, "today", "DATE", "2000-07-22", "day", "story")
    c = side("c", "The finding was confirmed today by the panel.", times=[t1], published=date(2000, 7, 21))
    d = side("d", "The finding was confirmed today by the panel.", times=[t2])
    assert conflicts.date_edges(c, d, 0.95) == []
    # A plan dated twice is a soft difference, not the same event given on different days.
    sat = TimeExpression(34, 42, "Saturday", "DATE", "1998-10-24", "day", "absolute")
    sun = TimeExpression(31, 37, "Sunday", "DATE", "1998-10-25", "day", "absolute")
    e = side("e", "Official results are not expected until Saturday.", times=[sat])
    f = side("f", "Final results are not expected until Sunday.", times=[sun])
    [edge] = conflicts.date_edges(e, f, 0.9)
    assert edge.severity == "soft"


def test_conflicts_status_report_must_follow_the_prediction_and_state_a_happening():
    plan = side(
        "a",
        "Astronauts will return to the telescope in 2000 to install a new camera.",
        modality="predicted",
        published=date(1999, 3, 10),
    )
    earlier = side(
        "b", "Astronauts returned to the telescope and install a new camera there.", published=date(1997, 2, 21)
    )
    assert conflicts.status_edges(plan, earlier) == []  # filed two years before the plan
    due = side("c", "The crew is due to release the telescope into orbit on Christmas.", modality="predicted")
    also_planned = side("d", "The telescope, scheduled to be released into orbit on Christmas, will resume work.")
    assert conflicts.status_edges(due, also_planned) == []  # "scheduled to be released" is no report


def test_conflicts_a_figure_is_as_of_the_date_nearest_to_it():
    sat = TimeExpression(20, 28, "Saturday", "DATE", "2025-04-12", "day", "publication")
    mon = TimeExpression(51, 57, "Monday", "DATE", "2025-04-14", "day", "publication")
    text = "The death toll from Saturday's quake rose to 61 on Monday."
    ex = SentenceExtraction("a", 0, (), (), (sat, mon))
    assert conflicts.common.explicit_as_of(text, ex, (45, 47)) == "2025-04-14"  # the report's day, not the quake's
    assert text[45:47] == "61"
    # a date in a relative clause before the figure dates what the clause says, not the figure
    text = "A cold wave that hit Taldor on Saturday has killed 32 people, police said Monday."
    sat = TimeExpression(31, 39, "Saturday", "DATE", "2025-04-12", "day", "publication")
    mon = TimeExpression(74, 80, "Monday", "DATE", "2025-04-14", "day", "publication")
    ex = SentenceExtraction("a", 0, (), (), (sat, mon))
    at = text.index("32")
    assert text[31:39] == "Saturday" and text[74:80] == "Monday"
    assert conflicts.common.explicit_as_of(text, ex, (at, at + 2)) == "2025-04-14"
    plain = "The cold killed 32 people on Saturday, police said Monday."
    sat = TimeExpression(29, 37, "Saturday", "DATE", "2025-04-12", "day", "publication")
    ex = SentenceExtraction("a", 0, (), (), (sat,))
    assert plain[29:37] == "Saturday" and conflicts.common.explicit_as_of(plain, ex, (16, 18)) == "2025-04-12"
    # a date that names an event ("the Sept. 2 crash", "Saturday's quake") is not the figure's
    named = "Divers have recovered about 60 percent of the plane since the Sept. 2 crash."
    crash = TimeExpression(62, 69, "Sept. 2", "DATE", "1998-09-02", "day", "publication")
    ex = SentenceExtraction("a", 0, (), (), (crash,))
    at = named.index("60")
    assert named[62:69] == "Sept. 2" and conflicts.common.explicit_as_of(named, ex, (at, at + 2)) is None
    alone = "The toll rose to 61 after Saturday's quake."
    sat = TimeExpression(26, 34, "Saturday", "DATE", "2025-04-12", "day", "publication")
    ex = SentenceExtraction("a", 0, (), (), (sat,))
    assert alone[26:34] == "Saturday" and conflicts.common.explicit_as_of(alone, ex, (17, 19)) is None
    report = "The Sept. 2 report put the toll at 40."
    sep = TimeExpression(4, 11, "Sept. 2", "DATE", "1998-09-02", "day", "publication")
    ex = SentenceExtraction("a", 0, (), (), (sep,))
    assert conflicts.common.explicit_as_of(report, ex, (35, 37)) == "1998-09-02"  # a dated report dates its figure


def test_conflicts_two_conversions_of_one_figure_are_no_conflict():
    a_text, b_text = "winds of 180 mph (290 kph) hit the coast", "winds of 180 mph (289 kph) hit the coast"
    a = side("a", a_text, [q("290 kph", 290, 290, unit="kph", start=a_text.index("290"))])
    b = side("b", b_text, [q("289 kph", 289, 289, unit="kph", start=b_text.index("289"))])
    assert number_edges(a, b) == []
    c_text = "winds of 280 kph hit the coast"  # a figure stated, not converted, does disagree
    c = side("c", c_text, [q("280 kph", 280, 280, unit="kph", start=c_text.index("280"))])
    assert len(number_edges(a, c)) == 1


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [
        ("The blast killed 5 people and injured 213 people.", "213 people", "injured"),
        ("The blast killed 5 people and injured 213 people.", "5 people", "deaths"),
        ("The storm left 40 people dead and 120 injured.", "120", "injured"),
        ("A magnitude 6.4 quake killed 12 people.", "6.4", "magnitude"),
        ("The number of injured rose to 300.", "300", "injured"),
        # jurors, not deaths: "deadlocked" and "the death sentence" name no toll
        ("Jurors deadlocked with nine in favor and three against the death sentence.", "three", None),
        # a cue with a figure of its own names that one: the three were shot, the one died
        ("He shot three people, killing one, before fleeing.", "three people", "people"),
        ("He shot three people, killing one, before fleeing.", "one", "deaths"),
        ("The blast wounded 40 people, killing at least nine.", "40 people", "injured"),
    ],
)
def test_conflicts_the_role_word_nearest_a_figure_names_it(text, figure, unit):
    at = text.index(figure)
    assert (
        conflicts.normalise_unit(text, q(figure, 1, 1, unit="people" if "people" in figure else None, start=at)).unit
        == unit
    )


def test_conflicts_the_extreme_of_a_set_is_not_the_event():
    a_text = "Aftershocks continued, the strongest of magnitude 4.7."
    b_text = "The quake had a magnitude of 6.4."
    a = side("a", a_text, [q("4.7", 4.7, 4.7, unit="magnitude", start=a_text.index("4.7"))])
    b = side("b", b_text, [q("6.4", 6.4, 6.4, unit="magnitude", start=b_text.index("6.4"))])
    assert number_edges(a, b) == []
    c_text = "The quake had a magnitude of 6.2."
    c = side("c", c_text, [q("6.2", 6.2, 6.2, unit="magnitude", start=c_text.index("6.2"))])
    assert len(number_edges(b, c)) == 1


def _figure(article, text, figure, low, unit):
    at = text.index(figure)
    return side(article, text, [q(figure, low, low, unit=unit, start=at)])


def test_conflicts_parts_wholes_and_subsets_are_not_the_total():
    total = _figure("a", "The probe carries eight thrusters for steering", "eight thrusters", 8, "thrusters")
    part = _figure("b", "Three of the probe's eight thrusters have failed", "Three", 3, "thrusters")
    whole = _figure("c", "Three of the probe's eight thrusters have failed", "eight thrusters", 8, "thrusters")
    failed = _figure("d", "Two thrusters have failed since launch", "Two thrusters", 2, "thrusters")
    subset = _figure("e", "Engineers fired the first two thrusters on Monday", "two thrusters", 2, "thrusters")
    assert number_edges(failed, whole) == []  # a whole ("of its eight") is not the failed count
    assert number_edges(total, subset) == []  # "the first two" are picked from the set
    assert len(number_edges(part, failed)) == 1  # three failed against two failed: a real disagreement
    one_of = _figure("f", "Kasmeria is one of 14 provinces without a ferry", "14 provinces", 14, "provinces")
    plain = _figure("g", "Ferries serve nine provinces along the coast", "nine provinces", 9, "provinces")
    assert number_edges(one_of, plain) == []
    remaining = _figure(
        "h", "The last ferry took 25 remaining provinces' mail", "25 remaining provinces", 25, "provinces"
    )
    assert number_edges(remaining, plain) == []  # "25 remaining" are what is left of a set
    # … and two subsets are what is left of two sets: each leaves out its own
    other = _figure("i", "The other three provinces run their own ferries", "three provinces", 3, "provinces")
    rest = _figure("j", "The remaining four provinces run their own ferries", "four provinces", 4, "provinces")
    assert number_edges(other, rest) == []
    counted = _figure("k", "Ferries ran in 12 provinces where the ports had reopened", "12 provinces", 12, "provinces")
    assert number_edges(counted, plain) == []  # the provinces where …: a subset the clause picks out


def test_conflicts_attributive_figures_measure_the_noun_they_modify():
    arm = _figure("a", "The crew used a 15-metre robotic arm to grab the probe", "15-metre", 15, "metres")
    probe = _figure("b", "They lowered the 9-metre probe into the bay", "9-metre", 9, "metres")
    other_arm = _figure("c", "Its 12-metre robotic arm failed twice", "12-metre", 12, "metres")
    told = _figure("d", "The robotic arm reaches 12 metres when extended", "12 metres", 12, "metres")
    assert number_edges(arm, probe) == []  # an arm's length and a probe's: two objects
    assert len(number_edges(arm, other_arm)) == 1
    assert len(number_edges(probe, told)) == 0  # the arm sentence never names the probe
    assert len(number_edges(arm, told)) == 1


def test_conflicts_positions_from_other_places():
    from_a = _figure("a", "The storm was centred 140 kilometres west of Vesk at dawn", "140 kilometres", 140, "km")
    from_b = _figure("b", "The storm was centred 90 kilometres south of Brennik at noon", "90 kilometres", 90, "km")
    again = _figure("c", "The storm was centred 100 kilometres west of Vesk at dawn", "100 kilometres", 100, "km")
    assert number_edges(from_a, from_b) == []
    assert len(number_edges(from_a, again)) == 1
    # a distance from a named place, with or without a bearing
    near_a = _figure("d", "The quake struck seven miles from Anderson Springs", "seven miles", 7, "miles")
    near_b = _figure("e", "The quake struck 12 miles from Cloverdale", "12 miles", 12, "miles")
    near_c = _figure("f", "The quake struck 9 miles from Anderson Springs", "9 miles", 9, "miles")
    assert number_edges(near_a, near_b) == []
    assert len(number_edges(near_a, near_c)) == 1


def test_conflicts_positions_from_places_named_in_lower_case_words():
    storm = _figure(
        "a", "The storm was centred about 300 kilometres southeast of the territory", "300 kilometres", 300, "km"
    )
    low = _figure(
        "b",
        "A low was found about 900 kilometres east of the southern island of Vesk, forecasters said",
        "900 kilometres",
        900,
        "km",
    )
    same_place = _figure(
        "c", "The storm was centred about 250 kilometres southeast of the territory", "250 kilometres", 250, "km"
    )
    assert number_edges(storm, low) == []  # "the territory" and "the southern island of Vesk"
    assert len(number_edges(storm, same_place)) == 1
    border = _figure("d", "The shells fell 15 kilometres from the border on Sunday", "15 kilometres", 15, "km")
    border_again = _figure("e", "The shells fell 40 kilometres from the border", "40 kilometres", 40, "km")
    assert len(number_edges(border, border_again)) == 1


def test_conflicts_a_storms_winds_on_different_days_are_two_readings():
    friday, saturday = date(1998, 10, 23), date(1998, 10, 24)

    def winds(article, text, figure, low, day):
        at = text.index(figure)
        return side(article, text, [q(figure, low, low, unit="kph", start=at)], published=day)  # read as of ``day``

    a = winds("a", "The typhoon had sustained winds of 120 kph as it moved north", "120 kph", 120, friday)
    b = winds("b", "The typhoon gained strength, packing sustained winds of 130 kph", "130 kph", 130, saturday)
    same_day = winds("c", "The typhoon packed sustained winds of 150 kph as it moved north", "150 kph", 150, friday)
    assert number_edges(a, b) == []
    assert len(number_edges(a, same_day)) == 1


def test_conflicts_one_of_a_pair_picked_out_is_not_a_count():
    crew = _figure(
        "a", "Four astronauts will make the spacewalks to repair the telescope", "Four astronauts", 4, "astronauts"
    )
    one = _figure(
        "b",
        "With one astronaut standing on the arm and the other hooked to the telescope, they swapped the units",
        "one astronaut",
        1,
        "astronauts",
    )
    counted = _figure(
        "c", "Only one astronaut will make the spacewalks to repair the telescope", "one astronaut", 1, "astronauts"
    )
    assert number_edges(crew, one) == []
    assert len(number_edges(crew, counted)) == 1


def test_conflicts_figures_an_order_of_magnitude_apart_count_different_things():
    town = _figure("a", "The storm killed 3 people in the harbour town", "3 people", 3, "deaths")
    region = _figure("b", "The storm killed 480 people in the harbour town", "480 people", 480, "deaths")
    close = _figure("c", "The storm killed 5 people in the harbour town", "5 people", 5, "deaths")
    assert number_edges(town, region) == []
    assert len(number_edges(town, close)) == 1


def test_conflicts_a_pile_of_many_figures_is_several_things_not_one_dispute():
    sides = [
        _figure(a, f"The state sends {n} delegates to the convention", f"{n} delegates", n, "delegates")
        for a, n in zip("abcdefghij", (12, 15, 22, 31, 54, 69, 91, 101, 162, 243), strict=True)
    ]
    assert conflicts.group_edges(number_edges(*sides)) == []
    assert len(conflicts.group_edges(number_edges(*sides[:3]))) == 1  # 12, 15, 22: one dispute


def _placed(article, text, figure, low, unit, places):
    """A figure's sentence with the GPE mentions ``places`` found in it."""
    entities = [EntityMention(text.index(p), text.index(p) + len(p), p, "GPE", p) for p in places]
    return side(article, text, [q(figure, low, low, unit=unit, start=text.index(figure))], entities=entities)


def test_conflicts_figures_stated_for_different_parts_of_the_setting_are_no_conflict():
    # Kasmeria, named in every article, is the story's setting: not a part a figure is for.
    region = _placed(
        "a", "In Kasmeria, the storm killed 40 people across Taldor", "40 people", 40, "deaths", ["Kasmeria", "Taldor"]
    )
    town = _placed(
        "b",
        "The storm hit Kasmeria hard: in Brennik, 12 people died",
        "12 people",
        12,
        "deaths",
        ["Kasmeria", "Brennik"],
    )
    again = _placed(
        "c", "Across Kasmeria the storm killed 31 people, officials said", "31 people", 31, "deaths", ["Kasmeria"]
    )
    assert number_edges(region, town) == []  # Taldor's toll and Brennik's
    assert len(number_edges(region, again)) == 1  # a part against the unscoped toll: may be one count
    national = _placed(
        "d", "Fees average $1.32 nationwide, a survey of Kasmeria found", "$1.32", 1.32, "USD", ["Kasmeria"]
    )
    local = _placed(
        "e", "In Brennik the fee averages $1.38, in Kasmeria's survey", "$1.38", 1.38, "USD", ["Brennik", "Kasmeria"]
    )
    plain = _placed("f", "The fee averages $1.20, in Kasmeria's survey", "$1.20", 1.20, "USD", ["Kasmeria"])
    assert number_edges(national, local) == []  # the whole country against one city
    assert len(number_edges(national, plain)) == 1
    named = _placed(
        "g", "In Brennik the fee is $1.50 across Kasmeria's banks", "$1.50", 1.50, "USD", ["Brennik", "Kasmeria"]
    )
    assert len(number_edges(local, named)) == 1  # one city in both: comparable


def test_conflicts_a_figure_for_one_part_is_not_the_storys_unplaced_figure():
    # A figure stated for no place is the story's own; Taldor, named in one article of
    # three, is a part of it.
    whole = _placed("a", "Officials put the turnout in the vote at 39 percent", "39 percent", 39, "percent", [])
    text = "Turnout in the vote reached 64 percent in Taldor province"
    part = _placed("b", text, "64 percent", 64, "percent", ["Taldor"])
    again = _placed("c", "Officials put the turnout in the vote at 51 percent", "51 percent", 51, "percent", [])
    pairs = {(e.left.article, e.right.article) for e in number_edges(whole, part, again)}
    assert pairs == {("a", "c")}


def test_conflicts_a_figure_for_the_setting_is_not_one_for_the_region_around_it():
    # Kasmeria, named in three of the four articles, is the setting; a toll "throughout
    # Orvania" (the region) is still not Kasmeria's toll, though neither is a part of it
    # and both sentences name the Varn (the cold's source).
    text = "The Varn cold has killed at least 62 people throughout Orvania"
    region = _placed("a", text, "62 people", 62, "deaths", ["Varn", "Orvania"])
    text = "Officials counted 47 deaths in Kasmeria from the Varn cold"
    setting = _placed("b", text, "47 deaths", 47, "deaths", ["Kasmeria", "Varn"])
    other = _placed("c", "In Kasmeria, the cold killed 36 people, police said", "36 people", 36, "deaths", ["Kasmeria"])
    also = _placed("d", "The cold killed 30 people in Kasmeria, police said", "30 people", 30, "deaths", ["Kasmeria"])
    pairs = {(e.left.article, e.right.article) for e in number_edges(region, setting, other, also)}
    assert ("a", "b") not in pairs and ("a", "c") not in pairs
    assert ("b", "d") in pairs  # Kasmeria's toll in both


def test_conflicts_a_running_count_reported_the_same_day_is_soft():
    day = date(2025, 4, 12)
    a = side("a", "The quake killed 151 people", [q("151 people", 151, 151, unit="deaths", start=17)], published=day)
    b = side("b", "The quake killed 156 people", [q("156 people", 156, 156, unit="deaths", start=17)], published=day)
    (edge,) = number_edges(a, b)
    assert edge.severity == "soft" and "same day" in edge.reason
    crew1 = side("c", "its 23 crew members", [q("23", 23, 23, unit="crew members")], published=day)
    crew2 = side("d", "25 crew members on board", [q("25", 25, 25, unit="crew members")], published=day)
    assert number_edges(crew1, crew2)[0].severity == "hard"  # not a count that grows


def test_conflicts_a_national_figure_is_not_a_citys_even_when_the_city_is_the_setting():
    # Brennik is named in two of the three articles (the setting), yet "nationwide" is not Brennik
    text = "The two banks take in about $5.5 million a year in Brennik"
    city = _placed("a", text, "$5.5 million", 5.5e6, "USD", ["Brennik"])
    text = "Nationwide, the bank takes in about $50 million a year, officials said"
    nation = _placed("b", text, "$50 million", 5e7, "USD", [])
    text = "In Brennik the two banks take in about $7 million a year"
    other = _placed("c", text, "$7 million", 7e6, "USD", ["Brennik"])
    assert number_edges(city, nation, other) == number_edges(city, other)
    assert len(number_edges(city, other)) == 1


def test_conflicts_a_shared_verb_of_reporting_does_not_make_two_shares_one():
    def share(article, text, figure):
        value = int(figure.split()[0])
        return side(article, text, [q(figure, value, value, unit="percent", start=text.index(figure))])

    worked = share("a", "The national study found that 44 percent had worked in the previous month.", "44 percent")
    crime = share("b", "The survey found that 80 percent had been victims of violent crime.", "80 percent")
    voted = share("c", "The count found that 51 percent had worked in the previous month.", "51 percent")
    assert number_edges(worked, crime) == []  # only "found" around both figures
    assert len(number_edges(worked, voted)) == 1  # "worked ... previous month": the same share


def _named(article, name, label, before="A statement came from the "):
    text = f"{before}{name} on Monday."
    start = len(before)
    return side(article, text, entities=[EntityMention(start, start + len(name), name, label, name)])


@pytest.mark.parametrize(
    "x, y, label, kind",
    [
        ("Marovian Maritime Safety Authority", "Marovian Marine Safety Authority", "ORG", "word"),
        ("Northern Telegraph Workers Union", "Northern Telecommunication Workers Union", "ORG", "word"),
        ("Lenna Broadcasting Telecommunications Board", "Lenna Broadcasting Communications Board", "ORG", "word"),
        ("Idris Calloway", "Idriss Calloway", "PERSON", "spelling"),
        ("House Ports Committee", "Senate Ports Committee", "ORG", None),  # another word, another body
        ("Orla Shipping Company", "Orla Shipping Co.", "ORG", None),  # an abbreviation
        ("Caldera Pacific Airways", "Caldera Pacific Airlines", "ORG", None),  # one firm's designator
        ("Harbour Safety Committee", "Harbour Safety Subcommittee", "ORG", None),  # a part of it
        ("State Pilots Association", "State Pilot's Association", "ORG", None),  # grammar only
        ("Coastal Legislatures Forum", "Coastal Legislators Forum", "ORG", None),
        ("Caldera Port Tempel", "Caldera Port Temple", "ORG", None),  # a typing slip
        ("Treaty Review Round II", "Treaty Review Round III", "EVENT", None),
        ("Charles Calloway", "Charlie Calloway", "PERSON", None),  # a nickname
        ("Pat Calloway", "Patrick Calloway", "PERSON", None),
        ("Idris Calloway", "Idris Callowayand", "PERSON", None),  # words run together
        ("Fleet Coast Guard", "Vesk Coast Guard", "ORG", None),
        ("Lenna Gorges relocation", "Lenna Gorges at", "ORG", None),  # "at" is inside "relocation", no near-miss
        ("Lenna Gorges Dam", "Lenna Gorges Dam-Wanxian-Orla", "ORG", None),  # a compound that extends the name
        ("Hans Verlome", "Hans Verolme", "PERSON", "spelling"),
    ],
)
def test_conflicts_name_variants(x, y, label, kind):
    assert conflicts.variant_kind(label, conflicts.name_words(x), conflicts.name_words(y)) == kind


def test_conflicts_name_words_drop_articles_and_possessives():
    assert conflicts.name_words("the Workers' Party's") == ("workers", "party")
    assert conflicts.name_words("Idris Calloway's") == ("idris", "calloway")


def test_conflicts_one_organisation_named_two_ways_by_different_articles():
    edges = conflicts.name_edges(
        [
            _named("a", "the Marovian Maritime Safety Authority", "ORG"),
            _named("b", "the Marovian Maritime Safety Authority", "ORG"),
            _named("c", "the Marovian Marine Safety Authority", "ORG"),
        ]
    )
    [conflict] = conflicts.group_edges(edges)
    assert conflict.kind == "entity" and conflict.severity == "hard"
    assert conflict.subject == "name of Marovian Maritime Safety Authority"  # the form more articles use
    assert sorted(c.value for c in conflict.claims) == [
        "Marovian Marine Safety Authority",
        "Marovian Maritime Safety Authority",
        "Marovian Maritime Safety Authority",
    ]


def test_conflicts_two_names_one_article_uses_are_two_things():
    both = _named(
        "a", "Marovian Marine Safety Authority", "ORG", before="The Marovian Maritime Safety Authority and the "
    )
    both_entities = [EntityMention(4, 38, "Marovian Maritime Safety Authority", "ORG", "x"), *both.extraction.entities]
    both = side("a", both.unit.text, entities=both_entities)
    edges = conflicts.name_edges([both, _named("b", "Marovian Marine Safety Authority", "ORG")])
    assert edges == []


def test_conflicts_a_person_spelt_two_ways_is_soft_whatever_label_the_model_gave():
    edges = conflicts.name_edges([_named("a", "Idris Calloway", "PERSON"), _named("b", "Idriss Calloway", "ORG")])
    [conflict] = conflicts.group_edges(edges)
    assert conflict.severity == "soft" and {c.value for c in conflict.claims} == {"Idris Calloway", "Idriss Calloway"}


@pytest.mark.parametrize(
    "a, unit_a, b, unit_b, comparable",
    [
        ("188 Caldera ATMs", "caldera atms", "125 ATMs", "atms", False),
        ("more than 10,000 shipping containers", "shipping containers", "nearly 7000 containers", "containers", True),
        ("118,000 emergency calls", "emergency calls", "100,000 calls", "calls", True),  # retold without its modifier
        ("23 crew members", "crew members", "25 crew", "crew", True),
    ],
)
def test_conflicts_a_figure_naming_a_part_counts_another_thing(a, unit_a, b, unit_b, comparable):
    qa = q(a, 1, 1, unit=unit_a)
    qb = q(b, 2, 2, unit=unit_b)
    assert conflicts.comparable_units(qa, qb) is comparable


def _speed(article, text, figure, value, unit="mph"):
    return side(article, text, [q(figure, value, value, unit=unit, start=text.index(figure))])


def test_conflicts_a_storms_pace_is_not_its_wind_speed():
    pace = _speed("a", "The hurricane was moving west at 40 mph toward the islands.", "40 mph", 40)
    winds = _speed("b", "The hurricane had sustained winds of 75 mph near the islands.", "75 mph", 75)
    other_winds = _speed("c", "The hurricane's winds of 90 mph battered the islands.", "90 mph", 90)
    assert number_edges(pace, winds) == []
    [edge] = number_edges(winds, other_winds)
    assert {edge.left.value, edge.right.value} == {"75 mph", "90 mph"}
    kph = _speed("d", "Typhoon Orla brought 205-kph winds to the coast.", "205-kph", 205, unit="kph")
    crawl = _speed("e", "Typhoon Orla was crawling along the coast at 30 kph.", "30 kph", 30, unit="kph")
    assert number_edges(kph, crawl) == []


def test_conflicts_a_depth_is_not_a_distance_nor_a_height():
    depth = _speed("a", "The quake struck at a depth of 10 km near the Bireuen coast.", "10 km", 10, unit="km")
    away = _speed("b", "The quake struck 55 km from the Bireuen coast.", "55 km", 55, unit="km")
    other_depth = _speed("c", "The quake struck at a depth of 33 km near the Bireuen coast.", "33 km", 33, unit="km")
    assert number_edges(depth, away) == []
    [edge] = number_edges(depth, other_depth)
    assert {edge.left.value, edge.right.value} == {"10 km", "33 km"}
    orbit = _speed("d", "The station orbits at an altitude of 250 miles above the debris.", "250 miles", 250, "miles")
    debris = _speed("e", "The station passed 40 miles away from the debris.", "40 miles", 40, "miles")
    assert number_edges(orbit, debris) == []


def test_conflicts_a_figure_a_report_moved_on_from_is_no_claim():
    text = "Police earlier had reported 65 deaths in the fire but later backed off that figure."
    retracted = _figure("a", text, "65 deaths", 65, "deaths")
    stated = _figure("b", "Police said the fire caused 40 deaths in the town.", "40 deaths", 40, "deaths")
    assert number_edges(retracted, stated) == []
    updated = _figure("c", "The toll rose to 52 from 65 deaths on Monday.", "65 deaths", 65, "deaths")
    assert number_edges(updated, stated) == []
    plain = _figure("d", "Police reported 65 deaths in the fire.", "65 deaths", 65, "deaths")
    assert len(number_edges(plain, stated)) == 1


def test_conflicts_sums_of_money_are_compared_when_they_pay_for_one_thing():
    def figure(article, text, figure, value, unit="USD", vector=(1.0, 0, 0, 0)):
        at = text.index(figure)
        ex = side(article, text, [q(figure, value, value, unit=unit, start=at)])
        return conflicts.Side(ex.unit, ex.extraction, None, "publication", np.array(vector), None)

    on_topic = (0.6, 0.8, 0, 0)  # a sentence on the topic, not a retelling (cosine 0.6)
    cash = figure("a", "Oracle agreed to pay $281 million in cash for the maker of chips.", "$281 million", 281e6)
    total = figure(
        "b",
        "The maker of chips was sold to Oracle for $334 million including debt.",
        "$334 million",
        334e6,
        vector=on_topic,
    )
    assert number_edges(cash, total) == []  # nothing beside the figures says they pay for one thing
    deal = figure(
        "c", "Oracle agreed to pay $300 million in cash for the maker.", "$300 million", 300e6, vector=on_topic
    )
    assert len(number_edges(cash, deal)) == 1  # "in cash" both
    # so are counts of people: those living by the dam are not those being moved
    text_a, text_b = "The dam will flood towns where 847,500 people live today.", "About 125,000 people will be moved."
    living = figure("d", text_a, "847,500 people", 847_500, unit="people")
    moved = figure("e", text_b, "About 125,000 people", 125_000, unit="people", vector=on_topic)
    assert number_edges(living, moved) == []


def test_conflicts_a_change_is_compared_only_with_changes():
    fell = _figure("a", "Ferry ticket sales fell 12 percent in March, the port said.", "12 percent", 12, "percent")
    share = _figure(
        "b", "Ferry ticket sales made 40 percent of revenue in March, the port said.", "40 percent", 40, "percent"
    )
    assert number_edges(fell, share) == []  # how much sales moved is not what share they are
    other = _figure("c", "Ferry ticket sales fell by 20 percent in March, the port said.", "20 percent", 20, "percent")
    assert len(number_edges(fell, other)) == 1


def test_conflicts_a_vague_figure_against_an_exact_one_is_soft():
    text_a = "Several foreign countries have banned hand-held phones while driving."
    text_b = "In all, 13 foreign countries have banned hand-held phones while driving."
    a = side("a", text_a, [q("Several foreign countries", 3, 9, "vague", "foreign countries", "several")])
    b = side("b", text_b, [q("13 foreign countries", 13, 13, unit="foreign countries", start=text_b.index("13"))])
    [edge] = number_edges(a, b)
    assert edge.severity == "soft" and edge.reason == "a vague figure set against another"


@pytest.mark.parametrize(
    "figure, other, agree",
    [
        ("38 million", 38.5e6, True),  # rounded to its last digit: 37.5 to 38.5 million
        ("38 million", 39.2e6, False),
        ("4 million", 3.8e6, False),  # one significant digit: rounding beyond what the words allow
        ("4.7 million", 4.74e6, True),
        ("51 percent", 51.3, True),
        ("51 percent", 52.0, False),
    ],
)
def test_conflicts_a_rounded_figure_meets_the_figure_it_rounds(figure, other, agree):
    unit = "percent" if "percent" in figure else "eligible voters"
    value = float(figure.split()[0]) * (1 if unit == "percent" else 1e6)
    tail = "of voters backed him" if unit == "percent" else "eligible voters"
    text = f"Officials said {figure} {tail} on Sunday"
    written = f"{other / 1e6:g} million" if unit != "percent" else f"{other:g} percent"
    other_text = f"Officials said {written} {tail} on Sunday"
    a = _figure("a", text, figure, value, unit)
    b = _figure("b", other_text, written, other, unit)
    assert (number_edges(a, b) == []) is agree


def _aged(article, text, name, canonical, day):
    at = text.index(name)
    mention = EntityMention(at, at + len(name), name, "PERSON", canonical)
    return side(article, text, entities=[mention], published=day)


def test_conflicts_one_person_given_ages_no_birthday_explains():
    full = "Marta Ilves"
    same_day = date(2025, 3, 4)
    a = _aged("a", "Marta Ilves, 61, said the harbour would reopen.", full, full, same_day)
    b = _aged("b", "Ilves, 62 and still at her desk, signed the order.", "Ilves", "Ilves", same_day)
    [edge] = conflicts.age_edges([a, b])
    assert (edge.kind, edge.severity, edge.subject) == ("number", "hard", "age of Marta Ilves")
    assert {edge.left.value, edge.right.value} == {"61 years old", "62 years old"}
    # a birthday may fall between reports a month apart, and a year later she is one older
    later = _aged("c", "The 62-year-old Marta Ilves resigned.", full, full, date(2025, 4, 4))
    next_year = _aged("d", "Marta Ilves, 62, returned to the harbour board.", full, full, date(2026, 3, 10))
    assert conflicts.age_edges([a, later]) == conflicts.age_edges([a, next_year]) == []
    # two years more a month later cannot be
    assert len(conflicts.age_edges([a, _aged("e", "Marta Ilves, 63, resigned.", full, full, date(2025, 4, 4))])) == 1
    # a bare surname far off in age is another Ilves; undated reports are not compared
    son = _aged("f", "Ilves, 34, her son, spoke for the family.", "Ilves", "Ilves", same_day)
    undated = _aged("g", "Marta Ilves, 70, said so.", full, full, None)
    assert conflicts.age_edges([a, son]) == conflicts.age_edges([a, undated]) == []


@pytest.mark.parametrize(
    "text, age",
    [
        ("Tomas Brandt, 45, said the ferry was late.", 45),
        ("The port chief (Tomas Brandt, 45) said so.", 45),
        ("The 45-year-old Tomas Brandt said so.", 45),
        ("Tomas Brandt, 45 and retired, said so.", 45),
        ("Tomas Brandt, 1,200 miles away, said so.", None),  # not an age
        ("Tomas Brandt, 45 and 46 are the berths he named.", None),
    ],
)
def test_conflicts_person_ages_read_beside_the_name(text, age):
    found = conflicts.person_ages(_aged("a", text, "Tomas Brandt", "Tomas Brandt", date(2025, 1, 1)))
    assert found == ([("Tomas Brandt", age)] if age else [])


def test_conflicts_two_peoples_figures_are_two_things():
    def person(name, text):
        at = text.index(name)
        return EntityMention(at, at + len(name), name, "PERSON", name)

    def fall(article, text, name, figure, metres):
        at = text.index(figure)
        return side(
            article,
            text,
            [q(figure, metres, metres, unit="metres", start=at)],
            entities=[person(name, text)],
        )

    buckley = fall("a", "The climber Buckley fell about 700 metres down the ice face.", "Buckley", "700 metres", 700)
    rait = fall("b", "The climber Rait fell 200 metres down the ice face.", "Rait", "200 metres", 200)
    assert number_edges(buckley, rait) == []
    # One person's fall told two ways is a disagreement …
    again = fall("c", "The climber Buckley fell 600 metres down the ice face.", "Buckley", "600 metres", 600)
    assert len(number_edges(buckley, again)) == 1
    # … and so is a figure whose nearest name is its source or is cut off by a comma.
    said = fall("d", "Police chief Rait said the climber fell 200 metres down the ice face.", "Rait", "200 metres", 200)
    assert len(number_edges(buckley, said)) == 1
    aside = fall("e", "Guided by Rait, the climber fell 200 metres down the ice face.", "Rait", "200 metres", 200)
    assert len(number_edges(buckley, aside)) == 1
    # A phrase set off by commas between the name and the figure keeps the figure the person's …
    set_off = fall(
        "f", "The climber Rait, of the second rope team, fell 200 metres down the ice.", "Rait", "200 metres", 200
    )
    assert number_edges(buckley, set_off) == []
    # … unless the person then reports someone else's figure.
    reports = fall(
        "g", "Rait, the rescue chief, said the climber fell 200 metres down the ice.", "Rait", "200 metres", 200
    )
    assert len(number_edges(buckley, reports)) == 1


def test_conflicts_figures_far_apart_count_different_things_unless_vague():
    def toll(article, text, figure, low, qualifier="exact"):
        return side(article, text, [q(figure, low, low, qualifier, unit="deaths", start=text.index(figure))])

    town = toll("a", "The flood killed 12 people in the valley.", "12 people", 12)
    region = toll("b", "The flood killed 90 people in the valley.", "90 people", 90)
    assert number_edges(town, region) == []  # 7.5 times apart: a part and a whole, not one toll told twice
    near = toll("c", "The flood killed 40 people in the valley.", "40 people", 40)
    assert len(number_edges(town, near)) == 1
    several = toll("d", "The flood killed several people in the valley.", "several people", 3, "vague")
    dozens = toll("e", "The flood killed dozens of people in the valley.", "dozens of people", 24, "vague")
    assert len(number_edges(several, dozens)) == 1  # nominal values: "several" against "dozens" disagree


def _team(article, text, figure, value, unit):
    """A record's sentence naming its team, the Hawks (an organisation)."""
    at = text.index("Hawks")
    hawks = EntityMention(at, at + 5, "Hawks", "ORG", "Hawks")
    return side(article, text, [q(figure, value, value, unit=unit, start=text.index(figure))], entities=[hawks])


def test_conflicts_a_count_used_as_a_modifier_is_not_the_count():
    streak = _team("a", "The Hawks are on a three-game losing streak at home", "three-game", 3, "games")
    missed = _team("b", "The Hawks' captain missed five games at home", "five games", 5, "games")
    other_streak = _team("c", "The Hawks are on a four-game losing streak at home", "four-game", 4, "games")
    assert number_edges(streak, missed) == []  # a streak's length against games missed
    assert len(number_edges(streak, other_streak)) == 1  # one streak told two ways
    # a measure reads the same either way: "a 36-foot module" is the module, 36 feet long
    module = _figure("d", "The crew attached a 36-foot module to the station", "36-foot", 36, "feet")
    long = _figure("e", "The crew attached the module, 18 feet long, to the station", "18 feet", 18, "feet")
    assert len(number_edges(module, long)) == 1


def _fee(article, text, figure, value):
    return side(article, text, [q(figure, value, value, unit="USD", start=text.index(figure))])


def test_conflicts_items_of_a_series_are_not_one_figure():
    # Two articles list the same two fees in turn: the first against the second is no dispute.
    first_a = _fee("a", "The first fee is what banks charge their own customers, typically $2 in the state.", "$2", 2)
    second_b = _fee(
        "b", "The second is the surcharge the machine's owner charges, typically $1.50 in the state.", "$1.50", 1.5
    )
    first_b = _fee("b", "The first is the fee banks charge their own customers, typically $3 in the state.", "$3", 3)
    assert number_edges(first_a, second_b) == []
    assert len(number_edges(first_a, first_b)) == 1  # the same item, two figures


def test_conflicts_a_supposed_figure_makes_no_claim():
    def teams(article, text, figure, value):
        return side(article, text, [q(figure, value, value, unit="undefeated teams", start=text.index(figure))])

    supposed = teams(
        "a", "If there are three undefeated teams, the standings would leave one team out.", "three undefeated teams", 3
    )
    stated = teams(
        "b", "There are two undefeated teams left, and the standings leave none out.", "two undefeated teams", 2
    )
    again = teams(
        "c", "There are now four undefeated teams left, and the standings leave one out.", "four undefeated teams", 4
    )
    assert number_edges(supposed, stated) == []
    assert len(number_edges(stated, again)) == 1


def test_conflicts_counts_at_different_stages_of_an_event_are_not_one_count():
    def boats(article, text, figure, value):
        return side(article, text, [q(figure, value, value, unit="boats", start=text.index(figure))])

    spotted = boats(
        "a", "The warship spotted five suspicious boats approaching the merchant ships.", "five suspicious boats", 5
    )
    captured = boats("b", "Two of them fled, but three boats were captured by the warship.", "three boats", 3)
    also_spotted = boats(
        "c", "The warship spotted four suspicious boats approaching the merchant ships.", "four suspicious boats", 4
    )
    assert number_edges(spotted, captured) == []
    assert len(number_edges(spotted, also_spotted)) == 1  # one stage, two counts
    attacked = boats("d", "Five pirate boats tried to attack the merchant ships at dawn.", "Five pirate boats", 5)
    assert number_edges(attacked, captured) == []  # five attacked, three of them caught

    def prison(article, text, figure, value):
        return side(article, text, [q(figure, value, value, unit="months", start=text.index(figure))])

    sentenced = prison("a", "The judge sentenced him to eight months in federal prison.", "eight months", 8)
    served = prison("b", "He served five months in federal prison before his release.", "five months", 5)
    also_served = prison("c", "He served four months in federal prison before his release.", "four months", 4)
    assert number_edges(sentenced, served) == []
    assert len(number_edges(served, also_served)) == 1


def test_conflicts_a_record_is_compared_only_between_sentences_naming_its_holder():
    def stat(article, text, figure, value, *names):
        entities = [EntityMention(text.index(n), text.index(n) + len(n), n, "PERSON", n) for n in names]
        return side(
            article, text, [q(figure, value, value, unit="catches", start=text.index(figure))], entities=entities
        )

    thomas = stat("a", "Thomas finished the season with 29 catches for the team.", "29 catches", 29, "Thomas")
    bush = stat("b", "Bush finished the game with five catches for the team.", "five catches", 5, "Bush")
    unnamed = stat("c", "The receiver finished the season with 31 catches for the team.", "31 catches", 31)
    again = stat("d", "Thomas finished the season with 31 catches for the team.", "31 catches", 31, "Thomas")
    assert number_edges(thomas, bush) == [] and number_edges(thomas, unnamed) == []
    assert len(number_edges(thomas, again)) == 1  # one player's record told two ways


def test_conflicts_a_story_full_of_one_record_is_a_box_score():
    def points(article, name, value):
        text = f"{name} scored {value} points in the game for the team."
        at = text.index(name)
        return side(
            article,
            text,
            [q(f"{value} points", value, value, unit="points", start=text.index(f"{value} points"))],
            entities=[EntityMention(at, at + len(name), name, "PERSON", name)],
        )

    carter, again = points("a", "Carter", 14), points("b", "Carter", 12)
    assert len(number_edges(carter, again)) == 1  # one player's points told two ways
    # … but among eight players' points, a name the sentences share is no longer enough to
    # say two figures are one player's: the story lists everyone's.
    others = [points(f"x{n}", "Carter" if n % 2 else "Smith", 15 + n) for n in range(6)]
    assert number_edges(carter, again, *others) == []


def test_conflicts_a_game_clock_reading_is_a_moment_not_a_span():
    def clock(article, text, figure, value, unit):
        return side(article, text, [q(figure, value, value, unit=unit, start=text.index(figure))])

    early = clock("a", "Clark caught the pass with 12 minutes remaining in the game.", "12 minutes", 12, "minutes")
    late = clock("b", "Wayne caught the pass with four minutes left in the game.", "four minutes", 4, "minutes")
    assert number_edges(early, late) == []
    seconds = clock("c", "Clark caught the pass with 12 minutes, 31 seconds remaining.", "31 seconds", 31, "seconds")
    other = clock("d", "Garrard drove to the 7-yard line with 29 seconds remaining.", "29 seconds", 29, "seconds")
    assert number_edges(seconds, other) == []
    # how long something lasted is a span two outlets can disagree on
    lasted = clock("e", "The tremor lasted 30 minutes in the game's town.", "30 minutes", 30, "minutes")
    again = clock("f", "The tremor lasted 12 minutes in the game's town.", "12 minutes", 12, "minutes")
    assert len(number_edges(lasted, again)) == 1


def test_conflicts_parts_joined_by_and_are_not_their_sum():
    def held(article, text, *figures):
        found = [q(f, v, v, unit=u, start=text.index(f)) for f, v, u in figures]
        return side(article, text, found)

    parts = held(
        "a",
        "Commandos boarded the boat, seizing 12 Somali and 11 Yemeni nationals.",
        ("12 Somali", 12, "somali"),
        ("11 Yemeni nationals", 11, "yemeni nationals"),
    )
    whole = held(
        "b", "Commandos boarded the boat and seized 23 Somali and Yemeni pirates.", ("23 Somali", 23, "somali")
    )
    assert number_edges(parts, whole) == []
    other = held("c", "Commandos boarded the boat, seizing 15 Somali pirates.", ("15 Somali", 15, "somali"))
    assert len(number_edges(parts, other)) == 1  # a part told two ways
    # a toll and an injured count joined by "and" are no breakdown of a larger toll
    toll = held("d", "Ten people were killed and 50 hurt.", ("Ten people", 10, "deaths"), ("50", 50, "injured"))
    more = held("e", "Sixty people were killed in the quake.", ("Sixty people", 60, "deaths"))
    assert len(number_edges(toll, more)) == 1


def test_conflicts_a_sum_converted_in_brackets_is_not_compared():
    def damage(article, text, *figures):
        found = [q(f, v, v, unit="USD", start=text.index(f)) for f, v in figures]
        return side(article, text, found)

    converted = damage(
        "a", "Damage to the church was estimated at US$1 million ($1.52 million).", ("$1.52 million", 1.52e6)
    )
    stated = damage("b", "Damage to the church was estimated at $1 million.", ("$1 million", 1e6))
    assert number_edges(converted, stated) == []
    other = damage("c", "Damage to the church was estimated at $2 million.", ("$2 million", 2e6))
    assert len(number_edges(other, stated)) == 1


def _share(article, text, figure, value):
    return side(article, text, [q(figure, value, value, unit="percent", start=text.index(figure))])


def test_conflicts_shares_of_different_wholes_are_not_one_figure():
    # Two polls asked different people: a share of respondents is not a share of Greeks.
    respondents = _share("a", "In a poll, 62 percent of respondents called the response poor.", "62 percent", 62)
    greeks = _share("b", "In a poll, 83 percent of Greeks called the response poor.", "83 percent", 83)
    assert number_edges(respondents, greeks) == []
    # One turnout told two ways: the wholes share a word past the figures before it.
    turnout = _share("c", "Nationwide, 40 percent of the 38.5 million electorate voted.", "40 percent", 40)
    claimed = _share("d", "Exiles said only about 10 percent of the electorate voted.", "10 percent", 10)
    assert len(number_edges(turnout, claimed)) == 1


def _temperature(article, text):
    return side(article, text, find_quantities(text))


def test_conflicts_one_figure_converted_two_ways_is_a_slip_other_figures_conversions_are_not():
    fifteen = _temperature("a", "The low was minus 26 Celsius (minus 15 Fahrenheit) in Ostroleka.")
    four = _temperature("b", "The low was minus 26 Celsius (minus 4 Fahrenheit) in Ostroleka.")
    [edge] = number_edges(fifteen, four)  # -26 C is -14.8 F: one outlet converted wrongly
    assert (edge.left.value, edge.right.value) == ("minus 15 Fahrenheit", "minus 4 Fahrenheit")
    # Conversions of different figures repeat them: the figures themselves are compared.
    gusts = _temperature("c", "Gusts reached up to 150 kph (94 mph) on the coast.")
    other = _temperature("d", "Gusts reached up to 160 kph (100 mph) on the coast.")
    assert all(e.subject != "mph" for e in number_edges(gusts, other))
    # Below zero, one value is one value.
    same = _temperature("e", "The low was minus 26 Celsius in Ostroleka on Sunday.")
    assert number_edges(fifteen, same) == []


def test_conflicts_a_figure_a_prediction_is_about_is_predicted_even_before_its_verb():
    def turnout(article, text, figure, modality="stated"):
        value = int(figure.split()[-2])
        return side(
            article, text, [q(figure, value, value, unit="percent", start=text.index(figure))], modality=modality
        )

    expected = turnout(
        "a",
        "Only about 39 percent of the voters are expected to show up at the polls.",
        "about 39 percent",
        "predicted",
    )
    counted = turnout("b", "Officials said 51 percent of the voters showed up at the polls.", "51 percent")
    (edge,) = number_edges(expected, counted)
    assert edge.severity == "soft" and "prediction" in edge.reason
    # "… which would suggest": a relative clause's verb says nothing of the figure before it
    inferred = turnout(
        "c",
        "Only 39 percent of the voters showed up at the polls, which would suggest apathy.",
        "39 percent",
        "predicted",
    )
    assert number_edges(inferred, counted)[0].severity == "hard"


def test_conflicts_a_number_inside_a_name_is_no_figure():
    big = _figure("a", "The Big 12 champion has a berth in the Fiesta bowl", "12 champion", 12, "championships")
    ten = _figure(
        "b", "The Pac-10 and Big Ten championships are now available", "Ten championships", 10, "championships"
    )
    assert number_edges(big, ten) == []
    # Figures that count: a capitalised place before one, a number word opening the sentence
    counted = _figure(
        "c", "In Kasmeria 12 championships were held in the bowl", "12 championships", 12, "championships"
    )
    opening = _figure(
        "d", "Ten championships were held in Kasmeria in the bowl", "Ten championships", 10, "championships"
    )
    assert len(number_edges(counted, opening)) == 1


def _at(vector_angle, article, text, figure, low, unit):
    """A figure's sentence whose vector makes ``cos(vector_angle)`` with the first axis."""
    sentence = _figure(article, text, figure, low, unit)
    vector = np.array([np.cos(vector_angle), np.sin(vector_angle), 0, 0], dtype=np.float32)
    return conflicts.Side(sentence.unit, sentence.extraction, None, "publication", vector)


def test_conflicts_figures_half_again_apart_need_sentences_that_say_nearly_the_same():
    loose, near = np.arccos(0.6), np.arccos(0.8)  # sentence cosines 0.6 and 0.8 to the first
    one = _at(0.0, "a", "The cache on the boat included one rocket launcher", "one rocket", 1, "rockets")
    two_loose = _at(loose, "b", "Sailors seized a launcher with two rockets", "two rockets", 2, "rockets")
    two_near = _at(near, "c", "The cache on the boat included two rocket launchers", "two rocket", 2, "rockets")
    assert number_edges(one, two_loose) == []  # twice the figure, in sentences that say different things
    assert len(number_edges(one, two_near)) == 1
    nine = _at(0.0, "a", "Troops seized nine assault rifles from the pirates", "nine assault rifles", 9, "rifles")
    twelve = _at(loose, "b", "Officers seized twelve assault rifles", "twelve assault rifles", 12, "rifles")
    assert len(number_edges(nine, twelve)) == 1  # a third apart: one haul told two ways
    three = _at(0.0, "a", "The quake killed three people on the island", "three people", 3, "deaths")
    ten = _at(loose, "b", "Officials said ten people had died after the quake", "ten people", 10, "deaths")
    assert len(number_edges(three, ten)) == 1  # a toll grows by any factor as reports come in
    forty = _at(0.0, "a", "Turnout was 40 percent of the electorate, a newspaper said", "40 percent", 40, "percent")
    tenth = _at(loose, "b", "Exiles claimed only 10 percent of the electorate voted", "10 percent", 10, "percent")
    assert len(number_edges(forty, tenth)) == 1  # rival claims of one share run far apart


def test_conflicts_a_places_residents_and_population_are_its_people():
    people = _figure("a", "Puerto Rico and its 4 million people lost power", "4 million people", 4e6, "people")
    residents = _figure(
        "b", "The island's 3.5 million residents lost power", "3.5 million residents", 3.5e6, "residents"
    )
    population = _figure(
        "c", "Croatia's 4.7 million population is Catholic", "4.7 million population", 4.7e6, "population"
    )
    assert len(number_edges(people, residents)) == 1
    assert conflicts.comparable_units(people.extraction.quantities[0], population.extraction.quantities[0])


def test_conflicts_an_article_listing_many_counts_of_one_thing_gives_several_things():
    table = [
        _figure("a", f"DELEGATES: {n} Democratic, winner take all.", f"{n} Democratic", n, "Democratic delegates")
        for n in (367, 54, 243, 22)
    ]
    other = _figure(
        "b", "The contests offer 75 Democratic delegates.", "75 Democratic delegates", 75, "Democratic delegates"
    )
    assert number_edges(*table, other) == []  # four states' delegates: none is the contests' 75
    assert len(number_edges(*table[:3], other)) == 3  # three figures may still be one dispute
    tolls = [_figure("a", f"The quake killed {n} people by then", f"{n} people", n, "deaths") for n in (12, 48, 61, 70)]
    later = _figure("b", "The quake killed 65 people", "65 people", 65, "deaths")
    assert number_edges(*tolls, later) != []  # a toll that grew is one count, however often given


def _place(article, text, place, figure, low):
    """A sentence naming ``place`` (a GPE) and giving ``figure``."""
    at, fig = text.index(place), text.index(figure)
    entity = EntityMention(at, at + len(place), place, "GPE", place)
    return side(article, text, [q(figure, low, low, start=fig)], entities=[entity])


def test_conflicts_a_places_population_is_compared_whatever_its_sentence_is_about():
    ap = _place(
        "a", "Some 80 percent of Croatia's 4.7 million population is Catholic.", "Croatia", "4.7 million", 4.7e6
    )
    nyt = _place("b", "The pope arrived in Croatia, a country of 4 million, on Friday.", "Croatia", "4 million", 4e6)
    rounded = _place("c", "Croatia's 4.7 million people voted.", "Croatia", "4.7 million people", 4.7e6)
    close = _place("d", "Croatia and its 4.72 million people mourned.", "Croatia", "4.72 million people", 4.72e6)
    [edge] = conflicts.population_edges([ap, nyt])
    assert edge.subject == "population of Croatia" and edge.severity == "soft"
    assert conflicts.population_edges([ap, rounded, close]) == []  # 4.7 million rounds 4.72 million
    other_place = _place("e", "Serbia's 7.5 million people watched.", "Serbia", "7.5 million people", 7.5e6)
    assert conflicts.population_edges([ap, other_place]) == []
    rescuers = _place("f", "Croatia's 400 rescuers worked on.", "Croatia", "400 rescuers", 400)
    assert conflicts.place_populations(rescuers) == []  # not all its people
