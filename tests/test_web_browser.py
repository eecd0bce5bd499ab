"""The web UI and the HTML report in a real browser (Playwright driving Debian's Chromium).

A real server (uvicorn in a thread, loopback, a free port) serves a store built from the
demo corpus plus an article full of markup. Skips, with the reason, when Chromium or
Playwright is missing; CI has both. A failing test leaves a screenshot in its tmp_path.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (it drives /usr/bin/chromium)")
uvicorn = pytest.importorskip("uvicorn", reason="pip install uvicorn")

from crossbrief.config import load_settings  # noqa: E402
from crossbrief.pipeline import ingest_and_brief  # noqa: E402
from crossbrief.render.html import brief_html  # noqa: E402
from crossbrief.store import Store, stories  # noqa: E402
from crossbrief.web import create_app  # noqa: E402
from tests.test_web_api import ARTICLE_TEXT, XSS_TEXT, build_demo_store  # noqa: E402
from tests.test_web_ondemand import build_ingested_store  # noqa: E402

pytestmark = pytest.mark.slow
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 30_000  # the first story page may wait for the Vega runtime to be built
BRIEF_WAIT_MS = 120_000  # a story ingested but not briefed: its page reloads itself until briefed
XSS_SCRIPT = "<script>window.__xss = 1; alert('x')</script>"
XSS_IMG = '<img src=x onerror="window.__xss = 2">'
# Recorded from the first script of every document: the CSP blocks inline script and event
# handlers, so markup that escaped escaping would not run but would be reported here.
CSP_WATCH = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " (e) => window.__csp.push(e.violatedDirective + ' ' + (e.sample || e.blockedURI)));"
)
# The page is done: loaded, and every image loaded or failed (an injected <img src=x> has
# fired its error event by then).
SETTLED = "() => document.readyState === 'complete' && Array.from(document.images).every((i) => i.complete)"
# Elements built from the untrusted text that it should not have made: script that is not the
# page's own (its scripts are files, or JSON data) and any inline event handler.
FOREIGN = (
    "() => Array.from(document.querySelectorAll('script:not([src])'))"
    " .filter((s) => s.type !== 'application/json').length"
    " + document.querySelectorAll('[onerror], [onload], [onclick]').length"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store plus an article whose text is script and event-handler markup."""
    folder = tmp_path_factory.mktemp("web-browser")
    store_path = build_demo_store(folder / "demo.db")
    (folder / "in").mkdir()
    (folder / "in" / "harbour-xss.txt").write_text(XSS_TEXT, encoding="utf-8")
    with Store(store_path) as store:
        ingest_and_brief([str(folder / "in")], store, load_settings(overrides={"db": store_path}, environ={}))
    return store_path


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over ``db`` served by uvicorn on a free loopback port; yields its base URL."""
    app = create_app(load_settings(overrides={"db": db}, environ={}))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with what it did that it should not: dialogs opened, script errors."""

    def __init__(self, page: Any) -> None:
        self.page, self.dialogs, self.errors = page, [], []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.set_default_timeout(WAIT_MS)


@pytest.fixture
def watched(browser: Any, tmp_path: Path) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    w = Watched(context.new_page())
    yield w
    context.close()


@contextmanager
def screenshot_on_failure(w: Watched, tmp_path: Path) -> Iterator[None]:
    try:
        yield
    except BaseException:
        w.page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        raise


def _sentence(db: Path, article: str, index: int) -> str:
    with Store(db) as store:
        row = store.db.execute("SELECT text FROM sentences WHERE article_id = ? AND idx = ?", (article, index))
        return str(row.fetchone()[0])


def _chart_drawn(w: Watched, name: str) -> int:
    """Number of drawn marks in a chart's SVG, after vega-embed says it rendered."""
    w.page.wait_for_selector(f'[data-chart="{name}"][data-rendered="true"] svg')
    return int(
        w.page.locator(
            f'[data-chart="{name}"] svg g.mark-rect path, [data-chart="{name}"] svg '
            'g.mark-symbol path, [data-chart="' + name + '"] svg g.mark-rule line'
        ).count()
    )


