"""crossbrief: many news articles in, one trustworthy briefing per story out.

The public surface is small; stages live in :mod:`crossbrief.stages` and the store in
:mod:`crossbrief.store`::

    from crossbrief import ingest_paths, load_settings, Store
"""

from .config import Settings, load_settings
from .errors import CrossbriefError
from .pipeline import IngestReport, ingest_paths
from .records import Article, Rejection, Sentence
from .store import Store

__all__ = [
    "Article",
    "CrossbriefError",
    "IngestReport",
    "Rejection",
    "Sentence",
    "Settings",
    "Store",
    "ingest_paths",
    "load_settings",
]
__version__ = "0.1.0"
