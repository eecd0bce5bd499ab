"""Numbers that are not quantities: years, dates, clock times, ordinals, codes, ids.

``skip_reason`` names why a number found in a sentence is not an amount of anything, or
returns None when it is one. The checks run in a fixed order (cheapest and surest first)
and each looks only at the tokens around the number, so a wrong call is easy to trace.
"""

from __future__ import annotations

import re

from .numbers import HYPHENS, UNITS, NumberMatch, Token, hyphen_link, joined
from .quantity_lexicon import (
    ATTACHED_UNITS,
    CALIBRE_UNITS,
    CLOCK_WORDS,
    ID_WORDS,
    MONTHS,
    NOT_COUNTED_AFTER_HYPHEN,
    ORDINAL_SUFFIXES,
    PERCENT_WORDS,
    TIME_UNITS,
    UNCHANGED_PLURALS,
    UNIT_ALIASES,
)

# Phone numbers: a "+country" or a leading-zero trunk code, then two or more digit groups.
PHONE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?|\(0\d{1,4}\)[ .-]?|0\d{1,4}[ .-])"
    r"\d{2,4}(?:[ .-]\d{2,4}){1,3}(?![\w])"
)
# Years 1800–2100 written as four bare digits.
_YEAR = re.compile(r"(?:18|19|20)\d\d|2100")
# Before a year these words settle it even when a plural noun follows ("by 2030 cars will").
_STRONG_YEAR_CUES = frozenset("in since until till by during before after circa early late mid fiscal fy from".split())
_ABBREVIATED_IDS = frozenset({"no", "nos", "p", "pp", "vol", "fig", "art", "sec", "ch"})
_RANGE_LINKS = frozenset({"-", "–", "—", "to", "and", "or"})
# Before "one", these make it a pronoun: "no one", "the one thing", "each one"; and "not one
# person" counts no one.
_ONE_PRONOUN_BEFORE = frozenset("the no not any every each this that which someone anyone only".split())
_ONE_PRONOUN_AFTER = frozenset("of another by after or".split())


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of phone numbers in ``text``."""
    return [m.span() for m in PHONE.finditer(text)] if any(c in text for c in "+0(") else []


def _word(tokens: list[Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) else ""


def _is_alpha(tokens: list[Token], i: int) -> bool:
    return 0 <= i < len(tokens) and tokens[i].text[0].isalpha()


def _after_partner(tokens: list[Token], last: int) -> int:
    """Index after "X-Y" / "X to Y" / "X and Y" when a number follows the link, else ``last``."""
    if last + 1 < len(tokens) and tokens[last].lower in _RANGE_LINKS:
        return last + 2 if tokens[last + 1].text[0].isdigit() else last
    return last


def _plural_or_unit(word: str) -> bool:
    return (
        word in UNCHANGED_PLURALS
        or word in UNIT_ALIASES
        or word in PERCENT_WORDS
        or word in TIME_UNITS
        or (word.endswith("s") and not word.endswith(("ss", "us", "is")))
    )


def _glued_before(tokens: list[Token], m: NumberMatch) -> str | None:
    i = m.first
    if not joined(tokens, i):
        return None
    before = tokens[i - 1]
    if before.text[0].isalpha():
        return "code"  # MH17, G7
    if before.text in HYPHENS and _is_alpha(tokens, i - 2) and joined(tokens, i - 1):
        return "code"  # Su-57, COVID-19, under-25s
    if before.text in "/:" or (before.text == "." and i >= 2 and tokens[i - 2].text[0].isdigit()):
        return "date or time"  # 18/06/2024, 23:40, 24/7
    if before.text == "+":
        return "phone"
    return None


def _glued_after(tokens: list[Token], m: NumberMatch) -> str | None:
    j = m.last
    if j >= len(tokens) or not joined(tokens, j):
        return None
    after = tokens[j]
    if after.text in "/:" and j + 1 < len(tokens) and tokens[j + 1].text[0].isdigit():
        return "date or time"
    if after.lower in ORDINAL_SUFFIXES:
        return "ordinal or decade"  # 21st, 1990s, 20s
    if after.lower in CLOCK_WORDS:
        return "clock time"  # 6.30am
    if after.text in ("C", "F") and not (joined(tokens, j + 1) and _is_alpha(tokens, j + 1)):
        return None  # "40C": a temperature
    if after.text[0].isalpha() and after.lower not in ATTACHED_UNITS:
        return "code"  # 19h15, 2231A
    return None


def _clock(tokens: list[Token], m: NumberMatch) -> bool:
    j = m.last
    if _word(tokens, j) in CLOCK_WORDS:
        return True
    # "3 a.m.", "9:15 p.m."; "3 p . m ." as a tokenised corpus spaces it
    if _word(tokens, j) not in ("a", "p") or _word(tokens, j + 1) != "." or _word(tokens, j + 2) != "m":
        return False
    return (joined(tokens, j + 1) and joined(tokens, j + 2)) or _word(tokens, j + 3) == "."


def _is_day(tokens: list[Token], m: NumberMatch) -> bool:
    """A day of the month: "14 May", "May 14", "between 4 and 9 June"."""
    tok = tokens[m.first]
    if m.last != m.first + 1 or not tok.text.isdigit() or not 1 <= int(tok.text) <= 31:
        return False
    before = tokens[m.first - 1] if m.first else None
    if before is not None and before.text == "." and m.first >= 2:  # "Nov. 20": the abbreviation's stop
        before = tokens[m.first - 2]
    if before is not None and before.lower in MONTHS and before.text[0].isupper():
        return True
    nxt = _after_partner(tokens, m.last)
    return nxt < len(tokens) and tokens[nxt].lower in MONTHS and tokens[nxt].text[0].isupper()


def _is_year(tokens: list[Token], m: NumberMatch) -> bool:
    tok = tokens[m.first]
    if m.last != m.first + 1 or not _YEAR.fullmatch(tok.text):
        # "2022-23": the short second half of a span of years
        return (
            tok.text.isdigit()
            and len(tok.text) == 2
            and m.first >= 2
            and hyphen_link(tokens, m.first - 1)
            and bool(_YEAR.fullmatch(tokens[m.first - 2].text))
        )
    before = _word(tokens, m.first - 1)
    if before in MONTHS:
        return True
    nxt = _after_partner(tokens, m.last)
    if nxt < len(tokens) and tokens[nxt].text[0].islower() and _plural_or_unit(tokens[nxt].lower):
        return before in _STRONG_YEAR_CUES  # "around 2000 troops" is an amount
    return True


def _is_reference(tokens: list[Token], m: NumberMatch) -> bool:
    """ "Resolution 2231", "page 12", "No. 10", "(2)" and "1." list markers."""
    before = _word(tokens, m.first - 1)
    if before in ID_WORDS:
        return True
    if before == "." and _word(tokens, m.first - 2) in _ABBREVIATED_IDS:
        return True
    after = _word(tokens, m.last)
    if before == "(" and after == ")":
        return True
    return m.first == 0 and after in (".", ")") and m.last + 1 < len(tokens)


def _is_appositive_age(tokens: list[Token], m: NumberMatch) -> bool:
    """ "Mr Hale, 72, declined": an age after a name, between commas."""
    tok = tokens[m.first]
    after_name = m.first >= 2 and tokens[m.first - 1].text == "," and tokens[m.first - 2].text[0].isupper()
    return after_name and _word(tokens, m.last) in (",", ")") and tok.text.isdigit() and 0 < int(tok.text) < 120


def _is_ratio(tokens: list[Token], m: NumberMatch) -> bool:
    """ "one in five households", "1 in 10 adults": a proportion, out of scope."""

    def starts_number(i: int) -> bool:
        return 0 <= i < len(tokens) and (tokens[i].text[0].isdigit() or tokens[i].lower in UNITS)

    if _word(tokens, m.last) == "in" and starts_number(m.last + 1):
        return True
    return _word(tokens, m.first - 1) == "in" and starts_number(m.first - 2)


def _is_pronoun_one(tokens: list[Token], m: NumberMatch) -> bool:
    if m.last != m.first + 1 or tokens[m.first].lower != "one":
        return False
    return _word(tokens, m.first - 1) in _ONE_PRONOUN_BEFORE or _word(tokens, m.last) in _ONE_PRONOUN_AFTER


def _hyphen_word(tokens: list[Token], m: NumberMatch) -> bool:
    """ "twenty-first", "two-thirds", "one-sided": the number is part of another word."""
    return hyphen_link(tokens, m.last) and _word(tokens, m.last + 1) in NOT_COUNTED_AFTER_HYPHEN


def _calibre(tokens: list[Token], m: NumberMatch) -> bool:
    j = m.last + 1 if hyphen_link(tokens, m.last) else m.last
    return (
        _word(tokens, j) in CALIBRE_UNITS
        and _is_alpha(tokens, j + 1)
        and tokens[j + 1].text[0].islower()
        and _word(tokens, j + 1) != "of"
    )  # "300mm of rain" is an amount


# Scores, records and tallies run this high ("a 91-73 win", "improved to 58-3", "voted 52-47");
# a range rises ("10-15 people"), so a falling pair of whole numbers is a result, not a range.
SCORE_MAX = 200


def _score(tokens: list[Token], m: NumberMatch) -> bool:
    """ "a 2-1 victory", "won 3-0", "a 31-24 loss": a falling pair of whole numbers joined by a dash."""

    def small(i: int) -> bool:
        return 0 <= i < len(tokens) and tokens[i].text.isdigit() and int(tokens[i].text) <= SCORE_MAX

    if hyphen_link(tokens, m.last) and small(m.first) and small(m.last + 1):
        return int(tokens[m.first].text) >= int(tokens[m.last + 1].text)
    if m.first >= 2 and hyphen_link(tokens, m.first - 1) and small(m.first) and small(m.first - 2):
        return int(tokens[m.first - 2].text) >= int(tokens[m.first].text)
    return False


def skip_reason(tokens: list[Token], m: NumberMatch, phones: list[tuple[int, int]]) -> str | None:
    """Why the number ``m`` is not a quantity, or None when it is one."""
    start, end = tokens[m.first].start, tokens[m.last - 1].end
    # 1. phone numbers and anything glued to letters or separators
    if phones and any(s < end and start < e for s, e in phones):
        return "phone"
    reason = _glued_before(tokens, m) or _glued_after(tokens, m)
    if reason:
        return reason
    # 2. calendar and clock
    if _clock(tokens, m):
        return "clock time"
    if _is_day(tokens, m):
        return "day of month"
    if _is_year(tokens, m):
        return "year"
    # 3. names, references and words built on numbers
    if _is_reference(tokens, m):
        return "reference"
    if _hyphen_word(tokens, m):
        return "ordinal or fraction"
    if _is_appositive_age(tokens, m):
        return "age after a name"
    if _is_ratio(tokens, m):
        return "ratio"
    if _is_pronoun_one(tokens, m):
        return "pronoun one"
    if _calibre(tokens, m):
        return "calibre"
    if _score(tokens, m):
        return "score"
    return None
