"""What the web pages make of the store: filtered story lists, search hits, a story's
head (for the page shown while it is briefed) and the articles list.

The SQL is in :mod:`crossbrief.store.listing` (and the story tables are owned by
:mod:`crossbrief.store.stories`); this module parses filters, caches brief stats and
shapes rows into what the pages and their JSON twins show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from threading import Lock
from typing import Any
from urllib.parse import quote

from ..errors import StoreError
from ..store import Store, listing, stories
from ..store.listing import BriefVersion

SEARCH_LIMIT = 200  # sentences fetched per search; hits are then grouped by story
HITS_PER_STORY = 3  # sentences shown under each story in the list


class BadFilter(ValueError):
    """A filter value a person typed wrong; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """The stories list's filters, as given in the query string."""

    q: str = ""
    outlet: str = ""
    since: date | None = None  # the story was published on or after ("from")
    until: date | None = None  # on or before ("to")
    conflicts: str = ""  # "" any story, "any" with at least one conflict, "hard" with a hard one

    @property
    def active(self) -> bool:
        return bool(self.q or self.outlet or self.since or self.until or self.conflicts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "q": self.q or None,
            "outlet": self.outlet or None,
            "from": self.since.isoformat() if self.since else None,
            "to": self.until.isoformat() if self.until else None,
            "conflicts": self.conflicts or None,
        }


