"""What the story clusterer reads in an article: content words, names, and dates.

Pure functions of text, cheap enough for 10^5 articles (regular expressions only, no model):

- :func:`content_terms`: lowercased, accent-folded content words and numbers, lightly stemmed;
  stop words of English and of the commonest other European languages are dropped.
- :func:`name_keys`: proxies for named entities when none are given: runs of capitalised
  words ("Tara Reid", "Isla Morenza", "SAP Arena"), with a sentence-initial word kept only
  when the article never writes it in lower case.
- :func:`mentioned_dates`: months and days the text names with a year ("July 7, 2012",
  "4 March 2025", "2025-03-04"), as ``@2012-07`` keys; :func:`date_keys` the same dates at
  the grains of year, month and day, plus bare years ("in 2008"); :func:`mentioned_years`
  the years of the full dates only.
- :func:`numbers`: the numbers of a text that are not years (tolls, scores, magnitudes).
- :func:`dateline`: a full date in the first lines of the text (a dateline or a "Posted on"
  line), used as the publication date when the article has none.

    >>> content_terms("Rescuers pulled 12 survivors from the rubble on Tuesday.")
    ['rescuer', 'pulled', '12', 'survivor', 'rubble', 'tuesday']
    >>> name_keys("A strong quake hit Brennik. The Kasmerian Seismological Institute said so.")
    ['brennik', 'kasmerian seismological institute']
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

# Function words of English and of French, Spanish, German and Italian (a translated report
# then shares its names and numbers with the English ones, not its grammar), plus words that
# every news report uses whatever the event ("said", "reported", "told").
STOP_WORDS = frozenset(
    """
a about above after again against all almost also although always am among an and another
any are around as at away back be became because been before being below between both but by
can cannot could did do does doing done down during each either else even ever every few for
from further had has have having he her here hers herself him himself his how however i if in
into is it its itself just least less like made make many may me might more most much must my
myself neither no nor not now of off often on once one only or other others otherwise our ours
ourselves out over own per perhaps rather same several shall she should since so some still
such than that the their theirs them themselves then there therefore these they this those
though through thus to together too toward towards two under until up upon us very via was we
well were what whatever when where whether which while who whom whose why will with within
without would yet you your yours yourself yourselves
said says say saying told tell according reported reports report added adds noted stated
news reuters ap afp inc ltd mr mrs ms dr updated posted published am pm gmt et est edt bst
year years day days week weeks month months time times people new just last first
le la les un une des du de et en est sont pour par sur dans au aux ce cette ces qui que qu il
elle ils elles ont avec pas plus ne se sa son ses leur leurs été être avait selon mais ou
el los las del con por para una unos unas es su sus al como más pero fue han ha
der die das und ist sind den dem des ein eine einer mit von zu auf im nicht auch sich für
il lo gli della delle degli che non per con sono nel nella
""".split()
)

# Joined into a name only between two capitalised words: "Bank of England", "Isla de Pascua".
_NAME_JOINERS = frozenset({"of", "de", "del", "la", "le", "da", "di", "du", "van", "von", "al", "bin"})
# Capitalised, but they name a time, not who or where: dates are read by mentioned_dates.
_CALENDAR = frozenset(
    """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
sun january february march april may june july august september october november december jan
feb mar apr jun jul aug sep sept oct nov dec today yesterday tonight
""".split()
)
# A sentence with at least this share of capitalised words is a title-case headline: there,
# a word the article also writes in lower case ("Quake Hits Brennik") is not a name.
TITLE_CASE_SHARE = 0.6

# Letters joined by apostrophes or hyphens ("o'neill", "al-assad"), or digits with separators.
# Written as runs of letters so the engine takes a run in one step (twice as fast as a
# letter-by-letter alternation, same tokens).
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTH_NAME = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"((?:19|20)\d\d)"
_DATES = (
    # "July 7, 2012", "Jul 07 , 2012", "July 2012"
    re.compile(rf"\b{_MONTH_NAME}\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*)?{_YEAR}\b", re.I),
    # "7 July 2012", "18th September 2013"
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAME}\s*,?\s*{_YEAR}\b", re.I),
    # "2012-07-07"
    re.compile(rf"\b{_YEAR}-(\d\d)-(\d\d)\b"),
)
# A date this close to the start of the text is a dateline, i.e. the publication date.
DATELINE_CHARS = 300
_MIN_TERM_CHARS = 2


def fold(word: str) -> str:
    """Lower case without accents: "Tarsénie" → "tarsenie"."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def stem(word: str) -> str:
    """A light English stemmer: possessives and plurals only ("quakes" → "quake").

    Heavier stemming merged words that tell events apart on ECB+ train/dev, so it stops here.
    """
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# Vocabularies are Zipfian: caching a token's term saves most of the folding and stemming.
_CACHED_TOKENS = 1 << 18


