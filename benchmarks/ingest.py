"""Ingest benchmark: articles/s and peak memory ingesting generated text and HTML articles.

    python benchmarks/ingest.py [--articles 5000]

Prints one line per figure and a JSON record (to keep figures comparable across runs).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write_corpus  # noqa: E402
from report import print_figures  # noqa: E402

from crossbrief.config import load_settings  # noqa: E402
from crossbrief.models import spacy_pipeline  # noqa: E402
from crossbrief.pipeline import ingest_paths  # noqa: E402
from crossbrief.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus", args.articles)
        chars = sum(p.stat().st_size for p in corpus.iterdir())
        spacy_pipeline(ner=False)  # model load is start-up, not per-article work
        settings = load_settings(overrides={"db": Path(tmp) / "bench.db"}, environ={})
        started = time.perf_counter()
        with Store(settings.db) as store:
            report = ingest_paths([str(corpus)], store, settings)
        elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {
        "articles": len(report.articles),
        "rejected": len(report.rejected),
        "input_mb": round(chars / 1e6, 1),
        "seconds": round(elapsed, 1),
        "articles_per_s": round(len(report.articles) / elapsed, 1),
        "workers": settings.workers,
        "peak_rss_mib": round(peak_mib),
        "worker_peak_rss_mib": round(worker_peak_mib),
    }
    print_figures("ingest", result)


if __name__ == "__main__":
    main()
