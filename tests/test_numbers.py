"""parse_number reads digits, separators, scale words and English number words."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossbrief.stages.extract.numbers import parse_number

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))


def _below_hundred(n: int) -> str:
    if n < 20:
        return _SMALL[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f"-{_SMALL[unit]}" if unit else "")


def _below_thousand(n: int, british: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_SMALL[hundreds]} hundred"] if hundreds else []
    if rest:
        words += (["and"] if hundreds and british else []) + [_below_hundred(rest)]
    return " ".join(words)


def to_words(n: int, british: bool = False) -> str:
    """English words for 0 <= n <= 10**12: 1234 → "one thousand two hundred thirty-four"."""
    if n == 0:
        return "zero"
    words = []
    for value, name in _SCALES:
        if n >= value:
            words.append(f"{_below_thousand(n // value, british)} {name}")
            n %= value
    if n:
        if words and british and n < 100:
            words.append("and")  # "one thousand and five"
        words.append(_below_thousand(n, british))
    return " ".join(words)


@pytest.mark.parametrize(
    ("text", "n", "british"),
    [
        ("one thousand two hundred thirty-four", 1_234, False),
        ("one hundred and five", 105, True),
        ("one thousand and five", 1_005, True),
        ("one trillion", 10**12, False),
    ],
)
def test_numbers_english_words_as_written(text, n, british):
    assert parse_number(text) == n
    assert to_words(n, british) == text  # the round trips below write these same forms


INTEGERS = st.integers(min_value=0, max_value=10**12)


@given(INTEGERS)
def test_numbers_digits_round_trip(n):
    assert parse_number(str(n)) == n


@given(INTEGERS, st.sampled_from([",", " ", "\u00a0", "\u202f"]))
def test_numbers_thousands_separators_round_trip(n, separator):
    assert parse_number(f"{n:,}".replace(",", separator)) == n


@given(INTEGERS, st.booleans(), st.booleans())
def test_numbers_english_words_round_trip(n, british, capitalised):
    text = to_words(n, british)
    if capitalised:
        text = text.capitalize()
    assert parse_number(text) == n, text


@given(
    st.integers(min_value=1, max_value=9999),
    st.integers(min_value=0, max_value=2),
    st.sampled_from([("million", 1e6), ("billion", 1e9), ("m", 1e6), ("bn", 1e9), ("trillion", 1e12)]),
    st.booleans(),
)
def test_numbers_decimals_with_scale_words(digits, places, scale, spaced):
    whole = digits / 10**places
    text = f"{whole:.{places}f}"
    word, factor = scale
    spaced = spaced or len(word) > 2  # "5 million", "5million" is not written
    written = f"{text} {word}" if spaced and word != "m" else f"{text}{word}"
    assert math.isclose(parse_number(written), float(text) * factor, rel_tol=1e-12), written


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5", 5),
        ("5,000", 5_000),
        ("3.5", 3.5),
        ("5 million", 5e6),
        ("five million", 5e6),
        ("twenty-four", 24),
        ("twenty four", 24),
        ("Ninety-five", 95),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a million", 5e5),
        ("a quarter of a million", 2.5e5),
        ("1.2bn", 1.2e9),
        ("3.7m", 3.7e6),
        ("12k", 12_000),
        ("5 bn", 5e9),
        ("10 000", 10_000),
        ("a hundred", 100),
        ("a million", 1e6),
        ("one hundred and twelve", 112),
        ("two and a half", 2.5),
        ("two and a half million", 2.5e6),
        ("eleven hundred", 1_100),
        ("1,000,000", 1e6),
        ("0.5", 0.5),
        ("4 1/2", 4.5),  # a whole number and a fraction, as US wire copy writes it
        ("4½", 4.5),
        ("2 3/4", 2.75),
    ],
)
def test_numbers_known_values(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "second",
        "first",
        "MH17",
        "flight MH17",
        "G7",
        "a",
        "an",
        "million",
        "thousand",
        "shells",
        "five shells",
        "one two",
        "twenty-first",
        "5th",
        "half",
        "3 a.m.",
        "1990s",
        "4 1/2005",
    ],
)
def test_numbers_non_numbers_are_none(text):
    assert parse_number(text) is None
