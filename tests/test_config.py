"""Settings layers: defaults, file, environment, flags; unknown keys are errors."""

from __future__ import annotations

import pytest

from crossbrief.config import load_settings
from crossbrief.errors import ConfigError


def test_config_layers_in_order(tmp_path):
    conf = tmp_path / "c.toml"
    conf.write_text("[crossbrief]\nmax_bytes = 100\nmin_words = 5\n")
    settings = load_settings(conf, overrides={"min_words": 7}, environ={"CROSSBRIEF_MAX_BYTES": "200"})
    assert (settings.max_bytes, settings.min_words) == (200, 7)


@pytest.mark.parametrize(
    ("conf", "environ", "message"),
    [
        ("max_byte = 1\n", {}, "unknown setting"),
        ("", {"CROSSBRIEF_NOPE": "1"}, "not a crossbrief setting"),
        ("max_bytes = -1\n", {}, "max_bytes"),
        ("max_bytes = [\n", {}, "not valid TOML"),
    ],
)
def test_config_errors_are_clear(tmp_path, conf, environ, message):
    path = tmp_path / "c.toml"
    path.write_text(conf)
    with pytest.raises(ConfigError, match=message):
        load_settings(path, environ=environ)
