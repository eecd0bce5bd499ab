"""Number conflicts: figures for the same counted thing whose intervals do not overlap,
and the agreeing figures that show a claim is not single-source."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import chain

import numpy as np

from ...records import Claim, Quantity, SentenceExtraction
from ..align import SHARE_WORDS, within
from ..extract import numbers as number_words
from ..extract import quantity_lexicon as lexicon
from ..extract.attribution import REPORTING_FORMS
from ..extract.entities import CAPITAL_OF, PLACE_LABELS, place_words
from ..extract.timex_calendar import reference_day
from ..extract.timex_lexicon import MONTHS, WEEKDAYS
from .common import (
    PERSON,
    Edge,
    Side,
    comparable_units,
    explicit_as_of,
    interval,
    is_duration,
    make_claim,
    overlaps,
    predicted_figure,
    singular,
    unit_head,
    unit_words,
)
from .grouping import PILE_FIGURES

# Two figures count one thing only in sentences on one topic (cosine at or above this) that
# share a content word around the figure ("killed 12 people" / "killed 48 people"), whatever
# the unit: a specific noun ("newspapers", "ATMs") is no more a sign of one thing than
# "people" (on the DUC gold's train split, this test without the shared word kept 824
# candidate pairs, 46 of them gold; with it 276, 28 of them gold).
SAME_THING_SIM = 0.45
# … unless the unit names a specific thing ("crew", "deaths", "aftershocks") and the
# sentences are close: "its 23 crew members" / "lists 25 crew on board" share no word
# around the figure (train split: 20 more candidate pairs, none gold, 1 trap).
SPECIFIC_SAME_SIM = 0.6
GENERIC_UNITS = frozenset(
    {
        "people",
        "person",
        "year",
        "month",
        "day",
        "week",
        "hour",
        "minute",
        "time",
        "percent",
        "usd",
        "eur",
        "gbp",
        "unit",
        "magnitude",
        "country",
        "nation",
        "side",
        "party",
        "leader",
        "state",
        "government",
    }
)
# Figures further apart than this factor count different things (DUC gold, train split: of
# the candidate figure pairs that pass the other tests, 33 of 136 non-gold pairs and 3 of 20
# gold pairs are more than 10 times apart). 10 → 7, measured against two blind judges: on 66
# ECB+ stories, conflicts 157 → 153 with the same 30 real; on real clusters no rule was made
# from (MultiLing, four DUC clusters outside the gold, ECB+ test topics), 91 → 86 with the
# same 17 real; the DUC train split 35 → 34, no gold conflict lost.
SCALE_APART = 7.0
# A vague figure's value is nominal ("several" 3, "dozens" 24): "several" against "dozens"
# of one thing is a disagreement.
VAGUE_SCALE_APART = 10.0
# Figures stated for dates further apart than this are about different events (an earlier
# disaster's toll), not a disagreement.
OTHER_EVENT_DAYS = 365
# What tells two figures of one unit apart (measured on the DUC gold's train split, 16
# clusters, counting candidate figure pairs that pass the similarity test): an increment
# against a total ("20 more deaths" / "74 deaths": 34 pairs dropped, 2 of them gold), a base
# against a part ("20 million out of 30 million people" / "20 million people") or the extreme
# of a set against the whole ("aftershocks …, the strongest of magnitude 4.7" / "a magnitude
# 6.4 quake"); places
# that share nothing ("in Poland" / "across Europe": 40 dropped, 1 gold); years that share
# nothing ("In 1966" / this year: 16 dropped, none gold); and a measure, not a running count,
# stated for different days ("minus 12 on Wednesday" / "minus 26 on Nov. 16": 92 dropped,
# 8 gold pairs of one conversion slip).
# A vague figure ("several", "scores of") or a duration says little about which thing it
# counts; it is compared only between sentences that say nearly the same, or that one
# speaker said (train split: 29 candidate pairs dropped, 1 of them gold).
WEAK_FIGURE_SIM = 0.7
# A sum of money says what it pays for in the words beside it ("a $5.4 billion deal", "sales
# of $7.3 billion", "$281 million in cash"), and a count of people what they did ("killed 40
# Palestinians", "847,500 people living in the dam area", "125,000 being moved"); two such
# figures that share no word within this many words of them are compared only as vague
# figures are. Of the 15 money conflicts blind judges read on real clusters no one
# annotated, none was real (9 false, 6 unsure: a deal's cash part against its total, two
# models' prices). DUC gold, train split: money predicted 41 -> 37, matched 17 unchanged,
# traps 5 -> 4; people 37 -> 36, matched unchanged (the other generic units change nothing
# more; percentages lose a gold conflict and stay as they were).
NARROW_CONTEXT_WORDS = 3
# Two reports of one figure seldom differ by half again: a reporter's slip, an update or an
# estimate's spread stays closer. Figures further apart are more often two things sharing a
# unit ("one rocket" in one ship's cache, "two rockets" in another's; 17 assists and eight
# by another player), so they are compared only as vague figures are. Not a count that
# grows (early reports understate it by any factor), nor a share, whose rival claims run
# far apart ("40 percent" turnout, the ministry said; "only about 10 percent", the
# opposition). Fitted on the DUC gold's train split and ECB+ train and dev; see the commit.
FAR_APART = 1.5
NARROW_CONTEXT_UNITS = frozenset({"usd", "eur", "gbp", "people", "person"})
_CONVERSION_BEFORE = re.compile(r"\d[^()]*\(\s*(?:about|some|roughly|nearly|around|approximately)?\s*$", re.I)
_BASE_BEFORE = re.compile(r"\bout of\s+$", re.I)
# "aftershocks followed, the strongest of magnitude 4.7": one member of a set, not the event.
_EXTREME_BEFORE = re.compile(
    r"\bthe (?:strongest|largest|biggest|highest|lowest|smallest|worst|deadliest)\b[^.;()]{0,25}$", re.I
)
_INCREMENT_BEFORE = re.compile(r"\b(another|additional|further|extra)\s+$", re.I)
_INCREMENT_AFTER = re.compile(r"^\s*(more|others?|additional|new)\b", re.I)
_INCREMENT_INSIDE = re.compile(r"\b(more|other)\b(?!\s+than)", re.I)  # "20 more", not "more than 20"
# The whole a part is taken from ("16 of the state's 23 delegates": 23), and a subset picked
# from a set ("the other three bowls", "the top two teams", "the first two spacewalks"), are
# not what the part or the set's size counts.
_NUMBER_WORD = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|all|most|some)"
_DETERMINER = r"(?:(?:the|its|their|his|her|our|this|these|those)(?:\s+[\w.-]+['’]s?)?|[\w.-]+['’]s?)"
_WHOLE_BEFORE = re.compile(rf"\b{_NUMBER_WORD}\s+of\s+(?:{_DETERMINER}\s+)?$", re.I)
_SUBSET_BEFORE = re.compile(r"\b(?:other|remaining|top|first|last|bottom|final)\s+$", re.I)
_SUBSET_INSIDE = re.compile(r"^\S+\s+(?:other|remaining)\b", re.I)  # "25 remaining delegates"
_SUBSET_AFTER = re.compile(r"^\s+(?:where|in which)\b", re.I)  # "12 provinces where counting has been completed"
# A figure that modifies a noun ("a 50-foot robotic arm", "the 3-year-old boy", "a 99-seat
# theater") measures that noun: the words after it, up to a function word, name it. With the
# whole and subset readings and positions from other places: 5 fewer conflicts on the DUC
# gold's train split (55 → 50), none of them gold (14 matched before and after).
_NUMBER_WORDS = "(?:" + "|".join([*number_words.UNITS, *number_words.TEENS, *number_words.TENS, "hundred"]) + ")"
_ATTRIBUTIVE = re.compile(rf"^(?:\S*\d\S*|{_NUMBER_WORDS}(?:-{_NUMBER_WORDS})?)-[a-z]", re.I)  # "50-foot", "three-game"
_ATTRIBUTED_NOUN = re.compile(r"^(?:-(?:long|old|wide|high|tall|deep|thick|plus))?((?:\s+[A-Za-z][\w'-]*){1,3})")
_NOUN_PHRASE_STOP = frozenset(
    "of to in on at for with from by that which who and or but was were is are has had have will would "
    "could can said says as than after before during since".split()
)
# "centered 140 kilometers west-northwest of Dagupan": a position from a place, which a
# position from another place does not contradict. The place is read as the words after
# "of" up to a clause break: "east of the southern Philippine island of Mindanao" and
# "southeast of the territory" share no word, so they are two positions (a storm's and a
# low-pressure area's), however their sentences resemble each other.
_CLAUSE_AFTER = r"(?=\s*(?:[,;.()]|$|\s(?:and|that|which|where|who|on|at|in|after|before|but|while)\b))"
_REFERENCE = r"((?:[\w'-]+\s+){0,5}?[\w'-]+)" + _CLAUSE_AFTER  # up to six words, to a clause break
_OFFSET_FROM = re.compile(
    r"^[^.;]{0,30}?\b(?:(?:north|south|east|west)[\w-]*|(?-i:[NSEW]{1,3}))\s+(?:of|from)\s+" + _REFERENCE
)
# … and a distance "from", "outside" or "off" a place ("seven miles from Anderson Springs",
# "12 miles outside Cloverdale"): read for lengths only, since "40 people from Gaza" says
# where people come from, not where a figure is measured.
_DISTANCE_FROM = re.compile(r"^\s+(?:away\s+)?(?:from|outside(?:\s+of)?|off)\s+" + _REFERENCE)
_REFERENCE_STOP = frozenset({"the", "a", "an", "of", "its", "their", "his", "her", "this", "that"})
# Units that measure rather than count: their figures need not be whole numbers.
MEASURES = re.compile(
    r"^(km|kilomet|mile|metre|meter|tonne|ton|barrel|percent|usd|eur|gbp|magni|degre|litre|liter"
    r"|gallon|kg|kilog|hecta|acre|year|month|week|day|hour|minut|secon|decad)"
)
_UNIT_CUES = (
    # not "deadlocked", "deadline" or a "death sentence" ("nine in favor and three against the
    # death sentence" counts jurors)
    (
        re.compile(
            r"\b(kill|dead(?!lock|line|ly)|death(?!\s+(?:sentences?|penalty|row|threats?|squads?|warrants?))"
            r"|died|toll|fatalit|lives)",
            re.I,
        ),
        "deaths",
    ),
    (re.compile(r"\b(injur|wound|hurt)", re.I), "injured"),
    (re.compile(r"\bmagnitude\b", re.I), "magnitude"),
)
_NUMBER_OF = re.compile(
    r"\bnumber of ([a-z]+(?: (?!(?:in|of|on|at|to|from|with|for|has|had|have|is|was|were)\b)[a-z]+)?)\b[^.;]*$", re.I
)
CONTEXT_WORDS = 5
# A counted thing mentioned in more sentences than this is compared only between
# nearest-neighbour sentences: all pairs would be quadratic in a 500-article story.
ALL_PAIRS_MAX = 120
# Words around a figure that say nothing of what it counts: function words, and verbs of
# reporting ("the study found that 44 percent ..." / "the survey found that 80 percent ...").
# The reporting verbs: DUC gold, train split, predicted conflicts 37 -> 36, matched 12
# unchanged; test unchanged; held-out 37 -> 36, one trap hit fewer.
_STOPWORDS = frozenset(
    "that this with from have were been their they them than then there which while about after "
    "before into over also more most some such only said says according other those these "
    "found finds find reported reports report told added noted showed shows announced stated".split()
)
# Counts that grow while a story unfolds: a later, larger figure is an update.
RUNNING_COUNTS = re.compile(
    r"\b(kill|dead|death|die|toll|injur|wound|hurt|missing|rescu|evacuat|displac|homeless|aftershock|arrest"
    r"|detain|case|infect|casualt|victim|survivor|shelter|deploy|troop|soldier|refugee|damag"
    # a total as of a time ("by February … had inspected 31", "since September", "so far")
    r"|since|so far|to date|in all|cumulative|by (?:the end of )?(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december|then|now))",
    re.I,
)
# Figures that different agencies measure differently: a spread between sources is normal.
MEASUREMENTS = re.compile(r"\b(magnitude|estimat|approximately|forecast|projected|poll|survey|gdp|inflation)", re.I)
# The two without re.I, for lower-cased ASCII text: the same matches, three times faster.
_RUNNING_COUNTS_LOWER = re.compile(RUNNING_COUNTS.pattern)
_MEASUREMENTS_LOWER = re.compile(MEASUREMENTS.pattern)


@dataclass(slots=True)
class _Reading:
    """What number_edges asks of one figure and its sentence, read once per figure: in a
    500-article story each figure is in dozens of pairs."""

    span: tuple[float, float]  # interval(q)
    duration: bool
    head: str | None
    as_of: str | None  # the date the sentence states the figure for
    day: date | None  # that day, else the article's date
    predicted: bool
    running: bool  # the sentence speaks of a count that grows (RUNNING_COUNTS)
    measured: bool  # the sentence speaks of a figure agencies measure differently (MEASUREMENTS)
    speaker: str | None
    claim: Claim
    role: str  # "increment" ("20 more"), "base" ("out of 30 million"), "extreme" ("the strongest of
    # magnitude 4.7"), or "" for the figure itself
    converted: bool  # a conversion in brackets: "180 mph (290 kph)"
    places: frozenset[str]  # the sentence's places (GPE, LOC), by canonical name
    years: frozenset[str]  # the years the sentence's dates fall in
    measures: frozenset[str]  # the noun phrase an attributive figure measures ("a 50-foot arm": {"arm"})
    text: str  # the sentence (its words are read only when the other figure measures a noun)
    offset_from: frozenset[str]  # the words of the place a distance is measured from ("140 km west of Dagupan")
    scope: frozenset[str]  # places the figure is stated for ("In Poland, 32 died": {"poland"})
    measures_what: str  # a speed's "wind" or "travel", a length's "depth", "height", "distance" or "size", or ""
    owner: str | None  # the person the figure is stated of ("Klitschko … (51 KO)"), by canonical name
    ordinal: str | None  # the item of a series the sentence states it for ("The second fee … $1.50": "second")
    stages: frozenset[tuple[int, str]]  # (family, stage) the words beside it name ("spotted", "captured")
    named: frozenset[str]  # the people and organisations the sentence names, its sources left out
    share_of: str | None  # the whole a share is of, a word stem ("62 percent of respondents": "respo")
    nationwide: bool  # the sentence speaks of the whole country (_NATIONWIDE)
    source: tuple[tuple[float, float], str | None] | None = None  # what a conversion converts: its interval, unit
    whole: float | None = None  # the sum of the coordinated figures it is one of ("12 Somali and 11 Yemeni": 23)
    context: set[str] | None = None  # _context, read only when a pair needs it
    near: set[str] | None = None  # _context within NARROW_CONTEXT_WORDS, read likewise


@dataclass(frozen=True, slots=True)
class _SentenceReading:
    """What every figure of one sentence shares, read once per sentence."""

    running: bool  # the sentence speaks of a count that grows (RUNNING_COUNTS)
    measured: bool  # … of a figure agencies measure differently (MEASUREMENTS)
    places: frozenset[str]
    years: frozenset[str]
    named: frozenset[str]
    nationwide: bool


# Two figures joined by "and" break a whole down: "seizing 12 Somali and 11 Yemeni
# nationals" against "arrested 23 Somali and Yemeni pirates" is the parts against their sum,
# not 12 against 23 (66 ECB+ stories: 3 conflicts gone, all judged not real; the DUC gold and
# the check set unchanged).
_COORDINATED = re.compile(r"^\s*,?\s*and\s+$")


def _read_sentence(side: Side) -> _SentenceReading:
    text, ex = side.unit.text, side.extraction
    if text.isascii():  # re.I's Unicode case rules only matter beyond ASCII
        lower = text.lower()
        running, measured = _RUNNING_COUNTS_LOWER.search(lower), _MEASUREMENTS_LOWER.search(lower)
    else:
        running, measured = RUNNING_COUNTS.search(text), MEASUREMENTS.search(text)
    years = frozenset(t.value[:4] for t in ex.times if t.type == "DATE" and t.value[:4].isdigit())
    named = frozenset(  # its sources left out: "Coach Payton said …" states no one's record
        e.canonical
        for e in ex.entities
        if e.label in _RECORD_HOLDERS and not _REPORTS_AFTER.match(text[e.end : e.end + 30])
    )
    nationwide = bool(_NATIONWIDE.search(text))  # read once here: each figure is in dozens of pairs
    return _SentenceReading(bool(running), bool(measured), place_words(ex.entities), years, named, nationwide)


def _read_figures(side: Side, quantities: Sequence[Quantity]) -> list[_Reading]:
    """Each figure of one sentence, read with what the sentence says once."""
    if not quantities:
        return []
    sentence = _read_sentence(side)
    readings = [_read(side, q, sentence) for q in quantities]
    for before, reading in zip(quantities, readings[1:]):
        if reading.converted:  # the figure just before the bracket is the one converted
            reading.source = (interval(before), before.unit)
    text = side.unit.text
    for (qa, ra), (qb, rb) in zip(zip(quantities, readings), zip(quantities[1:], readings[1:])):
        if ra.duration or rb.duration or qa.low is None or qb.low is None:
            continue
        if _COORDINATED.match(text[qa.end : qb.start]):
            ra.whole = rb.whole = qa.low + qb.low
    return readings


def _read(side: Side, q: Quantity, sentence: _SentenceReading) -> _Reading:
    as_of = explicit_as_of(side.unit.text, side.extraction, (q.start, q.end))
    text = side.unit.text
    head = unit_head(q.unit)
    converted = bool(_CONVERSION_BEFORE.search(text[max(0, q.start - 40) : q.start]))
    # A sum converted in brackets ("US$1 million ($1.52 million)", "€10 million ($11
    # million)") is its rate's figure: set against another outlet's, rates disagree, not
    # facts (66 ECB+ stories: 1 conflict gone, judged not real; DUC gold unchanged).
    role = "conversion" if converted and head in lexicon.CURRENCY_CODES else _role(text, q)
    return _Reading(
        interval(q),
        is_duration(q),
        head,
        as_of,
        reference_day(as_of) or side.anchor_date,
        predicted_figure(side, q),
        sentence.running,
        sentence.measured,
        side.speaker,
        make_claim(side, q.text, as_of),
        role,
        converted,
        sentence.places,
        sentence.years,
        _measured_noun(text, q),
        text,
        _offset_from(text, q),
        _scope(text, side.extraction, q),
        _measure_kind(text, q),
        _owner(text, side.extraction, q, side.speaker),
        _ordinal(text, q),
        _stages(text, q),
        sentence.named - {side.speaker},
        _share_of(text, q, head),
        sentence.nationwide,
    )


# What a share is of: "62 percent of respondents" and "83.3 percent of Greeks" are two
# polls' answers, "40 percent of the 38.5 million electorate" and "about 10 percent of the
# electorate" one turnout. The first word after "of" (or "among"), past determiners and
# figures (the word after it is as often a verb, "… voted", as a noun); a pronoun ("of them")
# names no whole.
_SHARE_OF = re.compile(
    r"^\s*(?:of|among)\s+(?:(?:the|a|an|its|their|his|her|our|all|those|these|total|some|about"
    r"|million|billion|\S*\d\S*)\s+)*([A-Za-z][\w'-]*)"
)
_NO_WHOLE = frozenset({"them", "us", "it", "which", "whom", "whose", "that"})


def _share_of(text: str, q: Quantity, head: str | None) -> str | None:
    """The whole a share is of, as a word stem (None when the sentence does not say)."""
    if head not in SHARE_WORDS or not (match := _SHARE_OF.match(text[q.end :])):
        return None
    word = match.group(1).lower()
    return None if word in _NO_WHOLE else singular(word)[:5]


# A figure a report has moved on from: "rose to 61 from 48", "revised down from 5,000",
# "police earlier had reported 65 dead", "an earlier toll of 40". It was a claim once; set
# against today's figure it is the update, not a disagreement (the retraction shown
# as a claim of 65).
_PREVIOUS_BEFORE = re.compile(
    r"(?:\b(?:up|down|rose|risen|rising|fell|fallen|falling|increased|decreased|revised|raised|lowered|climbed"
    r"|jumped|dropped|reduced|swelled|grew|soared)\b[^.;:]{0,25}\bfrom\s+(?:an?\s+|the\s+)?"
    r"|\b(?:earlier|initially|originally|previously|first)\s+(?:had\s+)?(?:reported|said|put|gave|given|estimated"
    r"|announced|counted|listed)\b[^.;:]{0,20}?"
    r"|\b(?:earlier|previous|initial|original)\s+(?:death\s+)?(?:toll|figure|estimate|count|tally|report)s?\s+(?:of\s+)?)$",
    re.I,
)


# How much a figure moved, not where it stands: "shares dropped $2.49 to close at $46.64",
# "the toll rose by 20", "exports fell 5 percent". A change is compared only with changes.
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|fell|fallen|falling|dropped|gained|lost|added|climbed|slipped|sagged|jumped|plunged"
    r"|declined|increased|decreased|shed|grew|surged|soared|tumbled|slid"
    r"|edged (?:up|down)|was (?:up|down)|were (?:up|down))"
    r"\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+|more than\s+)?$",
    re.I,
)


def _role(text: str, q: Quantity) -> str:
    """ "20 more lives", "another 5 people", "15 other states": an increment, added to a total;
    "20 million out of 30 million": the 30 million is the base a part is taken from; "rose
    to 61 from 48": the 48 is a previous figure."""
    if _PREVIOUS_BEFORE.search(text[max(0, q.start - 60) : q.start]):
        return "previous"
    if _CHANGE_BEFORE.search(text[max(0, q.start - 25) : q.start]):
        return "change"
    before = text[max(0, q.start - 15) : q.start]
    if _INCREMENT_BEFORE.search(before) or _INCREMENT_AFTER.match(text[q.end :]) or _INCREMENT_INSIDE.search(q.text):
        return "increment"
    if _BASE_BEFORE.search(before) or _WHOLE_BEFORE.search(text[max(0, q.start - 40) : q.start]):
        return "base"
    if _SUBSET_BEFORE.search(before) or _SUBSET_INSIDE.match(q.text) or _SUBSET_AFTER.match(text[q.end :]):
        return "subset"
    return "extreme" if _EXTREME_BEFORE.search(text[max(0, q.start - 40) : q.start]) else ""


