"""Stage 8b, conflicts: claims in different articles that cannot both be true.

Compared on closely related sentence pairs (nearest neighbours above RELATED_SIM):

    1. numbers   the same counted thing (unit head noun), intervals that do not overlap.
                 "up to five million" and "as many as 5 million" overlap: agreement.
    2. dates     the same event (very similar sentences), different days
    3. places    the same event, different ports/harbours/airports/bases
    4. titles    the same person with incompatible titles ("Deputy Foreign Minister")
    5. status    a prediction ("may sign") and a report of what happened ("signed")

Severity is ``hard`` for incompatible claims about the same thing at the same time, and
``soft`` when the difference is explained: different reference times ("by February" vs
"by April"), a running count reported on different days (death tolls rise), different
sources' estimates, a prediction against what happened, or a date inferred for an
undated article. Every conflict says which explanation applied.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import numpy as np

from ..records import Claim, Conflict, Quantity, SentenceExtraction, TimeExpression
from .align import Unit

RELATED_SIM = 0.55
# Sentences counting a specific thing (missiles, crew) need only share the topic …
SPECIFIC_SIM = 0.45
# … while generic units need closely related sentences and a shared word near the figure.
GENERIC_SIM = 0.65
GENERIC_UNITS = frozenset({"people", "person", "year", "month", "day", "week", "hour", "minute", "time", "percent",
                           "usd", "eur", "gbp", "unit", "magnitude",
                           "country", "nation", "side", "party", "leader", "state", "government"})
# Figures stated for dates further apart than this are about different events (an earlier
# disaster's toll), not a disagreement.
OTHER_EVENT_DAYS = 365
# Units that measure rather than count: their figures need not be whole numbers.
MEASURES = re.compile(r"^(km|kilomet|mile|metre|meter|tonne|ton|barrel|percent|usd|eur|gbp|magni|degre|litre|liter"
                      r"|gallon|kg|kilog|hecta|acre|year|month|week|day|hour|minut|secon|decad)")
_UNIT_CUES = (
    (re.compile(r"\b(kill|dead|death|died|toll|fatalit|lives)", re.I), "deaths"),
    (re.compile(r"\b(injur|wound|hurt)", re.I), "injured"),
    (re.compile(r"\bmagnitude\b", re.I), "magnitude"),
)
_NUMBER_OF = re.compile(
    r"\bnumber of ([a-z]+(?: (?!(?:in|of|on|at|to|from|with|for|has|had|have|is|was|were)\b)[a-z]+)?)\b[^.;]*$", re.I)
CONTEXT_WORDS = 5
# A counted thing mentioned in more sentences than this is compared only between
# nearest-neighbour sentences: all pairs would be quadratic in a 500-article story.
ALL_PAIRS_MAX = 120
_STOPWORDS = frozenset("that this with from have were been their they them than then there which while about after "
                       "before into over also more most some such only said says according other those these".split())
SAME_EVENT_SIM = 0.72
# Two sentences naming different destinations describe one movement at or above this cosine.
PLACE_SAME_EVENT_SIM = 0.55
# Counts that grow while a story unfolds: a later, larger figure is an update.
RUNNING_COUNTS = re.compile(
    r"\b(kill|dead|death|die|toll|injur|wound|hurt|missing|rescu|evacuat|displac|homeless|aftershock|arrest"
    r"|detain|case|infect|casualt|victim|survivor|shelter|deploy|troop|soldier|refugee|damag)", re.I)
# Figures that different agencies measure differently: a spread between sources is normal.
MEASUREMENTS = re.compile(r"\b(magnitude|estimat|approximately|forecast|projected|poll|survey|gdp|inflation)", re.I)
_DURATION_DAYS = {"year": (365.0, 366.0), "month": (28.0, 31.0), "week": (7.0, 7.0), "day": (1.0, 1.0),
                  "hour": (1 / 24, 1 / 24), "decade": (3652.0, 3653.0)}


@dataclass(frozen=True, slots=True)
class Side:
    """One sentence of a related pair, with what extraction found in it."""

    unit: Unit
    extraction: SentenceExtraction
    published: date | None
    anchor: str
    vector: np.ndarray | None = None
    anchor_date: date | None = None  # publication date, or the story date an undated article was read against

    @property
    def speaker(self) -> str | None:
        a = self.extraction.attribution
        return (a.entity or a.speaker) if a else None


@lru_cache(maxsize=65536)
def _singular(word: str) -> str:
    if word.isupper() or len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "ses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=65536)
def unit_words(unit: str | None) -> frozenset[str]:
    """Word stems of a unit: "rescue workers" → {rescu, worke}; "metric tonnes of munitions" → {metri, tonne}.

    Five-letter stems let "rescuers" meet "rescue workers" and "crew" meet "crew members".
    """
    if not unit:
        return frozenset()
    return frozenset(_singular(w)[:5] for w in unit.lower().split(" of ")[0].split())


@lru_cache(maxsize=65536)
def unit_head(unit: str | None) -> str | None:
    """The counted noun: "ballistic missiles" → "missile"."""
    if not unit:
        return None
    return _singular(unit.lower().split(" of ")[0].split()[-1])


def _is_duration(q: Quantity) -> bool:
    return unit_head(q.unit) in _DURATION_DAYS and not (set((q.unit or "").lower().split()) & {"age", "old"})


def interval(q: Quantity) -> tuple[float, float]:
    """The quantity as [low, high], durations in days so "270 days" meets "nine months"."""
    low = q.low if q.low is not None else 0.0
    high = q.high if q.high is not None else float("inf")
    if _is_duration(q):
        short, long = _DURATION_DAYS[unit_head(q.unit) or "day"]
        return low * short, high * long
    return low, high


def comparable_units(a: Quantity, b: Quantity) -> bool:
    """Same thing counted: one unit's words contain the other's ("crew" ⊂ "crew members")."""
    if _is_duration(a) and _is_duration(b):
        return True
    wa, wb = unit_words(a.unit), unit_words(b.unit)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _overlap(a: Quantity, b: Quantity) -> bool:
    (la, ha), (lb, hb) = interval(a), interval(b)
    return la <= hb * 1.0000001 and lb <= ha * 1.0000001


def _explicit_as_of(ex: SentenceExtraction, skip: tuple[int, int]) -> str | None:
    """A date the sentence states its figure for ("by February", "in March 2024")."""
    for t in ex.times:
        if t.type == "DATE" and not (t.start < skip[1] and skip[0] < t.end) and t.value[:1].isdigit():
            return t.value
    return None


_FUTURE_NEAR = re.compile(
    r"\b(will|would|could|may|might|expected to|set to|likely to|plans? to|forecast)\b[^.;]{0,40}$", re.I)


def _predicted_figure(side: Side, q: Quantity) -> bool:
    return side.extraction.modality != "stated" and bool(_FUTURE_NEAR.search(side.unit.text[: q.start]))


def _reference_day(value: str | None) -> date | None:
    """The first day of an ISO date, month or year value."""
    if not value or not value[:4].isdigit():
        return None
    parts = (value[:10] + "-01-01")[:10] if len(value) == 4 else (value[:7] + "-01" if len(value) == 7 else value[:10])
    try:
        return date.fromisoformat(parts)
    except ValueError:
        return None


def _other_event(a: Side, b: Side, qa: Quantity, qb: Quantity) -> bool:
    """True when the two figures are stated for dates more than OTHER_EVENT_DAYS apart."""
    day_a = _reference_day(_explicit_as_of(a.extraction, (qa.start, qa.end))) or a.anchor_date
    day_b = _reference_day(_explicit_as_of(b.extraction, (qb.start, qb.end))) or b.anchor_date
    return bool(day_a and day_b and abs((day_a - day_b).days) > OTHER_EVENT_DAYS)


def _number_severity(a: Side, b: Side, qa: Quantity, qb: Quantity) -> tuple[str, str]:
    as_a = _explicit_as_of(a.extraction, (qa.start, qa.end))
    as_b = _explicit_as_of(b.extraction, (qb.start, qb.end))
    if as_a and as_b and as_a != as_b:
        early, late = sorted((as_a, as_b))
        return "soft", f"stated for different times ({early} vs {late})"
    text = f"{a.unit.text} {b.unit.text}"
    if a.published and b.published and a.published != b.published and RUNNING_COUNTS.search(text):
        early, late = (qa, qb) if a.published < b.published else (qb, qa)
        if interval(late)[0] >= interval(early)[0]:
            return "soft", "a running count reported on different days; the later figure is an update"
    if _predicted_figure(a, qa) or _predicted_figure(b, qb):
        return "soft", "a prediction set against a reported figure"
    if a.speaker and b.speaker and a.speaker != b.speaker:
        estimate = {qa.qualifier, qb.qualifier} & {"about", "vague", "range"} or MEASUREMENTS.search(text)
        if estimate or "hedged" in {a.extraction.modality, b.extraction.modality}:
            return "soft", f"different sources' estimates ({a.speaker} vs {b.speaker})"
    who = f" from the same source ({a.speaker})" if a.speaker and a.speaker == b.speaker else ""
    return "hard", f"incompatible figures for the same thing{who}"


def _claim(side: Side, value: str, as_of: str | None = None) -> Claim:
    published = side.published.isoformat() if side.published else None
    return Claim(side.unit.article, side.unit.index, side.unit.text, value, side.speaker, as_of or published)


@dataclass(frozen=True, slots=True)
class Edge:
    """A pairwise disagreement, before edges about one subject are grouped."""

    kind: str
    subject: str
    severity: str
    reason: str
    left: Claim
    right: Claim


def _context(side: Side, q: Quantity) -> set[str]:
    """Content words within CONTEXT_WORDS of a figure (word stems), its unit left out."""
    before = side.unit.text[: q.start].split()[-CONTEXT_WORDS:]
    after = side.unit.text[q.end :].split()[:CONTEXT_WORDS]
    unit = unit_words(q.unit)
    words = {w.strip(".,;:()\"“”'’").lower() for w in before + after}
    return {w[:5] for w in words if len(w) > 3 and w not in _STOPWORDS and _singular(w) not in unit
            and not w[:1].isdigit()}


def _closest(q: Quantity, others: Sequence[Quantity], target: Quantity) -> bool:
    """True when q, of the sentence's figures comparable with target, is nearest to it in size."""
    def distance(x: Quantity) -> float:
        lx, ly = interval(x)[0] or 1e-9, interval(target)[0] or 1e-9
        return abs(np.log(max(lx, 1e-9) / max(ly, 1e-9)))

    rivals = [o for o in others if o is not q and comparable_units(o, target)]
    return all(distance(q) <= distance(o) for o in rivals)


