"""RSS and Atom feed files: each entry is an article."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date

from ...errors import EmptyInput, InputRejected, NoArticleText, UnparsableInput
from ...records import RawDocument
from .html import html_fragment_to_text

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def _entry_id(entry: dict, feed_stem: str) -> str | None:
    """The entry's guid when it is a usable id; else a stable hash of guid or link."""
    guid = (entry.get("id") or "").strip()
    if _SLUG.match(guid):
        return guid
    key = guid or (entry.get("link") or "").strip()
    if not key:
        return None  # the content hash names it
    return f"{feed_stem}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def _entry_date(entry: dict) -> date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None


def read_feed(data: bytes, source: str, stem: str) -> Iterator[RawDocument | InputRejected]:
    """One RawDocument per entry with text; rejections for a broken or empty feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            problem = f"not a readable RSS/Atom feed ({type(parsed.get('bozo_exception')).__name__})"
            yield UnparsableInput(source, problem, "check the file is a complete feed")
        else:
            yield EmptyInput(source, "feed has no entries", "fetch the feed again when it has items")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{number}"
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        body = html_fragment_to_text(body or entry.get("summary", "") or "")
        if not body.strip():
            yield NoArticleText(
                where, "feed entry has no text", "the feed carries only links; ingest the linked pages instead"
            )
            continue
        published = _entry_date(entry)
        yield RawDocument(
            source=where,
            format="feed",
            text=body,
            id=_entry_id(entry, stem),
            title=(entry.get("title") or "").strip() or None,
            outlet=outlet,
            author=(entry.get("author") or "").strip() or None,
            url=(entry.get("link") or "").strip() or None,
            path=where if not entry.get("link") else None,
            published=published,
            published_from="feed" if published else None,
        )
