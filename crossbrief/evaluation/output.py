"""Where an evaluation writes its predictions: one JSON object per line, or nowhere."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Write = Callable[[dict[str, Any]], None]


@contextmanager
def json_lines(out: Path | None) -> Iterator[Write]:
    """A writer of one JSON line per call to ``out`` (a no-op without a path); each line is
    flushed, so a long run can be watched and a crash keeps what was done."""
    if out is None:
        yield lambda row: None
        return
    with Path(out).open("w", encoding="utf-8") as handle:

        def write(row: dict[str, Any]) -> None:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            handle.flush()

        yield write
