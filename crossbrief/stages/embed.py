"""Stage 5, embed: sentence vectors, cached by sentence hash so nothing is encoded twice."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, MutableMapping, Sequence
from typing import Protocol, cast

import numpy as np

from ..encoders import Encoder


def sentence_key(text: str, encoder_name: str) -> str:
    """Cache key: the model and the exact text."""
    return hashlib.sha1(f"{encoder_name}\x1f{text}".encode()).hexdigest()


class BulkVectorCache(Protocol):
    """What a store-backed cache (the store's VectorCache) adds to a mapping: many keys per query."""

    def get_many(self, keys: Iterable[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, items: dict[str, np.ndarray]) -> None: ...


def embed_sentences(
    texts: Sequence[str],
    encoder: Encoder,
    cache: MutableMapping[str, np.ndarray] | None = None,
) -> np.ndarray:
    """One normalised vector per text; texts already in ``cache`` are not encoded again.

    The cache may be a dict, or the store's VectorCache (bulk get_many/put_many).
    """
    keys = [sentence_key(t, encoder.name) for t in texts]
    # A store-backed cache answers many keys in one query; a dict answers them one by one.
    if hasattr(cache, "get_many"):
        known = cast(BulkVectorCache, cache).get_many(keys)
    else:
        known = {k: cache[k] for k in keys if cache is not None and k in cache}
    missing = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    if missing:
        fresh = dict(zip((k for k, _ in missing), encoder.encode([t for _, t in missing])))
        known.update(fresh)
        if hasattr(cache, "put_many"):
            cast(BulkVectorCache, cache).put_many(fresh)
        elif cache is not None:
            cache.update(fresh)
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.stack([known[k] for k in keys]).astype(np.float32)
