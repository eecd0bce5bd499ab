"""The real seed articles in ../shared/seeds: metadata, cruft gone, every real sentence kept."""

from __future__ import annotations

import re
from datetime import date

import pytest

from crossbrief.pipeline import ingest_paths

from .conftest import SEEDS, need

CRUFT = ("Print Friendly", "Subscribe to get", "Discover more from", "The views expressed", "مشاهده این مقاله")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    from crossbrief.config import load_settings
    from crossbrief.store import Store

    need(SEEDS)
    db = tmp_path_factory.mktemp("seeds") / "s.db"
    with Store(db) as store:
        report = ingest_paths([str(SEEDS)], store, load_settings(overrides={"db": db}, environ={}))
    return {a.id: a for a in report.articles}, report


def test_seeds_all_ingested(seeds):
    articles, report = seeds
    assert len(articles) == 5 and not report.rejected
    assert {a.language for a in articles.values()} == {"en"}


def test_seeds_dated_header_block(seeds):
    articles, _ = seeds
    icaro = articles["001_87deb0af159873aa"]
    assert icaro.title == "Russia's Putin Arrives in North Korea for Summit with Kim Jong Un"
    assert icaro.outlet == "ICARO Media Group"
    assert icaro.published == date(2024, 6, 18)
    assert "ICARO Media Group" not in icaro.text and "19h15" not in icaro.text
    assert sum(a.published is not None for a in articles.values()) == 1  # only one seed is dated


def test_seeds_cruft_removed(seeds):
    articles, _ = seeds
    for article in articles.values():
        for cruft in CRUFT:
            assert cruft not in article.text, (article.id, cruft)
        assert not article.text.rstrip().endswith("Related")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"^\s*[-•]\s+", "", text).split())  # list bullets are dropped


def test_seeds_every_real_line_survives(seeds):
    """Each line of the file that cleaning did not record as removed is still in the text."""
    articles, _ = seeds
    for article in articles.values():
        removed = {r.text for r in article.removed}
        lines = [_norm(line) for line in (SEEDS / f"{article.id}.txt").read_text().splitlines()]
        header = {article.title, article.outlet, article.metadata.get("section")}
        kept = [
            line
            for line in lines
            if line
            and line not in removed
            and line not in header
            and not re.fullmatch(r"\d\d/\d\d/\d{4} \d\dh\d\d", line)
        ]
        text = _norm(article.text)
        for line in kept:
            assert line in text, (article.id, line[:60])
        # and nothing else went: removals are whole lines, each counted once
        assert len(text.split()) == sum(len(line.split()) for line in kept)


def test_seeds_long_prose_lines_split_into_several_sentences(seeds):
    articles, _ = seeds
    for article in articles.values():
        for para in article.text.split("\n\n"):
            inside = [s for s in article.sentences if para.find(s.text) >= 0]
            full_stops = len(re.findall(r"[a-z]{3,}[.?!][”\"’]? [A-Z“\"]", para))
            if full_stops >= 2:  # a paragraph with clear sentence ends is split
                assert len(inside) >= 2, (article.id, para[:60])
