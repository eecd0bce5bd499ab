"""Recognition: regular-expression rules that find time-expression spans, HeidelTime-style.

Each rule names the normaliser ``kind`` that reads its named groups. All rules run over the
text; where matches overlap the longest wins (then the earlier rule), as in HeidelTime, so
"Friday, Oct. 23" beats "Friday" and "Oct. 23". Spans follow TimeML: determiners and
modifiers ("the", "early", "nearly") are inside, prepositions ("on", "in", "since") outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .hints import HintSet, text_words
from .hints import hints as _hint
from .timex_lexicon import (
    COUNT_RE,
    MONTH_DAY_RE,
    MONTH_RE,
    MONTHS,
    NUMBER_WORD_RE,
    ORDINAL_RE,
    PART_OF_DAY_RE,
    PARTS_OF_DAY,
    SEASON_RE,
    SEASONS,
    UNIT_PLURALS,
    UNIT_RE,
    UNITS,
    WEEKDAY_RE,
    WEEKDAYS,
)

# -- fragments -------------------------------------------------------------------------------
_S = r"(?<![\w$£€'-])"  # a match starts a word; "$1990" and "mid-" prefixes are not years
# Every rule's match opens with a word character or the apostrophe of "'80s". Saying so
# changes no match; it rejects other positions (a space after a comma) with one test
# instead of trying all of a rule's optional openings there.
_FIRST = r"(?=[\w'])"
_E = r"(?![\w])"
_WD = rf"(?P<weekday>{WEEKDAY_RE})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_MODEL_OF = (
    r"(?:[A-Z][\w-]+\s+){1,2}(?i:cars?|trucks?|sedans?|vans?|pickups?|coupes?|wagons?|jeeps?|minivans?"
    r"|motorcycles?|buses|bus|rifles?|pistols?|revolvers?|shotguns?)\b"
)
# Not a year: "1200 GMT", "0630 hours" are clock times in wire copy, and 1000–1099 are
# counts far more often than years in news ("over 1000 containers").
_YEAR = (
    r"(?P<year>(?:1[1-9]|20)\d\d)(?![\d,.]\d|\s*%|\s*(?i:percent)"
    r"|\s*(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|(?i:local\s+time|hours|hrs)\b))"
)
_SPOKEN_YEAR = (
    r"(?P<spoken>(?i:(?:nineteen|eighteen|twenty)[- ](?:" + NUMBER_WORD_RE + r")"
    r"|two[- ]thousand(?:[- ](?:and[- ])?(?:" + NUMBER_WORD_RE + r"))?))"
)
_MOD = (
    r"(?P<mod>(?i:early|earlier|late|later|mid|middle|"
    r"the\s+(?:end|beginning|start|middle)\s+of))"
)
_APPROX = (
    r"(?P<approx>(?i:approximately|roughly|nearly|almost|some|"
    r"more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than|"
    r"no\s+less\s+than|close\s+to|well\s+over|upwards\s+of|"
    r"the\s+better\s+part\s+of|the\s+last|the\s+past|the\s+next|the\s+first|the\s+final|"
    r"the\s+coming|the\s+previous|the\s+following|the\s+latest|the\s+remaining|the\s+same|"
    r"past|last|next|first|final|coming|previous|following|another|an\s+additional|"
    r"the\s+additional|the|these|those))"
)
_REL = (
    r"(?P<rel>(?i:this\s+coming|this\s+past|last|this|next|past|coming|previous|following|"
    r"current))"
)
_PART = rf"(?P<part>(?i:{PART_OF_DAY_RE}))"
# What a holiday's name qualifies when it is not a day ("an office Christmas party").
_HOLIDAY_THINGS = (
    r"part(?:y|ies)|shoppers?|shopping|celebrations?|trees?|cards?|dinners?|lunch(?:es)?|feasts?|lights|"
    r"gifts?|presents?|sales|spirit|markets?|decorations?|carols?|bonus(?:es)?|messages?|address|"
    r"services?|mass|truce|parades?|concerts?|specials?|episodes?|movies?|films?|songs?|music|"
    r"stor(?:y|ies)|displays?|pageants?|plays?|shows?|ornaments?|menus?|crowds?|candy|costumes?"
)
_AMPM = r"(?P<ampm>(?i:a\.m\.?|p\.m\.?|am|pm)(?![\w]))"
_TZ = r"(?:\s+(?P<tz>(?:[ECMP][SD]T|GMT|UTC|BST|CET)\b))"
_RELDAY = r"(?P<relday>(?i:today|tonight|yesterday|tomorrow))"
_CLOCK = (
    rf"(?P<hour>[012]?\d)(?::(?P<minute>[0-5]\d))?\s*{_AMPM}"
    r"|(?P<hour24>[012]?\d):(?P<minute24>[0-5]\d)(?![\d:])"
    r"|(?P<noon>noon|midnight|midday)"
)  # lower-case only: "High Noon" is a film
_QUARTER_ORD = r"(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
# "a 6-year-old", "52 years old": TimeBank and AQUAINT never annotate ages.
_AGE = r"(?!\s*(?:-|\s)\s*(?i:old)\b)"
_SET_UNIT = (
    r"(?P<unit>(?i:second|minute|hour|day|night|week|weekend|month|year|quarter|"
    r"decade|century))"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A recognition rule: its name, the normaliser kind, the compiled pattern, and a trigger:
    a cheap pattern that must occur in the text for the rule to be tried at all.

    The other fields only make that test cheaper, never change what a rule finds: ``hints``
    (see :mod:`hints`), ``also`` (a second cheap pattern every match of the rule contains)
    and ``trigger_words`` (set when the trigger is a case-insensitive alternation of these
    whole words: in an ASCII text it fires just when one of them is a word of the text).
    """

    name: str
    kind: str
    pattern: re.Pattern[str]
    trigger: re.Pattern[str]
    hints: tuple[str, ...] = ()  # lower case; every text the rule matches in holds one
    also: re.Pattern[str] | None = None
    trigger_words: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span a rule matched, with the match whose groups the normaliser reads."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]