def normalise_unit(text: str, q: Quantity) -> Quantity:
    """Name what a figure counts when the words around it say so.

    "killing 12 people", "the death toll rose to 61" → deaths; "a magnitude 6.4 quake" →
    magnitude; "the number of rescuers had doubled to 1,200" → rescuers.
    """
    generic = q.unit is None or q.unit in {"people", "person", "persons"}
    if not generic and not q.unit.lower().startswith(("earthquake", "quake", "tremor")):
        return q
    clause = re.split(r"[,;:]\s", text[: q.start])[-1]
    unit = q.unit
    if unit is None and (match := _NUMBER_OF.search(clause)):
        unit = match.group(1).lower()
    window = " ".join(clause.split()[-12:]) + " " + (unit or "") + " " + " ".join(text[q.end :].split()[:3])
    for cue, name in _UNIT_CUES:
        if cue.search(window):
            return replace(q, unit=name)
    return replace(q, unit=unit) if unit != q.unit else q


# "the two countries" refers back; "its 23 crew members" still makes a claim.
_REFERRING = re.compile(r"\b(the|these|those|both|all|each|every)\s+$", re.I)


def counted_things(text: str, ex: SentenceExtraction) -> tuple[tuple[frozenset[str], float], ...]:
    """What a sentence's claim-making figures count (word stems) with each figure's lower
    bound (durations left out; "up to 5 million" counts from 0)."""
    found = []
    for q in ex.quantities:
        q = normalise_unit(text, q)
        if _plausible(text, q) and not _is_duration(q) and (words := unit_words(q.unit)):
            found.append((words, interval(q)[0]))
    return tuple(found)


