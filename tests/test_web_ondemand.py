"""Stories briefed on demand, and the articles list (issue #13), driven in-process.

The store is the demo corpus after ``crossbrief ingest`` only: every article is placed in
a story and no story has a brief. Every listed story must still open: 202 "being
prepared" first, then its brief; never a 404. A stale brief is served while it is made
again; a failing brief answers 500 with what to do and leaves the worker alive.

The background brief is swapped for a gate where a test needs to see the state before the
brief lands (the 202 page, the stale brief), so nothing depends on how fast briefing is.
"""

from __future__ import annotations

import html
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web app needs fastapi (pip install 'fastapi>=0.110')")

from fastapi.testclient import TestClient  # noqa: E402

from crossbrief.config import load_settings  # noqa: E402
from crossbrief.errors import CrossbriefError  # noqa: E402
from crossbrief.pipeline import brief_stored_story, ingest_into_stories  # noqa: E402
from crossbrief.render.json import validate_brief  # noqa: E402
from crossbrief.store import Store, stories  # noqa: E402
from crossbrief.web import create_app  # noqa: E402
from tests.test_web_api import BASE, copy_store, demo_corpus  # noqa: E402

POLL_S = 120  # the most a test waits for background briefs, all stories together
POLL_SLEEP_S = 0.5
GATE_S = 60  # the most a gated brief waits to be let through


def build_ingested_store(db: Path) -> Path:
    """The demo corpus ingested and placed in stories (online), none of them briefed."""
    settings = load_settings(overrides={"db": db}, environ={})
    with Store(db) as store:
        report, placed = ingest_into_stories([str(demo_corpus())], store, settings)
    assert len(report.added) == 24 and placed
    return db


@pytest.fixture(scope="module")
def ingested_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ingested_store(tmp_path_factory.mktemp("web-ondemand") / "ingested.db")


@pytest.fixture
def db(ingested_db: Path, tmp_path: Path) -> Path:
    """A private copy: the tests below write briefs into it."""
    return copy_store(ingested_db, tmp_path / "store.db")


@pytest.fixture
def client(db: Path) -> TestClient:
    return TestClient(create_app(load_settings(overrides={"db": db}, environ={})), base_url=BASE)


class Gate:
    """Stands in for the background brief: records the call, waits until opened (or
    raises ``fail`` for the stories in ``failing``), then briefs for real."""

    def __init__(self, opened: bool = False, failing: dict[str, Exception] | None = None) -> None:
        self.opened, self.calls = threading.Event(), list[str]()
        self.failing = failing or {}
        if opened:
            self.opened.set()

    def __call__(self, store: Store, story_id: str, **kwargs: Any) -> Any:
        self.calls.append(story_id)
        if story_id in self.failing:
            raise self.failing[story_id]
        assert self.opened.wait(GATE_S), "the test never opened the gate"
        return brief_stored_story(store, story_id, **kwargs)


def gate(client: TestClient, **kwargs: Any) -> Gate:
    """Put a Gate in place of the app's background brief."""
    g = Gate(**kwargs)
    client.app.state.crossbrief.briefer.brief = g  # type: ignore[attr-defined]
    return g


