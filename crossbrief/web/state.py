"""What the web app's routers share: the per-app state (store, settings, caches, the
background briefer), ready-made response bodies, HTML pages and the one error shape.

Kept apart from ``app.py`` so the routers (``views``, ``upload``) import it without
importing the module that builds the app and includes them: no import circle.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from threading import Lock
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment

from ..config import Settings
from ..render.html import template_environment
from ..store import Store
from ..store.listing import BriefVersion
from .briefer import Briefer
from .highlight import MarkCache
from .queries import BriefStats
from .security import error_body

PAGE_CACHE_SIZE = 32  # story pages and brief documents kept ready (a big one: ~3 MB raw + gzip)


@dataclass(frozen=True, slots=True)
class Body:
    """A response body kept ready: as is, and gzipped (a 500-article brief is 2 MB of JSON,
    about 10 times less compressed)."""

    raw: bytes
    gz: bytes
    etag: str

    @classmethod
    def of(cls, text: str) -> Body:
        raw = text.encode("utf-8")
        return cls(raw, gzip.compress(raw, compresslevel=6), '"' + hashlib.sha1(raw).hexdigest()[:20] + '"')

    def response(self, request: Request, media_type: str) -> Response:
        """200 (gzipped when the client accepts it) or 304 when the client has this version."""
        headers = {"etag": self.etag, "vary": "accept-encoding", "cache-control": "no-cache"}
        if request.headers.get("if-none-match") == self.etag:
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(self.gz, media_type=media_type, headers={**headers, "content-encoding": "gzip"})
        return Response(self.raw, media_type=media_type, headers=headers)


class BodyCache:
    """Story pages and brief JSON by (kind, brief version): a brief saved again is a new
    key, so nothing served is stale. Least recently used out."""

    def __init__(self, size: int = PAGE_CACHE_SIZE) -> None:
        self.size, self._lock = size, Lock()
        self._items = OrderedDict[tuple[str, BriefVersion], Body]()

    def get(self, key: tuple[str, BriefVersion]) -> Body | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: tuple[str, BriefVersion], body: Body) -> None:
        with self._lock:
            self._items[key] = body
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@dataclass
class WebState:
    """What every request needs: where the store is, the settings, the write token, caches,
    and the background briefer (which shares the writer lock with uploads)."""

    settings: Settings
    token: str | None = None
    bodies: BodyCache = field(default_factory=BodyCache)
    marks: MarkCache = field(default_factory=MarkCache)
    stats: BriefStats = field(default_factory=BriefStats)
    ingest_lock: Lock = field(default_factory=Lock)  # one writer at a time
    briefer: Briefer = field(init=False)
    _local: threading.local = field(default_factory=threading.local)

    def __post_init__(self) -> None:
        self.briefer = Briefer(self.settings.db, self.ingest_lock)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The store of the calling thread: each thread opens its own connection once
        (sqlite3 connections stay in their thread); WAL lets readers see every commit."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.settings.db)
        yield store


def state(request: Request) -> WebState:
    web: WebState = request.app.state.crossbrief  # set by create_app (app.py); Starlette's State is untyped
    return web


@lru_cache(maxsize=1)
def templates() -> Environment:
    """The web templates, with the report's templates reachable for the story page."""
    return template_environment("crossbrief.web", "crossbrief.render")


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A rendered HTML page."""
    return HTMLResponse(templates().get_template(name).render(**context), status_code=status)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or "application/json" in request.headers.get("accept", "").split(",")[0]


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    """The JSON error shape on JSON routes, an HTML page with the same message elsewhere."""
    if wants_json(request):
        return JSONResponse(error_body(status, message, **extra), status_code=status)
    return page("error.html.j2", status=status, status_code=status, message=message, extra=extra)
