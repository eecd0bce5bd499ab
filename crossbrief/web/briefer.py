"""Stories briefed on demand, by one background thread per app.

``crossbrief ingest`` places articles in stories but briefs none of them, so a story can
be listed before it has a brief. When its page is asked for, the view queues the story
here and answers at once (202, "being prepared"); this thread briefs it with
:func:`crossbrief.service.brief_stored_story` and saves the brief, and the next request
serves it. A stale brief (the story gained or changed articles) is served while it is
made again.

Why one thread: a brief is CPU-bound and holds the store's one writer lock, so a second
thread would only wait. It has its own Store connection (sqlite3 connections stay in
their thread) and takes the app's write lock around each brief, as uploads do. A story is
queued at most once at a time. A brief that raises is logged and recorded against the
story's articles as they were: the page answers 500 with what to do until the story
changes (or the app restarts), instead of briefing it again on every request.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CrossbriefError
from ..pipeline import brief_stored_story
from ..store import Store, listing, stories
from . import queries

log = logging.getLogger(__name__)

STOP_WAIT_S = 1.0  # how long close() waits for a brief in progress; the thread is a daemon anyway


@dataclass(frozen=True, slots=True)
class Failure:
    """A brief that raised: for which members of the story, and what to tell the reader."""

    key: str | None  # the story's members key when it failed (a changed story is tried again); None: any
    message: str


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a queued story stands: stories to be briefed before it, and the stage of its
    own brief once it runs (None while it waits)."""

    ahead: int
    stage: str | None


def failure_message(story_id: str, db: str | Path, err: Exception) -> str:
    """One line naming the story and what to do. A crossbrief error says what is wrong;
    anything else is a bug whose traceback is in the server log, not on the page."""
    what = str(err) if isinstance(err, CrossbriefError) else f"internal error ({type(err).__name__})"
    return (
        f"briefing story {story_id} failed: {what}; run `crossbrief brief --story {story_id} --db {db}` "
        "to see the whole error, then reload this page"
    )


class Briefer:
    """The app's background briefing thread and its queue.

    ``brief`` is the function that briefs one stored story (tests swap it to hold a brief
    back or make it fail); it is called as ``brief(store, story_id, words=...)``.
    """

    def __init__(
        self,
        db: str | Path,
        write_lock: threading.Lock,
        words: int = 120,
        brief: Callable[..., Any] = brief_stored_story,
    ) -> None:
        self.db, self.words, self.brief = db, words, brief
        self._write_lock = write_lock
        self._jobs: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._lock = threading.Lock()  # guards everything below
        self._pending: dict[str, str | None] = {}  # queued or running story → its stage; in queue order
        self._failures: dict[str, Failure] = {}
        self._thread: threading.Thread | None = None
        self._closed = False

    # -- asked by the views ---------------------------------------------------------------------

    def request(self, story_id: str, key: str) -> Failure | None:
        """Queue a brief of the story, unless one is queued or running already, or one
        failed for these very members (``key``): that failure is returned instead."""
        with self._lock:
            failed = self._failures.get(story_id)
            if failed is not None and failed.key in (key, None):
                return failed
            if story_id not in self._pending and not self._closed:
                self._pending[story_id] = None
                self._jobs.put(story_id)
            self._ensure_thread()
        return None

    def progress(self, story_id: str) -> Progress | None:
        """Where the story stands in the queue; None when it is not queued."""
        with self._lock:
            order = list(self._pending)
            if story_id not in self._pending:
                return None
            return Progress(order.index(story_id), self._pending[story_id])

    @property
    def alive(self) -> bool:
        """True while the background thread runs."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    def close(self) -> None:
        """Stop after the brief in progress (waiting at most STOP_WAIT_S for it)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        self._jobs.put(None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(STOP_WAIT_S)

    # -- the thread -------------------------------------------------------------------------------

    def _ensure_thread(self) -> None:
        """Start the thread on first use (an app that never needs it has none); start it
        again should it ever have died, so queued stories are not left waiting forever."""
        if self._closed or (self._thread is not None and self._thread.is_alive()):
            return
        self._thread = threading.Thread(target=self._run, name="crossbrief-briefer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        store: Store | None = None
        try:
            while (story_id := self._jobs.get()) is not None:
                try:
                    store = store or Store(self.db)
                    self._brief_one(store, story_id)
                except Exception as err:  # the thread must outlive any one brief
                    log.exception("briefing story %s failed", story_id)
                    self._record_failure(store, story_id, err)
                finally:
                    with self._lock:
                        self._pending.pop(story_id, None)
        finally:
            if store is not None:
                store.close()

    def _brief_one(self, store: Store, story_id: str) -> None:
        """Brief the story as it stands, holding the write lock; nothing to do when it is
        gone or was briefed meanwhile (by the CLI, an upload, or a request queued earlier)."""
        with self._write_lock:
            if not listing.story_exists(store, story_id) or stories.brief_state(store, story_id) == "current":
                return
            self.brief(store, story_id, words=self.words, stage=lambda name: self._stage(story_id, name))
        with self._lock:
            self._failures.pop(story_id, None)

    def _stage(self, story_id: str, name: str) -> None:
        with self._lock:
            if story_id in self._pending:
                self._pending[story_id] = name

    def _record_failure(self, store: Store | None, story_id: str, err: Exception) -> None:
        """Keep the failure against the members the brief was made from, so it is shown
        (not retried) until the story changes; against any members when the store could not
        even be read (then until the app restarts)."""
        try:
            head = queries.story_head(store, story_id) if store is not None else None
        except Exception:  # the store itself may be what failed
            head = None
        with self._lock:
            self._failures[story_id] = Failure(head.key if head else None, failure_message(story_id, self.db, err))