def _plausible(text: str, q: Quantity) -> bool:
    """A figure that makes a claim: "the two countries" refers, it does not count; and a
    count of things is a whole number ("a 5.1 aftershock" is a magnitude, not a count)."""
    if _REFERRING.search(text[: q.start]):
        return False
    if q.low is None or q.low != q.high or float(q.low).is_integer():
        return True
    return bool(MEASURES.match(unit_head(q.unit) or ""))


def _figure_keys(q: Quantity) -> frozenset[str]:
    return frozenset({"duration"}) if _is_duration(q) else unit_words(q.unit)


def _number_edge(a: Side, b: Side, qa: Quantity, qb: Quantity) -> Edge:
    severity, reason = _number_severity(a, b, qa, qb)
    as_a = _explicit_as_of(a.extraction, (qa.start, qa.end))
    as_b = _explicit_as_of(b.extraction, (qb.start, qb.end))
    subject = qa.unit if len(qa.unit or "") >= len(qb.unit or "") else qb.unit
    return Edge("number", subject or "figure", severity, reason, _claim(a, qa.text, as_a), _claim(b, qb.text, as_b))


@dataclass(frozen=True)
class FigurePairs:
    """A story's figures (units named from context) and the pairs that may count one thing.

    Built once per brief: conflicts and agreements are both read off these pairs.
    """

    figures: list[tuple[Quantity, ...]]  # per sentence
    pairs: list[tuple[int, Quantity, int, Quantity]]  # (sentence, figure, sentence, figure)


