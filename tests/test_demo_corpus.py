"""The bundled demo corpus against its hand-checked gold: metadata, cleaning, sentences."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from crossbrief.config import load_settings
from crossbrief.pipeline import ingest_paths
from crossbrief.store import Store


def _gold() -> dict:
    return json.loads((resources.files("crossbrief") / "demo" / "gold.json").read_text())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from crossbrief.cli import demo_corpus

    db = tmp_path_factory.mktemp("demo") / "d.db"
    with Store(db) as store:
        report = ingest_paths([str(demo_corpus())], store, load_settings(overrides={"db": db}, environ={}))
    assert not report.rejected
    return {a.id: a for a in report.articles}


def test_demo_every_gold_article_ingested_with_its_metadata(demo):
    gold = _gold()["articles"]
    assert set(demo) == set(gold)
    for aid, expected in gold.items():
        article = demo[aid]
        got = {
            "title": article.title,
            "outlet": article.outlet,
            "language": article.language,
            "published": article.published.isoformat() if article.published else None,
        }
        assert got == {k: expected[k] for k in got}, aid


def test_demo_cruft_removed(demo):
    for aid, lines in _gold()["cruft"].items():
        removed = {r.text for r in demo[aid].removed}
        paragraphs = set(demo[aid].text.split("\n\n"))
        for line in lines:
            assert line not in paragraphs, (aid, line)
            assert " ".join(line.split()) in removed, (aid, line)


def test_demo_real_sentences_kept_whole(demo):
    for aid, sentences in _gold()["keep"].items():
        split = {s.text for s in demo[aid].sentences}
        for sentence in sentences:
            assert sentence in split, (aid, sentence)


def test_demo_gold_quotes_are_in_cleaned_text(demo):
    """Every claim the later stages are scored on survived cleaning."""
    gold = _gold()
    quotes = [
        (c["article"], c["quote"]) for key in ("conflicts", "agreements") for item in gold[key] for c in item["claims"]
    ]
    quotes += [(m["article"], m["quote"]) for e in gold["events"] for m in e["mentions"]]
    quotes += [(s["article"], s["quote"]) for s in gold["single_source"]]
    for aid, quote in quotes:
        assert " ".join(quote.split()) in " ".join(demo[aid].text.split()), (aid, quote)
