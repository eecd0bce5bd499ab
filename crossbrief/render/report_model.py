"""What the HTML report shows, computed once from the brief contract dict.

The templates and the charts read this model, never the raw contract, so the rules
"which sentence does a citation show", "which articles count as one source" and
"how is a conflict laid out" live in one place:

    >>> from crossbrief.render.report_model import build_model
    >>> doc = {"story": {"id": "s1", "title": "T", "articles": 1, "independent_sources": 1,
    ...        "first_published": None, "last_published": None},
    ...        "articles": [{"id": "a", "title": "A title", "outlet": "Wire", "published": None,
    ...                      "language": "en", "words": 3, "removed": [], "origin": None}],
    ...        "summary": [{"text": "It happened.", "citations": [{"article": "a", "sentence": 2}]}],
    ...        "facts": [], "conflicts": [], "timeline": [], "derivations": [], "entities": [],
    ...        "unique_claims": []}
    >>> cite = build_model(doc).summary[0].cites[0]
    >>> cite.label, cite.text, cite.fallback
    ('A2', None, 'sentence 2 of “A title” (its text is not part of this briefing)')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from ..wording import disputed_note
from .markdown import article_keys

# (article id, sentence index) → sentence text
SentenceIndex = dict[tuple[str, int], str]
# builds the link to an article page for (article id, sentence index); None in a file report
ArticleHref = Callable[[str, int | None], str] | None

# Citation chips shown per line; the rest is a count (a fact 300 articles state would
# otherwise be a wall of chips). Independent articles come first. The JSON has them all.
MAX_CHIPS = 10
MAX_CLAIMS = 3  # claims quoted in full per value of a conflict
MAX_VALUES = 6  # values side by side in a conflict card (most-claimed first beyond that)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s); article metadata is untrusted (no ``javascript:``)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in {"http", "https"} else None


def human_date(value: str | None) -> str:
    """ "2025-03-04" → "4 Mar 2025", "2025-03" → "Mar 2025", "2001" → "2001"; None → "undated"."""
    if not value:
        return "undated"
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def period(value: str, precision: str) -> tuple[date, date] | None:
    """The calendar span an ISO date of ``precision`` covers: [first day, first day after)."""
    try:
        parts = [int(p) for p in value.split("-")]
        if precision == "year" or len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0] + 1, 1, 1)
        if precision == "month" or len(parts) == 2:
            year, month = parts[0] + parts[1] // 12, parts[1] % 12 + 1
            return date(parts[0], parts[1], 1), date(year, month, 1)
        start = date(parts[0], parts[1], parts[2])
        return start, start + timedelta(days=1)
    except (ValueError, IndexError, OverflowError):
        return None


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


@dataclass(frozen=True, slots=True)
class Source:
    """One article of the story, with its short key and what it derives from."""

    id: str
    key: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str
    words: int
    removed: tuple[str, ...]
    url: str | None  # http(s) only
    path: str | None
    origin: str | None = None  # article id this one copies, rewrites or translates
    origin_kind: str | None = None
    origin_share: float | None = None

    @property
    def name(self) -> str:
        return self.outlet or self.title or self.id

    @property
    def label(self) -> str:
        return f"{self.key} · {self.name}"


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation chip: sentence ``sentence`` of article ``article`` (shown as ``B7``)."""

    article: str
    sentence: int
    key: str
    text: str | None
    fallback: str  # what to show when the briefing does not carry the sentence text
    href: str  # where the chip points without JavaScript

    @property
    def label(self) -> str:
        return f"{self.key}{self.sentence}"


