"""Read-only pages and their JSON twins: stories, one story, articles, one article, rejections.

A story page asked for before the story has a brief answers 202 at once and the story is
briefed in the background (``briefer.py``); a stale brief is served while it is redone.

Each ``.json`` route is declared before its HTML twin, so ``/stories/x.json`` never reads
as the story ``x.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..models import spacy_pipeline
from ..render.html import report_context
from ..render.report_model import MAX_CHIPS, safe_url
from ..store import Store, listing, stories
from . import queries
from .highlight import paragraphs
from .security import WebError, error_body
from .state import Body, page, state, templates

router = APIRouter()
RETRY_S = 3  # seconds a "being prepared" answer asks to wait (Retry-After, and the page's reload)
ARTICLES_PER_PAGE = 100
MAX_ARTICLES_PER_PAGE = 1000
Q_HELP = 'full-text search over article sentences (SQLite FTS5 syntax: words, "a phrase", OR, prefix*)'


def article_url(article_id: str, sentence: int | None = None) -> str:
    """The article page's URL, at a sentence when given."""
    return f"/articles/{quote(article_id, safe='')}" + (f"#s{sentence}" if sentence is not None else "")


def _filters(
    q: str | None, outlet: str | None, since: str | None, until: str | None, conflicts: str | None
) -> queries.StoryFilters:
    try:
        return queries.make_filters(q, outlet, since, until, conflicts)
    except queries.BadFilter as err:
        raise WebError(400, str(err)) from err


def _listing(request: Request, f: queries.StoryFilters) -> tuple[list[queries.StoryListing], list[str]]:
    web = state(request)
    with web.store() as store:
        try:
            return queries.story_listing(store, f, web.stats)
        except queries.BadFilter as err:
            raise WebError(400, str(err)) from err


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/stories", status_code=307)


@router.get("/stories.json", summary="Stories, filtered and searched", tags=["stories"])
def stories_json(
    request: Request,
    q: str | None = Query(None, description=Q_HELP),
    outlet: str | None = Query(None, description="only stories with an article from this outlet"),
    since: str | None = Query(None, alias="from", description="published on or after, YYYY-MM-DD"),
    until: str | None = Query(None, alias="to", description="published on or before, YYYY-MM-DD"),
    conflicts: str | None = Query(None, description="'any': with a conflict; 'hard': with a hard one"),
) -> JSONResponse:
    f = _filters(q, outlet, since, until, conflicts)
    listing, outlets = _listing(request, f)
    return JSONResponse(
        {"filters": f.to_dict(), "count": len(listing), "outlets": outlets, "stories": [s.to_dict() for s in listing]}
    )


@router.get("/stories", response_class=HTMLResponse, summary="Stories page", tags=["pages"])
def stories_page(
    request: Request,
    q: str | None = None,
    outlet: str | None = None,
    since: str | None = Query(None, alias="from"),
    until: str | None = Query(None, alias="to"),
    conflicts: str | None = None,
) -> HTMLResponse:
    f = _filters(q, outlet, since, until, conflicts)
    listing, outlets = _listing(request, f)
    json_url = "/stories.json" + (f"?{request.url.query}" if request.url.query else "")
    return page("stories.html.j2", listing=listing, f=f, outlets=outlets, json_url=json_url, article_url=article_url)


def _make(request: Request, story_id: str, kind: str, make: Callable[[Store, str], str]) -> Body:
    """Build (in a worker thread) and keep the story's page or JSON for its brief version."""
    web = state(request)
    with web.store() as store:
        stored = listing.brief_version_and_text(store, story_id)
        if stored is None:  # removed since _story_body looked (a re-clustering): not a 404, the story was listed
            raise WebError(503, f"the brief of story {story_id} was replaced while it was read; reload the page")
        version, text = stored
        body = Body.of(make(store, text))
    web.bodies.put((kind, version), body)
    return body


