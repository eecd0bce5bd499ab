"""Hints: substrings a regular expression cannot match without, tested before it runs.

A regex search tries its pattern at every position of the text, and a case-insensitive
alternation of words is slow to try; ``word in text`` is fast. So a rule that can only match
where one of a few words occurs looks for those words first, in the lower-cased text, and
skips its regex when none is there. The hints must be lower case and must cover every match:
then skipping changes no result, only the time taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Under re.IGNORECASE these match an ASCII letter but lower-case to something else ("ſ"
# matches "s"): in a text holding one, a hint could miss a match, so none is trusted.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
WORD = re.compile(r"\w+")
# Words remembered per hint set; the memo starts afresh past this size.
_MEMO_WORDS = 1 << 16


def lowered(text: str) -> str | None:
    """``text`` lower-cased for hint tests, or None when hints cannot be trusted on it."""
    if text.isascii() or not any(c in text for c in _FOLDS_TO_ASCII):
        return text.lower()
    return None


@lru_cache(maxsize=64)  # the extractors of one sentence share them
def text_words(text: str) -> tuple[str | None, frozenset[str]]:
    """``lowered(text)`` and its distinct ``WORD``s (none when it is None)."""
    lower = lowered(text)
    return lower, frozenset(WORD.findall(lower)) if lower is not None else frozenset()


def hints(*words: str) -> tuple[str, ...]:
    """Lower-case hints, without those that contain another (finding that one is enough)."""
    low = {w.lower() for w in words}
    return tuple(sorted(w for w in low if not any(o != w and o in w for o in low)))


def holds(present: set[str] | None, words: tuple[str, ...]) -> bool:
    """False only when the hints a text holds (``HintSet.in_text``) include none of ``words``."""
    return present is None or not present.isdisjoint(words)


class _HintsInWord(dict[str, tuple[str, ...]]):
    """word → the hints it holds, each word worked out once."""

    def __init__(self, hints: tuple[str, ...]) -> None:
        super().__init__()
        self.hints = hints

    def __missing__(self, word: str) -> tuple[str, ...]:
        if len(self) > _MEMO_WORDS:
            self.clear()
        held = self[word] = tuple(filter(word.__contains__, self.hints))
        return held


class HintSet:
    """Many hints looked for at once: which of them a text holds.

    A hint of word characters only can occur only inside one word of the text, so those are
    looked for in the text's distinct words, and what each word holds is remembered: a story
    uses the same words over and over. The others ("a.m", "-") are looked for in the text.
    """

    def __init__(self, words: Iterable[str]) -> None:
        words = sorted(set(words))
        self._in_text = tuple(w for w in words if not WORD.fullmatch(w))
        self._in_word = _HintsInWord(tuple(w for w in words if WORD.fullmatch(w)))

    def in_text(self, text: str) -> set[str] | None:
        """The hints ``text`` holds, or None when hints cannot be trusted on it."""
        lower, words = text_words(text)
        return None if lower is None else self.found(lower, words)

    def found(self, lower: str, words: Iterable[str]) -> set[str]:
        """The hints in ``lower`` (a ``lowered`` text), given its distinct ``WORD``s."""
        return set(filter(lower.__contains__, self._in_text)).union(*map(self._in_word.__getitem__, words))


__all__ = ["WORD", "HintSet", "hints", "holds", "lowered", "text_words"]
