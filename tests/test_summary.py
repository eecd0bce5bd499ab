"""The summary stage: trimming, readability, concept coverage, budget, citations."""

from __future__ import annotations

import re

import pytest

from crossbrief.encoders import LexicalEncoder
from crossbrief.records import Fact, SentenceRef
from crossbrief.stages import summary
from crossbrief.stages.align import Unit

_TOKENS = re.compile(r"[\w'’-]+")


def _is_trimmed_from(shown: str, source: str) -> bool:
    """``shown``'s words are ``source``'s words in order, some left out (first letter's case aside)."""
    words = iter(w.lower() for w in _TOKENS.findall(source))
    return all(any(w == s for s in words) for w in (x.lower() for x in _TOKENS.findall(shown)))


# -- trimming and readability -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trimmed"),
    [
        (
            "However, the talks in Geneva failed again on Tuesday evening, officials said.",
            "The talks in Geneva failed again on Tuesday evening.",
        ),
        (
            "But the ceasefire held through the night in most of the region.",
            "The ceasefire held through the night in most of the region.",
        ),
        (
            "LONDON (AP) — Police arrested the former dictator at a clinic on Friday.",
            "Police arrested the former dictator at a clinic on Friday.",
        ),
        (
            "WUHAN, July 31 (Xinhua) -- The Yangtze rose above the warning level again.",
            "The Yangtze rose above the warning level again.",
        ),
        (
            "The storm killed at least 156 people in the Philippines, he said Saturday.",
            "The storm killed at least 156 people in the Philippines.",
        ),
        (
            "The ship was seized off the coast near the port, according to the police.",
            "The ship was seized off the coast near the port.",
        ),
        (  # "But" before a name dangles as much as before "the"
            "But Arvanitis has little support among the province's mayors this year.",
            "Arvanitis has little support among the province's mayors this year.",
        ),
        (  # … and so does "Yet"
            "Yet Arvanitis still leads the polls among the province's mayors.",
            "Arvanitis still leads the polls among the province's mayors.",
        ),
    ],
)
def test_summary_trim_removes_clutter_and_keeps_a_sentence(text, trimmed):
    assert summary.trim(text) == trimmed
    assert _is_trimmed_from(trimmed, text)
    assert summary.readable(trimmed)


@pytest.mark.parametrize(
    "text",
    [
        "The storm killed 156 people, Governor Mikel Arvanitis said.",  # a named speaker is content
        "“We will rebuild every house in the province,” he said.",  # the quote's own comma stays
        "But for the rain, the fire would have reached the town by Friday.",  # "But for" is not a connective
        "Officials said the talks would resume in Geneva next week.",
    ],
)
def test_summary_trim_leaves_sentences_it_cannot_shorten_safely(text):
    assert summary.trim(text) == text


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("The coast guard seized the tanker Orla Star off Cape Lenna on Tuesday.", True),
        ("Will the coast guard seize more tankers off Cape Lenna this year?", False),  # question
        ("Tanker seized off Cape Lenna after ship-to-ship transfer", False),  # headline: no final stop
        ("and the crew of twenty-three was detained by customs officers.", False),  # fragment
        ("“We will rebuild every house in the province,” he said.", False),  # quotation
        ("The tanker was seized.", False),  # too short to state a whole fact
        ("LONDON (AP) — Police arrested the former dictator at a clinic on Friday.", False),  # dateline
        ("For the following reasons, the court must disagree with the ruling.", False),  # points ahead
        ("DELEGATES: 367 for the governor, 162 for the senator, winner take all.", False),  # fact-box line
        ("Officials said: the coast guard seized the tanker Orla Star off Cape Lenna.", True),
        ("Arden 2, Bell 2, Corin 5, Dace 1, Eska 3.", False),  # a tally
        ("The coast guard seized 3 tankers and 41 crew off Cape Lenna on 12 May.", True),
        ("This state is solidly in the governor's camp after the vote.", False),  # "this state": which?
        ("These tankers were later released to their owners in Lenna.", False),
        ("This is the coast guard's first seizure off Cape Lenna in a decade.", True),
        ("14 for the senator, allotted by share of the vote, then winner-take-all.", False),  # a box's next line
        ("$5 million in cash was found aboard the tanker Orla Star.", False),  # news spells out an opening figure
        ("2019 was the first year the coast guard seized a tanker off Cape Lenna.", True),  # a year may open
        ("Fourteen crew members were detained by customs officers in Lenna.", True),
    ],
)
def test_summary_readable_rejects_fragments_questions_quotes(text, ok):
    assert summary.readable(text) is ok


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("He said the talks would resume on Monday.", True),
        ("A change of course is needed “to remain viable,” he said.", True),
        ("A change of course is needed ``to remain viable,'' she added.", True),
        ("A change of course is needed “to remain viable,” the president said.", False),
        ("Officials said he would resign on Monday.", False),
        ("The two have repeatedly said they acted within the rules.", True),  # the two who?
        ("The two countries are also expected to discuss the border.", True),
        ("The two chief organizers of the Lenna bid pleaded not guilty.", False),  # says two of what
    ],
)
def test_summary_a_sentence_that_needs_the_one_before_is_marked(text, leans):
    assert summary.leans_on_context(text) is leans


def test_summary_concepts_are_stemmed_pairs_without_stop_pairs():
    found = summary.concepts_of("The talks failed in the end")
    assert "talk fail" in found and "the talk" in found
    assert "in the" not in found  # two stop words


