"""``crossbrief eval …``: score crossbrief against gold data, one verb per task.

Each verb prints a table (or ``--json``), shows progress on stderr, and can write its
predictions with ``--out`` so they can be inspected or scored by another tool.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from .cli_support import stderr, user_errors
from .errors import UsageError


@contextmanager
def _bar(label: str) -> Iterator[Callable[[int, int], None]]:
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=stderr, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _existing(path: str) -> Path:
    found = Path(path)
    if not found.exists():
        raise UsageError(f"{path}: not found; the shared evaluation data lives in ../shared/eval/")
    return found


@click.group("eval")
def eval_group() -> None:
    """Score crossbrief against gold data (time expressions, quantities, story clustering)."""


@eval_group.command("timex")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(dir_okay=False), help="Write predictions, one JSON line each.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_timex(file: str, out: str | None, as_json: bool) -> None:
    """Time expressions on TempEval-3 data: strict/relaxed span P/R/F1 and value F1."""
    from .evaluation.timex import evaluate_file, format_scores

    with _bar("time expressions") as progress:
        scores = evaluate_file(_existing(file), Path(out) if out else None, progress)
    click.echo(json.dumps(scores.to_dict(), indent=2) if as_json else format_scores(scores))


@eval_group.command("quantities")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--errors", is_flag=True, help="List every disagreement with the gold.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_quantities(file: str | None, errors: bool, as_json: bool) -> None:
    """Quantities against the project's gold set (or FILE in the same format)."""
    from .evaluation.quantities import evaluate_gold, format_scores

    scores = evaluate_gold(_existing(file) if file else None)
    click.echo(json.dumps(scores.to_dict(), indent=2) if as_json else format_scores(scores, errors=errors))


@eval_group.command("clustering")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--split", type=click.Choice(["train", "dev", "test", "all"]), default="test", show_default=True,
              help="ECB+ split to cluster (all its documents at once, topics not given).")
@click.option("--out", type=click.Path(dir_okay=False), help="Write {doc_id, story} per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_clustering(folder: str, split: str, out: str | None, as_json: bool) -> None:
    """Story clustering on ECB+: B³ and pairwise P/R/F1, with a TF-IDF average-link baseline."""
    from .evaluation.clustering import evaluate, format_table

    with _bar("clustering") as progress:
        result = evaluate(_existing(folder), None if split == "all" else split, Path(out) if out else None, progress)
    click.echo(json.dumps(result, indent=2) if as_json else format_table(result))


@eval_group.command("summaries")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--words", type=click.IntRange(min=1), default=100, show_default=True,
              help="Summary length: every system's summary is cut to this many words before scoring.")
@click.option("--out", type=click.Path(dir_okay=False),
              help="Write crossbrief's summaries, {cluster_id, summary} per line.")
@click.option("--baselines", default="lead,lexrank,textrank", show_default=True,
              help="Comma-separated baselines to run beside crossbrief (lead, lexrank, textrank; '' for none).")
@click.option("--clusters", type=click.IntRange(min=1), help="Only the first N clusters of FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_summaries(file: str, words: int, out: str | None, baselines: str, clusters: int | None,
                   as_json: bool) -> None:
    """Summaries on DUC 2003 / MultiLing clusters: ROUGE-1/2/L recall and F1 of crossbrief,
    Lead, LexRank and TextRank, each cut to --words words."""
    from .evaluation.summaries import evaluate_file, format_table

    chosen = [b.strip() for b in baselines.split(",") if b.strip()]
    with _bar("summaries") as progress:
        result = evaluate_file(_existing(file), words, chosen, clusters, Path(out) if out else None, progress)
    click.echo(json.dumps(result.to_dict(), indent=2) if as_json else format_table(result))
