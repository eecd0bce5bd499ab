"""Scale-out benchmark: the same generated archive ingested by local processes and by a
Dask cluster in local mode (which also embeds every sentence), then briefed.

    python benchmarks/scaleout.py [--articles 1000]

Reports, for each engine, the ingest time and the time to have every sentence embedded
as well (a local ingest leaves embedding to the brief; the cluster's workers do it), the
cluster's start-up, and the embed seconds of a brief that follows (near zero once the
vectors are stored). On one machine a cluster cannot beat local processes; what this
shows is the engine's overhead on the same work.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_corpus  # noqa: E402
from report import print_figures  # noqa: E402

from crossbrief.config import load_settings  # noqa: E402
from crossbrief.encoders import default_encoder  # noqa: E402
from crossbrief.models import spacy_pipeline  # noqa: E402
from crossbrief.pipeline import (  # noqa: E402
    StageTimes,
    brief_story,
    ingest_paths,  # noqa: E402
)
from crossbrief.stages.embed import embed_sentences  # noqa: E402
from crossbrief.store import Store  # noqa: E402
from crossbrief.store.vectors import VectorCache  # noqa: E402

BRIEF_ARTICLES = 100  # the brief after ingest: one story of this many articles


def _run(corpus: Path, db: Path, engine: str) -> dict[str, float]:
    settings = load_settings(overrides={"db": db, "engine": engine}, environ={})
    started = time.perf_counter()
    with Store(db) as store:
        report = ingest_paths([str(corpus)], store, settings)
        ingest_s = time.perf_counter() - started
        # Every sentence embedded into the store: the brief's costliest stage, done ahead
        # (already done on the workers after a cluster ingest).
        embed_sentences([s.text for a in report.articles for s in a.sentences], default_encoder(), VectorCache(store))
        both_s = time.perf_counter() - started
        articles = sorted(report.articles, key=lambda a: a.id)[:BRIEF_ARTICLES]
        times = StageTimes()
        brief_story(articles, default_encoder(), spacy_pipeline(ner=True), vector_cache=VectorCache(store), times=times)
    return {
        f"{engine}_ingest_s": round(ingest_s, 1),
        f"{engine}_ingest_and_embed_all_s": round(both_s, 1),
        f"{engine}_articles_per_s (ingest and embed)": round(len(report.articles) / both_s, 1),
        f"{engine}_then_brief_embed_s": round(times.seconds["embed"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus", args.articles)
        spacy_pipeline(ner=True)("warm up")
        default_encoder().encode(["warm up"])
        from distributed import Client, LocalCluster

        started = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
            startup = time.perf_counter() - started
        result = {
            "articles": args.articles,
            "cluster_start_s": round(startup, 1),
            **_run(corpus, Path(tmp) / "local.db", "processes"),
            **_run(corpus, Path(tmp) / "dask.db", "dask"),
        }
    print_figures("scaleout", result)


if __name__ == "__main__":
    main()
