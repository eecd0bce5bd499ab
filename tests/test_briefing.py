"""The briefing against the demo corpus gold and on the real seed articles.

Quality is scored against crossbrief/demo/gold.json (derivations, conflicts with their
severity, approximations that must not be flagged, dated events); the seeds are checked
for properties a careful reader verified, never for hard-coded output.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources

import pytest

from crossbrief.config import load_settings
from crossbrief.encoders import default_encoder
from crossbrief.models import spacy_pipeline
from crossbrief.pipeline import brief_story, ingest_paths
from crossbrief.records import Claim, Conflict
from crossbrief.render import brief_json, brief_markdown, validate_brief
from crossbrief.store import Store

from .conftest import SEEDS, need

GOLD = json.loads((resources.files("crossbrief") / "demo" / "gold.json").read_text())
# Pinned floors: the measured figure, a little below, so a regression fails the build.
# Measured (this commit): derivation F1 1.0; conflicts P 1.0 (10/10) R 0.833 (10/12), severity
# 1.0; events R 0.963 (26/27, a date and a cited mention each), timeline P 0.80 (28/35: the
# other 7 are future dates, a count's reference year, a conflicting claim's date, an age).
FLOORS = {
    "derivation_f1": 1.0,
    "conflict_recall": 0.8,
    "conflict_precision": 0.9,
    "severity_accuracy": 0.9,
    "event_recall": 0.9,
    "timeline_precision": 0.75,
}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _ingest(tmp_path_factory, path):
    db = tmp_path_factory.mktemp("brief") / "b.db"
    with Store(db) as store:
        report = ingest_paths([str(path)], store, load_settings(overrides={"db": db}, environ={}))
    return {a.id: a for a in report.articles}


@pytest.fixture(scope="module")
def demo_briefs(tmp_path_factory):
    from crossbrief.cli import demo_corpus

    articles = _ingest(tmp_path_factory, demo_corpus())
    encoder, nlp, cache = default_encoder(), spacy_pipeline(ner=True), {}
    return {
        s["id"]: brief_story([articles[a] for a in s["articles"]], encoder, nlp, vector_cache=cache)
        for s in GOLD["stories"]
    }


@pytest.fixture(scope="module")
def seed_brief(tmp_path_factory):
    need(SEEDS)
    articles = _ingest(tmp_path_factory, SEEDS)
    return brief_story(list(articles.values()), default_encoder(), spacy_pipeline(ner=True), vector_cache={})


def _sentence_of(brief, article, quote):
    art = next(a for a in brief.articles if a.id == article)
    return next((s.index for s in art.sentences if _norm(quote) in _norm(s.text)), None)


def _value(claim) -> str:
    return _norm(claim.value).casefold()


def _sites(brief, quotes) -> set[tuple[str, int | None]]:
    """(article, sentence) of each gold quote ({article, quote} entries) in ``brief``."""
    return {(q["article"], _sentence_of(brief, q["article"], q["quote"])) for q in quotes}


def _matches_gold(conflict, gold, sites) -> bool:
    """The conflict is the gold one: same kind, and claims at two or more of the gold's
    sentences whose values differ (two copies of one side are not the disagreement)."""
    at_gold = [x for x in conflict.claims if (x.article, x.sentence) in sites]
    return (
        conflict.kind == gold["kind"]
        and len({(x.article, x.sentence) for x in at_gold}) >= 2
        and len({_value(x) for x in at_gold}) >= 2
    )


def _conflict_scores(demo_briefs) -> dict[str, float]:
    """Recall and severity over gold conflicts, precision over predicted ones: a predicted
    conflict matching no gold conflict is an error. One between the claims of a gold agreement
    alone is such an error (no gold conflict holds two of an agreement's sentences; a test below
    checks it); agreement claims inside a gold conflict are checked by the approximations test."""
    golds = [(g, _sites(demo_briefs[g["story"]], g["claims"])) for g in GOLD["conflicts"]]
    hits = severity_ok = 0
    for g, sites in golds:
        match = next((c for c in demo_briefs[g["story"]].conflicts if _matches_gold(c, g, sites)), None)
        hits += match is not None
        severity_ok += match is not None and match.severity == g["severity"]
    predicted = [(story, c) for story, brief in demo_briefs.items() for c in brief.conflicts]
    correct = sum(
        any(g["story"] == story and _matches_gold(c, g, sites) for g, sites in golds) for story, c in predicted
    )
    return {
        "conflict_recall": hits / len(golds),
        "conflict_precision": correct / len(predicted) if predicted else 1.0,
        "severity_accuracy": severity_ok / max(1, hits),
    }


def _is_event(entry, event, brief) -> bool:
    """The timeline entry is the gold event: same date at the gold's precision, and it cites
    a sentence holding one of the event's mentions (the date alone could be another event's)."""
    if entry.precision != event["precision"] or entry.date[: len(event["date"])] != event["date"]:
        return False
    return bool(_sites(brief, event["mentions"]) & {(s.article, s.sentence) for s in entry.support})


def _timeline_scores(demo_briefs) -> dict[str, float]:
    """Event recall over gold events, timeline precision over predicted entries."""
    by_story: dict[str, list] = {}
    for event in GOLD["events"]:
        by_story.setdefault(event["story"], []).append(event)
    found = correct = entries = 0
    for story, brief in demo_briefs.items():
        events = by_story.get(story, [])
        found += sum(any(_is_event(t, e, brief) for t in brief.timeline) for e in events)
        correct += sum(any(_is_event(t, e, brief) for e in events) for t in brief.timeline)
        entries += len(brief.timeline)
    return {
        "event_recall": found / len(GOLD["events"]),
        "timeline_precision": correct / entries if entries else 1.0,
    }


def _scores(demo_briefs) -> dict[str, float]:
    found = {(d.origin, d.derived, d.kind) for b in demo_briefs.values() for d in b.derivations}
    gold = {(d["origin"], d["derived"], d["kind"]) for d in GOLD["derivations"]}
    tp = len(found & gold)
    derivation_f1 = 2 * tp / (len(found) + len(gold)) if found or gold else 1.0
    return {"derivation_f1": derivation_f1, **_conflict_scores(demo_briefs), **_timeline_scores(demo_briefs)}


def test_briefing_demo_gold_quality_gate(demo_briefs):
    scores = _scores(demo_briefs)
    for metric, floor in FLOORS.items():
        assert scores[metric] >= floor, (metric, scores)


def test_briefing_demo_gold_conflicts_hold_no_agreement_pair(demo_briefs):
    """What the conflict precision above relies on: a conflict between the claims of one
    agreement alone can match no gold conflict, so it counts as an error."""
    for g in GOLD["conflicts"]:
        sites = _sites(demo_briefs[g["story"]], g["claims"])
        assert all(site[1] is not None for site in sites), g["subject"]
        for a in GOLD["agreements"]:
            shared = sites & _sites(demo_briefs[a["story"]], a["claims"])
            assert a["story"] != g["story"] or len(shared) < 2, (g["subject"], a["subject"])


def _shift(entry):
    """The entry one unit of its precision later (a day, a month, a year)."""
    if entry.precision == "day":
        later = (date.fromisoformat(entry.date[:10]) + timedelta(days=1)).isoformat()
    elif entry.precision == "month":
        year, month = int(entry.date[:4]), int(entry.date[5:7])
        later = f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    else:
        later = f"{int(entry.date[:4]) + 1:04d}"
    return replace(entry, date=later)


def _next_sentence(entry):
    """The entry citing, in each supporting article, the sentence after the one it cites."""
    return replace(entry, support=tuple(replace(s, sentence=s.sentence + 1) for s in entry.support))


def _agreements_flagged(story, brief):
    """The brief's conflicts and one more per gold agreement, setting its claims against each other."""
    flagged = []
    for n, a in enumerate(x for x in GOLD["agreements"] if x["story"] == story):
        claims = tuple(
            Claim(c["article"], _sentence_of(brief, c["article"], c["quote"]) or 0, c["quote"], c["quote"])
            for c in a["claims"]
        )
        flagged.append(Conflict(f"mutant-{n}", "number", a["subject"], "hard", claims, a["why"]))
    return (*brief.conflicts, *flagged)