# What a measure measures, read from the cue word nearest the figure. A storm's speeds are
# two things: its winds ("sustained winds of 150 mph", "205-kph winds") and how fast it
# travels ("moving west at 12 mph") (the "12 kph vs 205-kph vs 3 kph", a forward
# speed set against wind speeds). A length is a depth, a height, a distance or a size:
# "at a depth of 10 km" is no rival to "55 km from Bireuen", nor an orbit's altitude to a
# distance from debris, nor an arm's length to a module's width (the examples; the
# blind judges found such mixes among the false length conflicts on real clusters no one
# annotated: a quake's depth against its distance from a town, a crater's width against a
# bomb's distance from a boy).
_SPEED_UNIT = re.compile(r"^(?:mph|kph|km/h|km/hr|knots?|mi/h|m/s|(?:miles|kilometers|kilometres) (?:per|an) hour)$")
_LENGTH_UNIT = re.compile(
    r"^(?:km|kilomet\w*|kilometr\w*|miles?|m|met(?:er|re)s?|feet|foot|ft|yards?|inch(?:es)?|cm|centimet\w*)$"
)
_SPEED_CUES = (
    (re.compile(r"\b(?:winds?|gusts?|gusting|sustained|blowing|blew)\b", re.I), "wind"),
    (
        re.compile(
            r"\b(?:mov(?:ing|ed|es?)|travel(?:l?ing|l?ed|s)?|forward|head(?:ing|ed)|drift\w*|advanc\w*|crawl\w*)\b",
            re.I,
        ),
        "travel",
    ),
)
_LENGTH_CUES = (
    (re.compile(r"^(?:depths?|deep|underground|beneath|below|underwater|subsurface)$", re.I), "depth"),
    (re.compile(r"^(?:altitudes?|heights?|high|tall|above|orbit\w*|elevations?)$", re.I), "height"),
    (re.compile(r"^(?:away|from|off|distance|offshore|(?:north|south|east|west)\w*)$", re.I), "distance"),
    (re.compile(r"^(?:long|length|lengths|wide|width|across|diameter|radius|span|thick)$", re.I), "size"),
)
CUE_WORDS = 6


