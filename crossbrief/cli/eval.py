"""``crossbrief eval …``: score crossbrief against gold data, one verb per task.

Each verb prints a table (or ``--json``), shows progress on stderr, and can write its
predictions with ``--out`` so they can be inspected or scored by another tool.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import UsageError
from .support import stderr, user_errors


@contextmanager
def _bar(label: str, first: str = "loading models") -> Iterator[Callable[[int, int], None]]:
    """``progress(done, total)`` for an evaluation, on stderr: a bar on a terminal, one line
    per step otherwise (a transient rich bar prints nothing when stderr is not a terminal, and
    a run of several minutes should not look hung in a log).

    ``first`` says what happens before the first step is done: loading the models takes
    seconds to a minute. Evaluations call ``progress(0, total)`` as they start when they can,
    so the bar shows its total from the start.
    """
    if not stderr.is_terminal:
        yield _lines(label, first)
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(f"{label}: {first}", total=None)

        def update(done: int, total: int) -> None:
            # "summaries ━━━━╺━━━  3/30 0:01:10": the count is the MofN column
            bar.update(task, completed=done, total=total, description=label if done else f"{label}: {first}")

        yield update


def _lines(label: str, first: str) -> Callable[[int, int], None]:
    """A progress callback that prints "label done/total (seconds)" once per step done."""
    started = time.perf_counter()
    stderr.print(f"{label}: {first}", markup=False, highlight=False)

    def line(done: int, total: int) -> None:
        if done:
            stderr.print(
                f"{label} {done}/{total} ({time.perf_counter() - started:.0f} s)", markup=False, highlight=False
            )

    return line


def _existing(path: str) -> Path:
    found = Path(path)
    if not found.exists():
        raise UsageError(f"{path}: not found; the shared evaluation data lives in ../shared/eval/")
    return found


@click.group("eval")
def eval_group() -> None:
    """Score crossbrief against gold data (time expressions, quantities, story clustering, summaries,
    briefs: conflicts and independent-source counts)."""


@eval_group.command("timex")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--split",
    type=click.Choice(["tune", "test", "all"]),
    default="all",
    show_default=True,
    help="Without FILE: tune (TimeBank + AQUAINT, the rules were fitted there), test (the platinum "
    "documents, held out) or all: both side by side.",
)
@click.option(
    "--eval-dir",
    type=click.Path(file_okay=False),
    help="The shared eval folder holding tempeval3/ (default: ../shared/eval beside the repository).",
)
@click.option("--out", type=click.Path(dir_okay=False), help="Write FILE's predictions, one JSON line each.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON (one object per split without FILE).")
@user_errors
def eval_timex(file: str | None, split: str, eval_dir: str | None, out: str | None, as_json: bool) -> None:
    """Time expressions on TempEval-3 data (FILE, or the tune and test splits): strict/relaxed
    span P/R/F1 and value F1."""
    from ..evaluation.timex import SPLITS, evaluate_file, evaluate_split, format_scores, format_splits

    if file is None and out:
        raise UsageError("--out writes one file's predictions: give the FILE to predict, e.g. the platinum test")
    with _bar("time expressions") as progress:
        if file is not None:
            scores = evaluate_file(_existing(file), Path(out) if out else None, progress)
        else:
            results = {name: evaluate_split(name, eval_dir, progress) for name in SPLITS if split in (name, "all")}
    if file is not None:
        click.echo(json.dumps(scores.to_dict(), indent=2) if as_json else format_scores(scores))
    elif as_json:
        click.echo(json.dumps({name: s.to_dict() for name, s in results.items()}, indent=2))
    else:
        click.echo(format_splits(results))


@eval_group.command("quantities")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--split",
    type=click.Choice(["tune", "test", "all"]),
    default="all",
    show_default=True,
    help="tune: invented sentences the rules were fitted to; test: held-out real news (DUC 2003, read from "
    "the shared eval data); all: both side by side.",
)
@click.option(
    "--eval-dir",
    type=click.Path(file_okay=False),
    help="The shared eval folder the test split's sentences are read from (default: ../shared/eval beside "
    "the repository).",
)
@click.option("--errors", is_flag=True, help="List every disagreement with the gold.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON, one object per split.")
@user_errors
def eval_quantities(file: str | None, split: str, eval_dir: str | None, errors: bool, as_json: bool) -> None:
    """Quantities against the project's gold splits (or FILE, in either gold format)."""
    from ..evaluation.quantities import evaluate_gold, evaluate_split, format_table

    if file:
        results = {Path(file).name: evaluate_gold(_existing(file), eval_dir=eval_dir)}
    else:
        results = {}
        for name in ("tune", "test") if split == "all" else (split,):
            try:
                results[name] = evaluate_split(name, eval_dir=eval_dir)
            except UsageError as err:
                if split != "all":
                    raise
                stderr.print(f"test split skipped: {err}", markup=False, highlight=False)
    if as_json:
        click.echo(json.dumps({name: scores.to_dict() for name, scores in results.items()}, indent=2))
    else:
        click.echo(format_table(results, errors=errors))


