"""Scoring one brief against one cluster's conflict gold: where each gold quote lies in the
cleaned articles, which predicted conflicts match gold conflicts or fall into traps, and
how the predicted facts' independent-source counts compare with the gold counts.

Everything here is pure: records in, verdicts and counts out (``conflicts.py`` runs the
briefs, adds the counts up per split and prints them).

Quotes are located, not compared as strings: the gold quotes are verbatim in the raw DUC
text, but the brief reads the cleaned text (LDC typography converted, datelines moved to
metadata, sentences split), so a quote is matched on its word tokens:

    >>> locate_quote("said ``no deal'' _ twice", [("A", 0, "Hi."), ("A", 1, "He said “no deal” — twice.")])
    frozenset({('A', 1)})
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import combinations
from typing import Any, Literal

from ..records import Article, Conflict, Fact, SentenceRef, SummarySentence

Site = tuple[str, int]  # (article id, sentence index)
Where = frozenset[Site]
Status = Literal["matched", "trap", "acceptable_soft", "unmatched"]

# A quote not found verbatim is taken to be the sentence (or pair of sentences) holding at
# least this share of its words: cleaning rewrites quotes and dashes and may drop a
# parenthesis, which costs a word or two of a 5–25 word quote; a different sentence on the
# same subject rarely shares four words in five.
MIN_OVERLAP = 0.8
# Quotes are 5–25 words from the sentence stating the value; one crossing the splitter's
# boundary spans two sentences, rarely three (a short quoted fragment between them).
MAX_SPAN = 3

_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens, punctuation and typography dropped (``'' and ” alike)."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _contains(words: Sequence[str], quote: Sequence[str]) -> bool:
    return f" {' '.join(quote)} " in f" {' '.join(words)} "


def _overlap(words: Sequence[str], quote: Sequence[str]) -> float:
    """Share of the quote's tokens (with repeats) found among ``words``."""
    return sum((Counter(quote) & Counter(words)).values()) / len(quote)


def locate_quote(quote: str, sentences: Sequence[tuple[str, int, str]]) -> Where:
    """The sites of the sentences (``(article, index, text)``, in reading order, of one
    article) that hold ``quote``; empty when it cannot be located.

    First the fewest consecutive sentences (up to MAX_SPAN) whose tokens contain the
    quote's; failing that, the single sentence, then the pair, sharing the most of its
    tokens, if that share reaches MIN_OVERLAP.
    """
    wanted = tokens(quote)
    if not wanted or not sentences:
        return frozenset()
    words = [tokens(text) for _, _, text in sentences]
    for width in range(1, MAX_SPAN + 1):
        for start in range(len(sentences) - width + 1):
            if _contains([w for ws in words[start : start + width] for w in ws], wanted):
                return frozenset((a, i) for a, i, _ in sentences[start : start + width])
    for width in (1, 2):
        best, at = 0.0, 0
        for start in range(len(sentences) - width + 1):
            share = _overlap([w for ws in words[start : start + width] for w in ws], wanted)
            if share > best:
                best, at = share, start
        if best >= MIN_OVERLAP:
            return frozenset((a, i) for a, i, _ in sentences[at : at + width])
    return frozenset()