def _preparing(request: Request, kind: str, head: queries.StoryHead) -> Response:
    """202: the story is being briefed in the background; ask again in RETRY_S seconds.

    JSON: the one error shape (so a client that only knows the brief or an error reads
    ``error.message``) plus ``status: "preparing"`` and the story; HTML: a page that
    reloads itself until the brief is there.
    """
    progress = state(request).briefer.progress(head.id)
    headers = {"retry-after": str(RETRY_S), "cache-control": "no-store"}
    message = (
        f"story {head.id} ({head.articles} article{'s' if head.articles != 1 else ''}) is being briefed; "
        f"ask again in {RETRY_S} s"
    )
    if kind == "json":
        body = {
            **error_body(202, message),
            "status": "preparing",
            "story": head.id,
            "title": head.title,
            "articles": head.articles,
            "ahead": progress.ahead if progress else 0,
            "stage": progress.stage if progress else None,
            "retry_after": RETRY_S,
        }
        return JSONResponse(body, status_code=202, headers=headers)
    response = page(
        "preparing.html.j2",
        status=202,
        head=head,
        progress=progress,
        refresh=RETRY_S,
        json_url=f"/stories/{quote(head.id, safe='')}.json",
    )
    response.headers.update(headers)
    return response


def _on_demand(request: Request, story_id: str, kind: str, brief_state: str) -> Response | None:
    """A story whose brief is missing or stale: queue a brief of it as it stands.

    Missing: the 202 "being prepared" answer, or 500 when its brief failed. Stale: None,
    and the stored brief is served while the new one is made. No such story: 404.
    """
    web = state(request)
    with web.store() as store:
        head = queries.story_head(store, story_id)
    if head is None:
        raise WebError(404, f"no story {story_id!r} in this store; see /stories for the list")
    failed = web.briefer.request(story_id, head.key)
    if brief_state == "stale":
        return None
    if failed is not None:
        raise WebError(500, failed.message, story=story_id)
    return _preparing(request, kind, head)


async def _story_body(
    request: Request, story_id: str, kind: str, make: Callable[[Store, str], str], media_type: str
) -> Response:
    """The story's page or JSON for its current brief version, made once per version; a
    story without a brief, or with a stale one, is (re)briefed in the background.

    A hit is answered on the event loop: indexed lookups of the brief's version and of its
    members' hashes (to tell a stale brief; ~0.4 ms for 200 articles), no hop through the
    thread pool. The ``X-Crossbrief-Brief`` header says "current" or "stale".
    """
    web = state(request)
    with web.store() as store:
        version = listing.brief_version(store, story_id)
        brief_state = stories.brief_state(store, story_id) if version else "missing"
    if brief_state != "current":
        waiting = await run_in_threadpool(_on_demand, request, story_id, kind, brief_state)
        if waiting is not None:
            return waiting
    body = web.bodies.get((kind, version)) if version else None
    if body is None:
        body = await run_in_threadpool(_make, request, story_id, kind, make)
    response = body.response(request, media_type)
    response.headers["x-crossbrief-brief"] = brief_state  # "stale": a newer brief is being made
    return response


@router.get(
    "/stories/{story_id}.json",
    summary="A story's brief (crossbrief.brief/1)",
    tags=["stories"],
    responses={
        202: {"description": "not briefed yet: being briefed now; ask again after Retry-After"},
        500: {"description": "briefing the story failed; the message says what to do"},
    },
)
async def story_json(request: Request, story_id: str) -> Response:
    """The stored brief document, exactly as saved (schema ``crossbrief.brief/1``).

    A story not briefed yet answers 202 (``status: "preparing"``, ``Retry-After``) and is
    briefed in the background; a stale brief is answered (``X-Crossbrief-Brief: stale``)
    while a new one is made.
    """
    return await _story_body(request, story_id, "json", lambda store, text: text, "application/json")


def _wanted(document: dict[str, Any]) -> set[tuple[str, int]]:
    """Sentences the brief cites without their text, and the neighbours of the summary's
    and the conflicts' citations: the reader shows a sentence in context."""
    near = [c for s in document["summary"] for c in s["citations"]]
    near += [c for k in document["conflicts"] for c in k["claims"]]
    bare = [r for t in document["timeline"] for r in t["support"][:MAX_CHIPS]]
    wanted = {(r["article"], int(r["sentence"]) + d) for r in near for d in (-1, 0, 1)}
    return wanted | {(r["article"], int(r["sentence"])) for r in bare}


