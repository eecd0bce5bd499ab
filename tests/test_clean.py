"""Cleaning removes in-body cruft line by line and never a real sentence."""

from __future__ import annotations

import pytest

from crossbrief.stages.clean import clean

PROSE = (
    "Rescue teams reached the village of Tarn on Thursday, two days after the quake, "
    "and found forty families sheltering in the school, the regional governor said."
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Print Friendly, PDF & Email", "share"),
        ("Share this: Facebook Twitter WhatsApp", "share"),
        ("Facebook Twitter LinkedIn Email", "share"),
        ("Subscribe to get the latest posts sent to your email.", "subscribe"),
        ("Discover more from Harbour Ledger", "subscribe"),
        ("Sign up for our newsletter", "subscribe"),
        (
            "The views expressed in this article do not reflect the opinion of ICARO, or any of its affiliates.",
            "disclaimer",
        ),
        ("Advertisement", "advertisement"),
        ("Photo: Harbour Ledger/File", "image-caption"),
        ("VolkanReyes", "image-caption"),
        ("We use cookies to improve your experience.", "cookies"),
        ("Read more: Aftershocks rattle the coast", "related"),
        ("Published: April 10, 2007", "timestamp"),
        ("Last updated at 11:11 GMT, 21 July 2013", "timestamp"),
        ("Posted: 04/02/07, 9:00 PM", "timestamp"),
        ("Updated Tuesday, March 12, 2013 at 4:15 p.m.", "timestamp"),
        ("23 July 2013 Last updated at 13:42 GMT", "timestamp"),  # the date first
    ],
)
def test_clean_removes_widget_line(line, reason):
    result = clean(f"{PROSE}\n{line}\n{PROSE}")
    assert [(r.text, r.reason) for r in result.removed] == [(line, reason)]
    assert result.text == f"{PROSE}\n\n{PROSE}"


def test_clean_related_tail_with_link_titles():
    text = f"{PROSE}\nRelated\nAftershocks rattle the coast\nGovernor visits Tarn"
    result = clean(text)
    assert result.text == PROSE
    assert [r.text for r in result.removed] == ["Related", "Aftershocks rattle the coast", "Governor visits Tarn"]


def test_clean_related_marker_before_prose_keeps_the_prose():
    text = f"{PROSE}\nRelated\n{PROSE} {PROSE}"
    assert clean(text).text.count("Rescue teams") == 3


def test_clean_language_switcher_lines():
    result = clean(f"{PROSE}\nPersian\nمشاهده این مقاله به زبان فارسی")
    assert result.text == PROSE
    assert {r.reason for r in result.removed} == {"language-switch"}
    result = clean(f"{PROSE}\nFrançais\nLire cet article en français")
    assert result.text == PROSE


def test_clean_keeps_sentences_that_mention_widget_words():
    keep = [
        "Subscribers to the state broadcaster rose by 12 percent last year, the regulator said.",
        "The minister said she would share the report with Facebook and Twitter executives next week.",
        "Related talks between the two ministries continued into the night, officials said.",
        "Photographs released by the navy showed the tanker listing to one side near the harbour.",
        "Updated figures show 40 dead in the town.",
        "Published 12 times since 1998, the survey is the oldest.",
    ]
    result = clean("\n".join(keep))
    assert result.removed == ()
    assert result.text == "\n\n".join(keep)


@pytest.mark.parametrize("code", ["str-tt-lm", "sf/vj", "av/sf/vj", "jah-jjh/vj"])
def test_clean_drops_a_wire_desks_signoff_after_the_last_sentence(code):
    result = clean(f"{PROSE} The assembly will meet in Seoul next year. {code}")
    assert result.text == f"{PROSE} The assembly will meet in Seoul next year."
    assert [(r.text, r.reason) for r in result.removed] == [(code, "wire-signoff")]


def test_clean_keeps_lower_case_words_that_end_a_sentence():
    keep = "The talks ended in a stand-off. Officials called it a well-to-do area's tit-for-tat"
    assert clean(keep).text == keep and clean(keep).removed == ()


def test_clean_byline_and_dateline_become_metadata():
    result = clean(f"By Jane Roe and Tom Ash\nPORT CALDERA (Reuters) — {PROSE}")
    assert result.author == "Jane Roe and Tom Ash"
    assert result.dateline == "PORT CALDERA (Reuters)"
    assert result.text == PROSE


def test_clean_marks_headings():
    result = clean(f"What will North Korea Get?\n{PROSE}\nArmed Relationship\n{PROSE}")
    assert result.headings == ("What will North Korea Get?", "Armed Relationship")


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("SEOUL, South Korea _ North Korea fired a missile on Tuesday, officials said.", "SEOUL, South Korea"),
        ("MOSCOW — Officials said the talks would resume on Friday in the capital.", "MOSCOW"),
    ],
)
def test_clean_wire_datelines(text, dateline):
    result = clean(text)
    assert result.dateline == dateline and not result.text.startswith(dateline.split(",")[0])