def listed(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/stories.json")
    assert response.status_code == 200, response.text
    return list(response.json()["stories"])


def until_not_preparing(client: TestClient, url: str, deadline: float) -> Any:
    """GET ``url`` until it stops answering 202 (bounded by ``deadline``); never a 404."""
    while True:
        response = client.get(url)
        assert response.status_code != 404, f"{url}: {response.text[:300]}"
        if response.status_code != 202:
            return response
        assert response.headers["retry-after"].isdigit()
        assert time.monotonic() < deadline, f"{url} was still being prepared after {POLL_S} s"
        time.sleep(POLL_SLEEP_S)


def wait_for(condition: Any, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def assert_preparing_json(response: Any, story: dict[str, Any]) -> None:
    """202 in the one error shape, plus what is being prepared."""
    assert response.status_code == 202 and response.headers["retry-after"] == "3", response.text
    body = response.json()
    assert body["error"]["status"] == 202 and story["id"] in body["error"]["message"]
    assert body["status"] == "preparing" and body["story"] == story["id"]
    assert body["articles"] == story["articles"] and body["title"] == story["title"]


def assert_preparing_page(response: Any, story: dict[str, Any]) -> None:
    """202, an HTML page naming the story and its article count that reloads itself."""
    assert response.status_code == 202 and "text/html" in response.headers["content-type"], response.text
    assert response.headers["retry-after"] == "3" and response.headers["cache-control"] == "no-store"
    text = html.unescape(response.text)
    assert '<meta http-equiv="refresh" content="3">' in text
    assert story["title"] in text and f"{story['articles']} article" in text and "being prepared" in text


# -- every listed story opens ------------------------------------------------------------------


def test_web_ondemand_every_listed_story_opens(client: TestClient) -> None:
    held = gate(client)
    listing = listed(client)
    assert sum(s["articles"] for s in listing) == 24
    assert all(s["conflicts"] is None for s in listing), "the store was ingested, not briefed"
    first = listing[0]
    assert_preparing_page(client.get(first["url"]), first)
    assert_preparing_json(client.get(first["json"]), first)
    wait_for(lambda: held.calls == [first["id"]], "the worker to take the first story")
    assert_preparing_json(client.get(first["json"]), first)  # still held: asked again, still 202
    held.opened.set()
    deadline = time.monotonic() + POLL_S
    for story in listing:
        response = until_not_preparing(client, story["json"], deadline)
        assert response.status_code == 200 and response.headers["content-type"] == "application/json"
        document = response.json()
        validate_brief(document)
        assert document["story"]["id"] == story["id"] and len(document["articles"]) == story["articles"]
        page = until_not_preparing(client, story["url"], deadline)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert document["story"]["title"] in html.unescape(page.text)
    assert sorted(held.calls) == sorted(s["id"] for s in listing), "each story briefed exactly once"
    assert all(s["conflicts"] is not None for s in listed(client))


def test_web_ondemand_unknown_story_is_still_404(client: TestClient) -> None:
    response = client.get("/stories/s-nope.json")
    assert response.status_code == 404 and "no story" in response.json()["error"]["message"]
    page = client.get("/stories/s-nope")
    assert page.status_code == 404 and "no story" in page.text
    assert not client.app.state.crossbrief.briefer.alive  # type: ignore[attr-defined]  # nothing was queued


# -- a stale brief is served while it is made again ----------------------------------------------


def _brief_now(db: Path, story_id: str) -> None:
    with Store(db) as store:
        brief_stored_story(store, story_id)


def _move_article(db: Path, into: dict[str, Any], source: dict[str, Any]) -> str:
    """Move one article of ``source`` into ``into``; returns its id."""
    with Store(db) as store:
        moved = stories.story_article_ids(store, source["id"])[0]
        members = stories.story_article_ids(store, into["id"])
        stories.save_story(store, into["id"], into["title"], [*members, moved])
        assert stories.brief_state(store, into["id"]) in {"stale", "missing"}
    return moved


def test_web_ondemand_stale_brief_is_served_then_replaced(client: TestClient, db: Path) -> None:
    listing = sorted(listed(client), key=lambda s: -s["articles"])
    story, other = listing[0], listing[-1]
    _brief_now(db, story["id"])
    before = client.get(story["json"])
    assert before.status_code == 200 and before.headers["x-crossbrief-brief"] == "current"
    moved = _move_article(db, story, other)
    held = gate(client)

    stale = client.get(story["json"])  # the old brief at once, and a re-brief queued
    assert stale.status_code == 200 and stale.headers["x-crossbrief-brief"] == "stale"
    assert stale.headers["etag"] == before.headers["etag"]
    assert moved not in {a["id"] for a in stale.json()["articles"]}
    wait_for(lambda: held.calls == [story["id"]], "the worker to take the stale story")
    page = client.get(story["url"])
    assert page.status_code == 200 and f"/articles/{moved}" not in page.text
    assert client.get(story["json"]).status_code == 200  # asked again while held: still the old brief

    held.opened.set()
    deadline = time.monotonic() + POLL_S
    while (fresh := client.get(story["json"])).headers["x-crossbrief-brief"] != "current":
        assert fresh.status_code == 200 and time.monotonic() < deadline
        time.sleep(POLL_SLEEP_S)
    assert fresh.headers["etag"] != before.headers["etag"]
    document = fresh.json()
    validate_brief(document)
    assert moved in {a["id"] for a in document["articles"]}
    assert f"/articles/{moved}" in client.get(story["url"]).text  # the page cache follows the version
    assert held.calls == [story["id"]]


# -- a failing brief -----------------------------------------------------------------------------


def test_web_ondemand_failure_is_500_and_the_worker_lives_on(client: TestClient, db: Path) -> None:
    listing = sorted(listed(client), key=lambda s: s["articles"])
    broken, buggy, fine = listing[0], listing[1], listing[2]
    held = gate(
        client,
        opened=True,
        failing={broken["id"]: CrossbriefError("the encoder ran out of memory"), buggy["id"]: RuntimeError("a bug")},
    )
    deadline = time.monotonic() + POLL_S
    assert_preparing_json(client.get(broken["json"]), broken)
    failed = until_not_preparing(client, broken["json"], deadline)
    assert failed.status_code == 500 and set(failed.json()) == {"error"}
    error = failed.json()["error"]
    assert error["status"] == 500 and error["story"] == broken["id"]
    assert broken["id"] in error["message"] and "ran out of memory" in error["message"]
    assert f"crossbrief brief --story {broken['id']}" in error["message"]
    page = client.get(broken["url"])
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert "crossbrief brief --story" in html.unescape(page.text)

    hidden = until_not_preparing(client, buggy["json"], deadline).json()["error"]["message"]
    assert "internal error (RuntimeError)" in hidden and "a bug" not in hidden  # details stay in the log

    assert until_not_preparing(client, fine["json"], deadline).status_code == 200  # the worker lived on
    assert held.calls.count(broken["id"]) == 1, "a failure is shown, not retried, while the story is unchanged"

    _move_article(db, broken, fine)  # the story changed: it is tried again
    held.failing.clear()
    response = until_not_preparing(client, broken["json"], deadline)
    assert response.status_code == 200, response.text
    validate_brief(response.json())


def test_web_ondemand_worker_stops_with_the_app(db: Path) -> None:
    app = create_app(load_settings(overrides={"db": db}, environ={}))
    with TestClient(app, base_url=BASE) as client:
        story = listed(client)[-1]
        assert until_not_preparing(client, story["json"], time.monotonic() + POLL_S).status_code == 200
        assert app.state.crossbrief.briefer.alive
    assert not app.state.crossbrief.briefer.alive


# -- the articles list -----------------------------------------------------------------------------


def test_web_ondemand_articles_json_lists_pages_and_stories(client: TestClient, db: Path) -> None:
    body = client.get("/articles.json").json()
    assert body["total"] == 24 and body["count"] == 24 and body["offset"] == 0 and body["limit"] == 100
    assert body["next"] is None and body["previous"] is None
    articles = body["articles"]
    dates = [a["published"] for a in articles if a["published"]]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert all(a["published"] for a in articles[: len(dates)]), "undated last"
    klaxon = next(a for a in articles if a["id"] == "klaxon-tanker-vesk")
    with Store(db) as store:
        story = stories.story_of(store, "klaxon-tanker-vesk")
        title = store.get_article("klaxon-tanker-vesk").title  # type: ignore[union-attr]
    assert story and klaxon["story"] == story and klaxon["story_url"] == f"/stories/{story}"
    assert klaxon["title"] == title and klaxon["url"] == "/articles/klaxon-tanker-vesk"
    assert {"outlet", "published", "language", "words", "story_title", "json"} <= set(klaxon)
    assert klaxon["words"] > 0 and klaxon["language"] == "en"
    assert client.get(klaxon["story_url"] + ".json").status_code in {200, 202}  # the link opens

    page = client.get("/articles.json", params={"limit": 5, "offset": 5}).json()
    assert [a["id"] for a in page["articles"]] == [a["id"] for a in articles[5:10]]
    assert page["count"] == 5 and page["total"] == 24
    assert page["next"] == "/articles.json?limit=5&offset=10"
    assert page["previous"] == "/articles.json?limit=5&offset=0"
    past = client.get("/articles.json", params={"offset": 100}).json()
    assert past["count"] == 0 and past["total"] == 24 and past["articles"] == []
    for bad in ({"limit": 0}, {"limit": "many"}, {"offset": -1}, {"limit": 100_000}):
        response = client.get("/articles.json", params=bad)
        assert response.status_code == 400 and response.json()["error"]["status"] == 400, bad


def test_web_ondemand_articles_page_is_linked_and_paginated(client: TestClient) -> None:
    stories_page = client.get("/stories")
    assert 'href="/articles"' in stories_page.text, "the site navigation links the articles"
    response = client.get("/articles", params={"limit": 5})
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    assert response.text.count("<tr data-article=") == 5
    assert 'rel="next" href="/articles?limit=5&amp;offset=5"' in response.text
    assert 'class="story-link" href="/stories/' in response.text
    assert 'href="/articles.json?limit=5&amp;offset=0"' in response.text  # its JSON twin
    first = client.get("/articles.json", params={"limit": 1}).json()["articles"][0]
    assert f'href="/articles/{first["id"]}"' in response.text


def test_web_ondemand_openapi_lists_the_articles_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/articles.json", "/articles"} <= set(paths)
    assert "202" in paths["/stories/{story_id}.json"]["get"]["responses"]