# -- selection over a small story ---------------------------------------------------------------

STORY = {
    "a1": [
        "The coast guard seized the tanker Orla Star off Cape Lenna on Tuesday, officials said.",
        "The vessel was carrying about 700,000 barrels of crude oil loaded in Drevnia.",
        "Fishermen in Cape Lenna said tankers had loitered offshore with their lights off.",
        "Will the coast guard seize more tankers this year?",
    ],
    "a2": [
        "The coast guard seized the tanker Orla Star off Cape Lenna on Tuesday.",
        "The tanker Orla Star was carrying about 700,000 barrels of crude oil from Drevnia.",
        "Its crew of 23 was detained and questioned by customs officers in Port Caldera.",
    ],
    "a3": [
        "Coast guard officers seized the tanker Orla Star off Cape Lenna on Tuesday.",
        "The crew of 23 was detained by customs officers in Port Caldera.",
        "Insurers withdrew cover from ageing tankers registered in Kalvora last year.",
    ],
    "a4": [
        "The tanker Orla Star was seized off Cape Lenna on Tuesday by the coast guard.",
        "The ship's manager, Halcyon Bay Shipping, denies that the cargo was under sanctions.",
        "The crew of 23 sailors was detained by customs officers in Port Caldera.",
    ],
}
# Sentences that state the same fact, as the align stage groups them.
SAME = [[("a1", 0), ("a2", 0), ("a3", 0), ("a4", 0)], [("a1", 1), ("a2", 1)], [("a2", 2), ("a3", 1), ("a4", 2)]]


def _story_candidates(derived: frozenset[str] = frozenset()):
    units = [Unit(a, i, t, "en") for a, texts in STORY.items() for i, t in enumerate(texts)]
    position = {(u.article, u.index): n for n, u in enumerate(units)}
    grouped = [[position[k] for k in g] for g in SAME]
    alone = [[n] for n in range(len(units)) if not any(n in g for g in grouped)]
    groups = sorted(grouped + alone, key=lambda m: m[0])
    vectors = LexicalEncoder().encode([u.text for u in units])
    facts = {
        g: Fact(
            f"f{g}",
            units[m[0]].text,
            tuple(SentenceRef(units[k].article, units[k].index) for k in m),
            tuple(units[k].article for k in m),
            len(m),
        )
        for g, m in enumerate(groups)
        if len(m) > 1
    }
    return units, summary.candidates(
        units,
        vectors,
        groups,
        facts,
        {a: a for a in STORY},
        set(derived),
        ["stated"] * len(units),
        {a: len(t) for a, t in STORY.items()},
    )


def test_summary_candidates_are_readable_trimmed_source_sentences():
    units, cands = _story_candidates()
    texts = {(u.article, u.index): u.text for u in units}
    assert cands
    for c in cands:
        assert summary.readable(c.text)
        assert any(_is_trimmed_from(c.text, texts[(r.article, r.sentence)]) for r in c.support)
    assert not any(c.text.endswith("?") for c in cands)


def test_summary_never_shows_a_sentence_that_leans_on_the_one_before():
    _, cands = _story_candidates()
    assert not any(summary.leans_on_context(c.text) for c in cands)
    crew = [c.text for c in cands if "crew of 23" in c.text]
    assert crew and not any(t.startswith("Its ") for t in crew)  # the fact keeps other outlets' wordings


def test_summary_prefers_what_several_sources_say_and_cites_them_all():
    units, cands = _story_candidates()
    chosen = summary.summarise(cands, 40)
    assert "seized the tanker Orla Star" in chosen[0].text or "was seized off Cape Lenna" in chosen[0].text
    cited = {(c.article, c.sentence) for c in chosen[0].citations}
    assert cited == {("a1", 0), ("a2", 0), ("a3", 0), ("a4", 0)}


def test_summary_never_repeats_a_fact_and_keeps_the_budget():
    units, cands = _story_candidates()
    for words in (15, 30, 60):
        chosen = summary.summarise(cands, words)
        lengths = [len(s.text.split()) for s in chosen]
        assert chosen and sum(lengths) <= words  # the briefing keeps its budget
        # a DUC-style fill (evaluation only) lets the last sentence cross it, a little
        filled = [len(s.text.split()) for s in summary.summarise(cands, words, overrun=summary.DUC_OVERRUN)]
        assert sum(filled[:-1]) <= words < sum(filled) <= words + summary.DUC_OVERRUN
        cited = [frozenset((c.article, c.sentence) for c in s.citations) for s in chosen]
        assert len(set(cited)) == len(cited)  # one wording per fact
        seized = [s for s in chosen if "Cape Lenna on Tuesday" in s.text]
        assert len(seized) <= 1


def test_summary_says_nothing_the_sources_do_not():
    units, cands = _story_candidates()
    texts = {(u.article, u.index): u.text for u in units}
    for s in summary.summarise(cands, 80):
        assert any(_is_trimmed_from(s.text, texts[(c.article, c.sentence)]) for c in s.citations)


def test_summary_rewrites_add_no_concept_weight():
    _, plain = _story_candidates()
    _, with_copy = _story_candidates(derived=frozenset({"a4"}))
    assert summary.concept_weights(with_copy)["crew of"] < summary.concept_weights(plain)["crew of"]


def test_summary_of_nothing_is_empty():
    assert summary.summarise([], 100) == []
