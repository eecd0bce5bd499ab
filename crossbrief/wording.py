"""Words a user reads: counts with the right plural.

>>> plural(1, "story", "stories"), plural(3, "article")
('1 story', '3 articles')
"""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless the count is one."""
    return f"{count} {word if count == 1 else many or word + 's'}"
