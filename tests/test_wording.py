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
