"""Plain-text articles: a headline on the first line, then maybe a header block.

A header block is a few short lines between the headline and the body, one of them a
date, e.g.::

    Russia's Putin Arrives in North Korea for Summit with Kim Jong Un

    ICARO Media Group
    Politics
    18/06/2024 19h15

It becomes outlet, section and publication date, and is not body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ...records import RawDocument
from .dates import parse_date_line

# A headline is short and does not end like a sentence (a question mark is allowed).
HEADLINE_MAX_WORDS = 20
HEADER_LINE_MAX_WORDS = 8
HEADER_MAX_LINES = 5
_SENTENCE_END = re.compile(r"[.!:;,…]\s*$")
_BYLINE = re.compile(r"^\s*by\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:\s+and\s+.+)?)\s*$", re.I)
_SPLIT_ONE_LINE_HEADER = re.compile(r"\s+[/|·•]\s+")


@dataclass(frozen=True, slots=True)
class Header:
    outlet: str | None = None
    section: str | None = None
    author: str | None = None
    published: date | None = None


def looks_like_headline(line: str) -> bool:
    """Short, starts with a capital or digit, and does not end like a sentence."""
    words = line.split()
    return (
        0 < len(words) <= HEADLINE_MAX_WORDS
        and (line[:1].isupper() or line[:1].isdigit() or line[:1] in "\"“‘'")
        and not _SENTENCE_END.search(line)
    )


def parse_header_block(lines: list[str], date_order: str) -> Header | None:
    """Outlet/section/author/date from a block of short lines; None if it is not a header."""
    if len(lines) == 1 and _SPLIT_ONE_LINE_HEADER.search(lines[0]):
        lines = _SPLIT_ONE_LINE_HEADER.split(lines[0])
    published = None
    author = None
    names: list[str] = []
    for line in lines:
        if published is None and (found := parse_date_line(line, date_order)):
            published = found
        elif match := _BYLINE.match(line):
            author = match.group(1).strip()
        else:
            names.append(line.strip())
    if published is None:  # without a date, short lines are sub-headings or captions
        return None
    return Header(
        outlet=names[0] if names else None,
        section=names[1] if len(names) > 1 else None,
        author=author,
        published=published,
    )


def _paragraph_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the leading short lines, stopping at the first long one."""
    start = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if len(line.split()) > HEADER_LINE_MAX_WORDS or _SENTENCE_END.search(line):
            return [(start, i)] if start is not None else []
        if start is None:
            start = i
        if i - start >= HEADER_MAX_LINES + 3:  # blank lines allowed between header lines
            return []
    return []


def read_text(text: str, source: str, stem: str, date_order: str = "DMY") -> RawDocument:
    """Split a plain-text article into headline, header metadata and body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    title = None
    body_from = first
    rest_has_body = any(len(line.split()) > HEADLINE_MAX_WORDS for line in lines[first + 1 :])
    if looks_like_headline(lines[first].strip()) and rest_has_body:
        title = lines[first].strip()
        body_from = first + 1

    header = None
    runs = _paragraph_runs(lines[body_from:])
    if runs:
        start, end = runs[0]
        block = [line for line in lines[body_from + start : body_from + end] if line.strip()]
        if len(block) <= HEADER_MAX_LINES:
            header = parse_header_block(block, date_order)
            if header is not None:
                body_from += end

    body = "\n".join(lines[body_from:]).strip("\n")
    return RawDocument(
        source=source,
        format="text",
        text=body,
        id=stem,
        title=title,
        outlet=header.outlet if header else None,
        section=header.section if header else None,
        author=header.author if header else None,
        published=header.published if header else None,
        published_from="header" if header else None,
        path=source,
    )
