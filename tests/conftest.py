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


# After the last report, leave without the interpreter's teardown. In about half of the full
# runs since the suite began loading wordfreq's table, a native library's background thread
# aborted the process while C++ static objects were destroyed at exit ("terminate called
# without an active exception"), after every test had passed, turning a green run red. The
# exit status is pytest's own; only the teardown that follows it is skipped.
_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if _exit_status and not config.option.collectonly and config.pluginmanager.hasplugin("terminalreporter"):
        import os
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[-1])
