"""Each article's anchor date: what its relative and year-less dates are read against."""

from __future__ import annotations

from datetime import date

from crossbrief.stages.extract.story import article_anchors

from .conftest import make_article


def test_anchor_is_the_publication_date_then_the_storys():
    dated = make_article("a", "The quake struck on Saturday.", published=date(2025, 4, 12))
    undated = make_article("b", "Rescuers searched the ruins on Sunday.")
    anchors = article_anchors([dated, undated])
    assert anchors == {"a": (date(2025, 4, 12), "publication"), "b": (date(2025, 4, 12), "story")}


def test_undated_story_borrows_a_day_another_article_mentions():
    names_day = make_article("a", "The bomb exploded on Aug. 7, 1998, outside the embassy.")
    names_none = make_article("b", "Investigators said the Sep. 7 raid found explosives.")
    anchors = article_anchors([names_day, names_none])
    assert anchors["a"] == (date(1998, 8, 7), "mentioned")
    assert anchors["b"] == (date(1998, 8, 7), "mentioned")  # before: no anchor, the Sep. 7 raid dropped


def test_undated_story_naming_only_a_year_reads_month_days_in_that_year():
    only_year = make_article("a", "The 1998 season ended with the Nov. 20 launch.")
    assert article_anchors([only_year])["a"] == (date(1998, 7, 1), "mentioned")
    assert article_anchors([make_article("b", "Nothing here is dated.")])["b"] == (None, "none")
