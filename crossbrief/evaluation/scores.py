"""Precision, recall and F1: the one helper the evaluation scorers share.

>>> PRF.of_counts(2, predicted=4, gold=2)
PRF(precision=0.5, recall=1.0)
>>> PRF(0.5, 1.0).f1
0.6666666666666666
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @classmethod
    def of_counts(cls, true_positives: int, predicted: int, gold: int, *, empty: float = 1.0) -> PRF:
        """P = true_positives / predicted, R = true_positives / gold.

        A zero denominator gives ``empty``: 1.0 by default (nothing predicted, nothing was
        wrong), as clustering's pairwise scores and the quantity scores have it; TempEval-3's
        timex scores pass 0.0.
        """
        return cls(true_positives / predicted if predicted else empty, true_positives / gold if gold else empty)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}
