"""The ``crossbrief`` command: a thin layer of verbs over the library.

Data goes to stdout (a table, or JSON with ``--json``); progress, warnings and errors go
to stderr. A user error is one line and a non-zero exit, never a traceback:
0 all went in, 1 some inputs were rejected (or a run failed), 2 a usage error.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..config import Settings
from ..errors import UsageError
from ..pipeline import IngestReport, PairLink, ingest_paths
from ..records import Article
from ..store import Store
from ..version import __version__
from ..wording import plural
from .eval import eval_group
from .serve import serve_command
from .support import CommandClock, config_option, global_options, settings_of, stderr, stdout, user_errors


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
    """Ingest with a progress bar and one stderr line per rejection and duplicate;
    ``assign`` places the new articles in stories as they arrive."""
    from ..pipeline import assign_stories

    with Store(settings.db) as store, _progress(settings) as hook:
        report = ingest_paths(paths, store, settings, progress=hook)
        if assign:
            assign_stories(store, report.added + report.updated, settings.clustering())
    for rejection in report.rejected:
        stderr.print(f"crossbrief: rejected {rejection.message}", markup=False, highlight=False)
    for duplicate in report.duplicates:
        stderr.print(
            f"crossbrief: {duplicate.source}: duplicate of article {duplicate.of}, not stored again",
            markup=False,
            highlight=False,
        )
    return report


def _table(title: str, columns: tuple[str, ...], numeric: frozenset[str] = frozenset()) -> Table:
    """An empty table with folding columns, numbers right-aligned."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold", justify="right" if column in numeric else "left")
    return table


def articles_table(articles: list[Article], title: str = "articles") -> Table:
    table = _table(
        title,
        ("id", "title", "outlet", "published", "lang", "words", "sentences", "removed"),
        frozenset({"words", "sentences", "removed"}),
    )
    for a in articles:
        table.add_row(
            a.id,
            (a.title or "—")[:60],
            a.outlet or "—",
            a.published.isoformat() if a.published else "—",
            a.language,
            str(a.words),
            str(len(a.sentences)),
            str(len(a.removed)),
        )
    return table


