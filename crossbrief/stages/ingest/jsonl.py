"""JSON Lines: one article per line, ``text`` required; ``title``, ``url``, ``outlet``,
``published``, ``id`` optional. A bad line is rejected on its own; the others go in."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ...errors import InputRejected, NoArticleText, UnparsableInput
from ...records import RawDocument
from .dates import parse_iso_date

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")


def _string(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    return str(value).strip() or None if value is not None else None


def read_jsonl(text: str, source: str) -> Iterator[RawDocument | InputRejected]:
    """One RawDocument per good line, one rejection per bad line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield UnparsableInput(
                where,
                f"not valid JSON ({err.msg} at column {err.colno})",
                "fix or remove this line; each line must be one JSON object",
            )
            continue
        if not isinstance(obj, dict):
            yield UnparsableInput(
                where, f"a JSON {type(obj).__name__}, not an object", 'write one object per line, e.g. {"text": "..."}'
            )
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield NoArticleText(
                where, 'no "text" field with the article text', 'add "text" (the article body) to this line'
            )
            continue
        given = _string(obj, "id")
        if given is not None and not _SAFE_ID.match(given):
            yield UnparsableInput(
                where,
                f"id {given[:40]!r} has characters ids cannot have",
                "use letters, digits, '.', '_', ':' or '-' (at most 128)",
            )
            continue
        given_date = obj.get("published")
        published = parse_iso_date(given_date)
        if published is None and given_date not in (None, ""):
            yield UnparsableInput(
                where,
                f"published {str(given_date)[:40]!r} is not a date",
                "write it as YYYY-MM-DD (or an ISO date-time), or leave the field out",
            )
            continue
        yield RawDocument(
            source=where,
            format="jsonl",
            text=body,
            id=given,
            title=_string(obj, "title"),
            outlet=_string(obj, "outlet"),
            author=_string(obj, "author"),
            url=_string(obj, "url"),
            path=where if not obj.get("url") else None,
            published=published,
            published_from="field" if published else None,
        )
