"""SQLite store: schema version, atomic articles, full-text search, readers beside a writer."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from crossbrief.errors import StoreError
from crossbrief.records import Removal, Sentence, SentenceExtraction
from crossbrief.store import Store
from crossbrief.store.migrations import SCHEMA_VERSION

from .conftest import make_article as article_record


def make_article(aid="a1", text="The tanker was seized. Crew members were detained."):
    sentences = (Sentence(0, 0, 22, "The tanker was seized."), Sentence(1, 23, len(text), text[23:]))
    return article_record(
        aid,
        text,
        sentences,
        published=date(2025, 3, 4),
        removed=(Removal("Advertisement", "advertisement"),),
        path=f"{aid}.txt",
    )


def test_store_roundtrip_article(store):
    article = make_article()
    assert store.add_article(article) == ("added", article)
    assert store.get_article("a1") == article


def test_store_schema_version_and_wal(tmp_path):
    with Store(tmp_path / "s.db") as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_refuses_newer_schema(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError, match="upgrade crossbrief"):
        Store(path)


def test_store_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open as a crossbrief store"):
        Store(path)


def test_store_failed_write_leaves_no_half_article(store):
    article = make_article()
    broken = replace(article, sentences=article.sentences + (article.sentences[0],))  # duplicate key
    with pytest.raises(sqlite3.IntegrityError), store.db:
        store._insert(broken)
    assert store.count_articles() == 0
    assert store.db.execute("SELECT count(*) FROM sentences").fetchone()[0] == 0


def test_store_full_text_search(store):
    store.add_article(make_article())
    assert store.search_sentences("seize") == [("a1", 0, "The tanker was seized.")]  # porter stemming
    with pytest.raises(StoreError, match="full-text query"):
        store.search_sentences('"unbalanced')


def test_store_reader_sees_writer_commits(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as writer, Store(path) as reader:
        writer.add_article(make_article())
        assert reader.count_articles() == 1


def test_store_keeps_per_sentence_extractions(store):
    from crossbrief.records import EntityMention, Quantity
    from crossbrief.store.stories import save_extractions, stored_extractions

    store.add_article(make_article())
    found = SentenceExtraction(
        "a1",
        0,
        (EntityMention(4, 10, "tanker", "ORG", "Tanker"),),
        (Quantity(0, 2, "23", 23, 23, "exact", "crew"),),
        modality="hedged",
    )
    save_extractions(store, [found])
    assert stored_extractions(store, "a1") == {0: found.to_dict()}
