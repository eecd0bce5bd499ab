"""Quantities in a sentence, as intervals the conflict detector can compare.

    >>> for q in find_quantities("It sent up to five million shells and several missiles."):
    ...     print(q.text, q.low, q.high, q.qualifier, q.unit, q.vague)
    up to five million shells None 5000000.0 at_most shells None
    several missiles 3.0 9.0 vague missiles several

Every quantity is an interval [low, high] (None = unbounded) with the qualifier that made it:

    exact     "23 crew members"              [23, 23]
    about     "about / around / some 700,000" [0.9·X, 1.1·X]; "nearly / almost / close to X"
              [0.9·X, X]; "just over X" [X, 1.1·X]   (width: quantity_lexicon.ABOUT_WIDTH)
    at_least  "at least / more than / over 10", "10 or more"   [10, None]
    at_most   "up to / as many as / fewer than 10"              [None, 10]
    range     "between 10 and 15", "10-15", "10 to 15", "two or three"
    vague     "a couple of" [2, 3], "a few" [2, 5], "a handful" [2, 6], "several" [3, 9],
              "a dozen" [10, 14], "dozens" [24, 99], "scores" [40, 199], "hundreds" [200, 999],
              "thousands" [2,000, 9,999], "millions" [2·10⁶, 10⁷-1]; with a scale they
              multiply: "a few hundred" [200, 500], "tens of thousands" [20,000, 99,999]

A qualified vague count keeps the qualifier: "at least several hundred" is [300, None],
and "about a dozen" is about 12. "many", "numerous" and "a number of" are not extracted.
"over" before a time span means "during" unless "for", "in", "lasted", … comes first
("fighting over three days" is exact, "for over 20 years" at least 20).

Units (``quantity_units``): the counted noun, lower-case and plural, with its modifiers
("ballistic missiles", "crew members") but without "of X" after a measure word
("260,000 metric tonnes of munitions" → "metric tonnes"); "percent"; currency codes with
the value in units ("$4.2 million" → 4.2e6 USD); "km", "m", "sq km", "years", "hours".
A glued "m" is million ("3.7m people", "$3.7m") unless a length word or "a … m <noun>"
makes it metres ("3.7m tall", "a 3.7m wall").

Not quantities: years, days of the month, clock times, ordinals, fractions and ratios
("two-thirds", "one in five"), codes and names ("MH17", "Su-57", "Resolution 2231", "G7"),
phone numbers, page and section numbers, list markers, an age after a name ("Hale, 72,"),
"a/an" + unit ("a decade ago": left to the time expressions). Ages written
"a 48-year-old" or "aged 48" are kept, with the unit "years of age".

The stage is pure and needs no model; given the sentence's spaCy ``doc`` (a Doc of the
sentence, or the sentence's Span of an article Doc), numbers inside names (PRODUCT, LAW,
ORG, EVENT, …) are dropped too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from ...records import Qualifier, Quantity
from .numbers import STARTERS, NumberMatch, Token, joined, match_number, tokenize
from .quantity_filters import phone_spans, skip_reason
from .quantity_lexicon import (
    ABOUT_WIDTH,
    CHANGE_WORDS,
    CUE_MAX_WORDS,
    CUES,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    DOLLAR_PREFIXES,
    OVER_MEANS_MORE_AFTER,
    PLURAL_SCALES,
    SINGULAR_SCALES,
    SUFFIX_CUES,
    TIME_UNITS,
    VAGUE,
    VAGUE_NEED_OF,
    VAGUE_TAKE_SCALE,
)
from .quantity_units import find_unit, metres_not_million

# A sentence with none of these has no quantity: most sentences leave here.
_MAYBE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|quarter|few|several"
    r"|couple|handful|scores|tens|hundreds|thousands|millions|billions|an?\s+\w+\s+and\s+a\s+half)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")  # the cheap half of _MAYBE: it settles most sentences at once
_VAGUE_FIRST = frozenset(key[0] for key in VAGUE) | {"an"}
_NUMBER_FIRST = _VAGUE_FIRST | STARTERS  # with digits, the words a core can start at
_NAME_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "LAW", "FAC", "WORK_OF_ART", "EVENT", "LANGUAGE"})
_TIME_UNIT_NAMES = frozenset(TIME_UNITS.values())
_RANGE_DASHES = frozenset({"-", "–", "—"})
CHANGE_LOOKBACK = 4  # words before "from X to Y" searched for "rose", "fell", …
_SINGULAR_VERBS = frozenset({"was", "is", "has", "does"})


@dataclass(frozen=True, slots=True)
class _Core:
    """A number or vague count before qualifiers and units are read."""

    start: int  # first token, with a currency sign or "between"
    first: int  # first token of the number itself
    last: int  # exclusive
    low: float
    high: float
    scale: float = 1.0
    qualifier: Qualifier = "exact"
    vague: str | None = None
    currency: str | None = None
    unit: str | None = None  # known already: "an hour and a half" → hours
    glued_m: bool = False  # ends in an attached "m": million, or metres
    needs_unit: bool = False  # a bare "one" counts only with a noun after it


def _word(tokens: list[Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) else ""


# -- 1. numbers and vague counts ---------------------------------------------------------


def _currency_before(tokens: list[Token], first: int) -> tuple[str | None, int]:
    """ "$", "US$", "€", "USD 5m": the currency before a number and where it starts."""
    i = first - 1
    if i < 0:
        return None, first
    sign = tokens[i].text
    if sign in CURRENCY_SYMBOLS:
        if sign == "$" and i > 0 and joined(tokens, i) and tokens[i - 1].lower in DOLLAR_PREFIXES:
            return DOLLAR_PREFIXES[tokens[i - 1].lower], i - 1
        return CURRENCY_SYMBOLS[sign], i
    if tokens[i].lower in CURRENCY_CODES and tokens[i].text.isupper():
        return tokens[i].text, i
    return None, first


def _number_core(tokens: list[Token], m: NumberMatch) -> _Core:
    currency, start = _currency_before(tokens, m.first)
    glued_m = tokens[m.last - 1].lower == "m" and joined(tokens, m.last - 1)
    bare_one = m.last == m.first + 1 and tokens[m.first].lower == "one"
    if [t.lower for t in tokens[m.first : m.last]] == ["a", "dozen"]:
        low, high = VAGUE[("a", "dozen")]
        return _Core(start, m.first, m.last, low, high, 12.0, "vague", "a dozen")
    return _Core(
        start, m.first, m.last, m.value, m.value, m.scale, currency=currency, glued_m=glued_m, needs_unit=bare_one
    )


def _and_a_half(tokens: list[Token], i: int) -> _Core | None:
    """ "an hour and a half", "a year and a half"."""
    unit = TIME_UNITS.get(_word(tokens, i + 1))
    if (
        _word(tokens, i) in ("a", "an")
        and unit
        and _word(tokens, i + 2) == "and"
        and _word(tokens, i + 3) == "a"
        and _word(tokens, i + 4) == "half"
    ):
        return _Core(i, i, i + 5, 1.5, 1.5, unit=unit)
    return None


def _vague_scale(tokens: list[Token], key: tuple[str, ...], j: int) -> tuple[float, int]:
    """The scale after a vague word ("a few hundred") and the index after it."""
    scale = 1.0
    if key in VAGUE_TAKE_SCALE:
        of_scale = _word(tokens, j) == "of" and _word(tokens, j + 1) in SINGULAR_SCALES
        if key == ("a", "couple") and of_scale:
            j += 1  # "a couple of hundred"
        while _word(tokens, j) in SINGULAR_SCALES:
            scale *= SINGULAR_SCALES[_word(tokens, j)]
            j += 1
    return scale, j


def _vague_core(tokens: list[Token], i: int) -> _Core | None:
    key: tuple[str, ...] = (_word(tokens, i), _word(tokens, i + 1))
    if key not in VAGUE or key == ("a", "dozen"):
        key = key[:1]
        if key not in VAGUE:
            return None
    j = i + len(key)
    alternative = _word(tokens, j) == "or" and (_word(tokens, j + 1),) in VAGUE  # "tens or hundreds"
    if key[-1] in VAGUE_NEED_OF and _word(tokens, j) != "of" and not alternative:
        return None
    low, high = VAGUE[key]
    scale, j = _vague_scale(tokens, key, j)
    low, high = low * scale, high * scale
    chained = False
    # "hundreds of thousands", "tens of millions"
    while _word(tokens, j) == "of" and PLURAL_SCALES.get(_word(tokens, j + 1), 0) >= 1e3:
        multiplier = PLURAL_SCALES[_word(tokens, j + 1)]
        low, high = low * multiplier, (high + 1) * multiplier - 1
        j += 2
        chained = True
    if key == ("tens",) and not chained and not alternative:
        return None  # "tens" alone is not a count ("tens or hundreds" is)
    if key == ("a", "couple") and scale == 1 and _word(tokens, j) != "of":
        return None  # "a couple" are two people, not a count of something
    vague = " ".join(t.lower for t in tokens[i:j])
    return _Core(i, i, j, float(low), float(high), scale, "vague", vague)


def _cores(tokens: list[Token], phones: list[tuple[int, int]]) -> Iterator[_Core]:
    """Numbers and vague counts, left to right, without the ones that are not amounts."""
    # Most words start no number and no vague count: only the tokens that may are visited.
    starts = [i for i, t in enumerate(tokens) if t.text[0].isdigit() or t.lower in _NUMBER_FIRST]
    i = 0  # the first token not yet read
    for start in starts:
        if start < i:
            continue  # inside a number read already
        i = start
        core = None
        if tokens[i].lower in _VAGUE_FIRST:
            core = _and_a_half(tokens, i) or _vague_core(tokens, i)
        if core is None:
            m = match_number(tokens, i)
            if m is not None:
                if skip_reason(tokens, m, phones) is None:
                    core = _number_core(tokens, m)
                else:
                    i = m.last
                    continue
        if core is not None:
            yield core
            i = core.last
        else:
            i += 1


# -- 2. names found by spaCy -------------------------------------------------------------


def _outside_names(cores: list[_Core], tokens: list[Token], doc: Any) -> list[_Core]:
    base = getattr(doc, "start_char", 0)
    names = [(e.start_char - base, e.end_char - base) for e in doc.ents if e.label_ in _NAME_LABELS]
    if not names:
        return cores

    def inside(core: _Core) -> bool:
        start, end = tokens[core.first].start, tokens[core.last - 1].end
        return any(s <= start and end <= e for s, e in names)

    return [c for c in cores if not inside(c)]


# -- 3. ranges ---------------------------------------------------------------------------


def _range_start(tokens: list[Token], a: _Core, b: _Core) -> int | None:
    """Where the range "a … b" starts, or None when a and b are not a range."""
    gap = [t.lower for t in tokens[a.last : b.start]]
    if gap[:1] == ["%"]:
        gap = gap[1:]  # "3% to 5%"
    before = _word(tokens, a.start - 1)
    if len(gap) != 1:
        return None
    link = gap[0]
    if link in _RANGE_DASHES or link == "or":
        return a.start
    if link == "and":
        return a.start - 1 if before == "between" else None
    if link == "to":
        lookback = {t.lower for t in tokens[max(0, a.start - CHANGE_LOOKBACK) : a.start]}
        if lookback & CHANGE_WORDS:
            return None  # "rose from 3% to 5%": two values
        return a.start - 1 if before == "from" else a.start
    return None


def _vague_range(tokens: list[Token], a: _Core, b: _Core) -> _Core | None:
    """ "hundreds or thousands of meteors", "tens or hundreds": one vague span, from the
    first's low to the second's high (read apart, "hundreds" and "thousands" were two figures
    that disagreed)."""
    if [t.lower for t in tokens[a.last : b.start]] != ["or"] or not a.low < b.low:
        return None
    return _Core(a.start, a.first, b.last, a.low, b.high, b.scale, "vague", f"{a.vague} or {b.vague}")


def _range(tokens: list[Token], a: _Core, b: _Core) -> _Core | None:
    if a.qualifier == "vague" and b.qualifier == "vague" and not (a.unit or b.unit):
        return _vague_range(tokens, a, b)
    if a.qualifier != "exact" or b.qualifier != "exact" or a.unit or b.unit:
        return None
    start = _range_start(tokens, a, b)
    if start is None:
        return None
    low = a.low
    if a.scale == 1 and b.scale > 1 and low * b.scale <= b.low:
        low *= b.scale  # "5 to 7 million", "$4-5m"
    if not low < b.low:
        return None  # "301 to 89" is a vote count, "3-0" a score
    return _Core(start, a.first, b.last, low, b.high, b.scale, "range", None, a.currency or b.currency, None, b.glued_m)


def _join_ranges(tokens: list[Token], cores: list[_Core]) -> list[_Core]:
    joined_cores: list[_Core] = []
    for core in cores:
        merged = _range(tokens, joined_cores[-1], core) if joined_cores else None
        if merged is not None:
            joined_cores[-1] = merged
        else:
            joined_cores.append(core)
    return joined_cores


# -- 4. qualifiers -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Bounds:
    """The interval a core ends up as, once its qualifier is read."""

    low: float | None
    high: float | None
    qualifier: Qualifier
    vague: str | None


def _cue_before(tokens: list[Token], start: int) -> tuple[str | None, int]:
    """The longest qualifier cue ending just before token ``start``: ("at_least", index)."""
    longest = min(CUE_MAX_WORDS, start)
    before = tuple(t.lower for t in tokens[start - longest : start])
    for size in range(longest, 0, -1):
        words = before[longest - size :]
        if words in CUES:
            return CUES[words], start - size
    return None, start


def _cue_after(tokens: list[Token], j: int) -> tuple[str | None, int]:
    """ "or more", "or so", "+", "-plus" after a number or its unit."""
    if _word(tokens, j) in ("-", "‐") and _word(tokens, j + 1) == "plus" and joined(tokens, j):
        return "at_least", j + 2
    after = tuple(t.lower for t in tokens[j : j + 2])
    for size in (2, 1):
        words = after[:size]
        if words in SUFFIX_CUES and (words != ("+",) or joined(tokens, j)):
            return SUFFIX_CUES[words], j + size
    return None, j


def _bounds(core: _Core, cue: str | None) -> _Bounds:
    """The interval of ``core`` under ``cue`` (see the table in the module docstring)."""
    if cue is None:
        return _Bounds(core.low, core.high, core.qualifier, core.vague)
    if core.qualifier == "vague" and core.vague != "a dozen":
        if cue == "at_least":
            return _Bounds(core.low, None, "at_least", None)  # "at least several hundred"
        if cue == "at_most":
            return _Bounds(None, core.high, "at_most", None)
        return _Bounds(core.low, core.high, "vague", core.vague)  # "about" adds nothing
    value = 12.0 if core.vague == "a dozen" else core.low  # "about a dozen" is about 12
    return {
        "about": _Bounds(value * (1 - ABOUT_WIDTH), value * (1 + ABOUT_WIDTH), "about", None),
        "below": _Bounds(value * (1 - ABOUT_WIDTH), value, "about", None),
        "above": _Bounds(value, value * (1 + ABOUT_WIDTH), "about", None),
        "at_least": _Bounds(value, None, "at_least", None),
        "at_most": _Bounds(None, value, "at_most", None),
    }[cue]


# -- 5. units, then the record -----------------------------------------------------------


def _unit(tokens: list[Token], core: _Core) -> tuple[_Core, str | None, int]:
    """The core (an "m" may turn out to be metres), its unit and the token after it."""
    j = core.last
    article = _word(tokens, core.start - 1) in ("a", "an")
    if core.glued_m and not core.currency and metres_not_million(tokens, j, article):
        return replace(core, low=core.low / 1e6, high=core.high / 1e6), "m", j
    if core.unit:
        return core, core.unit, j
    if core.currency:
        return core, core.currency, j
    if _word(tokens, core.start - 1) == "aged":
        return core, "years of age", j
    # A vague count is plural whatever its low end: "a couple of ship" is not written.
    value = core.high if core.qualifier != "vague" else 2.0
    found = find_unit(tokens, j, value, core.scale > 1, allow_of=core.qualifier == "vague")
    if speed := _PER_HOUR.get(found.unit or ""):
        at = found.end + (_word(tokens, found.end) == "-")  # "a 20-mile-an-hour wind"
        if _word(tokens, at) in ("an", "a", "per"):
            at += 1 + (_word(tokens, at + 1) == "-")
            if _word(tokens, at) == "hour":
                return core, speed, at + 1  # "135 miles an hour" is a speed, not a distance
    return core, found.unit, found.end


# Per hour only: "44 miles per second" stays in miles, as "43 miles (69 kilometers) per
# second" must, whose "per second" follows its conversion.
_PER_HOUR = {"miles": "mph", "mile": "mph", "km": "km/h", "kilometers": "km/h", "kilometres": "km/h"}
_PER_HOUR |= {"kilometer": "km/h", "kilometre": "km/h"}


def _over_means_during(tokens: list[Token], cue_start: int, unit: str | None) -> bool:
    """ "fighting over three days", "€300m over five years": "over" is "during" here."""
    return (
        unit in _TIME_UNIT_NAMES
        and _word(tokens, cue_start) == "over"
        and cue_start > 0
        and _word(tokens, cue_start - 1) not in OVER_MEANS_MORE_AFTER
    )


def _a_name(tokens: list[Token], core: _Core, unit: str | None) -> bool:
    """ "The 747 was grounded": "the" + a number + a singular verb names a thing."""
    return unit is None and _word(tokens, core.start - 1) == "the" and _word(tokens, core.last) in _SINGULAR_VERBS


@dataclass(frozen=True, slots=True)
class _Read:
    """A core with its unit, where its text starts and ends (tokens), and its qualifier cue."""

    core: _Core
    unit: str | None
    start: int
    end: int
    cue: str | None = None


def _with_suffix_cue(tokens: list[Token], read: _Read) -> _Read:
    """ "10,000 or more", "a dozen or so fishermen", "20 years or so", "10,000-plus delegates"."""
    core = read.core
    cue, cue_end = _cue_after(tokens, core.last)
    if cue is not None and read.unit is None:
        # the noun comes after the cue: "10,000-plus delegates"
        core, unit, end = _unit(tokens, replace(core, last=cue_end))
        return _Read(core, unit, read.start, max(end, cue_end), cue)
    if cue is None and read.end > core.last:
        cue, cue_end = _cue_after(tokens, read.end)
    if cue is None:
        return read
    return replace(read, end=max(read.end, cue_end), cue=cue)


def _read(tokens: list[Token], core: _Core) -> _Read | None:
    """Unit and qualifier of one core; None when it turns out not to be a quantity."""
    core, unit, end = _unit(tokens, core)
    if (core.needs_unit and unit is None) or _a_name(tokens, core, unit):
        return None
    read = _Read(core, unit, core.start, end)
    if core.qualifier == "range":
        return read  # "between" is part of the range; "some 10 to 15" stays a range
    cue, cue_start = _cue_before(tokens, core.start)
    if cue and not _over_means_during(tokens, cue_start, unit):
        return replace(read, start=cue_start, cue=cue)
    return _with_suffix_cue(tokens, read)


_MINUS_SIGNS = frozenset({"-", "−", "–"})


def _sign_at(tokens: list[Token], read: _Read) -> int | None:
    """Where a minus sign before the figure starts ("minus 26 Celsius", "-5 degrees"), or
    None; "plus or minus 3 points" is a margin, not a negative figure."""
    i = read.start - 1
    if i < 0:
        return None
    if tokens[i].lower == "minus":
        return None if _word(tokens, i - 1) == "or" and _word(tokens, i - 2) == "plus" else i
    if tokens[i].text in _MINUS_SIGNS and joined(tokens, read.start) and not joined(tokens, i):
        return i
    return None


def _below_zero(tokens: list[Token], read: _Read) -> bool:
    """ "15 degrees below zero"."""
    end = max(read.end, read.core.last)
    return _word(tokens, end) == "below" and _word(tokens, end + 1) == "zero"


def _record(sentence: str, tokens: list[Token], read: _Read) -> Quantity:
    bounds = _bounds(read.core, read.cue)
    low, high = bounds.low, bounds.high
    start, end = read.start, max(read.end, read.core.last)
    sign = _sign_at(tokens, read)
    below = sign is None and _below_zero(tokens, read)
    # A temperature below zero is a negative figure: "minus 15 Fahrenheit" against "minus 4
    # Fahrenheit" is -15 against -4, not 15 against 4 (open-ended ones are left as read).
    if (sign is not None or below) and low is not None and high is not None:
        low, high = -high, -low
        start = sign if sign is not None else start
        end = end + 2 if below else end
    first = tokens[start].start
    last = tokens[end - 1].end
    return Quantity(first, last, sentence[first:last], low, high, bounds.qualifier, read.unit, bounds.vague)


def find_quantities(sentence: str, doc: Any = None) -> tuple[Quantity, ...]:
    """The quantities in ``sentence``, left to right, with offsets into it.

    ``doc`` (optional) is the sentence's spaCy Doc or Span; its named entities veto numbers
    that are part of a name. The rules alone need no model.

    >>> q = find_quantities("It was his first visit in nearly 25 years.")[0]
    >>> q.text, q.low, q.high, q.qualifier, q.unit
    ('nearly 25 years', 22.5, 25.0, 'about', 'years')
    """
    # 0. most sentences have no digit and no number word
    if not (_DIGIT.search(sentence) or _MAYBE.search(sentence)):
        return ()
    # 1. numbers and vague counts that are amounts
    tokens = tokenize(sentence)
    cores = list(_cores(tokens, phone_spans(sentence)))
    # 2. numbers inside names, when spaCy's entities are at hand
    if doc is not None and cores:
        cores = _outside_names(cores, tokens, doc)
    # 3. "10-15", "between 10 and 15", "two or three"
    cores = _join_ranges(tokens, cores)
    # 4-5. units and qualifiers, then records
    reads = (_read(tokens, core) for core in cores)
    found = [_record(sentence, tokens, read) for read in reads if read is not None]
    # "15 degrees below zero" took in the "zero" that would be a figure of its own
    return tuple(q for n, q in enumerate(found) if n == 0 or q.start >= found[n - 1].end)
