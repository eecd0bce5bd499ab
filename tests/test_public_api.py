"""The package's public surface does what its docstring shows."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import crossbrief


def test_public_api_ingest_then_brief(tmp_path):
    corpus = Path(str(resources.files("crossbrief") / "demo" / "corpus"))
    quake = [
        str(corpus / name) for name in ("herald-morenza-quake.txt", "morenza-aftershocks.html", "san-eloy-letter.txt")
    ]
    settings = crossbrief.load_settings(overrides={"db": tmp_path / "news.db"}, environ={})
    with crossbrief.Store(settings.db) as store:
        report = crossbrief.ingest_paths(quake, store, settings)
        run = crossbrief.brief_articles(report.articles, store)
    assert len(report.added) == 3 and not report.rejected
    [brief] = run.briefs  # one event, one story
    assert isinstance(brief, crossbrief.Brief) and {a.id for a in brief.articles} == {Path(p).stem for p in quake}
    assert brief.summary and all(s.citations for s in brief.summary)
    assert set(crossbrief.__all__) <= set(dir(crossbrief))