def _read_term(token: str) -> str:
    """The content term of a token, or "" for a stop word or a one-letter token."""
    word = fold(token)
    if word in STOP_WORDS or len(word) < _MIN_TERM_CHARS:
        return ""
    return word if word[0].isdigit() else stem(word)


_term = lru_cache(maxsize=_CACHED_TOKENS)(_read_term)


@lru_cache(maxsize=_CACHED_TOKENS)
def _name_word(token: str) -> str:
    return stem(fold(token))


def tokens(text: str) -> list[str]:
    """The word and number tokens of ``text``, as written (an article is tokenised once and
    its tokens read for content terms and for names)."""
    return _WORD.findall(text)


def content_terms(text: str, words: list[str] | None = None) -> list[str]:
    """Content words and numbers of ``text`` in order, folded and stemmed (``words``: its
    tokens, when already read)."""
    return [term for term in map(_term, _WORD.findall(text) if words is None else words) if term]


def word_list_term(word: str) -> str | None:
    """The one content term of an entry of a word list, or None (a stop word, or an entry of
    several terms). Not cached: a 200,000-word list would push the text's tokens out of the
    cache that content_terms reads."""
    found = [term for term in map(_read_term, _WORD.findall(word)) if term]
    return found[0] if len(found) == 1 else None


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() and (len(token) > 1 or token.isalpha())


# A run of capitalised words, possibly joined by "of", "de" ...: the only places names can be,
# so the per-word rules below run on a tenth of the text.
_UPPER = "A-ZÀ-ÖØ-Þ"
_JOINED = "|".join(sorted(_NAME_JOINERS))
_CAPITAL_RUN = re.compile(rf"(?<![\w'’-])[{_UPPER}][\w'’\-]*(?:[ \t]+(?:(?:{_JOINED})[ \t]+)*[{_UPPER}][\w'’\-]*)*")
_SENTENCE_END = frozenset(".!?:;\"”|`'")
# Only a short line can be a headline.
_HEADLINE_CHARS = 200


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start].rstrip(" \t")
    return not before or before[-1] == "\n" or before[-1] in _SENTENCE_END


def _title_case(line: str) -> bool:
    if len(line) > _HEADLINE_CHARS:
        return False
    words = [t for t in _WORD.findall(line) if not t[0].isdigit()]
    return len(words) >= 4 and sum(map(_is_capitalised, words)) >= TITLE_CASE_SHARE * len(words)


def _run_names(words: list[str], initial: bool, title_case: bool, lower_words: set[str]) -> list[str]:
    names: list[str] = []
    run: list[str] = []
    for position, token in enumerate(words + [""]):
        folded = _name_word(token)
        capital = (
            _is_capitalised(token)
            and folded not in _CALENDAR
            and not (
                # a sentence starts with a capital: keep it only if the article never writes it small
                (((position == 0 and initial) or title_case) and (folded in STOP_WORDS or folded in lower_words))
                or (not run and folded in STOP_WORDS)
            )
        )
        if capital or run and folded in _NAME_JOINERS and not title_case:
            run.append(folded)
        else:
            while run and run[-1] in _NAME_JOINERS:
                run.pop()
            if run:
                names.append(" ".join(run))
            run = []
    return names


def name_keys(text: str, words: list[str] | None = None) -> list[str]:
    """Runs of capitalised words, folded: a cheap proxy for named entities (see module doc).
    ``words``: the tokens of ``text``, when already read."""
    lower_words = {_name_word(t) for t in set(_WORD.findall(text) if words is None else words) if t.islower()}
    names: list[str] = []
    line_end = -1
    title_case = False
    for match in _CAPITAL_RUN.finditer(text):
        start = match.start()
        if start > line_end:  # a new line: is it a title-case headline? (runs never span lines)
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            if line_end < 0:
                line_end = len(text)
            title_case = _title_case(text[line_start:line_end])
        run = _WORD.findall(match.group())
        names.extend(_run_names(run, _starts_sentence(text, start), title_case, lower_words))
    return names


