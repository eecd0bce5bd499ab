"""Stage 2, clean: take out the boilerplate that survives main-text extraction.

Works line by line (a line is a paragraph) and records every removal with its reason,
so a reader can audit what was dropped. Cascade, in order:

    1. byline and dateline   "By Jane Roe", "PORT CALDERA (Reuters) —"  → metadata
    2. widget lines          share/print buttons, subscribe prompts, disclaimers, cookie
                             banners, ads, image credits, run-together caption names
    3. language switchers    a language name, and the short "read in …" line after it
    4. related-links tail    "Related" / "Read more" and the short link titles after it
    5. wire sign-offs        the desk's initials after a line's last sentence ("... in
                             Seoul, South Korea. str-tt-lm")
    6. headings              short title-like lines are kept but marked, not prose

A rule only ever matches a whole line, or (sign-offs) what follows a line's last sentence,
so it cannot cut a real sentence in half.
"""

from __future__ import annotations

import re
import unicodedata

from ..records import CleanText, Removal

# Lines longer than this are prose, whatever words they start with.
WIDGET_MAX_WORDS = 25
HEADING_MAX_WORDS = 12
# After a "Related" marker, a line this long means prose resumes: stop removing.
RELATED_TAIL_MAX_WORDS = 20


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_SOCIAL = r"(facebook|twitter|x|linkedin|whatsapp|telegram|e-?mail|reddit|pinterest|print|copy link|messenger)"
WIDGET_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "share",
        _rx(
            r"^print friendly(,? pdf)?( (&|and) e-?mail)?$",
            r"^(share|share this( article| story)?|share on|share via|click to (share|print|email))\b.{0,80}$",
            rf"^{_SOCIAL}([\s,|/·•]+{_SOCIAL})*$",
            r"^(tweet|share|print|email|save|copy link|comments?)$",
        ),
    ),
    (
        "subscribe",
        _rx(
            r"^subscribe\b.*$",
            r"^discover more from\b.*$",
            r"^(sign|signup|sign up)\b.{0,40}\b(newsletter|updates|alerts)\b.*$",
            r"^(join|get) our (free )?(newsletter|mailing list)\b.*$",
            r"^(type|enter) your e-?mail\b.*$",
            r"^continue reading\b.{0,60}$",
            r"^get the latest\b.{0,60}\b(inbox|e-?mail)\b.*$",
        ),
    ),
    (
        "disclaimer",
        _rx(
            r"^the views( and opinions)? expressed\b.*\b(do|does) not( necessarily)? reflect\b.*$",
            r"^disclaimer\s*:.*$",
            r"^this (article|story|content) (was|has been) (produced|provided|sponsored)\b.{0,120}$",
        ),
    ),
    (
        "cookies",
        _rx(
            r"^(we|this (site|website)) use[s]? cookies\b.*$",
            r"^accept( all)? cookies\b.{0,40}$",
        ),
    ),
    (
        "advertisement",
        _rx(
            r"^(advertisement|advertising|sponsored( content)?|ad)$",
            r"^(story|article) continues below( advertisement)?$",
            r"^scroll (down )?to continue( with content)?$",
        ),
    ),
    (
        # a page's own time stamp: its date is when the page was posted, not when anything
        # happened, and read as prose it dates events wrongly
        "timestamp",
        _rx(
            r"^(posted|published|updated|last updated|first published|modified)( on| at)?"
            r"(\s*:\s*|\s+(?=\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)))"
            r"(?=.*\d)[\w ,.:/|-]{4,60}(?<![a-z]{2}\.)$",  # a stamp is no sentence: "… 9:00 p.m." but not "… oldest."
            # the date first: "23 July 2013 Last updated at 13:42 GMT"
            r"^\d{1,2} [a-z]+ \d{4},? (last )?updated( on| at)? \d{1,2} ?: ?\d{2}( ?[ap]\.?m\.?)?( [a-z]{2,4})?$",
        ),
    ),
    (
        "image-caption",
        _rx(
            r"^(photo|image|picture|video|file photo|photograph|credit|pictured)( credits?)?\s*[:/|-].{0,100}$",
            r"^\(?(ap|afp|reuters|getty images|epa|anadolu)( photo)?\s*[/)].{0,80}$",
        ),
    ),
)

RELATED_MARKER = _rx(
    r"^(related|related (articles|stories|posts|coverage|news|content|topics)|read more|see also"
    r"|recommended( for you)?|you (may|might) also like|more (from|on) .{1,40}|most read"
    r"|trending( now)?|latest news|more stories)\s*:?$"
)
READ_MORE_LINE = _rx(r"^(read more|read also|also read|see also|related)\s*:.{1,160}$")

LANGUAGE_NAMES = {
    "english",
    "français",
    "francais",
    "french",
    "español",
    "espanol",
    "spanish",
    "deutsch",
    "german",
    "italiano",
    "italian",
    "português",
    "portuguese",
    "русский",
    "russian",
    "українська",
    "ukrainian",
    "العربية",
    "arabic",
    "فارسی",
    "persian",
    "farsi",
    "中文",
    "chinese",
    "日本語",
    "japanese",
    "한국어",
    "korean",
    "türkçe",
    "turkish",
    "polski",
    "polish",
    "nederlands",
    "dutch",
    "हिन्दी",
    "hindi",
    "اردو",
    "urdu",
    "עברית",
    "hebrew",
}
LANGUAGE_SWITCH_LINE = _rx(
    r"^(read|view|see) (this|the) (article|story|page) in \w+\.?$",
    r"^(lire|leer|lesen|leggi|ler) .{0,40}$",
)

