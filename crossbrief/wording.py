"""Words a user reads: counts with the right plural, and notes both renderings share.

>>> plural(1, "story", "stories"), plural(3, "article")
('1 story', '3 articles')
"""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless the count is one."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def undated_note(published: list[str | None]) -> str | None:
    """What a reader must know when articles carry no publication date (None when all do):
    their "Tuesday" and "Sep. 7" were read against other dates, so the timeline is less sure.

    >>> undated_note(["2024-06-18", None]).split(":")[0]
    '1 of 2 articles carries no publication date'
    >>> undated_note(["2024-06-18"]) is None
    True
    """
    missing = sum(1 for p in published if not p)
    if not missing:
        return None
    if missing < len(published):
        its, carry = ("its", "carries") if missing == 1 else ("their", "carry")
        return (
            f"{missing} of {plural(len(published), 'article')} {carry} no publication date: {its} relative dates "
            '("Tuesday", "Sep. 7") were read against the story\'s dated articles.'
        )
    return (
        f"None of the {plural(len(published), 'article')} carries a publication date: relative dates "
        '("Tuesday", "Sep. 7") were read against the latest day, or else the year, the articles name; '
        "the timeline is an estimate."
    )
