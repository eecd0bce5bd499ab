"""A whole collection's article vectors, compact: sparse rows over one vocabulary.

A batch run holds every article's vectors at once. As dicts of key → weight
(:class:`~.articles.ArticleVectors`) they took about 40 KB an article, counts and vectors
together (about 5 GB at 10⁵ articles); as rows of key ids and weights (an int32 and a
float64 a key) they take a tenth, and the cosines the neighbour search needs are array
products, not Python loops.

Keys are numbered in sorted order, so ordering keys by id orders them as strings do (ties in
:func:`~.vectors.top_keys` go to the smaller key). Weights are those of
:func:`~.articles.weigh`: sublinear TF times the frozen IDF, unit length, then sharpened.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np

from .articles import ArticleCounts, ArticleVectors
from .settings import ClusterSettings
from .vectors import RunningIdf


@dataclass(frozen=True)
class SparseRows:
    """Unit vectors as CSR rows: row i's keys are ``indices[indptr[i]:indptr[i + 1]]``,
    ascending, and its weights the same slice of ``data``."""

    indptr: np.ndarray  # int64, one more than the rows
    indices: np.ndarray  # int32 key ids
    data: np.ndarray  # float64 weights

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.indptr[i], self.indptr[i + 1]
        return self.indices[start:end], self.data[start:end]

    def heaviest(self, i: int, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Row i's ``count`` heaviest keys and their weights, heaviest first, ties to the
        smaller key (as :func:`~.vectors.top_keys`)."""
        keys, weights = self.row(i)
        if count <= 0 or not len(keys):
            return keys[:0], weights[:0]
        order = np.lexsort((keys, -weights))[:count]
        return keys[order], weights[order]

    def dots(self, rows: np.ndarray, scattered: np.ndarray) -> np.ndarray:
        """The dot product of each of ``rows`` with the vector scattered densely over the
        vocabulary in ``scattered``."""
        starts = self.indptr[rows]
        lengths = self.indptr[rows + 1] - starts
        sums = np.zeros(len(rows))
        if not lengths.sum():
            return sums
        positions = segment_positions(starts, lengths)
        products = self.data[positions] * scattered[self.indices[positions]]
        nonempty = lengths > 0
        sums[nonempty] = np.add.reduceat(products, (np.cumsum(lengths) - lengths)[nonempty])
        return sums


def segment_positions(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions of segments of a flat array, concatenated: ``starts[k]`` up to
    ``starts[k] + lengths[k]`` for each k (a CSR matrix's rows, an index's postings)."""
    return np.arange(lengths.sum()) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)


@dataclass(frozen=True)
class CompactVectors:
    """A collection's articles (in canonical order) as word rows and name rows."""

    ids: list[str]
    when: list[date | None]
    vocabulary: list[str]  # sorted
    words: SparseRows
    names: SparseRows

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i: int) -> ArticleVectors:
        """Article i as dicts (built on demand: for the few articles a caller reads)."""
        vocabulary = self.vocabulary

        def as_dict(rows: SparseRows) -> dict[str, float]:
            keys, weights = rows.row(i)
            return {vocabulary[k]: float(w) for k, w in zip(keys.tolist(), weights.tolist())}

        return ArticleVectors(self.ids[i], self.when[i], as_dict(self.words), as_dict(self.names))

    def __iter__(self) -> Iterator[ArticleVectors]:
        return (self[i] for i in range(len(self)))


