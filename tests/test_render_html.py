"""The single-file HTML report, from the contract dict: content, safety, charts."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from typing import Any

import pytest

from crossbrief.render.charts import matrix_columns, report_charts, split_background, timeline_rows
from crossbrief.render.html import brief_html, inline_code, script_json
from crossbrief.render.json import validate_brief
from crossbrief.render.report_model import build_model, human_date, period, safe_url

pytest.importorskip("altair", reason="the HTML report needs altair (pip install 'altair>=5.4')")

XSS_TITLE = "<script>alert('title')</script> Tanker seized"
XSS_SENTENCE = 'The tanker <img src=x onerror="alert(1)"> was seized on Tuesday, officials said.'


def _article(aid: str, outlet: str, published: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "id": aid,
        "url": f"https://{aid}.example/news",
        "title": f"{outlet} report",
        "outlet": outlet,
        "published": published,
        "language": "en",
        "words": 200,
        "removed": [],
        "origin": None,
        **extra,
    }


@pytest.fixture
def document() -> dict[str, Any]:
    """A small story: A is rewritten by C; A and B disagree on the crew (hard) and barrels (soft)."""
    doc: dict[str, Any] = {
        "schema": "crossbrief.brief/1",
        "story": {
            "id": "s-test",
            "title": XSS_TITLE,
            "articles": 3,
            "independent_sources": 2,
            "first_published": "2025-03-04",
            "last_published": "2025-03-05",
        },
        "articles": [
            _article("a-wire", "Wire", "2025-03-04"),
            _article("b-daily", "Daily", "2025-03-05", url="javascript:alert(3)", removed=["Subscribe now"]),
            _article("c-rewrite", "Rewriter", "2025-03-05", origin="a-wire"),
        ],
        "summary": [
            {
                "text": "The tanker was seized on Tuesday.",
                "citations": [{"article": "a-wire", "sentence": 0}, {"article": "b-daily", "sentence": 9}],
            }
        ],
        "facts": [
            {
                "id": "f-1",
                "text": "The tanker was seized on Tuesday.",
                "articles": ["a-wire", "b-daily", "c-rewrite"],
                "independent_sources": 2,
                "support": [
                    {"article": "a-wire", "sentence": 0, "text": XSS_SENTENCE},
                    {"article": "b-daily", "sentence": 1, "text": "Officials seized the tanker on Tuesday."},
                    {"article": "c-rewrite", "sentence": 0, "text": "A tanker was seized Tuesday."},
                ],
                "attributed_to": ["officials"],
                "date": "2025-03-04",
                "modality": "stated",
            }
        ],
        "conflicts": [
            {
                "id": "c-soft",
                "kind": "number",
                "subject": "barrels",
                "severity": "soft",
                "explanation": "estimates differ",
                "claims": [
                    {
                        "article": "a-wire",
                        "sentence": 2,
                        "text": "It carried about 700,000 barrels.",
                        "value": "about 700,000 barrels",
                        "attributed_to": None,
                        "as_of": "2025-03-04",
                    },
                    {
                        "article": "b-daily",
                        "sentence": 3,
                        "text": "It carried 650,000 barrels.",
                        "value": "650,000 barrels",
                        "attributed_to": None,
                        "as_of": "2025-03-05",
                    },
                ],
            },
            {
                "id": "c-hard",
                "kind": "number",
                "subject": "crew members",
                "severity": "hard",
                "explanation": "incompatible figures",
                "claims": [
                    {
                        "article": "a-wire",
                        "sentence": 4,
                        "text": "Its 23 crew members were held.",
                        "value": "23 crew members",
                        "attributed_to": "the coast guard",
                        "as_of": "2025-03-04",
                    },
                    {
                        "article": "b-daily",
                        "sentence": 5,
                        "text": "All 25 crew members were held.",
                        "value": "25 crew members",
                        "attributed_to": "Daria Volkan",
                        "as_of": "2025-03-05",
                    },
                    {
                        "article": "c-rewrite",
                        "sentence": 4,
                        "text": "23 crew members remain aboard.",
                        "value": "23 crew members",
                        "attributed_to": None,
                        "as_of": "2025-03-05",
                    },
                ],
            },
        ],
        "timeline": [
            {
                "date": "2001",
                "precision": "year",
                "text": "The tanker was built.",
                "articles": ["a-wire"],
                "support": [{"article": "a-wire", "sentence": 5}],
            },
            {
                "date": "2025-02",
                "precision": "month",
                "text": "It was blacklisted.",
                "articles": ["b-daily"],
                "support": [{"article": "b-daily", "sentence": 6}],
            },
            {
                "date": "2025-03-04",
                "precision": "day",
                "text": "The tanker was seized.",
                "articles": ["a-wire"],
                "support": [{"article": "a-wire", "sentence": 0}],
            },
        ],
        "derivations": [
            {"origin": "a-wire", "derived": "c-rewrite", "kind": "rewrite", "aligned_sentences": 8, "share": 0.8}
        ],
        "entities": [{"name": "Daria Volkan", "type": "PERSON", "aliases": ["Volkan"], "articles": ["b-daily"]}],
        "unique_claims": [{"article": "b-daily", "sentence": 7, "text": "Fishermen saw the lights go off."}],
    }
    validate_brief(doc)
    return doc


@pytest.fixture
def html(document: dict[str, Any]) -> str:
    return brief_html(document)


def test_render_html_is_self_contained(html: str) -> None:
    assert html.startswith("<!doctype html>")
    assert "vegaEmbed" in html  # the Vega runtime is inlined
    markup = re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", html, flags=re.S)  # tags, not script code
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", markup), "no external resource"
    assert "default-src 'none'" in html  # and the CSP forbids fetching any


def test_render_html_escapes_untrusted_text(html: str) -> None:
    assert "<script>alert('title')" not in html
    assert "&lt;script&gt;alert(" in html
    assert '<img src=x onerror="alert(1)">' not in html
    assert "javascript:alert(3)" not in html  # an article URL that is not http(s) is dropped
    data = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert data and all("<" not in block for block in data)  # JSON for the scripts cannot close them


def test_render_html_script_json_and_inline_code_cannot_end_their_element() -> None:
    assert "</script" not in script_json({"x": "</script><script>alert(1)</script>"})
    assert "</script" not in inline_code("var s = '</script>';").lower()
    assert "</style" not in inline_code("a::after { content: '</STYLE>' }").lower()


def test_render_html_summary_citations_carry_the_sentence_or_say_where_it_is(document: dict[str, Any]) -> None:
    cites = build_model(document).summary[0].cites
    assert (cites[0].label, cites[0].text) == ("A0", XSS_SENTENCE)  # found in facts[].support
    assert cites[1].text is None and cites[1].fallback.startswith("sentence 9 of “Daily report”")
    assert cites[0].href == "#src-A"  # without JavaScript a chip still leads to the source


def test_render_html_reader_knows_every_cited_sentence(html: str, document: dict[str, Any]) -> None:
    model = build_model(document)
    assert ("b-daily", 7) in model.sentences and ("a-wire", 4) in model.sentences
    assert 'data-article="a-wire" data-sentence="0"' in html
    assert "Fishermen saw the lights go off." in html


def test_render_html_conflicts_hard_first_grouped_by_value(document: dict[str, Any], html: str) -> None:
    model = build_model(document)
    assert [c.severity for c in model.conflicts] == ["hard", "soft"]
    hard = model.conflicts[0]
    assert [g.value for g in hard.groups] == ["23 crew members", "25 crew members"]
    rewrite_claim = hard.groups[0].claims[1]
    assert rewrite_claim.derived_note == "rewrite of A: not an independent source"
    assert hard.groups[0].independent == 1
    assert "<mark>23 crew members</mark>" in html
    assert html.index("c-hard") < html.index("c-soft")


def test_render_html_sources_table_and_removed_text(html: str) -> None:
    for key in ("src-A", "src-B", "src-C"):
        assert f'id="{key}"' in html
    assert "Subscribe now" in html
    assert 'href="https://a-wire.example/news" rel="noopener noreferrer nofollow"' in html


def test_render_html_charts_are_vega_lite_specs(document: dict[str, Any]) -> None:
    charts = report_charts(build_model(document))
    assert set(charts) == {"timeline", "matrix", "derivations"}
    assert all(spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/") for spec in charts.values())


def test_render_html_matrix_puts_rewrites_beside_their_origin(document: dict[str, Any]) -> None:
    columns = [(s.key, depth) for s, depth in matrix_columns(build_model(document))]
    assert columns == [("A", 0), ("C", 1), ("B", 0)]


def test_render_html_timeline_rows_span_their_precision(document: dict[str, Any]) -> None:
    rows = timeline_rows(build_model(document))
    spans = {r["precision"]: (r["start"][:10], r["end"][:10]) for r in rows}
    assert spans == {
        "year": ("2001-01-01", "2002-01-01"),
        "month": ("2025-02-01", "2025-03-01"),
        "day": ("2025-03-04", "2025-03-05"),
    }
    background, story = split_background(build_model(document), rows)
    assert [r["precision"] for r in background] == ["year"]  # 2001 gets its own axis


def test_render_html_without_charts_data_says_so(document: dict[str, Any]) -> None:
    bare = copy.deepcopy(document)
    bare.update(facts=[], timeline=[], derivations=[], conflicts=[], unique_claims=[])
    bare["articles"][2]["origin"] = None
    html = brief_html(bare, script_src="/assets/vega.js")
    assert report_charts(build_model(bare)) == {}
    assert "No dated events found." in html and "No conflicting claims found." in html
    assert '<script src="/assets/vega.js">' in html and "vegaEmbed=" not in html


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2024", "year", (date(2024, 1, 1), date(2025, 1, 1))),
        ("2024-12", "month", (date(2024, 12, 1), date(2025, 1, 1))),
        ("2024-02-29", "day", (date(2024, 2, 29), date(2024, 3, 1))),
        ("20xx", "year", None),
    ],
)
def test_render_html_period(value: str, precision: str, expected: Any) -> None:
    assert period(value, precision) == expected


def test_render_html_helpers() -> None:
    assert human_date("2025-03-04") == "4 Mar 2025" and human_date("2025-03") == "Mar 2025"
    assert human_date(None) == "undated"
    assert safe_url("https://x.example/a") == "https://x.example/a"
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None


def test_render_html_and_markdown_list_the_same_confirmed_facts(document: dict[str, Any]) -> None:
    from crossbrief.render import brief_markdown

    echoed = {
        "id": "f-2",
        "text": "The crew was questioned for hours.",
        "articles": ["a-wire", "c-rewrite"],
        "independent_sources": 1,  # an origin and its rewrite: one source
        "support": [
            {"article": "a-wire", "sentence": 3, "text": "The crew was questioned for hours."},
            {"article": "c-rewrite", "sentence": 2, "text": "Crew members were questioned for hours."},
        ],
        "attributed_to": [],
        "date": None,
        "modality": "stated",
    }
    document["facts"].append(echoed)
    model = build_model(document)
    markdown = brief_markdown(document)
    assert [f.text for f in model.facts] == ["The tanker was seized on Tuesday."] and model.echoed == 1
    assert "The tanker was seized on Tuesday." in markdown and "questioned for hours" not in markdown
    facts_section = brief_html(document).split('<section id="facts"')[1].split("</section>")[0]
    assert "1 more fact is repeated only by copies" in facts_section
    assert "questioned for hours" not in facts_section


def test_render_a_derivation_of_unknown_order_says_the_two_share_an_origin(document: dict[str, Any]) -> None:
    from crossbrief.render import brief_markdown, validate_brief

    document["derivations"][0]["order"] = "unknown"
    validate_brief(document)
    markdown = brief_markdown(document)
    assert "share an origin" in markdown and "no dates tell which came first" in markdown
    assert "is a **rewrite** of" not in markdown
    from crossbrief.render.charts import derivation_spec

    assert "order unknown" in json.dumps(derivation_spec(build_model(document)))


def test_render_undated_articles_are_said_in_both_renderings(document: dict[str, Any]) -> None:
    from crossbrief.render import brief_markdown

    assert "no publication date" not in brief_markdown(document)
    document["articles"][0]["published"] = None
    assert "1 of" in brief_markdown(document) and "carries no publication date" in brief_markdown(document)
    assert "carries no publication date" in brief_html(document)


def test_render_html_and_markdown_say_when_counts_rest_on_sources_naming_no_outlet(document: dict[str, Any]) -> None:
    import html as html_lib

    from crossbrief.render import brief_markdown

    plain_md, plain_html = brief_markdown(document), html_lib.unescape(brief_html(document))
    assert "name no outlet" not in plain_md and "no outlet" not in plain_html
    document["story"]["sources_without_outlet"] = 1
    confirmed = next(f for f in document["facts"] if f["independent_sources"] > 1)
    confirmed["sources_without_outlet"] = 1
    markdown, page = brief_markdown(document), html_lib.unescape(brief_html(document))
    note = f"1 of the {document['story']['independent_sources']} independent sources names no outlet"
    assert note in markdown and note in page
    assert "1 source names no outlet)" in markdown and "1 no outlet" in page


def test_render_a_summary_sentence_stating_one_side_of_a_conflict_says_outlets_disagree(
    document: dict[str, Any],
) -> None:
    import html as html_lib

    from crossbrief.render import brief_markdown

    assert "Outlets disagree" not in brief_markdown(document)  # the tanker sentence states no disputed value
    document["summary"].append(
        {"text": "It carried about 700,000 barrels.", "citations": [{"article": "a-wire", "sentence": 2}]}
    )
    note = "Outlets disagree: about 700,000 barrels vs 650,000 barrels (soft conflict)."
    markdown, page = brief_markdown(document), html_lib.unescape(brief_html(document))
    assert note in markdown and note in page
    summary = page.split('<section id="summary"')[1].split("</section>")[0]
    assert note in summary
    document["summary"][-1]["citations"] = [{"article": "a-wire", "sentence": 7}]  # not the claim's sentence
    assert "Outlets disagree" not in brief_markdown(document)
    pile = [{**document["conflicts"][0]["claims"][0], "value": f"{n} barrels"} for n in (1, 2, 3)]
    document["conflicts"][0]["claims"] += pile  # five values: several quantities, not one disputed figure
    document["summary"][-1]["citations"] = [{"article": "a-wire", "sentence": 2}]
    assert "Outlets disagree" not in brief_markdown(document)


def test_render_marks_expected_events_in_every_format(document: dict[str, Any]) -> None:
    from crossbrief.render.markdown import brief_markdown

    planned = copy.deepcopy(document)
    planned["timeline"][0]["expected"] = True
    validate_brief(planned)  # the optional key is part of the contract
    when = planned["timeline"][0]["date"]
    assert f"| {when} (expected) |" in brief_markdown(planned)
    assert 'class="expected"' in brief_html(planned)
    assert "(expected)" in timeline_rows(build_model(planned))[0]["when"]
    # … and nowhere when no event is expected
    assert "(expected)" not in brief_markdown(document) and 'class="expected"' not in brief_html(document)