class QuoteLocator:
    """Locates ``(article, quote)`` pairs in a cluster's cleaned articles, once each."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self._sentences = {a.id: [(a.id, s.index, s.text) for s in a.sentences] for a in articles}
        self._found: dict[tuple[str, str], Where] = {}

    def __call__(self, article: str, quote: str) -> Where:
        key = (article, quote)
        if key not in self._found:
            self._found[key] = locate_quote(quote, self._sentences.get(article, []))
        return self._found[key]


@dataclass(frozen=True)
class GoldClaim:
    """A gold claim or fact support: an article and a verbatim quote (and its value)."""

    article: str
    quote: str
    value: str = ""


@dataclass(frozen=True)
class GoldConflict:
    id: str
    kind: str
    subject: str
    severity: str
    claims: tuple[GoldClaim, ...]


@dataclass(frozen=True)
class GoldTrap:
    """A ``not_conflicts`` entry: claims a naive comparison would set against each other."""

    id: str
    subject: str
    acceptable_as_soft: bool
    claims: tuple[GoldClaim, ...]


@dataclass(frozen=True)
class GoldFact:
    id: str
    text: str
    independent_sources: int
    support: tuple[GoldClaim, ...]


@dataclass(frozen=True)
class GoldCluster:
    """One annotated cluster of ``duc2003_gold.jsonl``."""

    id: str
    task: str
    split: str
    conflicts: tuple[GoldConflict, ...]
    traps: tuple[GoldTrap, ...]
    facts: tuple[GoldFact, ...]

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> GoldCluster:
        """Read one gold line (KeyError or TypeError when a field is missing)."""

        def claims(items: Iterable[dict[str, Any]]) -> tuple[GoldClaim, ...]:
            return tuple(GoldClaim(c["article"], c["quote"], str(c.get("value", ""))) for c in items)

        return cls(
            id=str(row["cluster_id"]),
            task=str(row["task"]),
            split=str(row["split"]),
            conflicts=tuple(
                GoldConflict(c["id"], c["kind"], c["subject"], c["severity"], claims(c["claims"]))
                for c in row["conflicts"]
            ),
            traps=tuple(
                GoldTrap(t["id"], t["subject"], bool(t.get("acceptable_as_soft")), claims(t["claims"]))
                for t in row["not_conflicts"]
            ),
            facts=tuple(
                GoldFact(f["id"], f["text"], int(f["independent_sources"]), claims(f["support"])) for f in row["facts"]
            ),
        )

    def quotes(self) -> list[tuple[str, GoldClaim]]:
        """Every quote with the id of the conflict, trap or fact it belongs to."""
        found = [(c.id, q) for c in self.conflicts for q in c.claims]
        found += [(t.id, q) for t in self.traps for q in t.claims]
        return found + [(f.id, q) for f in self.facts for q in f.support]


# Number words a gold value may spell out; the figure is then compared as digits.
_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(text: str) -> frozenset[str]:
    """The figures a value states, as digits: "2,600 newspapers" → {"2600"}, "seven" → {"7"}."""
    found = {m.group().replace(",", "") for m in _FIGURE.finditer(text)}
    return frozenset(found | {_NUMBER_WORDS[w] for w in tokens(text) if w in _NUMBER_WORDS})


def same_figure(predicted: str, gold: str) -> bool:
    """A predicted number claim states the gold claim's figure (or the gold value has none to compare)."""
    wanted = figures(gold)
    return not wanted or bool(wanted & figures(predicted))


def two_sides(
    sites: Sequence[Site],
    located: Sequence[Where],
    differ: Callable[[int, int], bool],
    states: Callable[[int, int], bool] = lambda k, i: True,
) -> bool:
    """True when two different predicted claims (at ``sites``) locate two gold claims
    ``i``, ``j`` (at ``located``) for which ``differ(i, j)``: the predicted conflict sets
    those two gold claims against each other. ``states(k, i)``: predicted claim ``k`` says
    what gold claim ``i`` says (not only sits in its sentence)."""
    hits = [{k for k, site in enumerate(sites) if site in where and states(k, i)} for i, where in enumerate(located)]
    return any(
        differ(i, j) and any(a != b for a in hits[i] for b in hits[j]) for i, j in combinations(range(len(located)), 2)
    )


def matches_conflict(predicted: Conflict, gold: GoldConflict, locate: QuoteLocator) -> bool:
    """The predicted conflict sets two sides of the gold conflict against each other: two
    gold claims with different values, or, when the gold conflict has one claim per
    article, any two of its claims (each article is a side).

    A figure must be the gold claim's own figure: a sentence giving a toll and an injured
    count does not match on the injured count when the gold disagreement is the toll.
    """
    sites = [(c.article, c.sentence) for c in predicted.claims]
    located = [locate(c.article, c.quote) for c in gold.claims]
    values = [tokens(c.value) for c in gold.claims]
    one_per_article = len({c.article for c in gold.claims}) == len(gold.claims)
    numbers = predicted.kind == "number" and gold.kind == "number"
    return two_sides(
        sites,
        located,
        lambda i, j: one_per_article or values[i] != values[j],
        lambda k, i: not numbers or same_figure(predicted.claims[k].value, gold.claims[i].value),
    )


