"""Attribution and modality of sentences."""

from __future__ import annotations

import pytest

from crossbrief.models import spacy_pipeline
from crossbrief.stages.extract.attribution import find_attribution, find_modality
from crossbrief.stages.extract.entities import EntityIndex, mentions_in


def attribution(text):
    doc = spacy_pipeline(ner=True)(text)
    mentions = mentions_in([(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents], text)
    index = EntityIndex(mentions)
    return find_attribution(text, [index.resolve(m) for m in mentions])


@pytest.mark.parametrize(
    ("text", "speaker", "entity"),
    [
        (
            "According to South Korean Defence Minister Shin Won-sik, the North sent shells.",
            "South Korean Defence Minister Shin Won-sik",
            "Shin Won-sik",
        ),
        ("Interior Minister Daria Volkan said the ship was caught in the act.", "Daria Volkan", "Daria Volkan"),
        (
            "The tanker carried 23 crew, said coast guard spokesman Commander Ilyas Reyes.",
            "coast guard spokesman Commander Ilyas Reyes",
            "Ilyas Reyes",
        ),
        (
            "Yuri Ushakov, Putin’s foreign policy adviser, suggests that a treaty could be signed.",
            "Yuri Ushakov",
            "Yuri Ushakov",
        ),
        ("Russian forces launched at least 10 missiles, a US official said, quoted by CNN.", "a US official", None),
        ("The visit is a gesture to keep Kim's support, analysts believe.", "analysts", None),
        # any -ly adverb may stand between the speaker and the verb, not a listed few
        ("Senator Maria Ortega flatly denied the allegation.", "Maria Ortega", "Maria Ortega"),
        ("Finance Minister Lena Sorvik publicly criticized the central bank.", "Lena Sorvik", "Lena Sorvik"),
        # a reporting verb of the general list, in any form
        ("Dr. Anil Mehta conceded that the vaccine trial had failed.", "Anil Mehta", "Anil Mehta"),
        # people who speak for where they work: the organisation is the source
        (
            "Seismologists at the Brennik Geophysical Institute say the quake began 35 km down.",
            "the Brennik Geophysical Institute",
            "Brennik Geophysical Institute",
        ),
        (
            "Stephen Stott, director for engineering at Intelsat, said the satellites were safe.",
            "Stephen Stott",
            "Stephen Stott",
        ),
    ],
)
def test_attribution_speakers(text, speaker, entity):
    found = attribution(text)
    assert found is not None and found.speaker == speaker
    if entity is not None:
        assert found.entity == entity


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has consistently supported Russia, recognizing Luhansk and Donetsk as independent states.",
        "The ship arrived in the port on Wednesday under escort.",
        "The pumps moved 40 litres per minute through the night.",  # a rate, not "per the agency"
        "The Texas state legislature passed the budget on Monday.",  # the noun, not the verb
        "Harlow Industries agreed to sell its shipping unit for $40 million.",  # an act, not a claim
        # who denies a claim is not its source
        "Western officials suspect that Vesk has been shipping drones to Tarsenia, an allegation that Vesk "
        "fervently denies.",
        "The tanker had carried Drevnian crude for months, which the United Nations denied.",
        "A researcher in Seoul says the launch failed.",  # a place after "in" is not the speaker
    ],
)
def test_attribution_none_when_nobody_speaks(text):
    assert attribution(text) is None


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("North Korea has refuted these claims.", "denied"),
        ("The company denies any wrongdoing.", "denied"),
        ("North Korea may have sent up to five million shells.", "hedged"),
        ("Russia has reportedly eased North Korea's economic struggles.", "hedged"),
        ("The leaders may sign a comprehensive strategic partnership treaty.", "predicted"),
        ("The treaty is expected to be signed on Wednesday.", "predicted"),
        ("The two leaders signed a treaty on Wednesday.", "stated"),
    ],
)
def test_modality(text, modality):
    assert find_modality(text) == modality


def test_attribution_according_to_a_clause_word_names_no_source():
    assert attribution("The toll rose to 200, according to although officials in the capital disputed it.") is None


def test_attribution_according_to_inside_a_quote_yields_to_the_quotes_speaker():
    found = attribution(
        "“The test, according to North Korea, was a success, but it shows limits,” said Lee Sung-yoon, an analyst."
    )
    assert found is not None and found.entity == "Lee Sung-yoon"
    outside = attribution("The missile flew 500 km, according to South Korea.")
    assert outside is not None and outside.speaker == "South Korea"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Details were not available, but officials said it would call for stricter rules.", "officials"),
        (
            "The fees average $1.27, according to a study by the U.S. Public Interest Research Group.",
            "a study by the U.S. Public Interest Research Group",
        ),
        ("Clerics were leading, according to partial results Saturday.", "partial results"),
    ],
)
def test_attribution_speaker_names_are_trimmed_of_clause_words_and_days(sentence, speaker):
    found = attribution(sentence)
    assert found is not None and found.speaker == speaker


def test_attribution_words_a_verb_reports_are_no_speaker():
    # After "said", the speaker opens the words that follow; "it agreed to limit fees" is what
    # was said (the entity inside it is no speaker), and the sentence's subject said it.
    found = attribution("Fleet, New England's leading bank, said it agreed to limit ATM fees after a protest.")
    assert found is None or found.entity != "ATM"
    found = attribution("“It's not on the reports we use,” said Lt. Geary Brasi of the Phoenix police.")
    assert found is not None and found.entity == "Geary Brasi"
