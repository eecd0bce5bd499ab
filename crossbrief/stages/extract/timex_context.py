"""What the words around a time expression say about when it lies: before or after the anchor.

"He arrived Wednesday" and "he will arrive Wednesday" name different Wednesdays. Without a
parser we read tense from cue words in the expression's sentence: the cue nearest to the
expression decides, because a sentence can report a past statement about a future event
("officials said Tuesday the talks would resume Monday").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .timex_calendar import Direction

# Cue words, chosen by measuring weekday and month resolution on TimeBank and AQUAINT:
# weak cues ("could", "may", "until", "planned", "next to") pointed the wrong way as often
# as the right one and were dropped.
# "due to arrive Monday" looks ahead; "shut down Sept. 23 due to disputes" gives a cause:
# "due to" before a determiner or a noun-like word (a plural, "-ion", "-ment" …) is "because of".
_CAUSE = (
    r"(?:the|a|an|its|their|his|her|this|that|these|those|some|bad|poor|heavy|low|high|lack|weather"
    r"|\w+(?:s|ion|ment|ness|ity|ure|ance|ence|ism))\b"
)
_FUTURE_CUES = (
    r"will|won't|shall|'ll|going\s+to|plans?\s+to|scheduled|expects?\s+to|"
    r"(?:is|are)\s+(?:not\s+)?expected(?:\s+to)?|set\s+to|would(?!\s+have\b)|as\s+(?:soon|early)\s+as|upcoming|deadline|"
    r"intends?\s+to|(?:is|are)\s+to|postponed|tomorrow|payable|effective|expires?|"
    rf"due\s+to\s+(?!\w+ed\b|{_CAUSE})\w+|chances?\s+of|hopes?\s+(?:of|to)|bid\s+(?:for|to)|aims?\s+to|seeks?\s+to|race\s+for"
)
# A plan seen from after it ("had been scheduled to see him Saturday", "originally scheduled
# for mid-October") looks back: the whole phrase is one past cue, so its "scheduled" is not
# read again as a future one.
_PAST_PLAN = r"(?:had\s+been|was|were|originally|initially|previously)\s+(?:scheduled|expected|set|planned|slated|due)"
_PAST_CUES = (
    rf"{_PAST_PLAN}|(?:would|could|might|should)\s+have|said|says|told|was|were|had|did|ago|last|earlier|yesterday"
    r"|announced|reported|added|(?<!be\s)\w+ed"
)
# Every cue starts with a word character or "'": the lookahead changes no match, it only
# rejects the ends of words at once instead of after trying every cue there.
_CUE = re.compile(rf"(?i)\b(?=\w|')(?:(?P<future>{_FUTURE_CUES})|(?P<past>{_PAST_CUES}))\b")
# A sentence ends at ., ! or ? followed by space and a capital or quote, or at a blank line.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])|\n\s*\n")
# Cues further than this from the expression belong to another clause more often than not.
MAX_CUE_DISTANCE = 80
# … and so does a cue past a dash or a semicolon: "the vote from Sunday's election _ a feat
# he is expected to easily accomplish" (AP's " _ " is its dash).
_CLAUSE_BREAK = re.compile(r"\s[_—–-]{1,2}\s|[—;]")


# The sentence is looked for this far either side: cues further away never decide.
_REACH = 400


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Character span of the sentence around ``text[start:end]`` (a cheap splitter)."""
    left = max(0, start - _REACH)
    for match in _SENTENCE_END.finditer(text, left, start):
        left = match.end()
    limit = min(len(text), end + _REACH)
    right_match = _SENTENCE_END.search(text, end, limit)
    return left, right_match.start() + 1 if right_match else limit


@lru_cache(maxsize=4096)
def _cues(sentence: str) -> tuple[tuple[int, int, bool], ...]:
    return tuple((m.start(), m.end(), m.group("future") is not None) for m in _CUE.finditer(sentence))


def direction(text: str, start: int, end: int) -> Direction:
    """ "future" or "past" as the nearest tense cue points; "nearest" when there is none.

    >>> direction("Talks will resume Monday.", 18, 24)
    'future'
    >>> direction("Talks resumed Monday.", 14, 20)
    'past'
    """
    left, right = sentence_span(text, start, end)
    best: tuple[int, bool] | None = None
    for cue_start, cue_end, future in _cues(text[left:right]):
        cue_start, cue_end = cue_start + left, cue_end + left
        if cue_start < end and cue_end > start:
            continue  # a word of the expression itself ("next", "last") is not a cue here
        distance = start - cue_end if cue_end <= start else cue_start - end
        between = text[cue_end:start] if cue_end <= start else text[end:cue_start]
        if _CLAUSE_BREAK.search(between):
            continue
        if distance <= MAX_CUE_DISTANCE and (best is None or distance < best[0]):
            best = (distance, future)
    if best is None:
        return "nearest"
    return "future" if best[1] else "past"
