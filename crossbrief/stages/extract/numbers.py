"""Numbers written in English news text: digits, separators, scale words and number words.

    >>> parse_number("5,000"), parse_number("twenty-four"), parse_number("half a million")
    (5000.0, 24.0, 500000.0)
    >>> parse_number("1.2bn"), parse_number("3.7m"), parse_number("10 000")
    (1200000000.0, 3700000.0, 10000.0)
    >>> parse_number("second") is None
    True

The same grammar scans a tokenised sentence (``match_number``), so the quantity extractor
and ``parse_number`` never disagree on what a number is. An attached "m" reads as million:
next to money or a count, "3.7m" in news copy is 3.7 million; the quantity extractor turns
it back into metres when a length word follows ("3.7m tall").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

# Thousands groups of exactly three digits, joined by commas or (no-break, thin or plain)
# spaces. A group must not run into more digits, so "2023 100" stays two numbers.
_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d]|[.,]\d)"
    r"|\d+(?:\.\d+)?"
    r"|(?:[A-Z]\.){2,}"  # an initialism is one word: "U.S.", "U.N."
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*"
    r"|\S"
)
_GROUP_SEPARATORS = re.compile(r"[, \u00a0\u202f\u2009]")
HYPHENS = frozenset("-‐‑")

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Abbreviated scales after digits: attached ("3.7m", "$5bn", "12k") or, for the
# unambiguous ones, after a space ("5 bn").
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
SPACED_SUFFIXES = frozenset({"mn", "mln", "bn", "bln", "tn", "trn"})
FRACTIONS = {"half": 0.5, "quarter": 0.25}
# Words that can start a number; a cheap filter before the grammar runs.
STARTERS = frozenset(UNITS) | frozenset(TEENS) | frozenset(TENS) | {"a", "an", "half", "quarter"}


class Token(NamedTuple):
    """A word, a number written in digits, or one other character, with offsets."""

    text: str
    start: int
    end: int
    lower: str


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``; hyphens and other punctuation marks are tokens of their own."""
    # This runs over every word of a story: the fields are gathered column by column with
    # map() and the tuples made by tuple.__new__, so no Python code runs per token.
    found = list(_TOKEN.finditer(text))
    words = list(map(re.Match.group, found))
    columns = zip(words, map(re.Match.start, found), map(re.Match.end, found), map(str.lower, words))
    return list(map(tuple.__new__, repeat(Token), columns))


def digits_value(text: str) -> float:
    """The value of a digits token: "5,000" → 5000, "10 000" → 10000, "3.5" → 3.5."""
    return float(_GROUP_SEPARATORS.sub("", text))


def joined(tokens: list[Token], i: int) -> bool:
    """True when tokens[i] touches tokens[i - 1] (no space between them)."""
    return 0 < i < len(tokens) and tokens[i - 1].end == tokens[i].start


