"""What a number counts: "shells", "ballistic missiles", "metric tonnes", "percent", "USD".

Without a parse, the counted noun is found with token rules: after the number come at
most four words, stopping at a preposition, conjunction, determiner, verb, adverb or
punctuation, and right after the first plural noun ("23 crew members" → "crew members",
"260,000 metric tonnes of munitions" → "metric tonnes"). The "of X" after a measure word
is left out on purpose: the conflict detector compares what was counted ("tonnes",
"containers"), and "tonnes of munitions" vs "tonnes of ammunition" would split one thing
in two. Vague words take their "of" ("dozens of ballistic missiles" → "ballistic missiles").

Units come out lower-case and plural ("one person" → "people", "a 10-year plan" →
"years"), abbreviations and spellings folded ("kilometres" → "km", "%" → "percent"),
money as a currency code ("$" → "USD").
"""

from __future__ import annotations

from dataclasses import dataclass

from .numbers import Token, hyphen_link, joined
from .quantity_lexicon import (
    ATTACHED_UNITS,
    CURRENCY_CODES,
    CURRENCY_WORDS,
    IRREGULAR_PLURALS,
    LENGTH_WORDS,
    MONTHS,
    PERCENT_WORDS,
    POUNDS_AS_MONEY_FROM,
    STOP_WORDS,
    TIME_UNITS,
    UNCHANGED_PLURALS,
    UNIT_ALIASES,
    VERBS,
    WEEKDAYS,
)

MAX_UNIT_WORDS = 4
TEMPERATURE = {"c": "celsius", "f": "fahrenheit"}
TEMPERATURE_WORDS = {
    "celsius": "celsius",
    "centigrade": "celsius",
    "fahrenheit": "fahrenheit",
    "c": "celsius",
    "f": "fahrenheit",
}
# Words that say how many more, not what: "5,000 more troops" counts troops.
_INCREMENT_WORDS = frozenset({"more", "additional", "extra", "further", "fewer"})
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous")
_NOT_PLURAL = frozenset({"gas", "news", "bus", "lens", "series", "species", "analysis"})
_AGE_WORDS = ("year", "years")


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """The unit found after a number and the token index where it ends."""

    unit: str | None
    end: int


def _word(tokens: list[Token], i: int) -> str:
    return tokens[i].lower if 0 <= i < len(tokens) else ""


def is_plural(word: str) -> bool:
    """A plural-looking noun: "shells", "people", "aircraft" (not "gas", "bonus")."""
    if word in UNCHANGED_PLURALS or word in IRREGULAR_PLURALS.values():
        return True
    return word.endswith("s") and not word.endswith(_NOT_PLURAL_ENDINGS) and word not in _NOT_PLURAL


def pluralize(word: str) -> str:
    """ "missile" → "missiles", "person" → "people", "century" → "centuries", "crew" stays."""
    if word in UNCHANGED_PLURALS or is_plural(word):
        return word
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def normalise(words: list[str], singular: bool) -> str:
    """One unit string from the words of a noun phrase; the head made plural if asked."""
    if singular and words:
        words = [*words[:-1], pluralize(words[-1])]
    phrase = " ".join(words)
    if phrase in UNIT_ALIASES:
        return UNIT_ALIASES[phrase]
    head = words[-1] if words else ""
    if len(words) == 1 and head in TIME_UNITS:
        return TIME_UNITS[head]
    return phrase


def metres_not_million(tokens: list[Token], after: int, article_before: bool) -> bool:
    """Whether a glued "m" ("3.7m") means metres: "3.7m tall", "40m-long", "a 3.7m wall"."""
    nxt = _word(tokens, after)
    if nxt in LENGTH_WORDS:
        return True
    if hyphen_link(tokens, after) and _word(tokens, after + 1) in LENGTH_WORDS:
        return True  # "40m-long"
    # "a 3.7m wall": an article before and one singular noun after make it a measure.
    return (
        article_before
        and after < len(tokens)
        and tokens[after].text[0].isalpha()
        and nxt not in STOP_WORDS
        and not is_plural(nxt)
    )


