"""Upload form and ingest endpoint: files in, through the same ingestion as the CLI.

Uploaded files are written under safe names to ``.crossbrief-uploads/`` beside the store,
ingested and briefed with :func:`crossbrief.pipeline.ingest_and_brief`, then deleted. The
folder is the same for every upload so an article's source is its file name: uploading a
file again reads as unchanged (or updated), as re-ingesting it from the CLI does. One
upload runs at a time (the store has one writer, and the folder is shared). Size: the
whole request is limited by BodyLimit (``settings.max_bytes``), and ingestion itself
rejects any file over ``max_bytes``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..config import Settings
from ..pipeline import ingest_and_brief
from ..store import Store
from .security import WebError, check_write
from .state import page, state

router = APIRouter()

MAX_FILES = 50  # files per upload
UPLOAD_DIR = ".crossbrief-uploads"
CHUNK = 1 << 16
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str | None, taken: set[str]) -> str:
    """A file name that cannot leave the folder: base name, safe characters, unique."""
    base = _UNSAFE.sub("_", Path((name or "").replace("\\", "/")).name).lstrip("._") or "upload.txt"
    candidate, n = base[:120], 1
    while candidate in taken:
        stem, dot, ext = base.rpartition(".")
        candidate = f"{stem or base}-{n}{dot}{ext if stem else ''}"
        n += 1
    taken.add(candidate)
    return candidate


@dataclass
class IngestResult:
    """What an upload did, by article and story, with rejections named after the uploads."""

    added: list[dict[str, Any]] = field(default_factory=list)
    updated: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "stories": self.stories,
        }

    @property
    def articles(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)


async def _files(request: Request) -> tuple[list[UploadFile], str | None]:
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise WebError(415, "send the files as multipart/form-data in a field named 'files'")
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=10)
    except Exception as err:  # the multipart parser says what is wrong in its message
        raise WebError(400, f"unreadable upload ({err}); at most {MAX_FILES} files in the 'files' field") from err
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and (f.filename or f.size)]
    token = form.get("token")
    if not files:
        raise WebError(400, "no file in the upload; choose one or more files for the 'files' field")
    return files, token if isinstance(token, str) else None


def upload_folder(settings: Settings) -> Path:
    """Where uploads wait for ingestion: beside the store, private to its owner."""
    if str(settings.db) == ":memory:":
        return Path(tempfile.gettempdir()) / f"crossbrief-uploads-{os.getpid()}"
    return Path(settings.db).resolve().parent / UPLOAD_DIR


def _save(files: list[UploadFile], folder: Path) -> dict[str, str]:
    """Write the uploads under ``folder``; returns safe name → name as uploaded."""
    names: dict[str, str] = {}
    for upload in files:
        name = safe_name(upload.filename, set(names))
        names[name] = upload.filename or name
        upload.file.seek(0)
        with (folder / name).open("wb") as out:
            shutil.copyfileobj(upload.file, out, CHUNK)
    return names


def _article_row(a: Any) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet, "url": f"/articles/{quote(a.id, safe='')}"}


def _ingest(request: Request, files: list[UploadFile]) -> IngestResult:
    """Save and ingest the uploads in this (worker) thread, holding the writer lock."""
    web = state(request)
    folder = upload_folder(web.settings)
    with web.ingest_lock:
        shutil.rmtree(folder, ignore_errors=True)  # leftovers of an upload that crashed
        folder.mkdir(mode=0o700, parents=True)
        try:
            names = _save(files, folder)
            # A few uploaded files: starting a cluster would cost more than the work itself.
            settings = web.settings.model_copy(update={"engine": "processes"})
            with Store(settings.db) as store:
                report, run = ingest_and_brief([str(folder)], store, settings)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    result = IngestResult(
        [_article_row(a) for a in report.added],
        [_article_row(a) for a in report.updated],
        [_article_row(a) for a in report.unchanged],
    )
    prefix = str(folder) + "/"
    for r in report.rejected:
        source = r.source.removeprefix(prefix)
        result.rejected.append(
            {
                "source": names.get(source.split(":")[0].split("#")[0], source),
                "code": r.code,
                "reason": r.reason,
                "message": r.message.replace(prefix, ""),
            }
        )
    result.stories = [
        {
            "id": b.story_id,
            "title": b.title,
            "articles": len(b.articles),
            "url": f"/stories/{quote(b.story_id, safe='')}",
        }
        for b in run.briefs
    ]
    return result


async def run_upload(request: Request) -> IngestResult:
    """Check, save, ingest and brief an upload; raises WebError with the reason."""
    files, token = await _files(request)
    check_write(request, state(request).token, token)
    return await run_in_threadpool(_ingest, request, files)


@router.post("/ingest.json", summary="Upload files: ingest and brief them", tags=["ingest"])
async def ingest_json(request: Request) -> JSONResponse:
    """multipart/form-data with one or more ``files``. 200 with what was added and the
    rejections; 422 when no article could be read from any file."""
    result = await run_upload(request)
    if not result.articles:
        reasons = "; ".join(r["message"] for r in result.rejected) or "nothing readable"
        raise WebError(422, f"no article could be read from the upload: {reasons}", rejected=result.rejected)
    return JSONResponse(result.to_dict())


@router.get("/ingest", response_class=HTMLResponse, summary="Upload form", tags=["pages"])
def ingest_form(request: Request) -> HTMLResponse:
    web = state(request)
    return page(
        "ingest.html.j2",
        need_token=web.token is not None,
        max_bytes=web.settings.max_bytes,
        max_files=MAX_FILES,
        result=None,
    )


@router.post("/ingest", response_class=HTMLResponse, summary="Upload form target", tags=["pages"])
async def ingest_submit(request: Request) -> HTMLResponse:
    web = state(request)
    result = await run_upload(request)
    return page(
        "ingest.html.j2",
        status=200 if result.articles else 422,
        need_token=web.token is not None,
        max_bytes=web.settings.max_bytes,
        max_files=MAX_FILES,
        result=result,
    )