def _measure_kind(text: str, q: Quantity) -> str:
    """What a speed or a length measures ("wind" or "travel"; "depth", "height", "distance"
    or "size"), from the cue word nearest the figure; "" when none is near or the unit is
    neither."""
    unit = (q.unit or "").lower()
    cues = _SPEED_CUES if _SPEED_UNIT.match(unit) else _LENGTH_CUES if _LENGTH_UNIT.match(unit) else ()
    if not cues:
        return ""
    before = text[max(0, q.start - 80) : q.start].split()[-CUE_WORDS:]
    after = text[q.end : q.end + 60].split()[:CUE_WORDS]
    found = [
        (distance, side, kind)
        for cue, kind in cues
        for side, words in enumerate((before[::-1], after))
        for distance, word in enumerate(words)
        if cue.search(word.strip(".,;:()\"'“”’-"))
    ]
    return min(found)[2] if found else ""


def _measured_noun(text: str, q: Quantity) -> frozenset[str]:
    """The words of the noun phrase an attributive figure ("a 50-foot robotic arm") measures,
    singular and lower-case: up to three words, to the first function word."""
    if not _ATTRIBUTIVE.match(q.text):
        return frozenset()
    match = _ATTRIBUTED_NOUN.match(text[q.end : q.end + 60])
    words: list[str] = []
    for word in match.group(1).split() if match else ():
        if word.lower() in _NOUN_PHRASE_STOP:
            break
        words.append(singular(word.strip("'-").lower()))
    return frozenset(words)


