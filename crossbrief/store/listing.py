"""Read-only queries behind the web pages: stored briefs and their versions, story rows,
members and sentence texts, and pages of the articles list.

Functions over a Store, like :mod:`crossbrief.store.stories`, so the SQL stays in the
store package; the web (``crossbrief.web.queries``) shapes what they return into pages.
Nothing here writes.

    >>> store = Store(":memory:")
    >>> brief_version(store, "s-1") is None and story_title(store, "s-1") is None
    True
"""

from __future__ import annotations

from .sqlite import Store

BriefVersion = tuple[str, str, str]  # (story id, articles key, created at): changes with every save
StoryAggregate = tuple[str, str | None, int, str | None, str | None]  # id, title, articles, first, last published
# id, title, outlet, published, language, words, story id, story title (the last two None outside a story)
ArticleListRow = tuple[str, str | None, str | None, str | None, str, int, str | None, str | None]


# -- briefs ---------------------------------------------------------------------------------------


def brief_versions(store: Store) -> dict[str, BriefVersion]:
    """The version of every stored brief, by story id."""
    rows = store.db.execute("SELECT story_id, articles_key, created_at FROM briefs").fetchall()
    return {sid: (sid, key, created) for sid, key, created in rows}


def brief_version(store: Store, story_id: str) -> BriefVersion | None:
    """The version of the story's stored brief; None when it has none."""
    row = store.db.execute("SELECT articles_key, created_at FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
    return (story_id, row[0], row[1]) if row else None


def brief_version_and_text(store: Store, story_id: str) -> tuple[BriefVersion, str] | None:
    """The stored brief's version and JSON text, read together so a brief saved meanwhile
    cannot pair one version's key with another version's text."""
    row = store.db.execute(
        "SELECT articles_key, created_at, document FROM briefs WHERE story_id = ?", (story_id,)
    ).fetchone()
    return ((story_id, row[0], row[1]), str(row[2])) if row else None


def brief_text(store: Store, story_id: str) -> str | None:
    """The stored brief of a story as the JSON text it was saved as (no parsing)."""
    row = store.db.execute("SELECT document FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
    return str(row[0]) if row else None


# -- stories --------------------------------------------------------------------------------------


def story_outlets(store: Store) -> dict[str, set[str]]:
    """The outlets of each story's articles, by story id (stories without one are absent)."""
    outlets: dict[str, set[str]] = {}
    for sid, outlet in store.db.execute(
        "SELECT DISTINCT sa.story_id, a.outlet FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "WHERE a.outlet IS NOT NULL"
    ):
        outlets.setdefault(sid, set()).add(outlet)
    return outlets


def story_aggregates(store: Store) -> list[StoryAggregate]:
    """Every story with its article count and publication range, the most recently
    published first (undated stories last, then by id).

    Aggregates the articles without touching briefs, so a big brief is not copied once
    per article of its story.
    """
    rows = store.db.execute(
        """SELECT s.id, s.title, count(a.id), min(a.published), max(a.published)
           FROM stories s JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id
           GROUP BY s.id ORDER BY max(a.published) IS NULL, max(a.published) DESC, s.id"""
    ).fetchall()
    return [(sid, title, int(count), first, last) for sid, title, count, first, last in rows]


def story_title(store: Store, story_id: str) -> str | None:
    """The story's title (its id when it has none); None when there is no such story."""
    row = store.db.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
    return (row[0] or story_id) if row else None


def story_exists(store: Store, story_id: str) -> bool:
    return store.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None


def sentence_texts(store: Store, story_id: str, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Texts of the ``wanted`` (article, sentence) pairs among the story's articles."""
    if not wanted:
        return {}
    rows = store.db.execute(
        "SELECT s.article_id, s.idx, s.text FROM sentences s JOIN story_articles sa ON sa.article_id = s.article_id "
        "WHERE sa.story_id = ?",
        (story_id,),
    )
    return {(a, int(i)): t for a, i, t in rows if (a, int(i)) in wanted}


# -- articles -------------------------------------------------------------------------------------


def article_rows(store: Store, limit: int, offset: int) -> list[ArticleListRow]:
    """``limit`` articles from ``offset`` on, each with its story, the most recently
    published first. Undated articles come last (SQLite sorts NULL lowest), then by id so
    pages are stable.
    """
    rows = store.db.execute(
        """SELECT a.id, a.title, a.outlet, a.published, a.language, a.words, sa.story_id, s.title
           FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id LEFT JOIN stories s ON s.id = sa.story_id
           ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?""",
        (limit, offset),
    ).fetchall()
    return [
        (aid, title, outlet, published, language, int(words), story, s_title)
        for aid, title, outlet, published, language, words, story, s_title in rows
    ]
