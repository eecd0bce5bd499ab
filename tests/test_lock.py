"""A fresh machine installs what the last green run had: constraints.txt pins every
package, and it was made from the dependency lists pyproject.toml has now."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib

from .conftest import REPO


def test_lock_matches_the_dependencies_of_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    lists = [project["dependencies"], project["optional-dependencies"]]
    digest = hashlib.sha1(json.dumps(lists, sort_keys=True).encode()).hexdigest()[:16]
    lock = (REPO / "constraints.txt").read_text()
    recorded = re.search(r"^# dependencies-sha1: (\w+)$", lock, re.M)
    assert recorded, "constraints.txt has no dependencies-sha1 line: run make lock"
    assert recorded.group(1) == digest, "pyproject.toml's dependencies changed since constraints.txt: run make lock"


def test_lock_pins_every_package_exactly():
    pins = [line for line in (REPO / "constraints.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert len(pins) > 50 and all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.+!\-]+", p) for p in pins), pins[:5]
    names = {p.split("==")[0].lower().replace("_", "-") for p in pins}
    assert {"spacy", "onnxruntime", "fastapi", "pytest", "mypy", "ruff", "pip"} <= names
    assert "crossbrief" not in names