@lru_cache(maxsize=4096)
def _sentence_words(text: str) -> frozenset[str]:
    """A sentence's words, singular and lower-case."""
    return frozenset(singular(w.strip(".,;:()\"“”'’").lower()) for w in text.split())


# A place a figure is stated for: led by a preposition of scope ("In Poland, 32 people died",
# "across Europe", "in the Atlanta area") or inside the figure's noun phrase ("188 San
# Francisco ATMs"), within SCOPE_REACH characters of the figure. Figures for different parts
# of a story's setting are different counts (see _other_scope): on the DUC gold's train
# split, conflicts predicted 37 -> 38 and matched 12 -> 13 (precision 0.324 -> 0.342; one
# group of ballot shares split apart); test and held-out unchanged.
SCOPE_REACH = 60
_SCOPE_LEAD = re.compile(r"\b(?:in|across|throughout|inside|within)\s+(?:the\s+)?$", re.I)


def _scope(text: str, ex: SentenceExtraction, q: Quantity) -> frozenset[str]:
    found = set()
    for e in ex.entities:
        if e.label not in PLACE_LABELS:
            continue
        inside = q.start <= e.start < q.end  # "188 San Francisco ATMs"
        near = 0 <= q.start - e.end <= SCOPE_REACH or 0 <= e.start - q.end <= SCOPE_REACH
        if inside or near and _SCOPE_LEAD.search(text[max(0, e.start - 16) : e.start]):
            found.add(e.canonical.lower())
    return frozenset(found)


# A place named in at least this share of a story's articles (and in two or more) is its
# setting ("Brazil" in a story of Brazil's election), not a part of it a figure is stated for.
SETTING_SHARE = 0.5


def story_setting(sides: Sequence[Side]) -> frozenset[str]:
    """The places (canonical, lower-case) named in at least SETTING_SHARE of the articles,
    and in two or more."""
    articles: dict[str, set[str]] = defaultdict(set)
    for side in sides:
        for e in side.extraction.entities:
            if e.label in PLACE_LABELS:
                articles[e.canonical.lower()].add(side.unit.article)
    total = len({side.unit.article for side in sides}) or 1
    return frozenset(place for place, named in articles.items() if len(named) >= max(2.0, SETTING_SHARE * total))


# Countries (a "nationwide" figure is for one of these, not for a part of one).
NATIONS = frozenset(n.lower() for n in CAPITAL_OF.values()) | {"u.s.", "us", "usa", "america", "britain", "uk", "u.k."}
_NATIONWIDE = re.compile(
    r"\b(?:nationwide|nationally|countrywide|national average|across the (?:country|nation))\b", re.I
)


def _other_scope(ra: _Reading, rb: _Reading, setting: frozenset[str]) -> bool:
    """True when the figures are stated for different parts of the story's setting ("In
    Poland, 32 died" / "killed 62 throughout Europe"), or one for a part and the other for
    the whole country ("in the Atlanta area, $1.38" / "the national average of $1.32") or
    for no place at all, which is the story's whole ("a turnout of 39 percent"); a
    part the other sentence names ("minus 15 in Ostroleka" / "minus 4 in Poland", which
    names Ostroleka's Poland) is not another place."""
    # the whole country against a part of it the national figure's sentence does not name
    # ("nationwide … $50 million" / "in San Francisco … $5.5 million"), the story's setting or not
    for whole, part in ((ra, rb), (rb, ra)):
        places = part.scope - NATIONS
        national = whole.nationwide and not part.nationwide
        if places and national and not _any_named_in(places, whole.text):
            return True
    local_a, local_b = ra.scope - setting, rb.scope - setting
    if _any_named_in(local_a, rb.text) or _any_named_in(local_b, ra.text):
        return False
    # two places that share nothing, the setting or not: "in Poland" / "throughout Europe"
    # (the local ones are named in neither sentence, as just read)
    disjoint = ra.scope and rb.scope and not ra.scope & rb.scope
    if disjoint and not (_any_named_in(ra.scope & setting, rb.text) or _any_named_in(rb.scope & setting, ra.text)):
        return True
    if not local_a and not local_b:
        return False
    if local_a and local_b:
        return True
    whole = rb if local_a else ra
    # A figure stated for no place at all is the story's own ("turnout was 39 percent"), not
    # that of a part few of its articles name ("64.35 percent in Golestan province").
    return not whole.scope or whole.nationwide


def _any_named_in(places: frozenset[str], text: str) -> bool:
    return any(_named_in(place, text) for place in places)


def _named_in(place: str, text: str) -> bool:
    """True when ``text`` names ``place`` (lower-case) as a whole word: "Oman" is not in "woman"."""
    return re.search(rf"(?<!\w){re.escape(place)}(?!\w)", text.lower()) is not None


def _offset_from(text: str, q: Quantity) -> frozenset[str]:
    """The words (singular, lower-case) of the place a position or distance is measured
    from ("140 km west of the port of Vesk": {"port", "vesk"}); empty when it names none."""
    after = text[q.end : q.end + 80]
    match = _OFFSET_FROM.match(after)
    if match is None and _LENGTH_UNIT.match(unit_head(q.unit) or ""):
        match = _DISTANCE_FROM.match(after)
    if match is None:
        return frozenset()
    return frozenset(singular(w.lower()) for w in match.group(1).split()) - _REFERENCE_STOP


# A figure is stated of the person named just before it, in the same clause: "Klitschko
# improved to 58-3 (51 KO)" / "Thompson (36-3, 24 KO)"; "Buckley fell about 700 metres" /
# "Rait fell 200 metres". Two people's figures are two things, not a disagreement. The
# person who says the figure is its source, not its owner.
OWNER_REACH = 60
_OWNER_BREAK = re.compile(r"[;.!?]\s|\b(?:while|whereas|but|compared with|against|than|and)\b", re.I)
_RELATIVE_CLAUSE = re.compile(r"^,\s+(?:who|whose)\b[^,]*$", re.I)
_REPORTS_AFTER = re.compile(r"^\W{0,3}(?:\w+\s+)?(?:said|says|told|reported|estimated|counted|put|puts)\b", re.I)


