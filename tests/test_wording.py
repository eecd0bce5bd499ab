"""Counts a user reads say "1 story", "2 stories"."""

from crossbrief.wording import plural


def test_wording_plural_counts():
    assert [plural(n, "story", "stories") for n in (0, 1, 2)] == ["0 stories", "1 story", "2 stories"]
    assert plural(1, "independent source") == "1 independent source"
    assert plural(21, "article") == "21 articles"
