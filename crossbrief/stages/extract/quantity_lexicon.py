"""Word lists for the quantity extractor: qualifier cues, vague counts, units, stop words.

Kept apart from the rules so a reviewer can read (and argue with) every interval and
every normalised unit in one place. All keys are lower case.
"""

from __future__ import annotations

# -- qualifiers --------------------------------------------------------------------------

# How a cue turns a value X into [low, high]:
#   about  → [X·(1-ABOUT_WIDTH), X·(1+ABOUT_WIDTH)]  "about", "around", "some", "an estimated"
#   below  → [X·(1-ABOUT_WIDTH), X]                  "nearly", "almost", "close to", "just under"
#   above  → [X, X·(1+ABOUT_WIDTH)]                  "just over", "slightly more than"
#   at_least → [X, None]; at_most → [None, X]
# Ten per cent is what reporters' rounding usually hides: "nearly 25 years" covers 24.
ABOUT_WIDTH = 0.1

CUES: dict[tuple[str, ...], str] = {}


def _cues(kind: str, phrases: str) -> None:
    for phrase in phrases.split(","):
        CUES[tuple(phrase.split())] = kind


_cues(
    "about",
    "about,around,roughly,approximately,approx,approx .,some,an estimated,estimated,"
    "circa,"
    "in the region of,on the order of,in the order of,of the order of,more or less,"
    "an approximate,approximate,give or take,somewhere around,somewhere near",
)
_cues(
    "below",
    "nearly,almost,close to,closer to,just under,just shy of,just below,a little under,"
    "a little less than,slightly less than,slightly fewer than,just short of,not quite",
)
_cues("above", "just over,just above,a little over,a little more than,slightly more than,slightly over,just more than")
_cues(
    "at_least",
    "at least,more than,over,upwards of,no fewer than,no less than,"
    "not less than,not fewer than,in excess of,exceeding,exceed,exceeds,exceeded,surpassed,"
    "a minimum of,greater than,above,"
    "north of,well over,well above,well in excess of,at the very least",
)
_cues(
    "at_most",
    "up to,as many as,as much as,as high as,at most,fewer than,less than,under,"
    "no more than,not more than,a maximum of,below,not exceeding,at the most,well under,"
    "well below,maximum of",
)
CUE_MAX_WORDS = max(len(k) for k in CUES)

# Said after the number or after its unit: "10,000 or more", "20 years or so", "10,000+".
SUFFIX_CUES: dict[tuple[str, ...], str] = {
    ("or", "more"): "at_least",
    ("or", "over"): "at_least",
    ("and", "above"): "at_least",
    ("plus",): "at_least",
    ("+",): "at_least",
    ("or", "so"): "about",
    ("or", "fewer"): "at_most",
    ("or", "less"): "at_most",
    ("and", "under"): "at_most",
}

# "over three days" after these words means "more than"; elsewhere ("fighting over three
# days", "€300m over five years") it means "during", and the number is exact.
OVER_MEANS_MORE_AFTER = frozenset("for in after of than lasted lasting last took taking spent ago since within".split())

# Words before "from X to Y" that make it a change between two values, not a range.
CHANGE_WORDS = frozenset(
    "rose rise rises rising risen fell fall falls falling fallen increased increase increases "
    "decreased decrease decreases grew grow grows growing jumped jump jumps climbed climb "
    "dropped drop drops declined decline declines cut cuts raised raise lowered lower reduced "
    "reduce surged soared slipped slid went moved up down upgraded downgraded revised changed "
    "shrank expanded doubled tripled".split()
)

# -- vague counts ------------------------------------------------------------------------