# "da Silva, of the Workers Party, took 34 percent": a phrase set off by commas, then the
# person's own short predicate (not "said", which gives someone else's figure).
_APPOSITION = re.compile(r"^,\s+[^,;()]{1,50},\s+((?:[\w'-]+\s+){1,3})$")


def _owned_past_apposition(between: str) -> bool:
    found = _APPOSITION.match(between)
    return found is not None and not any(word.lower() in REPORTING_FORMS for word in found.group(1).split())


def _owner(text: str, ex: SentenceExtraction, q: Quantity, speaker: str | None) -> str | None:
    people = [e for e in ex.entities if e.label == PERSON and e.end <= q.start and q.start - e.end <= OWNER_REACH]
    if not people:
        return None
    nearest = max(people, key=lambda e: e.end)
    between = text[nearest.end : q.start].split("(")[0]  # "Thompson (36-3, 24 KO)": the bracket is his
    if nearest.canonical == speaker or _OWNER_BREAK.search(between):
        return None
    if "," in between and not (_RELATIVE_CLAUSE.match(between) or _owned_past_apposition(between)):
        return None  # "Schulz's work, a 99-seat theater"
    if _REPORTS_AFTER.match(text[nearest.end : nearest.end + 30]):
        return None
    return nearest.canonical


# "The first fee … typically $2" / "The second … typically $1.50": items of one series.
# "for the first time" and "the last count" (the latest) name no item.
_ORDINAL_BEFORE = re.compile(rf"\bthe ({'|'.join(sorted(lexicon.ORDINAL_WORDS))})\b(?!\s+times?\b)", re.I)


def _ordinal(text: str, q: Quantity) -> str | None:
    """The last ordinal item named before the figure ("The second is the surcharge, $1.50": "second")."""
    found = _ORDINAL_BEFORE.findall(text[: q.start])
    return found[-1].lower() if found else None


# Counts taken at different stages of one event are different counts: "five suspicious
# boats were spotted" / "three boats were captured", "homes damaged in five villages" /
# "four villages destroyed", "arrested 20" / "charged 12". Each stage is a stem; a family's
# stages exclude each other.
STAGE_FAMILIES = (
    {"arrest": "held", "detain": "held", "charg": "charged", "indict": "charged", "convict": "convicted",
     "sentenc": "sentenced", "served": "served", "serving": "served", "releas": "freed", "freed": "freed",
     "acquit": "freed"},
    {"damag": "damaged", "destroy": "destroyed", "flatten": "destroyed"},
    {"spott": "seen", "sight": "seen", "detect": "seen", "approach": "seen", "attack": "attacked", "captur": "caught",
     "seiz": "caught", "caught": "caught", "intercept": "caught", "nabb": "caught", "escap": "fled", "fled": "fled"},
)  # fmt: skip
STAGE_REACH = 5  # words either side of the figure
_STAGE_WORD = re.compile(r"[a-z]+")
# Every stem in one pattern, read once over the words beside a figure (no stem begins
# another, so a word starts with at most one): each figure of a story is read.
_STAGE_OF = {stem: (n, stage) for n, family in enumerate(STAGE_FAMILIES) for stem, stage in family.items()}
_STAGE_STEM = re.compile(rf"\b(?:{'|'.join(_STAGE_OF)})")


def _stages(text: str, q: Quantity) -> frozenset[tuple[int, str]]:
    """The stages (family, stage) the words within STAGE_REACH of the figure name."""
    words = (
        _STAGE_WORD.findall(text[: q.start].lower())[-STAGE_REACH:]
        + _STAGE_WORD.findall(text[q.end :].lower())[:STAGE_REACH]
    )
    return frozenset(_STAGE_OF[m.group()] for m in _STAGE_STEM.finditer(" ".join(words)))


def _other_stage(ra: _Reading, rb: _Reading) -> bool:
    """True when, for some family of stages, both figures name stages and share none."""
    families = {f for f, _ in ra.stages} & {f for f, _ in rb.stages}
    return any({s for g, s in ra.stages if g == f}.isdisjoint(s for g, s in rb.stages if g == f) for f in families)


# What a player's or a team's record counts (unit heads, singular); a record is compared
# only between sentences naming its holder (on 66 ECB+ stories, sports recaps gave 45 of the
# 93 conflicts blind judges found not real: other players, plays or seasons).
PLAYER_STATS = frozenset(
    {
        "yard", "touchdown", "catch", "carry", "pass", "reception", "interception", "sack", "fumble",
        "rebound", "assist", "point", "pointer", "block", "steal", "homer", "run", "rbi", "hit", "inning",
        "strikeout", "goal", "save", "punch", "knockout", "game", "season", "start", "win", "loss",
    }
)  # fmt: skip
_RECORD_HOLDERS = frozenset({PERSON, "ORG"})
# A story whose articles give this many different figures of one record ("points",
# "yards") carries box scores: each figure is some player's, play's or game's, so no two of
# them are one thing. Grouping drops a conflict of this many figures (PILE_FIGURES), but
# only once the record rule above has split it into pieces it no longer sees as a pile.
# On 66 ECB+ stories, 109 -> 93 conflicts, 16 gone: yards, points, games and seasons of
# different players, and one the judges called real only for a figure beside it (Carter's 14
# points set against VanDeest's 13, where another outlet gave Carter 12); the DUC gold's
# three splits and the check set (MultiLing, ECB+ test) unchanged.
BOX_SCORE_FIGURES = PILE_FIGURES


def _a_measure(head: str) -> bool:
    """True for a unit that measures (a length, a speed, a weight, a share) rather than counts."""
    return bool(MEASURES.match(head) or _LENGTH_UNIT.match(head) or _SPEED_UNIT.match(head))


_READ_ONCE = re.compile(r"^(?:magnitude|degree|celsius|fahrenheit)")


def _read_once(head: str | None) -> bool:
    """A measure taken once, not a tally that grows: a quake's magnitude, a length, a speed, a temperature."""
    return bool(head and (_READ_ONCE.match(head) or _LENGTH_UNIT.match(head) or _SPEED_UNIT.match(head)))


def _told_apart(ra: _Reading, rb: _Reading, setting: frozenset[str]) -> bool:
    """True when the two figures' sentences say they are about different things: an increment,
    a base or a subset against a total (or two subsets), different places (or parts of the story's
    ``setting``), different years, positions from different places, different people's
    figures, different items of a series ("the first fee" / "the second"), counts at
    different stages of an event ("spotted" / "captured"), records of different players or
    teams, a count used as a modifier against a count, the sizes of different objects, or a
    measure on different days."""
    if ra.role != rb.role or (ra.converted and rb.converted and not _conversion_slip(ra, rb)):
        return True  # conversions repeat the figures they convert, which are compared themselves
    if ra.role == "subset":  # "the remaining three bowls" / "the other four": each leaves out its own
        return True
    if ra.places and rb.places and not ra.places & rb.places or _other_scope(ra, rb, setting):
        return True
    if ra.years and rb.years and not ra.years & rb.years:
        return True
    if ra.offset_from and rb.offset_from and not ra.offset_from & rb.offset_from:
        return True
    if ra.measures_what and rb.measures_what and ra.measures_what != rb.measures_what:  # a depth and a distance
        return True
    if ra.owner and rb.owner and ra.owner != rb.owner:  # two people's records
        return True
    if ra.ordinal and rb.ordinal and ra.ordinal != rb.ordinal:  # the first fee and the second
        return True
    if ra.share_of and rb.share_of and ra.share_of != rb.share_of:  # shares of different wholes
        return True
    if _other_stage(ra, rb):  # "spotted five boats" / "captured three"
        return True
    # A record is its holder's: two sentences that name no player or team in common give two
    # holders' (or two seasons') figures, however alike their words.
    if (ra.head in PLAYER_STATS or rb.head in PLAYER_STATS) and not ra.named & rb.named:
        return True
    # A count used as a modifier describes its noun ("a three-game losing streak", "a
    # 30-homer season"); the same unit counted outright ("missed four games", "33 homers") is
    # another thing. Measures are not counts: "a 36-foot module" is "the module, 36 feet long".
    if bool(ra.measures) != bool(rb.measures) and not ra.duration and not _a_measure(ra.head or ""):
        return True
    # Figures that measure nouns measure one thing only if the nouns share a word; a noun
    # the other sentence never names is another object.
    if ra.measures and not ra.measures & (rb.measures or _sentence_words(rb.text)):
        return True
    if rb.measures and not rb.measures & (ra.measures or _sentence_words(ra.text)):
        return True
    # A storm's winds change by the hour: "sustained winds of 120 kph" on Friday and "130 kph"
    # on Saturday are two readings of a storm that gained strength, not two accounts of one.
    if "wind" in (ra.measures_what, rb.measures_what) and ra.day and rb.day and ra.day != rb.day:
        return True
    # A count that grows ("killing at least seven") is one count on both dates; a measure
    # ("a magnitude of 6.1 … in September" / "5.6 … on Sunday") is read once, so on another
    # date it is another reading, whatever counts the sentence also gives.
    growing = (ra.running or rb.running) and not (_read_once(ra.head) and _read_once(rb.head))
    return bool(ra.as_of and rb.as_of and ra.as_of != rb.as_of and not growing)


