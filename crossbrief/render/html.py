"""The brief as one self-contained HTML file: summary with clickable citations, conflicts
side by side, a timeline, a source × fact matrix, a derivation graph and the sources.

Built from the contract dict (``crossbrief.brief/1``), so a stored brief renders the same
as a fresh one. Everything is inlined (CSS, JS, the Vega runtime): the file opens with
no network. All text from articles is escaped by Jinja2's autoescaping; data for the
scripts travels as JSON with ``<``, ``>`` and ``&`` escaped, so no article can close a
``<script>`` element.

    >>> html = brief_html(document)                      # doctest: +SKIP
    >>> html.startswith("<!doctype html>")               # doctest: +SKIP
    True
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

from ..wording import outlet_note, plural, undated_note
from .assets import asset_text, vega_bundle
from .charts import report_charts
from .report_model import ArticleHref, ReportModel, build_model, human_date, reader_data

_END_TAG = re.compile(r"</(script|style)", re.IGNORECASE)
PRECISION_NOTE = {"day": "day", "month": "month only", "year": "year only"}


def script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def template_environment(*packages: str) -> Environment:
    """A Jinja2 environment over the ``templates`` folders of ``packages`` (the first that has
    a file wins), autoescaping every file, with the report's filters and globals."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader(p, "templates") for p in packages]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["human_date"] = human_date
    env.filters["script_json"] = script_json
    env.filters["plural"] = plural
    env.globals["PRECISION_NOTE"] = PRECISION_NOTE
    return env


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the report templates."""
    return template_environment("crossbrief.render")


def report_context(
    document: dict[str, Any],
    extra_sentences: Mapping[tuple[str, int], str] | None = None,
    article_href: ArticleHref = None,
) -> dict[str, Any]:
    """What the report templates need: the model, the chart specs and the reader data."""
    model: ReportModel = build_model(document, extra_sentences, article_href)
    link = (lambda aid: article_href(aid, None)) if article_href else None
    return {
        "m": model,
        "story": model.story,
        "engine": document.get("engine"),
        "undated": undated_note([a.get("published") for a in document["articles"]]),
        "outlets_note": outlet_note(document["story"]),
        "charts": report_charts(model),
        "reader": reader_data(model, article_href),
        "live": article_href is not None,
        "article_link": link,
    }


def inline_code(text: str) -> str:
    """Script or style text safe inside its element: a stray ``</script`` cannot end it."""
    return _END_TAG.sub(lambda m: "<\\/" + m.group(1), text)


def brief_html(
    document: dict[str, Any],
    *,
    script_src: str | None = None,
    extra_sentences: Mapping[tuple[str, int], str] | None = None,
    article_href: ArticleHref = None,
) -> str:
    """The whole report as one HTML page.

    By default the Vega runtime is inlined (a file that works offline); ``script_src``
    links it instead (the web app serves it once, cached). ``extra_sentences`` and
    ``article_href`` are for the web app: sentence texts from the store, links to
    article pages.
    """
    context = report_context(document, extra_sentences, article_href)
    template = environment().get_template("report.html.j2")
    return template.render(
        **context,
        css=inline_code(asset_text("report.css")),
        js=inline_code(asset_text("report.js")),
        vega_src=script_src,
        vega_inline=None if script_src else inline_code(vega_bundle()),
    )