def render_story(store: Store, text: str) -> str:
    """The story page: the HTML report, live (links to article pages, texts from the store)."""
    document = json.loads(text)
    extra = listing.sentence_texts(store, document["story"]["id"], _wanted(document))
    context = report_context(document, extra, article_url)
    return (
        templates()
        .get_template("story.html.j2")
        .render(**context, js=None, vega_inline=None, vega_src="/assets/vega.js", report_js_src="/assets/report.js")
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse, summary="Story page", tags=["pages"])
async def story_page(request: Request, story_id: str) -> Response:
    return await _story_body(request, story_id, "page", render_story, "text/html; charset=utf-8")


def _article_list(request: Request, limit: int, offset: int) -> queries.ArticlePage:
    with state(request).store() as store:
        return queries.article_listing(store, limit, offset)


LIMIT = Query(ARTICLES_PER_PAGE, ge=1, le=MAX_ARTICLES_PER_PAGE, description="articles on the page")
OFFSET = Query(0, ge=0, description="articles to skip (the newest first)")


@router.get("/articles.json", summary="Articles, the most recently published first", tags=["articles"])
def articles_json(request: Request, limit: int = LIMIT, offset: int = OFFSET) -> JSONResponse:
    """One page of the stored articles, each with its story; ``total`` counts them all."""
    listing = _article_list(request, limit, offset)
    return JSONResponse({**listing.to_dict(), "articles": [a.to_dict() for a in listing.rows]})


@router.get("/articles", response_class=HTMLResponse, summary="Articles page", tags=["pages"])
def articles_page(request: Request, limit: int = LIMIT, offset: int = OFFSET) -> HTMLResponse:
    listing = _article_list(request, limit, offset)
    return page("articles.html.j2", listing=listing, json_url=listing.link("/articles.json", listing.offset))


def _article(request: Request, article_id: str) -> tuple[Any, tuple[str | None, str | None], Any]:
    web = state(request)
    with web.store() as store:
        article = store.get_article(article_id)
        if article is None:
            raise WebError(404, f"no article {article_id!r} in this store; see /stories")
        story = stories.story_of(store, article_id)
        title = listing.story_title(store, story) if story else None
    # spaCy loads only for an article stored without entity spans (highlight.py)
    return article, (story, title), web.marks.marks(article, partial(spacy_pipeline, ner=True))


@router.get("/articles/{article_id}.json", summary="An article: text, sentences, highlights", tags=["articles"])
def article_json(request: Request, article_id: str) -> JSONResponse:
    article, story, marks = _article(request, article_id)
    body = {
        **article.to_dict(with_sentences=True),
        "text": article.text,
        "story": story[0],
        "removals": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "marks": [m.to_dict() for m in marks],
    }
    return JSONResponse(body)


@router.get("/articles/{article_id}", response_class=HTMLResponse, summary="Article page", tags=["pages"])
def article_page(request: Request, article_id: str) -> HTMLResponse:
    article, story, marks = _article(request, article_id)
    counts = {kind: sum(m.kind == kind for m in marks) for kind in ("entity", "quantity", "date")}
    return page(
        "article.html.j2",
        a=article,
        story=story[0],
        story_title=story[1],
        paragraphs=paragraphs(article, marks),
        counts=counts,
        url=safe_url(article.url),
        json_url=article_url(article.id) + ".json",
    )


@router.get("/rejections.json", summary="Inputs that could not be ingested", tags=["ingest"])
def rejections_json(request: Request) -> JSONResponse:
    with state(request).store() as store:
        rejected = store.rejections()
    return JSONResponse({"count": len(rejected), "rejections": [r.to_dict() for r in rejected]})


@router.get("/rejections", response_class=HTMLResponse, summary="Rejections page", tags=["pages"])
def rejections_page(request: Request) -> HTMLResponse:
    with state(request).store() as store:
        rejected = store.rejections()
    return page("rejections.html.j2", rejected=rejected)
