"""Every number a French or English news text writes, in figures or in words.

`find_numbers` returns one `NumberMention` per number, sorted and non-overlapping, with
its integer value (the low end of a range, `value_max` its high end) and, when the
number can never be a loss figure, the reason in `rejected` (a date, a year, an age, a
calibre, a model name, money, ...). The claims stage drops rejected mentions; they are
kept so that tests and debugging can see why a number was set aside.

How the text is read, in three passes over precompiled regular expressions:
1. tokens: numbers in figures (one regex, its alternatives tried in order at each digit:
   ISO and numeric dates, clock times, ordinals, then plain numbers with their thousands
   separators, decimals, scale words and a trailing "+"), and numbers in words (a regex
   built from the word tables below; only its matches go to text2num);
2. ranges: two neighbouring numbers joined by "entre … et", "between … and", "de … à",
   "à", "to", "-", "ou", "or" ("3 000 ou 4 000") become one mention;
3. context: what follows a number (a unit, a month, "ans", "fois", ...) and what precedes
   it ("jour", "en", a currency sign, a model name) decide `rejected`, from the rule
   tables `RIGHT_RULES` and `LEFT_WORDS`: adding a unit or a word is adding a row.

Separators. Swiss apostrophes ("1'143'670", also ’) and Indian grouping ("1,33,190",
"2,00,000": pairs of digits before the last three) group thousands too. A space (also U+00A0, U+202F) continues a number only before exactly three
digits, and only after a first group of one to three digits, so "3 029 chars et 6 075"
stays two numbers and "février 2022 1 500 soldats" never glues the year to the count.
A dot or a comma followed by exactly three digits is a thousands separator in both
languages ("105.960", "105,960", and "1,500 soldats" in French: a decimal reading would
count 1.5 soldiers, and news never writes three decimals on a count), except before a
scale word, where the language's own decimal mark stays decimal ("1,500 million" in
French and "1.500 million" in English are 1.5 million). Any other dot or comma is a
decimal mark: with a scale word it scales ("1,5 milliard", "1.5m"), without one the
mention is rejected as `decimal`.

Reasons in `rejected`: date, year, age, clock, duration, model, calibre, money, percent,
distance, area, speed, weight, temperature, ratio (also fractions "1/3"), ordinal,
day_number, decimal, url (digits of a web address), label ("l'article 5", "numéro 2",
codes with a leading zero), too_large (beyond NUMBER_CAP, or too many digits to read).

Scale words follow each language: French "billion" is 10^12, as French writes it, and a
lone "m" after a number is metres in French, million in English ("£1.5m").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from text_to_num import text2num

from bilan.model import BilanError


@dataclass(slots=True)  # an article of figures holds hundreds of thousands of them
class NumberMention:
    start: int  # offsets into the text passed in (absolute)
    end: int
    text: str  # text[start:end]
    value: int  # integer value; for a range its low end
    value_max: int | None = None  # high end of a range
    rejected: str | None = None  # why this can never be a loss figure, else None
    plus: bool = False  # written "100 000+"
    words: bool = False  # written in words ("deux", "vingt mille", "a dozen")
    approx: bool = False  # a collective noun: "une centaine" (about 100), "un millier"
    scale: int = 1  # what its scale word multiplies by ("60 millions" → 10**6), else 1
    increment: bool = False  # written "+1 740": a bulletin's increase over the day before


class TooManyNumbers(BilanError):
    """A text holds more than MAX_NUMBERS numbers: no article does."""

    def __init__(self) -> None:
        super().__init__(f"more than {MAX_NUMBERS:,} numbers in one text (an article holds hundreds); split it into articles")


# --- tables ---------------------------------------------------------------------------

SPACE = "[ \u00a0\u202f]"  # the space-like characters that group thousands
GAP = SPACE + "*"
GAP_HYPHEN = "[ \u00a0\u202f-]*"  # "70-year-old", "155-mm", "24-hour"

SCALES = {
    "fr": {
        "mille": 10**3,
        "million": 10**6,
        "millions": 10**6,
        "milliard": 10**9,
        "milliards": 10**9,
        "billion": 10**12,
        "billions": 10**12,
        "k": 10**3,
        "K": 10**3,
        "M": 10**6,
        "Md": 10**9,
        "Mds": 10**9,
        "Mrd": 10**9,
        "mln": 10**6,
        "mld": 10**9,
        "mds": 10**9,
    },
    "en": {
        "thousand": 10**3,
        "million": 10**6,
        "millions": 10**6,
        "billion": 10**9,
        "billions": 10**9,
        "trillion": 10**12,
        "k": 10**3,
        "K": 10**3,
        "m": 10**6,
        "M": 10**6,
        "mn": 10**6,
        "mln": 10**6,
        "bn": 10**9,
        "b": 10**9,
    },
}
DECIMAL_MARK = {"fr": ",", "en": "."}

# Number words that text2num reads; sequences of them (joined by spaces or hyphens, and
# "et un", "and" after a scale word) are the word-number candidates.
WORD_NUMBERS = {
    "fr": [
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "onze",
        "douze",
        "treize",
        "quatorze",
        "quinze",
        "seize",
        "vingt",
        "vingts",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
        "cent",
        "cents",
        "mille",
        "million",
        "millions",
        "milliard",
        "milliards",
    ],
    "en": [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
    ],
}
# Words that count only after an article or another number ("un million", "a thousand";
# a bare "millions" or "thousands" is vague and never matches: plurals are not listed).
WORD_SCALES = {
    "cent": 100,
    "cents": 100,
    "mille": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "milliard": 10**9,
    "milliards": 10**9,
    "hundred": 100,
    "thousand": 10**3,
    "billion": 10**9,
}
SCALE_WORDS = set(WORD_SCALES)
# Scale words that count alone in French ("mille soldats", "cent chars").
BARE_SCALE_OK = {"cent", "mille"}
# Collective nouns: "une douzaine" of something. French ones mean "about" (approx=True);
# English "a dozen" is read as twelve.
COLLECTIVES = {
    "fr": {
        "dizaine": 10,
        "douzaine": 12,
        "quinzaine": 15,
        "vingtaine": 20,
        "trentaine": 30,
        "quarantaine": 40,
        "cinquantaine": 50,
        "soixantaine": 60,
        "centaine": 100,
        "millier": 1000,
    },
    "en": {"dozen": 12},
}
# Plural collectives count only after a number ("deux centaines", "trois milliers"):
# "des milliers" is vague and never matches.
PLURAL_COLLECTIVES = {
    lang: {word + ("x" if word.endswith("u") else "s"): value for word, value in table.items()}
    for lang, table in COLLECTIVES.items()
}
ARTICLES = {"fr": ("un", "une"), "en": ("a", "an")}
# "un seul char": the one case where the French article is a count.
SINGLE = {"fr": ("seul", "seule"), "en": ()}
HALF = {"fr": "demi", "en": "half"}
QUARTER = "quarter"  # "a quarter of a million", "up to quarter of a million" (en)
ORDINAL_WORDS = {
    "fr": {
        "deuxième": 2,
        "troisième": 3,
        "quatrième": 4,
        "cinquième": 5,
        "sixième": 6,
        "septième": 7,
        "huitième": 8,
        "neuvième": 9,
        "dixième": 10,
        "onzième": 11,
        "douzième": 12,
        "vingtième": 20,
        "trentième": 30,
        "centième": 100,
        "millième": 1000,
    },
    "en": {
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "twentieth": 20,
        "hundredth": 100,
        "thousandth": 1000,
    },
}
# Word numbers that are something else in these contexts: "pour cent", "tout neuf".
WORD_EXCEPTIONS_LEFT = {
    "cent": re.compile(r"(?i:pour)" + GAP + "$"),
    "neuf": re.compile(r"(?i:tout|à|de|flambant|remis|remise)" + GAP + "$"),
}

MONTHS_FR = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
    "octobre|novembre|décembre|decembre|janv\\.|févr\\.|fév\\.|avr\\.|juil\\.|"
    "sept\\.|oct\\.|nov\\.|déc\\."
)
# English months are matched capitalised only: "may" and "march" are also verbs.
MONTHS_EN = (
    "January|February|March|April|May|June|July|August|September|October|"
    "November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
# Wire datelines abbreviate without a dot ("Kiev, 12 nov 2024 (AFP)"): read after a day only.
MONTHS_FR_SHORT = "janv|févr|fév|avr|juil|sept|oct|nov|déc"
# A French month is a whole word: "15 main battle tanks" is no "15 mai", "3 marsouins" no "3 mars".
MONTHS = f"(?:(?i:(?:{MONTHS_FR})(?![^\\W\\d_])|(?:{MONTHS_FR_SHORT})\\b)|(?:{MONTHS_EN})\\b\\.?)"

# Nouns that make a bare 19xx/20xx a count rather than a year ("2016 soldats").
COUNT_NOUNS = (
    "soldats|militaires|hommes|personnes|combattants|morts|tués|blessés|prisonniers|chars|"
    "blindés|véhicules|camions|pièces|systèmes|avions|hélicoptères|drones|missiles|navires|"
    "bateaux|obus|roquettes|canons|russes|ukrainiens|soldiers|troops|men|people|personnel|"
    "casualties|dead|killed|wounded|prisoners|tanks|vehicles|armoured|armored|artillery|"
    "systems|aircraft|planes|jets|helicopters|ships|boats|shells|rockets|guns|russians|"
    "ukrainians"
)

# Model names written with a space before their number ("Leopard 2", "Mirage 2000"); names
# glued to their number or joined by a hyphen (T-72, Su-25, M142, TB2) need no row.
MODEL_NAMES = (
    "Leopard|Challenger|Mirage|PzH|Shahed|Geran|Boeing|Airbus|Bradley|Marder|"
    "Gepard|Zuzana|Krab|Lancet|Orlan|Patriot|MiG|BMP|BTR|BMD|Kh|Mk|Mark|Block|"
    "Type|Tornado|Iskander|Kalibr|Kinjal|Kinzhal|Stryker|Abrams|Tu|Su|Ka|Mi"
)

# Rules over what follows a number, in priority order: (reason, languages, pattern).
# Each pattern is matched right at the end of the number.
RIGHT_RULES: list[tuple[str, str, str]] = [
    ("date", "fr en", f"{GAP}(?:of{GAP}|de{GAP})?{MONTHS}(?:,?{GAP}(?:\\d{{4}}|'\\d\\d)(?!\\d))?"),
    ("age", "en", f"{GAP_HYPHEN}(?:years?|yrs?){GAP_HYPHEN}old\\b"),
    (
        "clock",
        "fr en",
        (
            f"{GAP}(?:GMT|UTC|CET|CEST|BST|EST|EDT|PST|(?i:heure de (?:Kyiv|Kiev|Moscou)"
            f"|heure locale|Kyiv time|Moscow time|local time))\\b"
        ),
    ),
    (
        "percent",
        "fr en",
        (
            f"{GAP}(?:%|(?i:pour{GAP}cent|pourcent|per{GAP}cent|percent"
            f"|points? de pourcentage|percentage points?)\\b|p\\.{GAP}?100\\b)"
        ),
    ),
    (
        "money",
        "fr en",
        (
            f"{GAP}(?:[€$£₴₽]|(?:(?:de|d['’]){GAP})?(?i:dollars?|euros?|livres"
            f"(?:{GAP}sterling)?|pounds?(?:{GAP}sterling)?|sterling|roubles?|rubles?"
            f"|hryvnias?|hryvnas?|yuans?|francs?|USD|EUR|GBP|UAH|RUB)\\b)"
        ),
    ),
    (
        "area",
        "fr en",
        (
            f"{GAP}(?:km²|m²|(?i:km2|km{GAP}carrés|kilom[eè]tres?{GAP}carrés"
            f"|square{GAP}(?:miles?|kilomet(?:er|re)s?|km)|sq\\.?{GAP}(?:mi|km)"
            f"|miles?{GAP}carrés|hectares?|ha|acres?)\\b)"
        ),
    ),
    ("speed", "fr en", (f"{GAP}(?i:km{GAP}/{GAP}h\\b|kmh\\b|mph\\b|kph\\b|nœuds\\b|noeuds\\b|knots\\b|m/s\\b)")),
    (
        "distance",
        "fr en",
        (f"{GAP_HYPHEN}(?i:km|kilom[eè]tres?|kilomet(?:er|re)s?|miles?|mi|mètres?|metres?|meters?|yards?|feet|foot|ft|pieds)\\b"),
    ),
    ("distance", "fr", f"{GAP}m\\b"),
    ("calibre", "fr en", f"{GAP_HYPHEN}(?i:mm|millim[eè]tres?|millimet(?:er|re)s?|calibre|cal)\\b"),
    ("weight", "fr en", (f"{GAP_HYPHEN}(?i:kg|kilos?|kilogrammes?|kilograms?|tonnes?|tons?|lbs?|grammes?)\\b")),
    ("temperature", "fr en", f"{GAP}(?:°{GAP}?[CF]?|(?i:degrés|degrees)\\b)"),
    ("ratio", "fr en", (f"{GAP_HYPHEN}(?i:fois|times|fold|x|thirds?|quarters?|fifths?|tiers|quarts)\\b")),
    (
        "duration",
        "fr en",
        (
            f"{GAP_HYPHEN}(?i:(?:derniers|dernières|premiers|premières|prochains|prochaines|longs?"
            f"|longues?|last|past|next|first|long){GAP})?(?i:secondes?|seconds?|minutes?|mins?"
            f"|heures?|hours?|hrs?|h|jours?|journées?|days?|semaines?|weeks?|mois|months?|ans?"
            f"|années?|years?|décennies?|decades?|siècles?|centuries|century|nuits?|nights?)\\b"
        ),
    ),
]
# What the word just before a number says about it ("jour 302", "en 2014", "Leopard 2",
# "février 2022", "$5", "calibre 155"). Words are compared in lower case, except those
# of LEFT_WORDS_CASED (model names, and English months, which are also verbs).
LEFT_WORDS: dict[str, str] = {
    **dict.fromkeys(("jour", "day", "j+"), "day_number"),
    **dict.fromkeys(("calibre", "caliber", "calibre:"), "calibre"),
    **dict.fromkeys(("aged", "age", "âgé", "âgée"), "age"),
    **dict.fromkeys(MONTHS_FR.replace("\\", "").split("|"), "date"),
    **dict.fromkeys(
        (
            "en",
            "depuis",
            "dès",
            "jusqu'en",
            "jusqu’en",
            "avant",
            "après",
            "année",
            "l'an",
            "l’an",
            "in",
            "since",
            "until",
            "till",
            "by",
            "from",
            "year",
            "fin",
            "début",
            "of",
            "de",
            "du",
            "printemps",
            "été",
            "automne",
            "hiver",
            "années",
            "décennie",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
            "early",
            "late",
            "mid",
        ),
        "year",
    ),
    **dict.fromkeys(("usd", "eur", "gbp", "uah", "rub"), "money"),
    # identifiers: "l'article 5", "numéro 2 du Kremlin", "page 3"
    **dict.fromkeys(
        (
            "article",
            "numéro",
            "number",
            "no",
            "no.",
            "n°",
            "nº",
            "#",
            "page",
            "chapitre",
            "chapter",
            "résolution",
            "resolution",
            "ligne",
            "line",
            "route",
            "vol",
            "flight",
        ),
        "label",
    ),
}
LEFT_WORDS_CASED: dict[str, str] = {
    "War": "ordinal",  # "World War Two"
    **dict.fromkeys(MODEL_NAMES.split("|"), "model"),
    **dict.fromkeys(MONTHS_EN.split("|") + [m + "." for m in MONTHS_EN.split("|")], "date"),
}
CURRENCY_SIGNS = "$€£₴₽"
ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]")
# "par jour 300" and "a day 300" are rates, not day numbers.
NOT_DAY_NUMBER_BEFORE = {"par", "chaque", "per", "each", "a"}
# "multiplié par trois", "multiplied by more than three".
RATIO_LEFT = re.compile(
    r"(?i:multipli|divis)\w*\s+(?:par|by)\s+(?:(?:plus|moins|près)\s+de\s+"
    r"|(?:more|less)\s+than\s+|about\s+|environ\s+)?$"
)
RATIO_LEFT_LAST_WORDS = {"par", "by", "de", "than", "about", "environ"}
# Skipped between the word and its number: "jour n° 302", "calibre de 155".
LEFT_LINKS = {"n°", "no.", "#", "de"}
# "mi-2022", "post-2014": a hyphenated prefix before a year, not a model name.
YEAR_PREFIXES = {"mi", "mid", "pre", "pré", "post", "fin", "début", "early", "late", "anti"}
# French "ans" is an age after ", ", "(", "âgé de", "à" or a noun with "de" ("l'homme de
# 70 ans"), and a duration after "il y a", "depuis", "près de", ... ("il y a près de trois ans").
AGE_LEFT_FR = re.compile(f"(?:[,(]|\\b(?i:âgée?s?{GAP}de|à|(?<!près )(?<!plus )(?<!moins )(?<!autour )de)){GAP}$")
DURATION_LEFT_FR = re.compile(
    f"\\b(?i:il y a|voici|depuis|pendant|durant|dans|en|après|avant|sur|ces|les|des|près de"
    f"|plus de|moins de|environ|quelque|presque|seulement|jusqu['’]à){GAP}$"
)
AGE_UNITS = {"an", "ans"}
# A bare "N ans" with no telling context: news copy gives adults' ages this way ("Le
# dictateur russe, 69 ans"), while spans of years are mostly written in words or with
# "il y a", "depuis" (the rule above).
ADULT_AGES = (16, 110)
# "le 302e jour": an ordinal before "jour" numbers the war's days.
DAY_AFTER_ORDINAL = re.compile(f"{GAP}(?i:jour|journée|day)\\b")
ONE_IN_N = re.compile(f"{GAP}(?i:in|sur|out of|of every){GAP}(?:\\d+|[^\\W\\d_]+)\\b")
YEAR_SPAN_LEFT = re.compile(r"(?:19|20)\d\d[-–/]$")
DAY_AFTER_DATE = re.compile(f"{GAP}(?:and|et|to|au|à|[-–]){GAP}")  # "November 28 and 29": a day after a date
NEXT_LETTER = re.compile(r"\s*[^\W\d_]")
# "one of the largest tank battles", "l'une des plus grandes batailles de chars": one among a superlative's many
ONE_OF_SUPERLATIVE = re.compile(
    f"{GAP}(?i:of{SPACE}+(?:the|its|their){SPACE}+(?:most{SPACE}+|[^\\W\\d_]+est\\b)|des{SPACE}+(?:plus|pires|meilleur))"
)
YEAR_AFTER_DAY = re.compile(f",?{GAP}\\d{{4}}(?!\\d)")
# "Putin, 70, said", "The despot, 71, has thrown": an English age between commas, after
# a name or before a verb.
APPOSITION_NAME_EN = re.compile(f"\\b[A-Z][\\w'’-]+,{GAP}$")
APPOSITION_AFTER_EN = re.compile(f",{GAP}(?P<verb>(?:has|had|is|was|who|said|says|will|would|have|told|added)\\b)?")
COUNT_AFTER_YEAR = re.compile(f"{GAP}(?:[^\\W\\d_]+{GAP})?(?i:{COUNT_NOUNS})\\b")
# "a grimpé de 1 500 à 1 950" is a change, not a range.
RANGE_CHANGE_LEFT = re.compile(
    f"(?i:pass|grimp|augment|bondi|chut|baiss|recul|rose|risen|increas|jump|climb|fell"
    f"|fallen|dropp|went|gone|rising|falling)\\w*{GAP}(?:de|d['’]|from){GAP}$"
)
RANGE_JOINS = {
    "fr": re.compile(f"{GAP}(?:[-–]|à|au){GAP}$|{SPACE}+(?P<or>ou){SPACE}+$|{SPACE}+(?P<and>et){SPACE}+$"),
    "en": re.compile(f"{GAP}(?:[-–]|to){GAP}$|{SPACE}+(?P<or>or){SPACE}+$|{SPACE}+(?P<and>and){SPACE}+$"),
}
RANGE_OPENERS = {
    "fr": re.compile(f"\\b(?i:entre){SPACE}+$"),
    "en": re.compile(f"\\b(?i:between){SPACE}+$"),
}
RANGE_FROM = {
    "fr": re.compile(f"\\b(?i:de|d['’]|entre){GAP}$"),  # "entre 500 000 à 600 000" too
    "en": re.compile(f"\\b(?i:from|between){SPACE}+$"),  # "between 300,000 to 400,000" too
}
# A low end of a few digits before a high end grouped in thousands shares its thousands:
# "170-180 000" is 170 000 to 180 000, "20 à 25 000" 20 000 to 25 000 (not after "et"/"and").
SHARED_THOUSANDS = re.compile("\\d{1,3}(?:[ \u00a0\u202f.,]000)+")
# The longest number in words is about 25 words once hyphens split them ("neuf cent
# quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille ..."): a longer
# run of number words is several numbers, read piece by piece.
WORD_NUMBER_TOKENS = 32
# Unreadable one-word extensions tolerated while a piece grows ("vingt et" before "un").
SPLIT_MISSES = 2
# A figure beyond NUMBER_CAP is no count of losses (Russia's whole army is about 10**6),
# and one of more than NUMBER_MAX_DIGITS digits is not even read: both are rejected as
# "too_large", with NUMBER_CAP as their value when it cannot be read.
NUMBER_CAP = 10**12
NUMBER_MAX_DIGITS = 15
# News articles hold hundreds of numbers, a year of daily bulletins some 20,000, 10 MB of
# real articles (the seeds repeated) 36,000: a text of more is refused (TooManyNumbers)
# before its mentions fill the memory (10 MB of "mille" are 1.7 million of them). A claim
# costs some 4 kB through the pipeline: 10 MB of loss paragraphs (168,000 claims) took
# 940 MB and 42 s, while 50,000 keep a 10 MB article under 600 MB and 30 s.
MAX_NUMBERS = 50_000
LEFT_WINDOW = 28  # characters of left context: the longest left rule, "jusqu’en " after a word, fits

# --- compiled patterns ----------------------------------------------------------------


def regex_alternation(words: list[str]) -> str:
    """A regex alternation of `words` as a prefix tree: far fewer backtracks than a flat
    list when tried at every word of an article."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(ch) + render(child) for ch, child in node.items() if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return render(tree)