# Each vague word is an explicit interval, so the conflict detector can compare them:
# "several" [3, 9] and "dozens" [24, 99] of the same thing do not overlap.
VAGUE: dict[tuple[str, ...], tuple[float, float]] = {
    ("a", "couple"): (2, 3),
    ("a", "few"): (2, 5),
    ("a", "handful"): (2, 6),
    ("handful",): (2, 6),
    ("several",): (3, 9),
    ("a", "dozen"): (10, 14),
    ("dozens",): (24, 99),
    ("scores",): (40, 199),
    ("tens",): (20, 99),  # only as "tens of thousands / millions / billions"
    ("hundreds",): (200, 999),
    ("thousands",): (2_000, 9_999),
    ("millions",): (2_000_000, 9_999_999),
    ("billions",): (2_000_000_000, 9_999_999_999),
}
# A vague word times a plural scale: "hundreds of thousands" = [200·10³, 1000·10³ - 1].
PLURAL_SCALES = {"dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
# Vague words that must be followed by "of" to count ("scores of boats", not "test scores").
VAGUE_NEED_OF = frozenset({"scores", "tens", "handful"})
# Vague words that may take a singular scale: "a few hundred", "several thousand".
VAGUE_TAKE_SCALE = frozenset({("a", "couple"), ("a", "few"), ("several",), ("a", "handful")})
SINGULAR_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "dozen": 12.0}

# -- units -------------------------------------------------------------------------------

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR", "₽": "RUB", "₴": "UAH"}
# Letters glued before "$": "US$5m", "A$", "C$", "HK$", "NZ$".
DOLLAR_PREFIXES = {"us": "USD", "a": "AUD", "c": "CAD", "hk": "HKD", "nz": "NZD", "s": "SGD"}
CURRENCY_CODES = frozenset("usd eur gbp jpy cny rmb krw inr rub uah chf cad aud".split())
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "rupee": "INR",
    "rupees": "INR",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "won": "KRW",
    "francs": "CHF",
}
# "5 million pounds" is money; "200 pounds" may be a weight, so it stays "pounds".
POUNDS_AS_MONEY_FROM = 1e6

PERCENT_WORDS = frozenset({"percent", "pct", "pc"})

# Abbreviations and spellings that mean the same unit.
UNIT_ALIASES = {
    "km": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "m": "m",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "cm": "cm",
    "mm": "mm",
    "kg": "kg",
    "kgs": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "sq km": "sq km",
    "square kilometres": "sq km",
    "square kilometers": "sq km",
    "km2": "sq km",
    "sq kilometres": "sq km",
    "square km": "sq km",
    "mi": "miles",
    "mph": "mph",
    "kph": "km/h",
    "kmh": "km/h",
    "ft": "feet",
    "lb": "pounds",
    "lbs": "pounds",
    "bps": "basis points",
    "yrs": "years",
    "hrs": "hours",
    "mins": "minutes",
    "t": "tonnes",
    "mw": "MW",
    "gw": "GW",
    "kw": "kW",
    "twh": "TWh",
    "gwh": "GWh",
    "mwh": "MWh",
    "p": "pence",
}
# Units written glued to the digits ("5,500km", "12kg"); any other glued letters make the
# number a code ("19h15", "2231A").
ATTACHED_UNITS = frozenset(
    "km kms m cm mm kg kgs g t ft mi mph kph kmh ha mw gw kw twh gwh mwh pc bps yrs hrs p".split()
)
# After these words a glued "m" is metres, not million: "3.7m tall", "40m-long".
LENGTH_WORDS = frozenset(
    "tall high long wide deep thick away below above underground apart across deeper higher longer wider".split()
)
TIME_UNITS = {
    "second": "seconds",
    "seconds": "seconds",
    "minute": "minutes",
    "minutes": "minutes",
    "hour": "hours",
    "hours": "hours",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "fortnight": "fortnights",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
    "decade": "decades",
    "decades": "decades",
    "century": "centuries",
    "centuries": "centuries",
}
# Nouns whose plural is the same word or not made with -s; and mass nouns left as written.
IRREGULAR_PLURALS = {
    "person": "people",
    "man": "men",
    "woman": "women",
    "child": "children",
    "foot": "feet",
    "mouse": "mice",
    "tooth": "teeth",
    "goose": "geese",
    "crisis": "crises",
    "analysis": "analyses",
    "criterion": "criteria",
    "life": "lives",
    "wife": "wives",
    "knife": "knives",
    "leaf": "leaves",
    "half": "halves",
    "thief": "thieves",
    "shelf": "shelves",
}
UNCHANGED_PLURALS = frozenset(
    "people men women children feet crew staff personnel police aircraft spacecraft "
    "sheep fish deer cattle livestock troops offspring series species data media "
    "pence magnitude percent ammunition equipment fuel oil grain water".split()
)

