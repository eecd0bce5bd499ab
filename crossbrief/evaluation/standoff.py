"""Stand-off gold: annotations that point into the articles instead of quoting them.

The real-news gold quotes NIST text, which may not be copied into the repository, and
``../shared/eval/`` is restored to its published state on a fresh machine, so gold made here
would be lost there. A stand-off row keeps every annotation (conflicts, traps, facts, values,
notes) and replaces each ``quote`` with where it is: ``{"article", "start", "end", "sha1"}``,
character offsets into the article's text with runs of whitespace collapsed to one space (the
text the annotation guide quotes from), and the first 12 hex digits of the quote's SHA-1, so
a different copy of the articles is caught rather than misread.

    >>> texts = {"A1": "Rescuers  found 12 survivors.\\nMore were missing."}
    >>> row = {"cluster_id": "x", "facts": [{"support": [{"article": "A1", "quote": "found 12 survivors"}]}]}
    >>> off = to_standoff(row, texts)
    >>> off["facts"][0]["support"][0]
    {'article': 'A1', 'start': 9, 'end': 27, 'sha1': '603e1385dab2'}
    >>> resolve(off, texts) == row
    True
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import UsageError

# The lists of a gold row whose items carry quotes, and the key of those quotes' list.
_QUOTED = (("conflicts", "claims"), ("not_conflicts", "claims"), ("facts", "support"))
SHA_DIGITS = 12


def collapse(text: str) -> str:
    """The text the gold quotes from: runs of whitespace as one space."""
    return " ".join(text.split())


def _digest(quote: str) -> str:
    return hashlib.sha1(quote.encode("utf-8")).hexdigest()[:SHA_DIGITS]


def _pointers(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for group, key in _QUOTED:
        for item in row.get(group, ()):
            yield from item.get(key, ())


def is_standoff(row: Mapping[str, Any]) -> bool:
    """True when the row's claims point into the articles (no quotes)."""
    return any("start" in claim and "quote" not in claim for claim in _pointers(dict(row)))


def to_standoff(row: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """``row`` with each quote replaced by its place in the collapsed article text."""
    out = copy.deepcopy(dict(row))
    cluster = out.get("cluster_id", "?")
    for claim in _pointers(out):
        quote = claim.pop("quote")
        start = collapse(texts.get(claim["article"], "")).find(quote)
        if start < 0:
            raise UsageError(f"{cluster}: quote not in article {claim['article']}: {quote[:60]!r}; fix the quote")
        claim.update(start=start, end=start + len(quote), sha1=_digest(quote))
    return out


def resolve(row: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """``row`` with each pointer turned back into its quote, checked against its digest."""
    out = copy.deepcopy(dict(row))
    cluster = out.get("cluster_id", "?")
    for claim in _pointers(out):
        if "quote" in claim:
            continue
        article = claim["article"]
        if article not in texts:
            raise UsageError(f"{cluster}: article {article} is not in the documents; use the DUC 2003 task files")
        quote = collapse(texts[article])[int(claim.pop("start")) : int(claim.pop("end"))]
        if _digest(quote) != claim.pop("sha1"):
            raise UsageError(
                f"{cluster}: article {article} differs from the copy the gold was made on; "
                "use the published DUC 2003 task files"
            )
        claim["quote"] = quote
    return out


def main(argv: list[str] | None = None) -> None:
    """``python -m crossbrief.evaluation.standoff GOLD_WITH_QUOTES.jsonl DUC_FOLDER OUT.jsonl``:
    turn annotators' gold (quotes, as ANNOTATION.md asks) into stand-off gold for the repository."""
    import json
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        raise SystemExit("usage: python -m crossbrief.evaluation.standoff GOLD.jsonl DUC_FOLDER OUT.jsonl")
    from .summaries import load_clusters

    source, folder, target = (Path(a) for a in args)
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = {
        str(d["doc_id"]): str(d["text"])
        for task in sorted({str(row["task"]) for row in rows})
        for cluster in load_clusters(folder / f"duc2003_{task}.jsonl")
        for d in cluster.docs
    }
    out = [to_standoff(row, texts) for row in rows]
    assert all(resolve(o, texts) == row for o, row in zip(out, rows, strict=True))
    target.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out), encoding="utf-8")
    print(f"{target}: {len(out)} clusters, {sum(1 for o in out for _ in _pointers(o))} pointers")


if __name__ == "__main__":
    main()