def figure_pairs(sides: Sequence[Side], nearby: set[tuple[int, int]] | None = None) -> FigurePairs:
    """Pairs of plausible figures in different articles that may count the same thing,
    each pair once (only neighbouring sentences' pairs for crowded units)."""
    figures = [tuple(normalise_unit(side.unit.text, q) for q in side.extraction.quantities) for side in sides]
    by_key: dict[str, list[tuple[int, Quantity]]] = defaultdict(list)
    for n, quantities in enumerate(figures):
        for q in quantities:
            if _plausible(sides[n].unit.text, q):
                for key in _figure_keys(q):
                    by_key[key].append((n, q))
    seen: set[tuple[int, int]] = set()
    pairs = []
    for items in by_key.values():
        for i, qa, j, qb in _key_pairs(items, nearby):
            if (id(qa), id(qb)) in seen or sides[i].unit.article == sides[j].unit.article:
                continue
            seen.add((id(qa), id(qb)))
            if comparable_units(qa, qb):
                pairs.append((i, qa, j, qb))
    return FigurePairs(figures, pairs)


def _key_pairs(items: list[tuple[int, Quantity]], nearby: set[tuple[int, int]] | None
               ) -> Iterator[tuple[int, Quantity, int, Quantity]]:
    """All pairs of a key's figures, or only those of neighbouring sentences when crowded."""
    if nearby is None or len(items) <= ALL_PAIRS_MAX:
        for x, (i, qa) in enumerate(items):
            for j, qb in items[x + 1 :]:
                yield i, qa, j, qb
        return
    at: dict[int, list[Quantity]] = defaultdict(list)
    for n, q in items:
        at[n].append(q)
    for i, j in nearby:
        if i in at and j in at:
            for qa in at[i]:
                for qb in at[j]:
                    yield i, qa, j, qb


def number_edges(sides: Sequence[Side], related: set[tuple[int, int]],
                 found: FigurePairs | None = None) -> list[Edge]:
    """Figures for the same counted thing that cannot both be true.

    A specific unit ("ballistic missiles", "crew") is compared across the story's
    sentences on one topic; a generic one ("people", "days") only between closely
    related sentences that share a word around the figure ("killed 12 people" /
    "killed 48 people"). When a sentence gives several figures of one unit, each is
    compared with the nearest-sized figure on the other side.
    """
    found = found or figure_pairs(sides)
    edges = []
    for i, qa, j, qb in found.pairs:
        a, b = sides[i], sides[j]
        if _overlap(qa, qb) or _other_event(a, b, qa, qb):
            continue
        generic = _is_duration(qa) or bool({unit_head(qa.unit), unit_head(qb.unit)} & GENERIC_UNITS)
        if generic and ((min(i, j), max(i, j)) not in related or not _context(a, qa) & _context(b, qb)):
            continue
        if not generic and a.vector is not None and b.vector is not None and \
                float(a.vector @ b.vector) < SPECIFIC_SIM:
            continue
        if _closest(qa, found.figures[i], qb) and _closest(qb, found.figures[j], qa):
            edges.append(_number_edge(a, b, qa, qb))
    return edges