_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
_BYLINE = re.compile(rf"^[Bb][Yy]\s+({_NAME}(?:\s*(?:,|and)\s+{_NAME})*)\s*$")
# "PORT CALDERA (Reuters) — ", "BRENNIK, Kasmeria, April 12 (Coastwire) - ", "MOSCOW — ",
# "SEOUL, South Korea _ " (AP's underscore dash)
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,30}?){0,2}"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*\((?:AP|AFP|Reuters|[A-Z][\w ]{1,24})\)\s*[—–_-]{1,2}\s+"
    r"|[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w.'’ ]{1,30}?)?\s*[—–_]\s+)(?=[A-Z])"
)
_BULLET = re.compile(r"^\s*([-•*·▪►]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"[.!:;,…\"”’)]\s*$")


def _script(line: str) -> str:
    """Dominant Unicode script of the letters in a line ("LATIN", "ARABIC", …)."""
    counts: dict[str, int] = {}
    for ch in line:
        if ch.isalpha():
            name = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def _names_run_together(line: str) -> bool:
    """Image alt text left as one word of capitalised names: "PutinKim", "FerrándizEstévez"."""
    if not line.isalpha() or len(line) > 40:
        return False
    parts = [p for p in re.split(r"(?<=[^\W\d_])(?=[A-ZÀ-ÖØ-Þ])", line) if p]
    return len(parts) >= 2 and all(p[0].isupper() and p[1:].islower() and len(p) >= 3 for p in parts)


def _widget_reason(line: str) -> str | None:
    if len(line.split()) > WIDGET_MAX_WORDS:
        return None
    if _names_run_together(line):
        return "image-caption"
    for reason, rule in WIDGET_RULES:
        if rule.match(line):
            return reason
    if READ_MORE_LINE.match(line):
        return "related"
    return None


# Wire desks end copy with their editors' initials, lower case, joined by hyphens or slashes
# ("str-tt-lm", "sf/vj"): after a sentence's end they are no sentence (14 of the 1,100 DUC 2003
# documents, all AP, and nothing else there).
_SIGNOFF = re.compile(r"(?<=[.!?\"”’'])\s+([a-z]{1,5}(?:[-/][a-z]{1,5}){1,4})$")


def _drop_signoffs(lines: list[str], removed: list[Removal]) -> None:
    for i, line in enumerate(lines):
        if match := _SIGNOFF.search(line):
            removed.append(Removal(match.group(1), "wire-signoff"))
            lines[i] = line[: match.start()]


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and line[:1].isupper()
        and (not _SENTENCE_END.search(line) or (line.endswith("?") and len(words) <= 8))
    )


def _strip_byline_dateline(lines: list[str], removed: list[Removal]) -> tuple[str | None, str | None]:
    author = dateline = None
    for i, line in enumerate(lines[:3]):
        if match := _BYLINE.match(line):
            author = match.group(1)
            removed.append(Removal(line, "byline"))
            lines[i] = ""
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and (match := _DATELINE.match(lines[first])):
        dateline = match.group("dateline").strip(" —–_-")
        removed.append(Removal(match.group("dateline").strip(), "dateline"))
        lines[first] = lines[first][match.end() :]
    return author, dateline


def _drop_language_switchers(lines: list[str], removed: list[Removal]) -> None:
    body_script = _script(" ".join(lines))
    for i, line in enumerate(lines):
        if not line:
            continue
        if line.lower().strip(" :|") in LANGUAGE_NAMES:
            removed.append(Removal(line, "language-switch"))
            lines[i] = ""
            nxt = next((j for j in range(i + 1, len(lines)) if lines[j]), None)
            if (
                nxt is not None
                and len(lines[nxt].split()) <= 10
                and (_script(lines[nxt]) != body_script or not _SENTENCE_END.search(lines[nxt]))
            ):
                removed.append(Removal(lines[nxt], "language-switch"))
                lines[nxt] = ""
        elif LANGUAGE_SWITCH_LINE.match(line) and len(line.split()) <= 8:
            removed.append(Removal(line, "language-switch"))
            lines[i] = ""


def _drop_related_tail(lines: list[str], removed: list[Removal]) -> None:
    for i, line in enumerate(lines):
        if line and RELATED_MARKER.match(line):
            tail = [t for t in lines[i + 1 :] if t]
            if all(len(t.split()) <= RELATED_TAIL_MAX_WORDS for t in tail):
                for j in range(i, len(lines)):
                    if lines[j]:
                        removed.append(Removal(lines[j], "related"))
                        lines[j] = ""
                return


def clean(text: str) -> CleanText:
    """Boilerplate-free text (one paragraph per line, joined by blank lines) and what was cut."""
    lines = [" ".join(_BULLET.sub("", line).split()) for line in text.splitlines()]
    removed: list[Removal] = []
    # 1. byline and dateline
    author, dateline = _strip_byline_dateline(lines, removed)
    # 2. widget lines
    for i, line in enumerate(lines):
        if line and (reason := _widget_reason(line)):
            removed.append(Removal(line, reason))
            lines[i] = ""
    # 3. language switchers
    _drop_language_switchers(lines, removed)
    # 4. related-links tail
    _drop_related_tail(lines, removed)
    # 5. wire sign-offs
    _drop_signoffs(lines, removed)
    # 6. headings
    kept = [line for line in lines if line]
    headings = tuple(line for line in kept if _is_heading(line))
    return CleanText(
        text="\n\n".join(kept),
        removed=tuple(removed),
        headings=headings,
        author=author,
        dateline=dateline,
    )
