"""Who a sentence's claim comes from, and how firmly it is stated.

Attribution cascade (first match wins):

    1. "according to X"                                    → X
    2. "…, X said." / "said X" (reporting verb before the speaker)  → X
    3. "X said / claims / told reporters …"              → X, the entity or noun phrase
                                                            just before the verb
    4. "as quoted by X"                                   → X, the medium, when no one else

Modality: denied > hedged > predicted > stated, from cue phrases. A prediction ("may
sign", "is expected to") is kept apart from a hedge about the past ("may have sent"),
because a prediction and a later report of what happened are not a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ...records import Attribution, EntityMention, Modality
from .hints import HintSet, hints, holds

# Reporting verbs: the verbs that report a claim in the English list of textacy's quotation
# finder (after Krestel, Bergler & Witte 2008, "Minding the Source"), in every form. In the
# tuning split they attribute 2,025 sentences (say 1,610 down to admit 1). The list's other
# verbs name a request (ask, urge, order, recommend), a promise, a hope or fear (hope, fear,
# worry) or an act (agree, decline, charge, cite, testify), and "think" is half the time no
# one's view ("a California think tank"): they would fire 139 times, mostly on no one's claim
# ("agreed to sell", "declined to comment"), so they are left out.
# "emphasize", not in that list, attributes 3 sentences ("Moskal emphasized that ...").
_REPORTING_LEMMAS = (
    "say says said",
    "tell tells told",
    "add adds added",
    "write writes wrote",
    "announce announces announced",
    "report reports reported",
    "state states stated",
    "claim claims claimed",
    "allege alleges alleged",
    "assert asserts asserted",
    "note notes noted",
    "observe observes observed",
    "mention mentions mentioned",
    "explain explains explained",
    "describe describes described",
    "estimate estimates estimated",
    "predict predicts predicted",
    "believe believes believed",
    "suggest suggests suggested",
    "argue argues argued",
    "contend contends contended",
    "maintain maintains maintained",
    "insist insists insisted",
    "declare declares declared",
    "stress stresses stressed",
    "emphasize emphasizes emphasized emphasise emphasises emphasised",
    "warn warns warned",
    "confirm confirms confirmed",
    "acknowledge acknowledges acknowledged",
    "admit admits admitted",
    "concede concedes conceded",
    "conclude concludes concluded",
    "disclose discloses disclosed",
    "recall recalls recalled",
    "reply replies replied",
    "deny denies denied",
    "accuse accuses accused",
    "blame blames blamed",
    "complain complains complained",
    "criticize criticizes criticized criticise criticises criticised",
)
# Forms read far more often as the noun: in the tuning split "state" fires 28 times, never as
# the verb ("Washington state has", "the Croatian state"), "states" 1 time in 8 ("Democratic
# states") and "report" 2 in 6 ("The Merrill Lynch report gave").
_NOUN_FIRST = frozenset({"state", "states", "report"})


def _word_trie(words: Sequence[str]) -> str:
    """A regex alternation of ``words`` as a prefix tree ("sa(?:id|ys?)"), no capturing group.

    It matches what "|".join(words) matches, but a flat alternation of a hundred-odd words tries each
    word in turn at every position of the text; the tree tries one branch per first letter.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "|".join(branches)
        if len(branches) > 1 or "" in node:
            body = f"(?:{body})"
        return body + "?" if "" in node else body

    return render(trie)


