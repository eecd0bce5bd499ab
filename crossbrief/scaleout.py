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


FileContent = tuple[Path, bytes, int]  # path as given, its bytes (empty when over max_bytes), size


def file_content(path: Path, settings: Settings) -> FileContent | None:
    """What the driver ships for one file: workers may run where the file is not (another
    machine, another working folder). None when it cannot be read here (read_file says why)."""
    try:
        size = path.stat().st_size
        return path, (b"" if size > settings.max_bytes else path.read_bytes()), size
    except OSError:
        return None


def read_and_embed(files: Sequence[FileContent], settings: Settings) -> Batch:
    """One task: every article of ``files`` built, and the vectors of their sentences."""
    from .encoders import default_encoder
    from .pipeline import read_file
    from .stages.embed import sentence_key

    items = [item for path, data, size in files for item in read_file(path, settings, (data, size))]
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
    from .pipeline import read_file

    batches = [list(files[i : i + BATCH_FILES]) for i in range(0, len(files), BATCH_FILES)]
    if not batches:
        return

    def submit(client: Any, batch: list[Path]) -> tuple[Any, list[Article | Rejection]]:
        """The batch's readable files go to the cluster as data; the others are rejected here."""
        shipped = [c for c in (file_content(p, settings) for p in batch) if c is not None]
        sent = {c[0] for c in shipped}
        unread = [item for p in batch if p not in sent for item in read_file(p, settings)]
        return client.submit(read_and_embed, shipped, settings, pure=False), unread

    with dask_client(settings) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = workers * IN_FLIGHT_PER_WORKER
        pending = [submit(client, b) for b in batches[:window]]
        done = 0
        for n in range(len(batches)):
            future, unread = pending.pop(0)
            items, vectors = future.result()
            if n + window < len(batches):
                pending.append(submit(client, batches[n + window]))
            done += len(batches[n])
            yield done, (items + unread, vectors)
