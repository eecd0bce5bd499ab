"""Story clustering settings come from the same layers as every other setting."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from crossbrief.config import load_settings
from crossbrief.errors import ConfigError
from crossbrief.stages.cluster import ClusterSettings


def test_config_cluster_table_environment_and_flags_layer(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[crossbrief]\nmin_words = 10\n[crossbrief.cluster]\nthreshold = 0.35\nwindow_days = "30"\n')
    settings = load_settings(config_file=config, environ={"CROSSBRIEF_CLUSTER_BATCH_METHOD": "centroid"})
    clustering = settings.clustering()
    assert (clustering.threshold, clustering.window_days, clustering.batch_method) == (0.35, 30, "centroid")
    assert clustering.name_weight == ClusterSettings().name_weight  # the rest keeps its defaults
    over = load_settings(config_file=config, environ={"CROSSBRIEF_CLUSTER_THRESHOLD": "0.5"})
    assert over.clustering().threshold == 0.5 and over.clustering().window_days == 30


@pytest.mark.parametrize(
    ("values", "message"),
    [({"treshold": 1}, "unknown cluster setting"), ({"batch_method": "nope"}, "batch_method")],
)
def test_config_cluster_unknown_or_bad_values_are_errors(values, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(overrides={"cluster": values}, environ={})


def test_config_cluster_settings_reach_the_clustering(tmp_path):
    from crossbrief.cli import demo_corpus

    def run(*args, **env):
        return subprocess.run(
            [sys.executable, "-m", "crossbrief.cli", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            timeout=600,
        )

    assert run("ingest", str(demo_corpus()), "--db", "x.db").returncode == 0
    assert run("recluster", "--db", "x.db").returncode == 0
    default = len(run("stories", "--json", "--db", "x.db").stdout.splitlines())
    assert run("recluster", "--db", "x.db", CROSSBRIEF_CLUSTER_LINK_THRESHOLD="0.999").returncode == 0
    apart = [json.loads(x) for x in run("stories", "--json", "--db", "x.db").stdout.splitlines()]
    assert default == 4 and len(apart) > default
    bad = run("recluster", "--db", "x.db", CROSSBRIEF_CLUSTER_LINK_TRESHOLD="0.5")
    assert bad.returncode == 2 and "unknown cluster setting(s) link_treshold" in bad.stderr