REPORTING_FORMS = frozenset(f for forms in _REPORTING_LEMMAS for f in forms.split())
REPORTING_VERBS = _word_trie(sorted(REPORTING_FORMS - _NOUN_FIRST))
_SOURCE_NOUN = (
    r"(?:officials?|spokes(?:man|woman|person)|minist(?:er|ry)|analysts?|experts?|observers?|sources?"
    r"|diplomats?|report|statement|agency|institute|authorities|police|witnesses|residents|researchers?"
    r"|government|ministry|army|military|navy|coast guard|media|newspaper|study|survey)"
)
_NP_BEFORE = re.compile(
    rf"((?:(?:a|an|the|some|many|several|two|three|other)\s+)?(?:[A-Z][\w.'’-]*\s+|[a-z-]+\s+){{0,4}}{_SOURCE_NOUN})\s*$"
)
# Only "according to": "per X" fires 38 times in the tuning split, every time a rate ("meteors per
# hour", "$1.27 per transaction"); "per the"/"as per" occur 0 times.
# A source's name runs to the next punctuation, but the dots of "U.S." or "U.N." and of a
# title ("Lt. Ann Ray") do not end it.
_TITLES = "Adm Capt Cmdr Col Dr Gen Gov Jr Lt Maj Mr Mrs Ms Prof Rep Sen Sgt St".split()
_TITLE_DOT = "(?:" + "|".join(rf"(?<=\b{t})" for t in _TITLES) + r")\."
_NAME_RUN = rf"(?:[^,.;:]|(?<=\b[A-Z])\.(?=\s*[A-Z])|{_TITLE_DOT})"
_ACCORDING = re.compile(rf"\b(according to)\s+({_NAME_RUN}{{2,120}})", re.I)
# The medium that carried someone else's words: used only when no speaker is named.
_MEDIUM = re.compile(
    rf"\b(as quoted by|quoted by|as reported by|as mentioned by|reported by)\s+({_NAME_RUN}{{2,120}})", re.I
)
# Words the case-insensitive patterns cannot match without (see :mod:`hints`).
_ACCORDING_HINTS = hints("according")
_MEDIUM_HINTS = hints("quoted", "reported by", "mentioned")
# (?=\w), here and in _HEDGED and _PREDICTED: every match opens with a letter, so saying so
# changes no match and drops the ends of words (also a \b) with one test.
_VERB = re.compile(rf"\b(?=\w)({REPORTING_VERBS})\b")
_SPEAKER_AFTER = re.compile(rf"[,”\"]\s*({REPORTING_VERBS})\s+(\w{_NAME_RUN}{{1,100}})")


# Who can be a source: people, organisations, places standing for governments, nationalities.
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _entity_in(span_start: int, span_end: int, entities: Sequence[EntityMention]) -> EntityMention | None:
    inside = [e for e in entities if e.start >= span_start and e.end <= span_end and e.label in SPEAKER_LABELS]
    people = [e for e in inside if e.label == "PERSON"]
    return people[0] if people else inside[0] if inside else None


# Words that open a clause, not a source's name: "but officials said", "as some experts say".
_CLAUSE_OPENER = re.compile(r"^(?:(?:but|and|or|as|while|although|though|so|yet|because|if|when|whereas)\s+)+", re.I)
# When a source spoke is not part of its name: "according to partial results Saturday".
_TRAILING_WHEN = re.compile(
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)$", re.I
)


# A speaker after its verb opens the words that follow, after at most a title or two ("Lt.",
# "a senior"): its name or a source noun ("coast guard spokesman Ilyas Reyes") must start
# within this many words.
SPEAKER_HEAD_WORDS = 3


def _head_end(start: int, words: str) -> int:
    """Where the first SPEAKER_HEAD_WORDS words of ``words`` (at ``start``) end."""
    return start + len(" ".join(words.split()[:SPEAKER_HEAD_WORDS]))


def _trim(speaker: str) -> str:
    cut = re.split(r"\s+(?:that|who|which|on|in|at|when|while|after|before)\s+", speaker.strip(" ,"))[0].strip()
    return _TRAILING_WHEN.sub("", _CLAUSE_OPENER.sub("", cut)).strip()