def _days(ex: SentenceExtraction) -> list[TimeExpression]:
    """Distinct days a sentence names ("May 14 … on Wednesday" is one day)."""
    days = {t.value: t for t in ex.times if t.type == "DATE" and t.precision == "day" and t.value[:1].isdigit()}
    return list(days.values())


# Sentences that date the same event word ("signed") are about one event at or above this cosine.
DATE_SAME_EVENT_SIM = 0.6
# A date belongs to the event word it stands next to: "signed … on 15 May" (≤ this many characters).
DATE_NEAR_CHARS = 50
_EVENT_WORD = re.compile(r"\b([a-z]{4,}(?:ed|en))\b")


def _event_dates(side: Side) -> dict[str, TimeExpression]:
    """Event word stem → the day-precision date next to it ("signed on 14 May" → {sign: 14 May})."""
    days = _days(side.extraction)
    return _event_dates_in(side.unit.text, tuple(days)) if days else {}


@lru_cache(maxsize=16384)
def _event_dates_in(text: str, days: tuple[TimeExpression, ...]) -> dict[str, TimeExpression]:
    found: dict[str, TimeExpression] = {}
    for word in _EVENT_WORD.finditer(text):
        near = [t for t in days if -DATE_NEAR_CHARS <= t.start - word.end() <= DATE_NEAR_CHARS
                or 0 <= word.start() - t.end <= DATE_NEAR_CHARS]
        if near:
            closest = min(near, key=lambda t: min(abs(t.start - word.end()), abs(word.start() - t.end)))
            found[word.group(1)[:5]] = closest
    return found


def date_edges(a: Side, b: Side, sim: float) -> list[Edge]:
    """The same event word dated to different days in two closely related sentences."""
    if sim < DATE_SAME_EVENT_SIM:
        return []
    da, db = _event_dates(a), _event_dates(b)
    for stem in sorted(set(da) & set(db)):
        ta, tb = da[stem], db[stem]
        if ta.value == tb.value:
            continue
        if "predicted" in {a.extraction.modality, b.extraction.modality}:
            severity, reason = "soft", "a planned date set against a reported one"
        elif {ta.anchor, tb.anchor} & {"story", "mentioned"}:
            severity, reason = "soft", "one date was resolved against another article's date (the article is undated)"
        else:
            severity, reason = "hard", "the same event given on different days"
        return [Edge("date", "date of: " + _short(a.unit.text), severity, reason,
                     _claim(a, ta.value, ta.value), _claim(b, tb.value, tb.value))]
    return []


def _short(text: str, words: int = 10) -> str:
    cut = text.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