# Most sentences hold no time expression. A rule whose patterns open with optional words
# (modifiers, number words) is slow to scan, so each rule is tried only when a word it
# cannot match without is in the text: this keeps the recogniser above 2,000 sentences/s.
_TRIGGER_WORDS: dict[str, frozenset[str]] = {}


def _words_trigger(*words: str) -> str:
    """A trigger firing on any of ``words`` as a whole word, in any case."""
    pattern = rf"(?i:\b(?:{'|'.join(words)})\b)"
    _TRIGGER_WORDS[pattern] = frozenset(words)
    return pattern


_UNIT_TRIGGER = _words_trigger(*UNITS, *UNIT_PLURALS)
_TRIGGERS: dict[str, str] = {
    "date_iso": r"\d{4}-\d",
    "date_numeric": r"\d/\d",
    "year": r"\d{4}",
    "year_period": r"\d{4}",
    "year_spoken": r"(?i:nineteen|eighteen)",
    "year_spoken_2000": r"(?i:year\s+two)",
    "decade": r"0'?s\b",
    "decade_word": r"(?i:ties\b)",
    "century": r"(?i:century)",
    "quarter": r"(?i:quarter|qtr)",
    "quarter_q": r"Q[1-4]",
    "latest_period": r"(?i:period)",
    "quarter_rel": r"(?i:quarter)",
    "half": r"(?i:half)",
    "season": rf"(?i:{SEASON_RE})",
    "relday": r"(?i:today|tonight|yesterday|tomorrow)",
    "day_after": r"(?i:the\s+day)",
    "part_of_day": rf"(?i:{PART_OF_DAY_RE})",
    "overnight": r"(?i:overnight|afternoon|midmorning)",
    "weekday": WEEKDAY_RE,
    "time": r"\d|noon|midnight|midday",
    "time_in_the": r"(?i:in\s+the)",
    "the_weekend": r"(?i:weekend)",
    "rel_unit": r"(?i:week|month|year|decade|century)",
    "mentioned": _words_trigger("that", "same", "following", "next", "previous", "preceding", "prior"),
    "day_around": r"(?i:the\s+day)",
    "ago": _words_trigger("ago", "earlier", "later", "now", "hence", "back"),
    "year_ago": r"(?i:year|period)",
    "year_end": r"(?i:year)",
    "ref": r"(?i:now|current|present|"
    r"days|recent|lately|past|future|term|later|some\s*day)",
    "set_adverb": r"(?i:ly\b)",
    "set_every": _words_trigger("every", "each", "per"),
    "set_plural": rf"(?:{WEEKDAY_RE})s",
    "holiday": r"Christmas|Year's|Thanksgiving|Easter|Good|Day|Halloween",
}
_MONTH_TRIGGER = rf"(?:{MONTH_DAY_RE})"


