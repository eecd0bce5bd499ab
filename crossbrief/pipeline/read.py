"""Stages 1–3 for one file: ingest → clean → language → sentences (with NER).

Pure of the store: ``read_file`` returns records (articles, or the rejection of each item
that failed), so it runs alike in this process, in worker processes and on Dask workers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..config import Settings
from ..errors import InputRejected, NoArticleText, ProcessingFailed, TextTooLong
from ..models import identify_language, spacy_pipeline
from ..records import Article, RawDocument, Rejection, content_hash
from ..stages import clean, ingest, sentences

# spaCy refuses longer texts (its max_length), and no news article comes near this:
# more is a dump or a file of many articles.
MAX_ARTICLE_CHARS = 1_000_000


def rejection_of(error: InputRejected) -> Rejection:
    return Rejection(source=error.source, reason=error.reason, code=error.code, message=str(error))


def build_article(raw: RawDocument, settings: Settings, parser: sentences.Parser) -> Article:
    """clean → language → sentences (and entity spans, when the parser has NER) for one
    document. Raises NoArticleText when too short."""
    if len(raw.text) > MAX_ARTICLE_CHARS:
        raise TextTooLong(
            raw.source,
            f"{len(raw.text):,} characters of text, more than any news article (limit {MAX_ARTICLE_CHARS:,})",
            "split it into articles, e.g. JSON Lines, one per line",
        )
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
    metadata = {
        k: v
        for k, v in {"section": raw.section, "dateline": cleaned.dateline, "published_from": raw.published_from}.items()
        if v
    }
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
    return ProcessingFailed(
        source,
        f"could not be processed ({type(error).__name__}: {str(error)[:200]})",
        "the rest of the batch went in; please report this file",
    )


def fingerprint(path: Path, settings: Settings) -> str | None:
    """What decides the articles a file gives: its bytes, the reading settings and this
    crossbrief's version (None for a file too large or unreadable: it is read as usual)."""
    from ..version import __version__

    try:
        if path.stat().st_size > settings.max_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    key = f"{__version__}|{settings.max_bytes}|{settings.min_words}|{settings.date_order}|".encode()
    return hashlib.sha1(key + data).hexdigest()