def hits_trap(predicted: Conflict, trap: GoldTrap, locate: QuoteLocator) -> bool:
    """The predicted conflict sets two claims of one trap against each other."""
    sites = [(c.article, c.sentence) for c in predicted.claims]
    numbers = predicted.kind == "number"
    return two_sides(
        sites,
        [locate(c.article, c.quote) for c in trap.claims],
        lambda i, j: True,
        lambda k, i: not numbers or same_figure(predicted.claims[k].value, trap.claims[i].value),
    )


@dataclass(frozen=True)
class ConflictVerdict:
    """What one predicted conflict is: a match of gold conflicts, a trap hit, or neither."""

    conflict: Conflict
    status: Status
    gold: tuple[str, ...] = ()
    traps: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {**self.conflict.to_dict(), "status": self.status, "gold": list(self.gold), "traps": list(self.traps)}


def judge_conflict(predicted: Conflict, gold: GoldCluster, locate: QuoteLocator) -> ConflictVerdict:
    """Matched when it matches a gold conflict (even if it also touches a trap); else a trap
    hit, counted apart as ``acceptable_soft`` when it is soft and one of the traps it hits is
    a running count a brief may show as soft; else unmatched."""
    matched = tuple(g.id for g in gold.conflicts if matches_conflict(predicted, g, locate))
    traps = [t for t in gold.traps if hits_trap(predicted, t, locate)]
    status: Status = "unmatched"
    if matched:
        status = "matched"
    elif traps:
        soft_ok = predicted.severity == "soft" and any(t.acceptable_as_soft for t in traps)
        status = "acceptable_soft" if soft_ok else "trap"
    return ConflictVerdict(predicted, status, matched, tuple(t.id for t in traps))


@dataclass(frozen=True)
class FactVerdict:
    """The predicted fact best matching one gold fact (None when none locates its quotes)."""

    gold: GoldFact
    predicted: Fact | None
    quotes_located: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold.id,
            "gold_sources": self.gold.independent_sources,
            "fact": self.predicted.id if self.predicted else None,
            "sources": self.predicted.independent_sources if self.predicted else None,
            "text": self.predicted.text if self.predicted else None,
            "quotes_located": self.quotes_located,
        }


def _fact_overlap(predicted: Fact, gold: GoldFact, locate: QuoteLocator) -> tuple[int, int]:
    """(gold support quotes the predicted fact's support locates, articles they share)."""
    sites = {(s.article, s.sentence) for s in predicted.support}
    quotes = sum(1 for q in gold.support if sites & locate(q.article, q.quote))
    return quotes, len(set(predicted.articles) & {q.article for q in gold.support})


def best_fact(candidates: Sequence[Fact], gold: GoldFact, locate: QuoteLocator) -> FactVerdict:
    """The candidate locating most of the gold fact's quotes (then sharing most articles,
    then first in the brief's order: never chosen by its count); none below one quote."""
    best: FactVerdict = FactVerdict(gold, None)
    best_key = (0, 0)
    for fact in candidates:
        key = _fact_overlap(fact, gold, locate)
        if key[0] >= 1 and key > best_key:
            best, best_key = FactVerdict(gold, fact, key[0]), key
    return best


def best_gold_fact(predicted: Fact, gold: Sequence[GoldFact], locate: QuoteLocator) -> GoldFact | None:
    """The gold fact a predicted fact matches best (most quotes located, then articles)."""
    scored = [(_fact_overlap(predicted, g, locate), -n, g) for n, g in enumerate(gold)]
    found = max(scored, key=lambda row: (row[0], row[1]), default=None)
    return found[2] if found is not None and found[0][0] >= 1 else None


