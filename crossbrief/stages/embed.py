"""Stage 5, embed: sentence vectors, cached by sentence hash so nothing is encoded twice."""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping, Sequence

import numpy as np

from ..encoders import Encoder


def sentence_key(text: str, encoder_name: str) -> str:
    """Cache key: the model and the exact text."""
    return hashlib.sha1(f"{encoder_name}\x1f{text}".encode()).hexdigest()


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
        known = cache.get_many(keys)  # type: ignore[union-attr]
    else:
        known = {k: cache[k] for k in keys if cache is not None and k in cache}
    missing = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    if missing:
        fresh = dict(zip((k for k, _ in missing), encoder.encode([t for _, t in missing])))
        known.update(fresh)
        if hasattr(cache, "put_many"):
            cache.put_many(fresh)  # type: ignore[union-attr]
        elif cache is not None:
            cache.update(fresh)
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.stack([known[k] for k in keys]).astype(np.float32)
