"""Which agency an article's text credits, and how that makes articles without an outlet
one independent source."""

from __future__ import annotations

import pytest

from crossbrief.records import Article, Removal, Sentence
from crossbrief.stages import clean, derive
from crossbrief.stages.agency import HEAD_CHARS, canonical_agency, infer_agency, infer_agency_from_text


def article(aid: str, *sentences: str, outlet: str | None = None, **fields: object) -> Article:
    made, at = [], 0
    for n, text in enumerate(sentences):
        made.append(Sentence(n, at, at + len(text), text))
        at += len(text) + 1
    return Article(aid, aid, "text", aid, " ".join(sentences), tuple(made), "en", outlet=outlet, **fields)  # type: ignore[arg-type]


# -- the credit in the text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("HAVANA (AP) _ The ferry sank on Tuesday night off the northern coast.", "AP"),
        ("HAVANA, Cuba (AP) -- The ferry sank on Tuesday night.", "AP"),
        ("HAVANA (AP) — The ferry sank on Tuesday night.", "AP"),
        ("NAIROBI, Kenya (Reuters) - Floods cut the main road to the port.", "Reuters"),
        ("LAGOS, March 2 (Reuters) - Floods cut the main road.", "Reuters"),
        ("QUITO, Nov. 9 (Xinhua) -- The volcano erupted again on Sunday.", "Xinhua"),
        ("MADRID, 5 jun (EFE).- El Gobierno aprobó el plan.", "EFE"),
        ("PARIS (AFP) - The strike closed three airports.", "AFP"),
        ("HAMBURG (dpa) - The port reopened on Monday.", "DPA"),
        ("TOKYO (Kyodo) -- The cabinet approved the budget.", "Kyodo"),
        ("MOSCOW, Jan. 4 (ITAR-TASS) -- The talks resumed.", "TASS"),
        ("By Maria Lopez, Associated Press Writer\nHAVANA — The ferry sank.", "AP"),
        ("By JOHN SMITH AP Science Writer The comet passed closest on Monday.", "AP"),
        ("The ferry sank on Tuesday. Copyright 2021 The Associated Press. All rights reserved.", "AP"),
        ("The ferry sank. (For use by clients of the Chicago Tribune News Service)", "Chicago Tribune News Service"),
        (
            "The ferry sank. Distributed For Use By Clients of the New York Times News Service",
            "New York Times News Service",
        ),
    ],
)
def test_agency_credited_by_dateline_byline_or_closing_line(text, agency):
    assert infer_agency_from_text(text, text) == agency


@pytest.mark.parametrize(
    "text",
    [
        "The captain told The Associated Press the ferry was overloaded.",
        "At least 40 died, the official Xinhua News Agency reported on Monday.",
        "Reuters could not confirm the figure independently.",
        "The ferry sank on Tuesday. The Associated Press contributed to this report.",
        "A photo (AP Photo/Jane Roe) showed the wreck on the shore.",
        "HAVANA (ap) - lower case is not how the agency writes its credit.",
        "HAVANA — The ferry sank on Tuesday night.",  # a dateline without a credit
        "",
    ],
)
def test_agency_mentions_are_not_credits(text):
    assert infer_agency_from_text(text, text) is None


def test_agency_two_different_credits_give_none():
    text = "HAVANA (AP) _ The ferry sank. Copyright 2021 Reuters."
    assert infer_agency_from_text(text, text) is None


def test_agency_dateline_deep_in_the_body_is_not_read():
    text = "x " * HEAD_CHARS + "HAVANA (AP) _ The ferry sank."
    assert infer_agency_from_text(text, "") is None


def test_agency_canonical_names():
    assert canonical_agency("The Associated Press") == canonical_agency("AP") == "AP"
    assert canonical_agency("  agence  france-presse ") == "AFP"
    assert canonical_agency("Daily Planet") is None


def test_agency_read_from_the_dateline_cleaning_removed():
    cleaned = clean.clean("HAVANA, Cuba (AP) — The ferry sank on Tuesday night off the northern coast.")
    assert "(AP)" not in cleaned.text and cleaned.dateline
    made = article(
        "a",
        cleaned.text,
        metadata={"dateline": cleaned.dateline},
        removed=tuple(Removal(r.text, r.reason) for r in cleaned.removed),
    )
    assert infer_agency(made) == "AP"
    assert infer_agency(article("b", cleaned.text)) is None


# -- source groups ------------------------------------------------------------------------


def test_origin_groups_articles_crediting_one_agency_are_one_source():
    ids = ["a", "b", "c"]
    inferred = {"a": "AP", "b": "Associated Press", "c": None}
    groups = derive.origin_groups(ids, [], inferred)
    assert groups["a"] == groups["b"] != groups["c"]
    assert len(set(derive.origin_groups(ids, [], {}).values())) == 3


# -- in a brief -----------------------------------------------------------------------------

# Three reports of one fire, none with an outlet: two are the same agency's (their datelines
# say so) in different words, the third is a newspaper's own. Each states the toll.
FIRE = {
    "wire-1": "LISBON, Portugal (Reuters) - A fire at a textile factory near Lisbon killed nine workers on "
    "Thursday, the fire service said. Firefighters fought the blaze for six hours before bringing it under "
    "control. The cause of the fire was not yet known, officials said.",
    "wire-2": "LISBON, Portugal (Reuters) - Portuguese prosecutors opened an inquiry on Friday into the factory "
    "fire near Lisbon. The fire at the textile factory killed nine workers on Thursday, the fire service said. "
    "The owner of the factory said the building had passed a safety inspection in March.",
    "paper": "The families of the nine workers killed in Thursday's textile factory fire near Lisbon gathered "
    "outside the town hall on Saturday. The fire at the factory killed nine workers, the fire service said. "
    "Union leaders called for tighter inspections of old industrial buildings across the region.",
}


@pytest.mark.slow
def test_brief_articles_crediting_one_agency_count_as_one_source():
    from crossbrief.config import load_settings
    from crossbrief.encoders import LexicalEncoder
    from crossbrief.models import spacy_pipeline
    from crossbrief.pipeline import brief_story, build_article
    from crossbrief.records import RawDocument
    from crossbrief.stages import sentences

    settings = load_settings(environ={})
    nlp = spacy_pipeline(ner=True)
    parser = sentences.spacy_parser(nlp)
    articles = [build_article(RawDocument(f"{i}.txt", "text", t, id=i), settings, parser) for i, t in FIRE.items()]
    assert all(a.outlet is None for a in articles)
    brief = brief_story(articles, LexicalEncoder(), nlp)
    assert brief.independent_sources == 2
    toll = [f for f in brief.facts if set(f.articles) == set(FIRE)]
    assert toll and all(f.independent_sources == 2 for f in toll)
    # what the input said is kept: the credit counts sources, it is not shown as an outlet
    assert all(a.outlet is None for a in brief.articles)