_FACILITY_WORDS = r"(?:port|harbou?r|airport|air ?base|naval base|terminal|dock|pier|anchorage)"
# A named facility after a destination preposition: "into Vesk harbour", "to Port Caldera".
_DESTINATION = re.compile(
    rf"\b(?:into|to|towards|toward|in|at|off)\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s+)+{_FACILITY_WORDS}\b"
    rf"|(?-i:Port|Harbour)\s+(?:of\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_NOUN_STEMS = re.compile(r"\b[a-z]{5,}\b")


@lru_cache(maxsize=16384)
def _destinations(text: str) -> frozenset[str]:
    return frozenset(" ".join(m.group(1).split()) for m in _DESTINATION.finditer(text))


@lru_cache(maxsize=16384)
def _noun_stems(text: str) -> frozenset[str]:
    return frozenset(w[:5] for w in _NOUN_STEMS.findall(text))


def place_edges(a: Side, b: Side, sim: float) -> list[Edge]:
    """Different named destinations for one movement: "taken to Port Caldera" / "into Vesk harbour"."""
    pa, pb = _destinations(a.unit.text), _destinations(b.unit.text)
    if len(pa) != 1 or len(pb) != 1 or pa == pb:
        return []
    x, y = next(iter(pa)), next(iter(pb))
    if x.lower() in b.unit.text.lower() or y.lower() in a.unit.text.lower():
        return []
    shared = _noun_stems(a.unit.text) & _noun_stems(b.unit.text)
    if not shared - {"which", "there", "their", "about", "after", "where", "early"}:
        return []
    severity = "hard" if sim >= PLACE_SAME_EVENT_SIM else "soft"
    reason = ("different places named for the same movement" if severity == "hard"
              else "different places named for what may be the same movement")
    return [Edge("entity", "place of: " + _short(a.unit.text), severity, reason, _claim(a, x), _claim(b, y))]


_PREDICTED_VERB = re.compile(
    r"\b(?:may|might|could|would|will|shall)\s+(\w+)"
    r"|\b(?:expected|set|scheduled|due|poised|likely|plans?|option)\s+to\s+(?:be\s+)?(\w+)", re.I)


def _predicted_verbs(text: str) -> list[str]:
    """Stems of the verbs a sentence predicts: "may sign", "expected to be signed" → ["sign"]."""
    stems = []
    for match in _PREDICTED_VERB.finditer(text):
        verb = (match.group(1) or match.group(2) or "").lower()
        stem = verb[:-2] if verb.endswith("ed") else verb[:-1] if verb.endswith("e") else verb
        if len(stem) >= 3 and stem not in {"hav", "be", "not", "als", "stil", "onl"}:
            stems.append(stem)
    return stems


def status_edges(a: Side, b: Side) -> list[Edge]:
    """A prediction in one article ("may sign") and a report that it happened ("signed")."""
    for pred, done in ((a, b), (b, a)):
        if done.extraction.modality != "stated" or pred.extraction.modality == "stated":
            continue
        for stem in _predicted_verbs(pred.unit.text):
            if re.search(rf"\b{re.escape(stem)}e?d\b|\bthe {re.escape(stem)}e?ing of\b", done.unit.text, re.I):
                return [Edge("status", f"whether it was {stem}ed", "soft",
                             "a prediction set against a later report of what happened",
                             _claim(pred, "predicted"), _claim(done, "happened"))]
    return []


_RANKS = {"deputy", "vice", "acting", "former", "assistant", "junior", "interim", "first", "senior", "chief"}
_ROLES = {"minister", "secretary", "president", "director", "spokesman", "commander", "governor", "mayor",
          "ambassador", "general", "chairman", "premier", "chancellor", "captain", "admiral", "colonel",
          "prosecutor", "judge", "senator", "lieutenant", "sergeant", "head", "king", "queen"}
_PORTFOLIOS = {"foreign", "interior", "defence", "finance", "justice", "health", "trade", "economy", "energy",
               "transport", "home", "emergencies", "agriculture", "education", "environment", "prime"}
_ABBREVIATIONS = {"cmdr": "commander", "gen": "general", "sen": "senator", "gov": "governor", "capt": "captain",
                  "adm": "admiral", "col": "colonel", "lt": "lieutenant", "sgt": "sergeant", "pres": "president",
                  "spokeswoman": "spokesman", "spokesperson": "spokesman", "defense": "defence"}
_TITLE_WORDS = re.compile(r"((?:[A-Za-z]+\.?\s+){1,5})$")


def person_title(text: str, start: int) -> frozenset[str] | None:
    """Rank, portfolio and role words right before a person's name ("Deputy Foreign Minister")."""
    match = _TITLE_WORDS.search(text[:start])
    if not match:
        return None
    words = []
    for raw in reversed(match.group(1).split()):
        word = _ABBREVIATIONS.get(raw.lower().rstrip("."), raw.lower().rstrip("."))
        if word not in _RANKS | _ROLES | _PORTFOLIOS:
            break
        words.append(word)
    return frozenset(words) if any(w in _ROLES for w in words) else None


def titles_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """"Minister" fits "Interior Minister"; "Deputy Foreign Minister" does not fit "Foreign Minister"."""
    if a & _RANKS != b & _RANKS:
        return False
    pa, pb = a & _PORTFOLIOS, b & _PORTFOLIOS
    if pa and pb and pa != pb:
        return False
    ra, rb = a & _ROLES, b & _ROLES
    return ra <= rb or rb <= ra


def title_edges(sides: Sequence[Side]) -> list[Edge]:
    """The same person given incompatible titles by different articles (one edge per pair
    of distinct titles, with the first sentence that uses each)."""
    seen: dict[str, dict[frozenset[str], Side]] = defaultdict(dict)
    for side in sides:
        if side.unit.language != "en":
            continue
        for e in side.extraction.entities:
            if e.label == "PERSON" and (title := person_title(side.unit.text, e.start)) is not None:
                seen[e.canonical].setdefault(title, side)
    edges = []
    for person, titles in seen.items():
        distinct = list(titles.items())
        for n, (ta, a) in enumerate(distinct):
            for tb, b in distinct[n + 1 :]:
                if a.unit.article != b.unit.article and not titles_compatible(ta, tb):
                    edges.append(Edge("entity", f"title of {person}", "hard",
                                      "the same person given different titles",
                                      _claim(a, " ".join(sorted(ta))), _claim(b, " ".join(sorted(tb)))))
    return edges


# Sentences giving overlapping figures for one thing say the same at or above this cosine.
AGREE_SIM = 0.45


def agreeing_pairs(sides: Sequence[Side], found: FigurePairs | None = None) -> set[tuple[int, int]]:
    """(i, j) of sentences in different articles that give overlapping figures for one thing
    ("in 24 years" / "in nearly 25 years"): evidence that a claim is not single-source."""
    agree: set[tuple[int, int]] = set()
    for i, qa, j, qb in (found or figure_pairs(sides)).pairs:
        a, b = sides[i], sides[j]
        if a.vector is None or b.vector is None or (min(i, j), max(i, j)) in agree:
            continue
        if _overlap(qa, qb) and float(a.vector @ b.vector) >= AGREE_SIM:
            agree.add((min(i, j), max(i, j)))
    return agree


def pair_edges(a: Side, b: Side, sim: float) -> list[Edge]:
    """Disagreements other than figures between two related sentences of different articles."""
    return date_edges(a, b, sim) + place_edges(a, b, sim) + status_edges(a, b)


def group_edges(edges: Sequence[Edge]) -> list[Conflict]:
    """One conflict per subject: edges that share a claim are joined; hard wins over soft."""
    parent: dict[tuple, tuple] = {}

    def key(c: Claim, kind: str, subject_head: str) -> tuple:
        return (kind, subject_head, c.article, c.sentence, c.value)

    def find(k: tuple) -> tuple:
        parent.setdefault(k, k)
        root = k
        while parent[root] != root:
            root = parent[root]
        while parent[k] != root:  # path compression
            parent[k], k = root, parent[k]
        return root

    # Figures group by what they count; dates, places and titles by the claims they share.
    heads = {id(e): (unit_head(e.subject) or e.subject) if e.kind == "number" else "" for e in edges}
    for e in edges:
        ka, kb = key(e.left, e.kind, heads[id(e)]), key(e.right, e.kind, heads[id(e)])
        parent[find(ka)] = find(kb)
    grouped: dict[tuple, list[Edge]] = defaultdict(list)
    for e in edges:
        grouped[find(key(e.left, e.kind, heads[id(e)]))].append(e)
    conflicts = []
    for members in grouped.values():
        claims = {(c.article, c.sentence, c.value): c for e in members for c in (e.left, e.right)}
        hard = [e for e in members if e.severity == "hard"]
        reasons = list(dict.fromkeys(e.reason for e in (hard or members)))
        ident = "|".join(sorted(f"{c.article}:{c.sentence}:{c.value}" for c in claims.values()))
        conflicts.append(Conflict(
            id="c-" + hashlib.sha1(ident.encode()).hexdigest()[:10], kind=members[0].kind,
            subject=members[0].subject, severity="hard" if hard else "soft",
            claims=tuple(sorted(claims.values(), key=lambda c: (c.as_of or "", c.article, c.sentence))),
            explanation="; ".join(reasons)))
    return sorted(conflicts, key=lambda c: (c.severity != "hard", c.kind, c.subject))