def _percent(tokens: list[Token], j: int) -> UnitMatch | None:
    w = _word(tokens, j)
    if tokens[j].text == "%" or w in PERCENT_WORDS:
        return UnitMatch("percent", j + 1)
    if w == "per" and _word(tokens, j + 1) == "cent":
        return UnitMatch("percent", j + 2)
    if w in ("percentage", "basis") and _word(tokens, j + 1) in ("point", "points"):
        return UnitMatch(f"{w} points", j + 2)
    return None


def _money(tokens: list[Token], j: int, value: float, scaled: bool) -> UnitMatch | None:
    w = _word(tokens, j)
    if w in ("us", "u.s.") and _word(tokens, j + 1) in ("dollars", "dollar"):
        return UnitMatch("USD", j + 2)
    if w == "won" and not scaled:
        return None  # "3 won" is a verb far more often than Korean money
    if w in CURRENCY_WORDS:
        return UnitMatch(CURRENCY_WORDS[w], j + 1)
    if w in ("pounds", "pound"):
        if _word(tokens, j + 1) == "sterling":
            return UnitMatch("GBP", j + 2)
        if value >= POUNDS_AS_MONEY_FROM:
            return UnitMatch("GBP", j + 1)
    if w in CURRENCY_CODES and tokens[j].text.isupper():
        return UnitMatch(w.upper(), j + 1)
    return None


def _hyphen_compound(tokens: list[Token], j: int) -> UnitMatch | None:
    """ "two-hour" → hours, "48-year-old" → years of age, "7,000-strong force" → force."""
    if not hyphen_link(tokens, j) or not tokens[j + 1].text[0].isalpha():
        return None
    w = tokens[j + 1].lower
    if w == "plus":
        return None  # "10,000-plus": a qualifier, read by the caller
    if w in _AGE_WORDS and hyphen_link(tokens, j + 2) and _word(tokens, j + 3) == "old":
        return UnitMatch("years of age", j + 4)
    if w == "strong":
        found = noun_phrase(tokens, j + 2, singular=False)
        return found if found.unit else UnitMatch(None, j + 2)
    if w in UNIT_ALIASES:
        return UnitMatch(UNIT_ALIASES[w], j + 2)
    return UnitMatch(normalise([w], singular=True), j + 2)


def _phrase_word(tokens: list[Token], k: int) -> tuple[str, int]:
    """The word at k with hyphen or apostrophe compounds glued on: "long-range", "tu-95"."""
    word, end = tokens[k].lower, k + 1
    while hyphen_link(tokens, end) and tokens[end + 1].text[0].isalnum():
        word += "-" + tokens[end + 1].lower
        end += 2
    return word, end


def _blocks(tokens: list[Token], k: int, word: str) -> bool:
    """True when ``word`` at k cannot be part of a counted-noun phrase."""
    return (
        word in STOP_WORDS
        or word in VERBS
        or word in MONTHS
        or word in WEEKDAYS
        or word.endswith("ly")
        or (k == 0 and tokens[k].text[0].isupper())
    )


def _nounish(tokens: list[Token], k: int) -> bool:
    if k >= len(tokens) or not tokens[k].text[0].isalpha():
        return False
    word = _phrase_word(tokens, k)[0]
    return not _blocks(tokens, k, word) and not word.endswith("ed")


