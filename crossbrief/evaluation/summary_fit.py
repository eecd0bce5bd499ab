"""The summary's weights fitted on some evaluation files and scored on one they never saw.

    1. runs      each file's clusters read and briefed once, up to the summary's candidates,
                 with the baselines' summaries (``summaries.prepare``); kept in memory, or
                 pickled under ``cache`` so a second fit starts at once
    2. fit       coordinate search over a few weights (``GRID``) from plain round values
                 (``summary.PLAIN_WEIGHTS``): one weight at a time, the value with the best
                 mean ROUGE-1 + ROUGE-2 recall, each file weighing alike; a value must beat
                 the current one by ``MIN_GAIN`` and be worse on no file, so a weight stays
                 plain unless every file asks otherwise; the reserved clusters never count
    3. hold out  leave one file out: each file scored with the weights fitted on the others,
                 beside the shipped and the plain weights and the same run's baselines

Fitting reads only the runs in memory: a weight setting costs about 35 ms a cluster, so a
whole leave-one-file-out over DUC 2003 tasks 2 and 3 and MultiLing takes two minutes once
the runs are cached.

    >>> sorted(GRID)
    ['centrality_bonus', 'lead_concept_bonus', 'position_bonus']
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..stages.summary import DEFAULT_WEIGHTS, DEFAULT_WEIGHTS_FITTED_ON, PLAIN_WEIGHTS, SummaryWeights
from ..version import __version__
from .rouge import RougeScore
from .summaries import (
    BASELINES,
    ClusterRun,
    SummaryEvaluation,
    crossbrief_text,
    fill_note,
    load_clusters,
    prepare,
    score_runs,
)
from .summaries import score_summary as _score_summary

Progress = Callable[[int, int], None]
Scores = dict[str, dict[str, RougeScore]]  # system → metric → score

# The weights fitted and the values tried: three, in coarse steps; the others keep their
# plain values. With all eight weights on the grid (lead decay, concept share, redundancy,
# both penalties too), each fold moved a different handful and the held-out files lost:
# R-1 + R-2 recall summed over the three held-out files 124.1 against 124.9 with these three.
GRID: dict[str, tuple[float, ...]] = {
    "centrality_bonus": (0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0),
    "position_bonus": (0.0, 0.5, 1.0, 2.0, 3.0),
    "lead_concept_bonus": (0.0, 1.0, 2.0, 4.0),
}
# Passes over the grid at most (a pass that moves nothing ends the search).
ROUNDS = 2
# A value replaces the current one only when mean R-1 + R-2 recall gains this much (0.2
# points): smaller gains are within what one cluster's luck moves.
MIN_GAIN = 0.002


@dataclass(frozen=True)
class HeldOut:
    """One file scored with weights fitted without it."""

    file: str
    fitted_on: tuple[str, ...]
    weights: SummaryWeights
    held_out: SummaryEvaluation  # crossbrief with ``weights``, and the baselines
    shipped: SummaryEvaluation  # crossbrief with the briefing's weights (DEFAULT_WEIGHTS)
    plain: SummaryEvaluation  # crossbrief with the fit's starting point (PLAIN_WEIGHTS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "fitted_on": list(self.fitted_on),
            "weights": changed_weights(self.weights),
            "held_out": self.held_out.to_dict(),
            "shipped": self.shipped.to_dict(),
            "plain": self.plain.to_dict(),
        }


def changed_weights(weights: SummaryWeights, base: SummaryWeights = PLAIN_WEIGHTS) -> dict[str, Any]:
    """The weights that differ from ``base``, by name."""
    return {
        f.name: getattr(weights, f.name) for f in fields(weights) if getattr(weights, f.name) != getattr(base, f.name)
    }


# -- 1. runs ------------------------------------------------------------------------------------


def load_runs(
    path: Path,
    words: int = 100,
    limit: int | None = None,
    cache: Path | None = None,
    progress: Progress | None = None,
) -> list[ClusterRun]:
    """The runs of the first ``limit`` clusters of ``path`` (all when None), from ``cache``
    when it holds them: the cache is keyed by the file's content, the word budget and
    crossbrief's version, not by the pipeline's code, so clear it after changing a stage."""
    key = hashlib.sha1(Path(path).read_bytes()).hexdigest()[:12]
    cached = cache / f"{Path(path).stem}-{key}-{words}w-{limit or 'all'}-{__version__}.pickle" if cache else None
    if cached is not None and cached.exists():
        with cached.open("rb") as handle:  # our own cache folder: pickle is trusted here
            runs: list[ClusterRun] = pickle.load(handle)
        return runs
    runs = prepare(load_clusters(path, limit), words, BASELINES, progress)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pickle.dumps(runs))
    return runs


# -- 2. fit -------------------------------------------------------------------------------------


class Objective:
    """Mean ROUGE-1 + ROUGE-2 recall of crossbrief over the unreserved runs of each file,
    then over files; a summary scored once is remembered (many weights pick the same one)."""

    def __init__(self, files: Mapping[str, Sequence[ClusterRun]], overrun: int = 0) -> None:
        self.overrun = overrun
        self.files = {name: [r for r in runs if not r.reserved] for name, runs in files.items()}
        self.files = {name: runs for name, runs in self.files.items() if runs}
        if not self.files:
            raise UsageError("nothing to fit on: every cluster given is reserved or the files are empty")
        self._scores: dict[tuple[str, str, str], float] = {}

    def _score(self, file: str, run: ClusterRun, text: str) -> float:
        key = (file, run.id, text)
        if key not in self._scores:
            s: dict[str, RougeScore] = _score_summary(text, run.references, run.words)
            self._scores[key] = s["rouge1"].recall + s["rouge2"].recall
        return self._scores[key]

    def per_file(self, weights: SummaryWeights) -> dict[str, float]:
        """Each file's mean R-1 + R-2 recall with ``weights``."""
        return {
            file: sum(self._score(file, r, crossbrief_text(r, weights, self.overrun)) for r in runs) / len(runs)
            for file, runs in self.files.items()
        }

    def __call__(self, weights: SummaryWeights) -> float:
        means = self.per_file(weights)
        return sum(means.values()) / len(means)