# A rule's hints (see :mod:`hints`) are words its trigger or its pattern cannot match
# without: in a text without any of them the rule finds nothing. A trigger of whole words
# gives its words; triggers on digits have none: their search is cheap.
_MONTH_HINTS = _hint(*(m[:3] for m in MONTHS))  # every month spelling starts so
_UNIT_HINTS = _hint(*UNITS, *UNIT_PLURALS)
_HINTS: dict[str, tuple[str, ...]] = {
    "date_iso": ("-",),
    "date_numeric": ("/",),
    "year_spoken": _hint("nineteen", "eighteen"),
    "year_spoken_2000": ("year",),
    "decade": _hint("0s", "0's"),
    "decade_word": ("ties",),
    "century": ("century",),
    "quarter": _hint("quarter", "qtr"),
    "quarter_q": _hint("q1", "q2", "q3", "q4"),
    "latest_period": ("period",),
    "quarter_rel": ("quarter",),
    "half": ("half",),
    "season": _hint(*SEASONS),
    "relday": _hint("today", "tonight", "yesterday", "tomorrow"),
    "day_after": ("day",),
    "part_of_day": _hint(*PARTS_OF_DAY),
    "time_in_the": _hint(*PARTS_OF_DAY),
    # the pattern's clock: "10 a.m.", "10pm", "10:35", "noon"
    "time": _hint("a.m", "p.m", "am", "pm", ":", "noon", "midnight", "midday"),
    "overnight": _hint("overnight", "afternoon", "midmorning"),
    "weekday": _hint(*WEEKDAYS),
    "the_weekend": ("weekend",),
    "rel_unit": _hint("week", "month", "year", "decade", "century"),
    "day_around": ("day",),
    "year_ago": _hint("year", "period"),
    "year_end": ("year",),
    "ref": _hint("now", "current", "present", "days", "recent", "lately", "past", "future", "term", "later", "some"),
    "set_adverb": _hint("hourly", "daily", "nightly", "weekly", "monthly", "yearly", "annually"),
    # the patterns' plural units
    "duration_vague": _hint("years", "months", "weeks", "days", "decades", "hours", "minutes"),
    "duration_bare": _hint("years", "months", "weeks", "decades", "centuries", "days", "hours"),
    "the_years": ("years",),
    "set_plural": _hint(*(w + "s" for w in WEEKDAYS)),
    "holiday": _hint("christmas", "year's", "thanksgiving", "easter", "good", "day", "halloween"),
}
# Parts of a rule's pattern that every match contains, as patterns cheap to search: each
# opens with a digit, a capitalised month or "-"/"to"/"or", which the regex engine skips to.
_ALSO: dict[str, str] = {
    "date_mdy": r"\d{4}",
    "date_dmy": r"\d{4}",  # the year
    "date_md": rf"(?:{MONTH_DAY_RE})\s+(?:\d|(?i:{ORDINAL_RE}))",
    "month_year": rf"(?:{MONTH_RE}),?\s+(?:(?i:of)\s+)?(?:\d|(?i:nineteen|eighteen|twenty|two))",
    "duration_range": rf"(?:-|to|or)\s*(?:(?i:{COUNT_RE}))[- ]+(?:(?i:{UNIT_RE}))",
}


def _rule(name: str, kind: str, pattern: str) -> Rule:
    if name in _TRIGGERS:
        trigger = _TRIGGERS[name]
        hints = _HINTS.get(name, _hint(*_TRIGGER_WORDS.get(trigger, ())))
    elif kind in ("date", "month"):
        trigger, hints = _MONTH_TRIGGER, _HINTS.get(name, _MONTH_HINTS)
    else:
        trigger, hints = _UNIT_TRIGGER, _HINTS.get(name, _UNIT_HINTS)
    also = re.compile(_ALSO[name]) if name in _ALSO else None
    return Rule(
        name,
        kind,
        re.compile(_S + _FIRST + pattern + _E),
        re.compile(trigger),
        hints,
        also,
        _TRIGGER_WORDS.get(trigger),
    )


