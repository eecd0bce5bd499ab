"""How every benchmark prints its figures: one aligned line each, then one JSON record
(keep the JSON lines to compare runs)."""

from __future__ import annotations

import json
from typing import Any


def print_figures(name: str, figures: dict[str, Any]) -> None:
    width = max(len(key) for key in figures)
    for key, value in figures.items():
        print(f"{key:>{width}}: {value}")
    print(json.dumps({"benchmark": name, **figures}))
