"""The orchestration layer: the only thing the CLI, the web app and the evaluations call.

    read.py     stages 1–3 for one file (ingest → clean → sentences with NER), pure of the store
    engines.py  where that per-file work runs: this process, worker processes, or Dask
    ingest.py   files in, articles stored, every input in exactly one outcome
    brief.py    stages 4–10 for one story, as a numbered cascade → ``Brief``
    stories.py  the use cases: place articles in stories, brief stories, recluster

Stages stay pure; this package is where files, models, the store and progress meet.
"""

from .brief import StageTimes, brief_story, story_id, story_title
from .ingest import Duplicate, IngestReport, ProgressHook, ingest_paths
from .read import build_article, read_file
from .stories import (
    BriefRun,
    PairLink,
    StoryExplanation,
    assign_stories,
    brief_articles,
    brief_stored_stories,
    brief_stored_story,
    explain_story,
    group_stories,
    ingest_and_brief,
    ingest_into_stories,
    recluster,
)

__all__ = [
    "BriefRun",
    "PairLink",
    "StoryExplanation",
    "Duplicate",
    "IngestReport",
    "ProgressHook",
    "StageTimes",
    "assign_stories",
    "brief_articles",
    "brief_story",
    "brief_stored_stories",
    "brief_stored_story",
    "build_article",
    "explain_story",
    "group_stories",
    "ingest_and_brief",
    "ingest_into_stories",
    "ingest_paths",
    "read_file",
    "recluster",
    "story_id",
    "story_title",
]