RULES: tuple[Rule, ...] = (
    # 1. calendar dates, most specific first
    _rule(
        "date_iso",
        "date",
        r"(?P<year>(?:1[0-9]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
        r"(?:T(?P<hour24>[012]\d):(?P<minute24>[0-5]\d)(?::\d\d)?)?",
    ),
    _rule("date_numeric", "date", r"(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)"),
    _rule(
        "date_mdy",
        "date",
        rf"(?:{_WD},?\s+)?(?P<month>{MONTH_DAY_RE})\s+{_DAY},?\s+"
        rf"(?:(?i:in\s+)?)?{_YEAR}",
    ),
    _rule(
        "date_dmy",
        "date",
        rf"(?:{_WD},?\s+)?(?:(?i:the)\s+)?{_DAY}\s+(?:(?i:of)\s+)?"
        rf"(?P<month>{MONTH_DAY_RE}),?\s+{_YEAR}",
    ),
    _rule(
        "date_md",
        "date",
        rf"(?:{_WD},?\s+)?(?P<month>{MONTH_DAY_RE})\s+"
        rf"(?:{_DAY}|(?P<dayword>(?i:{ORDINAL_RE})))(?!\s*(?:%|-|,?\s*\d))",
    ),
    _rule(
        "date_dm",
        "date",
        rf"(?:{_WD},?\s+)?(?:(?i:the)\s+)?{_DAY}\s+(?:(?i:of)\s+)?"
        rf"(?P<month>{MONTH_DAY_RE})",
    ),
    _rule(
        "month_year",
        "date",
        rf"(?:{_MOD}[- ]?\s*)?(?P<month>{MONTH_RE}),?\s+(?:(?i:of)\s+)?"
        rf"(?:{_YEAR}|{_SPOKEN_YEAR})",
    ),
    _rule(
        "month",
        "month",
        rf"(?:{_MOD}(?:-|\s+))?(?:{_REL}\s+)?(?P<month>{MONTH_RE})"
        r"(?:\s+(?P<relyear>(?i:this|last|next)\s+year))?(?!\s+\d)",
    ),
    # 2. years, decades, centuries
    # A model year names a thing, not a time: "a 1987 Nissan truck", "an 1890 Winchester
    # rifle" (but "a 1995 Supreme Court ruling" is a time: only makes of vehicles and arms).
    _rule(
        "year",
        "year",
        rf"(?!(?:(?<=\b[Aa]\s)|(?<=\b[Aa]n\s))\d{{4}}\s+{_MODEL_OF})(?:{_MOD}(?:-|\s+))?(?P<fiscal>(?i:(?:the\s+)?(?:fiscal|calendar)\s+"
        rf"(?:year\s+)?|the\s+year\s+|model\s+))?{_YEAR}",
    ),
    _rule("year_period", "year", rf"(?i:the)\s+{_YEAR}\s+(?P<fiscal>(?i:period|fiscal\s+year))"),
    _rule(
        "year_spoken",
        "year",
        rf"(?:(?i:the\s+year)\s+)?(?P<spoken>(?i:(?:nineteen|eighteen)[- ]"
        rf"(?:{NUMBER_WORD_RE})))",
    ),
    _rule("year_spoken_2000", "year", rf"(?i:the\s+year)\s+{_SPOKEN_YEAR}"),
    _rule(
        "decade",
        "decade",
        rf"(?:(?i:the)\s+)?(?:{_MOD}(?:-|\s+))?"
        r"(?:(?P<decade>1\d\d0|20\d0)'?s|'(?P<short>\d)0s)",
    ),
    _rule(
        "decade_word",
        "decade",
        rf"(?i:the)\s+(?:{_MOD}(?:-|\s+))?(?P<word>(?i:nineteen[- ])?"
        r"(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
    ),
    _rule(
        "century",
        "century",
        rf"(?:(?i:the)\s+)?(?:{_MOD}(?:-|\s+))?"
        rf"(?P<ord>(?i:{ORDINAL_RE}))[- ](?i:century)",
    ),
    # 3. quarters, halves, seasons
    # "the third quarter", but "third-quarter" (an adjective) without the noun phrase's "the"
    _rule(
        "quarter",
        "quarter",
        r"(?:(?i:the|this\s+year's|last\s+year's|next\s+year's)\s+"
        r"(?![\w-]+-quarter))?(?:(?P<yearpre>(?:19|20)\d\d)(?:'s)?\s+)?"
        r"(?:(?P<qrel>(?i:year-earlier|year-ago|comparable|same|flat|current|latest|last|this|"
        rf"next|fiscal))[- ]+)?(?:(?i:fiscal|calendar)[- ]+)?{_QUARTER_ORD}[- ]"
        r"(?:(?i:fiscal)[- ])?(?i:quarter|qtr\.?)(?:\s+(?:(?i:of)\s+)?(?:(?i:fiscal)\s+)?"
        rf"(?:{_YEAR}|(?P<yearrel>(?i:this|last|next)\s+year)))?",
    ),
    _rule("quarter_q", "quarter", rf"(?P<q>Q[1-4])(?:\s+(?:(?i:of)\s+)?{_YEAR})?"),
    _rule("latest_period", "quarter_rel", r"(?P<qrel>(?i:the\s+latest))\s+(?i:period)"),
    _rule(
        "quarter_rel",
        "quarter_rel",
        r"(?P<qrel>(?i:the|this|the\s+current|the\s+latest|"
        r"the\s+most\s+recent|that|the\s+year-earlier|the\s+year-ago|the\s+comparable|"
        r"the\s+same|last|next|the\s+previous|the\s+prior)(?:\s+(?:fiscal|calendar))?)\s+"
        r"(?i:quarter)(?!\s+of\b|ly)",
    ),
    _rule(
        "half",
        "half",
        r"(?:(?i:the)\s+)?(?P<ord>(?i:first|second|last|latter))\s+(?i:half)"
        rf"(?:\s+(?i:of)\s+(?:(?:(?i:fiscal)\s+)?{_YEAR}"
        r"|(?P<yearrel>(?i:this|last|next|the)\s+year)))",
    ),
    _rule(
        "season",
        "season",
        rf"(?:{_MOD}(?:-|\s+))?(?:(?P<the>(?i:the))\s+)?(?:{_REL}\s+)?"
        rf"(?P<season>(?i:{SEASON_RE}))(?:\s+(?:(?i:of)\s+)?(?:{_YEAR}|{_SPOKEN_YEAR}))?",
    ),
    # 4. days relative to the anchor, with parts of the day and clock times
    _rule(
        "relday",
        "relday",
        rf"(?:{_MOD}\s+)?(?:(?P<partpre>(?i:mid-?afternoon|midmorning))"
        rf"\s+)?{_RELDAY}(?:(?:'s)?\s+{_PART})?",
    ),
    _rule("day_after", "relday", r"(?i:the\s+day\s+(?P<around>before\s+yesterday|after\s+tomorrow))"),
    _rule(
        "part_of_day",
        "part_of_day",
        rf"(?:{_MOD}\s+)?(?P<prel>(?i:this|last|"
        rf"tomorrow|yesterday))\s+{_PART}",
    ),
    _rule(
        "overnight",
        "part_of_day",
        r"(?P<part>(?i:overnight|mid-?\s?afternoon|midmorning))"
        r"(?!\s+(?:rate|loan|deposit|trading|[a-z]+ing)\b)",
    ),
    _rule(
        "weekday",
        "weekday",
        rf"(?:{_MOD}\s+)?(?:{_REL}\s+|(?P<the>(?i:the\s+(?:previous|"
        rf"following|next)))\s+)?{_WD}(?:,?\s+{_PART})?"
        rf"(?!s\b|,?\s+(?:{MONTH_DAY_RE})\s+\d)",
    ),
    _rule(
        "time",
        "time",
        rf"(?:(?P<approx>(?i:about|around|at\s+about|shortly\s+(?:before|after)|"
        rf"just\s+(?:before|after)|approximately))\s+)?(?:{_CLOCK})(?:{_TZ})?"
        rf"(?:,?\s+(?:(?i:on)\s+)?(?:{_RELDAY}|{_WD}|(?P<month>{MONTH_DAY_RE})\s+{_DAY}))?"
        rf"(?:\s+{_PART})?",
    ),
    _rule("time_in_the", "time", rf"(?P<hour>[012]?\d)\s+(?i:in\s+the\s+){_PART}"),
    # 5. units relative to the anchor: "last year", "earlier this month", "two weeks ago"
    _rule("the_weekend", "rel_unit", r"(?P<rel>(?i:the))\s+(?P<unit>(?i:weekend))"),
    _rule(
        "rel_unit",
        "rel_unit",
        rf"(?:{_MOD}\s+)?(?:(?i:the)\s+)?(?P<rel>(?i:this\s+past|this|"
        r"last|next|past|coming|current|latest))\s+(?:(?i:fiscal|calendar)\s+)?"
        r"(?P<unit>(?i:week|weekend|month|year|decade|century))(?!-)",
    ),
    # 6. units relative to a date the text mentioned: "the following year", "that day"
    _rule(
        "mentioned",
        "mentioned",
        r"(?:(?P<mod>(?i:early|earlier|late|later))\s+)?"
        r"(?P<ref>(?i:that|the\s+same|that\s+same|the\s+following|the\s+next|the\s+previous|"
        r"the\s+preceding|the\s+prior))\s+(?P<unit>(?i:day|week|month|year|morning|afternoon|"
        r"evening|night))(?!-|\s+(?:of|when|that|in|before|after)\b)",
    ),
    # "the day after his death" hangs on an event; only a clause-final one is read.
    _rule("day_around", "mentioned", r"(?P<ref>(?i:the\s+day\s+(?:before|after)))(?=\s*[,.;:])"),
    # 7. counts of units before or after the anchor
    _rule(
        "ago",
        "ago",
        rf"(?:{_APPROX}\s+)?(?P<count>(?i:{COUNT_RE}))[- ]+"
        rf"(?P<unit>(?i:{UNIT_RE}))\s+(?P<dir>(?i:ago|earlier|later|from\s+now|hence|back))"
        r"(?!\s+than\b)",
    ),
    _rule(
        "year_ago",
        "year_ago",
        r"(?P<yrel>(?i:(?:the\s+)?year-(?:earlier|ago)"
        r"(?=\s+(?:period|quarter))|year-(?:earlier|ago)|(?:the\s+)?(?:comparable|corresponding|"
        r"same)\s+period(?:\s+(?:a|last)\s+year)?(?:\s+ago)?))"
        r"(?:\s+(?P<what>(?i:period|quarter)))?",
    ),
    _rule(
        "year_end",
        "year_end",
        r"(?P<yend>(?i:(?:the\s+)?year[- ]end|(?:the\s+)?end\s+of\s+"
        r"(?:the|this)\s+year))",
    ),
    # 8. durations
    _rule(
        "duration",
        "duration",
        rf"(?:{_APPROX}\s+)?(?:(?i:the)\s+)?(?:(?i:past|last|next|first|"
        rf"coming|final|latest|remaining|previous|following)\s+)?(?P<count>(?i:{COUNT_RE}))"
        rf"(?:\s+(?i:more|additional|straight|consecutive|full|long|trading|business|working))?"
        rf"[- ]+(?P<unit>(?i:{UNIT_RE})){_AGE}(?:-(?i:long)|(?P<half>\s+(?i:and\s+a\s+half)))?",
    ),
    _rule(
        "duration_range",
        "duration",
        rf"(?:{_APPROX}\s+)?(?P<count>(?i:{COUNT_RE}))\s*"
        rf"(?:-|to|or)\s*(?P<count2>(?i:{COUNT_RE}))[- ]+(?P<unit>(?i:{UNIT_RE})){_AGE}",
    ),
    _rule(
        "duration_vague",
        "duration",
        r"(?:(?P<approx>(?i:the\s+past|the\s+last|the\s+next|"
        r"(?:the\s+)?coming|recent|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|"
        r"the\s+past\s+several|the\s+last\s+several|the\s+next\s+several))\s+)"
        r"(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes))",
    ),
    # A bare plural unit is a duration after "for" ("for years"), or in "over the years".
    _rule(
        "duration_bare",
        "duration",
        r"(?<=(?i:for)\s)(?P<unit>(?i:years|months|weeks|decades|"
        r"centuries|days|hours))(?!\s+(?i:of|to|and))",
    ),
    _rule("the_years", "duration", r"(?<=(?i:over)\s)(?P<approx>(?i:the))\s+(?P<unit>(?i:years))"),
    # 9. references to the present, the past and the future
    # Measured on TimeBank and AQUAINT, "previously", "soon", "shortly", "recent" and a bare
    # "future" are annotated less than a third of the times they occur: left out.
    _rule(
        "ref",
        "ref",
        r"(?P<ref>(?i:right\s+now|now|currently|current|at\s+present|presently|"
        r"nowadays|these\s+days|recently|lately|the\s+past|the\s+near\s+future|the\s+future|"
        r"the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|a\s+later\s+date|"
        r"some\s+day|someday))"
        r"(?!\s*-|\s+(?:account|accounts|assets|liabilities|dollars|prices|value))",
    ),
    # 10. sets: "daily", "every week", "each Thursday"
    # Before a noun these are adjectives ("daily volume", "the quarterly dividend"), not sets.
    _rule(
        "set_adverb",
        "set",
        r"(?P<adverb>(?i:hourly|daily|nightly|weekly|biweekly|monthly|"
        r"yearly|annually|semiannually|semi-annually|bimonthly))"
        r"(?!\s+(?!(?:and|or|to|in|at|for|from|by|with|since|through|until|on|as|the|a|an|"
        r"basis|since|during|over|before|after|until)\b)[a-z])",
    ),
    _rule(
        "set_every",
        "set",
        rf"(?P<every>(?i:every|each|per))\s+(?:(?i:other)\s+)?"
        rf"(?:{_SET_UNIT}|{_WD}|(?P<month>{MONTH_RE})|(?P<season>(?i:{SEASON_RE})))",
    ),
    _rule("set_plural", "set", rf"(?P<weekday>{WEEKDAY_RE})s(?:\s+{_PART}s)?"),
    # 11. holidays
    _rule(
        "holiday",
        "holiday",
        r"(?:(?P<hrel>(?i:last|this|next))\s+)?"
        r"(?P<holiday>Christmas\s+week|Easter\s+week|Christmas(?:\s+(?:Day|Eve))?"
        r"|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?"
        r"|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Independence\s+Day|Election\s+Day"
        r"|Memorial\s+Day|Labor\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day|Veterans\s+Day)"
        r"(?:\s+(?P<year>(?:19|20)\d\d))?"
        # a holiday naming a kind of thing, not a day: "a Christmas party", "Christmas shoppers"
        rf"(?!\s+(?:{_HOLIDAY_THINGS})\b)",
    ),
)


