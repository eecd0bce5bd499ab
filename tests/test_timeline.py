"""Timeline: calendar dates only, merged across sources, periods left out, order kept."""

from __future__ import annotations

import numpy as np

from crossbrief.records import EntityMention, SentenceExtraction, TimeExpression
from crossbrief.stages.align import Unit
from crossbrief.stages.timeline import build_timeline, event_clause, event_keys, story_dates


def unit_with(article, text, times, entities=()):
    found = []
    for phrase, value, precision in times:
        start = text.index(phrase)
        found.append(TimeExpression(start, start + len(phrase), phrase, "DATE", value, precision, "publication"))
    ents = tuple(EntityMention(text.index(n), text.index(n) + len(n), n, "FAC", n) for n in entities)
    return Unit(article, 0, text, "en"), SentenceExtraction(article, 0, ents, (), tuple(found))


def timeline_of(*items, vectors=None):
    units = [u for u, _ in items]
    exs = [e for _, e in items]
    vectors = np.eye(len(units), dtype=np.float32) if vectors is None else vectors
    return build_timeline(units, vectors, exs, list(range(len(units))), set())


def test_timeline_same_day_and_same_fact_merge_across_sources():
    items = [
        unit_with("a", "The treaty was signed on Wednesday in Castel Aurin.", [("Wednesday", "2025-05-14", "day")]),
        unit_with("b", "Leaders signed the accord on 14 May.", [("14 May", "2025-05-14", "day")]),
    ]
    same = np.ones((2, 4), dtype=np.float32) / 2  # the two sentences read alike
    [entry] = timeline_of(*items, vectors=same)
    assert entry.date == "2025-05-14" and entry.precision == "day" and set(entry.articles) == {"a", "b"}


def test_timeline_keeps_the_finest_precision_and_sorts():
    items = [
        unit_with("a", "Talks began in March 2024 in Geneva.", [("March 2024", "2024-03", "month")]),
        unit_with(
            "b", "Delegates met again in Geneva on 3 March 2024.", [("3 March 2024", "2024-03-03", "day")], ["Geneva"]
        ),
        unit_with("c", "The first round was held in 2019.", [("2019", "2019", "year")]),
    ]
    entries = timeline_of(items[0], items[1], items[2])
    assert [e.date for e in entries] == ["2019", "2024-03", "2024-03-03"]  # unrelated sentences stay apart
    assert [e.precision for e in entries] == ["year", "month", "day"]


def test_timeline_leaves_out_vague_references_and_period_starts():
    items = [
        unit_with("a", "Shipments must end by September.", [("September", "2023-09", "month")]),
        unit_with("b", "During the same period the plants expanded.", [("the same period", "2023", "year")]),
    ]
    assert timeline_of(*items) == []


def test_timeline_leaves_out_a_clock_time_that_names_no_day():
    def timed(article, text, phrase, value):
        start = text.index(phrase)
        time = TimeExpression(start, start + len(phrase), phrase, "TIME", value, "time", "publication")
        return Unit(article, 0, text, "en"), SentenceExtraction(article, 0, (), (), (time,))

    dish = timed("a", "At 10 a.m. the satellite dish blew away.", "10 a.m.", "1998-10-04T10:00")
    quake = timed("b", "The quake struck at 04:17 on Saturday.", "04:17 on Saturday", "1998-10-03T04:17")
    assert [e.date for e in timeline_of(dish, quake)] == ["1998-10-03"]


def test_event_clause_picks_the_clause_of_each_date():
    text = "Talks between the two delegations began in August 2023; they were finalized in September in Moscow."
    first, second = (event_clause(text, text.index(m), text.index(m) + len(m)) for m in ("August", "September"))
    assert first == "Talks between the two delegations began in August 2023 …"  # an excerpt says so
    assert second == "… they were finalized in September in Moscow."


def test_timeline_files_a_sentence_once_when_no_clause_tells_its_dates_apart():
    text = "It is his first trip since 2000 and the first since the country closed its borders in 2020."
    one = unit_with("a", text, [("2000", "2000", "year"), ("2020", "2020", "year")])
    [entry] = timeline_of(one)
    assert entry.date == "2020" and entry.text == text
    # clauses that tell the dates apart keep both entries
    two = "Talks began in August 2023; they were finalized in September 2023 with a visit to Moscow."
    both = unit_with("b", two, [("August 2023", "2023-08", "month"), ("September 2023", "2023-09", "month")])
    assert [e.date for e in timeline_of(both)] == ["2023-08", "2023-09"]


