"""Scale-out on a real Dask cluster in local mode: the same articles as a local ingest,
every sentence embedded on the workers, bad files rejected without stopping the batch."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from crossbrief.config import load_settings
from crossbrief.encoders import default_encoder
from crossbrief.errors import UsageError
from crossbrief.pipeline import ingest_paths
from crossbrief.stages.embed import sentence_key
from crossbrief.store import Store
from crossbrief.store.vectors import VectorCache

pytest.importorskip("distributed", reason="the scale extra (dask[distributed]) is not installed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from crossbrief.cli import demo_corpus

    folder = tmp_path_factory.mktemp("archive")
    for path in demo_corpus().iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02 not a page" * 50)
    return folder


def _ingest(folder, db, **overrides):
    settings = load_settings(overrides={"db": db, "workers": 2, **overrides}, environ={})
    with Store(db) as store:
        report = ingest_paths([str(folder)], store, settings)
        keys = set(VectorCache(store))
    return report, keys


@pytest.fixture(scope="module")
def both(corpus, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dbs")
    on_cluster = _ingest(corpus, folder / "dask.db", engine="dask")
    local = _ingest(corpus, folder / "local.db")
    return on_cluster, local, folder / "dask.db"


def test_cluster_builds_the_same_articles_as_local_processes(both):
    (cluster_report, _), (local_report, _), _ = both
    assert len(cluster_report.articles) == len(local_report.articles) > 20
    local = {a.id: a for a in local_report.articles}
    for article in cluster_report.articles:
        twin = local[article.id]
        assert article.content_hash == twin.content_hash
        assert [s.text for s in article.sentences] == [s.text for s in twin.sentences]
        assert article.entities == twin.entities


def test_bad_files_are_rejected_and_the_batch_goes_on(both):
    (cluster_report, _), (local_report, _), _ = both
    rejected = {r.source.rsplit("/", 1)[-1]: r.code for r in cluster_report.rejected}
    assert set(rejected) == {"empty.txt", "binary.html"}
    assert rejected == {r.source.rsplit("/", 1)[-1]: r.code for r in local_report.rejected}


def test_every_sentence_is_embedded_on_the_workers(both):
    (cluster_report, cluster_keys), (_, local_keys), db = both
    encoder = default_encoder()
    wanted = {sentence_key(s.text, encoder.name) for a in cluster_report.articles for s in a.sentences}
    assert wanted <= cluster_keys
    assert not local_keys  # a local ingest leaves embedding to the brief
    sample = [s.text for s in cluster_report.articles[0].sentences[:4]]
    with Store(db) as store:
        stored = VectorCache(store).get_many(sentence_key(t, encoder.name) for t in sample)
    here = encoder.encode(sample)
    for text, vector in zip(sample, here):
        assert np.allclose(stored[sentence_key(text, encoder.name)], vector, atol=1e-5)


def test_an_unreachable_scheduler_is_a_usage_error(corpus, tmp_path):
    settings = load_settings(
        overrides={"db": tmp_path / "x.db", "engine": "dask", "scheduler": "tcp://127.0.0.1:9"}, environ={}
    )
    with Store(settings.db) as store, pytest.raises(UsageError, match="no Dask scheduler"):
        ingest_paths([str(corpus)], store, settings)