class _RowBuilder:
    """Rows of (key id, count) as they are counted, appended to two flat arrays (key ids in
    order of first sight): a few bytes a key, with no per-article objects."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self.vocabulary = vocabulary
        self.keys = array("i")
        self.counts = array("d")
        self.starts = array("q", [0])

    def add(self, counts: dict[str, float]) -> None:
        ids = self.vocabulary
        self.keys.extend([ids.setdefault(k, len(ids)) for k in counts])
        self.counts.extend(counts.values())
        self.starts.append(len(self.keys))

    def rows(self, order: list[int], renumber: np.ndarray, idf: np.ndarray, power: float) -> SparseRows:
        """The rows in ``order``, keys renumbered, weighed as :func:`~.articles.weigh` does;
        a block of rows at a time, so the temporaries stay small at any size."""
        all_keys = np.frombuffer(self.keys, np.int32) if len(self.keys) else np.zeros(0, np.int32)
        all_counts = np.frombuffer(self.counts, np.float64) if len(self.counts) else np.zeros(0)
        starts = np.frombuffer(self.starts, np.int64)
        total = len(all_keys)
        indices, data = np.empty(total, np.int32), np.empty(total)
        indptr = np.zeros(len(order) + 1, np.int64)
        filled = 0
        for at in range(0, len(order), _BLOCK_ROWS):
            block = np.asarray(order[at : at + _BLOCK_ROWS], np.int64)
            lengths = starts[block + 1] - starts[block]
            bounds = np.concatenate(([0], np.cumsum(lengths)))
            positions = segment_positions(starts[block], lengths)
            keys, counts = renumber[all_keys[positions]], all_counts[positions]
            weights = np.where(counts > 0, (1.0 + np.log(np.maximum(counts, 1e-300))) * idf[keys], 0.0)
            weights = _unit_rows(bounds, weights)
            if power != 1.0:
                weights = _unit_rows(bounds, weights**power)
            # ascending keys within each row, zero weights dropped
            row_of = np.repeat(np.arange(len(block)), lengths)
            sort = np.lexsort((keys, row_of))
            kept = weights[sort] != 0.0
            keys, weights, row_of = keys[sort][kept], weights[sort][kept], row_of[sort][kept]
            indices[filled : filled + len(keys)] = keys
            data[filled : filled + len(keys)] = weights
            indptr[at + 1 : at + len(block) + 1] = filled + np.cumsum(np.bincount(row_of, minlength=len(block)))
            filled += len(keys)
        del all_keys, all_counts, starts  # views of the arrays freed next
        self.keys, self.counts, self.starts = array("i"), array("d"), array("q", [0])
        if filled < total:
            indices, data = indices[:filled].copy(), data[:filled].copy()
        return SparseRows(indptr, indices, data)


# Rows weighed at once: the temporaries of a block are a few MB.
_BLOCK_ROWS = 2048


def _unit_rows(indptr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each row's weights scaled to length 1 (an all-zero row stays zero)."""
    lengths = np.diff(indptr)
    squares = np.zeros(len(lengths))
    nonempty = lengths > 0
    if len(weights):
        squares[nonempty] = np.add.reduceat(weights * weights, indptr[:-1][nonempty])
    norms = np.sqrt(squares)
    norms[norms == 0.0] = 1.0
    return weights / np.repeat(norms, lengths)


def compact_collection(
    counted: Iterable[ArticleCounts], idf: RunningIdf, settings: ClusterSettings
) -> tuple[CompactVectors, list[frozenset[int]], list[frozenset[str]]]:
    """Count every article into ``idf`` (then frozen) and weigh the collection, in canonical
    order (undated last, then date, then id); also each article's years and lead numbers.

    Each article's counts are turned into arrays as it is counted, so the dicts of one
    article at a time are alive, not the collection's.
    """
    vocabulary: dict[str, int] = {}
    words, names = _RowBuilder(vocabulary), _RowBuilder(vocabulary)
    ids: list[str] = []
    when: list[date | None] = []
    years: list[frozenset[int]] = []
    numbers: list[frozenset[str]] = []
    for c in counted:
        idf.observe(c.keys())
        words.add(c.words)
        names.add(c.names)
        ids.append(c.id)
        when.append(c.when)
        years.append(c.years)
        numbers.append(c.numbers)
    idf.freeze()
    order = sorted(range(len(ids)), key=lambda n: (when[n] is None, when[n] or date.min, ids[n]))
    keys = sorted(vocabulary)
    renumber = np.empty(len(keys), np.int64)
    renumber[np.fromiter((vocabulary[k] for k in keys), np.int64, len(keys))] = np.arange(len(keys))
    weights = np.fromiter((idf.idf(k) for k in keys), np.float64, len(keys))
    vectors = CompactVectors(
        [ids[n] for n in order],
        [when[n] for n in order],
        keys,
        words.rows(order, renumber, weights, settings.word_power),
        names.rows(order, renumber, weights, settings.name_power),
    )
    return vectors, [years[n] for n in order], [numbers[n] for n in order]