@eval_group.command("clustering")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option(
    "--split",
    type=click.Choice(["train", "dev", "test", "all"]),
    default="test",
    show_default=True,
    help="ECB+ split to cluster (all its documents at once, topics not given).",
)
@click.option("--out", type=click.Path(dir_okay=False), help="Write {doc_id, story} per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_clustering(folder: str, split: str, out: str | None, as_json: bool) -> None:
    """Story clustering on ECB+: B³ and pairwise P/R/F1, with a TF-IDF average-link baseline
    (on a dated news stream: ``eval stream``)."""
    from ..evaluation.clustering import evaluate, format_table

    with _bar("clustering", "crossbrief (loading models)") as progress:
        result = evaluate(_existing(folder), None if split == "all" else split, Path(out) if out else None, progress)
    click.echo(json.dumps(result, indent=2) if as_json else format_table(result))


@eval_group.command("stream")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the first shuffle (then seed+1, …).")
@click.option(
    "--shuffles",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Shuffles of each stream every system runs on: the scores are the first's; the others show whether "
    "the stories depend on input order.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Write {stream, doc_id, gold, reserved, batch, online, baseline}."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_stream(files: tuple[str, ...], seed: int, shuffles: int, out: str | None, as_json: bool) -> None:
    """Story clustering on a dated news stream made of summarisation clusters (FILES: DUC 2003
    task 2 and task 3), each cluster one gold story: batch (as brief and recluster), online (as
    ingest) and the TF-IDF baseline, B³ and pairwise P/R/F1, reserved clusters apart, and how
    stable the stories are (each gold story clustered alone vs in the stream; shuffles); each
    FILE alone, then all together."""
    from ..evaluation.stream import evaluate_files, format_table

    paths = [_existing(f) for f in files]
    with _bar("stream clustering", "reading the articles (loading models)") as progress:
        result = evaluate_files(paths, seed, shuffles, Path(out) if out else None, progress)
    click.echo(json.dumps(result.to_dict(), indent=2) if as_json else format_table(result))


@eval_group.command("summaries")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--words",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="Summary length: every system's summary is cut to this many words before scoring.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Write crossbrief's summaries, {cluster_id, summary} per line."
)
@click.option(
    "--baselines",
    default="lead,lexrank,textrank",
    show_default=True,
    help="Comma-separated baselines to run beside crossbrief (lead, lexrank, textrank; '' for none).",
)
@click.option("--clusters", type=click.IntRange(min=1), help="Only the first N clusters of each FILE.")
@click.option(
    "--leave-one-file-out",
    "held_out",
    is_flag=True,
    help="Fit the summary weights on all FILES but one and score that one, for each FILE (reserved clusters "
    "never fitted on, reported apart).",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False),
    help="With --leave-one-file-out: keep each file's briefed clusters here (clear it after changing a stage).",
)
@click.option(
    "--duc-fill",
    is_flag=True,
    help="Evaluation only: crossbrief's last sentence may cross the budget (by up to 20 words) so its summary "
    "reaches --words, as DUC systems did; without it, crossbrief keeps within --words as the briefing does.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_summaries(
    files: tuple[str, ...],
    words: int,
    out: str | None,
    baselines: str,
    clusters: int | None,
    held_out: bool,
    cache: str | None,
    duc_fill: bool,
    as_json: bool,
) -> None:
    """Summaries on DUC 2003 / MultiLing clusters (FILES): ROUGE-1/2/L recall and F1 of
    crossbrief, Lead, LexRank and TextRank, each cut to --words words."""
    from ..evaluation.summaries import DUC_OVERRUN, evaluate_file, format_table

    overrun = DUC_OVERRUN if duc_fill else 0
    paths = [_existing(f) for f in files]
    if out and (held_out or len(paths) > 1):
        raise UsageError("--out writes one file's summaries: give one FILE, without --leave-one-file-out")
    if held_out and len(paths) < 2:
        raise UsageError("--leave-one-file-out needs at least two FILES: give DUC 2003 task 2, task 3 and MultiLing")
    if held_out:
        _summaries_held_out(paths, words, clusters, Path(cache) if cache else None, overrun, as_json)
        return
    chosen = [b.strip() for b in baselines.split(",") if b.strip()]
    results = []
    for path in paths:
        with _bar(f"summaries {path.stem}" if len(paths) > 1 else "summaries") as progress:
            results.append(evaluate_file(path, words, chosen, clusters, Path(out) if out else None, progress, overrun))
    if as_json:
        found = [r.to_dict() for r in results]
        click.echo(json.dumps(found[0] if len(found) == 1 else found, indent=2))
    else:
        click.echo(
            "\n\n".join(f"{r.file}\n{format_table(r)}" if len(results) > 1 else format_table(r) for r in results)
        )


