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
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .cli_eval import eval_group
from .cli_support import stderr, stdout, user_errors
from .cli_web import serve_command
from .config import Settings, load_settings
from .errors import UsageError
from .pipeline import IngestReport, ingest_paths
from .records import Article
from .store import Store


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


def run_ingest(paths: tuple[str, ...], settings: Settings, assign: bool = False) -> IngestReport:
    """Ingest with a progress bar and one stderr line per rejection; ``assign`` places the
    new articles in stories as they arrive."""
    from .service import assign_stories

    with Store(settings.db) as store, _progress(settings) as hook:
        report = ingest_paths(paths, store, settings, progress=hook)
        if assign:
            assign_stories(store, report.added + report.updated)
    for rejection in report.rejected:
        stderr.print(f"crossbrief: rejected {rejection.message}", markup=False, highlight=False)
    return report


def _table(title: str, columns: tuple[str, ...], numeric: frozenset[str] = frozenset()) -> Table:
    """An empty table with folding columns, numbers right-aligned."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold", justify="right" if column in numeric else "left")
    return table


def articles_table(articles: list[Article], title: str = "articles") -> Table:
    table = _table(title, ("id", "title", "outlet", "published", "lang", "words", "sentences", "removed"),
                   frozenset({"words", "sentences", "removed"}))
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
@click.option("--engine", type=click.Choice(["processes", "dask"]),
              help="Run the per-article work in local processes (default) or on a Dask cluster, "
                   "which also embeds every sentence for later briefs.")
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); without it a local cluster starts.")
@click.pass_context
@user_errors
def ingest(ctx: click.Context, paths: tuple[str, ...], as_json: bool, max_bytes: int | None,
           engine: str | None, scheduler: str | None) -> None:
    """Read articles from files, folders and globs into the store, each placed in a story.

    Plain text, HTML, JSON Lines and RSS/Atom feeds. Re-ingesting changes nothing.
    """
    settings = _settings(ctx, max_bytes=max_bytes, engine=engine, scheduler=scheduler)
    report = run_ingest(paths, settings, assign=True)
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
    table = _table(f"{len(rejected)} rejections in {settings.db}", ("source", "code", "reason", "message"))
    for r in rejected:
        table.add_row(r.source, r.code, r.reason, r.message)
    stdout.print(table)


FORMATS = ("json", "md", "html")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(f"--format {value!r}: unknown format(s) {', '.join(unknown) or '(none)'}; "
                         f"choose from {', '.join(FORMATS)}")
    return chosen


def write_briefs(briefs: list[Any], out: Path, formats: tuple[str, ...]) -> list[Path]:
    """One file per story and format under ``out``."""
    from .render import brief_json, brief_markdown

    def html(brief: Any) -> str:
        from .render.html import brief_html  # needs the [web] extra

        return brief_html(brief.to_dict())

    renderers = {"json": brief_json, "md": brief_markdown, "html": html}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for brief in briefs:
        for fmt in formats:
            path = out / f"{brief.story_id}.{fmt}"
            path.write_text(renderers[fmt](brief), encoding="utf-8")
            written.append(path)
    return written


def run_brief(articles: list[Article], store: Store, out: Path, formats: tuple[str, ...], words: int,
              timings: bool = False) -> list[Path]:
    """Brief the stories among ``articles`` with a status line; write the files."""
    from .service import brief_articles

    with stderr.status(f"briefing {len(articles)} articles") as status:
        run = brief_articles(articles, store, words, stage=lambda name: status.update(f"briefing: {name}"))
    if timings:
        for times in run.times:
            stderr.print("crossbrief: " + ", ".join(f"{k} {v:.2f}s" for k, v in times.seconds.items()),
                         highlight=False)
    return write_briefs(run.briefs, out, formats)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False), default="briefs", show_default=True,
              help="Folder for the briefings.")
@click.option("--format", "formats", default="json,md,html", show_default=True,
              help="Comma-separated: json, md, html.")
@click.option("--words", type=click.IntRange(20, 2000), default=120, show_default=True,
              help="Summary length budget in words.")
@click.option("--timings", is_flag=True, help="Print seconds per stage on stderr.")
@click.pass_context
@user_errors
def brief(ctx: click.Context, paths: tuple[str, ...], out_dir: str, formats: str, words: int,
          timings: bool) -> None:
    """Ingest what is not stored yet and write a briefing per story: summary with
    citations, conflicts, timeline, facts, single-source claims, rewrites, sources."""
    chosen = _formats(formats)
    settings = _settings(ctx)
    report = run_ingest(paths, settings)
    if not report.articles:
        raise UsageError("no article could be read from the given paths; see the rejections above")
    with Store(settings.db) as store:
        written = run_brief(report.articles, store, Path(out_dir), chosen, words, timings)
    for path in written:
        click.echo(str(path))
    stderr.print(f"crossbrief: {report.summary()}; {len(written)} files in {out_dir}/", highlight=False)
    sys.exit(1 if report.rejected else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@click.pass_context
@user_errors
def stories(ctx: click.Context, as_json: bool) -> None:
    """List the stories in the store: id, title, articles, outlets, first and last date."""
    from .store.stories import list_stories

    settings = _settings(ctx)
    with Store(settings.db) as store:
        rows = list_stories(store)
    if as_json:
        _print_json_lines([r.to_dict() for r in rows])
        return
    stdout.print(stories_table(rows, f"{len(rows)} stories in {settings.db}"))


def stories_table(rows: list[Any], title: str) -> Table:
    table = _table(title, ("id", "title", "articles", "outlets", "first", "last", "conflicts"),
                   frozenset({"articles", "conflicts"}))
    for r in rows:
        table.add_row(r.id, r.title[:70], str(r.articles), ", ".join(r.outlets)[:60], r.first_published or "—",
                      r.last_published or "—", "—" if r.conflicts is None else str(r.conflicts))
    return table


@cli.command()
@click.argument("story")
@click.option("--json", "as_json", is_flag=True, help="The stored brief (the JSON contract) or the article list.")
@click.pass_context
@user_errors
def show(ctx: click.Context, story: str, as_json: bool) -> None:
    """Show one story: its articles and, when it has been briefed, its summary."""
    from .store.stories import stored_brief, story_articles

    settings = _settings(ctx)
    with Store(settings.db) as store:
        members = story_articles(store, story)
        document = stored_brief(store, story)
    if not members:
        raise UsageError(f"{story}: no such story; list them with: crossbrief stories")
    if as_json:
        click.echo(json.dumps(document or {"story": story, "articles": [a.to_dict() for a in members]},
                              ensure_ascii=False, indent=2))
        return
    stdout.print(articles_table(members, title=f"story {story}"))
    if document:
        for line in document["summary"]:
            stdout.print(f"• {line['text']}", markup=False, highlight=False)
        hard = sum(c["severity"] == "hard" for c in document["conflicts"])
        stdout.print(f"{len(document['conflicts'])} conflicts ({hard} hard); brief it again with: crossbrief brief",
                     markup=False, highlight=False)


@cli.command()
@click.pass_context
@user_errors
def recluster(ctx: click.Context) -> None:
    """Re-run batch story clustering over the whole store (after changing settings or
    ingesting out of order); stories are replaced."""
    from .service import recluster as run

    settings = _settings(ctx)
    with Store(settings.db) as store, stderr.status("clustering the store"):
        count = run(store)
    stderr.print(f"crossbrief: {count} stories in {settings.db}", highlight=False)


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
    with Store(settings.db) as store:
        written = run_brief(report.articles, store, out / "briefs", FORMATS, 120)
        if not as_json:
            _print_stories(store)
    stderr.print(f"crossbrief: outputs in {out}/ — the store {settings.db} and one briefing per story "
                 f"(.json contract, .md, .html to open in a browser):", highlight=False)
    for path in written:
        if path.suffix == ".html":
            stderr.print(f"  {path}", highlight=False)
    stderr.print(f"crossbrief: browse them all with: crossbrief serve --db {settings.db}", highlight=False)


def _print_stories(store: Store) -> None:
    from .store.stories import list_stories

    stdout.print(stories_table(list_stories(store), "stories"))


cli.add_command(eval_group)
cli.add_command(serve_command)


def main() -> None:
    cli(prog_name="crossbrief")


if __name__ == "__main__":
    main()
