"""Stage 1, ingest: find input files and read each into RawDocuments.

The only stage that reads files. Each input item becomes a ``RawDocument`` or an
``InputRejected`` error value (never an exception that stops the batch):

    1. discover   paths, folders (recursive) and globs → files, in a stable order
    2. guard      size limit, empty, binary, encoding
    3. sniff      format from the extension, else from the first bytes
    4. read       the format's reader: text, html, jsonl, feed
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from ...errors import (
    BinaryInput,
    EmptyInput,
    InputRejected,
    InputTooLarge,
    MissingInput,
    UndecodableInput,
    UnreadableInput,
)
from ...records import RawDocument, SourceFormat
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text

__all__ = ["discover", "read_path", "sniff_format"]

EXTENSIONS: dict[str, SourceFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
# Share of control bytes (other than whitespace) above which a file is binary.
BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


def discover(paths: Iterable[str]) -> tuple[list[Path], list[MissingInput]]:
    """Files named by paths, folders (recursive, hidden entries skipped) and globs, and a
    MissingInput for each path that matches nothing (a typo is said, not a silent no-op,
    and does not stop the other paths)."""
    found: dict[Path, None] = {}
    missing: list[MissingInput] = []
    for raw in paths:
        candidates = [Path(p) for p in sorted(glob.glob(raw, recursive=True))] if glob.has_magic(raw) else [Path(raw)]
        if not candidates or not all(c.exists() for c in candidates):
            missing.append(MissingInput(raw, "no such file, folder or glob match", "check the path"))
            continue
        for candidate in candidates:
            if candidate.is_dir():
                for child in sorted(candidate.rglob("*")):
                    hidden = any(part.startswith(".") for part in child.relative_to(candidate).parts)
                    if child.is_file() and not hidden:
                        found[child] = None
            elif candidate.is_file():
                found[candidate] = None
    return list(found), missing


def sniff_format(path: Path, head: bytes) -> SourceFormat:
    """The reader to use: the extension decides, else the first bytes."""
    by_extension = EXTENSIONS.get(path.suffix.lower())
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if by_extension == "feed" or start.startswith(b"<?xml"):
        # .xml is ambiguous: XHTML pages start with <?xml too; the root element decides.
        if b"<html" in start:
            return "html"
        if b"<rss" in start or b"<feed" in start or b"<rdf" in start or by_extension == "feed":
            return "feed"
        return "html"
    if by_extension:
        return by_extension
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _guard(path: Path, data: bytes, size: int, max_bytes: int) -> None:
    source = str(path)
    if size > max_bytes:
        raise InputTooLarge(
            source,
            f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit",
            "split it, or raise the limit with --max-bytes",
        )
    if not data.strip():
        raise EmptyInput(source, "empty file", "remove it or write the article into it")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if b"\x00" in head or controls > BINARY_CONTROL_SHARE * len(head):
        raise BinaryInput(
            source,
            "binary file, not text, HTML, JSON Lines or a feed",
            "pass article files (PDFs, images and archives are not read)",
        )


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UndecodableInput(
            str(path),
            f"byte 0x{data[err.start]:02x} at offset {err.start} is not UTF-8",
            "convert the file to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
        ) from err


def read_path(
    path: Path, max_bytes: int, date_order: str = "DMY", content: tuple[bytes, int] | None = None
) -> Iterator[RawDocument | InputRejected]:
    """Every article in one file, or the reasons it could not be read.

    ``content``: the file's bytes and size when the caller read them already (a cluster
    worker gets them as task data; the file may not exist where it runs). Bytes are
    empty for a file over ``max_bytes``.
    """
    try:
        if content is not None:
            data, size = content
        else:
            size = path.stat().st_size
            data = b"" if size > max_bytes else path.read_bytes()
        _guard(path, data, size, max_bytes)
        fmt = sniff_format(path, data[:1024])
        if fmt == "html":
            yield read_html(data, str(path), path.stem)
        elif fmt == "feed":
            yield from read_feed(data, str(path), path.stem)
        elif fmt == "jsonl":
            yield from read_jsonl(_decode(path, data), str(path))
        else:
            yield read_text(_decode(path, data), str(path), path.stem, date_order)
    except InputRejected as rejected:
        yield rejected
    except OSError as err:
        yield UnreadableInput(str(path), f"cannot be read ({err.strerror})", "check its permissions")