def _digit_pattern(lang: str) -> re.Pattern[str]:
    scales = "|".join(sorted(SCALES[lang], key=len, reverse=True))
    return re.compile(
        r"(?:"
        r"(?P<iso>\d{4}-(?:0[1-9]|1[0-2])(?:-\d{1,2})?)(?![\d-])"
        r"|(?P<dmy>\d{1,2}(?P<dsep>[./-])\d{1,2}(?P=dsep)(?:\d{4}|\d{2}))(?!\d)"
        r"|(?P<slash>\d+/\d+)(?![/\d])"
        r"|(?P<clock>\d{1,2}(?:(?:[.:]\d{2})?" + GAP + r"?[aApP]\.?[mM]\b\.?"
        r"|[hH]" + GAP + r"?\d{2}(?!\d)|:\d{2}(?::\d{2})?(?!\d)|[hH](?!\w)))"
        r"|(?P<ord>\d+(?:ères?|ers?|res?|èmes?|emes?|es?|è|st|nd|rd|th)(?!\w))"
        # Possessive repeats: what follows a number is optional, so a repeat is never given
        # back, and a plain `+` keeps the engine's backtrack state per group (10 MB of ",000"
        # took 800 MB). Indian grouping takes a pair only before another pair, for the same reason.
        r"|(?P<int>\d{1,3}(?:" + SPACE + r"\d{3}(?!\d))++|\d{1,3}(?:[.,]\d{3}(?!\d))++"
        r"|\d{1,3}(?:['’]\d{3}(?!\d))++|\d{1,2}(?:,\d\d(?=,\d\d))++,\d{3}(?!\d)|\d+)"
        r"(?P<frac>[.,]\d+)?"
        r"(?:" + SPACE + r"?(?P<scale>" + scales + r")(?!\w))?"
        r"(?P<plus>\+(?!\d)|-plus\b)?"
        r")"
    )