MUTANTS = {
    "conflicts removed": lambda story, b: replace(b, conflicts=()),
    "agreements flagged": lambda story, b: replace(b, conflicts=_agreements_flagged(story, b)),
    "events a day later": lambda story, b: replace(b, timeline=tuple(_shift(t) for t in b.timeline)),
    "next sentence cited": lambda story, b: replace(b, timeline=tuple(_next_sentence(t) for t in b.timeline)),
}
# The floors each broken brief must fall under: the gate can fail, and on what it measures.
MUTANT_FAILS = {
    "conflicts removed": ("conflict_recall",),
    "agreements flagged": ("conflict_precision",),
    "events a day later": ("event_recall", "timeline_precision"),
    "next sentence cited": ("event_recall", "timeline_precision"),
}


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_briefing_demo_gold_gate_fails_broken_briefs(demo_briefs, mutant):
    broken = {story: MUTANTS[mutant](story, brief) for story, brief in demo_briefs.items()}
    scores = _scores(broken)
    for metric in MUTANT_FAILS[mutant]:
        assert scores[metric] < FLOORS[metric], (mutant, metric, scores)


def _interval(claim):
    from crossbrief.stages.conflicts import interval
    from crossbrief.stages.extract.quantities import find_quantities

    found = [q for q in find_quantities(claim.text) if q.text == claim.value]
    return interval(found[0]) if found else None


