"""ROUGE as the DUC evaluations report it, over Google's ``rouge-score`` package.

- every summary is cut to its first ``words`` whitespace words before scoring (ROUGE's
  ``-l 100``), so a system gains nothing from running long;
- tokens are lower-cased alphanumerics, Porter-stemmed (``-m``), stop words kept;
- a summary is scored against each human summary on its own and the scores are averaged
  (DUC's jackknife-free average; ``rouge-score``'s own multi-reference mode takes the max).

    >>> s = score_summary("the cat sat on the mat", ["the cat sat on the mat"], words=100)
    >>> s["rouge1"].recall, s["rouge2"].f1
    (1.0, 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import ModelUnavailable

METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True, slots=True)
class RougeScore:
    """Recall, precision and F1 of one metric (0–1)."""

    recall: float
    precision: float
    f1: float

    def to_dict(self) -> dict[str, float]:
        return {"recall": self.recall, "precision": self.precision, "f1": self.f1}


def truncate(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:words])


@lru_cache(maxsize=1)
def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError as err:  # an optional dependency: only the evaluation needs it
        raise ModelUnavailable(f"rouge-score is not installed ({err}); run: pip install 'rouge-score>=0.1.2'") from err
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def score_summary(summary: str, references: Sequence[str], words: int) -> dict[str, RougeScore]:
    """ROUGE-1, -2 and -L of ``summary`` cut to ``words`` words, averaged over ``references``."""
    if not references:
        raise ValueError("a summary needs at least one reference to be scored against")
    cut = truncate(summary, words)
    per_reference = [_scorer().score(reference, cut) for reference in references]
    return {
        m: RougeScore(
            *(
                sum(getattr(s[m], f) for s in per_reference) / len(per_reference)
                for f in ("recall", "precision", "fmeasure")
            )
        )
        for m in METRICS
    }


def average(scores: Iterable[Mapping[str, RougeScore]]) -> dict[str, RougeScore]:
    """The mean of per-cluster scores, metric by metric (an empty input averages to zeros)."""
    rows = list(scores)
    n = max(1, len(rows))
    return {
        m: RougeScore(
            sum(r[m].recall for r in rows) / n, sum(r[m].precision for r in rows) / n, sum(r[m].f1 for r in rows) / n
        )
        for m in METRICS
    }
