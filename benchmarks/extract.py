"""Extract benchmark: sentences/s and kchar/s of the extract stage, with and without
multiprocessing, and peak memory; split into NER and the rule-based parts.

    python benchmarks/extract.py [--articles 300]

Models are loaded once, before timing (start-up is not per-sentence work).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from brief import make_articles  # noqa: E402
from report import print_figures  # noqa: E402

from crossbrief.models import spacy_pipeline  # noqa: E402
from crossbrief.stages.extract.attribution import find_attribution, find_modality  # noqa: E402
from crossbrief.stages.extract.quantities import find_quantities  # noqa: E402
from crossbrief.stages.extract.story import extract_story  # noqa: E402
from crossbrief.stages.extract.timex import find_times  # noqa: E402


def timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    articles = make_articles(args.articles)
    texts = [s.text for a in articles for s in a.sentences]
    chars = sum(len(t) for t in texts)
    nlp = spacy_pipeline(ner=True)
    nlp("warm up")

    _, ner_s = timed(lambda: list(nlp.pipe(texts, batch_size=128)))
    _, rules_s = timed(
        lambda: [
            (find_quantities(t), find_times(t, None, "none"), find_attribution(t), find_modality(t)) for t in texts
        ]
    )
    # From scratch (entities not found at ingest): NER runs here, in 1 or 2 processes.
    bare = [replace(a, entities=None) for a in articles]
    _, serial_s = timed(lambda: extract_story(bare, nlp, n_process=1))
    _, parallel_s = timed(lambda: extract_story(bare, nlp, n_process=2))
    # As a brief runs it on stored articles: ingest already found the entity spans.
    _, stored_s = timed(lambda: extract_story(articles, nlp))
    result = {
        "articles": len(articles),
        "sentences": len(texts),
        "kchars": round(chars / 1000, 1),
        "ner_sentences_per_s": round(len(texts) / ner_s),
        "rules_sentences_per_s": round(len(texts) / rules_s),
        "extract_sentences_per_s_1_process": round(len(texts) / serial_s),
        "extract_kchar_per_s_1_process": round(chars / 1000 / serial_s, 1),
        "extract_sentences_per_s_2_processes": round(len(texts) / parallel_s),
        "extract_kchar_per_s_2_processes": round(chars / 1000 / parallel_s, 1),
        "extract_sentences_per_s_with_ingest_spans": round(len(texts) / stored_s),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    print_figures("extract", result)


if __name__ == "__main__":
    main()
