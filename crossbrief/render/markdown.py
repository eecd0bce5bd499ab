"""The brief as Markdown a person reads top to bottom.

Rendered from the contract document (``crossbrief.brief/1``, what ``Brief.to_dict()``
gives and the store keeps), like the HTML report, so a stored brief renders to every
format. Articles get short keys (A, B, …, AA); a citation ``[B7]`` is sentence 7 of
article B, and the sources table at the end says which article each key is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from string import ascii_uppercase
from typing import Any

from ..records import Brief
from ..wording import disputed_note, fact_sources, outlet_note, plural, undated_note

Document = Mapping[str, Any]


def article_keys(ids: Iterable[str]) -> dict[str, str]:
    """A, B, …, Z, AA, AB, … in the given order."""
    keys = {}
    for n, aid in enumerate(ids):
        key, rest = "", n
        while True:
            key = ascii_uppercase[rest % 26] + key
            rest = rest // 26 - 1
            if rest < 0:
                break
        keys[aid] = key
    return keys


def _cite(refs: Iterable[Mapping[str, Any]], keys: dict[str, str]) -> str:
    return "[" + ", ".join(f"{keys[r['article']]}{r['sentence']}" for r in refs) + "]"


def _cell(text: str | None) -> str:
    return (text or "—").replace("|", "\\|").replace("\n", " ")


def _summary(brief: Document, keys: dict[str, str]) -> list[str]:
    lines = ["## Summary", ""]
    if not brief["summary"]:
        lines.append("_No sentence could be summarised._")
    for s in brief["summary"]:
        note = disputed_note(s["text"], s["citations"], brief["conflicts"])
        lines.append(f"- {s['text']} {_cite(s['citations'], keys)}" + (f" _{note}_" if note else ""))
    return lines + [""]


def _conflicts(brief: Document, keys: dict[str, str]) -> list[str]:
    conflicts = brief["conflicts"]
    hard = sum(c["severity"] == "hard" for c in conflicts)
    lines = [f"## Where the outlets disagree ({hard} hard, {len(conflicts) - hard} soft)", ""]
    if not conflicts:
        lines += ["_No conflicting claims found._", ""]
    for c in conflicts:
        badge = "**HARD**" if c["severity"] == "hard" else "soft"
        lines += [
            f"### {badge} · {c['kind']}: {c['subject']}",
            "",
            f"{c['explanation']}.",
            "",
            "| source | value | said by | as of | sentence |",
            "|---|---|---|---|---|",
        ]
        for claim in c["claims"]:
            ref = f"{keys[claim['article']]}{claim['sentence']}"
            lines.append(
                f"| {ref} | {_cell(claim['value'])} | {_cell(claim['attributed_to'])} | {_cell(claim['as_of'])} "
                f"| {_cell(claim['text'])} |"
            )
        lines.append("")
    return lines


def _timeline(brief: Document, keys: dict[str, str]) -> list[str]:
    lines = ["## Timeline", ""]
    if not brief["timeline"]:
        return lines + ["_No dated events found._", ""]
    lines += ["| date | what | sources |", "|---|---|---|"]
    for t in brief["timeline"]:
        when = f"{t['date']} (expected)" if t.get("expected") else t["date"]
        lines.append(f"| {when} | {_cell(t['text'])} | {_cite(t['support'], keys)} |")
    return lines + [""]


def _facts(brief: Document, keys: dict[str, str]) -> list[str]:
    # A fact repeated only by a rewrite of its origin is one source: it is listed with the
    # claims only one outlet makes.
    confirmed = [f for f in brief["facts"] if f["independent_sources"] > 1]
    lines = ["## Facts several sources state", ""]
    if not confirmed:
        return lines + ["_No fact is stated by more than one independent source._", ""]
    for f in confirmed:
        who = f" — according to {', '.join(f['attributed_to'])}" if f["attributed_to"] else ""
        count, basis = fact_sources(f["independent_sources"], len(f["articles"]), f.get("sources_without_outlet", 0))
        lines.append(f"- **{count}** ({basis}){who}: {f['text']} {_cite(f['support'], keys)}")
    return lines + [""]


def _unique(brief: Document, keys: dict[str, str]) -> list[str]:
    lines = ["## Claims only one outlet makes", ""]
    if not brief["unique_claims"]:
        return lines + ["_None._", ""]
    return lines + [f"- {u['text']} {_cite([u], keys)}" for u in brief["unique_claims"]] + [""]


def _derivations(brief: Document, keys: dict[str, str]) -> list[str]:
    lines = ["## Rewrites, copies and translations", ""]
    if not brief["derivations"]:
        return lines + ["_Every article reads as independent._", ""]
    for d in brief["derivations"]:
        aligned = f"{d['aligned_sentences']} sentences aligned in order, {d['share']:.0%} of it"
        if d.get("order") == "unknown":
            lines.append(
                f"- {keys[d['derived']]} (`{d['derived']}`) and {keys[d['origin']]} (`{d['origin']}`) share an "
                f"origin (**{d['kind']}**; no dates tell which came first): {aligned}"
            )
            continue
        lines.append(
            f"- {keys[d['derived']]} (`{d['derived']}`) is a **{d['kind']}** of {keys[d['origin']]} "
            f"(`{d['origin']}`): {aligned}"
        )
    return lines + [""]


def _sources(brief: Document, keys: dict[str, str]) -> list[str]:
    lines = [
        "## Sources",
        "",
        "| key | article | title | outlet | published | language | words | derived from |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for a in brief["articles"]:
        origin = keys[a["origin"]] if a.get("origin") else "—"
        lines.append(
            f"| {keys[a['id']]} | `{a['id']}` | {_cell(a['title'])} | {_cell(a['outlet'])} "
            f"| {a['published'] or 'undated'} | {a['language']} | {a['words']} | {origin} |"
        )
    return lines + [""]


def brief_markdown(brief: Brief | Document) -> str:
    """The whole briefing: summary, conflicts, timeline, facts, unique claims, rewrites,
    sources; from a ``Brief`` or its contract document (a stored brief)."""
    document = brief.to_dict() if isinstance(brief, Brief) else brief
    keys = article_keys(a["id"] for a in document["articles"])
    story, engine = document["story"], document.get("engine")
    span = " to ".join(dict.fromkeys(filter(None, [story["first_published"], story["last_published"]]))) or "undated"
    lines = [
        f"# {story['title']}",
        "",
        f"_{plural(story['articles'], 'article')} from "
        f"{plural(story['independent_sources'], 'independent source')} · "
        f"published {span} · citations like [B7] are sentence 7 of article B (see Sources)_",
        "",
    ]
    if note := undated_note([a.get("published") for a in document["articles"]]):
        lines += [f"> {note}", ""]
    if note := outlet_note(story):
        lines += [f"> {note}", ""]
    if engine and engine["degraded"]:
        lines += [
            f"> **Degraded run:** sentences were compared by word overlap ({engine['embedder']}), not by "
            "the sentence model, so paraphrases, facts and conflicts are mostly missed.",
            "",
        ]
    for part in (_summary, _conflicts, _timeline, _facts, _unique, _derivations, _sources):
        lines += part(document, keys)
    if engine:
        lines += [
            f"_Made by crossbrief {engine['crossbrief']} with {engine['embedder']} sentence vectors and "
            f"{engine['ner'] or 'no'} named entities._",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"
