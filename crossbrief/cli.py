"""The ``crossbrief`` command: a thin layer of verbs over the library.

Data goes to stdout (a table, or JSON with ``--json``); progress, warnings and errors go
to stderr. A user error is one line and a non-zero exit, never a traceback:
0 all went in, 1 some inputs were rejected (or a run failed), 2 a usage error.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .config import Settings, load_settings
from .errors import CrossbriefError, UsageError
from .pipeline import IngestReport, ingest_paths
from .records import Article
from .store import Store

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, soft_wrap=True)


def _fail(message: str, status: int) -> None:
    stderr.print(f"crossbrief: error: {message}", markup=False, highlight=False)
    sys.exit(status)


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn CrossbriefErrors into one line on stderr and the documented exit status."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UsageError as err:
            _fail(str(err), 2)
        except CrossbriefError as err:
            _fail(str(err), 1)

    return run


def _settings(ctx: click.Context, **flags: Any) -> Settings:
    options = ctx.find_root().params
    return load_settings(
        config_file=Path(options["config"]) if options.get("config") else None,
        overrides={"db": options.get("db"), **flags},
    )


@contextmanager
def _progress(settings: Settings) -> Iterator[Callable[[int, int], None]]:
    """A progress hook that shows a bar on stderr once the batch is big enough."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = None

        def hook(done: int, total: int) -> None:
            nonlocal task
            if total < settings.progress_min_files:
                return
            if task is None:
                task = bar.add_task("ingesting", total=total)
            bar.update(task, completed=done)

        yield hook


def run_ingest(paths: tuple[str, ...], settings: Settings) -> IngestReport:
    """Ingest with a progress bar and one stderr line per rejection."""
    with Store(settings.db) as store, _progress(settings) as hook:
        report = ingest_paths(paths, store, settings, progress=hook)
    for rejection in report.rejected:
        stderr.print(f"crossbrief: rejected {rejection.message}", markup=False, highlight=False)
    return report


def articles_table(articles: list[Article], title: str = "articles") -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("id", "title", "outlet", "published", "lang", "words", "sentences", "removed"):
        table.add_column(column, overflow="fold", justify="right" if column in {"words", "sentences", "removed"} else "left")
    for a in articles:
        table.add_row(
            a.id, (a.title or "—")[:60], a.outlet or "—", a.published.isoformat() if a.published else "—",
            a.language, str(a.words), str(len(a.sentences)), str(len(a.removed)),
        )
    return table


def _print_json_lines(items: list[dict[str, Any]]) -> None:
    for item in items:
        click.echo(json.dumps(item, ensure_ascii=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False), help="SQLite store (default: crossbrief.db).")
@click.option("--config", type=click.Path(dir_okay=False, exists=True), help="TOML settings file.")
@click.version_option(package_name="crossbrief")
def cli(db: str | None, config: str | None) -> None:
    """crossbrief: many news articles in, one trustworthy, cited briefing per story out."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article on stdout.")
@click.option("--max-bytes", type=int, help="Largest input file accepted (default 20 MB).")
@click.pass_context
@user_errors
def ingest(ctx: click.Context, paths: tuple[str, ...], as_json: bool, max_bytes: int | None) -> None:
    """Read articles from files, folders and globs into the store.

    Plain text, HTML, JSON Lines and RSS/Atom feeds. Re-ingesting changes nothing.
    """
    settings = _settings(ctx, max_bytes=max_bytes)
    report = run_ingest(paths, settings)
    if as_json:
        _print_json_lines([a.to_dict(with_sentences=True) for a in report.articles])
    else:
        stdout.print(articles_table(report.articles, title=f"ingested into {settings.db}"))
    stderr.print(f"crossbrief: {report.summary()}", highlight=False)
    sys.exit(1 if report.rejected else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@click.pass_context
@user_errors
def articles(ctx: click.Context, as_json: bool) -> None:
    """List the stored articles."""
    settings = _settings(ctx)
    with Store(settings.db) as store:
        stored = list(store.articles())
    if as_json:
        _print_json_lines([a.to_dict() for a in stored])
    else:
        stdout.print(articles_table(stored, title=f"{len(stored)} articles in {settings.db}"))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per rejection.")
@click.pass_context
@user_errors
def rejections(ctx: click.Context, as_json: bool) -> None:
    """List the inputs that were rejected, with the reason and what to do."""
    settings = _settings(ctx)
    with Store(settings.db) as store:
        rejected = store.rejections()
    if as_json:
        _print_json_lines([r.to_dict() for r in rejected])
        return
    table = Table(title=f"{len(rejected)} rejections in {settings.db}", title_justify="left")
    for column in ("source", "code", "reason", "message"):
        table.add_column(column, overflow="fold")
    for r in rejected:
        table.add_row(r.source, r.code, r.reason, r.message)
    stdout.print(table)


def demo_corpus() -> Path:
    """The bundled demo corpus folder."""
    return Path(str(resources.files("crossbrief") / "demo" / "corpus"))


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="demo-output", show_default=True,
              help="Folder for the demo's store and outputs (recreated).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@click.pass_context
@user_errors
def demo(ctx: click.Context, out_dir: str, as_json: bool) -> None:
    """Run crossbrief on the bundled demo corpus and say where the outputs are."""
    out = Path(out_dir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    settings = _settings(ctx).model_copy(update={"db": out / "crossbrief.db"})
    report = run_ingest((str(demo_corpus()),), settings)
    if as_json:
        _print_json_lines([a.to_dict() for a in report.articles])
    else:
        stdout.print(articles_table(report.articles, title=f"demo corpus: {report.summary()}"))
    stderr.print(f"crossbrief: outputs in {out}/: store {settings.db}", highlight=False)
    sys.exit(1 if report.rejected else 0)


def main() -> None:
    cli(prog_name="crossbrief")


if __name__ == "__main__":
    main()