@dataclass(frozen=True, slots=True)
class Line:
    """A sentence of the briefing with its citations (summary lines, facts, events)."""

    text: str
    cites: tuple[Cite, ...]  # the chips shown (at most MAX_CHIPS)
    number: str = ""  # "F3", "E2": ties a list item to its row in a chart
    extra: Mapping[str, Any] = field(default_factory=dict)
    more: int = 0  # citations not shown as chips
    all_cites: tuple[Cite, ...] = ()  # every citation (the matrix needs them all)


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a conflict: the sentence split around the disputed value."""

    cite: Cite
    source: Source
    value: str
    parts: tuple[str, str, str]  # text before the value, the value as written, after
    attributed_to: str | None
    as_of: str | None
    derived_note: str | None  # "rewrite of A: not an independent source"


@dataclass(frozen=True, slots=True)
class ValueGroup:
    """Claims that give the same value, shown as one column of a conflict card: the first
    MAX_CLAIMS in full (independent first), the others as chips."""

    value: str
    claims: tuple[Claim, ...]  # shown in full
    others: tuple[Cite, ...] = ()  # shown as chips (at most MAX_CHIPS)
    total: int = 0
    independent: int = 0


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    kind: str
    subject: str
    severity: str
    explanation: str
    groups: tuple[ValueGroup, ...]
    more_values: int = 0  # value groups beyond MAX_VALUES


@dataclass
class ReportModel:
    """Everything the report template and the charts need."""

    document: dict[str, Any]
    story: dict[str, Any]
    sources: list[Source]
    by_id: dict[str, Source]
    sentences: SentenceIndex
    summary: list[Line]
    facts: list[Line]
    conflicts: list[Conflict]
    timeline: list[Line]
    unique: list[Line]
    entities: list[dict[str, Any]]
    echoed: int = 0  # facts stated only by one origin and its copies or rewrites (not listed)

    @property
    def hard(self) -> int:
        return sum(c.severity == "hard" for c in self.conflicts)

    @property
    def soft(self) -> int:
        return len(self.conflicts) - self.hard

    @property
    def derived(self) -> list[Source]:
        return [s for s in self.sources if s.origin]


def sentence_index(document: dict[str, Any], extra: Mapping[tuple[str, int], str] | None = None) -> SentenceIndex:
    """Every sentence text the brief carries (facts, conflicts, single-source claims)."""
    found: SentenceIndex = dict(extra or {})
    refs: list[dict[str, Any]] = [r for f in document["facts"] for r in f["support"]]
    refs += [c for conflict in document["conflicts"] for c in conflict["claims"]]
    refs += document["unique_claims"]
    for ref in refs:
        if ref.get("text"):
            found.setdefault((ref["article"], int(ref["sentence"])), ref["text"])
    return found


def _sources(document: dict[str, Any]) -> list[Source]:
    keys = article_keys(a["id"] for a in document["articles"])
    parent = {d["derived"]: d for d in document["derivations"]}
    sources = []
    for a in document["articles"]:
        d = parent.get(a["id"])
        origin = d["origin"] if d else a.get("origin")
        sources.append(
            Source(
                id=a["id"],
                key=keys[a["id"]],
                title=a.get("title"),
                outlet=a.get("outlet"),
                published=a.get("published"),
                language=a.get("language", "und"),
                words=int(a.get("words", 0)),
                removed=tuple(a.get("removed") or ()),
                url=safe_url(a.get("url")),
                path=a.get("path"),
                origin=origin if origin in keys else None,
                origin_kind=d["kind"] if d else None,
                origin_share=d["share"] if d else None,
            )
        )
    return sources


class _Citer:
    """Turns contract refs into Cite chips, filling sentence texts from the index."""

    def __init__(self, by_id: dict[str, Source], sentences: SentenceIndex, href: ArticleHref) -> None:
        self.by_id, self.sentences, self.href = by_id, sentences, href

    def __call__(self, ref: Mapping[str, Any]) -> Cite:
        aid, idx = str(ref["article"]), int(ref["sentence"])
        source = self.by_id.get(aid)
        key = source.key if source else "?"
        title = (source.title or source.name) if source else aid
        text = ref.get("text") or self.sentences.get((aid, idx))
        href = self.href(aid, idx) if self.href else f"#src-{key}"
        fallback = f"sentence {idx} of “{title}” (its text is not part of this briefing)"
        return Cite(aid, idx, key, text, fallback, href)

    def many(self, refs: Iterable[Mapping[str, Any]]) -> tuple[Cite, ...]:
        return tuple(self(r) for r in refs)

    def line(
        self, text: str, refs: Iterable[Mapping[str, Any]], number: str = "", extra: Mapping[str, Any] | None = None
    ) -> Line:
        """A line with its chips: independent articles first, at most MAX_CHIPS shown."""
        cites = self.many(refs)
        derived = {c.article for c in cites if (s := self.by_id.get(c.article)) and s.origin}
        ordered = sorted(cites, key=lambda c: c.article in derived)
        return Line(text, tuple(ordered[:MAX_CHIPS]), number, extra or {}, max(0, len(cites) - MAX_CHIPS), cites)


def _split_value(text: str, value: str) -> tuple[str, str, str]:
    """``text`` around the first case-insensitive occurrence of ``value`` (or of its head)."""
    lowered = text.casefold()
    for probe in (value, value.split(" of ")[0], value.split()[0] if value.split() else ""):
        at = lowered.find(probe.casefold()) if probe else -1
        if at >= 0:
            return text[:at], text[at : at + len(probe)], text[at + len(probe) :]
    return text, "", ""


def _conflict(c: dict[str, Any], cite: _Citer, by_id: dict[str, Source]) -> Conflict:
    groups: dict[str, list[Claim]] = {}
    shown: dict[str, str] = {}
    for raw in c["claims"]:
        ref = cite(raw)
        source = by_id.get(ref.article) or Source(ref.article, "?", None, None, None, "und", 0, (), None, None)
        origin = by_id.get(source.origin or "")
        note = f"{source.origin_kind} of {origin.key}: not an independent source" if origin else None
        value = str(raw.get("value") or "—")
        claim = Claim(
            ref, source, value, _split_value(ref.text or "", value), raw.get("attributed_to"), raw.get("as_of"), note
        )
        norm = " ".join(value.casefold().split())
        groups.setdefault(norm, []).append(claim)
        shown.setdefault(norm, value)
    ranked = sorted(groups, key=lambda k: -len(groups[k])) if len(groups) > MAX_VALUES else list(groups)
    return Conflict(
        c["id"],
        c["kind"],
        c["subject"],
        c["severity"],
        c["explanation"],
        tuple(_group(shown[k], groups[k]) for k in ranked[:MAX_VALUES]),
        max(0, len(groups) - MAX_VALUES),
    )


def _group(value: str, claims: list[Claim]) -> ValueGroup:
    ordered = sorted(claims, key=lambda c: c.derived_note is not None)
    return ValueGroup(
        value,
        tuple(ordered[:MAX_CLAIMS]),
        tuple(c.cite for c in ordered[MAX_CLAIMS : MAX_CLAIMS + MAX_CHIPS]),
        len(claims),
        sum(c.derived_note is None for c in claims),
    )


def build_model(
    document: dict[str, Any],
    extra_sentences: Mapping[tuple[str, int], str] | None = None,
    article_href: ArticleHref = None,
) -> ReportModel:
    """The report model of a contract document (``crossbrief.brief/1``).

    ``extra_sentences`` adds sentence texts the contract does not carry (the web app reads
    them from the store); ``article_href`` makes citations link to article pages.
    """
    sources = _sources(document)
    by_id = {s.id: s for s in sources}
    sentences = sentence_index(document, extra_sentences)
    cite = _Citer(by_id, sentences, article_href)
    # A summary sentence gives one outlet's figure; where outlets disagree, the line says so.
    disputes = [disputed_note(s["text"], s["citations"], document["conflicts"]) for s in document["summary"]]
    summary = [
        cite.line(s["text"], s["citations"], extra={"disputed": note}) for s, note in zip(document["summary"], disputes)
    ]
    # A fact repeated only by copies or rewrites of one origin is one source: the report, like
    # the Markdown, lists as confirmed only what two or more independent sources state.
    confirmed = [f for f in document["facts"] if f["independent_sources"] > 1]
    facts = [
        cite.line(
            f["text"],
            f["support"],
            f"F{n}",
            {
                "independent": f["independent_sources"],
                "without_outlet": f.get("sources_without_outlet", 0),
                "articles": list(f["articles"]),
                "attributed_to": list(f.get("attributed_to") or []),
                "date": f.get("date"),
                "modality": f.get("modality", "stated"),
            },
        )
        for n, f in enumerate(confirmed, start=1)
    ]
    conflicts = sorted(
        (_conflict(c, cite, by_id) for c in document["conflicts"]), key=lambda c: c.severity != "hard"
    )  # hard first, order kept within
    timeline = [
        cite.line(
            t["text"],
            t["support"],
            f"E{n}",
            {
                "date": t["date"],
                "precision": t["precision"],
                "when": human_date(t["date"]),
                "expected": bool(t.get("expected")),
                "articles": list(t["articles"]),
            },
        )
        for n, t in enumerate(document["timeline"], start=1)
    ]
    unique = [cite.line(u["text"], [u]) for u in document["unique_claims"]]
    return ReportModel(
        document,
        document["story"],
        sources,
        by_id,
        sentences,
        summary,
        facts,
        conflicts,
        timeline,
        unique,
        list(document.get("entities") or []),
        len(document["facts"]) - len(confirmed),
    )


def reader_data(model: ReportModel, article_href: ArticleHref = None) -> dict[str, Any]:
    """What the citation reader (report.js) shows, as plain JSON: per article its metadata
    and every sentence text the report knows, keyed "article id#index"."""
    articles = {}
    for s in model.sources:
        origin = model.by_id.get(s.origin or "")
        articles[s.id] = {
            "key": s.key,
            "title": s.title,
            "outlet": s.outlet,
            "published": human_date(s.published),
            "url": s.url,
            "href": article_href(s.id, None) if article_href else None,
            "origin": f"{s.origin_kind} of {origin.label}" if origin else None,
        }
    return {"articles": articles, "sentences": _shown_sentences(model)}


def _shown_sentences(model: ReportModel) -> dict[str, str]:
    """Texts of every chip on the page and of the sentences next to them, keyed "id#index"."""
    shown = [c for line in (*model.summary, *model.facts, *model.timeline, *model.unique) for c in line.cites]
    near = [cl.cite for c in model.conflicts for g in c.groups for cl in g.claims]
    near += [c for line in model.summary for c in line.cites]
    shown += [c for k in model.conflicts for g in k.groups for c in g.others]
    wanted = {(c.article, c.sentence + d) for c in near for d in (-1, 0, 1)}
    wanted |= {(c.article, c.sentence) for c in shown}
    return {f"{aid}#{idx}": text for (aid, idx), text in model.sentences.items() if (aid, idx) in wanted}
