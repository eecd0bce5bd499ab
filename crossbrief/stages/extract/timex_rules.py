"""Recognition: regular-expression rules that find time-expression spans, HeidelTime-style.

Each rule names the normaliser ``kind`` that reads its named groups. All rules run over the
text; where matches overlap the longest wins (then the earlier rule), as in HeidelTime, so
"Friday, Oct. 23" beats "Friday" and "Oct. 23". Spans follow TimeML: determiners and
modifiers ("the", "early", "nearly") are inside, prepositions ("on", "in", "since") outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .timex_lexicon import (
    COUNT_RE,
    MONTH_DAY_RE,
    MONTH_RE,
    NUMBER_WORD_RE,
    ORDINAL_RE,
    PART_OF_DAY_RE,
    SEASON_RE,
    UNIT_RE,
    WEEKDAY_RE,
)

# -- fragments -------------------------------------------------------------------------------
_S = r"(?<![\w$£€'-])"  # a match starts a word; "$1990" and "mid-" prefixes are not years
_E = r"(?![\w])"
_WD = rf"(?P<weekday>{WEEKDAY_RE})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)(?![\d,.]\d|\s*%|\s*(?i:percent))"
_SPOKEN_YEAR = (r"(?P<spoken>(?i:(?:nineteen|eighteen|twenty)[- ](?:" + NUMBER_WORD_RE + r")"
                r"|two[- ]thousand(?:[- ](?:and[- ])?(?:" + NUMBER_WORD_RE + r"))?))")
_MOD = (r"(?P<mod>(?i:early|earlier|late|later|mid|middle|"
        r"the\s+(?:end|beginning|start|middle)\s+of))")
_APPROX = (
    r"(?P<approx>(?i:approximately|roughly|nearly|almost|some|"
    r"more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|no\s+more\s+than|"
    r"no\s+less\s+than|close\s+to|well\s+over|upwards\s+of|"
    r"the\s+better\s+part\s+of|the\s+last|the\s+past|the\s+next|the\s+first|the\s+final|"
    r"the\s+coming|the\s+previous|the\s+following|the\s+latest|the\s+remaining|the\s+same|"
    r"past|last|next|first|final|coming|previous|following|another|an\s+additional|"
    r"the\s+additional|the|these|those))"
)
_REL = (r"(?P<rel>(?i:this\s+coming|this\s+past|last|this|next|past|coming|previous|following|"
        r"current))")
_PART = rf"(?P<part>(?i:{PART_OF_DAY_RE}))"
_AMPM = r"(?P<ampm>(?i:a\.m\.?|p\.m\.?|am|pm)(?![\w]))"
_TZ = r"(?:\s+(?P<tz>(?:[ECMP][SD]T|GMT|UTC|BST|CET)\b))"
_RELDAY = r"(?P<relday>(?i:today|tonight|yesterday|tomorrow))"
_CLOCK = (rf"(?P<hour>[012]?\d)(?::(?P<minute>[0-5]\d))?\s*{_AMPM}"
          r"|(?P<hour24>[012]?\d):(?P<minute24>[0-5]\d)(?![\d:])"
          r"|(?P<noon>noon|midnight|midday)")  # lower-case only: "High Noon" is a film
_QUARTER_ORD = r"(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))"
# "a 6-year-old", "52 years old": TimeBank and AQUAINT never annotate ages.
_AGE = r"(?!\s*(?:-|\s)\s*(?i:old)\b)"
_SET_UNIT = (r"(?P<unit>(?i:second|minute|hour|day|night|week|weekend|month|year|quarter|"
             r"decade|century))")


@dataclass(frozen=True, slots=True)
class Rule:
    """A recognition rule: its name, the normaliser kind, the compiled pattern, and a trigger:
    a cheap pattern that must occur in the text for the rule to be tried at all."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    trigger: re.Pattern[str]


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
_UNIT_TRIGGER = rf"(?i:\b(?:{UNIT_RE})\b)"
_TRIGGERS: dict[str, str] = {
    "date_iso": r"\d{4}-\d", "date_numeric": r"\d/\d", "year": r"\d{4}", "year_period": r"\d{4}",
    "year_spoken": r"(?i:nineteen|eighteen)", "year_spoken_2000": r"(?i:year\s+two)",
    "decade": r"0'?s\b", "decade_word": r"(?i:ties\b)", "century": r"(?i:century)",
    "quarter": r"(?i:quarter|qtr)", "quarter_q": r"Q[1-4]", "latest_period": r"(?i:period)",
    "quarter_rel": r"(?i:quarter)", "half": r"(?i:half)", "season": rf"(?i:{SEASON_RE})",
    "relday": r"(?i:today|tonight|yesterday|tomorrow)", "day_after": r"(?i:the\s+day)",
    "part_of_day": rf"(?i:{PART_OF_DAY_RE})", "overnight": r"(?i:overnight|afternoon|midmorning)",
    "weekday": WEEKDAY_RE, "time": r"\d|noon|midnight|midday", "time_in_the": r"(?i:in\s+the)",
    "the_weekend": r"(?i:weekend)", "rel_unit": r"(?i:week|month|year|decade|century)",
    "mentioned": r"(?i:\b(?:that|same|following|next|previous|preceding|prior)\b)",
    "day_around": r"(?i:the\s+day)", "ago": r"(?i:\b(?:ago|earlier|later|now|hence|back)\b)",
    "year_ago": r"(?i:year|period)", "year_end": r"(?i:year)", "ref": r"(?i:now|current|present|"
    r"days|recent|lately|past|future|term|later|some\s*day)",
    "set_adverb": r"(?i:ly\b)", "set_every": r"(?i:\b(?:every|each|per)\b)",
    "set_plural": rf"(?:{WEEKDAY_RE})s",
    "holiday": r"Christmas|Year's|Thanksgiving|Easter|Good|Day|Halloween",
}
_MONTH_TRIGGER = rf"(?:{MONTH_DAY_RE})"