def test_briefing_demo_approximations_are_not_conflicts(demo_briefs):
    """Claims the gold calls agreement may share a conflict (both against a third figure)
    but never stand against each other."""
    for agreement in GOLD["agreements"]:
        brief = demo_briefs[agreement["story"]]
        claims = {(c["article"], _sentence_of(brief, c["article"], c["quote"])) for c in agreement["claims"]}
        # a quote found in no sentence would leave the agreement unchecked
        assert all(sentence is not None for _, sentence in claims), agreement["subject"]
        for conflict in brief.conflicts:
            flagged = [x for x in conflict.claims if (x.article, x.sentence) in claims]
            if conflict.kind != "number" or len({(x.article, x.sentence) for x in flagged}) < 2:
                continue  # a status or date conflict between these sentences is about something else
            spans = [_interval(x) for x in flagged]
            assert all(s is not None for s in spans)
            assert all(a[0] <= b[1] and b[0] <= a[1] for a in spans for b in spans), agreement["why"]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’%$-]+", text.lower())


def _deletion_of(summary: str, sentence: str) -> bool:
    """True when ``summary``'s words are ``sentence``'s words with some left out, in order."""
    remaining = iter(_words(sentence))
    return all(word in remaining for word in _words(summary))


def test_briefing_contract_and_citations(demo_briefs, seed_brief):
    checked = {"summary": 0, "facts": 0, "conflicts": 0}  # the loops below must not all be empty
    for brief in [*demo_briefs.values(), seed_brief]:
        document = json.loads(brief_json(brief))
        validate_brief(document)
        sentences = {(a.id, s.index): s.text for a in brief.articles for s in a.sentences}
        for item in document["summary"]:
            cited = [sentences[(c["article"], c["sentence"])] for c in item["citations"]]
            # the summary says only what a cited sentence says: its words, in order, with
            # at most some clutter ("officials said") trimmed
            assert any(_deletion_of(item["text"], sentence) for sentence in cited), item["text"]
        for fact in document["facts"]:
            assert all(sentences[(s["article"], s["sentence"])] == s["text"] for s in fact["support"])
            assert fact["independent_sources"] <= len(fact["articles"])
        for conflict in document["conflicts"]:
            assert len({(c["article"], c["sentence"]) for c in conflict["claims"]}) >= 2
            assert all(sentences[(c["article"], c["sentence"])] == c["text"] for c in conflict["claims"])
        words = sum(len(s["text"].split()) for s in document["summary"])
        longest = max((len(s.text.split()) for s in brief.summary), default=0)
        assert words <= 120 + longest
        for key in checked:
            checked[key] += len(document[key])
    assert all(checked.values()), checked


