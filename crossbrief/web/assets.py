"""The few static files the pages use, served from memory by name.

No path parameter reaches the file system: a name is looked up in ``ASSETS`` and anything
else is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

from ..render.assets import asset_text, vega_bundle
from .security import WebError

router = APIRouter(include_in_schema=False)

CACHE = "public, max-age=86400"


@lru_cache(maxsize=4)
def _site(name: str) -> str:
    return (resources.files("crossbrief.web") / "static" / name).read_text(encoding="utf-8")


ASSETS: dict[str, tuple[str, Callable[[], str]]] = {
    "vega.js": ("text/javascript", vega_bundle),
    "report.js": ("text/javascript", lambda: asset_text("report.js")),
    "report.css": ("text/css", lambda: asset_text("report.css")),
    "site.css": ("text/css", lambda: _site("site.css")),
}


# A small inline icon, so browsers asking for /favicon.ico get no 404.
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" '
    'fill="#1a7f64"/><path d="M4 5h8M4 8h8M4 11h5" stroke="#fff" stroke-width="1.6"/></svg>'
)


@router.get("/favicon.ico")
async def favicon() -> Response:
    return Response(FAVICON, media_type="image/svg+xml", headers={"cache-control": CACHE})


@router.get("/assets/{name}")
async def asset(name: str) -> Response:
    """One of the app's own CSS or JS files."""
    if name not in ASSETS:
        raise WebError(404, f"no asset named {name!r}")
    media_type, load = ASSETS[name]
    return Response(load(), media_type=f"{media_type}; charset=utf-8", headers={"cache-control": CACHE})
