"""How common each clustering key is in English text at large: a document-frequency prior.

A folder of ten articles on one event names the event's words in all ten, so the folder's own
document frequencies call those words common and weigh them least, and the articles fall
apart into stories of what each says differently. Counting the folder as if it came after
``background_documents`` ordinary documents (:class:`~.vectors.RunningIdf`) keeps "quake" and
"Brennik" rare however often the folder repeats them, while "said" stays common: the same
articles weigh alike alone or inside a large stream.

The background is wordfreq's English word frequencies (a maintained package built from
several corpora), turned into the share of documents that would hold each key:
``1 - exp(-frequency × DOCUMENT_WORDS)`` (a key used at that rate, at random, in a document of
that many words).
"""

from __future__ import annotations

import math
from functools import lru_cache

from ...errors import ModelUnavailable
from . import text
from .articles import DATE_PREFIX, NAME_PREFIX
from .settings import ClusterSettings
from .vectors import RunningIdf

# Words in a typical news article: turns a word's rate per word into a share of documents.
DOCUMENT_WORDS = 500
# Words of wordfreq's list read (most frequent first): rarer ones are rare enough at 0.
LIST_WORDS = 200_000


@lru_cache(maxsize=1)
def _term_shares() -> dict[str, float]:
    """Content term (folded, stemmed, as the clusterer reads it) → share of documents holding it."""
    try:
        from wordfreq import get_frequency_dict
    except ImportError as err:
        raise ModelUnavailable(f"word frequencies missing ({err}); run: pip install 'wordfreq>=3.1,<4'") from err

    rates: dict[str, float] = {}
    for n, (word, rate) in enumerate(get_frequency_dict("en", wordlist="best").items()):
        if n >= LIST_WORDS:
            break
        if (term := text.word_list_term(word)) is not None:
            rates[term] = rates.get(term, 0.0) + rate
    return {term: -math.expm1(-rate * DOCUMENT_WORDS) for term, rate in rates.items()}


def key_share(key: str) -> float:
    """The share of ordinary documents that hold a clustering key: a content term, a name
    (its rarest word: "n:north korea" no commoner than "korea") or a date (rare: 0)."""
    if key.startswith(DATE_PREFIX):
        return 0.0
    shares = _term_shares()
    if key.startswith(NAME_PREFIX):
        return min((shares.get(word, 0.0) for word in key[len(NAME_PREFIX) :].split()), default=0.0)
    return shares.get(key, 0.0)


def document_frequencies(settings: ClusterSettings) -> RunningIdf:
    """Empty document-frequency counts, starting from ``settings.background_documents``
    ordinary documents (none: the input's own counts alone)."""
    return RunningIdf(key_share, settings.background_documents)