def _word_pattern(lang: str) -> re.Pattern[str]:
    tokens = WORD_NUMBERS[lang] + list(COLLECTIVES[lang])
    token = regex_alternation(tokens)
    article = "|".join(ARTICLES[lang])
    after_article = regex_alternation(
        [w for w in tokens if w in SCALE_WORDS] + list(COLLECTIVES[lang]) + list(SINGLE[lang]) + [HALF["fr"]] * (lang == "fr")
    )
    half = f"(?:{HALF[lang]}|(?:a{SPACE}+)?{QUARTER}{SPACE}+of){SPACE}+(?:{article}){SPACE}+" if lang == "en" else "(?!)"
    single = regex_alternation(list(SINGLE[lang])) if SINGLE[lang] else "(?!)"
    joiner = (
        f"(?:{SPACE}+|-)"
        if lang == "fr"
        else f"(?:{SPACE}+|-|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion)){SPACE}+and{SPACE}+)"
    )
    et_unit = f"(?:{SPACE}+|-)et(?:{SPACE}+|-)(?:un|une|onze)" if lang == "fr" else "(?!)"
    # "deux millions et demi", "three and a half thousand"
    and_a_half = (
        f"(?:(?<=million)|(?<=millions)|(?<=milliard)|(?<=milliards)){SPACE}+et{SPACE}+demie?"
        if lang == "fr"
        else f"{SPACE}+and{SPACE}+a{SPACE}+half(?={SPACE}+(?:hundred|thousand|million|billion)\\b)"
    )
    demi = f"(?:{HALF['fr']}-?)?" if lang == "fr" else ""
    ordinals = regex_alternation(list(ORDINAL_WORDS[lang]))
    # "un" counts after another number word ("cent un", "mille une"), never alone.
    later_token = regex_alternation(tokens + list(ARTICLES[lang]) * (lang == "fr") + list(PLURAL_COLLECTIVES[lang]))
    # The lookahead on first letters lets the regex engine skip most positions of the
    # text at C speed (about 3x faster on the seeds than the bare alternation).
    first_letters = sorted(
        {w[0] for w in tokens + list(ARTICLES[lang]) + [HALF[lang], QUARTER] + list(SINGLE[lang]) + list(ORDINAL_WORDS[lang])}
    )
    return re.compile(
        f"(?=[{''.join(first_letters)}])\\b(?:(?P<ordw>{ordinals})"
        f"|(?P<seq>(?:{half}|(?:{article}){SPACE}+(?=(?:{after_article})\\b))?"
        # Each repeat ends at a word boundary and the repeats are possessive: the same matches
        # as a plain `*` before a final `\\b`, without the engine's backtrack state per repeat
        # (10 MB of "mille " is one run of 1.7 million repeats: 900 MB of it).
        f"(?:{single}|{demi}{token})(?:(?:{joiner}{later_token}|{et_unit}|{and_a_half})\\b)*+))\\b"
    )