# Words that may stand between a speaker and the reporting verb: "X has also said", and any
# -ly adverb ("X quickly announced"). In the tuning split an -ly word stands there 9 times:
# recently 2, previously, reportedly, publicly, separately, quickly, and the nouns of "the Abrar
# daily estimated" and "the Underwood family said", whose speaker is still right.
_BETWEEN_OK = re.compile(
    r"^\s*((has|have|had|also|further|again|later|then|earlier|once|himself|herself|itself|themselves"
    r"|now|still|[a-z]+ly)\b\s*)*$"
)
_APPOSITIVE = re.compile(r"^\s*,[^.;:]{1,120},\s*$")
_PREPOSITION_BEFORE = re.compile(r"\b(in|at|of|for|from|with|to|into|on|by|near)\s+(the\s+)?$", re.I)
# "Seismologists at the KSI say", "But officials of the ministry said": people who open the
# sentence and speak for the organisation they work at, so it is the source (a place after
# "in" stays no speaker, and "Stephen Stott, director at Intelsat, said" is Stott's claim).
_MEMBERS_OF = re.compile(r"^\s*(?:[A-Za-z]+\s+){1,3}(at|of|from)\s+(the\s+)?$")


def _subject_before(text: str, verb_at: int, entities: Sequence[EntityMention]) -> EntityMention | None:
    """The named speaker right before a reporting verb: adjacent, or with an appositive between."""
    for e in sorted(entities, key=lambda e: -e.end):
        if e.end > verb_at or e.label not in SPEAKER_LABELS:
            continue
        between, before = text[e.end : verb_at], text[: e.start]
        if between.startswith(("’s", "'s")):
            continue  # "Putin’s adviser says": not the speaker
        if _PREPOSITION_BEFORE.search(before) and not (e.label == "ORG" and _MEMBERS_OF.match(before)):
            continue  # "a researcher in Seoul says": not the speaker
        if _BETWEEN_OK.match(between) or _APPOSITIVE.match(between):
            return e
    return None


# A clause word opens no source's name: "according to although officials disputed it" is a
# garbled sentence, not a source called "although officials".
_NOT_A_SOURCE = re.compile(
    r"(?i:although|though|because|while|whereas|when|whether|if|unless|as|and|but|or|that|which|who)\b"
)


def _inside_quote(text: str, at: int) -> bool:
    """True when ``at`` lies between an opening quotation mark and its closing one."""
    before = text[:at]
    if "“" in before or "”" in before:
        return before.count("“") > before.count("”")
    return before.count('"') % 2 == 1


_DENIAL_FORMS = frozenset({"deny", "denies", "denied"})
# A clause that names a claim and who denies it: "an allegation that North Korea fervently denies".
_REBUTTAL_BEFORE = re.compile(
    r"(?:\b(?:allegations?|claims?|accusations?|charges?|assertions?|reports?|suggestions?)\s+(?:that|which)"
    r"|,\s*which)\s+[^,.;:]*$",
    re.I,
)


def find_attribution(text: str, entities: Sequence[EntityMention] = ()) -> Attribution | None:
    """The source a sentence attributes its claim to, or None when it names none."""
    present = _hints_in(text)
    # 1. "according to X", unless X is no source ("according to although …") or the phrase
    # is inside someone's quoted words (then the quote's speaker is the source)
    if holds(present, _ACCORDING_HINTS) and (match := _ACCORDING.search(text)):
        speaker = _trim(match.group(2))
        if not _NOT_A_SOURCE.match(match.group(2).strip()) and not _inside_quote(text, match.start()):
            entity = _entity_in(match.start(2), match.start(2) + len(speaker), entities)
            return Attribution(speaker, entity.canonical if entity else None, match.group(1).lower())
    # 2. "…, said X", X opening the words after the verb ("…,” said Lt. Ann Ray of the
    # police"), not inside the clause a verb reports ("Fleet, a bank, said it agreed to limit
    # ATM fees": "it agreed…" is what was said, and ATM no speaker)
    if match := _SPEAKER_AFTER.search(text):
        speaker = _trim(match.group(2))
        head = _head_end(match.start(2), match.group(2))
        entity = _entity_in(match.start(2), match.start(2) + len(speaker), entities)
        noun = re.search(_SOURCE_NOUN, speaker)
        if (entity is not None and entity.start < head) or (noun is not None and match.start(2) + noun.start() < head):
            return Attribution(speaker, entity.canonical if entity else None, match.group(1))
    # 3. "X said" (not "…, an allegation that X denies": X rebuts the claim, it is not its source)
    for verb in _VERB.finditer(text):
        if verb.group(1) in _DENIAL_FORMS and _REBUTTAL_BEFORE.search(text[: verb.start()]):
            continue
        if (entity := _subject_before(text, verb.start(), entities)) is not None:
            return Attribution(text[entity.start : entity.end], entity.canonical, verb.group(1))
        if np := _NP_BEFORE.search(text[: verb.start()]):
            entity = _entity_in(np.start(1), np.end(1), entities)  # "a US official" → United States
            return Attribution(
                _CLAUSE_OPENER.sub("", np.group(1).strip()), entity.canonical if entity else None, verb.group(1)
            )
    # 4. only the medium is named: "as quoted by Reuters"
    if holds(present, _MEDIUM_HINTS) and (match := _MEDIUM.search(text)):
        speaker = _trim(match.group(2))
        entity = _entity_in(match.start(2), match.start(2) + len(speaker), entities)
        return Attribution(speaker, entity.canonical if entity else None, match.group(1).lower())
    return None