# Two conversions of one measure in brackets ("180 mph (289 kph)" / "(290 kph)") differ by
# their rounding (a sum of money's, by the day's exchange rate); further apart than this
# share, one outlet converted wrongly ("minus 26
# Celsius (minus 15 Fahrenheit)" / "(minus 4 Fahrenheit)": -26 C is -14.8 F).
CONVERSION_ROUNDING = 0.05


def _conversion_slip(ra: _Reading, rb: _Reading) -> bool:
    """True when two outlets convert the same figure (a measure, not a sum of money) to
    values further apart than CONVERSION_ROUNDING: one of them converted wrongly."""
    if ra.role == "conversion" or ra.source is None or ra.source != rb.source:
        return False
    return not within(ra.span[0] or ra.span[1], rb.span[0] or rb.span[1], CONVERSION_ROUNDING)


def _other_scale(ra: _Reading, rb: _Reading, vague: bool = False) -> bool:
    """True when one figure is more than SCALE_APART times the other (VAGUE_SCALE_APART when
    one is vague): a town's toll and the region's, a share and the total, more often than two
    outlets' figures for one thing."""
    low_a, low_b = ra.span[0] or ra.span[1], rb.span[0] or rb.span[1]
    if not low_a or not low_b:
        return False
    small, large = sorted((abs(low_a), abs(low_b)))
    return large > (VAGUE_SCALE_APART if vague else SCALE_APART) * small


def _a_part_of(part: _Reading, whole: _Reading) -> bool:
    """True when ``part`` is one of coordinated figures whose sum is ``whole``'s figure."""
    low, high = whole.span  # a bounded figure: "more than a dozen" is no sum's
    return part.whole is not None and whole.whole is None and high != float("inf") and low <= part.whole <= high


def _other_event(ra: _Reading, rb: _Reading) -> bool:
    """True when the two figures are stated for dates more than OTHER_EVENT_DAYS apart."""
    return bool(ra.day and rb.day and abs((ra.day - rb.day).days) > OTHER_EVENT_DAYS)


def _number_severity(a: Side, b: Side, qa: Quantity, qb: Quantity, ra: _Reading, rb: _Reading) -> tuple[str, str]:
    if ra.as_of and rb.as_of and ra.as_of != rb.as_of:  # a running count: others are told apart
        (early, first), (late, later) = sorted(((ra.as_of, ra), (rb.as_of, rb)), key=lambda x: x[0])
        if later.span[1] is not None and first.span[0] is not None and later.span[1] < first.span[0]:
            return "hard", f"a running count that fell between {early} and {late}"
        return "soft", f"stated for different times ({early} vs {late})"
    # The patterns match within words, so either sentence matching is the pair's text matching.
    if a.published and b.published and a.published != b.published and (ra.running or rb.running):
        first, later = (ra, rb) if a.published < b.published else (rb, ra)
        if later.span[0] >= first.span[0]:
            return "soft", "a running count reported on different days; the later figure is an update"
    # Two reports of one day cannot be ordered: a count that grows may have grown between them
    # (the annotation guide's "running count that rises", acceptable as soft).
    if a.published and a.published == b.published and (ra.running or rb.running):
        return "soft", "a running count reported on the same day; the higher figure may be an update"
    if ra.predicted or rb.predicted:
        return "soft", "a prediction set against a reported figure"
    if ra.speaker and rb.speaker and ra.speaker != rb.speaker:
        estimate = {qa.qualifier, qb.qualifier} & {"about", "vague", "range"} or ra.measured or rb.measured
        if estimate or "hedged" in {a.extraction.modality, b.extraction.modality}:
            return "soft", f"different sources' estimates ({ra.speaker} vs {rb.speaker})"
    same_source = bool(ra.speaker and ra.speaker == rb.speaker)
    if not same_source and "vague" in {qa.qualifier, qb.qualifier}:  # "several countries" / "13 countries"
        return "soft", "a vague figure set against another"
    who = f" from the same source ({ra.speaker})" if same_source else ""
    return "hard", f"incompatible figures for the same thing{who}"


def _context(side: Side, q: Quantity, reach: int = CONTEXT_WORDS) -> set[str]:
    """Content words within ``reach`` words of a figure (word stems), its unit left out."""
    before = side.unit.text[: q.start].split()[-reach:]
    after = side.unit.text[q.end :].split()[:reach]
    unit = unit_words(q.unit)
    words = {w.strip(".,;:()\"“”'’").lower() for w in before + after}
    return {
        w[:5] for w in words if len(w) > 3 and w not in _STOPWORDS and singular(w) not in unit and not w[:1].isdigit()
    }


def _closest(q: Quantity, others: Sequence[Quantity], target: Quantity) -> bool:
    """True when q, of the sentence's figures comparable with target, is nearest to it in size."""

    def distance(x: Quantity) -> float:
        lx, ly = interval(x)[0] or 1e-9, interval(target)[0] or 1e-9
        return abs(np.log(max(abs(lx), 1e-9) / max(abs(ly), 1e-9)))

    rivals = [o for o in others if o is not q and comparable_units(o, target)]
    return all(distance(q) <= distance(o) for o in rivals)


# A cue after a figure that has a figure of its own names that one: "shot three people,
# killing one" (the three were shot, the one died), "injuring 20".
_QUALIFIERS = "|".join(sorted((re.escape(" ".join(cue)) for cue in lexicon.CUES), key=len, reverse=True))
_VAGUE_COUNTS = "|".join(sorted({*lexicon.PLURAL_SCALES, *lexicon.VAGUE_NEED_OF}))
_OWN_FIGURE = re.compile(
    rf"\w*\s+(?:(?:{_QUALIFIERS})\s+)?(?:\d|{_NUMBER_WORDS}\b|(?:{_VAGUE_COUNTS})\b)",
    re.I,
)