def _rules(rules: list[tuple[str, str, str]], lang: str) -> re.Pattern[str]:
    parts = [f"(?P<r{i}>{pattern})" for i, (_, langs, pattern) in enumerate(rules) if lang in langs.split()]
    return re.compile("|".join(parts))


DIGITS = {lang: _digit_pattern(lang) for lang in ("fr", "en")}
# A bare scale word that is a figure: "la barre du million", "the million mark".
# "\b" before each word's first letter is written after it, as `(?<!\w.)` (no word character
# before the letter): the words' first letters then lead the pattern, and the engine skips to
# them at C speed (the \b tried at every position: 32 -> 15 us an article in French, 29 -> 4 in English)
MILESTONES = {
    "fr": re.compile(
        f"(?:(?:b(?<!\\w.)arre|c(?<!\\w.)ap|s(?<!\\w.)euil|p(?<!\\w.)alier)(?:{SPACE}+(?:symbolique|psychologique"
        f"|fatidique|historique))?{SPACE}+du|(?:d(?<!\\w.)épassé|f(?<!\\w.)ranchi|a(?<!\\w.)tteint|d(?<!\\w.)épasse"
        f"|f(?<!\\w.)ranchit|a(?<!\\w.)pproche|f(?<!\\w.)rôle){SPACE}+le)"
        f"{SPACE}+(?P<n>million|milliard)\\b"
    ),
    "en": re.compile(f"t(?<!\\w.)he{SPACE}+(?P<n>million|billion)(?:-|{SPACE}+)(?:mark|milestone|threshold)\\b"),
}
WORDS = {lang: _word_pattern(lang) for lang in ("fr", "en")}
RIGHT = {lang: _rules(RIGHT_RULES, lang) for lang in ("fr", "en")}
# the first digit of a run: the digit, then no digit before it (a digit first lets the engine
# skip to digits at C speed; the look-behind first was tried at every position: 41 -> 16 us an article)
DIGIT_RUN = re.compile(r"\d(?<!\d\d)")
LEADING_DIGITS = re.compile(r"\d+")
DECADE = re.compile(r"['’]?s\b")
NON_DIGIT = re.compile(r"\D")
MORE_DIGITS_THAN_A_COUNT = re.compile(f"(?:\\D*+\\d){{{NUMBER_MAX_DIGITS + 1}}}")
NON_SPACE_BEFORE = re.compile(r"\S*$")
NON_SPACE_AFTER = re.compile(r"\S*")
NON_DECIMAL = re.compile(r"[^\d.,]")
TOKEN_SPLIT = re.compile(f"{SPACE}+|-")
WORD_PIECE = re.compile(r"[^\s\u00a0\u202f-]+")
MODEL_EXTEND_LEFT = re.compile(r"[\w-]*$")
MODEL_EXTEND_RIGHT = re.compile(r"(?:\w|-(?=\w))*")