def _rule(name: str, kind: str, pattern: str) -> Rule:
    default = _MONTH_TRIGGER if kind in ("date", "month") else _UNIT_TRIGGER
    trigger = _TRIGGERS.get(name, default)
    return Rule(name, kind, re.compile(_S + pattern + _E), re.compile(trigger))


RULES: tuple[Rule, ...] = (
    # 1. calendar dates, most specific first
    _rule("date_iso", "date", r"(?P<year>(?:1[0-9]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
          r"(?:T(?P<hour24>[012]\d):(?P<minute24>[0-5]\d)(?::\d\d)?)?"),
    _rule("date_numeric", "date", r"(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)"),
    _rule("date_mdy", "date", rf"(?:{_WD},?\s+)?(?P<month>{MONTH_DAY_RE})\s+{_DAY},?\s+"
          rf"(?:(?i:in\s+)?)?{_YEAR}"),
    _rule("date_dmy", "date", rf"(?:{_WD},?\s+)?(?:(?i:the)\s+)?{_DAY}\s+(?:(?i:of)\s+)?"
          rf"(?P<month>{MONTH_DAY_RE}),?\s+{_YEAR}"),
    _rule("date_md", "date", rf"(?:{_WD},?\s+)?(?P<month>{MONTH_DAY_RE})\s+"
          rf"(?:{_DAY}|(?P<dayword>(?i:{ORDINAL_RE})))(?!\s*(?:%|-|,?\s*\d))"),
    _rule("date_dm", "date", rf"(?:{_WD},?\s+)?(?:(?i:the)\s+)?{_DAY}\s+(?:(?i:of)\s+)?"
          rf"(?P<month>{MONTH_DAY_RE})"),
    _rule("month_year", "date", rf"(?:{_MOD}[- ]?\s*)?(?P<month>{MONTH_RE}),?\s+(?:(?i:of)\s+)?"
          rf"(?:{_YEAR}|{_SPOKEN_YEAR})"),
    _rule("month", "month", rf"(?:{_MOD}(?:-|\s+))?(?:{_REL}\s+)?(?P<month>{MONTH_RE})"
          r"(?:\s+(?P<relyear>(?i:this|last|next)\s+year))?(?!\s+\d)"),
    # 2. years, decades, centuries
    _rule("year", "year", rf"(?:{_MOD}(?:-|\s+))?(?P<fiscal>(?i:(?:the\s+)?(?:fiscal|calendar)\s+"
          rf"(?:year\s+)?|the\s+year\s+|model\s+))?{_YEAR}"),
    _rule("year_period", "year", rf"(?i:the)\s+{_YEAR}\s+(?P<fiscal>(?i:period|fiscal\s+year))"),
    _rule("year_spoken", "year", rf"(?:(?i:the\s+year)\s+)?(?P<spoken>(?i:(?:nineteen|eighteen)[- ]"
          rf"(?:{NUMBER_WORD_RE})))"),
    _rule("year_spoken_2000", "year", rf"(?i:the\s+year)\s+{_SPOKEN_YEAR}"),
    _rule("decade", "decade", rf"(?:(?i:the)\s+)?(?:{_MOD}(?:-|\s+))?"
          r"(?:(?P<decade>1\d\d0|20\d0)'?s|'(?P<short>\d)0s)"),
    _rule("decade_word", "decade", rf"(?i:the)\s+(?:{_MOD}(?:-|\s+))?(?P<word>(?i:nineteen[- ])?"
          r"(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"),
    _rule("century", "century", rf"(?:(?i:the)\s+)?(?:{_MOD}(?:-|\s+))?"
          rf"(?P<ord>(?i:{ORDINAL_RE}))[- ](?i:century)"),
    # 3. quarters, halves, seasons
    # "the third quarter", but "third-quarter" (an adjective) without the noun phrase's "the"
    _rule("quarter", "quarter", r"(?:(?i:the|this\s+year's|last\s+year's|next\s+year's)\s+"
          r"(?![\w-]+-quarter))?(?:(?P<yearpre>(?:19|20)\d\d)(?:'s)?\s+)?"
          r"(?:(?P<qrel>(?i:year-earlier|year-ago|comparable|same|flat|current|latest|last|this|"
          rf"next|fiscal))[- ]+)?(?:(?i:fiscal|calendar)[- ]+)?{_QUARTER_ORD}[- ]"
          r"(?:(?i:fiscal)[- ])?(?i:quarter|qtr\.?)(?:\s+(?:(?i:of)\s+)?(?:(?i:fiscal)\s+)?"
          rf"(?:{_YEAR}|(?P<yearrel>(?i:this|last|next)\s+year)))?"),
    _rule("quarter_q", "quarter", rf"(?P<q>Q[1-4])(?:\s+(?:(?i:of)\s+)?{_YEAR})?"),
    _rule("latest_period", "quarter_rel", r"(?P<qrel>(?i:the\s+latest))\s+(?i:period)"),
    _rule("quarter_rel", "quarter_rel", r"(?P<qrel>(?i:the|this|the\s+current|the\s+latest|"
          r"the\s+most\s+recent|that|the\s+year-earlier|the\s+year-ago|the\s+comparable|"
          r"the\s+same|last|next|the\s+previous|the\s+prior)(?:\s+(?:fiscal|calendar))?)\s+"
          r"(?i:quarter)(?!\s+of\b|ly)"),
    _rule("half", "half", r"(?:(?i:the)\s+)?(?P<ord>(?i:first|second|last|latter))\s+(?i:half)"
          rf"(?:\s+(?i:of)\s+(?:(?:(?i:fiscal)\s+)?{_YEAR}"
          r"|(?P<yearrel>(?i:this|last|next|the)\s+year)))"),
    _rule("season", "season", rf"(?:{_MOD}(?:-|\s+))?(?:(?P<the>(?i:the))\s+)?(?:{_REL}\s+)?"
          rf"(?P<season>(?i:{SEASON_RE}))(?:\s+(?:(?i:of)\s+)?(?:{_YEAR}|{_SPOKEN_YEAR}))?"),
    # 4. days relative to the anchor, with parts of the day and clock times
    _rule("relday", "relday", rf"(?:{_MOD}\s+)?(?:(?P<partpre>(?i:mid-?afternoon|midmorning))"
          rf"\s+)?{_RELDAY}(?:(?:'s)?\s+{_PART})?"),
    _rule("day_after", "relday",
          r"(?i:the\s+day\s+(?P<around>before\s+yesterday|after\s+tomorrow))"),
    _rule("part_of_day", "part_of_day", rf"(?:{_MOD}\s+)?(?P<prel>(?i:this|last|"
          rf"tomorrow|yesterday))\s+{_PART}"),
    _rule("overnight", "part_of_day", r"(?P<part>(?i:overnight|mid-?\s?afternoon|midmorning))"
          r"(?!\s+(?:rate|loan|deposit|trading|[a-z]+ing)\b)"),
    _rule("weekday", "weekday", rf"(?:{_MOD}\s+)?(?:{_REL}\s+|(?P<the>(?i:the\s+(?:previous|"
          rf"following|next)))\s+)?{_WD}(?:,?\s+{_PART})?"
          rf"(?!s\b|,?\s+(?:{MONTH_DAY_RE})\s+\d)"),
    _rule("time", "time", rf"(?:(?P<approx>(?i:about|around|at\s+about|shortly\s+(?:before|after)|"
          rf"just\s+(?:before|after)|approximately))\s+)?(?:{_CLOCK})(?:{_TZ})?"
          rf"(?:,?\s+(?:(?i:on)\s+)?(?:{_RELDAY}|{_WD}|(?P<month>{MONTH_DAY_RE})\s+{_DAY}))?"
          rf"(?:\s+{_PART})?"),
    _rule("time_in_the", "time", rf"(?P<hour>[012]?\d)\s+(?i:in\s+the\s+){_PART}"),
    # 5. units relative to the anchor: "last year", "earlier this month", "two weeks ago"
    _rule("the_weekend", "rel_unit", r"(?P<rel>(?i:the))\s+(?P<unit>(?i:weekend))"),
    _rule("rel_unit", "rel_unit", rf"(?:{_MOD}\s+)?(?:(?i:the)\s+)?(?P<rel>(?i:this\s+past|this|"
          r"last|next|past|coming|current|latest))\s+(?:(?i:fiscal|calendar)\s+)?"
          r"(?P<unit>(?i:week|weekend|month|year|decade|century))(?!-)"),
    # 6. units relative to a date the text mentioned: "the following year", "that day"
    _rule("mentioned", "mentioned", r"(?:(?P<mod>(?i:early|earlier|late|later))\s+)?"
          r"(?P<ref>(?i:that|the\s+same|that\s+same|the\s+following|the\s+next|the\s+previous|"
          r"the\s+preceding|the\s+prior))\s+(?P<unit>(?i:day|week|month|year|morning|afternoon|"
          r"evening|night))(?!-|\s+(?:of|when|that|in|before|after)\b)"),
    # "the day after his death" hangs on an event; only a clause-final one is read.
    _rule("day_around", "mentioned",
          r"(?P<ref>(?i:the\s+day\s+(?:before|after)))(?=\s*[,.;:])"),
    # 7. counts of units before or after the anchor
    _rule("ago", "ago", rf"(?:{_APPROX}\s+)?(?P<count>(?i:{COUNT_RE}))[- ]+"
          rf"(?P<unit>(?i:{UNIT_RE}))\s+(?P<dir>(?i:ago|earlier|later|from\s+now|hence|back))"
          r"(?!\s+than\b)"),
    _rule("year_ago", "year_ago", r"(?P<yrel>(?i:(?:the\s+)?year-(?:earlier|ago)"
          r"(?=\s+(?:period|quarter))|year-(?:earlier|ago)|(?:the\s+)?(?:comparable|corresponding|"
          r"same)\s+period(?:\s+(?:a|last)\s+year)?(?:\s+ago)?))"
          r"(?:\s+(?P<what>(?i:period|quarter)))?"),
    _rule("year_end", "year_end", r"(?P<yend>(?i:(?:the\s+)?year[- ]end|(?:the\s+)?end\s+of\s+"
          r"(?:the|this)\s+year))"),
    # 8. durations
    _rule("duration", "duration", rf"(?:{_APPROX}\s+)?(?:(?i:the)\s+)?(?:(?i:past|last|next|first|"
          rf"coming|final|latest|remaining|previous|following)\s+)?(?P<count>(?i:{COUNT_RE}))"
          rf"(?:\s+(?i:more|additional|straight|consecutive|full|long|trading|business|working))?"
          rf"[- ]+(?P<unit>(?i:{UNIT_RE})){_AGE}(?:-(?i:long)|(?P<half>\s+(?i:and\s+a\s+half)))?"),
    _rule("duration_range", "duration", rf"(?:{_APPROX}\s+)?(?P<count>(?i:{COUNT_RE}))\s*"
          rf"(?:-|to|or)\s*(?P<count2>(?i:{COUNT_RE}))[- ]+(?P<unit>(?i:{UNIT_RE})){_AGE}"),
    _rule("duration_vague", "duration", r"(?:(?P<approx>(?i:the\s+past|the\s+last|the\s+next|"
          r"(?:the\s+)?coming|recent|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|"
          r"the\s+past\s+several|the\s+last\s+several|the\s+next\s+several))\s+)"
          r"(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes))"),
    # A bare plural unit is a duration after "for" ("for years"), or in "over the years".
    _rule("duration_bare", "duration", r"(?<=(?i:for)\s)(?P<unit>(?i:years|months|weeks|decades|"
          r"centuries|days|hours))(?!\s+(?i:of|to|and))"),
    _rule("the_years", "duration",
          r"(?<=(?i:over)\s)(?P<approx>(?i:the))\s+(?P<unit>(?i:years))"),
    # 9. references to the present, the past and the future
    # Measured on TimeBank and AQUAINT, "previously", "soon", "shortly", "recent" and a bare
    # "future" are annotated less than a third of the times they occur: left out.
    _rule("ref", "ref", r"(?P<ref>(?i:right\s+now|now|currently|current|at\s+present|presently|"
          r"nowadays|these\s+days|recently|lately|the\s+past|the\s+near\s+future|the\s+future|"
          r"the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|a\s+later\s+date|"
          r"some\s+day|someday))"
          r"(?!\s*-|\s+(?:account|accounts|assets|liabilities|dollars|prices|value))"),
    # 10. sets: "daily", "every week", "each Thursday"
    # Before a noun these are adjectives ("daily volume", "the quarterly dividend"), not sets.
    _rule("set_adverb", "set", r"(?P<adverb>(?i:hourly|daily|nightly|weekly|biweekly|monthly|"
          r"yearly|annually|semiannually|semi-annually|bimonthly))"
          r"(?!\s+(?!(?:and|or|to|in|at|for|from|by|with|since|through|until|on|as|the|a|an|"
          r"basis|since|during|over|before|after|until)\b)[a-z])"),
    _rule("set_every", "set", rf"(?P<every>(?i:every|each|per))\s+(?:(?i:other)\s+)?"
          rf"(?:{_SET_UNIT}|{_WD}|(?P<month>{MONTH_RE})|(?P<season>(?i:{SEASON_RE})))"),
    _rule("set_plural", "set", rf"(?P<weekday>{WEEKDAY_RE})s(?:\s+{_PART}s)?"),
    # 11. holidays
    _rule("holiday", "holiday", r"(?:(?P<hrel>(?i:last|this|next))\s+)?"
          r"(?P<holiday>Christmas\s+week|Easter\s+week|Christmas(?:\s+(?:Day|Eve))?"
          r"|New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?"
          r"|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Independence\s+Day|Election\s+Day"
          r"|Memorial\s+Day|Labor\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day|Veterans\s+Day)"
          r"(?:\s+(?P<year>(?:19|20)\d\d))?"),
)


def candidates(text: str, rules: tuple[Rule, ...] = RULES) -> list[Candidate]:
    """Non-overlapping rule matches in ``text``, in text order; the longest match wins."""
    triggered: dict[re.Pattern[str], bool] = {}
    found: list[Candidate] = []
    for rule in rules:
        if rule.trigger not in triggered:
            triggered[rule.trigger] = rule.trigger.search(text) is not None
        if triggered[rule.trigger]:
            found.extend(Candidate(m.start(), m.end(), rule, m)
                         for m in rule.pattern.finditer(text) if m.end() > m.start())
    order = {id(rule): i for i, rule in enumerate(rules)}  # at equal length the earlier rule wins
    found.sort(key=lambda c: (c.start - c.end, order[id(c.rule)], c.start))
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in found:
        if all(cand.end <= s or cand.start >= e for s, e in taken):
            kept.append(cand)
            taken.append((cand.start, cand.end))
    return sorted(kept, key=lambda c: c.start)


__all__ = ["RULES", "Candidate", "Rule", "candidates"]