def test_briefing_markdown_reads_top_to_bottom(seed_brief):
    text = brief_markdown(seed_brief)
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert [h.split(" (")[0] for h in headings] == [
        "Summary",
        "Where the outlets disagree",
        "Timeline",
        "Facts several sources state",
        "Claims only one outlet makes",
        "Rewrites, copies and translations",
        "Sources",
    ]
    for key, _sentence in re.findall(r"\[([A-Z]+)(\d+)", text):
        assert f"| {key} |" in text  # every citation key is in the sources table


def test_briefing_seeds_rewrite_counts_as_one_source(seed_brief):
    assert seed_brief.derivations, "the paraphrased rewrite among the seeds was not found"
    for d in seed_brief.derivations:
        assert d.kind == "rewrite" and d.aligned_sentences >= 5
    assert seed_brief.independent_sources == len(seed_brief.articles) - len(seed_brief.derivations)


def test_briefing_seeds_same_speaker_vague_counts_are_a_hard_conflict(seed_brief):
    hard = [c for c in seed_brief.conflicts if c.severity == "hard" and c.kind == "number"]
    assert any(len({x.attributed_to for x in c.claims}) == 1 and c.claims[0].attributed_to for c in hard)


def test_briefing_seeds_a_running_total_that_falls_is_a_hard_conflict(seed_brief):
    # one outlet's cumulative figure as of an earlier month is above another's as of a later
    # month: a running total cannot fall, whatever the different dates
    fell = [c for c in seed_brief.conflicts if c.kind == "number" and "running count that fell" in c.explanation]
    assert fell and all(c.severity == "hard" for c in fell)
    dates = sorted(x.as_of or "" for x in fell[0].claims)
    assert dates[0] < dates[-1]


def test_briefing_seeds_no_conflict_between_overlapping_figures(seed_brief):
    from crossbrief.stages.extract.quantities import find_quantities

    numbers = [c for c in seed_brief.conflicts if c.kind == "number"]
    assert numbers, "no number conflict among the seeds: nothing to check"
    for conflict in numbers:
        intervals = []
        for claim in conflict.claims:
            [q] = [q for q in find_quantities(claim.text) if q.text == claim.value]
            intervals.append((q.low or 0, q.high if q.high is not None else float("inf")))
        assert any(a[1] < b[0] or b[1] < a[0] for a in intervals for b in intervals)


def test_briefing_seeds_an_event_two_outlets_date_alike_is_one_fact(seed_brief):
    # Two outlets tell one month's event in their own words (a vote for a panel's dissolution,
    # a veto that ended the monitoring): the timeline holds them as one entry, and the facts
    # count them as one fact with two independent sources, not two single-source claims.
    entries = {
        frozenset((r.article, r.sentence) for r in t.support): t.date for t in seed_brief.timeline if len(t.date) == 7
    }
    joined = [
        f
        for f in seed_brief.facts
        if f.independent_sources >= 2 and frozenset((r.article, r.sentence) for r in f.support) in entries
    ]
    assert joined, "no month-dated event two outlets report is one fact"
    assert all(f.date == entries[frozenset((r.article, r.sentence) for r in f.support)] for f in joined)


def test_briefing_seeds_undated_articles_are_on_the_timeline(seed_brief):
    undated = {a.id for a in seed_brief.articles if a.published is None}
    first = min(a.published for a in seed_brief.articles if a.published).isoformat()
    dated_from_undated = [t for t in seed_brief.timeline if undated & set(t.articles) and t.date >= first]
    assert dated_from_undated, "events told by undated articles were not placed on the timeline"
    for entry in dated_from_undated:  # resolved against the story date: days around it, not months after
        assert entry.date[:7] == first[:7]