# -- what a counted noun cannot be -------------------------------------------------------

STOP_WORDS = frozenset(
    """
a an the this that these those its their his her our your my some any all both each every
no not nor none of in on at to from for by with without into onto over under since until
till after before during per via than as about around across along among between within
near off up down out against toward towards upon
and or but so yet if when while where whereas because though although unless whether
which who whom whose what why how whereby
it they them we he she i you us him me one ones
is are was were be been being am has have had having do does did doing done
will would could should may might must can shall
said says say told tells according reported reports claimed claims added
also just only even still already yet then now too very more most less least much many
again further ago later earlier away back there here today yesterday tomorrow tonight
last next previous following another
""".split()
)
# Verbs that often come straight after a number with no noun ("12 remain missing").
VERBS = frozenset(
    """
remain remains remained include includes included including live died die dies
went go goes come comes came took take takes make makes made left leave leaves fled flee
fell fall rose rise sent send sends hit struck met meet held hold holds paid pay pays sold
sell bought buy spent spend won win lost lose ran run flew fly shot shoot built build brought
bring caught catch found find gave give got get kept keep led lead saw see stood stand
became become began begin knew know thought think wrote write need needs needed want wants
appear appears seem seems continue continues stay stays stayed work works worked face faces
fought fight fights survive survived survives protest protested gathered gather marched
march arrived arrive arrives attended attend voted vote signed sign joined join
shook shake shakes strikes struck hits rocked rocks kills
""".split()
)

MONTHS = frozenset(
    """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Words directly before a number that make it a name or a reference, not an amount.
ID_WORDS = frozenset(
    """
resolution resolutions flight flights article articles section sections chapter chapters
page pages paragraph paragraphs clause clauses room route routes highway highways interstate
gate gates platform platforms bus line lines model version type block item items amendment
amendments rule rules no nos number vol volume issue episode season round stage phase level
tier grade category code ward district zone sector building floor apartment suite terminal
pier runway track channel ch pp p fig figure table exhibit appendix protocol boeing airbus
apollo galaxy iphone windows covid sars cop uss hms psalm verse unit division battalion
brigade regiment squadron fleet corps army group pillar annex schedule bill act order decree
law directive regulation case file ticket seat lane exit junction marker box kilometre
kilometer milepost graf grafs
""".split()
) - {"army", "group", "unit", "division"}
# Letters glued after digits that make an ordinal, a decade or a plural of a number.
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "s", "'s", "’s"})
ORDINAL_WORDS = frozenset(
    """
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth
millionth
""".split()
)
FRACTION_WORDS = frozenset(
    """
half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths seventh
sevenths eighth eighths ninth ninths tenth tenths hundredth hundredths thousandth
""".split()
)
# "two-way", "one-sided": hyphen words that do not name what is counted.
NOT_COUNTED_AFTER_HYPHEN = (
    frozenset(
        """
way ways sided fold time off on all odd party nil one two three four nothing
""".split()
    )
    | ORDINAL_WORDS
    | FRACTION_WORDS
)
# Clock words after a number: "3 pm", "0300 GMT".
CLOCK_WORDS = frozenset("am pm gmt utc bst cet cest est edt pst pdt jst kst ist o'clock o’clock".split())
# "155mm shells": a calibre names the kind of shell, it does not count anything.
CALIBRE_UNITS = frozenset({"mm"})