def _summaries_held_out(
    paths: list[Path], words: int, clusters: int | None, cache: Path | None, overrun: int, as_json: bool
) -> None:
    from ..evaluation.summary_fit import format_held_out, leave_one_file_out, load_runs

    files = {}
    for path in paths:
        with _bar(f"summaries {path.stem}") as progress:
            files[str(path)] = load_runs(path, words, clusters, cache, progress)
    stderr.print("fitting the summary weights, once per file left out", markup=False, highlight=False)
    results = leave_one_file_out(files, overrun)
    click.echo(json.dumps([r.to_dict() for r in results], indent=2) if as_json else format_held_out(results))


@eval_group.command("briefs")
@click.argument("gold", required=False, type=click.Path())
@click.option(
    "--docs",
    type=click.Path(file_okay=False),
    help="Folder of the DUC 2003 task files the gold quotes from (default: duc2003/ beside the gold folder).",
)
@click.option(
    "--split",
    type=click.Choice(["train", "test", "heldout", "all"]),
    default="all",
    show_default=True,
    help="Gold clusters to brief: train (16), test (8) or all, each split in its own column; heldout: the 16 "
    "held-out clusters bundled as stand-off gold (pointers into ../shared/eval/duc2003, no quotes), when no GOLD.",
)
@click.option(
    "--reading",
    type=click.Choice(["metadata", "files", "stories"]),
    default="metadata",
    show_default=True,
    help="metadata: each cluster one story, with outlets and dates (the comparison alone); files: one story, "
    "the documents without outlet or date as plain files arrive; stories: as files, grouped into stories "
    "as `crossbrief brief` does (clustering and comparison errors together).",
)
@click.option("--cluster", "cluster_ids", multiple=True, help="Only this gold cluster (repeatable).")
@click.option("--per-cluster", is_flag=True, help="Also a row of figures per cluster.")
@click.option("--errors", is_flag=True, help="List the predicted conflicts that match no gold conflict.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write each cluster's judged predictions, one JSON line.")
@click.option(
    "--unjudged",
    type=click.Path(dir_okay=False),
    help="Write what the bundled blind verdicts do not cover yet (summary citations, support pairs, main fact × "
    "summary sentence), with the texts a judge reads, one JSON line each: judge them blind, twice, and add the "
    "stricter verdict to crossbrief/evaluation/data/.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts and figures as JSON.")
@user_errors
def eval_briefs(
    gold: str | None,
    docs: str | None,
    split: str,
    reading: str,
    cluster_ids: tuple[str, ...],
    per_cluster: bool,
    errors: bool,
    out: str | None,
    unjudged: str | None,
    as_json: bool,
) -> None:
    """Conflicts and independent-source counts on the real-news gold (GOLD: the
    duc2003_gold folder or file, default ../shared/eval/duc2003_gold): conflict P/R,
    hard-conflict recall, severity agreement, trap hits, and source-count agreement."""
    from ..evaluation.conflicts import evaluate_gold, format_table

    with _bar("conflicts") as progress:
        result = evaluate_gold(
            _existing(gold) if gold else None,
            _existing(docs) if docs else None,
            split,
            cluster_ids,
            Path(out) if out else None,
            progress,
            reading,
            Path(unjudged) if unjudged else None,
        )
    if as_json:
        click.echo(json.dumps(result.to_dict(per_cluster), indent=2))
    else:
        click.echo(format_table(result, per_cluster, errors))
