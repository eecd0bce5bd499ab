"""Scale-out: the per-article stages on a Dask cluster, for archives one machine is slow at.

    driver   discover files → batches → (workers) → store articles, rejections, vectors
    worker   read_file (ingest → clean → sentences + NER) → embed every sentence

The workers run the same stage functions as a local ingest; the driver keeps the one
SQLite writer. Sentence vectors come back with the articles and go to the store's
vector cache, so a later brief of these articles encodes nothing.

With no scheduler address a LocalCluster of ``settings.workers`` processes is started
(the engine's local mode); ``--scheduler tcp://host:8786`` uses a running cluster whose
workers have crossbrief installed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .config import Settings
from .errors import UsageError
from .records import Article, Rejection

# Files per task: enough that scheduling costs little next to parsing, few enough that a
# worker's results stay small and the progress bar moves.
BATCH_FILES = 16
# Tasks in flight per worker: keeps workers busy without holding the archive in memory.
IN_FLIGHT_PER_WORKER = 4

Batch = tuple[list[Article | Rejection], dict[str, np.ndarray]]


def read_and_embed(files: Sequence[Path], settings: Settings) -> Batch:
    """One task: every article of ``files`` built, and the vectors of their sentences."""
    from .encoders import default_encoder
    from .pipeline import read_file
    from .stages.embed import sentence_key

    items = [item for path in files for item in read_file(path, settings)]
    encoder = default_encoder(threads=1)  # one per worker process: workers share the cores
    texts = list(dict.fromkeys(s.text for a in items if isinstance(a, Article) for s in a.sentences))
    vectors = encoder.encode(texts) if texts else np.zeros((0, encoder.dim), np.float32)
    return items, {sentence_key(t, encoder.name): v for t, v in zip(texts, vectors)}


@contextmanager
def dask_client(settings: Settings) -> Iterator[Any]:
    """A client of the cluster at ``settings.scheduler``, or of a LocalCluster started here."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise UsageError("the dask engine needs the scale extra: pip install 'crossbrief[scale]'") from err
    if settings.scheduler:
        try:
            client = Client(settings.scheduler, timeout="10s")
        except OSError as err:
            raise UsageError(f"{settings.scheduler}: no Dask scheduler answers there ({err}); "
                             "start one or leave --scheduler out for a local cluster") from err
        with client:
            yield client
        return
    # One thread per worker process: spaCy and the ONNX model are not shared across threads.
    with LocalCluster(n_workers=settings.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def map_files(files: Sequence[Path], settings: Settings) -> Iterator[tuple[int, Batch]]:
    """(files done, batch) per batch of files, in input order, run on the cluster."""
    batches = [list(files[i : i + BATCH_FILES]) for i in range(0, len(files), BATCH_FILES)]
    if not batches:
        return
    with dask_client(settings) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = workers * IN_FLIGHT_PER_WORKER
        pending = [client.submit(read_and_embed, b, settings, pure=False) for b in batches[:window]]
        done = 0
        for n in range(len(batches)):
            batch = pending.pop(0).result()
            if n + window < len(batches):
                pending.append(client.submit(read_and_embed, batches[n + window], settings, pure=False))
            done += len(batches[n])
            yield done, batch