def hyphen_link(tokens: list[Token], i: int) -> bool:
    """True when tokens[i] is a hyphen glued to the tokens on both sides ("twenty-four")."""
    return i + 1 < len(tokens) and tokens[i].text in HYPHENS and joined(tokens, i) and joined(tokens, i + 1)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number found at tokens[first:last]."""

    first: int
    last: int  # exclusive
    value: float
    scale: float = 1.0  # the scale the number ends with: 1e6 for "5 million", 1e6 for "$4-5m"
    spelled: bool = False  # it starts with a word ("five", "a dozen", "half a million")


@dataclass
class _Words:
    """Running state of the grammar: total + current, the kind of the last word read."""

    total: float = 0.0
    current: float = 0.0
    kind: str = ""  # "", a, digits, unit, teen, tens, hundred, scale, and, half
    scale: float = 1.0  # last scale word applied
    smallest: float = 1e15  # scales must fall: "five million two thousand"

    @property
    def value(self) -> float:
        return self.total + self.current


_AFTER_SMALL = ("", "tens", "hundred", "scale", "and")  # where a unit, teen or tens may follow
_MULTIPLIABLE = ("a", "unit", "teen", "tens", "digits", "half", "hundred")


def _add_small(state: _Words, word: str) -> bool:
    if word in TENS:
        if state.kind not in ("", "hundred", "scale", "and"):
            return False
        state.current += TENS[word]
        state.kind = "tens"
        return True
    if state.kind not in _AFTER_SMALL:
        return False
    state.current += UNITS.get(word, 0) + TEENS.get(word, 0)
    state.kind = "unit" if word in UNITS else "teen"
    return True


def _multiply(state: _Words, word: str) -> bool:
    if word == "hundred":
        if state.kind not in _MULTIPLIABLE[:-1] or state.current >= 100:
            return False
        state.current = (state.current or 1.0) * 100
        state.kind = "hundred"
        return True
    scale = 12.0 if word == "dozen" else SCALES[word]
    if state.kind not in _MULTIPLIABLE or scale >= state.smallest:
        return False
    state.total += (state.current or 1.0) * scale
    state.current = 0.0
    state.kind, state.scale, state.smallest = "scale", scale, scale
    return True


def _step(state: _Words, tokens: list[Token], i: int) -> int:
    """Reads the word at tokens[i] into ``state``; the next index, or -1 when it cannot."""
    word = tokens[i].lower
    if word in UNITS or word in TEENS or word in TENS:
        return i + 1 if _add_small(state, word) else -1
    if word == "hundred" or word == "dozen" or word in SCALES:
        return i + 1 if _multiply(state, word) else -1
    if word == "and" and i + 1 < len(tokens):
        return _and(state, tokens, i)
    if hyphen_link(tokens, i) and state.kind == "tens" and tokens[i + 1].lower in UNITS:
        return i + 1
    return -1


def _and(state: _Words, tokens: list[Token], i: int) -> int:
    """ "one hundred and five", "two and a half", "two million and a half"."""
    nxt = tokens[i + 1].lower
    if nxt == "a" and i + 2 < len(tokens) and tokens[i + 2].lower == "half":
        if state.kind not in ("unit", "teen", "tens", "digits", "scale", "hundred"):
            return -1
        if state.kind == "scale":
            state.total += 0.5 * state.scale  # "two million and a half"
        else:
            state.current += 0.5  # "two and a half (million)"
        state.kind = "half"
        return i + 3
    if state.kind in ("hundred", "scale") and (nxt in UNITS or nxt in TEENS or nxt in TENS):
        state.kind = "and"
        return i + 1
    return -1


# A whole number and a fraction: "4 1/2 months", "4½ months" (US wire style). Read as "4"
# before: on 66 ECB+ stories one conflict more ("sentenced to 2 years" / "2 1/2 years"),
# which two blind judges called real; the DUC gold and the check set unchanged.
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


def _mixed_fraction(tokens: list[Token], j: int) -> tuple[float, int] | None:
    """The fraction after a whole number at tokens[j] ("½", or "1/2" spaced from it), and
    the index after it."""
    if j < len(tokens) and tokens[j].text in _VULGAR and joined(tokens, j):
        return _VULGAR[tokens[j].text], j + 1
    if j + 2 < len(tokens) and not joined(tokens, j) and tokens[j + 1].text == "/":
        top, bottom = tokens[j].text, tokens[j + 2].text
        glued = joined(tokens, j + 1) and joined(tokens, j + 2)
        # "1/2" ends there ("1/2-mile" too), not "1/2005"
        ends = not (j + 3 < len(tokens) and joined(tokens, j + 3) and tokens[j + 3].text != "-")
        if glued and ends and top.isdigit() and bottom.isdigit() and 0 < int(top) < int(bottom) <= 8:
            return int(top) / int(bottom), j + 3
    return None


def _digits_start(tokens: list[Token], i: int, state: _Words) -> int:
    """Reads a digits token, a fraction or an abbreviated scale after it; the next index."""
    state.current = digits_value(tokens[i].text)
    state.kind = "digits"
    j = i + 1
    if tokens[i].text.isdigit() and (fraction := _mixed_fraction(tokens, j)):
        state.current += fraction[0]
        return fraction[1]
    if j < len(tokens):
        suffix = tokens[j].lower
        attached = joined(tokens, j)
        if suffix in SUFFIX_SCALES and (attached or suffix in SPACED_SUFFIXES):
            # "5bn" ends the number; it must not be glued to more letters ("5bnx").
            glued_on = j + 1 < len(tokens) and joined(tokens, j + 1)
            if not (glued_on and tokens[j + 1].text[0].isalnum()):
                scale = SUFFIX_SCALES[suffix]
                state.total, state.current = state.current * scale, 0.0
                state.kind, state.scale, state.smallest = "scale", scale, scale
                return j + 1
    return j


def _fraction_of_scale(tokens: list[Token], i: int) -> NumberMatch | None:
    """ "half a million", "a quarter of a million", "half a dozen"."""
    j = i + 1 if tokens[i].lower in ("a", "an") else i
    if j >= len(tokens) or tokens[j].lower not in FRACTIONS:
        return None
    k = j + 1
    if k < len(tokens) and tokens[k].lower == "of":
        k += 1
    if k + 1 < len(tokens) and tokens[k].lower in ("a", "an"):
        word = tokens[k + 1].lower
        scale = SCALES.get(word) or {"hundred": 100.0, "dozen": 12.0}.get(word)
        if scale:
            return NumberMatch(i, k + 2, FRACTIONS[tokens[j].lower] * scale, scale, True)
    return None


def match_number(tokens: list[Token], i: int) -> NumberMatch | None:
    """The longest number starting at tokens[i], or None."""
    first = tokens[i]
    if not first.text[0].isdigit() and first.lower not in STARTERS:
        return None
    if first.lower in ("a", "an", "half", "quarter"):
        fraction = _fraction_of_scale(tokens, i)
        if fraction or first.lower in ("half", "quarter"):
            return fraction
    state = _Words()
    if first.text[0].isdigit():
        j = _digits_start(tokens, i, state)
    elif first.lower in ("a", "an"):
        state.kind, j = "a", i + 1
    else:
        j = i
    last = j if state.kind == "digits" or state.kind == "scale" else i
    best = (last, state.value, state.scale)
    while j < len(tokens):
        j = _step(state, tokens, j)
        if j < 0:
            break
        if state.kind != "and" and not hyphen_link(tokens, j - 1):
            best = (j, state.value, state.scale)
    end, value, scale = best
    if end <= i or (first.lower in ("a", "an") and end == i + 1):
        return None
    return NumberMatch(i, end, value, scale, not first.text[0].isdigit())


def parse_number(text: str) -> float | None:
    """The value of ``text`` when all of it is one number, else None.

    >>> parse_number("5 million"), parse_number("a dozen"), parse_number("one hundred and five")
    (5000000.0, 12.0, 105.0)
    >>> parse_number("flight MH17") is None
    True
    """
    tokens = tokenize(text.strip())
    if not tokens:
        return None
    found = match_number(tokens, 0)
    if found is None or found.last != len(tokens):
        return None
    return found.value
