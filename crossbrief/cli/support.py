"""What every CLI verb shares: the two consoles, the store options, settings, and the
one-line error handling."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from ..config import Settings, load_settings
from ..errors import CrossbriefError, UsageError

# Piped output is not wrapped to 80 columns: tables stay readable in files and pagers.
stdout = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
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


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.meta[f"crossbrief.{param.name}"] = value
    return value


config_option = click.option(
    "--config",
    type=click.Path(dir_okay=False, exists=True),
    expose_value=False,
    callback=_remember,
    help="TOML settings file (default: ./crossbrief.toml).",
)


def global_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--db`` and ``--config`` on a verb, so they work after the verb as well as before it
    (``crossbrief ingest x --db news.db`` = ``crossbrief --db news.db ingest x``)."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        expose_value=False,
        callback=_remember,
        help="SQLite store (default: crossbrief.db).",
    )(config_option(command))


def settings_of(ctx: click.Context, **flags: Any) -> Settings:
    """The settings for a verb: defaults, config file, environment, then flags; ``--db`` and
    ``--config`` from wherever they were given (after the verb wins)."""
    root = ctx.find_root().params

    def given(name: str) -> Any:
        return ctx.meta.get(f"crossbrief.{name}") or root.get(name)

    config = given("config")
    settings = load_settings(config_file=Path(config) if config else None, overrides={"db": given("db"), **flags})
    # Models load where the work runs (worker processes too), reading the embedder choice
    # from the environment: carry the one made here, from any layer, to them.
    os.environ["CROSSBRIEF_EMBEDDER"] = settings.embedder
    return settings


def process_age() -> float:
    """Seconds since this process started (from /proc on Linux; 0 where unknown), so
    ``--timings`` counts the interpreter's start and the imports too."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        return max(0.0, float(Path("/proc/uptime").read_text().split()[0]) - started)
    except (OSError, ValueError, IndexError):
        return 0.0


@dataclass
class CommandClock:
    """Where a command's wall time went, for ``--timings``: named parts, and whatever no
    part covered, so the lines add up to the total."""

    origin: float = field(default_factory=lambda: time.perf_counter() - process_age())
    parts: list[tuple[str, float]] = field(default_factory=list)

    def add(self, label: str, seconds: float) -> None:
        """Count ``seconds`` under ``label`` (added to what the label already has)."""
        for n, (known, spent) in enumerate(self.parts):
            if known == label:
                self.parts[n] = (label, spent + seconds)
                return
        self.parts.append((label, seconds))

    @contextmanager
    def part(self, label: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(label, time.perf_counter() - started)

    def lines(self) -> list[str]:
        """One line per part, then start-up and anything else, then the total."""
        total = time.perf_counter() - self.origin
        covered = sum(seconds for _, seconds in self.parts)
        rows = [*self.parts, ("start-up, imports and the rest", max(0.0, total - covered))]
        width = max(len(label) for label, _ in rows)
        return [f"{label:<{width}} {seconds:7.2f}s" for label, seconds in rows] + [f"{'total':<{width}} {total:7.2f}s"]
