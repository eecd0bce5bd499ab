"""Shared fixtures. Data under ../shared is read-only and optional: tests that need it skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from crossbrief.config import load_settings
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
