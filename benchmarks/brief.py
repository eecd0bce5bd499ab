"""Brief benchmark: time and peak memory to brief one generated story, split by stage.

    python benchmarks/brief.py [--articles 500]

In the same run it times the bare ONNX sentence model on the same sentences, so the
embed stage's rate is compared with the model's own (goal: the pipeline keeps ≥ 90 % of
it, and everything but embedding takes < 20 % of the total).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crossbrief.briefing import StageTimes, brief_story  # noqa: E402
from crossbrief.encoders import MiniLMEncoder  # noqa: E402
from crossbrief.models import spacy_pipeline  # noqa: E402
from crossbrief.pipeline import build_article  # noqa: E402
from crossbrief.config import load_settings  # noqa: E402
from crossbrief.records import RawDocument  # noqa: E402
from crossbrief.stages.sentences import spacy_splitter  # noqa: E402

OFFICIALS = ["Interior Minister Daria Volkan", "coast guard spokesman Ilyas Reyes", "Governor Mikel Arvanitis",
             "port director Anton Berisha", "Emergencies Minister Ruta Kalvane"]
FACTS = [
    "The tanker Orla Star was seized off Cape Lenna on {day} after a ship-to-ship transfer of crude oil, {who} said.",
    "The vessel was carrying about {barrels:,} barrels of crude loaded in Drevnia, according to {who}.",
    "Its crew of {crew} was detained and questioned by customs officers in Port Caldera.",
    "{who} said the case would be handed to prosecutors within {days} days.",
    "The ship's manager, Halcyon Bay Shipping, denies that the cargo was under sanctions.",
    "Fishermen in Cape Lenna said tankers had loitered offshore with their lights off for {months} months.",
    "Insurers withdrew cover from {ships} ageing tankers registered in Kalvora last year.",
    "The coast guard has inspected {inspected} vessels since January, {who} said.",
    "Analysts say the seizure is the largest of its kind in the region in {years} years.",
    "The port authority said normal traffic at the oil terminal would not be affected.",
]
FILLER = ["Officials gave few further details on {day}.", "The investigation is continuing, {who} added.",
          "Shipping data showed the vessel had switched off its transponder for {days} days.",
          "Local residents gathered at the harbour to watch the tanker arrive.",
          "The government has allocated ${money} million for new radar equipment, {who} said."]


def article_text(rng: random.Random) -> str:
    slots = lambda: {"day": rng.choice(["Tuesday", "Wednesday", "4 March"]), "who": rng.choice(OFFICIALS),  # noqa: E731
                     "barrels": rng.choice([700_000, 700_000, 650_000]), "crew": rng.choice([23, 23, 25]),
                     "days": rng.randint(3, 14), "months": rng.randint(2, 9), "ships": rng.randint(3, 30),
                     "inspected": rng.randint(20, 60), "years": rng.choice([24, 25]), "money": rng.randint(2, 9)}
    chosen = sorted(rng.sample(range(len(FACTS)), rng.randint(5, 9)))
    sentences = [FACTS[i].format(**slots()) for i in chosen]
    for _ in range(rng.randint(4, 12)):
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(FILLER).format(**slots()))
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join(paragraphs)


def make_articles(n: int, seed: int = 11):
    rng = random.Random(seed)
    settings = load_settings(environ={})
    splitter = spacy_splitter(spacy_pipeline(ner=False))
    articles = []
    for k in range(n):
        published = date(2025, 3, 4) + timedelta(days=rng.randint(0, 6)) if rng.random() < 0.8 else None
        raw = RawDocument(source=f"g{k}", format="text", text=article_text(rng), id=f"g{k:04d}",
                          title=f"Tanker report {k}", outlet=f"Outlet {k % 97}", published=published)
        articles.append(build_article(raw, settings, splitter))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    articles = make_articles(args.articles)
    sentences = [s.text for a in articles for s in a.sentences]
    encoder, nlp = MiniLMEncoder(), spacy_pipeline(ner=True)

    times = StageTimes()
    started = time.perf_counter()
    brief = brief_story(articles, encoder, nlp, vector_cache={}, times=times)
    total = time.perf_counter() - started
    unique = list(dict.fromkeys(sentences))
    bare_started = time.perf_counter()
    encoder.encode(unique)  # the bare model on the same (deduplicated) sentences
    bare = time.perf_counter() - bare_started

    embed_rate = len(unique) / times.seconds["embed"]
    result = {
        "articles": len(articles), "sentences": len(sentences), "unique_sentences": len(unique),
        "total_s": round(total, 1), **{f"{k}_s": round(v, 2) for k, v in times.seconds.items()},
        "embed_sentences_per_s": round(embed_rate, 1), "bare_model_sentences_per_s": round(len(unique) / bare, 1),
        "embed_share_of_model_rate": round(embed_rate / (len(unique) / bare), 3),
        "non_embed_share_of_total": round(1 - times.seconds["embed"] / total, 3),
        "facts": len(brief.facts), "conflicts": len(brief.conflicts), "derivations": len(brief.derivations),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    for key, value in result.items():
        print(f"{key:>28}: {value}")
    print(json.dumps({"benchmark": "brief", **result}))


if __name__ == "__main__":
    main()
