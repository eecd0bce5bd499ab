"""TempEval-3 scoring of time expressions (UzZaman et al. 2013), and a runner over the gold files.

As the official scorer defines it:

- strict match: a predicted span equal to a gold span; relaxed match: spans that overlap.
  Each gold expression matches at most one prediction and each prediction at most one gold.
- P = matches / predicted, R = matches / gold, F1 their harmonic mean (strict and relaxed).
- value (and type) are attributes scored on relaxed-matched pairs: value P =
  correct values / predicted, value R = correct values / gold. Value F1 is the figure
  TempEval-3 ranks normalisation by (HeidelTime 77.61, SUTime 67.38 on the platinum test).

Data: JSON Lines, one document a line, ``{doc_id, dct: {value}, text, timexes: [{type, value,
text, start, end}]}``, offsets into ``text``. The document creation time (dct) is the anchor;
it is not predicted (it is only annotated where the text itself states it).

Splits (:data:`SPLITS`, files in ``../shared/eval/tempeval3``): the rules were written and
measured on TimeBank and AQUAINT, TempEval-3's training data (``tune``); the platinum test
documents (``test``) are held out, and the quality gate's floors are on them alone. Checked
when the splits were added: no rule cites a platinum document, and with each rule left out in
turn, every rule that finds correct platinum values finds more on the tune split. Two docstring
examples are platinum wording ("late last July", "a month earlier"); the first is the only
use of a modifier before "last <month>" in the three sets: one strict platinum span, no value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..records import TimeExpression
from ..stages.extract.timex import find_times
from .quantities import default_eval_dir
from .scores import PRF

Progress = Callable[[int, int], None]

# split name → (description, files under the tempeval3 folder)
SPLITS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tune": ("TimeBank + AQUAINT, the rules were fitted here", ("timebank.jsonl", "aquaint.jsonl")),
    "test": ("TempEval-3 platinum, held out", ("te3_platinum_test.jsonl",)),
}


@dataclass(frozen=True, slots=True)
class TimexScores:
    """Counts and scores of one evaluation (all scores in 0–1)."""

    gold: int
    predicted: int
    strict_matches: int
    relaxed_matches: int
    value_correct: int
    type_correct: int

    def _pr(self, hits: int) -> tuple[float, float, float]:
        # TempEval-3 scores an empty denominator 0.0 (not PRF's default 1.0)
        prf = PRF.of_counts(hits, self.predicted, self.gold, empty=0.0)
        return prf.precision, prf.recall, prf.f1

    @property
    def strict(self) -> tuple[float, float, float]:
        """Strict (exact span) precision, recall, F1."""
        return self._pr(self.strict_matches)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        """Relaxed (overlapping span) precision, recall, F1."""
        return self._pr(self.relaxed_matches)

    @property
    def value(self) -> tuple[float, float, float]:
        """Value precision, recall, F1: TempEval-3's normalisation score."""
        return self._pr(self.value_correct)

    @property
    def type(self) -> tuple[float, float, float]:
        """Type precision, recall, F1, counted like value."""
        return self._pr(self.type_correct)

    @property
    def value_accuracy(self) -> float:
        """Correct values among relaxed matches."""
        return self.value_correct / self.relaxed_matches if self.relaxed_matches else 0.0

    @property
    def type_accuracy(self) -> float:
        """Correct types among relaxed matches."""
        return self.type_correct / self.relaxed_matches if self.relaxed_matches else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Counts and scores as plain data (for ``--json`` output)."""
        return {
            **asdict(self),
            "strict": self.strict,
            "relaxed": self.relaxed,
            "value": self.value,
            "type": self.type,
            "value_accuracy": self.value_accuracy,
            "type_accuracy": self.type_accuracy,
        }


def load_tempeval(path: Path) -> list[dict[str, Any]]:
    """The documents of a TempEval-3 JSON Lines file."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def document_date(doc: Mapping[str, Any]) -> date | None:
    """The document creation date ("1998-02-27T08:17:00" → 1998-02-27), or None."""
    value = str((doc.get("dct") or {}).get("value") or "")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def predict_document(doc: Mapping[str, Any]) -> list[TimeExpression]:
    """Time expressions found in a document's text, anchored at its creation date."""
    return list(find_times(doc["text"], document_date(doc), "publication"))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def match_spans(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans.

    Exact matches are paired first, then the remaining pairs by largest overlap, so a
    prediction that exactly matches one gold span is never taken by its neighbour.
    """
    pairs = [(g, p) for g, gs in enumerate(gold) for p, ps in enumerate(predicted) if _overlap(gs, ps) > 0]
    pairs.sort(key=lambda gp: (gold[gp[0]] != predicted[gp[1]], -_overlap(gold[gp[0]], predicted[gp[1]]), gp))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched: list[tuple[int, int]] = []
    for g, p in pairs:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            matched.append((g, p))
    return sorted(matched)


def _score_document(gold: Sequence[Mapping[str, Any]], predicted: Sequence[TimeExpression]) -> TimexScores:
    gold_spans = [(int(t["start"]), int(t["end"])) for t in gold]
    pred_spans = [(t.start, t.end) for t in predicted]
    pairs = match_spans(gold_spans, pred_spans)
    return TimexScores(
        gold=len(gold),
        predicted=len(predicted),
        strict_matches=sum(gold_spans[g] == pred_spans[p] for g, p in pairs),
        relaxed_matches=len(pairs),
        value_correct=sum(gold[g]["value"] == predicted[p].value for g, p in pairs),
        type_correct=sum(gold[g]["type"] == predicted[p].type for g, p in pairs),
    )


def _sum(parts: Iterable[TimexScores]) -> TimexScores:
    totals = [0] * 6
    for part in parts:
        for i, count in enumerate(
            (
                part.gold,
                part.predicted,
                part.strict_matches,
                part.relaxed_matches,
                part.value_correct,
                part.type_correct,
            )
        ):
            totals[i] += count
    return TimexScores(*totals)


def score(
    gold_docs: Iterable[Mapping[str, Any]], predictions_by_doc: Mapping[str, Sequence[TimeExpression]]
) -> TimexScores:
    """Micro-averaged TempEval-3 scores of predictions (by doc_id) against gold documents.

    A gold document with no entry in ``predictions_by_doc`` counts as predicted empty.
    """
    return _sum(_score_document(doc.get("timexes", []), predictions_by_doc.get(doc["doc_id"], ())) for doc in gold_docs)


def evaluate_file(path: Path, out: Path | None = None, progress: Progress | None = None) -> TimexScores:
    """Predict and score every document of a TempEval-3 JSON Lines file.

    ``out``: where to write one JSON line per predicted expression
    (``{"doc_id", "start", "end", "text", "value"}``); ``progress(done, total)`` is called
    after each document.
    """
    docs = load_tempeval(path)
    predictions = _predict_all(docs, progress)
    if out is not None:
        _write_predictions(Path(out), docs, predictions)
    return score(docs, predictions)


def split_files(split: str, eval_dir: str | Path | None = None) -> list[Path]:
    """The files of ``split`` ("tune" or "test") in the shared eval folder's tempeval3/."""
    folder = (Path(eval_dir) if eval_dir is not None else default_eval_dir()) / "tempeval3"
    paths = [folder / name for name in SPLITS[split][1]]
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: not found; TempEval-3 lives in ../shared/eval/tempeval3 (or pass --eval-dir)")
    return paths


def evaluate_split(split: str, eval_dir: str | Path | None = None, progress: Progress | None = None) -> TimexScores:
    """Micro-averaged scores over the files of ``split`` ("tune" or "test", see :data:`SPLITS`)."""
    docs = [doc for path in split_files(split, eval_dir) for doc in load_tempeval(path)]
    return score(docs, _predict_all(docs, progress))


def _predict_all(docs: Sequence[Mapping[str, Any]], progress: Progress | None) -> dict[str, list[TimeExpression]]:
    """Each document's predictions by doc_id; ``progress(done, total)`` after each."""
    if len({doc["doc_id"] for doc in docs}) < len(docs):
        raise ValueError("TempEval-3 documents with the same doc_id: their predictions would be mixed up")
    predictions: dict[str, list[TimeExpression]] = {}
    for done, doc in enumerate(docs, 1):
        predictions[doc["doc_id"]] = predict_document(doc)
        if progress is not None:
            progress(done, len(docs))
    return predictions


def _write_predictions(
    out: Path, docs: Sequence[Mapping[str, Any]], predictions: Mapping[str, Sequence[TimeExpression]]
) -> None:
    with out.open("w", encoding="utf-8") as handle:
        for doc in docs:
            for t in predictions[doc["doc_id"]]:
                row = {"doc_id": doc["doc_id"], "start": t.start, "end": t.end, "text": t.text, "value": t.value}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def format_scores(scores: TimexScores) -> str:
    """A small plain-text table of the scores (percentages) and counts."""
    lines = [f"{'':10}{'P':>7}{'R':>7}{'F1':>7}"]
    for name in ("strict", "relaxed", "value", "type"):
        p, r, f = getattr(scores, name)
        lines.append(f"{name:10}{100 * p:7.2f}{100 * r:7.2f}{100 * f:7.2f}")
    lines.append(
        f"gold {scores.gold}, predicted {scores.predicted}, "
        f"strict {scores.strict_matches}, relaxed {scores.relaxed_matches}, "
        f"value {scores.value_correct} "
        f"(accuracy {100 * scores.value_accuracy:.1f}%), type accuracy "
        f"{100 * scores.type_accuracy:.1f}%"
    )
    return "\n".join(lines)


def format_splits(results: Mapping[str, TimexScores]) -> str:
    """One table per split, headed by its name and what it is (the held-out one last)."""
    parts = []
    for name, scores in results.items():
        about = SPLITS[name][0] if name in SPLITS else name
        parts.append(f"{name} ({about})\n{format_scores(scores)}")
    return "\n\n".join(parts)