def place_unit(article, text, day, places):
    start = text.index("Monday")
    ex = SentenceExtraction(
        article,
        0,
        tuple(EntityMention(text.index(p), text.index(p) + len(p), p, "GPE", p) for p in places),
        (),
        (TimeExpression(start, start + 6, "Monday", "DATE", day, "day", "publication"),),
    )
    return Unit(article, 0, text, "en"), ex


def test_timeline_events_of_one_day_in_places_that_share_nothing_stay_apart():
    france = place_unit("a", "In France, the toll from the cold rose on Monday to six.", "1998-11-23", ["France"])
    poland = place_unit("b", "In Poland, the toll from the cold rose on Monday to 32.", "1998-11-23", ["Poland"])
    paris = place_unit("c", "The toll from the cold in France rose to six on Monday.", "1998-11-23", ["France"])
    same = np.ones((3, 4), dtype=np.float32) / 2  # all three read alike
    entries = timeline_of(france, poland, paris, vectors=same)
    assert sorted(sorted(e.articles) for e in entries) == [["a", "c"], ["b"]]


def test_timeline_a_sentence_joins_an_entry_close_to_all_of_it_not_to_one_member():
    items = [unit_with(x, f"Sentence {x} on Monday.", [("Monday", "2025-05-12", "day")]) for x in "abc"]
    # a~b and b~c are close, a and c are not: c is close to one of the entry's sentences only
    vectors = np.array([[1, 0, 0], [0.6, 0.8, 0], [0, 1, 0]], dtype=np.float32)
    entries = timeline_of(*items, vectors=vectors)
    assert sorted(sorted(e.articles) for e in entries) == [["a", "b"], ["c"]]


def test_event_keys_pair_a_calendar_month_or_day_with_a_name_few_sentences_use():
    common = ["Putin", "Kim", "Moscow", "Pyongyang", "Russia"]  # the story's five most named: every event's
    filler = [unit_with("z", " ".join(common) + " met.", [], common) for _ in range(3)]
    items = [
        unit_with("a", "Putin vetoed it at the UN in March.", [("March", "2024-03", "month")], ["Putin", "UN"]),
        unit_with("b", "The UN panel was dissolved on 28 March.", [("28 March", "2024-03-28", "day")], ["UN"]),
        unit_with("c", "The UN was founded in 1945.", [("1945", "1945", "year")], ["UN"]),  # a year dates no event
        unit_with("d", "Talks resume in May, Kim said.", [("May", "2024-05", "month")], ["Kim"]),  # a common name
    ]
    keys = event_keys(story_dates([e for _, e in [*filler, *items]], [u.text for u, _ in [*filler, *items]]))[3:]
    assert keys == [
        frozenset({("2024-03", "UN")}),
        frozenset({("2024-03-28", "UN")}),
        frozenset(),
        frozenset(),
    ]


def test_timeline_marks_what_no_reporting_article_could_have_seen_as_expected():
    from datetime import date

    items = [
        unit_with(
            "a", "The Harbour Hotel will reopen on 15 December after repairs.", [("15 December", "2025-12-15", "day")]
        ),
        unit_with("b", "Rescuers reached the flooded town of Vesk on 3 October.", [("3 October", "2025-10-03", "day")]),
        unit_with("c", "The governor arrived in Vesk early Wednesday.", [("Wednesday", "2025-10-08", "day")]),
        unit_with(
            "d", "The coast guard says the ferry will sail again on Tuesday.", [("Tuesday", "2025-10-07", "day")]
        ),
    ]
    units = [u for u, _ in items]
    exs = [e for _, e in items]
    published = {"a": date(2025, 10, 20), "b": date(2025, 10, 5), "c": date(2025, 10, 7), "d": date(2025, 10, 6)}
    entries = build_timeline(units, np.eye(4, dtype=np.float32), exs, [0, 1, 2, 3], set(), published=published)
    expected = {e.text.split()[1]: e.expected for e in entries}
    # dated two months after its article: planned; reported after the day: happened; a day
    # after its article in the past tense (another time zone): happened; a day after in
    # words that look ahead: expected
    assert expected == {"Harbour": True, "reached": False, "governor": False, "coast": True}
    assert entries[0].to_dict().get("expected") is None and any(e.to_dict().get("expected") for e in entries)
    # an undated article's date is unknown: nothing is marked
    undated = build_timeline(
        units, np.eye(4, dtype=np.float32), exs, [0, 1, 2, 3], set(), published={**published, "a": None}
    )
    assert not next(e for e in undated if "Harbour" in e.text).expected