# --- reading --------------------------------------------------------------------------


def _too_many_digits(match: re.Match[str]) -> bool:
    """Whether a number in figures has more digits than any count (converting thousands of
    digits to an int raises ValueError, and takes quadratic time below that limit)."""
    digits = match["int"] + (match["frac"] or "") if match["int"] else LEADING_DIGITS.match(match.group()).group()
    # The digits are counted up to the bound, not stripped of their separators (a list of
    # every group: 10 MB of ",000" took 150 MB).
    return len(digits) > NUMBER_MAX_DIGITS and MORE_DIGITS_THAN_A_COUNT.match(digits) is not None


def _digit_value(match: re.Match[str], lang: str) -> tuple[int, bool]:
    """The integer value of a number in figures and whether it is a bare fraction."""
    integer, frac, scale = match["int"], match["frac"], match["scale"]
    if not frac and not scale:
        return int(NON_DIGIT.sub("", integer)), False
    marks = NON_DIGIT.findall(integer)
    if scale and not frac and len(marks) == 1 and marks[0] == DECIMAL_MARK[lang]:
        # "1,500 million" (fr): the language's decimal mark, three digits, a scale word.
        integer, frac = integer.split(marks[0])
        frac = "." + frac
    number = Decimal(NON_DIGIT.sub("", integer) + ("." + frac[1:] if frac else ""))
    if scale:
        number *= SCALES[lang][scale]
    return int(number), bool(frac) and not scale