_DENIED = re.compile(
    r"\b(den(y|ies|ied)|refut(e|es|ed)|rejects? the (claim|allegation|report)s?"
    r"|dismiss(es|ed) (the )?(claim|report|allegation)s?|not true)\b",
    re.I,
)
_HEDGED = re.compile(
    r"\b(?=\w)((may|might|could|must) have|reportedly|allegedly|apparently|probably|possibly|presumably"
    r"|is (said|believed|thought|reported) to|are (said|believed|thought|reported) to"
    r"|it is (believed|speculated|thought)"
    r"|suspect(s|ed)?|likely|unconfirmed|appears? to|seems? to)\b",
    re.I,
)
_PREDICTED = re.compile(
    r"\b(?=\w)((may|might|could|would|will|shall) (?!have\b)\w+"
    r"|(is|are|was|were) (expected|set|scheduled|due|poised|likely) to"
    r"|plans? to|planned to|intends? to|is to|are to|is going to|are going to|upcoming|option to)\b",
    re.I,
)


# A word of each phrase ("have" for "may have") unless the phrase's words are too common alone.
_DENIED_HINTS = hints("deny", "denie", "refut", "reject", "dismiss", "not true")
_HEDGED_HINTS = hints(
    "have",
    "reportedly",
    "allegedly",
    "apparently",
    "probably",
    "possibly",
    "presumably",
    "said to",
    "reported to",
    "believed",
    "speculated",
    "thought",
    "suspect",
    "likely",
    "unconfirmed",
    "appear",
    "seem",
)
_PREDICTED_HINTS = hints(
    "may",
    "might",
    "could",
    "would",
    "will",
    "shall",
    "expected",
    "set to",
    "scheduled",
    "due to",
    "poised",
    "likely",
    "plan",
    "intend",
    "is to",
    "are to",
    "going",
    "upcoming",
    "option",
)
_HINTS = HintSet(_ACCORDING_HINTS + _MEDIUM_HINTS + _DENIED_HINTS + _HEDGED_HINTS + _PREDICTED_HINTS)


@lru_cache(maxsize=8)  # find_attribution and find_modality read the same sentence
def _hints_in(text: str) -> set[str] | None:
    return _HINTS.in_text(text)


def find_modality(text: str) -> Modality:
    """denied > hedged > predicted > stated."""
    present = _hints_in(text)  # most sentences hold no cue word: the regexes need not run
    if holds(present, _DENIED_HINTS) and _DENIED.search(text):
        return "denied"
    if holds(present, _HEDGED_HINTS) and _HEDGED.search(text):
        return "hedged"
    if holds(present, _PREDICTED_HINTS) and _PREDICTED.search(text):
        return "predicted"
    return "stated"