def normalise_unit(text: str, q: Quantity) -> Quantity:
    """Name what a figure counts when the words around it say so.

    "killing 12 people", "the death toll rose to 61" → deaths; "a magnitude 6.4 quake" →
    magnitude; "the number of rescuers had doubled to 1,200" → rescuers.
    """
    generic = q.unit is None or q.unit in {"people", "person", "persons"}
    if not generic and q.unit is not None and not q.unit.lower().startswith(("earthquake", "quake", "tremor")):
        return q  # (`q.unit is not None` repeats what `not generic` implies, for mypy)
    clause = re.split(r"[,;:]\s", text[: q.start])[-1]
    unit = q.unit
    if unit is None and (match := _NUMBER_OF.search(clause)):
        unit = match.group(1).lower()
    if unit and unit != q.unit:  # "the number of injured": the unit itself names the role
        for cue, name in _UNIT_CUES:
            if cue.search(unit):
                return replace(q, unit=name)
    before = " ".join(clause.split()[-12:])
    following = text[q.end :].split()[:5]
    after = " ".join(following[:3])
    # Cues start within three words after the figure; two more words let a cue see what
    # follows it ("the death sentence").
    after_read = " ".join(following)
    # The cue nearest the figure, in words, names it, the one before on a tie: "killed 5
    # people and injured 213 people", "left 40 dead and 120 injured", "a magnitude 6.4 quake
    # killed" (the first cue found filed the 213 and the 120 under deaths, the 6.4 too).
    found = [
        (distance, side, name)
        for cue, name in _UNIT_CUES
        for side, text_side in enumerate((before, after_read))
        for m in cue.finditer(text_side)
        if side == 0 or m.start() < len(after) and not _OWN_FIGURE.match(text_side, m.end())
        for distance in [len(text_side[m.end() :].split()) if side == 0 else len(text_side[: m.start()].split())]
    ]
    if found:
        return replace(q, unit=min(found)[2])
    return replace(q, unit=unit) if unit != q.unit else q


# "the two countries" refers back; "its 23 crew members" still makes a claim.
_REFERRING = re.compile(r"\b(the|these|those|both|all|each|every)\s+$", re.I)
# "If there are three undefeated teams, …", "unless 40 votes are found": a supposition, not a claim.
_SUPPOSED = re.compile(r"\b(?:if|unless)\b[^,;:.!?]*$", re.I)
# "with 12 minutes, 31 seconds remaining", "with 29 seconds left": a clock's reading marks a
# moment of a game or a countdown; two of them are two moments, not one span told twice
# (66 ECB+ stories: 3 conflicts gone, all judged not real; DUC gold and check set unchanged).
_CLOCK_UNITS = frozenset({"minute", "second"})
_CLOCK_READING_AFTER = re.compile(r"^(?:\s*,?\s*(?:and\s+)?\d+\s+seconds)?\s+(?:remaining|left|to go|to play)\b", re.I)


def counted_things(text: str, ex: SentenceExtraction) -> tuple[tuple[frozenset[str], float], ...]:
    """What a sentence's claim-making figures count (word stems) with each figure's lower
    bound (durations left out; "up to 5 million" counts from 0)."""
    found = []
    for q in ex.quantities:
        q = normalise_unit(text, q)
        if _plausible(text, q) and not is_duration(q) and (words := unit_words(q.unit)):
            found.append((words, interval(q)[0]))
    return tuple(found)


# A number inside a name: a capitalised number word mid-sentence ("the Big Ten", "the Final
# Four") or a figure after "the" and a capitalised word ("the Big 12 champion", "the Boeing
# 747"), months and weekdays aside ("the May 5 vote").
_NAMED_NUMBER = re.compile(rf"^(?=[A-Z])(?i:{_NUMBER_WORDS}(?:-{_NUMBER_WORDS})?)$")
_NAME_BEFORE = re.compile(r"\bthe\s+([A-Z][a-z]+)\s+$")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;\"“‘(]\s*)$")


def _in_a_name(text: str, q: Quantity) -> bool:
    words = q.text.split()
    if words and _NAMED_NUMBER.match(words[0]) and not _SENTENCE_OPEN.search(text[: q.start]):
        return True
    before = _NAME_BEFORE.search(text[max(0, q.start - 30) : q.start])
    if before is None or not q.text[:1].isdigit():
        return False
    word = before.group(1).lower()
    return word not in MONTHS and word not in WEEKDAYS


# "With one astronaut standing on the arm and the other hooked to the telescope": "one" set
# against "the other" (or "another") picks one member out of a group; it does not count it.
_ONE_OF_THEM = re.compile(r"(?i)one\b")
_THE_OTHER = re.compile(r"\b(?:the others?|another)\b", re.I)


def _plausible(text: str, q: Quantity) -> bool:
    """A figure that makes a claim: "the two countries" refers, it does not count, "if there
    are three teams" supposes, "the Big 12 champion" names, and "one astronaut … the other"
    picks one of a pair out; and a count of things is a whole number ("a 5.1 aftershock" is
    a magnitude, not a count)."""
    if _REFERRING.search(text[: q.start]) or _SUPPOSED.search(text[: q.start]) or _in_a_name(text, q):
        return False
    if _ONE_OF_THEM.match(q.text) and _THE_OTHER.search(text[q.end :]):
        return False
    if (is_duration(q) or unit_head(q.unit) in _CLOCK_UNITS) and _CLOCK_READING_AFTER.match(text[q.end :]):
        return False
    if q.low is None or q.low != q.high or float(q.low).is_integer():
        return True
    return bool(MEASURES.match(unit_head(q.unit) or ""))


def _figure_keys(q: Quantity) -> frozenset[str]:
    return frozenset({"duration"}) if is_duration(q) else unit_words(q.unit)


def _number_edge(a: Side, b: Side, qa: Quantity, qb: Quantity, ra: _Reading, rb: _Reading) -> Edge:
    severity, reason = _number_severity(a, b, qa, qb, ra, rb)
    subject = qa.unit if len(qa.unit or "") >= len(qb.unit or "") else qb.unit
    return Edge("number", subject or "figure", severity, reason, ra.claim, rb.claim)


@dataclass(frozen=True)
class FigurePairs:
    """A story's figures (units named from context) and the pairs that may count one thing.

    Built once per brief: conflicts and agreements are both read off these pairs.
    """

    figures: list[tuple[Quantity, ...]]  # per sentence
    # (sentence, figure, sentence, figure), a figure by its position in figures[sentence]: tuples of
    # numbers only, which the garbage collector stops tracking (a 500-article story has 70k pairs).
    pairs: list[tuple[int, int, int, int]]
    sims: list[float | None]  # per pair, its sentences' cosine (None without vectors)


def figure_pairs(sides: Sequence[Side], nearby: set[tuple[int, int]] | None = None) -> FigurePairs:
    """Pairs of plausible figures in different articles that may count the same thing,
    each pair once (only neighbouring sentences' pairs for crowded units)."""
    figures = [tuple(normalise_unit(side.unit.text, q) for q in side.extraction.quantities) for side in sides]
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for n, quantities in enumerate(figures):
        for k, q in enumerate(quantities):
            if _plausible(sides[n].unit.text, q):
                for key in _figure_keys(q):
                    by_key[key].append((n, k))
    near = _crowded_pairs(by_key, nearby) if nearby is not None else {}
    articles = [side.unit.article for side in sides]
    seen: set[tuple[int, int, int, int]] = set()
    pairs = []
    for key, items in by_key.items():
        for pair in _key_pairs(items, near.get(key)):
            i, a, j, b = pair
            if pair in seen or articles[i] == articles[j]:
                continue
            seen.add(pair)
            if comparable_units(figures[i][a], figures[j][b]):
                pairs.append(pair)
    return FigurePairs(figures, pairs, _pair_sims(sides, pairs))


# Pairs whose cosines one matmul takes.
_SIM_BLOCK = 4096


def _pair_sims(sides: Sequence[Side], pairs: Sequence[tuple[int, int, int, int]]) -> list[float | None]:
    """float(a.vector @ b.vector) for each pair's two sentences, None where one has no vector.

    numpy's matmul of a block of rows by their columns takes each pair's dot product the way
    ``@`` does for one pair, bit for bit, without its per-call cost (70k pairs in a
    500-article story).
    """
    vectors = [side.vector for side in sides]
    present = [v for v in vectors if v is not None]
    # Stacked, rows multiply as they did alone when they were contiguous, of one dtype and length.
    alike = (
        len(present) == len(vectors)
        and all(v.flags.c_contiguous for v in present)
        and len({(v.dtype, v.shape) for v in present}) <= 1
    )
    if not alike:
        return [
            float(x @ y) if (x := vectors[i]) is not None and (y := vectors[j]) is not None else None
            for i, _, j, _ in pairs
        ]
    if not pairs:
        return []
    stacked = np.stack(present)
    index = np.fromiter(chain.from_iterable(pairs), np.intp, 4 * len(pairs)).reshape(-1, 4)  # faster than np.array
    sims: list[float | None] = []
    for at in range(0, len(index), _SIM_BLOCK):
        block = index[at : at + _SIM_BLOCK]
        sims += np.matmul(stacked[block[:, 0], None, :], stacked[block[:, 2], :, None])[:, 0, 0].tolist()
    return sims


