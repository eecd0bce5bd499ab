"""The orchestrator: runs the stages in order and hands records to the store.

Stages stay pure; this module is where files, models, the store and progress meet.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .errors import InputRejected, NoArticleText
from .models import identify_language, spacy_pipeline
from .records import Article, RawDocument, Rejection, content_hash
from .stages import clean, ingest, sentences
from .store import Store

# Below this many files, starting worker processes (~2 s each) costs more than it saves.
PARALLEL_MIN_FILES = 200

# Called after each file with (files done, files in all).
ProgressHook = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What one ingest call did: counts by outcome, the articles, and the rejections."""

    added: list[Article] = field(default_factory=list)
    updated: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return self.added + self.updated + self.unchanged

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.rejected)} rejected"
        )


def rejection_of(error: InputRejected) -> Rejection:
    return Rejection(source=error.source, reason=error.reason, code=error.code, message=str(error))


def build_article(raw: RawDocument, settings: Settings, parser: sentences.Parser) -> Article:
    """clean → language → sentences (and entity spans, when the parser has NER) for one
    document. Raises NoArticleText when too short."""
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


def read_file(path: Path, settings: Settings) -> list[Article | Rejection]:
    """Every article in one file, built, or the rejection of each item that failed.

    Runs in worker processes too, so it returns plain records, never exceptions.
    """
    # NER runs here, per article, in the ingest workers: tok2vec is shared with the
    # sentence recogniser, and a brief of stored articles need not parse them again.
    parser = sentences.spacy_parser(spacy_pipeline(ner=True))
    results: list[Article | Rejection] = []
    for item in ingest.read_path(path, settings.max_bytes, settings.date_order):
        try:
            if isinstance(item, InputRejected):
                raise item
            results.append(build_article(item, settings, parser))
        except InputRejected as error:
            results.append(rejection_of(error))
    return results


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

    A bad file or line becomes a rejection (stored, and returned); the batch goes on.
    Large batches are read by ``settings.workers`` processes, or every batch on a Dask
    cluster when ``settings.engine`` is "dask"; the store has one writer.
    Raises UsageError only when a path does not exist at all.
    """
    files = [f for f in ingest.discover(paths) if not store.owns(f)]
    results: Iterable[tuple[int, list[Article | Rejection]]]
    if settings.engine == "dask":
        results = _on_cluster(files, store, settings)
    elif settings.workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        results = enumerate(_parallel(files, settings), start=1)
    else:
        results = enumerate((read_file(path, settings) for path in files), start=1)
    report = IngestReport()
    for done, items in results:
        for item in items:
            if isinstance(item, Rejection):
                store.add_rejection(item)
                report.rejected.append(item)
            else:
                outcome, stored = store.add_article(item)
                getattr(report, outcome).append(stored)
        if progress:
            progress(done, len(files))
    return report


def _on_cluster(files: list[Path], store: Store, settings: Settings) -> Iterator[tuple[int, list[Article | Rejection]]]:
    """Batches built and embedded on a Dask cluster; their sentence vectors go to the store."""
    from .scaleout import map_files
    from .store.vectors import VectorCache

    vectors = VectorCache(store)
    for done, (items, batch_vectors) in map_files(files, settings):
        vectors.put_many(batch_vectors)
        yield done, items
