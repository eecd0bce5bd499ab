"""Schema migrations, applied in order; ``PRAGMA user_version`` records the last one.

Never edit a shipped migration: append a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, sentences with full-text search, rejections
    """
    CREATE TABLE articles (
        id            TEXT PRIMARY KEY,
        content_hash  TEXT NOT NULL,
        format        TEXT NOT NULL,
        source        TEXT NOT NULL,
        title         TEXT,
        outlet        TEXT,
        author        TEXT,
        url           TEXT,
        path          TEXT,
        published     TEXT,
        language      TEXT NOT NULL,
        words         INTEGER NOT NULL,
        text          TEXT NOT NULL,
        removed       TEXT NOT NULL DEFAULT '[]',
        origin        TEXT,
        metadata      TEXT NOT NULL DEFAULT '{}',
        ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_hash ON articles(content_hash);

    CREATE TABLE sentences (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        heading     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;

    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, article_id UNINDEXED, idx UNINDEXED, tokenize = 'porter unicode61'
    );

    CREATE TABLE rejections (
        source      TEXT NOT NULL,
        reason      TEXT NOT NULL,
        code        TEXT NOT NULL,
        message     TEXT NOT NULL,
        first_seen  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        last_seen   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        times       INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (source, code)
    );
    """,
    # 2: sentence vectors (cache by text hash), per-sentence extractions, stories
    """
    CREATE TABLE sentence_vectors (
        key     TEXT PRIMARY KEY,
        dim     INTEGER NOT NULL,
        vector  BLOB NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE sentence_extractions (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        anchor      TEXT,
        data        TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;

    CREATE TABLE stories (
        id          TEXT PRIMARY KEY,
        title       TEXT,
        updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );

    CREATE TABLE story_articles (
        article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id    TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    """,
    # 3: finished briefings, so pages and the API serve them without recomputing
    """
    CREATE TABLE briefs (
        story_id      TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        articles_key  TEXT NOT NULL,
        document      TEXT NOT NULL,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    """,
    # 4: named-entity spans found at ingest (offsets within their sentence); articles.has_entities
    # says whether they were found (articles stored before this have none)
    """
    CREATE TABLE entity_spans (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        label       TEXT NOT NULL
    );
    CREATE INDEX entity_spans_article ON entity_spans(article_id);
    ALTER TABLE articles ADD COLUMN has_entities INTEGER NOT NULL DEFAULT 0;
    """,
    # 5: input files already read, by fingerprint (their bytes, the reading settings and the
    # crossbrief version), so ingesting them again does not parse them again
    """
    CREATE TABLE inputs (
        path         TEXT PRIMARY KEY,
        fingerprint  TEXT NOT NULL,
        article_ids  TEXT NOT NULL,
        read_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
