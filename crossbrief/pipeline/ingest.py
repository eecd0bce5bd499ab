"""Ingest: files in, articles stored, every input in exactly one outcome.

1. discover   paths, folders and globs → files; a path matching nothing is a rejection
2. skip       files read before with the same fingerprint: their stored articles
3. read       stages 1–3 per file (``read.py``) on the chosen engine (``engines.py``)
4. store      one article per transaction: added, updated, unchanged or duplicate;
              each rejection recorded
5. remember   the fingerprints of the files wholly read, for the next ingest
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..records import Article, Rejection
from ..stages import ingest
from ..store import Store
from . import engines
from .read import fingerprint, rejection_of

# Called after each file with (files done, files in all).
ProgressHook = Callable[[int, int], None]


@dataclass(frozen=True)
class Duplicate:
    """An input that is an article already stored from another source (same title, text
    and outlet): counted, named, not stored twice."""

    source: str
    of: str


@dataclass
class IngestReport:
    """What one ingest call did: every input in exactly one outcome."""

    added: list[Article] = field(default_factory=list)
    updated: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    originals: list[Article] = field(default_factory=list)  # the stored articles the duplicates repeat

    @property
    def articles(self) -> list[Article]:
        """The articles these inputs stand for (a duplicate's original once)."""
        found = {a.id: a for a in self.added + self.updated + self.unchanged}
        for original in self.originals:
            found.setdefault(original.id, original)
        return list(found.values())

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.duplicates)} duplicate{'' if len(self.duplicates) == 1 else 's'}, "
            f"{len(self.rejected)} rejected"
        )


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    progress: ProgressHook | None = None,
) -> IngestReport:
    """Read, clean, split and store every article under ``paths``; one article per transaction.

    A bad file or line, or a path that matches nothing, becomes a rejection (stored, and
    returned); the batch goes on. A file read before with the same fingerprint is not
    parsed again: its stored articles count as unchanged. Large batches are read by
    ``settings.workers`` processes, or every batch on a Dask cluster when
    ``settings.engine`` is "dask"; the store has one writer.
    """
    found, missing = ingest.discover(paths)
    report = IngestReport()
    for error in missing:
        _reject(store, report, rejection_of(error))
    prints: dict[str, str | None] = {}
    files = []
    for path in (f for f in found if not store.owns(f)):
        print_ = prints[str(path)] = fingerprint(path, settings)
        known = store.known_input(str(path), print_) if print_ else None
        if known is None:
            files.append(path)
        for article in known or ():
            if _file_of(article.source, {str(path)}) == str(path):
                report.unchanged.append(article)
            else:  # it was the duplicate of an article from another file
                report.duplicates.append(Duplicate(str(path), article.id))
                report.originals.append(article)
    for done, items in engines.run_reads(files, store, settings):
        for item in items:
            if isinstance(item, Rejection):
                _reject(store, report, item)
            else:
                _store(store, report, item)
        if progress:
            progress(done, len(files))
    _remember_inputs(store, report, prints, {str(f) for f in files})
    return report


@contextmanager
def scratch_store(articles: Iterable[Article]) -> Iterator[tuple[Store, dict[str, Article]]]:
    """A temporary SQLite store holding ``articles`` (read already) as ingest stores them,
    and each article's id → the article stored for it: itself, or the stored one it
    repeats (same title, text and outlet). Deleted on exit. For evaluations that run
    ingest's later steps (``assign_stories``, ``group_stories``) on articles they built."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "scratch.db") as store:
        yield store, {article.id: store.add_article(article)[1] for article in articles}


def _reject(store: Store, report: IngestReport, rejection: Rejection) -> None:
    store.add_rejection(rejection)
    report.rejected.append(rejection)


def _store(store: Store, report: IngestReport, article: Article) -> None:
    outcome, stored = store.add_article(article)
    if outcome == "duplicate":
        report.duplicates.append(Duplicate(article.source, stored.id))
        report.originals.append(stored)
    else:
        getattr(report, outcome).append(stored)


def _file_of(source: str, files: set[str]) -> str:
    """The input file of an item's source (``path``, ``path:line`` or ``path#entry``)."""
    if source in files:
        return source
    for mark in (":", "#"):
        head = source.rpartition(mark)[0]
        if head in files:
            return head
    return source


def _remember_inputs(store: Store, report: IngestReport, prints: dict[str, str | None], read: set[str]) -> None:
    """Record each file read now and wholly accepted, so the next ingest skips it."""
    broken = {_file_of(r.source, read) for r in report.rejected}
    ids: dict[str, list[str]] = {path: [] for path in read - broken}
    for article in report.added + report.updated + report.unchanged:
        path = _file_of(article.source, read)
        if path in ids:
            ids[path].append(article.id)
    for duplicate in report.duplicates:
        path = _file_of(duplicate.source, read)
        if path in ids:
            ids[path].append(duplicate.of)
    for path, article_ids in ids.items():
        if (print_ := prints.get(path)) and article_ids:
            store.record_input(path, print_, article_ids)
