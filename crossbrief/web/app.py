"""The web app: a FastAPI application over one crossbrief store.

Built like datasette: every page has a ``.json`` twin, errors have one JSON shape
(``{"error": {"status", "message"}}``; HTML pages show the same message), and tests drive
the app in-process. The SQLite store is opened per request, in the thread that serves
it (sqlite3 connections are not shared across threads). Stories not briefed yet are
briefed on demand by one background thread (``briefer.py``), stopped with the app.
What the routers share (the app's state, pages, the error shape) is in ``state.py``;
this module only builds the app from them.

    >>> from crossbrief.config import load_settings
    >>> app = create_app(load_settings(overrides={"db": ":memory:"}, environ={}))
    >>> sorted(p for p in app.openapi()["paths"] if p.startswith("/stories"))[:2]
    ['/stories', '/stories.json']
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import CrossbriefError
from . import assets, upload, views
from .security import LOOPBACK_NAMES, BodyLimit, HostGuard, SecurityHeaders, WebError
from .state import WebState, error_response

FORM_OVERHEAD = 64 << 10  # bytes of multipart framing allowed on top of max_bytes (~200 a file)


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


def create_app(
    settings: Settings, *, token: str | None = None, allowed_hosts: Collection[str] | None = LOOPBACK_NAMES
) -> FastAPI:
    """The web app over ``settings.db``.

    ``token`` protects the write endpoints (required by ``crossbrief serve`` on a
    non-loopback address); ``allowed_hosts`` are the Host names answered (None: any,
    for a server bound to a public address).
    """
    app = FastAPI(
        title="crossbrief",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        description="Stories, briefs (crossbrief.brief/1) and articles of a crossbrief store. "
        'Every page has a .json twin; errors are {"error": {"status", "message"}}. '
        "A story not briefed yet answers 202 (with Retry-After) while it is briefed.",
    )
    app.state.crossbrief = WebState(settings=settings, token=token)
    install_error_handlers(app)
    for module in (views, upload, assets):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, limit=settings.max_bytes + FORM_OVERHEAD)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(HostGuard, allowed=allowed_hosts)
    return app