@dataclass
class Tally:
    """The counts every figure is made of; added up over clusters (micro-averages)."""

    clusters: int = 0
    predicted: int = 0  # predicted conflicts
    matched: int = 0  # … matching some gold conflict
    trap_hits: int = 0  # … not matching one but setting a trap's claims against each other
    acceptable_soft: int = 0  # … of those, soft on a running count the gold allows as soft
    unmatched: int = 0
    gold: int = 0  # gold conflicts
    found: int = 0  # … matched by some predicted conflict
    gold_hard: int = 0
    found_hard: int = 0
    pairs: int = 0  # (predicted, gold) matching pairs
    same_severity: int = 0
    quotes: int = 0  # gold quotes (conflicts, traps, facts)
    unlocated: int = 0
    facts: int = 0  # gold facts
    facts_found: int = 0
    count_exact: int = 0
    count_over: int = 0
    count_under: int = 0
    multi_source: int = 0  # predicted facts with ≥ 2 sources matching a gold fact
    multi_within: int = 0  # … whose count is ≤ the gold count
    multi_flagged: int = 0  # … above it, but by no more than its sources naming no outlet (the brief says so)
    summary_facts: int = 0  # gold facts a summary sentence states (cites a sentence holding a quote of)
    summary_fact_pairs: int = 0  # (gold fact, summary sentence) pairs
    summary_fact_pairs_judged: int = 0  # … with a verdict in the judged-facts file
    summary_facts_judged: int = 0  # gold facts some summary sentence is judged to state
    citations: int = 0  # summary citations
    citations_judged: int = 0  # … with a verdict in the judged-citations file
    citations_supported: int = 0  # … judged "supports"
    citations_partial: int = 0  # … judged "partial"
    support_pairs: int = 0  # pairs of support sentences (different articles) of facts with ≥ 2 sources
    support_judged: int = 0  # … with a verdict in the judged-support file
    support_same: int = 0  # … judged to state one claim
    support_different: int = 0  # … judged to state different claims

    def __add__(self, other: Tally) -> Tally:
        return Tally(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def figures(self) -> dict[str, float | None]:
        """Shares (None when the denominator is 0: nothing to measure)."""

        def share(part: int, whole: int) -> float | None:
            return part / whole if whole else None

        precision, recall = share(self.matched, self.predicted), share(self.found, self.gold)
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        return {
            "precision": precision,
            "precision_acceptable_aside": share(self.matched, self.predicted - self.acceptable_soft),
            "recall": recall,
            "f1": f1,
            "hard_recall": share(self.found_hard, self.gold_hard),
            "severity_agreement": share(self.same_severity, self.pairs),
            "trap_hit_rate": share(self.trap_hits, self.predicted),
            "unlocated_quotes": share(self.unlocated, self.quotes),
            "fact_coverage": share(self.facts_found, self.facts),
            "exact_count_rate": share(self.count_exact, self.facts_found),
            "over_count_rate": share(self.count_over, self.facts_found),
            "under_count_rate": share(self.count_under, self.facts_found),
            "multi_source_within_gold": share(self.multi_within, self.multi_source),
            "over_counts_flagged": share(self.multi_flagged, self.multi_source - self.multi_within),
            "main_fact_coverage": share(self.summary_facts, self.facts),
            "main_fact_stated_judged": share(self.summary_facts_judged, self.facts),
            "main_fact_pairs_judged_share": share(self.summary_fact_pairs_judged, self.summary_fact_pairs),
            "citation_support_precision": share(self.citations_supported, self.citations_judged),
            "citations_judged_share": share(self.citations_judged, self.citations),
            "support_pair_precision": share(self.support_same, self.support_judged),
            "support_pair_different": share(self.support_different, self.support_judged),
            "support_judged_share": share(self.support_judged, self.support_pairs),
        }


@dataclass
class ClusterScore:
    """One cluster's verdicts, the quotes that could not be located, and its tally."""

    cluster: str
    split: str
    conflicts: list[ConflictVerdict] = field(default_factory=list)
    facts: list[FactVerdict] = field(default_factory=list)
    unlocated: list[tuple[str, GoldClaim]] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)


