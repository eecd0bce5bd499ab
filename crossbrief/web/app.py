"""The web app: a FastAPI application over one crossbrief store.

Built like datasette: every page has a ``.json`` twin, errors have one JSON shape
(``{"error": {"status", "message"}}``; HTML pages show the same message), and tests drive
the app in-process. The SQLite store is opened per request, in the thread that serves
it (sqlite3 connections are not shared across threads). Stories not briefed yet are
briefed on demand by one background thread (``briefer.py``), stopped with the app.

    >>> from crossbrief.config import load_settings
    >>> app = create_app(load_settings(overrides={"db": ":memory:"}, environ={}))
    >>> sorted(p for p in app.openapi()["paths"] if p.startswith("/stories"))[:2]
    ['/stories', '/stories.json']
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Collection, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from threading import Lock
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import CrossbriefError
from ..render.html import template_environment
from ..store import Store
from .briefer import Briefer
from .highlight import MarkCache
from .queries import BriefStats, BriefVersion
from .security import LOOPBACK_NAMES, BodyLimit, HostGuard, SecurityHeaders, WebError, error_body

FORM_OVERHEAD = 64 << 10  # bytes of multipart framing allowed on top of max_bytes (~200 a file)
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
    return request.app.state.crossbrief  # type: ignore[no-any-return]


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


def _validation_message(err: RequestValidationError) -> str:
    first = err.errors()[0] if err.errors() else {}
    where = " ".join(str(p) for p in first.get("loc", ()) if p != "body") or "request"
    return f"{where}: {first.get('msg', 'invalid')}"


def install_error_handlers(app: FastAPI) -> None:
    """Every failure answers with the one error shape; never a traceback."""

    @app.exception_handler(WebError)
    async def web_error(request: Request, err: WebError) -> Response:
        return error_response(request, err.status, err.message, **err.extra)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        message = err.detail if isinstance(err.detail, str) else "error"
        if err.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; start from /stories"
        if err.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, err.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, err: RequestValidationError) -> Response:
        return error_response(request, 400, _validation_message(err))

    @app.exception_handler(CrossbriefError)
    async def crossbrief_error(request: Request, err: CrossbriefError) -> Response:
        return error_response(request, 500, str(err))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> Response:
        return error_response(request, 500, f"internal error ({type(err).__name__}); see the server log")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Stop the background briefer when the server stops (its thread is a daemon too, for
    apps driven without a lifespan, as TestClient does outside a ``with`` block)."""
    yield
    app.state.crossbrief.briefer.close()


def create_app(settings: Settings, *, token: str | None = None,
               allowed_hosts: Collection[str] | None = LOOPBACK_NAMES) -> FastAPI:
    """The web app over ``settings.db``.

    ``token`` protects the write endpoints (required by ``crossbrief serve`` on a
    non-loopback address); ``allowed_hosts`` are the Host names answered (None: any,
    for a server bound to a public address).
    """
    from . import assets, upload, views

    app = FastAPI(title="crossbrief", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Stories, briefs (crossbrief.brief/1) and articles of a crossbrief store. "
                              "Every page has a .json twin; errors are {\"error\": {\"status\", \"message\"}}. "
                              "A story not briefed yet answers 202 (with Retry-After) while it is briefed.")
    app.state.crossbrief = WebState(settings=settings, token=token)
    install_error_handlers(app)
    for module in (views, upload, assets):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, limit=settings.max_bytes + FORM_OVERHEAD)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(HostGuard, allowed=allowed_hosts)
    return app