def test_briefing_summary_citations_state_the_figures_they_are_cited_for(seed_brief, demo_briefs):
    from crossbrief.records import SentenceExtraction
    from crossbrief.stages.conflicts import counted_things
    from crossbrief.stages.extract.quantities import find_quantities

    def figures(text):
        return {things for things, _ in counted_things(text, SentenceExtraction("x", 0, (), find_quantities(text)))}

    checked = 0
    for brief in (seed_brief, *demo_briefs.values()):
        text = {(a.id, s.index): s.text for a in brief.articles for s in a.sentences}
        for s in brief.summary:
            for things in figures(s.text):
                for c in s.citations:
                    cited = figures(text[(c.article, c.sentence)])
                    assert any(things <= o or o <= things for o in cited), (s.text, text[(c.article, c.sentence)])
                    checked += 1
    assert checked > 0  # the briefs' summaries do state figures


def test_briefing_json_markdown_and_html_show_the_same_brief(seed_brief):
    import html as html_lib

    from crossbrief.render.html import brief_html

    document = json.loads(brief_json(seed_brief))
    markdown = brief_markdown(document)
    page = html_lib.unescape(brief_html(document))
    summary = [s["text"] for s in document["summary"]]
    confirmed = [f["text"] for f in document["facts"] if f["independent_sources"] > 1]
    values = [c["value"] for x in document["conflicts"] for c in x["claims"]]
    assert summary and confirmed and values
    for text in (*summary, *confirmed, *values):
        assert text in markdown and text in page, text


def test_briefing_seeds_say_which_sources_name_no_outlet(seed_brief):
    # most seed pages carry no outlet: their counts rest on text alone, and the brief says so
    document = json.loads(brief_json(seed_brief))
    unnamed = document["story"]["sources_without_outlet"]
    assert 1 <= unnamed <= document["story"]["independent_sources"]
    assert all(0 <= f["sources_without_outlet"] <= f["independent_sources"] for f in document["facts"])
    assert any(f["sources_without_outlet"] for f in document["facts"] if f["independent_sources"] > 1)
    assert "name no outlet" in brief_markdown(document) or "names no outlet" in brief_markdown(document)


def test_briefing_two_sides_of_a_date_conflict_are_never_one_facts_sources(tmp_path_factory):
    # Two outlets date one primary two ways: a conflict to show, not a fact "2 sources confirm".
    folder = tmp_path_factory.mktemp("primary")
    shared = "Candidates have opened campaign offices in every county of the state."
    stories = [
        (
            "ledger",
            "Daily Ledger",
            "1999-11-20",
            "The state's presidential primary is scheduled for February 15, 2000.",
        ),
        ("wire", "Granite Wire", "1999-11-21", "The state's presidential primary is scheduled for Feb. 8, 2000."),
    ]
    own = [  # enough of each outlet's own reporting that neither article is a copy of the other
        "Volunteers knocked on doors across the capital over the weekend. Turnout last time reached a record. "
        "Local radio stations will broadcast the results through the night. The governor has not endorsed anyone. "
        "Several towns still count paper ballots by hand.",
        "A snowstorm is forecast for the mountains next week. Two debates are planned before the vote. "
        "Polls show the race tightening among independents. A retired judge will oversee the recount rules. "
        "Students at the university organised a voter drive.",
    ]
    with open(folder / "primary.jsonl", "w", encoding="utf-8") as out:
        for (key, outlet, day, lead), rest in zip(stories, own):
            text = f"{lead} {shared} {rest}"
            out.write(
                json.dumps({"id": key, "outlet": outlet, "published": day, "title": "Primary", "text": text}) + "\n"
            )
    articles = _ingest(tmp_path_factory, folder / "primary.jsonl")
    brief = brief_story(list(articles.values()), default_encoder(), spacy_pipeline(ner=True), vector_cache={})
    dated = [c for c in brief.conflicts if c.kind == "date"]
    assert dated, "the two dates of the primary are a conflict"
    sides = {(c.article, c.sentence) for c in dated[0].claims}
    for fact in brief.facts:
        assert len(sides & {(s.article, s.sentence) for s in fact.support}) < 2, fact.text
    assert not brief.derivations  # two outlets' own reports, not a copy …
    assert any(f.independent_sources == 2 for f in brief.facts)  # … whose shared sentence still aligns
