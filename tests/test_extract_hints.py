"""Hints and the other cheap tests that skip a regex must never skip a match.

Each rule of the time-expression recogniser, and each case-insensitive pattern of the
attribution and modality finders, is tried only when its hints (and for the time rules, its
trigger and ``also`` pattern) occur in the text. These tests run the patterns themselves over
real and generated text and check that wherever one matches, it would have been tried.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from crossbrief.stages.extract import attribution
from crossbrief.stages.extract.hints import HintSet, hints, holds, lowered, text_words
from crossbrief.stages.extract.timex_rules import RULES, _tried

from .conftest import EVAL

CRAFTED = [
    "Two days ago, on Monday, Oct. 23, 1989, at 10:35 a.m. EST, the company said it may have lost $5 million.",
    "THE SECOND QUARTER OF 1990 WAS WEAK; SALES FELL 3% IN THE LAST SIX MONTHS.",
    "Over the years, for decades, the past several weeks, every Thursday, Mondays and Tuesday nights.",
    "the nineteen-nineties, the '80s, the 1990s, the twenty-first century, in the fall of 2004",
    "Christmas Eve, New Year's Day, Thanksgiving, Good Friday and Easter Monday; the year-earlier period.",
    "Talks are due to resume next week, according to officials, as quoted by Reuters; it is not true.",
    "Officials said two to three hours later that the 5-year-old was fine, per the agency.",
    "Lundi, le 5 mai 2024, à 10 h\u00a030 : café, naïve, Zürich — “quoted”, ‘said’.",
    "In ſpring the yearſ and dayſ paſſed; \u212aelvin met the Kaiſer \u0130stanbul \u0131n June.",
    "late\tlast\nyear,\u2009the\u00a0day after tomorrow; 3 p.m. Friday; noon Saturday; 5pm; 24/7; 2023-06-18T10:00",
]


def _demo_texts() -> list[str]:
    corpus = resources.files("crossbrief") / "demo" / "corpus"
    texts = []
    for entry in corpus.iterdir():
        text = entry.read_text(encoding="utf-8", errors="ignore")
        texts.append(text)
        texts.extend(text.splitlines())
    return texts


def _tempeval_texts(limit: int = 400) -> list[str]:
    path = EVAL / "tempeval3" / "te3_platinum_test.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        docs = [json.loads(line)["text"] for line in lines]
    return [s for doc in docs for s in doc.split("\n") if s.strip()][:limit]


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.title(), text.replace("s", "\u017f")]


def _sound(text: str) -> list[str]:
    """Names of the rules that match in ``text`` (trigger and pattern) but were not tried."""
    tried = {rule.name for rule in _tried(RULES, text)}
    return [
        rule.name
        for rule in RULES
        if rule.name not in tried
        and rule.trigger.search(text)
        and any(m.end() > m.start() for m in rule.pattern.finditer(text))
    ]


def _cue_patterns() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    a = attribution
    return [
        (a._ACCORDING, a._ACCORDING_HINTS),
        (a._MEDIUM, a._MEDIUM_HINTS),
        (a._DENIED, a._DENIED_HINTS),
        (a._HEDGED, a._HEDGED_HINTS),
        (a._PREDICTED, a._PREDICTED_HINTS),
    ]


def _missed_cues(text: str) -> list[str]:
    present = attribution._HINTS.in_text(text)
    return [p.pattern[:30] for p, words in _cue_patterns() if p.search(text) and not holds(present, words)]


def test_hints_drop_those_holding_another():
    assert hints("Day", "days", "today", "week") == ("day", "week")


def test_hint_set_finds_what_a_substring_test_finds():
    words = ["day", "a.m", "-", "year's", "week", "ly", "not true", "0s"]
    hint_set = HintSet(words)
    for text in CRAFTED + _demo_texts():
        lower = lowered(text)
        if lower is None:
            continue
        assert hint_set.found(lower, text_words(text)[1]) == {w for w in words if w in lower}


def test_hints_are_not_trusted_where_case_folding_leaves_ascii():
    assert lowered("the ſpring") is None and lowered("Kelvin") is not None
    assert lowered("\u212a") is None and lowered("café") == "café"


def test_every_time_rule_that_matches_is_tried():
    texts = [v for t in CRAFTED + _demo_texts() + _tempeval_texts() for v in _variants(t)]
    assert [(t[:60], _sound(t)) for t in texts if _sound(t)] == []


def test_attribution_and_modality_hints_cover_their_patterns():
    texts = [v for t in CRAFTED + _demo_texts() + _tempeval_texts() for v in _variants(t)]
    assert [(t[:60], _missed_cues(t)) for t in texts if _missed_cues(t)] == []


_VOCABULARY = sorted(
    {w for rule in RULES for w in rule.hints}
    | set(attribution._HINTS._in_text)
    | set(attribution._HINTS._in_word.hints)
    | {
        "the",
        "a",
        "of",
        "in",
        "on",
        "at",
        "this",
        "last",
        "next",
        "early",
        "two",
        "3",
        "10",
        "24",
        "1990",
        "2024",
        "June",
        "Monday",
        "Oct.",
        "may",
        "have",
        "said",
        "to",
        "or",
        "-",
        ",",
        ".",
    }
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_VOCABULARY),
            st.sampled_from(["lower", "upper", "title"]),
            st.sampled_from([" ", "", "  ", "-", ", ", "\n"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_generated_text_is_never_skipped(parts):
    text = "".join(getattr(word, case)() + sep for word, case, sep in parts)
    assert _sound(text) == []
    assert _missed_cues(text) == []
