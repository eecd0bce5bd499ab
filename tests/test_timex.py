"""Time expressions: recognition spans, TIMEX3 normalisation, resolution against the anchor."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossbrief.records import TimeExpression
from crossbrief.stages.extract.timex import find_times
from crossbrief.stages.extract.timex_calendar import (
    duration_value,
    month_year,
    precision_of,
    weekday_date,
)

# Tuesday 18 June 2024: the header date of the Pyongyang summit articles.
JUNE_18 = date(2024, 6, 18)
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def only(text: str, anchor: date | None = JUNE_18, **kwargs):
    """The single time expression found in ``text``."""
    found = find_times(text, anchor, **kwargs)
    assert len(found) == 1, found
    return found[0]


def values(text: str, anchor: date | None = JUNE_18) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_times(text, anchor)]


# -- weekdays: the nearest occurrence the tense allows ---------------------------------------


def test_timex_weekday_next_day_in_past_tense_is_the_next_day():
    # The outlet's time zone is behind Pyongyang's: the arrival was Wednesday 19 June.
    t = only("Putin arrived early Wednesday morning.")
    assert (t.text, t.value, t.type, t.anchor) == ("early Wednesday morning", "2024-06-19TMO", "TIME", "publication")
    assert only("Putin arrived in Pyongyang on Wednesday.").value == "2024-06-19"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The talks ended on Monday.", "2024-06-17"),
        ("Officials said Thursday the talks failed.", "2024-06-13"),
        ("The ministers met on Sunday.", "2024-06-16"),
        ("He will meet Kim on Thursday.", "2024-06-20"),
        ("The summit is scheduled to open Monday.", "2024-06-24"),
        ("Talks resume Tuesday, the ministry said.", "2024-06-18"),
        ("They met last Friday.", "2024-06-14"),
        ("They will meet next Tuesday.", "2024-06-25"),
    ],
)
def test_timex_weekday_resolved_by_tense(sentence, value):
    assert only(sentence).value == value


@pytest.mark.parametrize(
    ("sentence", "anchor", "value"),
    [
        # a plan seen from after it looks back: the Saturday just gone, last month's slot
        (
            "The clinic treated patients who had been scheduled to see him on Saturday.",
            date(1998, 10, 25),
            "1998-10-24",
        ),
        ("The flight, originally scheduled for mid-October, was delayed.", date(1999, 11, 15), "1999-10"),
        # "due to" giving a cause does not look ahead
        (
            "The airline was forced to shut down Sept. 23 due to disputes with its union.",
            date(1998, 11, 22),
            "1998-09-23",
        ),
        ("The shuttle is due to land Sept. 23 in Florida.", date(1998, 9, 20), "1998-09-23"),
        # "would have" looks back: a threat that would have killed a bill was withdrawn before
        (
            "Friday night, Democrats withdrew a threat that would have killed the bill.",
            date(1998, 10, 5),
            "1998-10-02TNI",
        ),
        ("Officials said the vote would be held Friday.", date(1998, 10, 5), "1998-10-09"),
        # a cue past a dash belongs to another clause
        (
            "He must win half the vote from Sunday's election _ a feat he is expected to accomplish.",
            date(1998, 10, 6),
            "1998-10-04",
        ),
        ("He must win half the vote from Sunday's election; he is expected to.", date(1998, 10, 6), "1998-10-04"),
    ],
)
def test_timex_tense_cues_of_wire_copy(sentence, anchor, value):
    [found] = [t for t in find_times(sentence, anchor) if t.type in ("DATE", "TIME")]
    assert found.value == value


def test_timex_weekday_without_anchor_is_unresolved():
    t = only("Putin arrived on Wednesday.", anchor=None)
    assert (t.value, t.anchor, t.precision) == ("XXXX-WXX-3", "none", "day")


# -- months, dates, years --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("From January to November 1998 the police issued 16,000 tickets.", ["1998-01", "1998-11"]),
        ("Prices rose between March and May 2000.", ["2000-03", "2000-05"]),
        ("It snowed from November to March 1998.", ["1997-11", "1998-03"]),
        ("The plant shut in January and reopened in November 1998.", ["1999-01", "1998-11"]),  # no range
    ],
)
def test_timex_a_range_start_takes_the_year_its_end_states(sentence, values):
    assert [t.value for t in find_times(sentence, date(1999, 1, 5))] == values


def test_timex_month_without_year_resolved_to_anchor_year():
    t = only("The deal was signed in March.")
    assert (t.text, t.value, t.precision, t.anchor) == ("March", "2024-03", "month", "publication")


def test_timex_month_with_year_is_absolute():
    t = only("The deal was signed in November 2023.")
    assert (t.text, t.value, t.anchor) == ("November 2023", "2023-11", "absolute")


def test_timex_since_month_looks_back():
    t = only("He has been in custody since September.")
    assert (t.text, t.value) == ("September", "2023-09")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It happened last September.", ("last September", "2023-09")),
        ("It happened late last July.", ("late last July", "2023-07")),
        ("It happened in July last year.", ("July last year", "2023-07")),
        ("The vote is due next March.", ("next March", "2025-03")),
    ],
)
def test_timex_month_with_relative_word(sentence, expected):
    assert values(sentence) == [expected]


def test_timex_month_without_year_or_anchor():
    t = only("The deal was signed in September.", anchor=None)
    assert (t.value, t.anchor) == ("XXXX-09", "none")


def test_timex_month_day_resolved_to_nearest_year():
    # a date a few weeks ahead is the coming one; one months back is this year's
    assert only("The rights expire July 2.").value == "2024-07-02"
    assert only("The army left on March 3.").value == "2024-03-03"
    assert only("It was signed on Dec. 2.", anchor=date(2024, 1, 10)).value == "2023-12-02"


def test_timex_may_as_a_modal_is_not_a_month():
    assert values("May the best team win.") == []
    assert values("It opened in May.") == [("May", "2024-05")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It was founded in 1998.", ("1998", "1998", "year")),
        ("Profits rose in fiscal 1989.", ("fiscal 1989", "1989", "year")),
        ("Prices peaked in the 1990s.", ("the 1990s", "199", "decade")),
        ("Prices peaked in the early '80s.", ("the early '80s", "198", "decade")),
        ("It was the worst crash of the 20th century.", ("the 20th century", "19", "none")),
        ("Sales fell in the first quarter.", ("the first quarter", "2024-Q1", "quarter")),
        ("Sales fell in the third quarter of 2023.", ("the third quarter of 2023", "2023-Q3", "quarter")),
        ("Sales fell in Q4 2022.", ("Q4 2022", "2022-Q4", "quarter")),
        ("It rained all summer of 2021.", ("summer of 2021", "2021-SU", "season")),
        ("It rained last winter.", ("last winter", "2023-WI", "season")),
        ("Sales rose in the first half of 2023.", ("the first half of 2023", "2023-H1", "quarter")),
    ],
)
def test_timex_years_decades_quarters_seasons(sentence, expected):
    t = only(sentence)
    assert (t.text, t.value, t.precision) == expected


def test_timex_year_is_not_a_count():
    assert values("Some 2000 troops crossed the border.") == []
    assert values("The index rose 1500 points.") == []


# -- days and units relative to the anchor -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The missile was fired yesterday.", ("yesterday", "2024-06-17")),
        ("Talks resume tomorrow.", ("tomorrow", "2024-06-19")),
        ("Talks resumed today.", ("today", "2024-06-18")),
        ("He spoke last night.", ("last night", "2024-06-17TNI")),
        ("The vote is this week.", ("this week", "2024-W25")),
        ("The vote was last week.", ("last week", "2024-W24")),
        ("It was signed earlier this month.", ("earlier this month", "2024-06")),
        ("Exports fell last year.", ("last year", "2023")),
        ("Exports will rise next month.", ("next month", "2024-07")),
        ("It opened two years ago.", ("two years ago", "2022")),
        ("It opened 10 days ago.", ("10 days ago", "2024-06-08")),
        ("A month earlier, the talks collapsed.", ("A month earlier", "2024-05")),
        ("The blast came at 10:35 a.m. Friday.", ("10:35 a.m. Friday", "2024-06-14T10:35")),
        ("It ends at noon.", ("noon", "2024-06-18T12:00")),
        ("They met on Christmas Day.", ("Christmas Day", "2023-12-25")),
    ],
)
def test_timex_relative_to_anchor(sentence, expected):
    t = only(sentence)
    assert (t.text, t.value) == expected
    assert t.anchor == "publication"


def test_timex_anchor_kind_is_passed_through():
    assert only("The missile was fired yesterday.", anchor_kind="story").anchor == "story"


def test_timex_relative_without_anchor_is_unresolved():
    t = only("Exports fell last year.", anchor=None)
    assert (t.value, t.anchor) == ("XXXX", "none")
    assert only("The missile was fired yesterday.", anchor=None).value == "XXXX-XX-XX"


def test_timex_mentioned_date_is_the_reference_for_that_day():
    text = "He was promoted on May 22, 1995, and the following year he moved to Washington."
    assert values(text) == [("May 22, 1995", "1995-05-22"), ("the following year", "1996")]
    assert find_times(text, JUNE_18)[1].anchor == "mentioned"


def test_timex_duration_joined_to_a_date_reads_as_one_date():
    t = only("Two days after March 3, the army left.")
    assert (t.text, t.value, t.type) == ("Two days after March 3", "2024-03-05", "DATE")


# -- durations, sets, references ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He served 24 years in prison.", ("24 years", "P24Y", "year")),
        ("He was held for 270 days.", ("270 days", "P270D", "day")),
        ("The talks lasted nine months.", ("nine months", "P9M", "month")),
        ("The meeting lasted two hours.", ("two hours", "PT2H", "time")),
        ("The meeting lasted 2 1/2 hours.", ("2 1/2 hours", "PT2H30M", "time")),
        ("It took a minute and a half.", ("a minute and a half", "PT1M30S", "time")),
        ("Prices rose over the past two months.", ("the past two months", "P2M", "month")),
        ("It lasted nearly forty years.", ("nearly forty years", "P40Y", "year")),
        ("The deal covers the next few years.", ("the next few years", "PXY", "year")),
        ("It was a two-week trip.", ("two-week", "P2W", "week")),
    ],
)
def test_timex_durations(sentence, expected):
    t = only(sentence)
    assert (t.text, t.value, t.precision) == expected
    assert (t.type, t.anchor) == ("DURATION", "absolute")


def test_timex_ages_are_not_durations():
    assert values("The 6-year-old boy and his 52-year-old father left.") == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Rallies are held daily.", "P1D"),
        ("The board meets every week.", "P1W"),
        ("The market opens each Thursday.", "XXXX-WXX-4"),
        ("It costs $5 million a year.", "P1Y"),
    ],
)
def test_timex_sets(sentence, value):
    t = only(sentence)
    assert (t.type, t.value) == ("SET", value)


def test_timex_daily_as_an_adjective_is_not_a_set():
    assert values("The average daily volume fell.") == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Prices are now falling.", "PRESENT_REF"),
        ("He is currently in Moscow.", "PRESENT_REF"),
        ("He recently visited Moscow.", "PAST_REF"),
        ("He will return in the future.", "FUTURE_REF"),
    ],
)
def test_timex_references(sentence, value):
    t = only(sentence)
    assert (t.type, t.value, t.precision) == ("DATE", value, "none")


def test_timex_now_that_is_a_conjunction():
    assert values("Now that the talks failed, troops moved in.") == []


# -- spans ------------------------------------------------------------------------------------


def test_timex_spans_exclude_prepositions_and_include_modifiers():
    text = "In March, since September and over the past 20 years, about five hours a day."
    assert [t.text for t in find_times(text, JUNE_18)][:3] == ["March", "September", "the past 20 years"]


def test_timex_offsets_point_into_a_whole_document():
    text = (
        "PYONGYANG, June 19 (AP) --\n\nPutin arrived early Wednesday. He last visited in "
        "2000, 24 years ago.\n\nThe talks end on Thursday."
    )
    found = find_times(text, JUNE_18)
    assert [t.text for t in found] == ["June 19", "early Wednesday", "2000", "24 years ago", "Thursday"]
    for t in found:
        assert text[t.start : t.end] == t.text


def test_timex_accepts_a_spacy_doc():
    """A caller that holds a spaCy Doc of the text may pass it: the expressions are still the
    rules' readings of the text, offsets into it, resolved against the anchor it names. (The
    expected records are written out: comparing with a call without the Doc would compare
    find_times with itself, as it does not use the Doc.)"""
    nlp = pytest.importorskip("spacy").blank("en")
    text = "The talks ended on Monday. They resume next Tuesday."
    assert find_times(text, JUNE_18, "story", doc=nlp(text)) == (
        TimeExpression(19, 25, "Monday", "DATE", "2024-06-17", "day", "story"),
        TimeExpression(39, 51, "next Tuesday", "DATE", "2024-06-25", "day", "story"),
    )


# -- calendar helpers -------------------------------------------------------------------------


def test_timex_calendar_duration_values():
    assert duration_value(24, "year") == "P24Y"
    assert duration_value(2, "hour") == "PT2H"
    assert duration_value(None, "day") == "PXD"
    assert duration_value(1.5, "day") == "P1DT12H"
    assert duration_value(2, "decade") == "P20Y"
    assert duration_value(3, "quarter") == "P9M"


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("2024-06-19", "day"),
        ("2024-06-19T10:35", "time"),
        ("2024-W25", "week"),
        ("2024-06", "month"),
        ("2024-Q1", "quarter"),
        ("2024-SU", "season"),
        ("2024", "year"),
        ("199", "decade"),
        ("P24Y", "year"),
        ("PT2H", "time"),
        ("P9M", "month"),
        ("P270D", "day"),
        ("PRESENT_REF", "none"),
        ("XXXX-09", "month"),
    ],
)
def test_timex_calendar_precision_of(value, precision):
    assert precision_of(value) == precision


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.integers(1, 7))
def test_timex_calendar_weekday_in_window(anchor, weekday):
    day = weekday_date(anchor, weekday, (-5, 1))
    assert day.isoweekday() == weekday
    assert -5 <= (day - anchor).days <= 1


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.integers(1, 12))
def test_timex_calendar_month_year_past_and_future(anchor, month):
    past = month_year(anchor, month, None, "past")
    future = month_year(anchor, month, None, "future")
    assert date(past, month, 1) <= anchor.replace(day=1) <= date(future, month, 1)
    assert future - past in (0, 1)


# -- properties ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)), st.booleans())
def test_timex_written_dates_normalise_to_iso(day, day_first):
    month = MONTH_NAMES[day.month - 1]
    written = f"{day.day} {month} {day.year}" if day_first else f"{month} {day.day}, {day.year}"
    t = only(f"The ceasefire began on {written} in the capital.", anchor=JUNE_18)
    assert (t.text, t.value, t.precision, t.anchor) == (written, day.isoformat(), "day", "absolute")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("abc ,.0123456789-/':")
            + [
                "May ",
                "Monday ",
                "last year ",
                "two weeks ",
                "1990s ",
                "10 a.m. ",
                "today ",
                "the past ",
                "Sept. ",
                "ago ",
                "the following day ",
            ]
        ),
        max_size=40,
    ).map("".join),
    st.dates(date(1950, 1, 1), date(2050, 12, 31)) | st.none(),
)
def test_timex_offsets_always_slice_the_text(text, anchor):
    previous_end = 0
    for t in find_times(text, anchor):
        assert text[t.start : t.end] == t.text
        assert previous_end <= t.start < t.end
        previous_end = t.end


@settings(max_examples=100, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2050, 12, 31)), st.integers(1, 400))
def test_timex_days_ago_counts_back_from_the_anchor(anchor, days):
    t = only(f"It happened {days} days ago.", anchor=anchor)
    assert t.value == (anchor - timedelta(days=days)).isoformat()


@pytest.mark.parametrize("anchor", [date(1, 1, 1), date(9999, 12, 31)])
def test_timex_anchor_at_calendar_edges_gives_no_impossible_dates(anchor):
    text = "Yesterday, tomorrow, last year, next year, Christmas, the quarter, 2024 years ago."
    for t in find_times(text, anchor):
        assert text[t.start : t.end] == t.text
        assert t.value[:4].isdigit() and len(t.value.split("-")[0]) == 4


def test_timex_passive_after_future_cue_looks_ahead():
    """ "is expected to be signed on Wednesday" is a plan: the coming Wednesday."""
    [found] = [
        t
        for t in find_times("The treaty is expected to be signed on Wednesday.", date(2025, 5, 12))
        if t.text == "Wednesday"
    ]
    assert found.value == "2025-05-14"


def test_timex_wire_clock_time_is_not_a_year():
    assert [text for text, _ in values("The storm hit at 1200 GMT on Friday.")] == ["Friday"]
    assert "0630" not in [text for text, _ in values("Police arrived at 0630 hours.")]
    assert ("1998", "1998") in values("In 1998 the storm hit the coast.")
    assert values("The North sent over 1000 containers.") == []  # a count, not the year 1000


def test_timex_not_expected_until_a_weekday_is_ahead():
    # June 18, 2024 is a Tuesday: "not expected until Saturday" is the coming one
    assert values("First official results are not expected until Saturday.") == [("Saturday", "2024-06-22")]


def test_timex_a_model_year_is_not_a_time():
    assert values("The suspect drove a 1987 Nissan truck.") == []
    assert values("an 1890 Winchester rifle was found") == []
    assert ("1995", "1995") in values("In a 1995 Supreme Court ruling, the law was struck down.")


def test_timex_a_weekday_opening_a_name_is_no_day():
    anchor = date(1999, 12, 15)
    assert [t.text for t in find_times("He sold comics to The Saturday Evening Post.", anchor)] == []
    assert [t.text for t in find_times("the Sunday Times reported it", anchor)] == []
    assert [t.text for t in find_times("The Saturday meeting was cancelled.", anchor)] == ["Saturday"]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Calloway emerged as the candidate with the best chance of winning the presidency in March.", "2025-03"),
        ("The party hopes to win the vote in March.", "2025-03"),
        ("Calloway won the vote in March.", "2024-03"),
    ],
)
def test_timex_a_month_someone_has_a_chance_or_hopes_to_act_in_is_ahead(sentence, value):
    assert only(sentence).value == value


def test_timex_named_days_and_weekdays_counted_in_a_month_are_not_this_weeks_days():
    assert values("Victories here led to sweeps in the Super Tuesday primaries.") == []
    assert values("Shoppers crowded the malls on Black Friday.") == []
    found = values("No state may vote before the first Tuesday in March.")
    assert all(not value.startswith("2024-06") for _, value in found), found
    assert values("The primaries end Tuesday.") == [("Tuesday", "2024-06-18")]


def test_timex_a_holiday_naming_a_kind_of_thing_is_not_a_day():
    assert values("A gunman opened fire at an office Christmas party on Friday.") == [("Friday", "2024-06-14")]
    assert values("Christmas shoppers returned to the centre.") == []
    assert [text for text, _ in values("The store will close on Christmas Day.")] == ["Christmas Day"]
