"""Where ingest's per-file work runs: this process, local worker processes, or a Dask
cluster (local mode, or a scheduler address). Every engine runs the same ``read_file``
and yields ``(files done, items)`` in input order; the caller keeps the one store writer.

    local      read_file in this process (small batches)
    processes  read_file over a spawn pool of ``settings.workers`` processes
    dask       batches of files shipped as task data to Dask workers, which also embed
               every sentence; the vectors go to the store's cache (a later brief of these
               articles encodes nothing)

With no scheduler address a LocalCluster of ``settings.workers`` processes is started;
``--scheduler tcp://host:8786`` uses a running cluster whose workers have crossbrief installed.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from ..errors import UsageError
from ..records import Article, Rejection
from ..store import Store
from .read import read_file

# Below this many files, starting worker processes (~2 s each) costs more than it saves.
PARALLEL_MIN_FILES = 200

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
    from ..encoders import default_encoder
    from ..stages.embed import sentence_key

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
            raise UsageError(
                f"{settings.scheduler}: no Dask scheduler answers there ({err}); "
                "start one or leave --scheduler out for a local cluster"
            ) from err
        with client:
            yield client
        return
    # One thread per worker process: spaCy and the ONNX model are not shared across threads.
    # A task's error reaches the user through its future; what the local workers log is their
    # own shutdown, where a heartbeat racing the closing scheduler prints a harmless traceback.
    with (
        LocalCluster(
            n_workers=settings.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def map_files(files: Sequence[Path], settings: Settings) -> Iterator[tuple[int, Batch]]:
    """(files done, batch) per batch of files, in input order, run on the cluster."""
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


def _parallel(files: list[Path], settings: Settings) -> Iterator[list[Article | Rejection]]:
    """read_file over a process pool, in input order; each worker loads the models once."""
    context = multiprocessing.get_context("spawn")  # fork + spaCy threads can deadlock
    with ProcessPoolExecutor(settings.workers, mp_context=context) as pool:
        yield from pool.map(read_file, files, [settings] * len(files), chunksize=8)


def _on_cluster(files: list[Path], store: Store, settings: Settings) -> Iterator[tuple[int, list[Article | Rejection]]]:
    """Batches built and embedded on a Dask cluster; their sentence vectors go to the store."""
    from ..store.vectors import VectorCache

    vectors = VectorCache(store)
    for done, (items, batch_vectors) in map_files(files, settings):
        vectors.put_many(batch_vectors)
        yield done, items


def run_reads(files: list[Path], store: Store, settings: Settings) -> Iterable[tuple[int, list[Article | Rejection]]]:
    """``read_file`` over ``files`` on the engine the settings choose, as (files done, items)."""
    if settings.engine == "dask":
        return _on_cluster(files, store, settings)
    if settings.workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        return enumerate(_parallel(files, settings), start=1)
    return enumerate((read_file(path, settings) for path in files), start=1)
