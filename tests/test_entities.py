"""Entity canonicalisation across a story."""

from __future__ import annotations

import pytest

from crossbrief.models import spacy_pipeline
from crossbrief.stages.extract.entities import EntityIndex, RawMention, entity_key, mentions_in


def index_of(*sentences: str) -> tuple[EntityIndex, list[list[RawMention]]]:
    nlp = spacy_pipeline(ner=True)
    per_sentence = []
    for text, doc in zip(sentences, nlp.pipe(sentences)):
        per_sentence.append(mentions_in([(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents], text))
    return EntityIndex([m for ms in per_sentence for m in ms]), per_sentence


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong-un"),
        ("Ms Volkan", "Volkan"),
        ("the United Nations", "United Nations"),
        ("Putin’s", "Putin"),
        ("Ferrándiz", "Ferrandiz"),
    ],
)
def test_entity_key_ignores_spelling_variants(a, b):
    assert entity_key(a) == entity_key(b)


def test_entities_story_canonical_names():
    index, per_sentence = index_of(
        "Kim Jong Un met Vladimir Putin at the airport on Wednesday.",
        "Later Kim Jong-un and Mr. Putin signed the agreement in the capital.",
        "Kim praised the treaty, and Putin said it would last.",
    )
    names = {m.text: index.canonical(m) for ms in per_sentence for m in ms}
    assert names["Kim Jong-un"] == names["Kim Jong Un"] == names["Kim"]
    assert names["Putin"] == "Vladimir Putin"


def test_entities_acronym_joins_its_long_name():
    index, per_sentence = index_of(
        "The Kasmerian Seismological Institute (KSI) measured a magnitude of 6.4 on Saturday.",
        "The KSI later revised the depth of the earthquake to 12 kilometres.",
    )
    canon = {index.canonical(m) for ms in per_sentence for m in ms if m.label == "ORG"}
    assert canon == {"Kasmerian Seismological Institute"}


def test_entities_capital_as_government_but_not_as_place():
    index, per_sentence = index_of(
        "North Korea welcomed the Russian delegation with a parade.",
        "Pyongyang has denied sending any weapons to Russia.",
        "Putin landed in Pyongyang at 3 a.m. on Wednesday.",
    )
    acting = next(m for m in per_sentence[1] if m.text == "Pyongyang")
    place = next(m for m in per_sentence[2] if m.text == "Pyongyang")
    assert index.canonical(acting) == "North Korea"
    assert index.canonical(place) == "Pyongyang"


@pytest.mark.parametrize(
    ("country", "acting", "place", "name"),
    [
        ("Iraq rejected the resolution.", "Baghdad has refused to let the inspectors in.", "Baghdad", "Iraq"),
        ("Australia signed the trade pact.", "Canberra has rejected the new tariff proposal.", "Canberra", "Australia"),
        ("Kenya closed its border.", "Nairobi has rejected the report.", "Nairobi", "Kenya"),
    ],
)
def test_entities_any_national_capital_acts_as_its_government(country, acting, place, name):
    """Every national capital, not those of one story; the country keeps its own name; after
    "of" the capital is the city."""
    index, per_sentence = index_of(country, acting, f"The mayor of {place} has opened a new library.")
    [country_mention] = per_sentence[0]
    capital = next(m for m in per_sentence[1] if m.text == place)
    city = next(m for m in per_sentence[2] if m.text == place)
    assert index.canonical(country_mention) == index.canonical(capital) == name
    assert index.canonical(city) == place
