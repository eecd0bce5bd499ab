"""What the web pages read from the store: filtered story lists, search hits, brief text.

Read-only helpers over :class:`~crossbrief.store.Store`; the story tables themselves are
owned by :mod:`crossbrief.store.stories`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import StoreError
from ..store import Store, stories

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
        return {"q": self.q or None, "outlet": self.outlet or None,
                "from": self.since.isoformat() if self.since else None,
                "to": self.until.isoformat() if self.until else None, "conflicts": self.conflicts or None}


def parse_date(name: str, value: str | None) -> date | None:
    """A YYYY-MM-DD query parameter; empty means no filter."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as err:
        raise BadFilter(f"{name}={value!r} is not a date; use YYYY-MM-DD, e.g. {name}=2025-03-01") from err


def make_filters(q: str | None, outlet: str | None, since: str | None, until: str | None,
                 conflicts: str | None) -> StoryFilters:
    """Validated filters; raises BadFilter naming the parameter that is wrong."""
    conflicts = (conflicts or "").strip().lower()
    if conflicts in {"0", "no", "false"}:
        conflicts = ""
    if conflicts in {"1", "yes", "true", "on"}:
        conflicts = "any"
    if conflicts not in {"", "any", "hard"}:
        raise BadFilter(f"conflicts={conflicts!r}: use conflicts=any (at least one) or conflicts=hard")
    return StoryFilters((q or "").strip(), (outlet or "").strip(), parse_date("from", since),
                        parse_date("to", until), conflicts)


@dataclass
class StoryListing:
    """One story in the list, with its hard-conflict count and any search hits."""

    row: stories.StoryRow
    hard: int = 0
    hits: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**self.row.to_dict(), "hard_conflicts": self.hard, "url": f"/stories/{self.row.id}",
                "json": f"/stories/{self.row.id}.json", "matches": self.hits}


def hard_conflicts(store: Store) -> dict[str, int]:
    """Hard conflicts per stored brief, counted by SQLite's JSON functions."""
    rows = store.db.execute(
        "SELECT b.story_id, count(c.value) FROM briefs b LEFT JOIN json_each(b.document, '$.conflicts') c "
        "ON json_extract(c.value, '$.severity') = 'hard' GROUP BY b.story_id").fetchall()
    return {sid: int(n) for sid, n in rows}


def search_hits(store: Store, query: str) -> dict[str, list[dict[str, Any]]]:
    """Full-text hits grouped by story id, best first. Raises BadFilter for a bad FTS query."""
    try:
        found = store.search_sentences(query, limit=SEARCH_LIMIT)
    except StoreError as err:
        raise BadFilter(f"q={query!r} is not a valid search: put phrases in double quotes, "
                        "and avoid a lone - or *") from err
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


def story_listing(store: Store, f: StoryFilters) -> list[StoryListing]:
    """The stories that pass the filters; with a search, only stories with a hit, best first."""
    rows = stories.list_stories(store)
    hard = hard_conflicts(store)
    hits = search_hits(store, f.q) if f.q else {}
    kept = [StoryListing(r, hard.get(r.id, 0), hits.get(r.id, [])[:HITS_PER_STORY])
            for r in rows if _keep(r, hard.get(r.id, 0), f) and (not f.q or r.id in hits)]
    if f.q:
        rank = {sid: n for n, sid in enumerate(hits)}
        kept.sort(key=lambda s: rank[s.row.id])
    return kept


def all_outlets(rows: Iterable[stories.StoryRow]) -> list[str]:
    return sorted({o for r in rows for o in r.outlets})


def brief_text(store: Store, story_id: str) -> str | None:
    """The stored brief of a story as the JSON text it was saved as (no parsing)."""
    row = store.db.execute("SELECT document FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
    return str(row[0]) if row else None


def story_title(store: Store, story_id: str) -> str | None:
    row = store.db.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
    return (row[0] or story_id) if row else None


def story_exists(store: Store, story_id: str) -> bool:
    return store.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None


def sentence_texts(store: Store, story_id: str, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Texts of the ``wanted`` (article, sentence) pairs among the story's articles."""
    if not wanted:
        return {}
    rows = store.db.execute(
        "SELECT s.article_id, s.idx, s.text FROM sentences s JOIN story_articles sa ON sa.article_id = s.article_id "
        "WHERE sa.story_id = ?", (story_id,))
    return {(a, int(i)): t for a, i, t in rows if (a, int(i)) in wanted}