def _word_value(span: str, lang: str) -> tuple[int, bool] | None:
    """The value of a word-number span and whether it is approximate, or None."""
    tokens = [t for t in TOKEN_SPLIT.split(span.lower()) if t]
    if tokens[-2:] in (["et", "demi"], ["et", "demie"]) and lang == "fr" and len(tokens) > 2:
        whole = _word_value(" ".join(tokens[:-2]), lang)  # "deux millions et demi"
        half = WORD_SCALES.get(tokens[-3], 0) // 2
        return None if whole is None or not half else (whole[0] + half, whole[1])
    if lang == "en" and HALF["en"] in tokens[1:-1]:  # "three and a half thousand"
        at = tokens.index(HALF["en"])
        whole = _word_value(" ".join(tokens[: at - 2]), lang) if tokens[at - 2 : at] == ["and", "a"] else None
        scale = _text2num(["one"] + tokens[at + 1 :], lang)
        return None if whole is None or not scale else (int((whole[0] + Decimal("0.5")) * scale), whole[1])
    approx = False
    multiplier = 1
    if lang == "en" and tokens[0] == HALF["en"]:  # "half a million"
        if len(tokens) < 3:
            return None
        tokens, multiplier = ["one"] + tokens[2:], Decimal("0.5")
    elif lang == "en" and QUARTER in tokens[:2] and tokens[(quarter := tokens.index(QUARTER)) + 1 : quarter + 2] == ["of"]:
        rest = tokens[quarter + 3 :]  # "a quarter of a million"
        if not rest:
            return None
        tokens, multiplier = ["one"] + rest, Decimal("0.25")
    if tokens[0] in ARTICLES[lang]:
        rest = tokens[1:]
        if not rest:
            return None
        if rest[0] in SINGLE[lang]:
            return 1, False
        if rest[0] == HALF["fr"] and lang == "fr":  # "un demi-million"
            rest, multiplier = rest[1:], Decimal("0.5")
        tokens = ["un" if lang == "fr" else "one"] + rest
    base = COLLECTIVES[lang].get(tokens[-1]) or PLURAL_COLLECTIVES[lang].get(tokens[-1])
    if base:
        approx = lang == "fr"
        head = tokens[:-1]
        count = 1 if not head or head in (["un"], ["une"], ["one"]) else _text2num(head, lang)
        return None if count is None else (int(count * base * multiplier), approx)
    if tokens[0] in SCALE_WORDS and tokens[0] not in BARE_SCALE_OK:
        return None  # "millions" alone is vague; "million" alone is not a count
    value = _text2num(tokens, lang)
    return None if value is None else (int(value * multiplier), approx)


def _text2num(tokens: list[str], lang: str) -> int | None:
    try:
        return text2num(" ".join(tokens), lang)
    except ValueError:
        return None


