"""The web app: a FastAPI application over one crossbrief store.

Built like datasette: every page has a ``.json`` twin, errors have one JSON shape
(``{"error": {"status", "message"}}``; HTML pages show the same message), and tests drive
the app in-process. The SQLite store is opened per request, in the thread that serves
it (sqlite3 connections are not shared across threads).

    >>> from crossbrief.config import load_settings
    >>> app = create_app(load_settings(overrides={"db": ":memory:"}, environ={}))
    >>> sorted(r.path for r in app.routes if "stories" in r.path)[:2]
    ['/stories', '/stories.json']
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from threading import Lock
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import CrossbriefError
from ..render.html import script_json
from ..render.report_model import human_date
from ..store import Store
from .highlight import MarkCache
from .security import LOOPBACK_NAMES, BodyLimit, HostGuard, SecurityHeaders, WebError, error_body

FORM_OVERHEAD = 1 << 20  # bytes of multipart framing allowed on top of max_bytes
PAGE_CACHE_SIZE = 32  # rendered story pages kept, keyed by the brief's content


class PageCache:
    """Rendered pages keyed by (story id, hash of the stored brief): a new brief is a new key."""

    def __init__(self, size: int = PAGE_CACHE_SIZE) -> None:
        self.size, self._lock, self._pages = size, Lock(), OrderedDict[tuple[str, str], str]()

    @staticmethod
    def key(story_id: str, document: str) -> tuple[str, str]:
        return story_id, hashlib.sha1(document.encode("utf-8")).hexdigest()

    def get(self, key: tuple[str, str]) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, str], page: str) -> None:
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


@dataclass
class WebState:
    """What every request needs: where the store is, the settings, the write token, caches."""

    settings: Settings
    token: str | None = None
    pages: PageCache = field(default_factory=PageCache)
    marks: MarkCache = field(default_factory=MarkCache)
    ingest_lock: Lock = field(default_factory=Lock)  # one writer at a time

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The store, opened for this request in the calling thread."""
        with Store(self.settings.db) as store:
            yield store


def state(request: Request) -> WebState:
    return request.app.state.crossbrief  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def templates() -> Environment:
    """The web templates, with the report's templates reachable for the story page."""
    env = Environment(loader=ChoiceLoader([PackageLoader("crossbrief.web", "templates"),
                                           PackageLoader("crossbrief.render", "templates")]),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["human_date"] = human_date
    env.filters["script_json"] = script_json
    from ..render.html import PRECISION_NOTE

    env.globals["PRECISION_NOTE"] = PRECISION_NOTE
    return env


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


def create_app(settings: Settings, *, token: str | None = None,
               allowed_hosts: Collection[str] | None = LOOPBACK_NAMES) -> FastAPI:
    """The web app over ``settings.db``.

    ``token`` protects the write endpoints (required by ``crossbrief serve`` on a
    non-loopback address); ``allowed_hosts`` are the Host names answered (None: any,
    for a server bound to a public address).
    """
    from . import assets, upload, views

    app = FastAPI(title="crossbrief", version="1", docs_url=None, redoc_url=None,
                  description="Stories, briefs (crossbrief.brief/1) and articles of a crossbrief store. "
                              "Every page has a .json twin; errors are {\"error\": {\"status\", \"message\"}}.")
    app.state.crossbrief = WebState(settings=settings, token=token)
    install_error_handlers(app)
    for module in (views, upload, assets):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, limit=settings.max_bytes + FORM_OVERHEAD)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(HostGuard, allowed=allowed_hosts)
    return app
