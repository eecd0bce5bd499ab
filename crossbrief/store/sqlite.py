"""SQLite store. One writer, many readers (WAL); one transaction per article.

>>> store = Store(":memory:")
>>> store.count_articles()
0
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import StoreError
from ..records import Article, EntitySpan, Rejection, Removal, Sentence
from .migrations import MIGRATIONS, SCHEMA_VERSION

_ARTICLE_COLUMNS = (
    "id, content_hash, format, source, title, outlet, author, url, path, published, "
    "language, words, text, removed, origin, metadata"
)
_INSERT_COLUMNS = 16


class Store:
    """Articles, sentences and rejections in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"{self.path}: cannot open as a crossbrief store ({err}); pass another --db file or move this one away"
            ) from err

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema version {version} is newer than this crossbrief "
                f"({SCHEMA_VERSION}); upgrade crossbrief"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.db:  # each migration all-or-nothing
                self.db.executescript(f"BEGIN; {MIGRATIONS[number]} PRAGMA user_version = {number + 1}; COMMIT;")

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def owns(self, path: Path) -> bool:
        """True for the store's own files (the database and its WAL), which are never input."""
        if self.path == ":memory:":
            return False
        mine = Path(self.path).resolve()
        return path.resolve() in {mine, mine.with_name(mine.name + "-wal"), mine.with_name(mine.name + "-shm")}

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------

    def _free_id(self, article: Article) -> str:
        """The article's id, or ``id~hash`` when another source already uses that id."""
        row = self.db.execute("SELECT source FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is None or row[0] == article.source:
            return article.id
        return f"{article.id}~{article.content_hash[:8]}"

    def _same_article(self, article: Article) -> str | None:
        """The id of a stored article from another source with the same title, text and
        outlet: the same article read twice. (The same text from another outlet is a
        syndicated copy, which a brief must see.)"""
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND source != ? AND outlet IS ? ORDER BY id LIMIT 1",
            (article.content_hash, article.source, article.outlet),
        ).fetchone()
        return str(row[0]) if row else None

    def add_article(self, article: Article) -> tuple[str, Article]:
        """Store an article with its sentences in one transaction.

        Returns ("added" | "updated" | "unchanged" | "duplicate", the article as stored).
        Same id and content: unchanged. Same source with new content: updated. The same
        article from another source (same title, text and outlet): duplicate, not stored
        again; the stored one is returned. A different source whose file name collides
        with a stored id gets ``id~hash``.
        """
        from dataclasses import replace

        article = replace(article, id=self._free_id(article))
        row = self.db.execute("SELECT content_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is not None and row[0] == article.content_hash:
            return "unchanged", article
        if row is None and (original := self._same_article(article)) is not None:
            stored = self.get_article(original)
            assert stored is not None
            return "duplicate", stored
        outcome = "added" if row is None else "updated"
        try:
            with self.db:
                if row is not None:
                    self._delete(article.id)
                self._insert(article)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: cannot write article {article.id} ({err}); check disk space") from err
        return outcome, article

    def _delete(self, article_id: str) -> None:
        self.db.execute("DELETE FROM entity_spans WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM sentences_fts WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM sentences WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def _insert(self, a: Article) -> None:
        removed = json.dumps([{"text": r.text, "reason": r.reason} for r in a.removed], ensure_ascii=False)
        self.db.execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({', '.join('?' * _INSERT_COLUMNS)})",
            (
                a.id,
                a.content_hash,
                a.format,
                a.source,
                a.title,
                a.outlet,
                a.author,
                a.url,
                a.path,
                a.published.isoformat() if a.published else None,
                a.language,
                a.words,
                a.text,
                removed,
                a.origin,
                json.dumps(a.metadata, ensure_ascii=False),
            ),
        )
        rows = [(a.id, s.index, s.start, s.end, s.text, int(s.heading)) for s in a.sentences]
        self.db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany(
            "INSERT INTO sentences_fts (text, article_id, idx) VALUES (?, ?, ?)",
            [(s.text, a.id, s.index) for s in a.sentences],
        )
        if a.entities is not None:
            self.db.execute("UPDATE articles SET has_entities = 1 WHERE id = ?", (a.id,))
            self.db.executemany(
                "INSERT INTO entity_spans VALUES (?, ?, ?, ?, ?)",
                [(a.id, e.sentence, e.start, e.end, e.label) for e in a.entities],
            )

    def known_input(self, path: str, fingerprint: str) -> list[Article] | None:
        """The stored articles of an input file read before with this fingerprint; None when
        it must be read (new, changed, or one of its articles is gone)."""
        row = self.db.execute("SELECT fingerprint, article_ids FROM inputs WHERE path = ?", (path,)).fetchone()
        if row is None or row[0] != fingerprint:
            return None
        found = [self.get_article(i) for i in json.loads(row[1])]
        return None if any(a is None for a in found) else [a for a in found if a is not None]

    def record_input(self, path: str, fingerprint: str, article_ids: list[str]) -> None:
        """Remember that ``path``, with this fingerprint, gave these articles."""
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO inputs (path, fingerprint, article_ids) VALUES (?, ?, ?)",
                (path, fingerprint, json.dumps(article_ids)),
            )

    def add_rejection(self, rejection: Rejection) -> None:
        """Record a rejection; the same source and code seen again bumps its count."""
        with self.db:
            self.db.execute(
                """INSERT INTO rejections (source, reason, code, message) VALUES (?, ?, ?, ?)
                   ON CONFLICT (source, code) DO UPDATE SET message = excluded.message,
                   times = times + 1, last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""",
                (rejection.source, rejection.reason, rejection.code, rejection.message),
            )

    # -- reading ----------------------------------------------------------------------------

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def _article(self, row: tuple) -> Article:
        (
            aid,
            digest,
            fmt,
            source,
            title,
            outlet,
            author,
            url,
            path,
            published,
            language,
            _words,
            text,
            removed,
            origin,
            metadata,
        ) = row
        sentences = tuple(
            Sentence(idx, start, end, stext, bool(heading))
            for idx, start, end, stext, heading in self.db.execute(
                "SELECT idx, start, end, text, heading FROM sentences WHERE article_id = ? ORDER BY idx",
                (aid,),
            )
        )
        return Article(
            id=aid,
            content_hash=digest,
            format=fmt,
            source=source,
            text=text,
            sentences=sentences,
            language=language,
            title=title,
            outlet=outlet,
            author=author,
            url=url,
            path=path,
            published=date.fromisoformat(published) if published else None,
            removed=tuple(Removal(r["text"], r["reason"]) for r in json.loads(removed)),
            origin=origin,
            metadata=json.loads(metadata),
            entities=self._entities(aid),
        )

    def _entities(self, article_id: str) -> tuple[EntitySpan, ...] | None:
        flag = self.db.execute("SELECT has_entities FROM articles WHERE id = ?", (article_id,)).fetchone()
        if not flag or not flag[0]:
            return None
        rows = self.db.execute(
            "SELECT idx, start, end, label FROM entity_spans WHERE article_id = ? ORDER BY idx, start", (article_id,)
        )
        return tuple(EntitySpan(*row) for row in rows)

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def articles(self) -> Iterator[Article]:
        """All articles, oldest publication first, undated last, then by id."""
        rows = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY published IS NULL, published, id"
        ).fetchall()
        for row in rows:
            yield self._article(row)

    def rejections(self) -> list[Rejection]:
        rows = self.db.execute("SELECT source, reason, code, message FROM rejections ORDER BY source").fetchall()
        return [Rejection(*row) for row in rows]

    def search_sentences(self, query: str, limit: int = 50) -> list[tuple[str, int, str]]:
        """(article id, sentence index, text) of sentences matching an FTS5 query."""
        try:
            rows = self.db.execute(
                "SELECT article_id, idx, text FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:
            raise StoreError(f"search {query!r}: not a valid full-text query ({err}); quote phrases") from err
        return [(a, int(i), t) for a, i, t in rows]