def parse_date(name: str, value: str | None) -> date | None:
    """A YYYY-MM-DD query parameter; empty means no filter."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as err:
        raise BadFilter(f"{name}={value!r} is not a date; use YYYY-MM-DD, e.g. {name}=2025-03-01") from err


def make_filters(
    q: str | None, outlet: str | None, since: str | None, until: str | None, conflicts: str | None
) -> StoryFilters:
    """Validated filters; raises BadFilter naming the parameter that is wrong."""
    conflicts = (conflicts or "").strip().lower()
    if conflicts in {"0", "no", "false"}:
        conflicts = ""
    if conflicts in {"1", "yes", "true", "on"}:
        conflicts = "any"
    if conflicts not in {"", "any", "hard"}:
        raise BadFilter(f"conflicts={conflicts!r}: use conflicts=any (at least one) or conflicts=hard")
    return StoryFilters(
        (q or "").strip(), (outlet or "").strip(), parse_date("from", since), parse_date("to", until), conflicts
    )


@dataclass
class StoryListing:
    """One story in the list, with its hard-conflict count and any search hits."""

    row: stories.StoryRow
    hard: int = 0
    hits: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        url = f"/stories/{quote(self.row.id, safe='')}"
        return {
            **self.row.to_dict(),
            "hard_conflicts": self.hard,
            "url": url,
            "json": f"{url}.json",
            "matches": self.hits,
        }


class BriefStats:
    """Conflict counts per stored brief version, so the list never re-reads big briefs.

    A 500-article brief is ~2 MB of JSON; counting its conflicts on every list request
    (in SQL or Python) costs far more than the rest of the page.
    """

    def __init__(self) -> None:
        self._lock, self._counts = Lock(), dict[BriefVersion, tuple[int, int]]()

    def counts(self, store: Store, version: BriefVersion) -> tuple[int, int]:
        """(conflicts, hard conflicts) of that brief version."""
        with self._lock:
            if version in self._counts:
                return self._counts[version]
        text = listing.brief_text(store, version[0])
        conflicts = json.loads(text)["conflicts"] if text else []
        found = (len(conflicts), sum(c.get("severity") == "hard" for c in conflicts))
        with self._lock:
            self._counts[version] = found
        return found


def story_rows(store: Store, stats: BriefStats) -> list[tuple[stories.StoryRow, int]]:
    """Every story with its hard-conflict count, the most recently published first.

    Like :func:`crossbrief.store.stories.list_stories`, but aggregates the articles before
    looking at briefs (:func:`crossbrief.store.listing.story_aggregates`), and counts
    conflicts once per brief version (``stats``).
    """
    outlets = listing.story_outlets(store)
    versions = listing.brief_versions(store)
    rows = []
    for sid, title, count, first, last in listing.story_aggregates(store):
        conflicts, hard = stats.counts(store, versions[sid]) if sid in versions else (None, 0)
        rows.append(
            (
                stories.StoryRow(sid, title or sid, count, tuple(sorted(outlets.get(sid, ()))), first, last, conflicts),
                hard,
            )
        )
    return rows


def search_hits(store: Store, query: str) -> dict[str, list[dict[str, Any]]]:
    """Full-text hits grouped by story id, best first. Raises BadFilter for a bad FTS query."""
    try:
        found = store.search_sentences(query, limit=SEARCH_LIMIT)
    except StoreError as err:
        raise BadFilter(
            f"q={query!r} is not a valid search: put phrases in double quotes, and avoid a lone - or *"
        ) from err
    grouped: dict[str, list[dict[str, Any]]] = {}
    for article, index, text in found:
        story = stories.story_of(store, article)
        if story is not None:
            grouped.setdefault(story, []).append({"article": article, "sentence": index, "text": text})
    return grouped


def _keep(row: stories.StoryRow, hard: int, f: StoryFilters) -> bool:
    if f.outlet and f.outlet not in row.outlets:
        return False
    if (f.since or f.until) and not (row.first_published and row.last_published):
        return False
    if f.since and row.last_published and row.last_published < f.since.isoformat():
        return False
    if f.until and row.first_published and row.first_published > f.until.isoformat():
        return False
    if f.conflicts == "any" and not row.conflicts:
        return False
    return not (f.conflicts == "hard" and not hard)


def story_listing(store: Store, f: StoryFilters, stats: BriefStats) -> tuple[list[StoryListing], list[str]]:
    """The stories that pass the filters (with a search, only stories with a hit, best
    first), and every outlet of the store for the filter menu."""
    rows = story_rows(store, stats)
    hits = search_hits(store, f.q) if f.q else {}
    kept = [
        StoryListing(r, hard, hits.get(r.id, [])[:HITS_PER_STORY])
        for r, hard in rows
        if _keep(r, hard, f) and (not f.q or r.id in hits)
    ]
    if f.q:
        rank = {sid: n for n, sid in enumerate(hits)}
        kept.sort(key=lambda s: rank[s.row.id])
    return kept, sorted({o for r, _ in rows for o in r.outlets})


@dataclass(frozen=True, slots=True)
class StoryHead:
    """What a page says about a story before its brief exists, and the key of its members
    as they are now (:func:`crossbrief.store.stories.articles_key`)."""

    id: str
    title: str
    articles: int
    key: str


def story_head(store: Store, story_id: str) -> StoryHead | None:
    """The story's title, article count and members key; None when there is no such story."""
    title = listing.story_title(store, story_id)
    if title is None:
        return None
    members = stories.story_members(store, story_id)
    key = stories.articles_key([m[0] for m in members], [m[1] for m in members])
    return StoryHead(story_id, title, len(members), key)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A line of the articles list, with the story the article is in (if any)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str
    words: int
    story: str | None
    story_title: str | None

    def to_dict(self) -> dict[str, Any]:
        url = f"/articles/{quote(self.id, safe='')}"
        story_url = f"/stories/{quote(self.story, safe='')}" if self.story else None
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "words": self.words,
            "url": url,
            "json": f"{url}.json",
            "story": self.story,
            "story_title": self.story_title,
            "story_url": story_url,
        }


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One page of the articles list: ``rows`` from ``offset`` on, of ``total`` stored."""

    total: int
    limit: int
    offset: int
    rows: list[ArticleRow]

    def link(self, path: str, offset: int) -> str:
        return f"{path}?limit={self.limit}&offset={offset}"

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    def to_dict(self, path: str = "/articles.json") -> dict[str, Any]:
        """Counts and the neighbouring pages' URLs (None at either end)."""
        nxt, prev = self.next_offset, self.previous_offset
        return {
            "total": self.total,
            "count": len(self.rows),
            "limit": self.limit,
            "offset": self.offset,
            "next": self.link(path, nxt) if nxt is not None else None,
            "previous": self.link(path, prev) if prev is not None else None,
        }


def article_listing(store: Store, limit: int, offset: int) -> ArticlePage:
    """``limit`` articles from ``offset`` on, the most recently published first
    (:func:`crossbrief.store.listing.article_rows`), and how many are stored."""
    total = store.count_articles()
    rows = listing.article_rows(store, limit, offset)
    return ArticlePage(
        total,
        limit,
        offset,
        [
            ArticleRow(aid, title, outlet, published, language, words, story, (s_title or story) if story else None)
            for aid, title, outlet, published, language, words, story, s_title in rows
        ],
    )
