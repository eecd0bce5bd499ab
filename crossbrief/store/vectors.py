"""Sentence vectors kept in the store, keyed by model and text, so a second brief of the
same articles encodes nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping

import numpy as np

from .sqlite import Store

_CHUNK = 500  # SQLite's default limit on bound variables is 999


class VectorCache(MutableMapping[str, np.ndarray]):
    """A dict-like view of the ``sentence_vectors`` table with bulk look-ups."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get_many(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            rows = self.store.db.execute(
                f"SELECT key, vector FROM sentence_vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self.store.db:
            self.store.db.executemany(
                "INSERT OR REPLACE INTO sentence_vectors (key, dim, vector) VALUES (?, ?, ?)",
                [(k, int(v.shape[0]), np.asarray(v, np.float32).tobytes()) for k, v in items.items()],
            )

    def __getitem__(self, key: str) -> np.ndarray:
        found = self.get_many([key])
        if key not in found:
            raise KeyError(key)
        return found[key]

    def __setitem__(self, key: str, value: np.ndarray) -> None:
        self.put_many({key: value})

    def __delitem__(self, key: str) -> None:
        with self.store.db:
            self.store.db.execute("DELETE FROM sentence_vectors WHERE key = ?", (key,))

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self.store.db.execute("SELECT key FROM sentence_vectors"))

    def __len__(self) -> int:
        return int(self.store.db.execute("SELECT count(*) FROM sentence_vectors").fetchone()[0])
