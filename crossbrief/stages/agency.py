"""Part of stage 7, derive: which wire agency an article's own text credits, for articles
whose metadata names no outlet.

Ten AP stories read from plain files carry no outlet, yet each says "LONDON (AP) —": they
are one source, not ten. Only credits of authorship count, in the places wire copy puts
them:

    1. dateline    "LONDON (AP) —", "BEIJING, Oct. 3 (Xinhua) --", "PARIS (AFP) -"
    2. byline      "By Jane Roe, Associated Press Writer", "By John Doe Reuters Correspondent"
    3. closing     "Copyright 2024 The Associated Press", "For use by clients of the
                   New York Times News Service"

A mention in the story ("told The Associated Press", "Xinhua reported", "The Associated
Press contributed to this report") credits someone else's words or help, not the article.
Two different credits, or none, give None: a wrong merge hides an independent
confirmation, so the agency is inferred only on a credit, never guessed.

    >>> infer_agency_from_text("BEIJING, Oct. 3 (Xinhua) -- China said on Friday ...")
    'Xinhua'
    >>> infer_agency_from_text("The minister told The Associated Press on Monday ...") is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Article

# The agencies and news services that sell copy to other outlets, so that one of them often
# stands behind many articles of a story; each with the spellings its credits use.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press"),
    "Reuters": ("Reuters",),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "UPI": ("UPI", "United Press International"),
    "DPA": ("dpa", "Deutsche Presse-Agentur"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "ANSA": ("ANSA",),
    "EFE": ("EFE",),
    "TASS": ("ITAR-TASS", "TASS"),
    "Yonhap": ("Yonhap",),
    "PTI": ("PTI", "Press Trust of India"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "New York Times News Service": ("New York Times News Service", "NYT News Service"),
}

# Credits sit at the head and the tail of a story: this many characters of each are read
# (a dateline can follow an editor's note and a byline; a copyright line ends the text).
HEAD_CHARS = 400
TAIL_CHARS = 300

_CANONICAL = {alias.casefold(): name for name, aliases in AGENCIES.items() for alias in (name, *aliases)}
# Spelled as the agencies spell themselves ("(AP)", not "(ap)"), longest first.
_ALIAS = "|".join(sorted({re.escape(a) for n, aliases in AGENCIES.items() for a in (n, *aliases)}, key=len)[::-1])
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
_DASH = r"(?:[—–_]|-{1,2})"

# "LONDON (AP) —", "MADRID (EFE).-": the credit in parentheses, then the dash that opens
# the story (a dateline the clean stage cut off keeps no dash: its end stands for one).
_DATELINE = re.compile(rf"\(\s*(?:The\s+)?(?P<agency>{_ALIAS})\s*\)\.?\s*(?:{_DASH}|$)")
# "By NAME, Associated Press Writer", "By NAME AP Science Writer": a job word follows.
_BYLINE = re.compile(
    rf"\bBy\s+{_NAME}\s*,?\s+(?:of\s+)?(?:[Tt]he\s+)?(?P<agency>{_ALIAS})"
    rf"\s+(?:[A-Z][a-z]+\s+){{0,2}}(?:Writer|Correspondent|Reporter|Staff|Editor)\b"
)
# "Copyright 2024 The Associated Press", "© 2024 Reuters"
_COPYRIGHT = re.compile(rf"(?:[Cc]opyright|COPYRIGHT|©)\s*(?:\d{{4}}\s*)?(?:[Tt]he\s+)?(?P<agency>{_ALIAS})\b")
# Syndication: "For use by clients of the New York Times News Service", "(For use by New
# York Times News Service clients)": the distributor is the source, whoever filed the story.
_SYNDICATED = re.compile(
    r"(?i:for\s+use\s+by\s+(?:clients\s+of\s+)?(?:the\s+)?)"
    r"(?P<agency>(?:[A-Z][\w.&'’-]*[\s/-]+){1,5}(?i:news\s+service))"
)


def canonical_agency(name: str) -> str | None:
    """The agency a name spells ("The Associated Press" → "AP"), None if not an agency."""
    key = " ".join(name.split()).casefold()
    key = key[4:] if key.startswith("the ") else key
    return _CANONICAL.get(key)


def _credited(pattern: re.Pattern[str], text: str) -> set[str]:
    found = set()
    for match in pattern.finditer(text):
        name = " ".join(match.group("agency").split())
        found.add(canonical_agency(name) or name)
    return found


def infer_agency_from_text(head: str, tail: str = "", datelines: Sequence[str] = ()) -> str | None:
    """The one agency credited by a dateline, byline or closing credit, else None.

    ``head``/``tail``: the start and end of the text (HEAD_CHARS and TAIL_CHARS of them
    are read); ``datelines``: datelines the clean stage cut off ("LONDON (AP)").
    """
    head, tail = head[:HEAD_CHARS], tail[-TAIL_CHARS:]
    found = set()
    for text in (*datelines, head):
        found |= _credited(_DATELINE, text)
    found |= _credited(_BYLINE, head)
    for text in (head, tail):
        found |= _credited(_COPYRIGHT, text) | _credited(_SYNDICATED, text)
    return found.pop() if len(found) == 1 else None


def infer_agency(article: Article) -> str | None:
    """The agency an article's own text credits (``infer_agency_from_text`` on its
    dateline, the bylines and datelines cleaning removed, and its text), else None."""
    cut = [r.text for r in article.removed if r.reason in ("byline", "dateline")]
    stated = article.metadata.get("dateline")
    return infer_agency_from_text(article.text, article.text, [stated, *cut] if stated else cut)
