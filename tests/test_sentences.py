"""Sentence splitting keeps abbreviations inside sentences and offsets exact."""

from __future__ import annotations

import pytest

from crossbrief.models import spacy_pipeline
from crossbrief.stages.sentences import spacy_parser, split_sentences


@pytest.fixture(scope="module")
def splitter():
    return spacy_parser(spacy_pipeline(ner=False))


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian President Vladimir Putin landed in Pyongyang at 3 a.m. on Wednesday.",
        "The U.S. said Mr. Putin met Kim on Jan. 5 in the capital.",
        "Gen. Park told reporters that the U.S. Navy would stay in the area.",
        "He arrived on Sept. 3, 2023 at 10 a.m. local time with Dr. Lee.",
        "The company, Acme Inc., paid $3.5 million, i.e. about 4% of its revenue.",
    ],
)
def test_sentences_abbreviations_do_not_split(splitter, sentence):
    text = f"{sentence} The talks ended late. Nobody was hurt."
    result = split_sentences(text, (), splitter)
    assert [s.text for s in result] == [sentence, "The talks ended late.", "Nobody was hurt."]


def test_sentences_offsets_point_into_text(splitter):
    text = "First paragraph here. It has two sentences.\n\nHeading Line\n\nSecond paragraph, one sentence."
    result = split_sentences(text, ("Heading Line",), splitter)
    assert [s.index for s in result] == list(range(len(result)))
    for s in result:
        assert text[s.start : s.end] == s.text
    assert [s.heading for s in result] == [False, False, True, False]


def test_sentences_never_cross_paragraphs(splitter):
    text = "A line without a full stop\n\nAnother paragraph follows here."
    assert [s.text for s in split_sentences(text, (), splitter)] == [
        "A line without a full stop",
        "Another paragraph follows here.",
    ]


def test_sentences_quotation_runs_on_until_it_closes(splitter):
    text = "“We will rebuild. We are strong,” the mayor said. Crews cleared the roads."
    assert [s.text for s in split_sentences(text, (), splitter)] == [
        "“We will rebuild. We are strong,” the mayor said.",
        "Crews cleared the roads.",
    ]


def test_sentences_new_quotation_ends_an_unclosed_one(splitter):
    # Wire copy opens each paragraph of a long quotation with “ and closes only the last.
    text = (
        "“I have drawn the strip for almost fifty years. I can no longer keep the schedule. "
        "“I am grateful to the editors for their loyalty,” he wrote. The last strip runs in February."
    )
    result = [s.text for s in split_sentences(text, (), splitter)]
    assert result[0].startswith("“I have drawn")
    assert not any("“I have drawn" in s and "“I am grateful" in s for s in result)
    assert result[-1] == "The last strip runs in February."


def test_sentences_stray_open_quote_does_not_swallow_the_article(splitter):
    # A “ typed for ” never closes: the sentences after it still split.
    body = " ".join(f"The council met on day {n} and talked about the plan for the new bridge." for n in range(8))
    text = f"“Who ordered that?“ the physicist asked. {body}"
    result = split_sentences(text, (), splitter)
    assert len(result) >= 5
    assert max(len(s.text.split()) for s in result) <= 60
