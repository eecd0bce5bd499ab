"""The brief as JSON, checked against the contract's JSON Schema shipped in the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import CrossbriefError
from ..records import Brief

SCHEMA_FILE = "brief-1.json"


@lru_cache(maxsize=1)
def brief_schema() -> dict[str, Any]:
    return json.loads((resources.files("crossbrief") / "schema" / SCHEMA_FILE).read_text())


def validate_brief(document: dict[str, Any]) -> None:
    """Raise CrossbriefError naming the first place where ``document`` breaks the contract."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(brief_schema())
    error = next(iter(sorted(validator.iter_errors(document), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise CrossbriefError(
            f"brief breaks {SCHEMA_FILE} at {where}: {error.message}; this is a bug, please report it"
        )


def brief_json(brief: Brief) -> str:
    """The contract document, validated, as pretty-printed JSON."""
    document = brief.to_dict()
    validate_brief(document)
    return json.dumps(document, ensure_ascii=False, indent=2)