def noun_phrase(tokens: list[Token], j: int, singular: bool, allow_of: bool = False) -> UnitMatch:
    """The counted-noun phrase starting at tokens[j], or UnitMatch(None, j)."""
    k = j + 1 if allow_of and _word(tokens, j) == "of" else j
    while _word(tokens, k) in _INCREMENT_WORDS:
        k += 1
    words: list[str] = []
    end = j
    while k < len(tokens) and len(words) < MAX_UNIT_WORDS and tokens[k].text[0].isalpha():
        word, after = _phrase_word(tokens, k)
        if word.endswith("ly") and k > 0 and _modifier_before_noun(tokens, after):
            k = after  # "two increasingly isolated nations": the adverb is not what is counted
            continue
        if _blocks(tokens, k, word):
            break
        # After a noun, an "-ed" word is the verb: "a 5.9 earthquake killed seven people".
        if words and "-" not in word and word.endswith("ed"):
            break
        # "-ed"/"-ing" words only as modifiers: "wounded soldiers", not "14 injured in".
        if "-" not in word and word.endswith(("ed", "ing")) and not _nounish(tokens, after):
            break
        words.append(word)
        k = end = after
        if word in UNIT_ALIASES or word in TIME_UNITS:
            break
        if is_plural(word) and not (word in UNCHANGED_PLURALS and _plural_noun_at(tokens, k)):
            break
    if not words:
        return UnitMatch(None, j)
    return UnitMatch(normalise(words, singular and not is_plural(words[-1])), end)


def _modifier_before_noun(tokens: list[Token], k: int) -> bool:
    """An "-ed"/"-ing" word at k with a noun after it: "isolated nations"."""
    if k >= len(tokens) or not tokens[k].text[0].isalpha():
        return False
    word, after = _phrase_word(tokens, k)
    return word.endswith(("ed", "ing")) and not _blocks(tokens, k, word) and _nounish(tokens, after)


def _plural_noun_at(tokens: list[Token], k: int) -> bool:
    """ "crew members", "aircraft carriers": a mass noun used as a modifier."""
    return _nounish(tokens, k) and is_plural(tokens[k].lower) and tokens[k].lower not in UNCHANGED_PLURALS


def _attached_unit(tokens: list[Token], j: int) -> UnitMatch | None:
    w = _word(tokens, j)
    if w == "°" and _word(tokens, j + 1) in ("c", "f") and joined(tokens, j + 1):
        return UnitMatch(TEMPERATURE[_word(tokens, j + 1)], j + 2)
    if w in ("c", "f") and joined(tokens, j) and tokens[j].text.isupper():
        return UnitMatch(TEMPERATURE[w], j + 1)  # "40C"
    if w in ("degrees", "degree") and _word(tokens, j + 1) in TEMPERATURE_WORDS:
        return UnitMatch(TEMPERATURE_WORDS[_word(tokens, j + 1)], j + 2)
    # One-letter units only glued to the digits: "5p" is pence, "5 p" is not.
    if w in ATTACHED_UNITS and (joined(tokens, j) or (w in UNIT_ALIASES and len(w) > 1)):
        unit = UNIT_ALIASES.get(w, w)
        # "300 km/h", "15 m/s"
        if (
            _word(tokens, j + 1) == "/"
            and joined(tokens, j + 1)
            and joined(tokens, j + 2)
            and _word(tokens, j + 2) in ("h", "hr", "s")
        ):
            return UnitMatch(f"{unit}/{_word(tokens, j + 2)[0]}", j + 3)
        return UnitMatch(unit, j + 1)
    return None


def find_unit(tokens: list[Token], j: int, value: float, scaled: bool, allow_of: bool = False) -> UnitMatch:
    """The unit or counted noun after the number that ends at token j."""
    if j >= len(tokens):
        return UnitMatch(None, j)
    # 1. glued or hyphenated units: "12%", "5,500km", "two-hour", "48-year-old"
    found = _percent(tokens, j) or _attached_unit(tokens, j) or _hyphen_compound(tokens, j)
    if found:
        return found
    # 2. money written as a word: "2 billion euros", "millions of dollars"
    k = j + 1 if allow_of and _word(tokens, j) == "of" else j
    found = _money(tokens, k, value, scaled)
    if found:
        return found
    # 3. the counted noun
    return noun_phrase(tokens, j, singular=value == 1, allow_of=allow_of)