def test_web_browser_search_story_citation_and_charts(server: str, db: Path, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    with screenshot_on_failure(watched, tmp_path):
        page.goto(f"{server}/stories")
        assert page.locator("article.story-row").count() >= 2
        page.fill("input[name=q]", "treaty")
        page.click("button[type=submit]")
        page.wait_for_url("**/stories?q=treaty**")
        rows = page.locator("article.story-row")
        assert rows.count() >= 1 and "treaty" in rows.first.inner_text().lower()
        rows.first.locator("h2 a").click()
        page.wait_for_selector(".cb-report h1")
        assert _chart_drawn(watched, "timeline") > 0
        assert _chart_drawn(watched, "matrix") > 0
        chip = page.locator("#summary a.cite").first
        article, index = chip.get_attribute("data-article"), int(chip.get_attribute("data-sentence") or -1)
        chip.click()
        reader = page.locator("#cb-reader")
        reader.wait_for(state="visible")
        assert reader.locator(".reader-sentence").inner_text() == _sentence(db, str(article), index)
        assert reader.locator(".reader-open").get_attribute("href") == f"/articles/{article}#s{index}"
        page.screenshot(path=str(tmp_path / "story.png"), full_page=False)
        assert not watched.errors and not watched.dialogs


def test_web_browser_upload_then_find_it(server: str, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    upload = tmp_path / "city-buses.txt"
    upload.write_text(ARTICLE_TEXT, encoding="utf-8")
    with screenshot_on_failure(watched, tmp_path):
        page.goto(f"{server}/ingest")
        page.set_input_files("input[type=file]", str(upload))
        page.click("button[type=submit]")
        result = page.locator("#result")
        result.wait_for()
        assert "1 article read, 0 rejected" in result.inner_text()
        result.locator("ul.briefed a").first.click()
        page.wait_for_selector(".cb-report h1")
        page.goto(f"{server}/stories?q=buses")
        assert page.locator("article.story-row").count() == 1


def test_web_browser_article_markup_stays_text(server: str, db: Path, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    page.add_init_script(CSP_WATCH)
    with screenshot_on_failure(watched, tmp_path):
        page.goto(f"{server}/articles/harbour-xss")
        text = page.locator(".article-text").inner_text()
        assert XSS_SCRIPT in text and XSS_IMG in text
        assert page.locator(".article-text mark.mk").count() > 0  # highlights still work
        page.wait_for_function(SETTLED)
        assert page.evaluate(FOREIGN) == 0
        assert page.evaluate("[window.__xss, window.__csp]") == [None, []]
        with Store(db) as store:
            story = stories.story_of(store, "harbour-xss")
        page.goto(f"{server}/stories/{story}")
        page.wait_for_selector(".cb-report h1")
        page.wait_for_function(SETTLED)
        page.wait_for_function("() => typeof window.crossbriefOpenCite === 'function'")  # report.js ran
        summary = page.locator("#summary").inner_text()
        assert XSS_SCRIPT in summary and XSS_IMG in summary  # the markup is on the page, as text
        assert page.evaluate(FOREIGN) == 0
        page.locator('#summary a.cite[data-article="harbour-xss"]').first.click()
        sentence = page.locator("#cb-reader .reader-sentence")
        sentence.wait_for(state="visible")
        assert XSS_SCRIPT in sentence.inner_text() and page.locator("#cb-reader img, #cb-reader script").count() == 0
        page.wait_for_function(SETTLED)
        assert page.evaluate("[window.__xss, window.__csp]") == [None, []]
        assert not watched.dialogs and not watched.errors


def test_web_browser_report_file_works_offline(db: Path, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    with Store(db) as store:
        # the story whose brief has the most facts several sources state: the matrix draws those
        briefs = {s.id: stories.stored_brief(store, s.id) for s in stories.list_stories(store)}
        story_id = max(briefs, key=lambda k: (len((briefs[k] or {}).get("facts", [])), k))
        document = briefs[story_id]
    assert document is not None
    report = tmp_path / f"{story_id}.html"
    report.write_text(brief_html(document), encoding="utf-8")
    requested: list[str] = []

    def block(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    page.route("**/*", block)
    with screenshot_on_failure(watched, tmp_path):
        page.goto(report.as_uri())
        assert _chart_drawn(watched, "timeline") > 0 and _chart_drawn(watched, "matrix") > 0
        fact = document["facts"][0]["support"][0]
        chip = page.locator(f'#facts a.cite[data-article="{fact["article"]}"][data-sentence="{fact["sentence"]}"]')
        chip.first.click()
        assert page.locator("#cb-reader .reader-sentence").inner_text() == fact["text"]
        assert requested == [] and not watched.errors, json.dumps(requested)


def test_web_browser_unbriefed_story_reloads_into_its_brief(watched: Watched, tmp_path: Path) -> None:
    """After ``crossbrief ingest`` only, a listed story's page says it is being prepared and
    reloads itself (meta refresh, allowed by the CSP) until the brief is shown; the
    articles list links each article's story."""
    page = watched.page
    db = build_ingested_store(tmp_path / "ingested.db")
    with serving(db) as url, screenshot_on_failure(watched, tmp_path):
        page.goto(f"{url}/stories")
        row = page.locator("article.story-row").first
        assert "not briefed yet" in row.inner_text()
        title = row.locator("h2 a").inner_text()
        row.locator("h2 a").click()
        page.wait_for_selector(".preparing")
        assert title in page.locator(".preparing h1").inner_text()
        page.wait_for_selector(".cb-report h1", timeout=BRIEF_WAIT_MS)
        page.click("nav.topbar >> text=Articles")
        page.wait_for_url("**/articles")
        assert page.locator("tr[data-article]").count() == 24
        page.locator("tr[data-article] a.story-link").first.click()
        page.wait_for_url("**/stories/*")
        assert not watched.errors and not watched.dialogs
