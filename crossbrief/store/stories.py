"""Stories in the store: which articles form which story, and each story's latest brief.

Functions over a Store rather than methods on it, so the SQLite module stays about
articles and the story tables can evolve on their own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Article, SentenceExtraction
from .sqlite import Store


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A line of the stories list."""

    id: str
    title: str
    articles: int
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    conflicts: int | None = None  # from the stored brief, when there is one

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "outlets": list(self.outlets),
            "first_published": self.first_published,
            "last_published": self.last_published,
            "conflicts": self.conflicts,
        }


def articles_key(article_ids: Iterable[str], hashes: Iterable[str]) -> str:
    """Identifies one version of a story's membership and texts (a stored brief is valid for it)."""
    pairs = sorted(zip(article_ids, hashes))
    return hashlib.sha1(json.dumps(pairs).encode()).hexdigest()


def members_key(articles: Sequence[Article]) -> str:
    """The ``articles_key`` of these articles as they are now."""
    return articles_key([a.id for a in articles], [a.content_hash for a in articles])


def story_members(store: Store, story_id: str) -> list[tuple[str, str]]:
    """(article id, content hash) of the story's articles as they are now."""
    rows = store.db.execute(
        "SELECT a.id, a.content_hash FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.story_id = ?",
        (story_id,),
    ).fetchall()
    return [(aid, digest) for aid, digest in rows]


def brief_state(store: Store, story_id: str) -> str:
    """ "current" (the stored brief was made from the story's articles as they are),
    "stale" (the story gained, lost or changed articles since) or "missing"."""
    row = store.db.execute("SELECT articles_key FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
    if row is None:
        return "missing"
    members = story_members(store, story_id)
    current = articles_key([m[0] for m in members], [m[1] for m in members])
    return "current" if row[0] == current else "stale"


def save_story(store: Store, story_id: str, title: str, article_ids: Sequence[str]) -> None:
    """Make ``article_ids`` the members of story ``story_id`` (moving them from other stories)."""
    with store.db:
        store.db.execute(
            "INSERT INTO stories (id, title) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            (story_id, title),
        )
        store.db.executemany(
            "INSERT INTO story_articles (article_id, story_id) VALUES (?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
            [(a, story_id) for a in article_ids],
        )
        store.db.execute("DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM story_articles)")


def clear_stories(store: Store) -> None:
    """Forget every story (before a batch re-clustering)."""
    with store.db:
        store.db.execute("DELETE FROM story_articles")
        store.db.execute("DELETE FROM stories")


def list_stories(store: Store) -> list[StoryRow]:
    """Every story, the most recently published first."""
    # Aggregate the members first, then count conflicts inside SQLite (JSON1): parsing a
    # 500-article brief in Python for a list line costs seconds.
    rows = store.db.execute(
        """WITH members AS (
               SELECT sa.story_id, count(a.id) AS n, group_concat(DISTINCT a.outlet) AS outlets,
                      min(a.published) AS first, max(a.published) AS last
               FROM story_articles sa JOIN articles a ON a.id = sa.article_id GROUP BY sa.story_id)
           SELECT s.id, s.title, m.n, m.outlets, m.first, m.last,
                  json_array_length(b.document, '$.conflicts')
           FROM stories s JOIN members m ON m.story_id = s.id LEFT JOIN briefs b ON b.story_id = s.id
           ORDER BY m.last IS NULL, m.last DESC, s.id"""
    ).fetchall()
    return [
        StoryRow(
            sid, title or sid, int(n), tuple(sorted(filter(None, (outlets or "").split(",")))), first, last, conflicts
        )
        for sid, title, n, outlets, first, last, conflicts in rows
    ]


def story_article_ids(store: Store, story_id: str) -> list[str]:
    return [
        r[0]
        for r in store.db.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", (story_id,)
        )
    ]


def story_articles(store: Store, story_id: str) -> list[Article]:
    """The story's articles (empty when there is no such story)."""
    return [a for a in (store.get_article(i) for i in story_article_ids(store, story_id)) if a is not None]


def members_since(store: Store, since: str | None, limit: int | None = None) -> list[tuple[str, str]]:
    """(article id, story id) of every placed article published on or after ``since``
    (all when None; undated ones always), in publication order: the stories still open.
    With ``limit``, only the last ``limit`` of them in that order (undated ones first)."""
    newest_first = store.db.execute(
        "SELECT a.id, sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id "
        "WHERE ? IS NULL OR a.published IS NULL OR a.published >= ? "
        "ORDER BY a.published IS NULL DESC, a.published DESC, a.id DESC LIMIT ?",
        (since, since, -1 if limit is None else limit),
    ).fetchall()
    return newest_first[::-1]


def story_of(store: Store, article_id: str) -> str | None:
    row = store.db.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def save_brief(store: Store, story_id: str, key: str, document: dict[str, Any]) -> None:
    with store.db:
        store.db.execute(
            "INSERT OR REPLACE INTO briefs (story_id, articles_key, document) VALUES (?, ?, ?)",
            (story_id, key, json.dumps(document, ensure_ascii=False)),
        )


def stored_brief(store: Store, story_id: str, key: str | None = None) -> dict[str, Any] | None:
    """The stored brief document of a story; None when absent or made for other articles."""
    row = store.db.execute("SELECT articles_key, document FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
    if row is None or (key is not None and row[0] != key):
        return None
    return json.loads(row[1])


def save_extractions(
    store: Store, extractions: Sequence[SentenceExtraction], anchors: dict[str, str] | None = None
) -> None:
    """What extraction found in each sentence (replacing what a previous brief stored)."""
    with store.db:
        store.db.executemany(
            "INSERT OR REPLACE INTO sentence_extractions (article_id, idx, anchor, data) VALUES (?, ?, ?, ?)",
            [
                (e.article, e.index, (anchors or {}).get(e.article), json.dumps(e.to_dict(), ensure_ascii=False))
                for e in extractions
            ],
        )


def stored_extractions(store: Store, article_id: str) -> dict[int, dict[str, Any]]:
    """Sentence index → what extraction found there, as last stored by a brief."""
    rows = store.db.execute("SELECT idx, data FROM sentence_extractions WHERE article_id = ?", (article_id,))
    return {int(idx): json.loads(data) for idx, data in rows}
