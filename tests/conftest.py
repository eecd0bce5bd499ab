"""Shared fixtures. Data under ../shared is read-only and optional: tests that need it skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from crossbrief.config import load_settings
from crossbrief.records import Article, Sentence, content_hash
from crossbrief.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"


def need(path: Path) -> Path:
    """Skip the test with a clear reason when shared data is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} not found: shared evaluation data lives in ../shared beside the repo")
    return path


@pytest.fixture
def settings(tmp_path):
    return load_settings(overrides={"db": tmp_path / "test.db"}, environ={})


@pytest.fixture
def store(settings):
    with Store(settings.db) as s:
        yield s


def make_article(aid: str, text: str, sentences: tuple[Sentence, ...] | None = None, **fields: object) -> Article:
    """A stored-article record for store and web tests: one sentence spanning the text
    unless ``sentences`` are given; other Article fields by keyword."""
    return Article(
        id=aid,
        content_hash=content_hash(text),
        format="text",
        source=f"{aid}.txt",
        text=text,
        sentences=sentences or (Sentence(0, 0, len(text), text),),
        language="en",
        **fields,  # type: ignore[arg-type]  # keyword fields of Article, checked when it is built
    )
