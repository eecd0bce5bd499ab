"""Named entities per sentence, and one canonical name per entity across a story.

spaCy's NER finds the mentions; this module decides which mentions are the same
entity. Cascade, per story:

    1. key          case, hyphens, accents, titles and possessives do not matter:
                    "Kim Jong-un" = "Kim Jong Un", "Ms Volkan" = "Volkan"
    2. acronyms     "Kasmerian Seismological Institute (KSI)" makes KSI an alias; an
                    acronym equal to a name's initials joins it too
    3. short names  a one-word person name joins the one longer person name that starts
                    or ends with it: "Putin" → "Vladimir Putin", "Kim" → "Kim Jong Un"
    4. metonyms     a capital acting as a government ("Pyongyang has denied") joins its
                    country; "landed in Pyongyang" stays a place

The canonical name is the longest common spelling of the group.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...records import EntityMention

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"})
PLACE_LABELS = frozenset({"GPE", "LOC"})


def place_names(entities: Iterable[EntityMention]) -> frozenset[str]:
    """The places (GPE, LOC) among ``entities``, by canonical name, lower-case."""
    return frozenset(e.canonical.lower() for e in entities if e.label in PLACE_LABELS)


def place_words(entities: Iterable[EntityMention]) -> frozenset[str]:
    """The words of the places among ``entities``: "Taldor" and "Taldor province" share one."""
    return frozenset(w for name in place_names(entities) for w in name.split())


_TITLES = re.compile(
    r"^(mr|mrs|ms|dr|prof|president|prime minister|minister|gen|general|sen|senator|rep|gov"
    r"|governor|mayor|king|queen|pope|sir|lady|lord|cmdr|commander|capt|captain|col|colonel|lt)"
    r"\.?\s+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitals whose name newsrooms use for the government (metonymy): every national capital and
# seat of government (the 193 UN members, the two observer states, Kosovo and Taiwan), with
# older English spellings and the capitals of the 1990s news archives (Bonn, Rangoon, Lagos);
# a capital named like its country (Singapore) needs no entry. Applied only when the mention
# acts (a verb follows) and no place preposition precedes it. In the tuning split capitals act
# 21 times: 13 as the government (Washington 4, Moscow 4, London 2, Baghdad 2, Belgrade 1;
# the last two were missing from the 19 capitals of one story listed before) and 8 as the
# city, mostly in lists ("Paris, Zurich, Amsterdam, Brussels and Stockholm") and "Little Havana".
CAPITAL_OF = {
    "kabul": "Afghanistan",
    "tirana": "Albania",
    "algiers": "Algeria",
    "andorra la vella": "Andorra",
    "luanda": "Angola",
    "st john": "Antigua and Barbuda",
    "buenos aires": "Argentina",
    "yerevan": "Armenia",
    "canberra": "Australia",
    "vienna": "Austria",
    "baku": "Azerbaijan",
    "nassau": "Bahamas",
    "manama": "Bahrain",
    "dacca": "Bangladesh",
    "dhaka": "Bangladesh",
    "bridgetown": "Barbados",
    "minsk": "Belarus",
    "brussels": "Belgium",
    "belmopan": "Belize",
    "cotonou": "Benin",
    "porto novo": "Benin",
    "thimphu": "Bhutan",
    "la paz": "Bolivia",
    "sucre": "Bolivia",
    "sarajevo": "Bosnia and Herzegovina",
    "gaborone": "Botswana",
    "brasilia": "Brazil",
    "bandar seri begawan": "Brunei",
    "sofia": "Bulgaria",
    "ouagadougou": "Burkina Faso",
    "bujumbura": "Burundi",
    "gitega": "Burundi",
    "phnom penh": "Cambodia",
    "yaounde": "Cameroon",
    "ottawa": "Canada",
    "praia": "Cape Verde",
    "bangui": "Central African Republic",
    "n'djamena": "Chad",
    "santiago": "Chile",
    "beijing": "China",
    "peking": "China",
    "bogota": "Colombia",
    "moroni": "Comoros",
    "san jose": "Costa Rica",
    "zagreb": "Croatia",
    "havana": "Cuba",
    "nicosia": "Cyprus",
    "prague": "Czech Republic",
    "kinshasa": "Democratic Republic of the Congo",
    "copenhagen": "Denmark",
    "roseau": "Dominica",
    "santo domingo": "Dominican Republic",
    "dili": "East Timor",
    "quito": "Ecuador",
    "cairo": "Egypt",
    "san salvador": "El Salvador",
    "malabo": "Equatorial Guinea",
    "asmara": "Eritrea",
    "tallinn": "Estonia",
    "mbabane": "Eswatini",
    "addis ababa": "Ethiopia",
    "suva": "Fiji",
    "helsinki": "Finland",
    "paris": "France",
    "libreville": "Gabon",
    "banjul": "Gambia",
    "tbilisi": "Georgia",
    "berlin": "Germany",
    "bonn": "Germany",
    "accra": "Ghana",
    "athens": "Greece",
    "st george": "Grenada",
    "guatemala city": "Guatemala",
    "conakry": "Guinea",
    "bissau": "Guinea-Bissau",
    "georgetown": "Guyana",
    "port au prince": "Haiti",
    "tegucigalpa": "Honduras",
    "budapest": "Hungary",
    "reykjavik": "Iceland",
    "delhi": "India",
    "new delhi": "India",
    "jakarta": "Indonesia",
    "teheran": "Iran",
    "tehran": "Iran",
    "baghdad": "Iraq",
    "dublin": "Ireland",
    "jerusalem": "Israel",
    "rome": "Italy",
    "abidjan": "Ivory Coast",
    "yamoussoukro": "Ivory Coast",
    "kingston": "Jamaica",
    "tokyo": "Japan",
    "amman": "Jordan",
    "almaty": "Kazakhstan",
    "astana": "Kazakhstan",
    "nairobi": "Kenya",
    "tarawa": "Kiribati",
    "pristina": "Kosovo",
    "kuwait city": "Kuwait",
    "bishkek": "Kyrgyzstan",
    "vientiane": "Laos",
    "riga": "Latvia",
    "beirut": "Lebanon",
    "maseru": "Lesotho",
    "monrovia": "Liberia",
    "tripoli": "Libya",
    "vaduz": "Liechtenstein",
    "vilnius": "Lithuania",
    "antananarivo": "Madagascar",
    "lilongwe": "Malawi",
    "kuala lumpur": "Malaysia",
    "putrajaya": "Malaysia",
    "male": "Maldives",
    "bamako": "Mali",
    "valletta": "Malta",
    "majuro": "Marshall Islands",
    "nouakchott": "Mauritania",
    "port louis": "Mauritius",
    "mexico city": "Mexico",
    "palikir": "Micronesia",
    "chisinau": "Moldova",
    "ulaanbaatar": "Mongolia",
    "ulan bator": "Mongolia",
    "podgorica": "Montenegro",
    "rabat": "Morocco",
    "maputo": "Mozambique",
    "naypyidaw": "Myanmar",
    "rangoon": "Myanmar",
    "yangon": "Myanmar",
    "windhoek": "Namibia",
    "yaren": "Nauru",
    "kathmandu": "Nepal",
    "amsterdam": "Netherlands",
    "hague": "Netherlands",
    "wellington": "New Zealand",
    "managua": "Nicaragua",
    "niamey": "Niger",
    "abuja": "Nigeria",
    "lagos": "Nigeria",
    "pyongyang": "North Korea",
    "skopje": "North Macedonia",
    "oslo": "Norway",
    "muscat": "Oman",
    "islamabad": "Pakistan",
    "ngerulmud": "Palau",
    "ramallah": "Palestine",
    "panama city": "Panama",
    "port moresby": "Papua New Guinea",
    "asuncion": "Paraguay",
    "lima": "Peru",
    "manila": "Philippines",
    "warsaw": "Poland",
    "lisbon": "Portugal",
    "doha": "Qatar",
    "brazzaville": "Republic of the Congo",
    "bucharest": "Romania",
    "moscow": "Russia",
    "kigali": "Rwanda",
    "basseterre": "Saint Kitts and Nevis",
    "castries": "Saint Lucia",
    "kingstown": "Saint Vincent and the Grenadines",
    "apia": "Samoa",
    "sao tome": "Sao Tome and Principe",
    "riyadh": "Saudi Arabia",
    "dakar": "Senegal",
    "belgrade": "Serbia",
    "victoria": "Seychelles",
    "freetown": "Sierra Leone",
    "bratislava": "Slovakia",
    "ljubljana": "Slovenia",
    "honiara": "Solomon Islands",
    "mogadishu": "Somalia",
    "cape town": "South Africa",
    "pretoria": "South Africa",
    "seoul": "South Korea",
    "juba": "South Sudan",
    "madrid": "Spain",
    "colombo": "Sri Lanka",
    "khartoum": "Sudan",
    "paramaribo": "Suriname",
    "stockholm": "Sweden",
    "bern": "Switzerland",
    "berne": "Switzerland",
    "damascus": "Syria",
    "taipei": "Taiwan",
    "dushanbe": "Tajikistan",
    "dar es salaam": "Tanzania",
    "dodoma": "Tanzania",
    "bangkok": "Thailand",
    "lome": "Togo",
    "nuku'alofa": "Tonga",
    "port of spain": "Trinidad and Tobago",
    "tunis": "Tunisia",
    "ankara": "Turkey",
    "ashgabat": "Turkmenistan",
    "funafuti": "Tuvalu",
    "kampala": "Uganda",
    "kiev": "Ukraine",
    "kyiv": "Ukraine",
    "abu dhabi": "United Arab Emirates",
    "london": "United Kingdom",
    "washington": "United States",
    "montevideo": "Uruguay",
    "tashkent": "Uzbekistan",
    "port vila": "Vanuatu",
    "vatican city": "Vatican",
    "caracas": "Venezuela",
    "hanoi": "Vietnam",
    "sanaa": "Yemen",
    "lusaka": "Zambia",
    "harare": "Zimbabwe",
}
COUNTRY_ALIASES = {
    "us": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "dprk": "North Korea",
    "rok": "South Korea",
    "un": "United Nations",
    "u.n.": "United Nations",
    "eu": "European Union",
    "prc": "China",
}
# "of" too: in the tuning split a capital after "of" acts 3 times, each time the city ("north
# of Tokyo has", "the mayor of Moscow has"), never the government.
_PLACE_BEFORE = re.compile(
    r"\b(in|to|at|from|near|into|over|outside|inside|around|across|of|landed in|arrived in)\s*$", re.I
)
_ACTS_AFTER = re.compile(
    r"^\s*(has|have|had|is|was|were|are|said|says|denied|denies|wants|will|would|could"
    r"|may|might|and|also|officially|insists|claims|refused|rejected|accused)\b",
    re.I,
)


# A story repeats each name many times; keys and clean names are pure functions of it.
@lru_cache(maxsize=1 << 16)
def entity_key(name: str) -> str:
    """A spelling-insensitive key: "Kim Jong-un" and "Kim Jong Un" share one."""
    name = _TITLES.sub("", name.strip())
    name = _POSSESSIVE.sub("", name)
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[-‐–.]", " ", folded).lower().split())


@lru_cache(maxsize=1 << 16)
def clean_name(text: str) -> str:
    """The mention as a name: titles, possessives and a leading "the" dropped."""
    name = _POSSESSIVE.sub("", _TITLES.sub("", text.strip()))
    return re.sub(r"^the\s+", "", name, flags=re.I).strip()


@dataclass(frozen=True, slots=True)
class RawMention:
    """An NER span with the text around it (for the metonymy rule)."""

    start: int
    end: int
    text: str
    label: str
    before: str = ""
    after: str = ""


# "Interior" in "Interior Minister Daria Volkan" is part of a title, not an organisation.
_TITLE_AFTER = re.compile(r"^\s+(Minister|Ministers|Secretary|Secretaries|Commissioner|Spokesman|Spokeswoman)\b")


def mentions_in(doc_ents: Iterable[tuple[int, int, str, str]], text: str) -> list[RawMention]:
    """Kept NER spans (start, end, text, label) of ``text``, with a little context."""
    found = []
    for start, end, span, label in doc_ents:
        if label not in KEPT_LABELS or not clean_name(span) or len(entity_key(span)) < 2:
            continue
        if label in {"ORG", "NORP"} and " " not in span.strip() and _TITLE_AFTER.match(text[end:]):
            continue
        found.append(RawMention(start, end, span, label, text[max(0, start - 20) : start], text[end : end + 20]))
    return found


def _acts(m: RawMention) -> bool:
    """The capital acts as its government: a verb follows, and no place preposition precedes."""
    return bool(_ACTS_AFTER.match(m.after) and not _PLACE_BEFORE.search(m.before))


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _canonical_spelling(spellings: Counter[str]) -> str:
    """The most frequent multi-word spelling, the longest on a tie."""
    return max(spellings, key=lambda s: (len(s.split()) > 1, spellings[s], len(s)))


class EntityIndex:
    """Canonical names for a story's entity mentions (built once per story)."""

    def __init__(self, mentions: Iterable[RawMention]) -> None:
        self.mentions = list(mentions)
        self._parent: dict[str, str] = {}
        self._spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self._labels: dict[str, Counter[str]] = defaultdict(Counter)
        for m in self.mentions:
            key = self._base_key(m)
            self._spellings[key][self._display(m)] += 1
            self._labels[key][m.label] += 1
        self._join_acronyms()
        self._join_short_names()
        self._summarise()

    # 1. key (+ 4. metonyms and fixed country aliases)
    def _base_key(self, m: RawMention) -> str:
        key = entity_key(m.text)
        if key in COUNTRY_ALIASES:
            return entity_key(COUNTRY_ALIASES[key])
        if key in CAPITAL_OF and m.label == "GPE" and _acts(m):
            return entity_key(CAPITAL_OF[key])
        return key

    def _display(self, m: RawMention) -> str:
        key = entity_key(m.text)
        if key in COUNTRY_ALIASES:
            return COUNTRY_ALIASES[key]
        # An acting capital is spelled as its country: "Baghdad has refused" must not make
        # "Baghdad" the name of Iraq's group (a one-word tie goes to the longer spelling).
        if self._base_key(m) != key:
            return CAPITAL_OF[key]
        return clean_name(m.text)

    def _find(self, key: str) -> str:
        while key in self._parent:
            key = self._parent[key]
        return key

    def _union(self, alias: str, target: str) -> None:
        alias, target = self._find(alias), self._find(target)
        if alias != target:
            self._parent[alias] = target

    # 2. acronyms
    def _join_acronyms(self) -> None:
        by_initials: dict[str, list[str]] = defaultdict(list)
        for key, spellings in self._spellings.items():
            words = spellings.most_common(1)[0][0].split()
            if len(words) >= 2:
                by_initials[_acronym(words).lower()].append(key)
        for key in list(self._spellings):
            if key.isalpha() and 2 <= len(key) <= 6 and len(by_initials.get(key, [])) == 1:
                self._union(key, by_initials[key][0])

    # 3. short names
    def _join_short_names(self) -> None:
        people = [k for k, labels in self._labels.items() if labels.get("PERSON") and " " in k]
        for key, labels in self._labels.items():
            if " " in key or not labels.get("PERSON"):
                continue
            longer = {self._find(p) for p in people if p.split()[0] == key or p.split()[-1] == key}
            if len(longer) == 1:
                self._union(key, longer.pop())

    def _summarise(self) -> None:
        """Per group: the canonical name (most frequent multi-word spelling) and label."""
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        for key in self._spellings:
            root = self._find(key)
            spellings[root].update(self._spellings[key])
            labels[root].update(self._labels[key])
        self._name = {r: _canonical_spelling(c) for r, c in spellings.items()}
        self._label = {r: c.most_common(1)[0][0] for r, c in labels.items()}

    def canonical(self, m: RawMention) -> str:
        """The group's name: its most frequent multi-word spelling, the longest on a tie."""
        return self._name[self._find(self._base_key(m))]

    def label(self, m: RawMention) -> str:
        return self._label[self._find(self._base_key(m))]

    def resolve(self, m: RawMention, offset: int = 0) -> EntityMention:
        """The mention as a record, offsets shifted by ``-offset`` (into its sentence)."""
        root = self._find(self._base_key(m))  # label() and canonical() in one look-up
        return EntityMention(m.start - offset, m.end - offset, m.text, self._label[root], self._name[root])

    def aliases(self) -> dict[str, tuple[str, set[str]]]:
        """canonical name → (label, every spelling used)."""
        table: dict[str, tuple[str, set[str]]] = {}
        for m in self.mentions:
            name = self.canonical(m)
            entry = table.setdefault(name, (self.label(m), set()))
            entry[1].add(clean_name(m.text))
        return table