def score_cluster(
    conflicts: Sequence[Conflict],
    facts: Sequence[Fact],
    gold: GoldCluster,
    locate: QuoteLocator,
    summary: Sequence[SummarySentence] = (),
    judged: Mapping[CitationKey, str] | None = None,
    judged_support: Mapping[SupportKey, str] | None = None,
    judged_facts: Mapping[FactKey, str] | None = None,
) -> ClusterScore:
    """Judge a brief's conflicts, facts and summary against one gold cluster (``judged``: the
    verdicts of judged citations, see ``citation_key``; ``judged_support``: of judged pairs of
    a fact's support sentences, see ``support_key``; ``judged_facts``: whether a summary
    sentence states a gold main fact, see ``fact_key``)."""
    score = ClusterScore(gold.id, gold.split)
    score.unlocated = [(owner, q) for owner, q in gold.quotes() if not locate(q.article, q.quote)]
    score.conflicts = [judge_conflict(c, gold, locate) for c in conflicts]
    score.facts = [best_fact(facts, g, locate) for g in gold.facts]
    t = score.tally
    t.clusters, t.quotes, t.unlocated = 1, len(gold.quotes()), len(score.unlocated)
    _tally_conflicts(t, score.conflicts, gold)
    _tally_facts(t, score.facts, facts, gold, locate)
    _tally_summary(t, summary, gold, locate, judged or {})
    _tally_stated(t, summary, gold, judged_facts or {})
    _tally_support(t, facts, gold.id, judged_support or {})
    return score


SupportKey = tuple[str, str, int, str, int]  # (cluster, article, sentence, article, sentence), in order


def support_key(cluster: str, x: SentenceRef, y: SentenceRef) -> SupportKey:
    """How a judged pair of support sentences is found again: the two sentences in order."""
    (a, i), (b, j) = sorted([(x.article, x.sentence), (y.article, y.sentence)])
    return (cluster, a, i, b, j)


def _tally_support(t: Tally, facts: Sequence[Fact], cluster: str, judged: Mapping[SupportKey, str]) -> None:
    """Do the sentences a fact counts as independent sources state one claim? Every pair of
    them from different articles, of every fact with two or more sources, by the judged verdicts."""
    for fact in facts:
        if fact.independent_sources < 2:
            continue
        for x, y in combinations(fact.support, 2):
            if x.article == y.article:
                continue
            t.support_pairs += 1
            verdict = judged.get(support_key(cluster, x, y))
            if verdict is not None:
                t.support_judged += 1
                t.support_same += verdict == "same"
                t.support_different += verdict == "different"


CitationKey = tuple[str, str, str, int]  # (cluster, summary sentence's sha1[:12], article, sentence)


def citation_key(cluster: str, summary_text: str, article: str, sentence: int) -> CitationKey:
    """How a judged citation is found again: by its summary sentence's hash, not its text."""
    return (cluster, sentence_sha1(summary_text), article, sentence)


def sentence_sha1(text: str) -> str:
    """A summary sentence as the verdict files name it: its sha1's first 12 hex digits."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _tally_summary(
    t: Tally,
    summary: Sequence[SummarySentence],
    gold: GoldCluster,
    locate: QuoteLocator,
    judged: Mapping[CitationKey, str],
) -> None:
    """Main facts the summary states, and the judged citations' verdicts."""
    cited = {(c.article, c.sentence) for s in summary for c in s.citations}
    t.summary_facts = sum(1 for f in gold.facts if any(locate(q.article, q.quote) & cited for q in f.support))
    for s in summary:
        for c in s.citations:
            t.citations += 1
            verdict = judged.get(citation_key(gold.id, s.text, c.article, c.sentence))
            if verdict is not None:
                t.citations_judged += 1
                t.citations_supported += verdict == "supports"
                t.citations_partial += verdict == "partial"


FactKey = tuple[str, str, str]  # (cluster, gold fact id, summary sentence's sha1[:12])


def fact_key(cluster: str, fact: str, summary_text: str) -> FactKey:
    """How a judged (gold main fact, summary sentence) pair is found again: by the sentence's hash."""
    return (cluster, fact, sentence_sha1(summary_text))


def _tally_stated(
    t: Tally, summary: Sequence[SummarySentence], gold: GoldCluster, judged: Mapping[FactKey, str]
) -> None:
    """Main facts the summary states in other words than a cited quote: judged by annotators who
    read each summary sentence beside the gold's facts, blind to the system."""
    hashes = [sentence_sha1(s.text) for s in summary]  # each sentence hashed once, not once per fact
    for f in gold.facts:
        verdicts = [judged.get((gold.id, f.id, sha)) for sha in hashes]
        t.summary_fact_pairs += len(verdicts)
        t.summary_fact_pairs_judged += sum(v is not None for v in verdicts)
        t.summary_facts_judged += "states" in verdicts