def lowered_same_length(text: str) -> str:
    """`text` in lower case with the same offsets (the word patterns are written in lower
    case: a case-sensitive regex on lowered text runs faster than IGNORECASE)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)  # "İ"


def _word_mentions(text: str, lang: str, start: int, end: int) -> list[NumberMention]:
    mentions: list[NumberMention] = []
    lowered = lowered_same_length(text[start:end])
    for found in WORDS[lang].finditer(lowered):
        if len(mentions) >= MAX_NUMBERS:
            raise TooManyNumbers()
        match_start, match_end = start + found.start(), start + found.end()
        span, key = text[match_start:match_end], found.group()
        if found["ordw"]:
            mentions.append(NumberMention(match_start, match_end, span, ORDINAL_WORDS[lang][key], rejected="ordinal", words=True))
            continue
        exception = WORD_EXCEPTIONS_LEFT.get(key)
        if exception and exception.search(text, max(0, match_start - LEFT_WINDOW), match_start):
            continue
        read = (
            _word_value(key, lang)
            if len(key) <= 16 * WORD_NUMBER_TOKENS  # no word is longer
            and len(TOKEN_SPLIT.findall(key)) < WORD_NUMBER_TOKENS
            else None
        )
        if read is None:
            _split_words(text, match_start, match_end, lang, mentions)
            continue
        last_word = TOKEN_SPLIT.split(key)[-1]
        mentions.append(
            NumberMention(match_start, match_end, span, read[0], words=True, approx=read[1], scale=WORD_SCALES.get(last_word, 1))
        )
    milestones = [
        NumberMention(
            start + found.start("n"),
            start + found.end("n"),
            text[start + found.start("n") : start + found.end("n")],
            WORD_SCALES[found["n"]],
            words=True,
            scale=WORD_SCALES[found["n"]],
        )
        for found in MILESTONES[lang].finditer(lowered)
    ]
    return sorted(mentions + milestones, key=lambda m: m.start) if milestones else mentions


def _split_words(text: str, start: int, end: int, lang: str, out: list[NumberMention]) -> None:
    """text2num refused the whole span ("deux trois"): keep its longest readable pieces.

    Each piece grows one word at a time from its first word and stops after
    SPLIT_MISSES unreadable extensions in a row (a number is readable word by word but for
    a pending "et", "and" or hyphen: "vingt et un"), and after WORD_NUMBER_TOKENS words:
    the work is linear in the span, not cubic ("mille mille mille …" took 78 s at 8 kB),
    and only the next WORD_NUMBER_TOKENS words are held at a time."""
    words = WORD_PIECE.finditer(text, start, end)
    pieces = [m.span() for m in islice(words, WORD_NUMBER_TOKENS)]
    while pieces:
        best: tuple[int, tuple[int, bool]] | None = None
        misses = 0
        for j in range(1, len(pieces) + 1):
            read = _word_value(text[pieces[0][0] : pieces[j - 1][1]], lang)
            if read is None:
                misses += 1
                if misses > SPLIT_MISSES:
                    break
            else:
                best, misses = (j, read), 0
        used = 1
        if best is not None:
            if len(out) >= MAX_NUMBERS:
                raise TooManyNumbers()
            used, (value, approx) = best
            piece_start, piece_end = pieces[0][0], pieces[used - 1][1]
            out.append(NumberMention(piece_start, piece_end, text[piece_start:piece_end], value, words=True, approx=approx))
        del pieces[:used]
        pieces.extend(m.span() for m in islice(words, used))


def _url_around(text: str, m_start: int, m_end: int, start: int, end: int) -> tuple[int, int] | None:
    """The span of the web address or path holding a number ("…/2024/05/13/pertes-…"),
    or None: a token with a slash and a letter, not a date such as "12/05/2024"."""
    left = NON_SPACE_BEFORE.search(text, max(start, m_start - 200), m_start)
    right = NON_SPACE_AFTER.match(text, m_end, end)
    token = text[left.start() : right.end()]
    if "://" in token or "www." in token or (token.count("/") >= 2 and any(ch.isalpha() for ch in token)):
        return left.start(), right.end()
    return None


def _digit_mentions(text: str, lang: str, start: int, end: int) -> list[NumberMention]:
    mentions: list[NumberMention] = []
    resume = start
    # The engine finds digits at C speed with a one-character pattern, then tries the full
    # alternation only there (the alternation's own search was 10x slower).
    for digit in DIGIT_RUN.finditer(text, start, end):
        if digit.start() < resume:
            continue
        if len(mentions) >= MAX_NUMBERS:
            raise TooManyNumbers()
        match = DIGITS[lang].match(text, digit.start(), end)
        m_start, m_end = match.start(), match.end()
        resume = m_end
        rejected: str | None = None
        if _too_many_digits(match):
            mentions.append(NumberMention(m_start, m_end, match.group(), NUMBER_CAP, rejected="too_large"))
            continue
        value = int(LEADING_DIGITS.match(text, m_start).group())
        plus = False
        if match["iso"] or match["dmy"]:
            rejected = "date"
        elif match["slash"]:  # "1/3 des soldats", "24/7", "12/05": never a count
            rejected = "ratio"
        elif match["clock"]:
            rejected = "clock"
        elif match["ord"]:
            rejected = "day_number" if DAY_AFTER_ORDINAL.match(text, m_end) else "ordinal"
        else:
            value, fraction = _digit_value(match, lang)
            rejected = "decimal" if fraction else None
            plus = bool(match["plus"])
        if "/" in text[max(0, m_start - 1) : m_start] + text[m_end : m_end + 1]:
            url = _url_around(text, m_start, m_end, start, end)
            if url:  # one mention for the whole address: its digits are no figures
                m_start, resume = url
                mentions.append(NumberMention(m_start, resume, text[m_start:resume], value, rejected="url"))
                continue
        if DECADE.match(text, m_end) and (
            len(match.group()) == 4 and 1900 <= value <= 2099 or len(match.group()) == 2 and value % 10 == 0
        ):
            m_end = resume = DECADE.match(text, m_end).end()  # "the 1990s", "the '90s"
            mentions.append(NumberMention(m_start, m_end, text[m_start:m_end], value, rejected="year"))
            continue
        # Digits glued to letters (BTR-82A, Su-25, M142, TB2, East2West) name a model,
        # unless what follows is a unit the context rules know ("155mm", "48km").
        before = text[max(0, m_start - 2) : m_start]
        glued_left = before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha())
        glued_right = m_end < len(text) and (text[m_end].isalpha() and not RIGHT[lang].match(text, m_end))
        if (
            glued_left
            and text[m_start - 1] == "-"
            and len(match.group()) == 4
            and MODEL_EXTEND_LEFT.search(text, max(start, m_start - 8), m_start - 1).group().lower() in YEAR_PREFIXES
        ):
            glued_left = False  # "mi-2022": the year rule below reads it ("Mi-8" is a model)
        if glued_left or (glued_right and rejected is None):
            left = MODEL_EXTEND_LEFT.search(text, max(start, m_start - 24), m_start)
            right = MODEL_EXTEND_RIGHT.match(text, m_end, end)
            m_start, m_end = left.start(), right.end()
            resume = max(resume, m_end)
            rejected = "model"
            value = int(LEADING_DIGITS.match(match.group()).group())
        scale = SCALES[lang][match["scale"]] if match["scale"] and rejected != "model" else 1
        increment = text[max(0, m_start - 1) : m_start] == "+"
        mentions.append(
            NumberMention(
                m_start, m_end, text[m_start:m_end], value, rejected=rejected, plus=plus, scale=scale, increment=increment
            )
        )
    return mentions


def _merge(digits: list[NumberMention], words: list[NumberMention]) -> list[NumberMention]:
    """Both lists sorted; a word mention inside a figure one ("10 mille") is dropped."""
    merged = sorted(digits + words, key=lambda m: m.start)
    out: list[NumberMention] = []
    for mention in merged:
        if out and mention.start < out[-1].end:
            if out[-1].words and not mention.words:
                out[-1] = mention
            continue
        out.append(mention)
    return out


def _ranges(text: str, lang: str, mentions: list[NumberMention]) -> list[NumberMention]:
    out: list[NumberMention] = []
    i = 0
    while i < len(mentions):
        low = mentions[i]
        high = mentions[i + 1] if i + 1 < len(mentions) else None
        merged = (
            high
            and high.rejected is None
            and (low.rejected is None or (low.rejected == "decimal" and high.scale > 1))
            and _range(text, lang, low, high)
        )
        if merged:
            out.append(merged)
            i += 2
        else:
            out.append(low)
            i += 1
    return out


def _range(text: str, lang: str, low: NumberMention, high: NumberMention) -> NumberMention | None:
    if high.start - low.end > 12:
        return None
    join = RANGE_JOINS[lang].search(text, low.end, high.start)
    if not join or join.start() != low.end:
        return None
    if _is_bare_year(low) and _left_reason(text, low.start) in ("date", "year"):
        return None  # "since February 2022 to 784,200", "from 2022 to 2024"
    if _is_year_like(low) and _is_year_like(high) and not COUNT_AFTER_YEAR.match(text, high.end):
        return None  # "1914-1918", "2022-2023": two years, each rejected as such
    window = max(0, low.start - LEFT_WINDOW)
    start = low.start
    if join["and"]:
        opener = RANGE_OPENERS[lang].search(text, window, low.start)
        if not opener:
            return None
        start = opener.start()
    else:
        if RANGE_CHANGE_LEFT.search(text, window, low.start):
            return None
        opener = None if join["or"] else RANGE_FROM[lang].search(text, window, low.start)
        if opener:
            start = opener.start()
    value = low.value
    if low.rejected == "decimal":  # "entre 1,5 et 2 millions"
        number = NON_DECIMAL.sub("", low.text)
        mark = max(number.rfind("."), number.rfind(","))  # the last one: "1.000,5" too
        value = int(Decimal(NON_DIGIT.sub("", number[:mark]) + "." + number[mark + 1 :]) * high.scale)
    elif high.scale > 1 and low.scale == 1 and low.value * high.scale < high.value:
        value = low.value * high.scale  # "entre 40 et 60 millions": 40 millions
    elif (
        not join["and"]
        and not join["or"]
        and not low.words
        and low.text.isdigit()
        and low.value < 1000 <= high.value
        and SHARED_THOUSANDS.fullmatch(high.text)
    ):
        thousands = 1000 ** ((len(NON_DIGIT.sub("", high.text)) - 1) // 3)
        if low.value * thousands < high.value < low.value * thousands * 10:
            value = low.value * thousands  # "170-180 000"
    if value >= high.value:
        return None
    return NumberMention(
        start,
        high.end,
        text[start : high.end],
        value,
        value_max=high.value,
        plus=high.plus,
        words=low.words and high.words,
        approx=low.approx or high.approx,
        scale=high.scale,
    )


def _is_year_like(mention: NumberMention) -> bool:
    return _is_bare_year(mention) and 1900 <= mention.value <= 2099


def _is_bare_year(mention: NumberMention) -> bool:
    return not mention.words and mention.text.isdigit() and len(mention.text) == 4 and 1000 <= mention.value <= 2100


def _left_reason(text: str, start: int) -> str | None:
    """The reason the words just before `start` give, from LEFT_WORDS."""
    window = text[max(0, start - LEFT_WINDOW) : start]
    if window.endswith(tuple(CURRENCY_SIGNS)) or window.rstrip().endswith(tuple(CURRENCY_SIGNS)):
        return "money"
    words = window.split()
    if not window[-1:].isspace() and words and words[-1].lower() != "j+":
        return None  # glued punctuation, "(": the left word is not the number's
    words = [w.lstrip("(«“\"'[") for w in words[-3:]]
    if words and words[-1].lower() in RATIO_LEFT_LAST_WORDS and RATIO_LEFT.search(window):
        return "ratio"
    if len(words) >= 2 and words[-1].lower() in LEFT_LINKS:
        linked = LEFT_WORDS.get(words[-2].lower())
        return linked if linked in ("day_number", "calibre") else LEFT_WORDS.get(words[-1].lower())
    if not words:
        return None
    word = words[-1]
    reason = (
        LEFT_WORDS_CASED.get(word) or LEFT_WORDS.get(word.lower()) or LEFT_WORDS.get(ELISION.sub("", word.lower()))
    )  # "l'article 5"
    if reason == "day_number" and len(words) >= 2 and words[-2].lower() in NOT_DAY_NUMBER_BEFORE:
        return None
    return reason


def _reject_by_context(text: str, lang: str, mention: NumberMention, end: int) -> None:
    right = RIGHT[lang].match(text, mention.end)
    if right:
        reason = RIGHT_RULES[int(right.lastgroup[1:])][0]
        if reason == "date" and (mention.value > 31 and not _is_bare_year(mention)):
            right = None
        elif reason == "duration" and lang == "fr":
            unit = right.group().strip(" \u00a0\u202f-").split()[-1].lower()
            left_of = max(0, mention.start - LEFT_WINDOW)
            if (
                unit in AGE_UNITS
                and not DURATION_LEFT_FR.search(text, left_of, mention.start)
                and (
                    AGE_LEFT_FR.search(text, left_of, mention.start)
                    or (not mention.words and ADULT_AGES[0] <= mention.value <= ADULT_AGES[1])
                )
            ):
                reason = "age"
        if right:
            if reason == "date" and _is_bare_year(mention):
                reason = "year"
            mention.rejected = reason
            if reason == "date" and right.end() <= end:  # "24 février 2022" is one date
                mention.end = right.end()
                mention.text = text[mention.start : mention.end]
            return
    reason = _left_reason(text, mention.start)
    if reason:
        if reason == "date":
            if _is_bare_year(mention):
                reason = "year"
            elif mention.value > 31 or mention.value_max:
                reason = None
            else:  # "February 24, 2022" is one date
                year = YEAR_AFTER_DAY.match(text, mention.end, end)
                if year:
                    mention.end = year.end()
                    mention.text = text[mention.start : mention.end]
        elif reason == "year" and (
            not _is_bare_year(mention) or (not _is_year_like(mention) and COUNT_AFTER_YEAR.match(text, mention.end))
        ):
            reason = None  # "de 1351 militaires": no year of this war
        if reason:
            mention.rejected = reason
            return
    if mention.value == 1 and (one_in := ONE_IN_N.match(text, mention.end, end)):
        mention.rejected = "ratio"  # "1 in 4 Ukrainians": the whole proportion
        mention.end = one_in.end()
        mention.text = text[mention.start : mention.end]
        return
    if mention.value == 1 and ONE_OF_SUPERLATIVE.match(text, mention.end, end):
        mention.rejected = "superlative"  # "one of the largest tank battles": no count
        return
    if len(mention.text) == 2 and YEAR_SPAN_LEFT.search(text, max(0, mention.start - 5), mention.start):
        mention.rejected = "year"  # "2024-25"
        return
    if (
        lang == "en"
        and ADULT_AGES[0] <= mention.value <= ADULT_AGES[1]
        and mention.value_max is None
        and text[mention.start - 2 : mention.start - 1] == ","
        and (after := APPOSITION_AFTER_EN.match(text, mention.end))
        and (after["verb"] or APPOSITION_NAME_EN.search(text, max(0, mention.start - LEFT_WINDOW), mention.start))
    ):
        mention.rejected = "age"
        return
    if len(mention.text) > 1 and mention.text[0] == "0" and mention.text.isdigit():
        mention.rejected = "label"  # "08", "0600": counts are not written with a leading zero
        return
    if _is_year_like(mention) and not (COUNT_AFTER_YEAR.match(text, mention.end)):
        mention.rejected = "year"


def find_numbers(text: str, lang: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every number in `text[start:end]`, sorted by start and non-overlapping.

    Offsets are absolute (indices into `text`); context outside the window is read
    ("24 heures" still rejects 24 when the window ends after it)."""
    if lang not in DIGITS:
        lang = "en" if lang and lang.startswith("en") else "fr"
    # Any int is read as a position within the text: a negative start would slice from the end
    # and shift every offset, one beyond a C integer would raise in the regex calls.
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, len(text)))
    digits = _digit_mentions(text, lang, start, end)
    words = _word_mentions(text, lang, start, end)
    mentions = _ranges(text, lang, _merge(digits, words) if words else digits)
    for mention in mentions:
        if mention.rejected is None or mention.rejected == "ordinal":
            if mention.rejected == "ordinal" and not mention.words:
                right = RIGHT[lang].match(text, mention.end)
                if right and RIGHT_RULES[int(right.lastgroup[1:])][0] == "date":
                    mention.rejected = None
                    _reject_by_context(text, lang, mention, end)
                    if mention.rejected is None:
                        mention.rejected = "ordinal"
                continue
            if mention.rejected is None:
                _reject_by_context(text, lang, mention, end)
            if mention.rejected is None and max(mention.value, mention.value_max or 0) > NUMBER_CAP:
                mention.rejected = "too_large"
    # A date grown over its year ("9 novembre 2024") covers the year's own mention.
    kept: list[NumberMention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            if (
                kept
                and kept[-1].rejected == "date"
                and kept[-1].text.isdigit()  # its month before it ("November 28"), not after ("3 mars et 12 chars")
                and mention.rejected is None
                and not mention.words
                and 1 <= mention.value <= 31
                and DAY_AFTER_DATE.fullmatch(text, kept[-1].end, mention.start)
                and not NEXT_LETTER.match(text, mention.end)  # not "March 12 and 13 soldiers"
            ):
                mention.rejected = "date"  # "between November 28 and 29", "les 3 et 4 mars": the second day
            kept.append(mention)
    return kept
