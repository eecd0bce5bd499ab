"""Words a user reads: counts with the right plural, and notes both renderings share.

>>> plural(1, "story", "stories"), plural(3, "article")
('1 story', '3 articles')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .records import NAME_SUBJECT


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless the count is one."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def undated_note(published: list[str | None]) -> str | None:
    """What a reader must know when articles carry no publication date (None when all do):
    their "Tuesday" and "Sep. 7" were read against other dates, so the timeline is less sure.

    >>> undated_note(["2024-06-18", None]).split(":")[0]
    '1 of 2 articles carries no publication date'
    >>> undated_note(["2024-06-18"]) is None
    True
    """
    missing = sum(1 for p in published if not p)
    if not missing:
        return None
    if missing < len(published):
        its, carry = ("its", "carries") if missing == 1 else ("their", "carry")
        return (
            f"{missing} of {plural(len(published), 'article')} {carry} no publication date: {its} relative dates "
            '("Tuesday", "Sep. 7") were read against the story\'s dated articles.'
        )
    return (
        f"None of the {plural(len(published), 'article')} carries a publication date: relative dates "
        '("Tuesday", "Sep. 7") were read against the latest day, or else the year, the articles name; '
        "the timeline is an estimate."
    )


def outlet_note(story: Mapping[str, Any]) -> str | None:
    """What a reader must know when sources name no outlet (None when every source does, or
    there is one source): such an article counts as a source of its own only because it
    copies no other article, so ten plain-text files of one newspaper would count as ten.

    >>> outlet_note({"independent_sources": 4, "sources_without_outlet": 3}).split(":")[0]
    '3 of the 4 independent sources name no outlet and credit no agency'
    >>> outlet_note({"independent_sources": 4, "sources_without_outlet": 0}) is None
    True
    """
    unnamed, total = int(story.get("sources_without_outlet") or 0), int(story["independent_sources"])
    if not unnamed or total < 2:
        return None
    if unnamed == total:
        which, each, them = f"None of the {total} independent sources names an outlet or credits an agency", "each", ""
    elif unnamed == 1:
        which, each, them = f"1 of the {total} independent sources names no outlet and credits no agency", "it", "it"
    else:
        which = f"{unnamed} of the {total} independent sources name no outlet and credit no agency"
        each, them = "each", "them"
    rest = f"counts that rest on {them} may be too high" if them else "the counts may be too high"
    return (
        f"{which}: {each} counts as a source of its own because it copies no other article; "
        f"articles of one outlet would be counted apart, so {rest}."
    )


def fact_sources(independent: int, articles: int, unnamed: int = 0) -> tuple[str, str]:
    """A fact's source count as the briefs print it, and what it rests on.

    >>> fact_sources(3, 4, 2)
    ('3 independent sources', '4 articles; 2 sources name no outlet')
    >>> fact_sources(2, 2)
    ('2 independent sources', '2 articles')
    """
    unnamed_part = f"; {plural(unnamed, 'source')} name{'s' if unnamed == 1 else ''} no outlet" if unnamed else ""
    return plural(independent, "independent source"), f"{plural(articles, 'article')}{unnamed_part}"


Refs = Iterable[Mapping[str, Any]]
# A conflict of more values than this is more often several quantities grouped together (a
# poll's percentages, a state-by-state delegate list) than one disputed figure: the summary
# does not repeat it (DUC gold, train split: 3 of 9 notes were such piles).
NOTE_MAX_VALUES = 3


def disputed_note(text: str, citations: Refs, conflicts: Iterable[Mapping[str, Any]]) -> str | None:
    """What a summary sentence must say when it states one side of a disagreement: the
    sentence is extractive, so it gives one outlet's figure; the note gives every side.

    A conflict counts when one of its claims sits in a sentence the summary sentence cites
    and the summary sentence states that claim's value, and it gives at most NOTE_MAX_VALUES
    values.

    >>> a, b = {"article": "a", "sentence": 2}, {"article": "b", "sentence": 4}
    >>> conflict = {"severity": "hard", "claims": [{**a, "value": "60 people"}, {**b, "value": "65 people"}]}
    >>> disputed_note("The fire killed 60 people.", [a], [conflict])
    'Outlets disagree: 60 people vs 65 people (hard conflict).'
    >>> disputed_note("The fire spread.", [a], [conflict]) is None
    True
    >>> named = {"subject": "name of Orla Port Authority", "severity": "hard",
    ...          "claims": [{**a, "value": "Orla Port Authority"}, {**b, "value": "Orla Ports Authority"}]}
    >>> disputed_note("The Orla Port Authority closed the harbour.", [a], [named])
    'Outlets differ on a name: Orla Port Authority vs Orla Ports Authority (hard conflict).'
    """
    cited = {(c["article"], c["sentence"]) for c in citations}
    said = text.casefold()
    sides: list[str] = []
    names: list[str] = []
    for conflict in conflicts:
        claims = conflict["claims"]
        values = list(dict.fromkeys(c["value"] for c in claims))
        if len(values) > NOTE_MAX_VALUES:
            continue
        if any((c["article"], c["sentence"]) in cited and c["value"].casefold() in said for c in claims):
            # A disputed name is not the sentence's claim: say what is disputed.
            found = names if str(conflict.get("subject", "")).startswith(NAME_SUBJECT) else sides
            found.append(f"{' vs '.join(values)} ({conflict['severity']} conflict)")
    notes = [
        f"Outlets disagree: {'; '.join(sides)}." if sides else "",
        f"Outlets differ on a name: {'; '.join(names)}." if names else "",
    ]
    return " ".join(n for n in notes if n) or None