def fit(
    files: Mapping[str, Sequence[ClusterRun]],
    start: SummaryWeights = PLAIN_WEIGHTS,
    grid: Mapping[str, Sequence[float]] = GRID,
    rounds: int = ROUNDS,
    min_gain: float = MIN_GAIN,
    overrun: int = 0,
) -> SummaryWeights:
    """Weights from ``start``, one grid weight at a time moved to its best value (step 2):
    the best mean over the files, by at least ``min_gain``, and worse on none of them (a
    weight that helps one file at another's cost fits the file, not news). ``overrun`` as
    in ``summaries.crossbrief_text``."""
    objective = Objective(files, overrun)
    best, scores = start, objective.per_file(start)
    for _ in range(rounds):
        moved = False
        for name, values in grid.items():
            tried = [(objective.per_file(replace(best, **{name: v})), v) for v in values if v != getattr(best, name)]
            better = [(_mean(s), v) for s, v in tried if all(s[f] >= scores[f] for f in scores)]
            if better and (top := max(better))[0] > _mean(scores) + min_gain:
                best, moved = replace(best, **{name: top[1]}), True
                scores = objective.per_file(best)
        if not moved:
            break
    return best


def _mean(scores: Mapping[str, float]) -> float:
    return sum(scores.values()) / len(scores)


# -- 3. hold out --------------------------------------------------------------------------------


def leave_one_file_out(
    files: Mapping[str, Sequence[ClusterRun]],
    overrun: int = 0,
    fit_weights: Callable[[Mapping[str, Sequence[ClusterRun]]], SummaryWeights] | None = None,
) -> list[HeldOut]:
    """Each file scored with weights fitted on all the others (step 3; ``fit_weights``:
    ``fit`` unless given)."""
    if len(files) < 2:
        raise UsageError("leaving one file out needs at least two files: give DUC 2003 task 2, task 3 and MultiLing")
    held = []
    for name, runs in files.items():
        others = {other: r for other, r in files.items() if other != name}
        weights = fit_weights(others) if fit_weights else fit(others, overrun=overrun)
        scored = score_runs(runs, weights, name, overrun=overrun)
        shipped = score_runs(runs, DEFAULT_WEIGHTS, name, overrun=overrun)
        plain = score_runs(runs, PLAIN_WEIGHTS, name, overrun=overrun)
        held.append(HeldOut(name, tuple(others), weights, scored, shipped, plain))
    return held


def format_held_out(results: Sequence[HeldOut]) -> str:
    """A row per file and system, ROUGE-1/2/L recall (percentages): crossbrief with weights
    fitted without the file, with the shipped weights (in-sample on the files they were
    fitted on), with the plain starting weights, and the baselines; the reserved clusters
    apart; then each fold's weights."""
    words, overrun = (results[0].held_out.words, results[0].held_out.overrun) if results else (100, 0)
    lines = [
        f"Leave one file out: each file scored with weights fitted on the others; first {words} words, recall",
        fill_note(words, overrun),
        f"{'file':24}{'clusters':>9}  {'system':32}{'R-1':>7}{'R-2':>7}{'R-L':>7}",
    ]

    def rows(
        result: HeldOut,
        scores_of: Callable[[SummaryEvaluation], dict[str, dict[str, RougeScore]]],
        label: str,
        count: int,
    ) -> None:
        held = scores_of(result.held_out)
        in_sample = Path(result.file).stem in DEFAULT_WEIGHTS_FITTED_ON
        shipped = "crossbrief (shipped, in-sample)" if in_sample else "crossbrief (shipped)"
        systems = {
            "crossbrief (held out)": held["crossbrief"],
            shipped: scores_of(result.shipped)["crossbrief"],
            "crossbrief (plain)": scores_of(result.plain)["crossbrief"],
        }
        systems |= {s: held[s] for s in held if s != "crossbrief"}
        for n, (system, by) in enumerate(systems.items()):
            head = f"{label:24}" if n == 0 else " " * 24
            cells = "".join(f"{100 * by[m].recall:7.2f}" for m in ("rouge1", "rouge2", "rougeL"))
            lines.append(f"{head}{count if n == 0 else '':>9}  {system:32}{cells}")

    for result in results:
        rows(result, lambda e: e.scores, Path(result.file).stem, result.held_out.clusters)
    if any(r.held_out.reserved for r in results):
        lines.append("reserved clusters, apart (never fitted on):")
        for result in results:
            if result.held_out.reserved:
                rows(
                    result,
                    lambda e: e.reserved_scores,
                    f"{Path(result.file).stem} reserved",
                    len(result.held_out.reserved),
                )
    lines.append(f"shipped weights fitted on: {', '.join(DEFAULT_WEIGHTS_FITTED_ON)}")
    lines.append("weights fitted without each file (changes from the plain starting weights):")
    for result in results:
        changed = ", ".join(f"{k}={v}" for k, v in changed_weights(result.weights).items()) or "none"
        lines.append(f"  without {Path(result.file).stem}: {changed}")
    return "\n".join(lines)