def _print_json_lines(items: list[dict[str, Any]]) -> None:
    for item in items:
        click.echo(json.dumps(item, ensure_ascii=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db", type=click.Path(dir_okay=False), help="SQLite store (default: crossbrief.db); also after the verb."
)
@click.option("--config", type=click.Path(dir_okay=False, exists=True), help="TOML settings file; also after the verb.")
@click.version_option(package_name="crossbrief")
def cli(db: str | None, config: str | None) -> None:
    """crossbrief: many news articles in, one trustworthy, cited briefing per story out."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article on stdout.")
@click.option("--max-bytes", type=int, help="Largest input file accepted (default 20 MB).")
@click.option(
    "--engine",
    type=click.Choice(["processes", "dask"]),
    help="Run the per-article work in local processes (default) or on a Dask cluster, "
    "which also embeds every sentence for later briefs.",
)
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); without it a local cluster starts.")
@global_options
@click.pass_context
@user_errors
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    as_json: bool,
    max_bytes: int | None,
    engine: str | None,
    scheduler: str | None,
) -> None:
    """Read articles from files, folders and globs into the store, each placed in a story.

    Plain text, HTML, JSON Lines and RSS/Atom feeds. Re-ingesting changes nothing.
    """
    settings = settings_of(ctx, max_bytes=max_bytes, engine=engine, scheduler=scheduler)
    report = run_ingest(paths, settings, assign=True)
    if as_json:
        _print_json_lines([a.to_dict(with_sentences=True) for a in report.articles])
    else:
        stdout.print(articles_table(report.articles, title=f"ingested into {settings.db}"))
    stderr.print(f"crossbrief: {report.summary()}", highlight=False)
    sys.exit(1 if report.rejected else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@global_options
@click.pass_context
@user_errors
def articles(ctx: click.Context, as_json: bool) -> None:
    """List the stored articles."""
    settings = settings_of(ctx)
    with Store(settings.db) as store:
        stored = list(store.articles())
    if as_json:
        _print_json_lines([a.to_dict() for a in stored])
    else:
        stdout.print(articles_table(stored, title=f"{plural(len(stored), 'article')} in {settings.db}"))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per rejection.")
@global_options
@click.pass_context
@user_errors
def rejections(ctx: click.Context, as_json: bool) -> None:
    """List the inputs that were rejected, with the reason and what to do."""
    settings = settings_of(ctx)
    with Store(settings.db) as store:
        rejected = store.rejections()
    if as_json:
        _print_json_lines([r.to_dict() for r in rejected])
        return
    table = _table(f"{plural(len(rejected), 'rejection')} in {settings.db}", ("source", "code", "reason", "message"))
    for r in rejected:
        table.add_row(r.source, r.code, r.reason, r.message)
    stdout.print(table)


FORMATS = ("json", "md", "html")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"--format {value!r}: unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return chosen


def write_briefs(
    briefs: list[Any], out: Path, formats: tuple[str, ...], clock: CommandClock | None = None
) -> list[Path]:
    """One file per story and format under ``out``."""
    from ..render import brief_json, brief_markdown

    def html(brief: Any) -> str:
        from ..render.html import brief_html  # needs the [web] extra

        return brief_html(brief.to_dict())

    renderers = {"json": brief_json, "md": brief_markdown, "html": html}
    clock = clock or CommandClock()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for brief in briefs:
        for fmt in formats:
            path = out / f"{brief.story_id}.{fmt}"
            with clock.part(f"write {fmt}"):
                path.write_text(renderers[fmt](brief), encoding="utf-8")
            written.append(path)
    return written


def _account(clock: CommandClock, run: Any, seconds: float) -> None:
    """The brief's stages summed over its stories, and what no stage covered (grouping the
    articles into stories, saving briefs)."""
    stages: dict[str, float] = {}
    for times in run.times:
        for name, spent in times.seconds.items():
            stages[name] = stages.get(name, 0.0) + spent
    for name, spent in stages.items():
        clock.add(f"brief: {name}", spent)
    clock.add("brief: group into stories and store", max(0.0, seconds - sum(stages.values())))


def run_brief(
    store: Store,
    out: Path,
    formats: tuple[str, ...],
    words: int,
    clock: CommandClock,
    articles: list[Article] | None = None,
    story_ids: list[str] | None = None,
    settings: Settings | None = None,
    one_story: bool = False,
) -> list[Path]:
    """Brief the stories among ``articles`` (grouped with ``settings``' clustering) or the
    stored ``story_ids``, with a status line; write the files."""
    from ..pipeline import brief_articles, brief_stored_stories

    started = time.perf_counter()
    what = (
        plural(len(articles), "article") if articles is not None else plural(len(story_ids or []), "story", "stories")
    )
    with stderr.status(f"briefing {what}") as status:

        def stage(name: str) -> None:
            status.update(f"briefing {what}: {name}")

        if articles is not None:
            clustering = settings.clustering() if settings else None
            run = brief_articles(articles, store, words, stage, clustering, one_story=one_story)
        else:
            run = brief_stored_stories(store, story_ids or [], words, stage=stage)
    _account(clock, run, time.perf_counter() - started)
    return write_briefs(run.briefs, out, formats, clock)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--story",
    "story_ids",
    multiple=True,
    metavar="ID",
    help="Brief a stored story with the articles it has now (repeatable); no PATHS needed.",
)
@click.option("--stories", "all_stories", is_flag=True, help="Brief every story in the store; no PATHS needed.")
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="briefs",
    show_default=True,
    help="Folder for the briefings.",
)
@click.option("--format", "formats", default="json,md,html", show_default=True, help="Comma-separated: json, md, html.")
@click.option(
    "--words", type=click.IntRange(20, 2000), default=120, show_default=True, help="Summary length budget in words."
)
@click.option(
    "--timings",
    is_flag=True,
    help="Print where the time went on stderr (start-up, reading, models, each stage, writing).",
)
@click.option(
    "--one-story",
    is_flag=True,
    help="The PATHS are one event's coverage: brief them all as one story, without grouping them into stories.",
)
@global_options
@click.pass_context
@user_errors
def brief(
    ctx: click.Context,
    paths: tuple[str, ...],
    story_ids: tuple[str, ...],
    all_stories: bool,
    out_dir: str,
    formats: str,
    words: int,
    timings: bool,
    one_story: bool,
) -> None:
    """Write a briefing per story: summary with citations, conflicts, timeline, facts,
    single-source claims, rewrites, sources.

    With PATHS, reads what is not stored yet and briefs the stories those articles form;
    with --story ID or --stories, briefs stories already in the store.
    """
    from ..store.stories import list_stories

    clock = CommandClock()
    chosen = _formats(formats)
    if bool(paths) == bool(story_ids or all_stories):
        raise UsageError(
            "give either PATHS to read, or --story ID / --stories to brief what is stored (see crossbrief brief --help)"
        )
    if one_story and not paths:
        raise UsageError("--one-story briefs the given PATHS together; give the PATHS of one event's articles")
    settings = settings_of(ctx)
    out = Path(out_dir)
    report = IngestReport()
    if paths:
        with clock.part("read inputs"):
            report = run_ingest(paths, settings)
        if not report.articles:
            raise UsageError("no article could be read from the given paths; see the rejections above")
    with Store(settings.db) as store:
        if paths:
            written = run_brief(
                store, out, chosen, words, clock, articles=report.articles, settings=settings, one_story=one_story
            )
        else:
            ids = list(story_ids) or [row.id for row in list_stories(store)]
            if not ids:
                raise UsageError(f"{settings.db} has no stories; ingest articles first: crossbrief ingest PATHS")
            written = run_brief(store, out, chosen, words, clock, story_ids=ids)
    for path in written:
        click.echo(str(path))
    done = f"{report.summary()}; " if paths else ""
    stderr.print(f"crossbrief: {done}{plural(len(written), 'file')} in {out}/", highlight=False)
    if timings:
        for line in clock.lines():
            stderr.print(f"crossbrief: {line}", highlight=False, markup=False)
    sys.exit(1 if report.rejected else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@global_options
@click.pass_context
@user_errors
def stories(ctx: click.Context, as_json: bool) -> None:
    """List the stories in the store: id, title, articles, outlets, first and last date."""
    from ..store.stories import list_stories

    settings = settings_of(ctx)
    with Store(settings.db) as store:
        rows = list_stories(store)
    if as_json:
        _print_json_lines([r.to_dict() for r in rows])
        return
    stdout.print(stories_table(rows, f"{plural(len(rows), 'story', 'stories')} in {settings.db}"))


def stories_table(rows: list[Any], title: str) -> Table:
    table = _table(
        title,
        ("id", "title", "articles", "outlets", "first", "last", "conflicts"),
        frozenset({"articles", "conflicts"}),
    )
    for r in rows:
        table.add_row(
            r.id,
            r.title[:70],
            str(r.articles),
            ", ".join(r.outlets)[:60],
            r.first_published or "—",
            r.last_published or "—",
            "—" if r.conflicts is None else str(r.conflicts),
        )
    return table


@cli.command()
@click.argument("story")
@click.option("--json", "as_json", is_flag=True, help="The stored brief (the JSON contract) or the article list.")
@click.option("--md", "as_markdown", is_flag=True, help="The stored brief as Markdown.")
@global_options
@click.pass_context
@user_errors
def show(ctx: click.Context, story: str, as_json: bool, as_markdown: bool) -> None:
    """Show one story: its articles and, when it has been briefed, its summary."""
    from ..render import brief_markdown
    from ..store.stories import stored_brief, story_articles

    settings = settings_of(ctx)
    with Store(settings.db) as store:
        members = story_articles(store, story)
        document = stored_brief(store, story)
    if not members:
        raise UsageError(f"{story}: no such story; list them with: crossbrief stories")
    if as_markdown:
        if document is None:
            raise UsageError(f"{story} has not been briefed yet; brief it with: crossbrief brief --story {story}")
        click.echo(brief_markdown(document), nl=False)
        return
    if as_json:
        click.echo(
            json.dumps(
                document or {"story": story, "articles": [a.to_dict() for a in members]}, ensure_ascii=False, indent=2
            )
        )
        return
    stdout.print(articles_table(members, title=f"story {story}"))
    if document:
        for line in document["summary"]:
            stdout.print(f"• {line['text']}", markup=False, highlight=False)
        hard = sum(c["severity"] == "hard" for c in document["conflicts"])
        stdout.print(
            f"{plural(len(document['conflicts']), 'conflict')} ({hard} hard); "
            f"brief it again with: crossbrief brief --story {story}",
            markup=False,
            highlight=False,
        )


@cli.command()
@click.option(
    "--explain",
    "story",
    metavar="STORY",
    help="Change nothing: show why STORY's articles are together (each one's strongest pair score to "
    "another member) and its strongest links to articles outside it.",
)
@global_options
@click.pass_context
@user_errors
def recluster(ctx: click.Context, story: str | None) -> None:
    """Re-run batch story clustering over the whole store (after changing settings or
    ingesting out of order); stories are replaced."""
    settings = settings_of(ctx)
    if story is not None:
        _explain(settings, story)
        return
    from ..pipeline import recluster as run

    with Store(settings.db) as store, stderr.status("clustering the store"):
        count = run(store, settings.clustering())
    stderr.print(f"crossbrief: {plural(count, 'story', 'stories')} in {settings.db}", highlight=False)


def _explain(settings: Settings, story: str) -> None:
    from ..pipeline import explain_story

    with Store(settings.db) as store, stderr.status("scoring the store's article pairs"):
        found = explain_story(store, story, settings.clustering())
    titles = {a.id: a.title or a.id for a in found.members}  # every link has a member at one end
    table = _table(
        f"story {story}: {plural(len(found.members), 'article')}; average link joins clusters whose mean "
        f"pair score is at least {found.threshold:.2f}",
        ("article", "published", "strongest link in the story", "score", "words", "names", "shared names", "days"),
        frozenset({"score", "words", "names", "days"}),
    )

    def row(article: Article, link: PairLink | None, other: str) -> tuple[str, ...]:
        if link is None:
            return (_short(article.title or article.id), str(article.published or "—"), other, "—", "—", "—", "—", "—")
        return (
            _short(article.title or article.id),
            str(article.published or "—"),
            other,
            f"{link.score:.2f}",
            f"{link.words:.2f}",
            f"{link.names:.2f}",
            ", ".join(link.shared_names) or "—",
            "—" if link.days_apart is None else str(link.days_apart),
        )

    for article in found.members:
        link = found.inside.get(article.id)
        partner = "" if link is None else (link.right if link.left == article.id else link.left)
        table.add_row(*row(article, link, _short(titles.get(partner, "none: no neighbour in the story"))))
    stdout.print(table)
    near = _table(
        "strongest links to articles outside it",
        ("outside article", "its story", "linked to", "score", "words", "names", "shared names", "days"),
        frozenset({"score", "words", "names", "days"}),
    )
    members = {a.id for a in found.members}
    for link, outsider, its_story in found.outside:
        inner = link.left if link.left in members else link.right
        cells = row(outsider, link, _short(titles.get(inner, inner)))
        near.add_row(cells[0], its_story or "—", *cells[2:])
    stdout.print(near if found.outside else "no article outside the story is a neighbour of its articles")
    if any(link.score >= found.threshold for link, _, _ in found.outside):
        stdout.print(
            "An outside article scores at or above the threshold with a member: the stored stories may come from "
            "ingest's online placement; crossbrief recluster (batch) weighs every pair and may join them.",
            markup=False,
            highlight=False,
        )


def _short(text: str) -> str:
    from ..render.report_model import shorten

    return shorten(text, 60)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check.")
@global_options
@click.pass_context
@user_errors
def doctor(ctx: click.Context, as_json: bool) -> None:
    """Check the models and optional parts this installation has, and say how to add what
    is missing (exit status 1 when a required one is missing)."""
    from ..pipeline.doctor import checks

    settings = settings_of(ctx)
    with stderr.status("loading the models once"):
        found = checks()
    if as_json:
        _print_json_lines([c.to_dict() for c in found])
    else:
        table = _table(
            f"crossbrief {__version__} · embedder setting: {settings.embedder}", ("part", "status", "what", "to add it")
        )
        for c in found:
            status = "ok" if c.ok else ("MISSING" if c.required else "not installed")
            table.add_row(c.part, status, c.detail, c.fix or "—")
        stdout.print(table)
    sys.exit(0 if all(c.ok for c in found if c.required) else 1)


def demo_corpus() -> Path:
    """The bundled demo corpus folder."""
    return Path(str(resources.files("crossbrief") / "demo" / "corpus"))


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="demo-output",
    show_default=True,
    help="Folder for the demo's store and outputs (recreated).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@config_option
@click.pass_context
@user_errors
def demo(ctx: click.Context, out_dir: str, as_json: bool) -> None:
    """Run crossbrief on the bundled demo corpus and say where the outputs are."""
    out = Path(out_dir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    settings = settings_of(ctx).model_copy(update={"db": out / "crossbrief.db"})
    report = run_ingest((str(demo_corpus()),), settings)
    if as_json:
        _print_json_lines([a.to_dict() for a in report.articles])
    else:
        stdout.print(articles_table(report.articles, title=f"demo corpus: {report.summary()}"))
    with Store(settings.db) as store:
        written = run_brief(
            store, out / "briefs", FORMATS, 120, CommandClock(), articles=report.articles, settings=settings
        )
        if not as_json:
            _print_stories(store)
    stderr.print(
        f"crossbrief: outputs in {out}/ — the store {settings.db} and one briefing per story "
        f"(.json contract, .md, .html to open in a browser):",
        highlight=False,
    )
    for path in written:
        if path.suffix == ".html":
            stderr.print(f"  {path}", highlight=False)
    stderr.print(f"crossbrief: browse them all with: crossbrief serve --db {settings.db}", highlight=False)


def _print_stories(store: Store) -> None:
    from ..store.stories import list_stories

    stdout.print(stories_table(list_stories(store), "stories"))


cli.add_command(eval_group)
cli.add_command(serve_command)


def main() -> None:
    cli(prog_name="crossbrief")


if __name__ == "__main__":
    main()