def _parse(match: re.Match[str], pattern_index: int) -> tuple[int, int, int | None] | None:
    groups = match.groups()
    if pattern_index == 0:
        month, day, year = groups
    elif pattern_index == 1:
        day, month, year = groups
    else:
        year, month, day = groups
        return (int(year), int(month), int(day)) if 1 <= int(month) <= 12 else None
    number = _MONTHS[month[:3].lower()]
    return int(year), number, int(day) if day else None


# Every date has a year: the date patterns run only near one, from this many characters
# before it ("18th September , 2013") to the end of the word after it ("2013-09-18").
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_REACH = 64
_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=8)
def _year_starts(text: str) -> tuple[int, ...]:
    return tuple(match.start() for match in _ANY_YEAR.finditer(text))


def _near_years(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` around its years, merged where they overlap. A span ends at a
    word's end, so a pattern's closing ``\\b`` reads as in the whole text (its start
    needs no care: a search from a position still sees the characters before it)."""
    spans: list[tuple[int, int]] = []
    for start in _year_starts(text):
        low = max(0, start - _DATE_REACH)
        high = min(len(text), start + 10)  # "2013-09-18": 10 characters from the year
        while high < len(text) and _WORD_CHAR.match(text, high):
            high += 1
        if spans and low <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], high))
        else:
            spans.append((low, high))
    return spans


# An article's dates are read for its date keys and again for its years: the second read
# is a cache hit (the same string object, whose hash Python keeps).
@lru_cache(maxsize=8)
def _date_matches(text: str) -> tuple[tuple[int, int, int, int | None], ...]:
    found = set()
    for low, high in _near_years(text):
        for index, pattern in enumerate(_DATES):
            for match in pattern.finditer(text, low, high):
                parsed = _parse(match, index)
                if parsed:
                    found.add((match.start(), -match.end(), *parsed))
    dates: list[tuple[int, int, int, int | None]] = []
    reached = -1
    for start, negative_end, year, month, day in sorted(found):
        if start >= reached:  # "4 March 2025" also contains "March 2025": keep the longer
            dates.append((start, year, month, day))
            reached = -negative_end
    return tuple(dates)


def mentioned_dates(text: str) -> list[str]:
    """Months the text names with their year, in order: ``["@2012-07", ...]``."""
    return [f"@{year:04d}-{month:02d}" for _, year, month, _ in _date_matches(text)]


# A bare year: "in 2008", "the 2012 fight". Years outside 1950-2039 are more often counts.
_BARE_YEAR = re.compile(r"(?<![\d.,])(?:19[5-9]\d|20[0-3]\d)(?![\d.,]\d)")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")


def date_keys(text: str) -> list[str]:
    """The dates the text names, each at the grains of year, month and (when given) day,
    then its bare years: the "when" keys of an article.

    >>> date_keys("On July 7, 2012 he fought; in 2008 he had won.")
    ['@2012', '@2012-07', '@2012-07-07', '@2012', '@2008']
    """
    keys: list[str] = []
    for _, year, month, day in _date_matches(text):
        keys.append(f"@{year:04d}")
        keys.append(f"@{year:04d}-{month:02d}")
        if day is not None:
            keys.append(f"@{year:04d}-{month:02d}-{day:02d}")
    # A bare year starts where a "19xx"/"20xx" does (a digit before one fails the test).
    keys.extend("@" + text[at : at + 4] for at in _year_starts(text) if _BARE_YEAR.match(text, at))
    return keys


def mentioned_years(text: str) -> frozenset[int]:
    """Years of the full dates the text names ("July 7, 2012", "May 2005"), not bare years."""
    return frozenset(year for _, year, _, _ in _date_matches(text))


def numbers(text: str) -> frozenset[str]:
    """The numbers in ``text`` that do not read as years: "5.6", "48", "2,000".

    >>> sorted(numbers("A 5.6 quake in 2005 killed 10, injuring 48."))
    ['10', '48', '5.6']
    """
    return frozenset(n for n in _NUMBER.findall(text) if not _BARE_YEAR.fullmatch(n))


def dateline(text: str) -> date | None:
    """The first full date within the first DATELINE_CHARS characters, if any.

    >>> dateline("Klitschko retains belts\\nUpdated : July 7 , 2012 , 10 : 04 PM ET\\nWladimir ...")
    datetime.date(2012, 7, 7)
    """
    for _, year, month, day in _date_matches(text[:DATELINE_CHARS]):
        if day is not None:
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None
