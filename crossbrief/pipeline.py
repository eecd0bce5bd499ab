"""The orchestrator: runs the stages in order and hands records to the store.

Stages stay pure; this module is where files, models, the store and progress meet.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .errors import InputRejected, NoArticleText, ProcessingFailed, TextTooLong
from .models import identify_language, spacy_pipeline
from .records import Article, RawDocument, Rejection, content_hash
from .stages import clean, ingest, sentences
from .store import Store

# Below this many files, starting worker processes (~2 s each) costs more than it saves.
PARALLEL_MIN_FILES = 200

# spaCy refuses longer texts (its max_length), and no news article comes near this:
# more is a dump or a file of many articles.
MAX_ARTICLE_CHARS = 1_000_000

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


def rejection_of(error: InputRejected) -> Rejection:
    return Rejection(source=error.source, reason=error.reason, code=error.code, message=str(error))


def build_article(raw: RawDocument, settings: Settings, parser: sentences.Parser) -> Article:
    """clean → language → sentences (and entity spans, when the parser has NER) for one
    document. Raises NoArticleText when too short."""
    if len(raw.text) > MAX_ARTICLE_CHARS:
        raise TextTooLong(raw.source, f"{len(raw.text):,} characters of text, more than any news article "
                          f"(limit {MAX_ARTICLE_CHARS:,})", "split it into articles, e.g. JSON Lines, one per line")
    # 1. clean
    cleaned = clean.clean(raw.text)
    words = len(cleaned.text.split())
    if words < settings.min_words:
        raise NoArticleText(
            raw.source,
            f"only {words} words of article text after cleaning (minimum {settings.min_words})",
            "check it is an article, or lower min_words",
        )
    # 2. language (stored, never a reason to reject)
    language = identify_language(cleaned.text)
    # 3. sentences, with the named entities the same parser pass found
    split, entities = sentences.parse_text(cleaned.text, cleaned.headings, parser)
    digest = content_hash(raw.title, cleaned.text)
    metadata = {k: v for k, v in {"section": raw.section, "dateline": cleaned.dateline,
                                  "published_from": raw.published_from}.items() if v}
    return Article(
        id=raw.id or f"h{digest[:15]}",
        content_hash=digest,
        format=raw.format,
        source=raw.source,
        text=cleaned.text,
        sentences=split,
        language=language,
        title=raw.title,
        outlet=raw.outlet,
        author=raw.author or cleaned.author,
        url=raw.url,
        path=raw.path,
        published=raw.published,
        removed=cleaned.removed,
        metadata=metadata,
        entities=entities if getattr(parser, "has_ner", False) else None,
    )


def read_file(path: Path, settings: Settings, content: tuple[bytes, int] | None = None) -> list[Article | Rejection]:
    """Every article in one file, built, or the rejection of each item that failed
    (``content``: its bytes and size, when read already).

    Runs in worker processes too, so it returns plain records, never exceptions.
    """
    # NER runs here, per article, in the ingest workers: tok2vec is shared with the
    # sentence recogniser, and a brief of stored articles need not parse them again.
    parser = sentences.spacy_parser(spacy_pipeline(ner=True))
    results: list[Article | Rejection] = []
    try:
        for item in ingest.read_path(path, settings.max_bytes, settings.date_order, content):
            try:
                if isinstance(item, InputRejected):
                    raise item
                results.append(build_article(item, settings, parser))
            except InputRejected as error:
                results.append(rejection_of(error))
            except Exception as error:  # one broken article never stops a batch
                results.append(rejection_of(_failed(item.source, error)))
    except Exception as error:  # a reader that broke part way: the file's other items are kept
        results.append(rejection_of(_failed(str(path), error)))
    return results


def _failed(source: str, error: Exception) -> ProcessingFailed:
    return ProcessingFailed(source, f"could not be processed ({type(error).__name__}: {str(error)[:200]})",
                            "the rest of the batch went in; please report this file")


def fingerprint(path: Path, settings: Settings) -> str | None:
    """What decides the articles a file gives: its bytes, the reading settings and this
    crossbrief's version (None for a file too large or unreadable: it is read as usual)."""
    from . import __version__

    try:
        if path.stat().st_size > settings.max_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    key = f"{__version__}|{settings.max_bytes}|{settings.min_words}|{settings.date_order}|".encode()
    return hashlib.sha1(key + data).hexdigest()


def _parallel(files: list[Path], settings: Settings) -> Iterator[list[Article | Rejection]]:
    """read_file over a process pool, in input order; each worker loads the models once."""
    context = multiprocessing.get_context("spawn")  # fork + spaCy threads can deadlock
    with ProcessPoolExecutor(settings.workers, mp_context=context) as pool:
        yield from pool.map(read_file, files, [settings] * len(files), chunksize=8)


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
        prints[str(path)] = fingerprint(path, settings)
        known = store.known_input(str(path), prints[str(path)]) if prints[str(path)] else None
        if known is None:
            files.append(path)
        for article in known or ():
            if _file_of(article.source, {str(path)}) == str(path):
                report.unchanged.append(article)
            else:  # it was the duplicate of an article from another file
                report.duplicates.append(Duplicate(str(path), article.id))
                report.originals.append(article)
    results: Iterable[tuple[int, list[Article | Rejection]]]
    if settings.engine == "dask":
        results = _on_cluster(files, store, settings)
    elif settings.workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        results = enumerate(_parallel(files, settings), start=1)
    else:
        results = enumerate((read_file(path, settings) for path in files), start=1)
    for done, items in results:
        for item in items:
            if isinstance(item, Rejection):
                _reject(store, report, item)
            else:
                _store(store, report, item)
        if progress:
            progress(done, len(files))
    _remember_inputs(store, report, prints, {str(f) for f in files})
    return report


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


def _on_cluster(files: list[Path], store: Store, settings: Settings) -> Iterator[tuple[int, list[Article | Rejection]]]:
    """Batches built and embedded on a Dask cluster; their sentence vectors go to the store."""
    from .scaleout import map_files
    from .store.vectors import VectorCache

    vectors = VectorCache(store)
    for done, (items, batch_vectors) in map_files(files, settings):
        vectors.put_many(batch_vectors)
        yield done, items
