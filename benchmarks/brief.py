"""Brief benchmark: time and peak memory to brief one generated story, split by stage.

Articles are built as ingest builds them (sentences and NER spans in one spaCy pass);
that time is reported apart, since a brief reads stored articles.

    python benchmarks/brief.py [--articles 500] [--out brief.json]

In the same run it times the bare ONNX sentence model on the same sentences, so the
embed stage's rate is compared with the model's own (goal: the pipeline keeps ≥ 90 % of
it, and everything but embedding takes < 20 % of the total).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import print_figures  # noqa: E402

from crossbrief.config import load_settings  # noqa: E402
from crossbrief.encoders import MiniLMEncoder  # noqa: E402
from crossbrief.models import spacy_pipeline  # noqa: E402
from crossbrief.pipeline import (  # noqa: E402
    StageTimes,
    brief_story,
    build_article,  # noqa: E402
)
from crossbrief.records import RawDocument  # noqa: E402
from crossbrief.stages.sentences import spacy_parser  # noqa: E402

OFFICIALS = [
    "Interior Minister Daria Volkan",
    "coast guard spokesman Ilyas Reyes",
    "Governor Mikel Arvanitis",
    "port director Anton Berisha",
    "Emergencies Minister Ruta Kalvane",
    "prosecutor Lena Marsh",
    "customs chief Omar Dalca",
    "analyst Petra Vinn",
    "a senior official",
    "two diplomats",
]
PLACES = [
    "Port Caldera",
    "Cape Lenna",
    "Vesk",
    "the Drevnian coast",
    "Amsel",
    "the northern anchorage",
    "Kalvora",
    "the oil terminal",
    "the strait",
    "Marovia's territorial waters",
]
VESSELS = ["tanker", "second vessel", "tug", "patrol boat", "bulk carrier", "supply ship", "ferry"]
THINGS = ["crude oil", "diesel", "fuel oil", "cargo", "documents", "satellite data", "radar images"]
VERBS = ["seized", "inspected", "escorted", "boarded", "tracked", "photographed", "detained", "searched"]
ADVERBS = ["late on", "early on", "on", "before dawn on", "around noon on"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "4 March", "5 March", "6 March"]
CLAUSES = [
    "according to shipping data",
    "in a statement",
    "at a press conference",
    "in an interview",
    "speaking on condition of anonymity",
    "in a post on social media",
    "in a court filing",
]
FACTS = [  # (template, slots) — several wordings of the story's shared facts
    ("The {vessel} was {verb} off {place} {adv} {day} after a ship-to-ship transfer of {thing}, {who} said.", 9),
    ("{Who} said the {vessel} had been carrying about {n:,} barrels of {thing}.", 8),
    ("Its crew of {crew} was detained and questioned in {place}, {who} said {clause}.", 7),
    ("{Who} said the case would be handed to prosecutors within {k} days.", 6),
    ("The coast guard has inspected {k} vessels since January, {who} said {clause}.", 6),
    ("Fishermen near {place} said ships had loitered offshore with their lights off for {k} months.", 5),
    ("Insurers withdrew cover from {k} ageing tankers registered in {place} last year.", 5),
    ("{Who} said the seizure was the largest in the region in {k} years.", 4),
]


def _sentence(rng: random.Random, template: str) -> str:
    who = rng.choice(OFFICIALS)
    return template.format(
        vessel=rng.choice(VESSELS),
        verb=rng.choice(VERBS),
        place=rng.choice(PLACES),
        adv=rng.choice(ADVERBS),
        day=rng.choice(DAYS),
        thing=rng.choice(THINGS),
        who=who,
        Who=who[0].upper() + who[1:],
        n=rng.choice([650_000, 700_000, 720_000]),
        crew=rng.choice([23, 23, 25]),
        k=rng.randint(2, 60),
        clause=rng.choice(CLAUSES),
    )


def _filler(rng: random.Random) -> str:
    """A sentence only this article has: random combinations, so texts rarely repeat."""
    who = rng.choice(OFFICIALS)
    counted = rng.choice(["inspectors", "sailors", "tonnes", "containers", "residents"])
    return (
        f"{who[0].upper()}{who[1:]} said {rng.randint(2, 900)} {counted} "
        f"had {rng.choice(VERBS)} the {rng.choice(VESSELS)} near {rng.choice(PLACES)} "
        f"{rng.choice(ADVERBS)} {rng.choice(DAYS)}, {rng.choice(CLAUSES)}."
    )


def article_text(rng: random.Random) -> str:
    sentences = [_sentence(rng, template) for template, weight in FACTS if rng.random() < weight / 10]
    for _ in range(rng.randint(5, 12)):
        sentences.insert(rng.randint(0, len(sentences)), _filler(rng))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join(paragraphs)


def make_articles(n: int, seed: int = 11):
    rng = random.Random(seed)
    settings = load_settings(environ={})
    parser = spacy_parser(spacy_pipeline(ner=True))  # as ingest does: sentences and entities
    articles = []
    for k in range(n):
        published = date(2025, 3, 4) + timedelta(days=rng.randint(0, 6)) if rng.random() < 0.8 else None
        raw = RawDocument(
            source=f"g{k}",
            format="text",
            text=article_text(rng),
            id=f"g{k:04d}",
            title=f"Tanker report {k}",
            outlet=f"Outlet {k % 97}",
            published=published,
        )
        articles.append(build_article(raw, settings, parser))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--out", type=Path, help="also write the brief's JSON here (to compare outputs across changes)")
    args = parser.parse_args()
    spacy_pipeline(ner=True)("warm up")
    ingest_started = time.perf_counter()
    articles = make_articles(args.articles)
    ingest_s = time.perf_counter() - ingest_started
    sentences = [s.text for a in articles for s in a.sentences]
    encoder, nlp = MiniLMEncoder(), spacy_pipeline(ner=True)

    unique = list(dict.fromkeys(sentences))

    def bare_model() -> float:
        """Seconds for the bare model on the same (deduplicated) sentences."""
        started = time.perf_counter()
        encoder.encode(unique)
        return time.perf_counter() - started

    before = bare_model()  # measured before and after the pipeline, so load changes even out
    times = StageTimes()
    started = time.perf_counter()
    brief = brief_story(articles, encoder, nlp, vector_cache={}, times=times)
    total = time.perf_counter() - started
    bare = (before + bare_model()) / 2

    embed_rate = len(unique) / times.seconds["embed"]
    result = {
        "articles": len(articles),
        "sentences": len(sentences),
        "unique_sentences": len(unique),
        "ingest_parse_s (clean, sentences, NER; not part of brief)": round(ingest_s, 1),
        "total_s": round(total, 1),
        **{f"{k}_s": round(v, 2) for k, v in times.seconds.items()},
        "embed_sentences_per_s": round(embed_rate, 1),
        "bare_model_sentences_per_s": round(len(unique) / bare, 1),
        "embed_share_of_model_rate": round(embed_rate / (len(unique) / bare), 3),
        "non_embed_share_of_total": round(1 - times.seconds["embed"] / total, 3),
        "facts": len(brief.facts),
        "conflicts": len(brief.conflicts),
        "derivations": len(brief.derivations),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print_figures("brief", result)
    if args.out:
        from crossbrief.render import brief_json

        args.out.write_text(brief_json(brief), encoding="utf-8")


if __name__ == "__main__":
    main()