def _crowded_pairs(
    by_key: dict[str, list[tuple[int, int]]], nearby: set[tuple[int, int]]
) -> dict[str, list[tuple[int, int]]]:
    """Each crowded key's neighbouring sentence pairs, in ``nearby``'s order.

    One pass over ``nearby`` for all crowded keys: a pass per key was most of figure_pairs'
    time on a 500-article story (a dozen crowded keys × 100k pairs).
    """
    near: dict[str, list[tuple[int, int]]] = {key: [] for key, items in by_key.items() if len(items) > ALL_PAIRS_MAX}
    keys_at: dict[int, set[str]] = defaultdict(set)
    for key in near:
        for n, _ in by_key[key]:
            keys_at[n].add(key)
    for pair in nearby:
        keys_i, keys_j = keys_at.get(pair[0]), keys_at.get(pair[1])
        if keys_i and keys_j:
            for key in keys_i & keys_j:
                near[key].append(pair)
    return near


def _key_pairs(items: list[tuple[int, int]], near: list[tuple[int, int]] | None) -> Iterator[tuple[int, int, int, int]]:
    """All pairs of a key's figures, or only those of the neighbouring sentences ``near`` when crowded."""
    if near is None:
        for x, (i, a) in enumerate(items):
            for j, b in items[x + 1 :]:
                yield i, a, j, b
        return
    at: dict[int, list[int]] = defaultdict(list)
    for n, k in items:
        at[n].append(k)
    for i, j in near:
        for a in at[i]:
            for b in at[j]:
                yield i, a, j, b


def number_edges(sides: Sequence[Side], found: FigurePairs | None = None) -> list[Edge]:
    """Figures for the same counted thing that cannot both be true.

    Two figures count one thing when their sentences are on one topic and share a word
    around the figure ("killed 12 people" / "killed 48 people"), or, for a specific unit
    ("crew", "deaths"), are close; and nothing tells them apart (an increment against a
    total, other places, other years, a measure on other days). When a sentence gives
    several figures of one unit, each is compared with the nearest-sized figure on the
    other side.
    """
    return list(iter_number_edges(sides, found))


def iter_number_edges(sides: Sequence[Side], found: FigurePairs | None = None) -> Iterator[Edge]:
    """number_edges one at a time."""
    found = found or figure_pairs(sides)
    figures = found.figures
    readings = [_read_figures(side, quantities) for side, quantities in zip(sides, figures)]
    setting = story_setting(sides)
    box_scores = _box_score_records(readings)
    listed = _listed_figures(sides, readings)
    for (i, x, j, y), sim in zip(found.pairs, found.sims):
        ra, rb = readings[i][x], readings[j][y]
        if ra.head in box_scores or rb.head in box_scores or (i, x) in listed or (j, y) in listed:
            continue
        a, b, qa, qb = sides[i], sides[j], figures[i][x], figures[j][y]
        vague = "vague" in (qa.qualifier, qb.qualifier)  # "several" and "dozens" are 3 and 24 only nominally
        if overlaps(ra.span, rb.span) or _other_event(ra, rb) or _other_scale(ra, rb, vague):
            continue
        if _a_part_of(ra, rb) or _a_part_of(rb, ra):
            continue
        if sim is not None and sim < SAME_THING_SIM or _told_apart(ra, rb, setting):
            continue
        generic = ra.duration or ra.head in GENERIC_UNITS or rb.head in GENERIC_UNITS
        close = not generic and sim is not None and sim >= SPECIFIC_SAME_SIM
        if not close and not _context_of(a, qa, ra) & _context_of(b, qb, rb):
            continue
        weak = ra.duration or rb.duration or vague or _far_apart(ra, rb)
        if not weak and ra.head in NARROW_CONTEXT_UNITS and not _near_of(a, qa, ra) & _near_of(b, qb, rb):
            weak = True  # two sums of money, or counts of people, with nothing said of what both are
        if weak and sim is not None and sim < WEAK_FIGURE_SIM and not (ra.speaker and ra.speaker == rb.speaker):
            continue
        # A sentence's only figure (most are) is the closest.
        if (len(figures[i]) == 1 or _closest(qa, figures[i], qb)) and (
            len(figures[j]) == 1 or _closest(qb, figures[j], qa)
        ):
            yield _number_edge(a, b, qa, qb, ra, rb)


def _far_apart(ra: _Reading, rb: _Reading) -> bool:
    """Two positive figures, neither a count that grows, the larger FAR_APART times the
    smaller or more (their intervals' nearer ends)."""
    if ra.running or rb.running or ra.head in SHARE_WORDS or rb.head in SHARE_WORDS:
        return False
    low, high = sorted((ra.span, rb.span))
    return low[1] > 0 and high[0] >= FAR_APART * low[1]


# An article that gives one counted thing this many different figures lists several things
# ("DELEGATES: 367 Democratic" for one state, "54 Democratic" for the next, ...): none of
# them is the figure another article gives for one of them. Only counts of things, and not
# those that grow ("12 dead on Saturday, 48 on Sunday, 61 by Monday" is one toll as it
# rose): an article naturally gives several shares, sums or distances of one story's thing
# (each candidate's share of the vote), and three counts were too few (DUC gold train: with
# shares, measures and three, 27 -> 16 conflicts, 6 of the 16 matched lost).
LISTED_FIGURES = 4


def _listed_figures(sides: Sequence[Side], readings: Sequence[Sequence[_Reading]]) -> set[tuple[int, int]]:
    """(sentence, figure) of the figures their article lists LISTED_FIGURES or more of, for one
    counted noun (not a count that grows)."""
    spans: dict[tuple[str, str], set[tuple[float, float]]] = defaultdict(set)
    where: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for n, (side, sentence) in enumerate(zip(sides, readings)):
        for k, reading in enumerate(sentence):
            if reading.head and not reading.running and not reading.duration and not _a_measure(reading.head):
                key = (side.unit.article, reading.head)
                spans[key].add(reading.span)
                where[key].append((n, k))
    return {site for key, found in spans.items() if len(found) >= LISTED_FIGURES for site in where[key]}


def _box_score_records(readings: Sequence[Sequence[_Reading]]) -> frozenset[str]:
    """The records (PLAYER_STATS heads) the story gives BOX_SCORE_FIGURES or more figures of."""
    values: dict[str, set[tuple[float, float]]] = defaultdict(set)
    for reading in chain.from_iterable(readings):
        if reading.head in PLAYER_STATS:
            values[reading.head].add(reading.span)
    return frozenset(head for head, spans in values.items() if len(spans) >= BOX_SCORE_FIGURES)


def _context_of(side: Side, q: Quantity, reading: _Reading) -> set[str]:
    if reading.context is None:
        reading.context = _context(side, q)
    return reading.context


def _near_of(side: Side, q: Quantity, reading: _Reading) -> set[str]:
    if reading.near is None:
        reading.near = _context(side, q, NARROW_CONTEXT_WORDS)
    return reading.near


# Sentences giving overlapping figures for one thing say the same at or above this cosine.
AGREE_SIM = 0.45


def agreeing_pairs(sides: Sequence[Side], found: FigurePairs | None = None) -> set[tuple[int, int]]:
    """(i, j) of sentences in different articles that give overlapping figures for one thing
    ("in 24 years" / "in nearly 25 years"): evidence that a claim is not single-source."""
    found = found or figure_pairs(sides)
    spans = [[interval(q) for q in quantities] for quantities in found.figures]  # each figure's, once
    agree: set[tuple[int, int]] = set()
    for (i, x, j, y), sim in zip(found.pairs, found.sims):
        if sim is None or (min(i, j), max(i, j)) in agree:
            continue
        if overlaps(spans[i][x], spans[j][y]) and sim >= AGREE_SIM:
            agree.add((min(i, j), max(i, j)))
    return agree