Judged = tuple[Mapping[CitationKey, str], Mapping[SupportKey, str], Mapping[FactKey, str]]


def unjudged_items(
    gold: GoldCluster,
    summary: Sequence[SummarySentence],
    facts: Sequence[Fact],
    text_of: Mapping[tuple[str, int], str],
    judged: Judged,
) -> list[dict[str, Any]]:
    """What the bundled verdicts do not cover yet, with the texts a judge reads: summary
    citations, pairs of sentences a fact counts as independent sources, and (main fact,
    summary sentence) pairs. Each row holds its verdict file's key fields, so a judge's
    verdict added to it is a line of that file."""
    citations, support, stated = judged
    split = gold.split
    rows: list[dict[str, Any]] = []
    for s in summary:
        sha = sentence_sha1(s.text)
        for c in s.citations:
            if citation_key(gold.id, s.text, c.article, c.sentence) not in citations:
                rows.append(
                    {"judge": "citation", "cluster": gold.id, "split": split, "summary_sha1": sha}
                    | {"article": c.article, "sentence": c.sentence, "summary_text": s.text}
                    | {"cited_text": text_of.get((c.article, c.sentence), "")}
                )
        for f in gold.facts:
            if fact_key(gold.id, f.id, s.text) not in stated:
                rows.append(
                    {"judge": "fact", "cluster": gold.id, "split": split, "fact": f.id, "summary_sha1": sha}
                    | {"fact_text": f.text, "summary_text": s.text}
                )
    for fact in facts:
        if fact.independent_sources < 2:
            continue
        for x, y in combinations(fact.support, 2):
            key = support_key(gold.id, x, y)
            if x.article == y.article or key in support:
                continue
            _, a, i, b, j = key
            rows.append(
                {"judge": "support", "cluster": gold.id, "split": split}
                | {"article_a": a, "sentence_a": i, "article_b": b, "sentence_b": j}
                | {"text_a": text_of.get((a, i), ""), "text_b": text_of.get((b, j), "")}
            )
    return rows


def _tally_conflicts(t: Tally, verdicts: Sequence[ConflictVerdict], gold: GoldCluster) -> None:
    statuses = Counter(v.status for v in verdicts)
    t.predicted = len(verdicts)
    t.matched, t.unmatched = statuses["matched"], statuses["unmatched"]
    t.trap_hits, t.acceptable_soft = statuses["trap"], statuses["acceptable_soft"]
    found = {g for v in verdicts for g in v.gold}
    t.gold, t.found = len(gold.conflicts), len(found)
    t.gold_hard = sum(1 for g in gold.conflicts if g.severity == "hard")
    t.found_hard = sum(1 for g in gold.conflicts if g.severity == "hard" and g.id in found)
    severity = {g.id: g.severity for g in gold.conflicts}
    pairs = [(v.conflict.severity, severity[g]) for v in verdicts for g in v.gold]
    t.pairs, t.same_severity = len(pairs), sum(1 for p, g in pairs if p == g)


def _tally_facts(
    t: Tally, verdicts: Sequence[FactVerdict], facts: Sequence[Fact], gold: GoldCluster, locate: QuoteLocator
) -> None:
    found = [(v.predicted.independent_sources, v.gold.independent_sources) for v in verdicts if v.predicted]
    t.facts, t.facts_found = len(verdicts), len(found)
    t.count_exact = sum(1 for p, g in found if p == g)
    t.count_over = sum(1 for p, g in found if p > g)
    t.count_under = sum(1 for p, g in found if p < g)
    for fact in facts:
        if fact.independent_sources < 2:
            continue
        match = best_gold_fact(fact, gold.facts, locate)
        if match is not None:
            t.multi_source += 1
            t.multi_within += fact.independent_sources <= match.independent_sources
            excess = fact.independent_sources - match.independent_sources
            t.multi_flagged += 0 < excess <= fact.sources_without_outlet
