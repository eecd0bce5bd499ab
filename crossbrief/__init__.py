"""crossbrief: many news articles in, one trustworthy briefing per story out.

The public surface is small; stages live in :mod:`crossbrief.stages`, the orchestration
in :mod:`crossbrief.pipeline` and the store in :mod:`crossbrief.store`::

    from crossbrief import Store, brief_articles, ingest_paths, load_settings

    settings = load_settings(overrides={"db": "news.db"})
    with Store(settings.db) as store:
        report = ingest_paths(["articles/"], store, settings)
        run = brief_articles(report.articles, store)   # one Brief per story
"""

from .config import Settings, load_settings
from .errors import CrossbriefError, InputRejected, ModelUnavailable, StoreError, UsageError
from .pipeline import (
    IngestReport,
    assign_stories,
    brief_articles,
    brief_stored_story,
    brief_story,
    ingest_paths,
    recluster,
)
from .records import Article, Brief, Rejection, Sentence
from .store import Store
from .version import __version__

__all__ = [
    "__version__",
    "Article",
    "Brief",
    "CrossbriefError",
    "IngestReport",
    "InputRejected",
    "ModelUnavailable",
    "Rejection",
    "Sentence",
    "Settings",
    "Store",
    "StoreError",
    "UsageError",
    "assign_stories",
    "brief_articles",
    "brief_story",
    "brief_stored_story",
    "ingest_paths",
    "load_settings",
    "recluster",
]