def _order(rules: tuple[Rule, ...]) -> dict[int, int]:
    return {id(rule): i for i, rule in enumerate(rules)}


def _hint_set(rules: tuple[Rule, ...]) -> HintSet:
    return HintSet(hint for rule in rules for hint in rule.hints)


_RULE_ORDER = _order(RULES)
_RULE_HINTS = _hint_set(RULES)


def _occurs(
    pattern: re.Pattern[str],
    text: str,
    seen: dict[int, bool],
    words: frozenset[str] | None = None,
    whole_words: frozenset[str] | None = None,
) -> bool:
    """Whether ``pattern`` occurs in ``text``, remembered in ``seen`` (keyed by id: hashing a
    compiled pattern hashes its code). ``words``: the ASCII text's words, for a words trigger."""
    found = seen.get(id(pattern))
    if found is None:
        if whole_words is not None and words is not None:
            found = not words.isdisjoint(whole_words)
        else:
            found = pattern.search(text) is not None
        seen[id(pattern)] = found
    return found


def _tried(rules: tuple[Rule, ...], text: str) -> list[Rule]:
    """The rules whose hints, trigger and ``also`` pattern all occur in ``text``."""
    lower, words = text_words(text)
    # the hints the text holds: each is looked for once, not once per rule
    present = None if lower is None else (_RULE_HINTS if rules is RULES else _hint_set(rules)).found(lower, words)
    ascii_words = words if text.isascii() else None  # \w is [A-Za-z0-9_] there
    seen: dict[int, bool] = {}
    tried = []
    for rule in rules:
        if present is not None and rule.hints and present.isdisjoint(rule.hints):
            continue
        if _occurs(rule.trigger, text, seen, ascii_words, rule.trigger_words) and (
            rule.also is None or _occurs(rule.also, text, seen)
        ):
            tried.append(rule)
    return tried


def candidates(text: str, rules: tuple[Rule, ...] = RULES) -> list[Candidate]:
    """Non-overlapping rule matches in ``text``, in text order; the longest match wins."""
    found: list[Candidate] = []
    for rule in _tried(rules, text):
        found.extend(Candidate(m.start(), m.end(), rule, m) for m in rule.pattern.finditer(text) if m.end() > m.start())
    # at equal length the earlier rule wins
    order = _RULE_ORDER if rules is RULES else _order(rules)
    found.sort(key=lambda c: (c.start - c.end, order[id(c.rule)], c.start))
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in found:
        if all(cand.end <= s or cand.start >= e for s, e in taken):
            kept.append(cand)
            taken.append((cand.start, cand.end))
    return sorted(kept, key=lambda c: c.start)


__all__ = ["RULES", "Candidate", "Rule", "candidates"]
