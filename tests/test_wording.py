"""Counts a user reads say "1 story", "2 stories"."""

from crossbrief.wording import plural


def test_wording_plural_counts():
    assert [plural(n, "story", "stories") for n in (0, 1, 2)] == ["0 stories", "1 story", "2 stories"]
    assert plural(1, "independent source") == "1 independent source"
    assert plural(21, "article") == "21 articles"


def test_wording_undated_note_says_how_many_and_what_dates_were_read_against():
    from crossbrief.wording import undated_note

    assert undated_note(["2024-06-18", "2024-06-19"]) is None
    some = undated_note(["2024-06-18", None, None])
    assert (
        some is not None and some.startswith("2 of 3 articles carry no publication date") and "dated articles" in some
    )
    none = undated_note([None, None])
    assert none is not None and none.startswith("None of the 2 articles") and "estimate" in none


def test_wording_outlet_note_says_which_counts_may_be_high():
    from crossbrief.wording import fact_sources, outlet_note

    assert outlet_note({"independent_sources": 3, "sources_without_outlet": 0}) is None
    assert outlet_note({"independent_sources": 1, "sources_without_outlet": 1}) is None  # one source cannot be high
    some = outlet_note({"independent_sources": 4, "sources_without_outlet": 3})
    assert some is not None and some.startswith("3 of the 4 independent sources name no outlet") and "too high" in some
    one = outlet_note({"independent_sources": 4, "sources_without_outlet": 1})
    assert one is not None and one.startswith("1 of the 4 independent sources names no outlet and credits")
    every = outlet_note({"independent_sources": 5, "sources_without_outlet": 5})
    assert every is not None and every.startswith("None of the 5 independent sources names an outlet")
    assert fact_sources(3, 4, 2) == ("3 independent sources", "4 articles; 2 sources name no outlet")
    assert fact_sources(2, 3, 1) == ("2 independent sources", "3 articles; 1 source names no outlet")
    assert fact_sources(2, 2) == ("2 independent sources", "2 articles")
