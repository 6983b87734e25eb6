"""Claims: turn the figures of an article into loss claims (CLAIMS.md).

For every number that `bilan.numbers` did not reject, in every sentence that cleaning kept:

1. **what it counts**: the noun after it ("105 960 soldats", "552 avions et hélicoptères"),
   else a bulletin label before it ("chars — 7 446"), else, for "1 950 autres", the noun of
   the figure before, else, after "le décompte de"/"s'élève à", the noun the clause names;
2. **whether it is a loss**: a personnel or loss word near it, no nearer word of troops
   massed, sent or carried (`force`), no hypothetical or civilian context;
3. **category** (personnel resolved by the nearest killed / wounded / casualties / captured
   word), **qualifier**, **scope** and **period**, **as_of**, and **side**, read from the
   sentence: the counted noun's own side ("soldats russes", "UAVs of the Ukrainian army"),
   both sides together, the owner of the losses ("la Russie a perdu", "les pertes
   ukrainiennes", "has cost Russia", "de ses soldats"), else the enemy of whoever destroyed
   them ("l'armée russe a abattu 416 avions"); "the enemy" and "its own" are read against
   the source; only with nothing said, the same figure said elsewhere, then the source's habit;
4. **source**: an attribution in the sentence ("selon l'armée ukrainienne", "a déclaré X",
   "X said", "», a annoncé X", a headline's "...: Nato"), per clause when several speak;
   else a pronoun's speaker, the outlet's own arithmetic, a carried-over source ("selon les
   statistiques", "le ministère", "En plus de cela"), an army that acts ("L'armée russe a
   abattu"), a sentence naming the source of the one before ("C'est ce qu'a annoncé X"),
   the paragraph's source (an article's only source across its paragraphs), the publisher
   of the images the sentence describes, the source of the same figure elsewhere, or of the
   other figures of the same sentence. An institution named by its kind ("the Defense
   Ministry") is the last of that kind, else the dateline's or its sentence's country's.

Every rule is a row of `bilan/data/claims_lexicon.toml`.
"""

from __future__ import annotations

import re
import tomllib
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from bilan.cleaning import Cleaned, clean
from bilan.dating import DateMention, find_dates
from bilan.matching import LexiconError as LexiconError, PhraseScanner, PhraseTable, checked as _checked, phrase_regex as _phrase_pattern, phrase_tokens as _phrase_tokens
from bilan.model import CATEGORIES_NOT_LOSSES, Claim, Document, Rejection
from bilan.numbers import NumberMention, find_numbers
from bilan.reading import detect_language

PERSONNEL = "personnel"
ANAPHORA = "anaphora:"
# With no side in the text, a figure is the enemy's losses of whoever reports it: Russian
# sources report Ukrainian losses; everyone else in this press mostly reports Russia's.
SOURCES_REPORTING_ON_UKRAINE = frozenset({"russia_mod", "russia_other"})
INTERCEPTED_CATEGORIES = frozenset({"cruise_missiles", "drones"})
SENTENCE_WINDOW_WORDS = 12  # scope and event cues count within this many words of the figure
PERIOD_NEAR_WORDS = 10  # period cues ("par jour", "dimanche") count within this many words of the figure
YEAR_NEAR_WORDS = 12  # "Sur l'ensemble de l'année 2024, les pertes atteignent..."
DATED_TOTAL_FACTOR = 5  # a figure five times the size threshold is never one day's: a named day dates it
EARLY_WAR_DAYS = 90  # size thresholds grow over the first 90 days, as the record's totals did
PERIODS_AND_NIGHT = frozenset({"day", "week", "month", "year", "night", "previous_month", "previous_year"})
# "le mois dernier", "last year": the period before the document's, which dates the figure too
PREVIOUS_PERIODS = {"previous_month": "month", "previous_year": "year"}
CARRIED_PERIODS = frozenset({"day", "week"})  # said once, they hold for a bulletin's list
# A figure read as a total by its size alone may still be a bulletin's day: up to five times the
# size threshold (92 artillery systems, 176 drones in a Russian MoD day or week on realdev).
BULLETIN_DAY_FACTOR = 5
FRAME_LABELS = frozenset({"same_period", "not_a_cue"})  # scope phrases that are no cue of their own
DATE_PERIODS = {"weekday": "day", "relative_day": "day", "explicit": "day", "week": "week", "month": "month",
                "year": "year"}
# Sources whose weekday and overnight figures are the daily tally; anyone else's are one event's.
DAILY_TALLY_SOURCES = frozenset({"ukraine_general_staff", "ukraine_mod"})
CUE_AFTER_NOUN_WORDS = 4  # "soldats russes ont été tués": the participle within four words
CARRY_SENTENCES = 2  # "selon les statistiques" carries a source named at most two sentences back
IMAGE_SENTENCES = 4  # a video's publisher named up to four sentences away
PREPOSITION_WORDS = 6  # "selon le bilan publié jeudi par l'état-major": the source within six words
SUBJECT_WORDS = 3  # "Ukraine's General Staff says": a subject ends at most three words before its verb
INVERTED_WORDS = 4  # "a annoncé cette semaine l'état-major": an inverted subject within four words
WORDS = re.compile(r"[\w’'-]+")
NEXT_WORD = re.compile(r"\s*([\w’'-]+)")
FILLER_BREAK = re.compile(r"[.,;:!?—–()]")
COORDINATION = re.compile(r"\s*(?:et|ou|and|or|,)\s*", re.IGNORECASE)
PREPOSITION_BREAK = re.compile(r"[\d,;:.!?]")
SUBJECT_BREAK = re.compile(r"[,;:.()]")
DIGITS = re.compile(r"\d[\d\s.,'’\u00a0\u202f]*\d|\d")
DIGIT_GROUPS = re.compile(r"(?<=[\d.,'’\u00a0\u202f ])\d+")  # the groups after a number's first ("1 000 000")
QUOTES = frozenset("«“‘\"'„")
SENTENCE_END = re.compile(r"(?<!\.\.)(?<!…)[.!?]\s*$")  # not a teaser's "remis..." nor a quoted headline
APPOSED_NAME = re.compile(r"\s+(?:[a-zà-ÿ][\w-]*\s+){0,2}")  # "the open-source intelligence website Oryx": lower-case words then a name
DATELINE_PREFIX = re.compile(
    r"[^\n]{0,60}?(?:\((?:AP|AFP|Reuters|dpa|Belga|ANSA|EFE|Ukrinform|Sputnik|TASS|UNIAN|Interfax)\)\s*[-–—:]|/\s*(?:TASS|Sputnik|RIA Novosti)\s*/\s*\.?)")
OF_SOURCE = re.compile(r"\s*(?:de\s+la|de\s+l['’]|du|des|de|d['’]|of\s+the|of|by\s+the|by|par\s+la|par\s+le|par\s+l['’]|par)\s*", re.IGNORECASE)
HEADLINE_TAIL_BEFORE = re.compile(r"\s[:—–-]\s*$|:\s*$")  # "... in Ukraine: Nato", "... Past Day - MoD"
HEADLINE_TAIL_AFTER = re.compile(r"[\s.!?\"”»’']*$")
HEADLINE_PREFIX_BEFORE = re.compile(r"[\s\"“«'‘]*(?:(?:l['’]|le|la|les|the)\s*)?", re.IGNORECASE)
HEADLINE_PREFIX_AFTER = re.compile(r"\s*:\s+\S")  # "General Staff: Russia has lost 400,000 troops"
INCISE = re.compile(r"[,»”\"]\s*(?:(?:has|have|had|a|ont|avait|avaient)\s+)?$", re.IGNORECASE)  # a verb of saying right after a comma or a closing quote
INITIAL = re.compile(r"\b[A-ZÀ-Ý]\.")  # "I. Konashenkov": an initial's period breaks no clause
QUOTE_CLOSE = re.compile(r"[»”\"]\s*,?\s*$")
INCISE_WORDS = 12  # "a déclaré le 17 juillet à Sputnik le chef du service de presse du groupement Est"; "a rapporté ce vendredi 10 mars le ministère russe": the inverted subject within six words
IMAGES = re.compile(r"\b(?:images?|vidéos?|video|footage|clip|séquence)\b", re.IGNORECASE)
BULLETIN_ITEM = re.compile(r"[:—–‒-]\s*(?:environ|about|approximately|près de|~)?\s*\d[\d\s\u00a0\u202f.,]*\(\s*\+\s*\d")
BULLETIN_MIN_ITEMS = 3  # three "label : total (+increment)" items make a bulletin without a header
SIDE_BOTH_WORDS = 12  # "200,000 soldiers killed or wounded on both sides"
SIDE_COMPLEMENT = re.compile(r"\s*(?:\(\s*\+\s*[\d\s]+\)\s*)?(?:de\s+la|de\s+l['’]|du|des|de|d['’]|of\s+the|of|belonging\s+to\s+the|belonging\s+to)(?!\w)\s*", re.IGNORECASE)
SIDE_COMPLEMENT_WORDS = 3  # "des forces armées ukrainiennes": the side within three words of "des"
COUNTED_WORDS = 3  # "55 Ukrainian troops and destroyed": the side word of a figure's noun phrase
COUNTED_SOURCE_WORDS = 0  # "350 militaires ukrainiens": a source's name right after the figure is what it counts
DIED_IN_WORDS = 5  # "soldats avaient été tués en Ukraine"
SIDE_OWN_WORDS = 8  # "ses pertes s'élèvent à 1 351"
SIDE_OBJECT_WORDS = 4  # "a abattu, entre autres, deux chars": the object list starts within four words of its verb
SIDE_AGENT_WORDS = 5  # "Russian air defense systems successfully intercepted": the subject within five words of its verb
AGREED_PARTICIPLE = re.compile(r"(?:és|ée|ées|is|ies|us|ues|ts|te|tes)\b", re.IGNORECASE)
AUXILIARY_BEFORE = re.compile(r"(?<!\w)(?:a|ont|avait|avaient|aurait|auraient|avoir|ayant)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
PASSIVE_BEFORE = re.compile(r"(?<!\w)(?:été|être|été\s+\w+|were|was|been|be|are|is|being)\s+$", re.IGNORECASE)
OPPOSITE = {"russia": "ukraine", "ukraine": "russia"}
COST = re.compile(r"(?<!\w)(?:cost|costs|costing|coûté|coûte|coûtent)\b", re.IGNORECASE)  # "Ukraine has cost Russia": who pays is after
WEAK_SIDE_RULES = frozenset({"nearest_adjective"})  # a side read from the sentence at large, not from the figure
SPEAKER_RELATIVE = frozenset({"enemy", "own"})  # sides read against the source
OWN_PREPOSITION = re.compile(r"(?:selon|d['’]après|according to|by|per)\s", re.IGNORECASE)
PREPOSITION_START = re.compile(r"(?:selon|d['’]après|according to)\b", re.IGNORECASE)
POSSESSIVE = re.compile(r"[’']s\b")
# "abattus par la défense antiaérienne russe": the agent, up to three words after "par"
AGENT = re.compile(r"(?<!\w)(?:par|by)\s+(?:les\s+|des\s+|la\s+|le\s+|l['’]|the\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
CLAUSE_VERB = re.compile(
    r"\W*+(?:a|avait|aurait|ont|avaient|auraient|est|sont|était|serait|has|have|had|is|are|was|were|would|lost|perd)\b",
    re.IGNORECASE,
)
FILLER_WORDS = 3  # words allowed between a number and its noun ("two Il-76 military transport aircraft")
# Words that cannot stand between a figure and its noun: verbs, links, and nouns that are
# themselves counted ("3 frappes de missiles" counts strikes, not missiles).
NON_FILLER = frozenset(
    "et and ont sont a est have has had were was été en in par by pour for dans sur on à at "
    "ou or que qui that which where où whose them these those eux elles lesquels lesquelles to avec with "
    "frappes strikes attaques attacks tirs salves vagues waves "
    "lanceurs launches tirés fired".split()
)
LOCATIVE = frozenset(
    "en dans contre vers sur à au aux depuis pour in into against on at to from toward towards "
    "across over near près l'est l'ouest nord sud est ouest".split()
)
SUBSET_LINK = re.compile(r"[^.;:\d]{0,40}?\b(?:dont|including|among them|parmi lesquels|parmi eux)\s+(?:[\w’'-]+\s+){0,2}",
                         re.IGNORECASE)
LABEL_COLON = re.compile(r"\w\s?:\s*$")
INCISE_BEFORE = re.compile(r",\s*(?:selon|d['’]après|according to|a-t-il|a-t-elle|he said|she said)[^,.;:]{0,60},\s*$",
                           re.IGNORECASE)
ITEM_SEPARATOR = re.compile(r"[;\n•·]")
LABEL_ADJECTIVE_WORDS = 3  # "drones opérationnels et tactiques : 19 202"
OF_THEM = re.compile(r"\s*(?:of\s+(?:them|these|those)|d['’]entre\s+(?:eux|elles))\b", re.IGNORECASE)
AUTRES = re.compile(r"\s*(?:autres|de plus|supplémentaires|more|other|others|additional)\b", re.IGNORECASE)
PLUS_INCREMENT = re.compile(r"\s*\(\s*\+\s*$")
INCREMENT_AFTER = re.compile(r"\s*\(\s*\+[\d\s\u00a0\u202f.,]+\)")
LABEL_DASH = re.compile(r"[—–‒\-:]\s*(?:environ|about|approximately|près de|~)?\s*$", re.IGNORECASE)
# A list of figures: "450 militaires, un canon Krab", "a tank and an APC"; the words before the next item
LIST_GAP = re.compile(r"[^.;:!?()\d]*(?:,|\bet|\band|\bainsi qu['’]|\bas well as|\bmais aussi)\s*", re.IGNORECASE)
LIST_JOIN = re.compile(LIST_GAP.pattern + r"(?:[\w’'-]+\s+){0,2}", re.IGNORECASE)  # "250 tanks and nearly 10,000"
LIST_NEXT = re.compile(r"(?:\s+[\w’'-]+){0,3}\s*(?:,|\bet\b|\band\b)\s*", re.IGNORECASE)
LIST_ITEM_WORDS = 10  # "450 militaires, un véhicule blindé de transport de troupes américain M113, un obusier"
GENERIC_EQUIPMENT = frozenset({"vehicles_fuel_tanks", "special_equipment"})  # nouns that can name any equipment
NOT_LOSS_REASONS = frozenset({"launched_not_lost", "force_nearer", "damaged_only", "launched_not_intercepted"})
CLAUSE_MARK = re.compile(r"[,;:.()]")
EXCHANGE_WORDS = 6  # "Kiev et Moscou ont échangé vendredi 95 prisonniers de guerre"
OTHER_WAR_WORDS = 5  # "the 15,000 Soviet soldiers killed in Afghanistan"; not "lost 300,000 soldiers, more than ... Afghanistan"
CONTRAST = re.compile(r"\b(?:tandis qu|alors qu)|\b(?:while|whereas|but|mais|cependant|however)\b", re.IGNORECASE)
GOVERNING_LOSS_WORDS = 6  # "Les pertes ukrainiennes s'élèvent à 520 personnes"
LOSS_WORD_NEAR_WORDS = 6  # "destroyed 250 tanks and nearly 10,000 troops": a loss word this near people counts them
LOSS_WORD_AFTER_WORDS = 8  # "Un obusier M777 fabriqué aux États-Unis a notamment été détruit"
CLAUSE_BREAK = re.compile(r"[.;!?]")
DATELINE = re.compile(r"^(MOSCOW|MOSCOU|KYIV|KIEV|LONDON|LONDRES)\b[^\n]{0,40}?(?:\)|/|\.|-|—|–)", re.MULTILINE)
DATELINE_COUNTRIES = {"moscow": "russia", "moscou": "russia", "kyiv": "ukraine", "kiev": "ukraine", "london": "uk",
                      "londres": "uk"}
HEADLINE_TAIL = re.compile(r"\s[-–—:]\s*([\w’'. ]{2,40}?)\s*$")  # "... in Past Day - MoD", "...: Nato"
# "une quarantaine de kilomètres", "deux stations de guerre": the figure has its own unit or noun
ELLIPSIS_STOP = re.compile(r"\s*(?:\d|(?:[^\W\d]+\s+)?(?:de|d['’]|of)\b(?!\s+(?:which|whom|them|these|those)\b))",
                           re.IGNORECASE)  # "une quarantaine de kilomètres": its own unit
AUXILIARIES = re.compile(r"(?:\s+(?:ont|sont|été|avaient|étaient|auraient|seraient|have|has|had|been|were|was|are))*\s+",
                         re.IGNORECASE)
NAMED_IN_BRACKETS = re.compile(r"[A-ZÀ-Ý][\w’'-]*\s*\(\s*$")
ASIDE = re.compile(r"[(;\[]")
HYPHEN_TAIL = re.compile(r"\w[-‑]$")  # a noun glued after a hyphen is the tail of another word
CLASSIFIER_LINK = re.compile(r"\s*(?:de|d['’]|des|du|of)\s*[«»\"“”]?\s*", re.IGNORECASE)
CLAUSE_OPENING = re.compile(r"(?:,|\bavec|\bwith)\s*$", re.IGNORECASE)
# The patterns that end where the figure starts ("$": PLUS_INCREMENT, LABEL_DASH, the
# lexicon's not_counts and introducers) are searched in the figure's last characters, where
# a phrase, a word and blanks fit (searched from the sentence's start, a line of a thousand
# bulletin items took seconds); a bulletin's label noun ends just before its dash.
BEFORE_FIGURE_CHARS = 120
LABEL_NOUN_CHARS = 120
QUE = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:que|qu['’]|that)\b", re.IGNORECASE)
WORD = re.compile(r"\w+", re.UNICODE)


# --------------------------------------------------------------------------- the lexicon


@dataclass
class QualifierRule:
    qualifier: str
    regex: re.Pattern[str]
    requires: re.Pattern[str] | None


@dataclass
class Lexicon:
    nouns: PhraseTable
    conditional_nouns: PhraseTable
    personnel_cues: PhraseTable
    loss_cues: PhraseTable
    force_cues: PhraseTable
    hypothetical_cues: PhraseTable
    civilian_cues: PhraseTable
    other_wars: PhraseTable  # "en Afghanistan", "Soviet": a figure of another war
    all_kinds: re.Pattern[str]  # "1,091 military vehicles of all kinds": an all-equipment total
    scope: PhraseTable
    sources: PhraseTable
    anaphoras: PhraseTable  # "the ministry", labelled ANAPHORA + the phrase
    anaphora: dict[str, frozenset[str]]  # "le ministère": the kinds of source it can name again
    side_adjectives: PhraseTable
    side_names: PhraseTable
    side_possessor: re.Pattern[str]
    side_possessor_qualified: re.Pattern[str]  # "des pertes importantes de Kiev"
    possessive_owner: re.Pattern[str]  # "Russia's losses": a possessive before a head that owns losses
    side_head_before: re.Pattern[str]  # "les forces armées ukrainiennes": the head an adjective qualifies
    side_head_after: re.Pattern[str]  # "Ukrainian armed forces"
    loss_heads: frozenset[str]  # "pertes ukrainiennes", "Russian casualties": the head is the losses
    side_agents: PhraseTable  # "l'armée russe a abattu": who destroys
    side_both: PhraseTable  # "on both sides"
    side_own: PhraseTable  # "1 351 de ses soldats": the speaker's own
    attribution: PhraseTable
    admissions: PhraseTable
    topic_shift: re.Pattern[str]  # "Ailleurs, ...": a sentence that carries no source over
    back_reference: re.Pattern[str]  # "C'est ce qu'a annoncé X": the source of the sentence before
    opening_preposition: re.Pattern[str]  # "Pour le CSIS, ...": a sentence opening on its source
    published_by: re.Pattern[str]  # "publiés chaque matin par l'état-major"
    estimates_for: re.Pattern[str]  # "les estimations pour l'Ukraine": the figures of a side
    cost_to: re.Pattern[str]  # "ont coûté à Kiev", "has cost Russia": the loser
    subject_pronoun: re.Pattern[str]  # "Il a également déclaré": a pronoun subject before a verb of saying
    source_locatives: frozenset[str]  # "en Ukraine": a place, not a source
    channels: frozenset[str]  # "according to TASS": agencies that relay a speaker named beside them
    bare_places: frozenset[str]  # "Ukraine has knocked out": a country acts or speaks, no institution
    place_of: re.Pattern[str]  # "le nord-est de l'Ukraine": a place too
    bulletin_headers: PhraseTable
    introducers: re.Pattern[str]
    bare_introducers: re.Pattern[str]  # "porté le total à 1 500": a preposition right before the figure
    ellipsis: re.Pattern[str]
    interception_cues: PhraseTable
    noun_less_followers: frozenset[str]
    classifiers: frozenset[str]  # "pièces d'équipement spécial": the unit word, the noun after it counted
    list_openers: re.Pattern[str]  # "Parmi eux se trouvaient ...": a sentence continuing the list before it
    not_counts: re.Pattern[str]
    singular: SingularRule | None
    stock: re.Pattern[str]
    qualifiers: list[QualifierRule]
    scope_threshold: dict[str, int]
    scanner: PhraseScanner = field(init=False)

    def __post_init__(self) -> None:
        self.scanner = PhraseScanner({name: getattr(self, name) for name in SCANNED_TABLES})


def _words_table(section: dict[str, list[str]]) -> dict[str, list[str]]:
    return {"cue": section["words"]}


@dataclass
class SingularRule:
    """"a coulé un sous-marin": an article, found first (it is rare), then the verb before it."""

    article: re.Pattern[str]
    governed: re.Pattern[str]
    noun_followers: frozenset[str]  # English: "a drone attack" counts attacks; empty: any word may follow


def _singular_pattern(table: dict[str, list[str]]) -> SingularRule | None:
    if not table["articles"]:
        return None
    governed = "|".join(_phrase_pattern(p) for p in sorted(table["governed_by"], key=len, reverse=True))
    articles = "|".join(_phrase_pattern(p) for p in table["articles"])
    return SingularRule(
        article=re.compile(rf"(?<!\w)(?:{articles})(?=\s+(?!seul\b))", re.IGNORECASE),
        governed=re.compile(rf"(?<!\w)(?:{governed})\s*(?:[\w-]+\s+)?$", re.IGNORECASE),
        noun_followers=frozenset(table.get("noun_followers", ())),
    )


def _weapon_models(types: dict[str, str]) -> list[tuple[str, str]]:
    """Model names of the entities' weapon table, with the claim category of their type."""
    rows = resources.files("bilan.data").joinpath("entities_weapons.tsv").read_text("utf-8").splitlines()
    models = []
    for row in rows:
        cells = row.split("\t")
        if row.startswith("#") or len(cells) < 3 or cells[0] == "name" or cells[1] not in types:
            continue
        models += [(alias.strip().lower(), types[cells[1]]) for alias in cells[2].split("|") if alias.strip()]
    return models


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    data = tomllib.loads(resources.files("bilan.data").joinpath("claims_lexicon.toml").read_text("utf-8"))
    return build_lexicon(data, "en" if lang == "en" else "fr")


def build_lexicon(data: dict, lang: str) -> Lexicon:
    """The lexicon of one language from the parsed TOML, every phrase table checked."""
    table = data[lang]
    qualifier_rows: dict[str, list[str]] = {}
    for rule in table["qualifiers"]:
        qualifier_rows.setdefault(f"{rule['qualifier']} (gap {rule.get('gap', 0)})", []).extend(rule["before"])
    _checked(f"{lang}.qualifiers", qualifier_rows)
    for section, key in (("noun_less", "introducers"), ("noun_less", "bare_introducers"), ("ellipsis", "connectors"), ("stock", "between"),
                         ("not_counts", "before"), ("singular", "governed_by"), ("singular", "noun_followers"),
                         ("noun_less_followers", "words"), ("classifiers", "words"), ("list_openers", "words"),
                         ("all_kinds", "words")):
        _checked(f"{lang}.{section}", {key: table[section].get(key, [])})
    qualifiers = []
    for rule in table["qualifiers"]:
        before = "|".join(_phrase_pattern(p.lower()) for p in sorted(rule["before"], key=len, reverse=True))
        gap = rule.get("gap", 0)
        regex = re.compile(
            rf"(?<!\w)(?:{before})(?:(?<=['’])|\s+)(?:[\w’'-]+\s+){{0,{gap}}}$", re.IGNORECASE
        )
        requires = rule.get("requires")
        qualifiers.append(
            QualifierRule(
                rule["qualifier"],
                regex,
                re.compile("|".join(_phrase_pattern(p) for p in requires), re.IGNORECASE) if requires else None,
            )
        )
    introducers = sorted(table["noun_less"]["introducers"], key=len, reverse=True)
    nouns = {category: list(phrases) for category, phrases in table["nouns"].items()}
    known = {tuple(_phrase_tokens(p.lower())) for phrases in nouns.values() for p in phrases}
    for model, category in _weapon_models(data["weapon_types"]):
        tokens = tuple(_phrase_tokens(model))
        if tokens not in known:  # "leopard 2" and "leopard-2" are one phrase to the matcher
            known.add(tokens)
            nouns.setdefault(category, []).append(model)
    return Lexicon(
        nouns=PhraseTable(nouns, f"{lang}.nouns"),
        conditional_nouns=PhraseTable(table["conditional_nouns"], f"{lang}.conditional_nouns"),
        personnel_cues=PhraseTable(table["personnel_cues"], f"{lang}.personnel_cues"),
        loss_cues=PhraseTable(_words_table(table["loss_cues"]), f"{lang}.loss_cues"),
        force_cues=PhraseTable(table["force_cues"], f"{lang}.force_cues"),
        hypothetical_cues=PhraseTable(_words_table(table["hypothetical_cues"]), f"{lang}.hypothetical_cues"),
        civilian_cues=PhraseTable(_words_table(table["civilian_cues"]), f"{lang}.civilian_cues"),
        other_wars=PhraseTable({"cue": table["other_wars"]["words"], "era": table["other_wars"]["era"]},
                               f"{lang}.other_wars"),
        all_kinds=re.compile(
            r"\s*,?\s*(?:" + "|".join(_phrase_pattern(p) for p in sorted(table["all_kinds"]["words"], key=len, reverse=True))
            + r")\b", re.IGNORECASE,
        ),
        scope=PhraseTable(table["scope"], f"{lang}.scope"),
        sources=PhraseTable(table["sources"], f"{lang}.sources"),
        anaphoras=PhraseTable({ANAPHORA + phrase: [phrase] for phrase in table["anaphora"]}),
        anaphora={phrase: frozenset(kinds) for phrase, kinds in table["anaphora"].items()},
        side_adjectives=PhraseTable(table["side_adjectives"], f"{lang}.side_adjectives"),
        side_names=PhraseTable(table["side_names"], f"{lang}.side_names"),
        possessive_owner=re.compile(
            r"[’']s\s+(?:\w+\s+)?(?:" + "|".join(_phrase_pattern(p) for p in table["side_possessors"]["heads"]) + r")\b",
            re.IGNORECASE,
        ),
        side_head_before=re.compile(
            r"(?<!\w)(" + "|".join(_phrase_pattern(p) for p in sorted(
                table["side_possessors"]["heads"] + table["side_possessors"]["losses"], key=len, reverse=True))
            + r")(?:\s+[\w-]+)?\s+$", re.IGNORECASE,
        ),
        side_head_after=re.compile(
            r"\s+(?:[\w-]+\s+)?(" + "|".join(_phrase_pattern(p) for p in sorted(
                table["side_possessors"]["heads"] + table["side_possessors"]["losses"], key=len, reverse=True)) + r")\b",
            re.IGNORECASE,
        ),
        loss_heads=frozenset(table["side_possessors"]["losses"]),
        side_agents=PhraseTable({"agent": table["side_agents"]["verbs"]}),
        side_both=PhraseTable(_words_table(table["side_both"])),
        side_own=PhraseTable(_words_table(table["side_own"])),
        side_possessor_qualified=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in sorted(table["side_possessors"]["heads"], key=len, reverse=True))
            + r")\s+[\w-]+\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|of\s+the\s+|of\s+)$", re.IGNORECASE,
        ),
        side_possessor=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in sorted(table["side_possessors"]["heads"], key=len, reverse=True))
            + r")\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|of\s+the\s+|of\s+)(?:[A-ZÀ-Ý][\w-]+\s+)?$",
            re.IGNORECASE,
        ),
        attribution=PhraseTable(
            {key: table["attribution"][key] for key in
             ("prepositions", "postpositions", "verbs", "pronoun_verbs", "carry", "media_arithmetic",
                         "image_publishers", "actions")}, f"{lang}.attribution"
        ),
        subject_pronoun=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in table["attribution"]["subject_pronouns"])
            + r")\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE
        ),
        source_locatives=frozenset(table["attribution"]["source_locatives"]),
        channels=frozenset(table["attribution"]["channels"]),
        bare_places=frozenset(table["attribution"]["bare_places"]),
        place_of=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in table["attribution"]["place_heads"])
            + r")\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|of\s+the\s+|of\s+)$", re.IGNORECASE
        ),
        opening_preposition=re.compile(
            r"\W*(?:" + "|".join(_phrase_pattern(p) for p in table["attribution"]["opening_prepositions"])
            + r")\s+(?:la\s+|le\s+|les\s+|l['’]|the\s+)?", re.IGNORECASE
        ),
        published_by=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in table["attribution"]["published"])
            + r")\s+(?:[\w’'-]+\s+){0,3}(?:par|by)\s+(?:la\s+|le\s+|les\s+|l['’]|the\s+)?(?:\d+\w*\s+)?$", re.IGNORECASE
        ),
        back_reference=re.compile(
            r"\W*(?:" + "|".join(_phrase_pattern(p) for p in table["attribution"]["back_references"]) + r")", re.IGNORECASE
        ),
        cost_to=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in table["side_possessors"]["cost"])
            + r")\s+(?:[\w-]+\s+)?(?:la\s+|le\s+|l['’])?$", re.IGNORECASE
        ),
        estimates_for=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in table["side_possessors"]["estimates"])
            + r")\s+(?:pour|for)\s+(?:la\s+|le\s+|l['’]|the\s+)?$", re.IGNORECASE
        ),
        topic_shift=re.compile(
            r"\W*+(?:" + "|".join(_phrase_pattern(p) for p in table["attribution"]["topic_shifts"]) + r")\b", re.IGNORECASE
        ),
        admissions=PhraseTable({"admits": table["attribution"]["admissions"]}, f"{lang}.attribution.admissions"),
        bulletin_headers=PhraseTable(_words_table(table["bulletin"]), f"{lang}.bulletin"),
        ellipsis=re.compile(  # a word connector starts a word; a bare comma may follow one ("1,000 tanks, 624 of which")
            r"(?:(?:(?<!\w)" + r"|(?<!\w)".join(_phrase_pattern(p) for p in sorted(table["ellipsis"]["connectors"], key=len, reverse=True)
                                          if p[0].isalpha())
            + r")\s*(?:[\w’'-]+\s+){0,2}|,\s*)$",
            re.IGNORECASE,
        ),
        interception_cues=PhraseTable(_words_table(table["interception_cues"]), f"{lang}.interception_cues"),
        noun_less_followers=frozenset(table["noun_less_followers"]["words"]),
        classifiers=frozenset(table["classifiers"]["words"]),
        list_openers=re.compile(
            r"\W*+(?:" + "|".join(_phrase_pattern(p) for p in sorted(table["list_openers"]["words"], key=len, reverse=True))
            + r")\b", re.IGNORECASE,
        ),
        singular=_singular_pattern(table["singular"]),
        stock=re.compile(
            r"\s+(?:" + "|".join(_phrase_pattern(p) for p in sorted(table["stock"]["between"], key=len, reverse=True))
            + r")\s+", re.IGNORECASE,
        ),
        not_counts=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in table["not_counts"]["before"]) + r")\s*$", re.IGNORECASE
        ),
        introducers=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in introducers) + r")\s*(?:[\w’'-]+\s+){0,1}$",
            re.IGNORECASE,
        ),
        bare_introducers=re.compile(
            r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in table["noun_less"]["bare_introducers"]) + r")\s+$",
            re.IGNORECASE,
        ),
        qualifiers=qualifiers,
        scope_threshold=data["scope_threshold"],
    )


# --------------------------------------------------------------------------- indexes


class Matches:
    """The matches of one table over the body, sorted, searchable by position."""

    def __init__(self, found: list[tuple[int, int, str]]):
        self.items = found
        self.starts = [item[0] for item in found]

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


@dataclass(frozen=True)
class _SentenceFacts:
    """What a sentence says about the figures in it that have no cue of their own."""

    closed: bool  # it names an event or a date: no period said elsewhere is theirs
    totals_said: int  # its figures read as totals by a cue, and its bulletin lines
    totals: int  # its figures read as totals, by a cue or by their size


@dataclass
class Attribution:
    source: str
    start: int | None
    end: int | None
    how: str  # explicit, pronoun, media, carry, image, value, sentence
    admits: bool = False  # "ont admis", "acknowledged": the source speaks of its own side's losses
    rule: str = ""  # the rule that found it ("verb_subject", "inverted_subject", "institution:country", ...)


@dataclass
class Figure:
    """A number that counts something, before it becomes a claim."""

    number: NumberMention
    sentence: int
    category: str  # a CLAIMS.md category or `personnel`
    noun_start: int
    noun_end: int
    ellipsis_of: Figure | None = None
    daily_of: Figure | None = None
    bulletin: bool = False
    side_said: str | None = None  # the side the text names, before any default
    side_rule: str | None = None  # the rule that read it, and the span it read
    side_span: tuple[int | None, int | None] = (None, None)
    scope_by_size: bool = False  # no cue: the scope was read from the figure's size
    soft_day: bool = False  # a day from "dimanche" or "overnight": a daily tally, or one night's event
    how: str = "noun_after"  # the rule that found what the number counts
    claim: Claim | None = field(default=None, repr=False)


SCANNED_TABLES = ("nouns", "conditional_nouns", "personnel_cues", "loss_cues", "interception_cues", "force_cues",
                  "hypothetical_cues", "civilian_cues", "other_wars", "scope", "sources", "side_adjectives", "side_names",
                  "attribution", "admissions", "bulletin_headers", "anaphoras", "side_agents", "side_both", "side_own")


class ArticleIndex:
    """Every cue of every table, found in one pass over the article's body."""

    def __init__(self, text: str, start: int, lex: Lexicon):
        self.text = text
        for name, found in lex.scanner.scan(text, start, len(text)).items():
            setattr(self, name, Matches(found))
        self.word_starts = array("q", (m.start() for m in WORD.finditer(text, start)))

    if TYPE_CHECKING:  # for the type checker: each table of SCANNED_TABLES is an attribute set above
        def __getattr__(self, name: str) -> Matches: ...

    def words_between(self, a: int, b: int) -> int:
        """How many words start between two offsets (order-free)."""
        if a > b:
            a, b = b, a
        return bisect_left(self.word_starts, b) - bisect_right(self.word_starts, a)


@lru_cache(maxsize=1)
def _read_figures(text: str, start: int, lang: str) -> tuple[ArticleIndex, tuple[NumberMention, ...]]:
    """The cues and the numbers of an article: they do not depend on its date, so an article
    extracted again right after its date is inferred (`pipeline.analyse`) is not read twice.
    Only the last article is kept: no other one is served from the cache."""
    numbers = tuple(n for n in find_numbers(text, lang, start) if not n.rejected)
    return ArticleIndex(text, start, lexicon(lang)), numbers


# --------------------------------------------------------------------------- extraction


@dataclass
class Extraction:
    """The claims of a document, each with the decisions behind its fields (`Claim.reasons`),
    and the candidate figures that were dropped, each with its reason."""

    claims: list[Claim]
    rejected: list[Rejection]


def extract_claims(
    document: Document,
    cleaned: Cleaned | None = None,
    *,
    include_captions: bool = False,
) -> list[Claim]:
    """The loss claims of a document, in text order (CLAIMS.md fields, `check` left empty)."""
    return explain_claims(document, cleaned, include_captions=include_captions).claims


def explain_claims(
    document: Document,
    cleaned: Cleaned | None = None,
    *,
    include_captions: bool = False,
) -> Extraction:
    """The claims of a document with their reasons, and the rejected candidates with theirs."""
    cleaned = cleaned or clean(document)
    lang = document.lang or detect_language(document.text[document.body_start :])
    extractor = _Extractor(document, cleaned, lang, include_captions)
    return Extraction(extractor.run(), extractor.rejected)


class _Extractor:
    def __init__(self, document: Document, cleaned: Cleaned, lang: str, include_captions: bool):
        self.document = document
        self.text = document.text
        self.cleaned = cleaned
        self.lang = lang
        self.lex = lexicon(lang)
        self.include_captions = include_captions
        self.prose_start = _after_title(document)
        self.index, self.numbers = _read_figures(self.text, self.prose_start, lang)
        self.dates = find_dates(self.text, lang, document.date, self.prose_start)
        self.date_starts = [d.start for d in self.dates]
        self.sentences = cleaned.sentences
        self.bulletin_from = self._bulletin_start()
        self.attributions: list[Attribution | None] = []
        self.noun_search_from: dict[int, int] = {}  # "2,200 of the 3,500 tanks": 2,200's noun is after 3,500
        self.number_starts: list[int] = []
        self.rejected: list[Rejection] = []
        self.number_ends: frozenset[int] | None = None  # where the article's numbers end, once asked
        self.last_figure: Figure | None = None  # "Les forces de Kiev en ont perdu près de 110 autres": the one before
        self.figure_at: dict[int, Figure] = {}  # every figure by its number's start
        self.last_sourced: list[int] | None = None  # see _bulletin_source
        self.first_matches: dict[tuple[re.Pattern[str], int], re.Match[str] | None] = {}  # see _found_before

    def _reject(self, number: NumberMention, reason: str) -> None:
        self.rejected.append(Rejection(number.value, number.start, number.end, reason))

    # -- the sentences ---------------------------------------------------------------

    def run(self) -> list[Claim]:
        numbers = list(self.numbers)
        numbers = self._without_stocks(numbers + self._singulars(numbers))
        self.number_starts = [n.start for n in numbers]
        by_sentence: dict[int, list[NumberMention]] = {}
        for number in numbers:
            mark = self.cleaned.mark_at(number.start, number.end)
            if mark is not None and (mark.kind == "repeat" or not self.include_captions):
                self._reject(number, f"marked_{mark.kind}")
                continue
            if not self.sentences:
                continue
            by_sentence.setdefault(self.cleaned.sentence_index(number.start), []).append(number)

        attributions = [self._sentence_attribution(i) for i in range(len(self.sentences))]
        self.attributions = attributions

        figures: list[Figure] = []
        for sentence_index in sorted(by_sentence):
            previous: Figure | None = None
            for number in by_sentence[sentence_index]:
                figure = self._figure(number, sentence_index, previous)
                if figure is None:
                    self._reject(number, "nothing_counted")
                else:
                    figures.append(figure)
                    previous = self.last_figure = figure

        self.figure_at = {f.number.start: f for f in figures}
        claims_by_sentence: dict[int, list[Figure]] = {}
        for figure in figures:
            claim = self._claim(figure)
            if claim is None:
                continue
            figure.claim = claim
            claims_by_sentence.setdefault(figure.sentence, []).append(figure)

        for sentence_figures in claims_by_sentence.values():
            self._cohere_scopes(sentence_figures)
        self._scope_of_repeats(figures)
        self._resolve_chains(attributions)
        self._attribute(claims_by_sentence, attributions)
        self._carry_frames([f for f in figures if f.claim is not None])
        for figure in figures:
            if figure.claim is not None and figure.soft_day and not figure.claim.category.startswith("personnel") \
                    and figure.claim.source not in DAILY_TALLY_SOURCES:
                figure.claim.scope, figure.claim.period = "event", None  # "abattu samedi trois Su-34"
                figure.claim.decide("scope", "one_night_of_a_non_tally_source")
                figure.claim.decide("period", "one_night_of_a_non_tally_source")
        return [f.claim for f in figures if f.claim is not None]

    def _singulars(self, numbers: list[NumberMention]) -> list[NumberMention]:
        """The article as the figure 1 before a piece of equipment ("un obusier M777", "a tank"),
        when a loss verb or a list word governs it ("a coulé un sous-marin", "et un D-20"), when
        it is an item of a list of figures ("450 militaires, un canon Krab", "A tank, an
        infantry fighting vehicle, two..."), or when a loss word follows it ("Un autre MiG-29 a
        été détruit"). Whether it is a loss is then decided as for any figure."""
        rule = self.lex.singular
        if rule is None:
            return []
        taken = {n.start for n in numbers}
        articles = [m.span() for m in rule.article.finditer(self.text, self.prose_start) if m.start() not in taken]
        nouns = {start: self._singular_noun(end) for start, end in articles}
        figure_spans = sorted([(n.start, n.end) for n in numbers]
                              + [(start, noun[0]) for start, _end in articles if (noun := nouns[start]) is not None])
        found = []
        for start, end in articles:
            noun = nouns[start]
            if noun is None:
                continue
            noun_end, category = noun
            governed = rule.governed.search(self.text, max(self.prose_start, start - 40), start) \
                or self.index.loss_cues.within(end, self.index.nouns.within(end, noun_end)[0][0])  # "an abandoned tank"
            if governed or self._list_item(start, noun_end, figure_spans) \
                    or self._loss_word_follows(start, noun_end, category):
                found.append(NumberMention(start=start, end=end, text=self.text[start:end], value=1, words=True))
        return found

    def _singular_noun(self, article_end: int) -> tuple[int, str] | None:
        """Where the equipment an article names ends ("un obusier américain M777", "a Ukrainian
        Mi-24 helicopter") and what it is, or None when it names people or nothing counted."""
        nouns = self.index.nouns.within(article_end, article_end + 60)
        if not nouns or nouns[0][2] == PERSONNEL or not self._is_filler(self.text[article_end : nouns[0][0]]):
            return None
        if self._plural(nouns[0][0], nouns[0][1]):
            return None  # "un labyrinthe de véhicules", "une frappe de drones": the article is not theirs
        noun_end = nouns[0][1]
        for start, end, _category in nouns[1:]:  # "Mi-24 helicopter", "obusier M777"
            if self.text[noun_end:start].strip():
                break
            noun_end = end
        followers = self.lex.singular.noun_followers if self.lex.singular else frozenset()
        following = NEXT_WORD.match(self.text, noun_end)
        if followers and following and following.start(1) == noun_end + 1 and following.group(1).islower() \
                and following.group(1) not in followers:
            return None  # "a drone attack", "a tank column": the noun only qualifies what is counted
        return noun_end, nouns[0][2]

    def _plural(self, start: int, end: int) -> bool:
        """Whether a noun phrase is plural, by its head: the first word in French ("systèmes de
        défense"), the last in English ("air defense systems") unless "of" follows the head
        ("pieces of equipment"). Capitalised names ("HIMARS") are left alone."""
        words = WORDS.findall(self.text, start, end)
        if not words:
            return False
        if self.lang == "en":
            lowered = [w.lower() for w in words]
            head = words[lowered.index("of") - 1] if "of" in lowered[1:] else words[-1]
        else:
            head = words[0]
        return head.islower() and head[-1] in "sx"

    def _list_item(self, start: int, noun_end: int, figure_spans: list[tuple[int, int]]) -> bool:
        """Whether a figure stands in a list of figures of its sentence, a comma or a list word away."""
        s_start, s_end = self.sentences[self.cleaned.sentence_index(start)] if self.sentences else (0, len(self.text))
        index = bisect_left(figure_spans, (start, -1))
        if index > 0:
            before_end = figure_spans[index - 1][1]
            gap = self.text[before_end:start]
            if before_end >= s_start and LIST_GAP.fullmatch(gap) and len(WORDS.findall(gap)) <= LIST_ITEM_WORDS:
                return True
        following = figure_spans[index + 1] if index + 1 < len(figure_spans) else None
        if following is not None and following[0] < s_end:
            gap = self.text[noun_end : following[0]]
            return bool(LIST_NEXT.fullmatch(gap))
        return False

    def _loss_word_follows(self, start: int, noun_end: int, category: str) -> bool:
        """"Un autre MiG-29 a été détruit", "Dans le même temps, un avion Su-25 ... a été abattu":
        an article opening its clause, whose noun a loss word follows with no other noun between
        ("Vue depuis un drone montrant un véhicule détruit": the drone is not what was destroyed;
        "Un obusier américain M777 a été détruit": the model names the same piece)."""
        s_start = self.sentences[self.cleaned.sentence_index(start)][0] if self.sentences else self.prose_start
        if self.text[s_start:start].strip() and not CLAUSE_OPENING.search(self.text, s_start, start):
            return False
        stop = noun_end + 80
        for table in (self.index.loss_cues, self.index.interception_cues):
            for cue_start, _end, _label in table.within(noun_end, stop):
                if not CLAUSE_BREAK.search(self.text, noun_end, cue_start) \
                        and self.index.words_between(noun_end, cue_start) <= LOSS_WORD_AFTER_WORDS \
                        and not any(n[0] >= noun_end and n[2] != category
                                    for n in self.index.nouns.within(noun_end, cue_start)):
                    return True
        return False

    def _without_stocks(self, numbers: list[NumberMention]) -> list[NumberMention]:
        """Drop the stock of "2,200 of the 3,500 tanks", and let the first figure count its noun."""
        numbers = sorted(numbers, key=lambda n: n.start)
        kept: list[NumberMention] = []
        skip = -1
        for index, number in enumerate(numbers):
            if index == skip:
                continue
            following = numbers[index + 1] if index + 1 < len(numbers) else None
            if following is not None:
                stock = self.lex.stock.match(self.text, number.end)
                if stock and stock.end() == following.start:
                    self.noun_search_from[number.start] = following.end
                    # "500 000 des 750 000 pertes totales": a total of losses is a claim of its own
                    losses = self.index.personnel_cues.within(following.end, following.end + 30)
                    if not (losses and not self.text[following.end : losses[0][0]].strip()):
                        skip = index + 1
                        self._reject(following, "stock_of_previous")  # "2,200 of the 3,500 tanks"
            kept.append(number)
        return kept

    def _cohere_scopes(self, figures: list[Figure]) -> None:
        """A list shares its scope: a figure read by size takes that of a figure with a cue."""
        decided = [f for f in figures if not f.scope_by_size and not f.bulletin and f.daily_of is None]
        for figure in figures:
            # a list counts different things ("364 chars, 748 véhicules blindés"); the same thing
            # twice is a total and its part ("792 170 ..., dont 1 370 en 24 heures")
            peers = [d for d in decided if _coarse(d.claim.category) != _coarse(figure.claim.category)]
            if figure.scope_by_size and peers:
                nearest = min(peers, key=lambda d: abs(d.number.start - figure.number.start))
                figure.claim.scope, figure.claim.period = nearest.claim.scope, nearest.claim.period
                figure.soft_day = nearest.soft_day
                figure.claim.decide("scope", "shared_with_list_peer", nearest.number.start, nearest.number.end)
                figure.claim.decide("period", "shared_with_list_peer", nearest.number.start, nearest.number.end)

    def _carry_frames(self, figures: list[Figure]) -> None:
        """What a figure with no cue of its own inherits from the text before it.

        - "over the same period", "durant cette période": the scope of the claim before it;
        - a small figure (read as one event by its size) after "in the past 24 hours" or "la
          semaine dernière" said earlier in the article or its sentence takes that period: a daily or weekly
          bulletin states its period once, then lists its figures (Russian MoD battlegroup
          reports, General Staff summaries), unless its own sentence names an event.
        """
        periods = [cue for cue in self.index.scope.items if cue[2] in CARRIED_PERIODS and not self._dates_saying(cue)]
        period_starts = [cue[0] for cue in periods]
        by_sentence: dict[int, list[Figure]] = {}
        for figure in figures:
            by_sentence.setdefault(figure.sentence, []).append(figure)

        @lru_cache(maxsize=None)
        def sentence_facts(sentence: int) -> _SentenceFacts:
            s_start, s_end = self.sentences[sentence]
            peers = by_sentence[sentence]
            return _SentenceFacts(
                closed=any(c[2] == "event" for c in self.index.scope.within(s_start, s_end))
                or any(m.kind in ("explicit", "month") for m in self._dates_in(s_start, s_end)),
                totals_said=sum(p.claim.scope == "cumulative" and not p.scope_by_size or p.bulletin for p in peers),
                totals=sum(p.claim.scope == "cumulative" for p in peers),
            )

        previous: Figure | None = None
        for figure in figures:
            claim = figure.claim
            s_start, s_end = self.sentences[figure.sentence]
            same = [c for c in self.index.scope.within(s_start, s_end) if c[2] == "same_period"]
            if same and previous is not None and previous.claim is not None and not figure.bulletin:
                claim.scope, claim.period = previous.claim.scope, previous.claim.period
                figure.scope_by_size = False
                claim.decide("scope", "same_period_as_previous", same[0][0], same[0][1])
                claim.decide("period", "same_period_as_previous", same[0][0], same[0][1])
            elif figure.scope_by_size and self._carries_period(figure, sentence_facts(figure.sentence)):
                # the sentence's own period, however far ("Two Su-25 ... and 30 drones were shot down
                # ... in the past day"), else the last one said before it
                at = bisect_left(period_starts, s_end) - 1
                if at >= 0 and self._same_voice(periods[at][0], figure):
                    start, end, label = periods[at]
                    claim.scope, claim.period = "period", "day" if label == "night" else label
                    claim.decide("scope", "period_said_before", start, end)
                    claim.decide("period", "period_said_before", start, end)
            previous = figure

    def _same_voice(self, position: int, figure: Figure) -> bool:
        """Whether a period said at `position` may be the figure's: said in the figure's paragraph,
        or where no source is named, or by the figure's own source (another voice's "in the past 24
        hours" is not the period of a later paragraph's strike)."""
        sentence = self.cleaned.sentence_index(position)
        if self._same_paragraph(sentence, figure.sentence):
            return True
        said = self.attributions[sentence]
        return said is None or said.source in (None, "", "unattributed") or figure.claim.source in (
            "unattributed", said.source)

    def _dates_saying(self, cue: tuple[int, int, str]) -> bool:
        """"officials said this week": the cue dates the statement, not a period of figures."""
        verbs = [t for t in self.index.attribution.within(cue[0] - 40, cue[0]) if t[2] in ("verbs", "pronoun_verbs")]
        return any(t_end <= cue[0] and not self.text[t_end : cue[0]].strip(" ,") for _s, t_end, _k in verbs)

    def _carries_period(self, figure: Figure, facts: _SentenceFacts) -> bool:
        """Whether a figure with no cue can take the period said before it: read as one event by
        its size, or as a total by a size a bulletin's day rarely reaches; not when its own
        sentence names an event or dates it ("Le 25 mars, le ministère a annoncé que 1 351
        soldats avaient été tués"), nor in a list of totals."""
        claim = figure.claim
        if claim.scope == "cumulative" and claim.value >= self._threshold(claim.category) * BULLETIN_DAY_FACTOR:
            return False
        own_total = claim.scope == "cumulative"  # its own sized total is not one of its peers
        return not facts.closed and facts.totals_said == 0 and not (own_total and facts.totals > 1)

    def _scope_of_repeats(self, figures: list[Figure]) -> None:
        """A figure printed again (headline, lead, body) is one figure: read by its size alone, it
        takes the scope that a cue gave the same value of the same kind elsewhere in the article
        ("Ukraine Loses Over 480 Soldiers" and "480 Ukrainian military personnel in the past day")."""
        decided: dict[tuple[int, str], Figure] = {}
        for figure in figures:
            if figure.claim is not None and not figure.scope_by_size:
                decided.setdefault(_value_key(figure.claim), figure)
        for figure in figures:
            same = decided.get(_value_key(figure.claim)) if figure.claim is not None and figure.scope_by_size else None
            if same is None or same.claim is None:
                continue
            figure.claim.scope, figure.claim.period, figure.soft_day = same.claim.scope, same.claim.period, same.soft_day
            figure.claim.decide("scope", "same_figure_elsewhere", same.number.start, same.number.end)
            figure.claim.decide("period", "same_figure_elsewhere", same.number.start, same.number.end)

    def _bulletin_start(self) -> int | None:
        """Where an official bulletin's lines start: its header ("pertes totales de l'ennemi"),
        or the first of at least three "chars : 9 390 (+8)" items."""
        headers = self.index.bulletin_headers.items
        if headers:
            return headers[0][0]
        items = BULLETIN_ITEM.finditer(self.text, self.prose_start)
        first = [item.start() for _, item in zip(range(BULLETIN_MIN_ITEMS), items)]
        if len(first) == BULLETIN_MIN_ITEMS:
            return self.sentences[self.cleaned.sentence_index(first[0])][0] if self.sentences else first[0]
        return None

    # -- 1. what the number counts -----------------------------------------------------

    def _figure(self, number: NumberMention, sentence: int, previous: Figure | None) -> Figure | None:
        text = self.text
        s_start, s_end = self.sentences[sentence]

        near = max(s_start, number.start - BEFORE_FIGURE_CHARS)
        if PLUS_INCREMENT.search(text, near, number.start) and previous is not None and previous.category:
            return Figure(number, sentence, previous.category, previous.noun_start, previous.noun_end,
                          daily_of=previous, bulletin=previous.bulletin, how="increment_of_previous")

        label = self._bulletin_label(number, s_start)
        if label is not None:
            start, end, category = label
            return Figure(number, sentence, category, start, end, bulletin=True, how="bulletin_label")

        noun = self._noun_after(number, s_end)
        if noun is not None:
            start, end, category, conditional = noun
            if conditional and not self._conditional_ok(category, start, end, sentence, s_end):
                return None
            return Figure(number, sentence, category, start, end, how="conditional_noun_after" if conditional else "noun_after")

        autres = AUTRES.match(text, number.end) or OF_THEM.match(text, number.end)  # "60 of them", "30 d'entre eux"
        antecedent = previous or self._figure_of_sentence_before(sentence)
        if antecedent is not None and autres:
            return Figure(number, sentence, antecedent.category, number.start, autres.end(), ellipsis_of=antecedent,
                          how="autres_of_previous")
        if previous is not None and self.lex.ellipsis.search(text, previous.number.end, number.start) \
                and not ELLIPSIS_STOP.match(text, number.end):
            # "627 détruits, 42 endommagés, 51 abandonnés", not "à une quarantaine de kilomètres"
            return Figure(number, sentence, previous.category, number.start, number.end, ellipsis_of=previous,
                          how="ellipsis_of_previous")

        qualifier_start = self._qualifier(number, s_start)[2]  # "put deaths at as many as 120,000"
        ends = {number.start, qualifier_start}
        incise = INCISE_BEFORE.search(text, max(s_start, qualifier_start - 80), qualifier_start)
        if incise:  # "a atteint, selon l'état-major, 500 000"
            ends.add(incise.start())
        introduced = any(self.lex.introducers.search(text, max(s_start, end - BEFORE_FIGURE_CHARS), end)
                         or self._bare_introduced(s_start, end) for end in ends)
        # "deaths were reported from Bashkortostan (5 945) and Tatarstan (5 605)": a name's figure in brackets
        introduced = introduced or bool(NAMED_IN_BRACKETS.search(text, max(s_start, number.start - 40), number.start)
                                        and text.startswith(")", number.end))
        if introduced and (self._nothing_counted_after(number) or self._cue_after(number.end, s_end) is not None):
            # "dont 770 au cours des dernières 24 heures", "1 008 chars, dont 627 détruits"
            found = self._noun_before(number, s_start, sentence, s_end)
            if found is not None:
                return Figure(number, sentence, found[2], found[0], found[1], how="introduced_noun_before")
        opener = self.lex.list_openers.match(text, s_start)
        antecedent = self._figure_of_sentence_before(sentence) if opener and previous is None else None
        if antecedent is not None and not text[opener.end() : number.start].strip(" ,") \
                and self._nothing_counted_after(number):
            # "... 109 720 militaires russes ont été «liquidés». Parmi eux, 810 au cours des dernières 24 heures."
            return Figure(number, sentence, antecedent.category, opener.start(), opener.end(),
                          how="list_opener_of_previous")
        cues = [c for c in self.index.personnel_cues.within(number.end, min(s_end, number.end + 30))
                if AUXILIARIES.fullmatch(text, number.end, c[0])]
        if cues and self._conditional_ok(PERSONNEL, number.start, number.end, sentence, s_end):
            # "Près de 3 200 sont morts", "plus 400 ont été faits prisonniers": people, in a military text
            return Figure(number, sentence, PERSONNEL, number.start, number.end, how="subject_of_personnel_word")
        return None

    def _found_before(self, pattern: re.Pattern[str], s_start: int, end: int) -> bool:
        """Whether `pattern` (not anchored at `end`) matches in text[s_start:end], `s_start` a
        sentence's start. The sentence's first match is searched once: searching again for
        each of a line's hundreds of figures was quadratic."""
        first = self.first_matches.get((pattern, s_start), False)
        if first is False:
            s_end = max(end, self.sentences[self.cleaned.sentence_index(s_start)][1])
            first = self.first_matches[pattern, s_start] = pattern.search(self.text, s_start, s_end)
        if first is None or first.start() >= end:
            return False
        return first.end() <= end or pattern.search(self.text, s_start, end) is not None

    def _bare_introduced(self, s_start: int, end: int) -> bool:
        """"its total since February 2022 to 589,700", "les pertes russes à plus de 15 000": a bare
        preposition right before the figure, never between two figures ("three to one")."""
        bare = self.lex.bare_introducers.search(self.text, max(s_start, end - 12), end) \
            or LABEL_COLON.search(self.text, max(s_start, end - 4), end)  # "Tanks destroyed this week: 45"
        if bare is None:
            return False
        window = self.text[max(s_start, bare.start() - 4) : bare.start()]
        before = bare.start() - (len(window) - len(window.rstrip()))
        if self.number_ends is None:
            self.number_ends = frozenset(n.end for n in self.numbers)
        return before not in self.number_ends

    def _figure_of_sentence_before(self, sentence: int) -> Figure | None:
        """The last figure of the sentence before, in the same paragraph: what "110 autres",
        "544 others" add to."""
        last = self.last_figure
        if last is None or last.sentence != sentence - 1 or not self._same_paragraph(last.sentence, sentence):
            return None
        return last

    def _nothing_counted_after(self, number: NumberMention) -> bool:
        """"dont 770 au cours des dernières 24 heures", not "dont 3 enfants"."""
        following = NEXT_WORD.match(self.text, number.end)
        return following is None or following.group(1).lower().replace("’", "'") in self.lex.noun_less_followers

    def _noun_after(self, number: NumberMention, limit: int) -> tuple[int, int, str, bool] | None:
        text = self.text
        position = self.noun_search_from.get(number.start, number.end)
        increment = INCREMENT_AFTER.match(text, position)
        if increment:
            position = increment.end()
        window_end = min(limit, position + 80)
        for table, conditional in ((self.index.nouns, False), (self.index.conditional_nouns, True)):
            matches = [m for m in table.within(position, window_end)  # "anti-aircraft" names no aircraft
                       if not HYPHEN_TAIL.search(text, max(0, m[0] - 2), m[0])]
            for index, (start, end, category) in enumerate(matches):
                gap = text[position:start]
                if not self._is_filler(gap):
                    break
                if not conditional:
                    end, category = self._head(matches[index:], start)
                return start, end, category, conditional
        return None

    def _head(self, matches: list[tuple[int, int, str]], start: int) -> tuple[int, str]:
        """Where the counted noun ends and what it counts: past a unit word ("pièces d'équipement
        spécial"), and in English to the last of nouns written together ("HIMARS rockets" counts
        rockets, "Mi-24 helicopter" a helicopter)."""
        text = self.text
        _start, end, category = matches[0]
        rest = matches[1:]
        if text[start:end].lower() in self.lex.classifiers and rest and CLASSIFIER_LINK.fullmatch(text, end, rest[0][0]):
            _start, end, category = rest[0]
            rest = rest[1:]
        if self.lang == "en":
            for next_start, next_end, next_category in rest:
                if text[end:next_start].strip():
                    break
                end, category = next_end, next_category
        return end, category

    def _is_filler(self, gap: str) -> bool:
        words = WORDS.findall(gap)
        if FILLER_BREAK.search(gap):
            return False
        words = [w for w in words if w.lower() not in ("de", "d'", "d’", "of", "des", "du", "the")]
        return len(words) <= FILLER_WORDS and not any(w.lower() in NON_FILLER or w[0].isdigit() for w in words)

    def _bulletin_label(self, number: NumberMention, s_start: int) -> tuple[int, int, str] | None:
        if self.bulletin_from is None or number.start < self.bulletin_from:
            return None
        dash = LABEL_DASH.search(self.text, max(s_start, number.start - BEFORE_FIGURE_CHARS), number.start)
        if not dash:
            return None
        label_end = dash.start()
        label_from = max(s_start, label_end - LABEL_NOUN_CHARS)
        item = ITEM_SEPARATOR.search(self.text, label_from, label_end)  # the label starts after the last "; "
        while item is not None:
            label_from = item.end()
            item = ITEM_SEPARATOR.search(self.text, label_from, label_end)
        candidates = self.index.nouns.within(label_from, label_end + 1) + self.index.conditional_nouns.within(
            label_from, label_end + 1
        )
        for start, end, category in sorted(candidates, key=lambda c: -c[1]):
            # "chars : 9 390", "drones opérationnels et tactiques : 19 202": the noun and its adjectives
            if len(WORDS.findall(self.text, end, label_end)) <= LABEL_ADJECTIVE_WORDS \
                    and not FILLER_BREAK.search(self.text, end, label_end):
                return start, end, category
        return None

    def _noun_before(self, number: NumberMention, s_start: int, sentence: int, s_end: int) -> tuple[int, int, str] | None:
        """The noun the clause names before a noun-less figure: the nearest plain noun, else the
        nearest of "morts", "pertes", "Russes"... that counts soldiers here."""
        nouns = [c for c in self.index.nouns.within(s_start, number.start) if c[1] <= number.start]
        if nouns:
            return max(nouns, key=lambda c: c[1])
        conditional = [c for c in self.index.conditional_nouns.within(s_start, number.start) if c[1] <= number.start]
        for start, end, category in sorted(conditional, key=lambda c: -c[1]):
            if self._conditional_ok(category, start, end, sentence, s_end):
                return start, end, category
        return None

    def _conditional_ok(self, category: str, noun_start: int, noun_end: int, sentence: int, s_end: int) -> bool:
        """People, Russians, the dead: military losses only in a military, not civilian, context.

        The noun says it ("700 000 morts ou blessés", "100 000 pertes"), or a personnel word
        follows it, or a word of losses governs it ("Les pertes ukrainiennes s'élèvent à 520
        personnes", "ont perdu plus de 20.650 personnes"); and no civilian word is in the
        sentence, nor in the three before unless they name soldiers or weapons."""
        s_start = self.sentences[sentence][0]
        if any(not CONTRAST.search(self.text, min(c[1], noun_start), max(c[0], noun_end))
               for c in self.index.civilian_cues.within(s_start, s_end)):
            return False  # "cinq civils tués, et 130 blessés"; not "15 000, tandis que Moscou a accueilli 420 000 réfugiés"
        context_start = self.sentences[max(0, sentence - 3)][0]
        military = any(c[2] not in CATEGORIES_NOT_LOSSES for c in self.index.nouns.within(context_start, s_end)) \
            or any(self.index.words_between(a[1], noun_start) <= 1 or self.index.words_between(noun_end, a[0]) <= 1
                   for a in self.index.side_adjectives.within(max(s_start, noun_start - 30), min(s_end, noun_end + 30)))
        if not military and self.index.civilian_cues.within(context_start, s_end):
            return False  # "579 civils ... La guerre a aussi fait 1.002 blessés"
        if any(end > noun_start for _start, end, _label in self.index.personnel_cues.within(noun_start - 40, noun_end)):
            return True
        governing = [c for c in self.index.personnel_cues.within(s_start, noun_start)
                     if c[2] == "casualties" and self.index.words_between(c[1], noun_start) <= GOVERNING_LOSS_WORDS
                     and not self._figure_between_offsets(c[1], noun_start, skip=1)]
        if governing:
            return True
        cues = self.index.personnel_cues.within(noun_end, s_end)
        if not cues or self.index.words_between(noun_end, cues[0][0]) > 3:
            return False
        return military

    def _figure_between_offsets(self, start: int, end: int, skip: int = 0) -> bool:
        """Whether more than `skip` figures start between two offsets."""
        return bisect_left(self.number_starts, end) - bisect_left(self.number_starts, start) > skip

    # -- 2.-3. loss or not, and the claim's fields ---------------------------------------

    def _claim(self, figure: Figure) -> Claim | None:
        number = figure.number
        s_start, s_end = self.sentences[figure.sentence]
        rejection = self._rejection(figure, s_start, s_end)
        if rejection is not None:
            self._reject(number, rejection)
            return None

        category: str | None = figure.category
        category_rule = figure.how
        if figure.ellipsis_of is not None and figure.ellipsis_of.claim is not None:
            antecedent = figure.ellipsis_of.claim.category
            # "300 tués et 500 blessés": people take their own word; "627 détruits ... 288 capturés" stay tanks
            category = self._personnel_after(figure.noun_end, s_end, figure) if antecedent.startswith(PERSONNEL) else None
            category_rule = "personnel_cue_after_ellipsis" if category else "ellipsis_of_previous"
            category = category or antecedent
        elif figure.daily_of is not None and figure.daily_of.claim is not None:
            category = figure.daily_of.claim.category
        elif category == PERSONNEL:
            category, category_rule = self._personnel_category(figure, s_start, s_end)
            if category is None and figure.bulletin:
                category = "personnel_casualties"  # a bulletin's "personnel" line counts its losses
                category_rule = "bulletin_personnel_line"
            if category is None and self._loss_word_near(figure, s_start, s_end):
                category = "personnel_casualties"  # "le nombre de militaires occupants détruits", "destroyed 10,000 troops"
                category_rule = "loss_word_on_personnel"
            if category is None:
                self._reject(number, "personnel_without_loss_word")
                return None
        assert category is not None  # each branch above gives a category or returns
        if category == "armoured_vehicles" and self._includes_tanks(figure, s_end):
            category, category_rule = "tanks_and_armoured_vehicles", "total_including_tanks"
        if category in CATEGORIES_NOT_LOSSES:
            self._reject(number, "counts_no_loss_category")  # "16 pièces d'équipement militaire", "10 roquettes"
            return None
        if category in GENERIC_EQUIPMENT and self.lex.all_kinds.match(self.text, figure.noun_end):
            # "1,091 military vehicles of all kinds" is all equipment (`other`); "tanks of all types" are tanks
            self._reject(number, "all_kinds_of_equipment")
            return None
        if any(min(self.index.words_between(c[0], number.start), self.index.words_between(c[0], figure.noun_end))
               <= OTHER_WAR_WORDS for c in self.index.other_wars.within(s_start, s_end) if c[2] == "cue"):
            self._reject(number, "another_war")  # "15 000 soldats soviétiques tués en Afghanistan"
            return None
        if not figure.bulletin and figure.ellipsis_of is None and figure.daily_of is None:
            not_loss = self._not_loss(figure, s_start, s_end)
            if not_loss is not None:
                self._reject(number, not_loss)
                return None

        qualifier, value_max, qualifier_start, qualifier_rule = self._qualifier(number, s_start)
        start = min(number.start, figure.noun_start, qualifier_start)
        end = max(number.end, figure.noun_end)
        cue = self._cue_after(figure.noun_end, s_end)
        if cue is not None:
            end = max(end, cue)
        if figure.daily_of is not None and self.text.startswith(")", end):
            end += 1  # "(+1 740)": the increment's evidence closes its bracket
        scope, period, scope_rule, scope_span = self._scope(figure, category, s_start, s_end, end)
        as_of, as_of_rule, as_of_span = self._as_of(figure, s_start, s_end, scope_rule, scope_span)
        side = figure.side_said = self._side(figure, s_start, s_end)
        claim = Claim(
            value=number.value,
            value_max=value_max,
            qualifier=qualifier,
            category=category,
            side=side or "russia",
            scope=scope,
            period=period,
            as_of=as_of,
            start=start,
            end=end,
            text=self.text[start:end],
            caption=self.cleaned.mark_at(number.start, number.end) is not None,
        )
        claim.decide("value", "words" if number.words else "digits", number.start, number.end)
        claim.decide("category", category_rule, figure.noun_start, figure.noun_end)
        claim.decide("qualifier", qualifier_rule, qualifier_start, number.start)
        claim.decide("scope", scope_rule, *scope_span)
        claim.decide("period", scope_rule, *scope_span)
        claim.decide("as_of", as_of_rule, *as_of_span)
        if side:
            claim.decide("side", f"said:{figure.side_rule}", *figure.side_span)
        return claim

    def _rejection(self, figure: Figure, s_start: int, s_end: int) -> str | None:
        """Why a counted figure cannot be a claim, or None."""
        if figure.daily_of is not None and figure.daily_of.claim is None:
            return "increment_of_a_non_claim"
        while figure.ellipsis_of is not None and figure.ellipsis_of.claim is None \
                and figure.ellipsis_of.ellipsis_of is not None:  # "627 détruits, 42 endommagés, 51 abandonnés"
            figure.ellipsis_of = figure.ellipsis_of.ellipsis_of
        if figure.ellipsis_of is not None and figure.ellipsis_of.claim is None:
            if self._rejected_as(figure.ellipsis_of) not in NOT_LOSS_REASONS:
                return "ellipsis_of_a_non_claim"
            # "Of the 40 missiles fired, 35 were shot down": the same kind, judged on its own words
            figure.ellipsis_of, figure.how = None, "ellipsis_of_a_figure_not_lost"
        if figure.ellipsis_of is not None and (after := self._force_after(figure, s_end)):
            return "ellipsis_" + after  # "un tué et 27 disparus": the missing are not losses
        if self.index.hypothetical_cues.within(s_start, figure.number.start) and not figure.bulletin:
            return "hypothetical_cue_before"
        if self.lex.not_counts.search(self.text, max(s_start, figure.number.start - BEFORE_FIGURE_CHARS),
                                      figure.number.start):
            return "not_counted"
        return None

    def _includes_tanks(self, figure: Figure, s_end: int) -> bool:
        """"15 véhicules blindés ukrainiens, dont huit chars": a total of armour that includes tanks."""
        following = bisect_right(self.number_starts, figure.number.start)
        if following >= len(self.number_starts) or self.number_starts[following] >= s_end:
            return False
        subset = self.figure_at.get(self.number_starts[following])
        return (subset is not None and subset.category == "tanks"
                and bool(SUBSET_LINK.fullmatch(self.text, figure.noun_end, subset.number.start)))

    def _rejected_as(self, figure: Figure) -> str | None:
        """The reason a figure was dropped, if it was."""
        return next((r.reason for r in reversed(self.rejected) if r.start == figure.number.start), None)

    def _personnel_after(self, position: int, s_end: int, figure: Figure) -> str | None:
        """The personnel word just after the counted noun, never past the next figure ("Russia
        lost 71 soldiers and 210 were wounded": the wounded are the 210)."""
        following = bisect_right(self.number_starts, figure.number.start)
        stop = min(s_end, self.number_starts[following]) if following < len(self.number_starts) else s_end
        aside = ASIDE.search(self.text, position, stop)  # "tué 80 150 soldats (et blessé plus du triple)"
        cues = self.index.personnel_cues.within(position, aside.start() if aside else stop)
        if cues and self.index.words_between(position, cues[0][0]) <= CUE_AFTER_NOUN_WORDS:
            return self._combine(cues, cues[0])
        return None

    def _combine(self, cues: list[tuple[int, int, str]], first: tuple[int, int, str]) -> str:
        """"tués et blessés": a killed word and a wounded word together are casualties."""
        labels = {first[2]}
        for cue in cues:
            if cue is first:
                continue
            between = self.text[first[1] : cue[0]] if cue[0] > first[1] else self.text[cue[1] : first[0]]
            if COORDINATION.fullmatch(between):
                labels.add(cue[2])
        if {"killed", "wounded"} <= labels:
            return "personnel_casualties"
        return "personnel_" + first[2]

    def _personnel_category(self, figure: Figure, s_start: int, s_end: int) -> tuple[str | None, str]:
        """Killed, wounded, casualties or captured, and the rule that said so: the noun's own
        word, else the word just after it, else the word of the sentence nearest the figure."""
        # "morts ou blessés", "le nombre de morts", "180,000 fallen soldiers": the noun says it
        own = [cue for cue in self.index.personnel_cues.within(figure.noun_start - 40, figure.noun_end)
               if cue[1] > figure.noun_start or cue[0] >= figure.number.end]
        if own:
            return (self._combine(own, own[0]) if len(own) > 1 else "personnel_" + own[0][2]), "personnel_cue:noun"
        after = self._personnel_after(figure.noun_end, s_end, figure)
        if after:
            return after, "personnel_cue:after_noun"
        cues = self.index.personnel_cues.within(s_start, s_end)
        if not cues:  # "... 5 540 officers have died. Among them are 12 generals."
            cues = [c for a, b in self._continued_sentence(figure.sentence) for c in self.index.personnel_cues.within(a, b)]
            if cues:
                return self._combine(cues, cues[-1]), "personnel_cue:list_continued"
            return None, "personnel_cue:none"
        nearest = min(cues, key=lambda c: self.index.words_between(c[0], figure.number.start))
        return self._combine(cues, nearest), "personnel_cue:nearest"

    def _not_loss(self, figure: Figure, s_start: int, s_end: int) -> str | None:
        """Why a counted figure is no loss, or None when it is one.

        A loss word qualifying the counted noun ("125 000 militaires russes «liquidés»") decides;
        else the nearest of the loss words and the force or damage words of the sentence (or of
        the sentence a list continues: "Parmi eux se trouvaient 953 chars ...")."""
        number_at = figure.number.start
        windows = [(s_start, s_end)] + self._continued_sentence(figure.sentence)
        if figure.category in INTERCEPTED_CATEGORIES and not any(
                self.index.interception_cues.within(a, b) for a, b in windows):
            return "launched_not_intercepted"  # missiles and drones fired are not losses; shot down, they are
        if self._cue_after(figure.noun_end, s_end) is not None:
            return None
        loss = [c[0] for a, b in windows for c in self.index.loss_cues.within(a, b)]
        loss += [c[0] for a, b in windows for c in self.index.personnel_cues.within(a, b)]
        if figure.category in (PERSONNEL,) or figure.category.startswith("personnel"):
            loss += [figure.noun_start] if self.index.personnel_cues.within(figure.noun_start, figure.noun_end) else []
        if not loss:
            return "no_loss_word"
        # a loss word governing a list governs its later figures ("lost 2,200 of the 3,500 tanks it had ...,
        # as well as 4,400 of its 13,600 IFVs"): measured from the list's first figure too
        list_start = self._list_start(figure, s_start)
        nearest_loss = min(self.index.words_between(p, number_at if p >= list_start else list_start) for p in loss)
        for start, _end, label in self._force_words(s_start, s_end, number_at):
            distance = self.index.words_between(start, number_at)
            if label == "exchanged" and distance <= EXCHANGE_WORDS and any(
                    c[2] == "captured" for c in self.index.personnel_cues.within(figure.noun_start, figure.noun_end + 30)):
                return "prisoners_exchanged"  # "échangé 95 prisonniers de guerre": the noun's own word yields
            if label == "launched" and (figure.category not in INTERCEPTED_CATEGORIES
                                        or CLAUSE_MARK.search(self.text, min(_end, number_at), max(start, number_at))):
                continue  # only missiles and drones are fired; "Of the 40 missiles fired, 35 were shot down": the 40
            if distance < nearest_loss:
                return {"damaged": "damaged_only", "launched": "launched_not_lost"}.get(label, "force_nearer")
        return None

    def _loss_word_near(self, figure: Figure, s_start: int, s_end: int) -> bool:
        """A loss word (not a personnel one) within a few words of a personnel figure, its noun,
        or the first figure of the list it ends ("destroyed 250 tanks and nearly 10,000 troops")."""
        starts = [figure.number.start, self._list_start(figure, s_start)]
        return any(min(min(self.index.words_between(c[0], at) for at in starts),
                       self.index.words_between(c[0], figure.noun_end)) <= LOSS_WORD_NEAR_WORDS
                   for c in self.index.loss_cues.within(s_start, s_end))

    def _list_start(self, figure: Figure, s_start: int) -> int:
        """Where the list of figures that a figure closes starts ("250 tanks and 10,000 troops")."""
        at = figure.number.start
        index = bisect_left(self.number_starts, at)
        while index > 0 and self.number_starts[index - 1] >= s_start:
            before = self.figure_at.get(self.number_starts[index - 1])
            if before is None or not LIST_JOIN.fullmatch(self.text, before.noun_end, at):
                break
            at = before.number.start
            index -= 1
        return at

    def _force_words(self, s_start: int, s_end: int, number_at: int) -> list[tuple[int, int, str]]:
        """The sentence's words of force and damage that can tell a figure is no loss: a
        `before_figure` word only just before it, a damage word only when no loss word is
        coordinated with it ("détruits ou endommagés"); never where a weapon was made."""
        found = []
        for start, end, label in self.index.force_cues.within(s_start, s_end):
            if label == "origin" or HYPHEN_TAIL.search(self.text, max(0, start - 2), start) \
                    or any(n[0] <= start < n[1] for n in self.index.nouns.within(max(s_start, start - 60), end)):
                continue  # "multiple launch rocket systems", "air-launched cruise missiles": a word of the noun
            if label == "before_figure" and not (end <= number_at and self.index.words_between(end, number_at) <= 2):
                continue
            if label == "damaged" and any(
                    COORDINATION.fullmatch(self.text, min(end, c[1]), max(start, c[0]))
                    for c in self.index.loss_cues.within(max(s_start, start - 40), min(s_end, end + 40))):
                continue
            found.append((start, end, label))
        return found

    def _continued_sentence(self, sentence: int) -> list[tuple[int, int]]:
        """The sentence before, when this one continues its list: "Parmi eux se trouvaient ...",
        "Among them are 12 generals"."""
        s_start = self.sentences[sentence][0]
        if sentence == 0 or not self.lex.list_openers.match(self.text, s_start):
            return []
        return [self.sentences[sentence - 1]]

    def _force_after(self, figure: Figure, s_end: int) -> str | None:
        """"un tué et 27 disparus", "42 endommagés", "39 others did not reach their targets":
        a force or damage word right after the counted noun."""
        following = bisect_right(self.number_starts, figure.number.start)
        stop = min(s_end, self.number_starts[following]) if following < len(self.number_starts) else s_end
        for start, _end, label in self._force_words(figure.noun_end, stop, figure.number.start):
            if self.index.words_between(figure.noun_end, start) <= 2:
                return "damaged_only" if label == "damaged" else "force_after"
            break
        return None

    def _cue_after(self, position: int, s_end: int) -> int | None:
        for table in (self.index.personnel_cues, self.index.loss_cues):
            cues = table.within(position, s_end)
            if cues and self.index.words_between(position, cues[0][0]) <= 2:
                return cues[0][1]
        return None

    def _qualifier(self, number: NumberMention, s_start: int) -> tuple[str, int | None, int, str]:
        """The qualifier, the range's high end, where the qualifier's words start, and the rule."""
        if number.value_max is not None:
            return "range", number.value_max, number.start, "range"
        if number.plus:
            return "more_than", None, number.start, "plus_sign"
        if number.approx:
            return "about", None, number.start, "collective_number"  # "une vingtaine", "un demi-millier"
        base = max(s_start, number.start - 80)
        for rule in self.lex.qualifiers:
            match = rule.regex.search(self.text, base, number.start)
            if match and (rule.requires is None or self._found_before(rule.requires, s_start, number.start)):
                return rule.qualifier, None, match.start(), f"words:{rule.qualifier}"
        return "exact", None, number.start, "no_qualifier_word"

    def _scope(self, figure: Figure, category: str, s_start: int, s_end: int,
               span_end: int) -> tuple[str, str | None, str, tuple[int | None, int | None]]:
        """Scope and period, the rule that decided them and the span it read: the nearest cue
        or date to the figure decides, else the figure it continues ("et 1 950 autres"), else its size.

        Period cues and dates count within PERIOD_NEAR_WORDS of the figure, never when they
        date a statement ("a déclaré dimanche", "Fin décembre, Zelensky a évoqué").
        """
        none = (None, None)
        if figure.daily_of is not None:
            return "period", "day", "increment_of_total", none
        if figure.bulletin:
            return "cumulative", None, "bulletin_total", none
        span_start = figure.number.start
        candidates: list[tuple[int, str, bool, str, int, int]] = []
        for start, end, label in self.index.scope.within(s_start, s_end):
            if label in FRAME_LABELS:
                continue  # read by `_carry_frames`, once every figure has its own cues
            if start < figure.noun_end and end > figure.noun_start:
                continue  # "main battle tanks" is a noun, not a battle
            distance = self._distance(start, end, span_start, span_end)
            if label != "cumulative" and self._figure_between(figure, start, end):
                continue  # "792 170 ..., dont 1 370 au cours des dernières 24 heures": the cue is 1 370's
            if label in PERIODS_AND_NIGHT:
                if distance > PERIOD_NEAR_WORDS or self._dates_statement(start, end, figure):
                    continue
            elif label == "event" and distance > SENTENCE_WINDOW_WORDS:
                continue
            candidates.append((distance + (1 if label == "cumulative" else 0), label, label == "night", f"cue:{label}",
                               start, end))
        for mention in self._dates_in(s_start, s_end):
            label = DATE_PERIODS.get(mention.kind, "")
            if not label or (mention.kind == "explicit" and (not mention.date or len(mention.date) < 10)):
                continue
            if label == "day" and figure.number.value >= self._threshold(category) * DATED_TOTAL_FACTOR:
                continue  # "passed the million mark on Thursday": the date of a total, not a day's figure
            distance = self._distance(mention.start, mention.end, span_start, span_end)
            if self._figure_between(figure, mention.start, mention.end):
                continue
            if distance > (YEAR_NEAR_WORDS if label == "year" else PERIOD_NEAR_WORDS) or self._dates_statement(
                mention.start, mention.end, figure
            ):
                continue
            candidates.append((distance, label, label == "day", f"date:{mention.kind}", mention.start, mention.end))
        if candidates:
            _distance, label, soft, rule, start, end = min(candidates, key=lambda c: c[0])
            if label in PERIODS_AND_NIGHT:
                figure.soft_day = soft
                period = "day" if label == "night" else PREVIOUS_PERIODS.get(label, label)
                return "period", period, rule, (start, end)
            return label, None, rule, (start, end)
        if figure.ellipsis_of is not None and figure.ellipsis_of.claim is not None:
            # "1 950 autres" with no cue of its own: the scope of the figure it continues
            antecedent = figure.ellipsis_of
            figure.scope_by_size, figure.soft_day = antecedent.scope_by_size, antecedent.soft_day
            return antecedent.claim.scope, antecedent.claim.period, "ellipsis_of_previous", none
        figure.scope_by_size = True
        if figure.number.value >= self._threshold(category):
            return "cumulative", None, "size_above_threshold", none
        return "event", None, "size_below_threshold", none

    def _figure_between(self, figure: Figure, start: int, end: int) -> bool:
        """Whether a figure of the same kind stands between this one and a cue: "792 170 ..., dont
        1 370 au cours des dernières 24 heures" (the cue is the part's), not "23,000 troops and
        3,000 pieces of equipment last month" (a list shares it)."""
        low, high = (end, figure.number.start) if end <= figure.number.start else (figure.number.end, start)
        if high <= low:
            return False
        kind = _coarse(figure.category)
        between = self.number_starts[bisect_right(self.number_starts, low - 1) : bisect_left(self.number_starts, high)]
        return any((other := self.figure_at.get(at)) is not None and _coarse(other.category) == kind for at in between)

    def _distance(self, start: int, end: int, span_start: int, span_end: int) -> int:
        if end <= span_start:
            return self.index.words_between(end, span_start)
        if start >= span_end:
            return self.index.words_between(span_end, start)
        return 0

    def _dates_statement(self, start: int, end: int, figure: Figure) -> bool:
        """A date right after a verb of saying, or before the verb that introduces the figure."""
        s_start = self.sentences[figure.sentence][0]
        for t_start, t_end, kind in self.index.attribution.within(s_start, figure.number.start):
            if kind not in ("verbs", "pronoun_verbs"):
                continue
            if t_end <= start and self.index.words_between(t_end, start) <= 1:
                return True
            if end <= t_start and t_end <= figure.number.start:
                return True
        return False

    def _dates_in(self, s_start: int, s_end: int) -> list[DateMention]:
        mentions = self.dates[bisect_left(self.date_starts, s_start) : bisect_left(self.date_starts, s_end)]
        return [m for m in mentions if not _starts_a_period(self.text, max(s_start, m.start - 60), m)]

    def _threshold(self, category: str) -> float:
        """The size from which a figure with no cue reads as a total since the invasion.

        Scaled down in the war's first three months, when totals were still small.
        """
        key = category if category in self.lex.scope_threshold else PERSONNEL if category.startswith("personnel") else category
        base = self.lex.scope_threshold.get(key, 100)
        date = self.document.date
        if not date:
            return base
        elapsed = (_parse_day(date) - INVASION_DAY).days
        return base * min(1.0, max(elapsed, 1) / EARLY_WAR_DAYS)

    def _near_date(self, figure: Figure, s_start: int, s_end: int, kinds: tuple[str, ...]) -> DateMention | None:
        number_at = figure.number.start
        best: DateMention | None = None
        for mention in self._dates_in(s_start, s_end):
            if mention.kind not in kinds or self._dates_statement(mention.start, mention.end, figure):
                continue
            distance = self.index.words_between(mention.start, number_at)
            if distance > PERIOD_NEAR_WORDS:
                continue
            if best is None or distance < self.index.words_between(best.start, number_at):
                best = mention
        return best

    def _as_of(self, figure: Figure, s_start: int, s_end: int, scope_rule: str,
               scope_span: tuple[int | None, int | None]) -> tuple[str | None, str, tuple[int | None, int | None]]:
        """The figure's date, the rule that gave it and the span it read: a date near it, else the
        date of the statement that gives it ("Le 25 mars, le ministère a annoncé que 1 351..."),
        else the period before the document's ("last month"), a bulletin's header, the document's."""
        kinds = ("explicit", "weekday", "relative_day", "month", "week", "day_number", "year")
        mention = self._near_date(figure, s_start, s_end, kinds)
        if mention is None:
            mention = self._statement_date(figure, s_start, kinds)
            if mention is not None and mention.date and mention.kind != "year":
                return mention.date, f"statement_date:{mention.kind}", (mention.start, mention.end)
            mention = None
        previous = scope_rule.removeprefix("cue:")
        if previous in PREVIOUS_PERIODS and self.document.date:
            return _period_before(self.document.date, PREVIOUS_PERIODS[previous]), f"cue:{previous}", scope_span
        if mention is not None and mention.date:
            span = (mention.start, mention.end)
            if mention.kind == "year":
                # a year's figure is as of its December, unless that is still to come
                end_of_year = mention.date[:4] + "-12"
                document = self.document.date
                if document is None or end_of_year < document[:7]:
                    return end_of_year, "date:year_december", span
                return document, "date:current_year_document_date", span
            return mention.date, f"date:{mention.kind}", span
        if figure.bulletin or figure.daily_of is not None:
            header = self._bulletin_date()
            if header:
                return header, "bulletin_header_date", (None, None)
        return self.document.date, "document_date", (None, None)

    def _statement_date(self, figure: Figure, s_start: int, kinds: tuple[str, ...]) -> DateMention | None:
        """The date of the statement that introduces the figure, the nearest before it in its sentence."""
        before = [m for m in self._dates_in(s_start, figure.number.start)
                  if m.kind in kinds and m.end <= figure.number.start and self._dates_statement(m.start, m.end, figure)]
        return before[-1] if before else None

    def _bulletin_date(self) -> str | None:
        if self.bulletin_from is None:
            return None
        stop = self.text.find("\n", self.bulletin_from)
        stop = len(self.text) if stop < 0 else stop
        explicit = [d for d in self.dates if self.bulletin_from - 200 <= d.start < stop and d.kind == "explicit" and d.date]
        return explicit[-1].date if explicit else None

    def _side(self, figure: Figure, s_start: int, s_end: int) -> str | None:
        """Whose losses, when the sentence says (see the side tables of the lexicon); the rule
        that decided is kept in `figure.side_rule`. `enemy` and `own` are resolved against the
        source once it is known."""
        found = self._side_decision(figure, s_start, s_end)
        if found is None:
            return None
        side, figure.side_rule, start, end = found
        figure.side_span = (start, end)
        return side

    def _side_decision(self, figure: Figure, s_start: int, s_end: int) -> tuple[str, str, int, int] | None:
        text = self.text
        number = figure.number
        # 1. the counted noun's own side: "100 000 Russes", "1,200 Russian troops", "soldats russes"
        within = [a for a in self.index.side_adjectives.within(number.end, figure.noun_end) if a[0] >= number.end]
        if within:
            return within[-1][2], "noun_adjective", within[-1][0], within[-1][1]
        for start, end, side in self.index.side_adjectives.within(figure.noun_end, min(s_end, figure.noun_end + 40)):
            if not text[figure.noun_end : start].strip():
                return side, "noun_adjective", start, end
            break
        complement = self._side_of_complement(figure, s_end)
        if complement is not None:
            return complement
        # 2. both sides together
        for start, end, _ in self.index.side_both.within(s_start, s_end):
            if self.index.words_between(start if start > number.start else end, number.start) <= SIDE_BOTH_WORDS:
                return "other", "both_sides", start, end
        excluded = self._attribution_span(figure.sentence)
        # 3. the owner of the losses: "Russia's losses", "la Russie a perdu", "les pertes ukrainiennes"
        owners = []
        for start, end, side in self.index.side_names.within(s_start, s_end):
            if self.lex.estimates_for.search(text, max(s_start, start - 40), start) or self.lex.cost_to.search(
                    text, max(s_start, start - 40), start):
                owners.append((self.index.words_between(start, number.start), side, start, end))
                continue  # "les estimations pour l'Ukraine s'élevaient à 70 000 morts", "has cost Russia"
            if excluded[0] <= start < excluded[1] or self._locative(start):
                continue
            possessor = self.lex.side_possessor.search(text, max(s_start, start - 60), start)
            if POSSESSIVE.match(text, end):
                # "Russia's losses": the owner; "Kyiv's count": not the loser
                if self.lex.possessive_owner.match(text, end, end + 40):
                    owners.append((self.index.words_between(start, number.start), side, start, end))
                continue
            if possessor or self._loss_follows(end, s_end):
                owners.append((self.index.words_between(start, number.start), side, start, end))
        for start, end, side in self.index.side_adjectives.within(s_start, s_end):
            if excluded[0] <= start < excluded[1] or number.start <= start < figure.noun_end:
                continue
            head = self._side_head(start, end, s_start, s_end)
            if head is None:
                continue
            head_start, head_end, head_word = head
            if (head_word.lower() in self.lex.loss_heads or self._loss_follows(max(end, head_end), s_end)
                    or self.lex.side_possessor.search(text, max(s_start, min(start, head_start) - 60), min(start, head_start))):
                owners.append((self.index.words_between(start, number.start), side, start, end))
        own = self._own_side(figure, s_start, s_end)
        if own is not None:
            owners.append(own)
        if owners:
            _distance, side, start, end = min(owners)
            return side, "owner", start, end
        # 4. who destroyed: the other side lost
        agent = self._agent_side(figure, s_start, s_end, excluded)
        if agent is not None:
            return agent
        # 5. "1 351 soldats avaient été tués en Ukraine": the invader's dead
        if figure.category.startswith(PERSONNEL):
            for start, end, side in self.index.side_names.within(number.end, s_end):
                if side == "ukraine" and self._locative(start) and self.index.words_between(figure.noun_end, start) <= DIED_IN_WORDS \
                        and not SUBJECT_BREAK.search(self.text, figure.noun_end, start) and not POSSESSIVE.match(self.text, end):
                    return "russia", "died_in_ukraine", start, end
        # 6. the nearest side adjective of the sentence
        nearest: tuple[int, str, int, int] | None = None
        source_spans = [(a, b) for a, b, _ in self.index.sources.within(s_start, s_end)]
        for start, end, side in self.index.side_adjectives.within(s_start, s_end):
            if number.start <= start < figure.noun_end or excluded[0] <= start < excluded[1]:
                continue
            if any(a <= start < b + 3 for a, b in source_spans):
                continue  # "le renseignement militaire ukrainien", "Ukraine's military": the source, not the loser
            if AGENT.search(text, max(s_start, start - 50), start):
                continue  # "détruits par les défenseurs ukrainiens": who destroyed, not who lost
            if self._locative(start):
                continue
            if not self._qualifies_military(start, end, s_start, s_end):
                continue  # "storm Ukrainian trenches", "les villes ukrainiennes": not whose losses
            distance = self.index.words_between(start, number.start)
            if nearest is None or distance < nearest[0]:
                nearest = (distance, side, start, end)
        return (nearest[1], "nearest_adjective", nearest[2], nearest[3]) if nearest else None

    def _qualifies_military(self, start: int, end: int, s_start: int, s_end: int) -> bool:
        """Whether a side adjective qualifies a counted noun or a head that owns losses (a noun
        within two words after it in English, before it in French), not a place or a thing."""
        if self._side_head(start, end, s_start, s_end) is not None:
            return True
        if self.lang == "en":
            window = (end, min(s_end, end + 30))
            nouns = self.index.nouns.within(*window) + self.index.conditional_nouns.within(*window)
            return any(self.index.words_between(end, n[0]) <= 2 and not SUBJECT_BREAK.search(self.text, end, n[0]) for n in nouns)
        window = (max(s_start, start - 40), start)
        nouns = self.index.nouns.within(*window) + self.index.conditional_nouns.within(*window)
        return any(n[1] <= start and self.index.words_between(n[1], start) <= 2 and not SUBJECT_BREAK.search(self.text, n[1], start)
                   for n in nouns)

    def _side_of_complement(self, figure: Figure, s_end: int) -> tuple[str, str, int, int] | None:
        """"49 UAVs of the Ukrainian army", "3 200 combattants des forces armées ukrainiennes",
        "boats of the enemy": the noun's complement names its side."""
        complement = SIDE_COMPLEMENT.match(self.text, figure.noun_end)
        if complement is None:
            return None
        after = complement.end()
        stop = min(s_end, after + 50)
        candidates = self.index.side_adjectives.within(after, stop) + self.index.side_names.within(after, stop)
        for start, end, side in sorted(candidates):
            between = self.text[after:start]
            if SUBJECT_BREAK.search(between) or len(WORDS.findall(between)) > SIDE_COMPLEMENT_WORDS:
                return None
            if self.index.side_agents.within(after, start):
                return None
            return side, "noun_complement", start, end
        return None

    def _side_head(self, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int, str] | None:
        """The head a side adjective qualifies: "forces armées ukrainiennes", "Ukrainian armed forces"."""
        if self.lang == "en":
            match = self.lex.side_head_after.match(self.text, end, min(s_end, end + 40))
        else:
            match = self.lex.side_head_before.search(self.text, max(s_start, start - 40), start)
        return (match.start(1), match.end(1), match.group(1)) if match else None

    def _loss_follows(self, end: int, s_end: int) -> bool:
        """"la Russie a perdu", "Ukrainian forces suffered": a loss word within a few words."""
        stop = min(s_end, end + 60)
        agents = self.index.side_agents.within(end, stop) + [(m.start(), m.end(), "cost") for m in COST.finditer(self.text, end, stop)]
        return any(self.index.words_between(end, c[0]) <= 4 and c[0] >= end
                   and not any(a[0] <= c[0] < a[1] for a in agents)  # "Ukrainian forces destroyed": who destroyed
                   for table in (self.index.loss_cues, self.index.personnel_cues)
                   for c in table.within(end, stop))

    def _own_side(self, figure: Figure, s_start: int, s_end: int) -> tuple[int, str, int, int] | None:
        """"1 351 de ses soldats", "498 of its troops", "ses pertes": the speaker's own side."""
        number = figure.number
        for start, end, _ in self.index.side_own.within(s_start, s_end):
            if number.end <= start and self.index.words_between(number.end, start) <= 2:
                distance = 0
            elif end <= number.start and self.index.words_between(end, number.start) <= SIDE_OWN_WORDS:
                distance = self.index.words_between(end, number.start)
            else:
                continue
            # the possessive's antecedent: the side named last before it ("l'armée russe a perdu
            # 880 hommes, portant ses pertes à"), else whoever speaks
            before = [m for m in self.index.side_names.within(s_start, start) + self.index.side_adjectives.within(s_start, start)
                      if m[2] in OPPOSITE and not self._locative(m[0])]
            return (distance, max(before)[2] if before else "own", start, end)
        return None

    def _agent_side(self, figure: Figure, s_start: int, s_end: int,
                    excluded: tuple[int, int]) -> tuple[str, str, int, int] | None:
        """The side that destroyed the figure's items, as the subject of an active verb whose
        object list holds the figure ("l'armée russe a abattu 416 avions, 230 hélicoptères") or
        as its agent after it ("abattus par la défense russe"): the other side lost them."""
        number = figure.number
        verbs = [v for v in self.index.side_agents.within(s_start, number.start)
                 if self._active(v, s_start) and self._object_of(v[1], number)]
        words = sorted(self.index.side_adjectives.within(s_start, number.start)
                       + self.index.side_names.within(s_start, number.start))
        best: tuple[int, str, int, int] | None = None
        for v_start, _v_end, _ in verbs:
            for start, end, side in words:
                if end > v_start or excluded[0] <= start < excluded[1] or self._locative(start):
                    continue
                if self.index.words_between(end, v_start) > SIDE_AGENT_WORDS or SUBJECT_BREAK.search(self.text, end, v_start):
                    continue
                if self._counted_word(start, s_start):
                    continue  # "eliminated 55 Ukrainian troops and destroyed two vehicles": an object, not the subject
                distance = self.index.words_between(start, number.start)
                if best is None or distance < best[0]:
                    best = (distance, side, start, end)
        if best is None:
            after = self.index.side_adjectives.within(figure.noun_end, s_end) + self.index.side_names.within(figure.noun_end, s_end)
            for start, end, side in sorted(after):
                if AGENT.search(self.text, max(s_start, start - 50), start) and self.index.side_agents.within(figure.noun_end, start):
                    best = (0, side, start, end)
                    break
        if best is None or best[1] not in OPPOSITE:
            return None
        return OPPOSITE[best[1]], "agent", best[2], best[3]

    def _counted_word(self, position: int, s_start: int, words: int = COUNTED_WORDS) -> bool:
        """Whether a word qualifies a figure before it ("55 Ukrainian troops", "350 soldats ukrainiens"),
        standing within `words` words of it."""
        before = bisect_left(self.number_starts, position) - 1
        if before < 0 or self.number_starts[before] < s_start:
            return False
        number_start = self.number_starts[before]
        between = DIGITS.sub("", self.text[number_start:position])  # "100,000 Russian troops": the number's own comma
        return self.index.words_between(number_start, position) <= words + len(DIGIT_GROUPS.findall(self.text, number_start, position)) \
            and not SUBJECT_BREAK.search(between)

    def _active(self, verb: tuple[int, int, str], s_start: int) -> bool:
        """An agent verb in the active voice: not after "été/were", and a French participle that
        agrees ("militaires occupants détruits", "chars abattus") only after its auxiliary."""
        v_start, v_end, _ = verb
        if PASSIVE_BEFORE.search(self.text, max(s_start, v_start - 12), v_start):
            return False
        if self.lang == "fr" and AGREED_PARTICIPLE.search(self.text, v_start, v_end):
            return bool(AUXILIARY_BEFORE.search(self.text, max(s_start, v_start - 30), v_start))
        return True

    def _object_of(self, verb_end: int, number: NumberMention) -> bool:
        """Whether a figure is in the object list of a verb: the list starts within a few words
        of it, and no loss word or verb of saying opens another clause before the figure
        ("Russian soldiers killed or wounded now standing at 403,720" is no object)."""
        first = bisect_left(self.number_starts, verb_end)
        first_start = self.number_starts[first] if first < len(self.number_starts) else number.start
        if self.index.words_between(verb_end, min(first_start, number.start)) > SIDE_OBJECT_WORDS:
            return False
        if any(verb_end <= c[0] for c in self.index.personnel_cues.within(verb_end, number.start)):
            return False
        return not self.index.attribution.within(verb_end, number.start)

    def _attribution_span(self, sentence: int) -> tuple[int, int]:
        attribution = self.attributions[sentence] if self.attributions else None
        if attribution is None or attribution.start is None or attribution.end is None:
            return (-1, -1)
        return (attribution.start, attribution.end)

    def _locative(self, position: int) -> bool:
        sentence_start = self.sentences[self.cleaned.sentence_index(position)][0] if self.sentences else 0
        words = WORDS.findall(self.text, max(sentence_start, position - 24), position)
        return bool(words) and words[-1].lower().replace("’", "'") in LOCATIVE

    # -- 4. who said so ------------------------------------------------------------

    def _sentence_attribution(self, sentence: int) -> Attribution | None:
        """The source a sentence names for its figures, if it names one.

        In order: the outlet's own arithmetic ("cela signifie que"); a preposition before a
        source ("selon l'armée ukrainienne", "according to Oryx"); a source before a
        possessive ("Kyiv's count"); a verb of saying with its subject just before it ("the
        General Staff says"), or before its "que/that" clause, or right after it ("a annoncé
        l'état-major"), never a country that starts the reported clause ("says Russia has
        lost"); a pronoun's verb ("a-t-il déclaré"); a marker carrying the previous source.
        """
        s_start, s_end = self.sentences[sentence]
        triggers = self.index.attribution.within(s_start, s_end)
        sources = self.index.sources.within(s_start, s_end)
        anaphoras = self.index.anaphoras.within(s_start, s_end)
        if not triggers and not sources and not anaphoras:
            return None  # most sentences name no one
        # "le ministère" alone names again a source met before; within a named one it is that one
        sources = sorted(sources + [a for a in anaphoras if not any(start < a[1] and end > a[0] for start, end, _ in sources)])
        # "en Ukraine", "in Ukraine": a place, not a speaker; "les pertes de Kiev", "le bilan de l'armée
        # russe": the loser, not the speaker
        sources = [src for src in sources if not self._source_locative(src[0], src[1]) and not self._owned_loser(src[0], src[1])
                   and not self._counted_word(src[0], s_start, COUNTED_SOURCE_WORDS)]  # "350 militaires ukrainiens": counted
        dateline = DATELINE_PREFIX.match(self.text, s_start, s_end)
        if dateline is not None:  # "KYIV, Ukraine (AP) —", "MOSCOW, December 24. /TASS/.": where, not who
            sources = [src for src in sources if src[0] >= dateline.end()]
        # "the United States": no verb "states"; "par l'état-major": no carry word "l'état-major"
        triggers = [t for t in triggers if t[2] == "prepositions" or not any(
            a <= t[0] and t[1] <= b and (a, b) != (t[0], t[1]) for a, b, label in sources if not label.startswith(ANAPHORA))]
        admits = self._admits(s_start, s_end)
        headline = self._headline_speaker(s_start, s_end, sources)
        if headline is not None:
            return headline
        kinds = {kind for _s, _e, kind in triggers}
        channel: Attribution | None = None
        for source_start, source_end, source in sources:
            # "... killed in Ukraine: Nato", "... - MoD", "General Staff: Russia has lost ...": a headline's speaker
            if ((HEADLINE_TAIL_BEFORE.search(self.text, s_start, source_start) and HEADLINE_TAIL_AFTER.match(self.text, source_end, s_end))
                    or (HEADLINE_PREFIX_BEFORE.fullmatch(self.text, s_start, source_start) and HEADLINE_PREFIX_AFTER.match(self.text, source_end, s_end))):
                return Attribution(source, source_start, source_end, "headline", admits, rule="headline_tail_or_prefix")
        for start, end, kind in triggers:
            if kind not in ("prepositions", "carry") or (kind == "carry" and not PREPOSITION_START.match(self.text, start)):
                continue
            for source_start, source_end, source in sources:
                between = self.text[end:source_start]
                if " ".join(WORDS.findall(self.text[source_start:source_end].lower())) in self.lex.channels:
                    # "Shoigu told reporters, according to TASS": the agency relays, the speaker speaks
                    channel = channel or Attribution(source, min(start, source_start), source_end, "explicit", admits, rule="agency_relaying")
                    continue
                if (source_end > start and source_start >= start - 1
                        and self.index.words_between(end, source_start) <= PREPOSITION_WORDS
                        and not PREPOSITION_BREAK.search(between)):
                    named = next((n for n in sources if n[0] >= source_end and OF_SOURCE.fullmatch(self.text, source_end, n[0])),
                                 None) if source == "media_estimate" else None
                    if named is not None:  # "selon un calcul de l'Otan": the Otan's
                        return Attribution(named[2], min(start, source_start), named[1], "explicit", admits, rule="preposition_of_named")
                    apposed = next((n for n in sources if n[0] >= source_end and not n[2].startswith(ANAPHORA)
                                    and APPOSED_NAME.fullmatch(self.text, source_end, n[0])), None)
                    if apposed is not None:  # "according to the open-source intelligence website Oryx": Oryx
                        return Attribution(apposed[2], min(start, source_start), apposed[1], "explicit", admits, rule="preposition_apposed_name")
                    return Attribution(source, min(start, source_start), source_end, "explicit", admits, rule="preposition")
        opening = self.lex.opening_preposition.match(self.text, s_start)
        for source_start, source_end, source in sources:
            if source.startswith(ANAPHORA):
                continue
            # "Pour le Center for Strategic and International Studies (CSIS), ..."
            if opening is not None and source_start <= opening.end() + 12 and self.text.startswith(",", source_end):
                return Attribution(source, source_start, source_end, "explicit", admits, rule="opening_preposition")
            # "les chiffres publiés chaque matin par l'état-major ukrainien"
            if self.lex.published_by.search(self.text, max(s_start, source_start - 60), source_start):
                return Attribution(source, source_start, source_end, "explicit", admits, rule="published_by")
            # "By our count, ...", "selon nos calculs": a source phrase that is its own preposition
            if OWN_PREPOSITION.match(self.text, source_start):
                return Attribution(source, source_start, source_end, "explicit", admits, rule="own_preposition")
        for start, _end, kind in triggers:
            if kind == "postpositions":
                for source_start, source_end, source in sources:
                    if 0 <= start - source_end <= 1:
                        return Attribution(source, source_start, source_end, "explicit", admits, rule="postposition")
        # "par l'état-major ukrainien": a carry word within a source's name is that source
        carries = [t for t in triggers if t[2] == "carry"
                   and not any(a < t[1] and t[0] < b for a, b, label in sources if not label.startswith(ANAPHORA))]
        pronoun = next((t for t in triggers if t[2] == "pronoun_verbs"), None)
        for start, end, kind in triggers:
            if kind not in ("verbs", "image_publishers"):
                continue
            if pronoun is not None and pronoun[0] < start and self._incise(pronoun[0], s_start, s_end):
                # "6 000 soldats russes auraient été tués, a-t-il précisé, tandis que les forces ukrainiennes
                # disent ...": the figures' own speaker, not the next clause's
                return self._pronoun(pronoun, sources, s_start, admits)
            subject = [s for s in sources if s[1] <= start and self.index.words_between(s[1], start) <= SUBJECT_WORDS
                       and not SUBJECT_BREAK.search(self.text, s[1], start)]
            if subject:
                # the name nearest the verb ("Le site spécialisé Oryx a confirmé"), a named source before a kind
                source_start, source_end, source = max(subject, key=lambda s: (not s[2].startswith(ANAPHORA), s[1], s[1] - s[0]))
                return Attribution(source, source_start, source_end, "explicit", admits, rule="verb_subject")
            if any(c[1] <= start and self.index.words_between(c[1], start) <= SUBJECT_WORDS for c in carries):
                return Attribution("", start, end, "carry")
            if self.lex.subject_pronoun.search(self.text, max(s_start, start - 40), start):
                return self._pronoun((start, end, kind), sources, s_start, admits)  # "Il a également déclaré que"
            followed_by_que = bool(QUE.match(self.text[end : min(s_end, end + 40)]))
            if INCISE.search(self.text, max(s_start, start - 12), start) and not self._incise(start, s_start, s_end):
                # "The Oryx Blog, run by military analysts ..., has reported": the subject opens the sentence
                comma = self.text.rfind(",", s_start, start)
                opened = self.text.rfind(",", s_start, max(s_start, comma))
                between_commas = [s for s in sources if opened < s[0] and s[1] <= comma and not self.text[s[1]:comma].strip()
                                  and len(WORDS.findall(self.text, opened + 1, s[0])) <= 2]
                subjects = between_commas or sorted((s for s in sources if s[1] <= start and self.index.words_between(s_start, s[0]) <= SUBJECT_WORDS),
                                             key=lambda s: (s[2].startswith(ANAPHORA), s[0]))
                if subjects:  # "le ministre de la Défense d'alors, Sergueï Choïgou, avait fait état": the apposed name
                    return Attribution(subjects[0][2], subjects[0][0], subjects[0][1], "explicit", admits, rule="apposition_subject")
            if not followed_by_que and self._incise(start, s_start, s_end):
                # "», a annoncé l'adjoint au chef de l'état-major russe": the subject follows; what
                # stands before the comma is the quote
                after = [s for s in sources if s[0] >= end and self.index.words_between(end, s[0]) <= INCISE_WORDS
                         and not SUBJECT_BREAK.search(INITIAL.sub(" ", self.text[end:s[0]]))
                         and not CLAUSE_VERB.match(self.text, s[1])
                         and " ".join(WORDS.findall(self.text[s[0]:s[1]].lower())) not in self.lex.channels]
                if after:
                    return Attribution(after[0][2], after[0][0], after[0][1], "explicit", admits, rule="inverted_subject")
                continue
            before = [s for s in sources if s[1] <= start and self.index.words_between(s[1], start) <= 15]
            after = [s for s in sources if s[0] >= end and self.index.words_between(end, s[0]) <= INVERTED_WORDS
                     and not CLAUSE_VERB.match(self.text, s[1])]
            ordered = (list(reversed(before)) + after) if followed_by_que else (after + list(reversed(before)))
            if ordered:
                source_start, source_end, source = ordered[0]
                return Attribution(source, source_start, source_end, "explicit", admits, rule="verb_near_subject")
        if pronoun is not None:
            return self._pronoun(pronoun, sources, s_start, admits)
        arithmetic = [t for t in triggers if t[2] == "media_arithmetic"]
        if any(0 <= self.index.words_between(c[1], a[0]) <= 1 and c[1] <= a[0] for c in carries for a in arithmetic):
            return Attribution("media_estimate", None, None, "media")  # "Ce chiffre signifie que": the outlet's arithmetic on it
        actor = self._actor(s_start, s_end, sources, admits)
        if carries and (actor is None or PREPOSITION_START.match(self.text, carries[0][0])):
            # "Selon ce document, ..., soit en moyenne 1 009 par jour": the document's arithmetic; but
            # "En outre, l'armée russe a éliminé": the army that acts
            return Attribution("", carries[0][0], carries[0][1], "carry")
        if "media_arithmetic" in kinds:
            return Attribution("media_estimate", None, None, "media")
        return channel or actor

    def _pronoun(self, trigger: tuple[int, int, str], sources: list[tuple[int, int, str]], s_start: int,
                 admits: bool) -> Attribution:
        """A pronoun's speaker: the source that opens its own sentence ("Volodymyr Zelenskyy has given
        only occasional figures, ..., when he said"), else the last one named before."""
        start, end, _ = trigger
        quoted = self.text[s_start:s_start + 1] in QUOTES  # "‘Russie est sur le point de ..., a-t-il déclaré"
        opening = [src for src in sources if src[1] <= start and not src[2].startswith(ANAPHORA) and not quoted
                   and self.index.words_between(s_start, src[0]) <= SUBJECT_WORDS and not self._bare_country(src)]
        if opening:
            return Attribution(opening[0][2], opening[0][0], opening[0][1], "explicit", admits, rule="pronoun_of_sentence_subject")
        return Attribution("", start, end, "pronoun", admits)

    def _actor(self, s_start: int, s_end: int, sources: list[tuple[int, int, str]], admits: bool) -> Attribution | None:
        """With no verb of saying, a source that is the subject of the sentence's verb of destroying
        reports its own deeds ("The Ukrainian Air Force shot down 37 drones", "L'armée russe a abattu"); a
        headline ("L'armée russe abat trois avions ukrainiens") names no source."""
        if not SENTENCE_END.search(self.text, s_start, s_end):
            return None
        actions = [t for t in self.index.attribution.within(s_start, s_end) if t[2] == "actions"]
        for verb in sorted(self.index.side_agents.within(s_start, s_end) + actions):
            v_start = verb[0]
            if not self._active(verb, s_start):
                continue
            subject = [src for src in sources if src[1] <= v_start and self.index.words_between(src[1], v_start) <= SUBJECT_WORDS
                       and not SUBJECT_BREAK.search(self.text, src[1], v_start) and not self._counted_word(src[0], s_start)
                       and not self._bare_country(src)]
            if subject:
                source_start, source_end, source = subject[-1]
                return Attribution(source, source_start, source_end, "explicit", admits, rule="actor_of_destroying")
        return None

    def _headline_speaker(self, s_start: int, s_end: int,
                          sources: list[tuple[int, int, str]]) -> Attribution | None:
        """"Ukraine Loses Over 250 Soldiers in Past Day - MoD", "... during special op — Defense
        Ministry": a line that ends on a speaker after a dash or colon names the source of its
        figures. A ministry named by its kind alone is the one the article names next."""
        line_end = self.text.find("\n", s_start, s_end)
        tail = HEADLINE_TAIL.search(self.text, s_start, s_end if line_end < 0 else line_end)
        if tail is None:
            return None
        start, end = tail.span(1)
        phrase = " ".join(WORDS.findall(self.text, start, end)).lower()
        kind = next((key for key in (phrase, "the " + phrase) if key in self.lex.anaphora), None)
        if kind is not None:
            return Attribution(ANAPHORA + kind, start, end, "headline")
        named = next((src for src in sources if src[0] == start and src[1] == end), None)
        return Attribution(named[2], start, end, "explicit", rule="headline_tail") if named else None

    def _bare_country(self, source: tuple[int, int, str]) -> bool:
        """"Ukraine has knocked out", "la Russie a détruit": a country acts, no institution reports."""
        start, end, _label = source
        return " ".join(WORDS.findall(self.text.lower().replace("’", "'"), start, end)) in self.lex.bare_places

    def _owned_loser(self, start: int, end: int) -> bool:
        """A side's name after a head that owns losses ("pertes de Kiev", "bilan de l'armée russe")."""
        if not any(a <= start and end <= b for a, b, _ in self.index.side_names.within(max(0, start - 12), end)):
            return False
        sentence_start = self.sentences[self.cleaned.sentence_index(start)][0] if self.sentences else 0
        head = self.lex.side_possessor.search(self.text, max(sentence_start, start - 60), start) \
            or self.lex.side_possessor_qualified.search(self.text, max(sentence_start, start - 60), start)
        if head is None:
            return False
        # "selon le dernier bilan de l'armée ukrainienne": its report, not its losses
        return not any(kind == "prepositions" and b <= head.start()
                       for _a, b, kind in self.index.attribution.within(max(sentence_start, head.start() - 40), head.start()))

    def _incise(self, verb_start: int, s_start: int, s_end: int) -> bool:
        """"«1 351 militaires ont été tués», a annoncé X", "350 soldats ont été éliminés, a rapporté X":
        a verb of saying after a comma or a closing quote, once the figures are said; not the
        verb after an apposition ("The US defence secretary, Lloyd Austin, said that ...")."""
        if not INCISE.search(self.text, max(s_start, verb_start - 12), verb_start):
            return False
        if QUOTE_CLOSE.search(self.text, max(s_start, verb_start - 4), verb_start):
            return True
        first = bisect_left(self.number_starts, s_start)
        verb = bisect_left(self.number_starts, verb_start)
        last = bisect_left(self.number_starts, s_end)
        return first < verb or first == last  # the figures before it, or none in the sentence

    def _source_locative(self, start: int, end: int) -> bool:
        """"en Ukraine", "in Ukraine", "contre Kiev": a place; "in Kyiv's tally" is still Kyiv's."""
        sentence_start = self.sentences[self.cleaned.sentence_index(start)][0] if self.sentences else 0
        words = WORDS.findall(self.text, max(sentence_start, start - 24), start)
        if POSSESSIVE.match(self.text, end):
            return False
        return ((bool(words) and words[-1].lower() in self.lex.source_locatives)
                or bool(self.lex.place_of.search(self.text, max(sentence_start, start - 30), start)))

    def _admits(self, s_start: int, s_end: int) -> bool:
        return bool(self.index.admissions.within(s_start, s_end))

    def _resolve_chains(self, attributions: list[Attribution | None]) -> None:
        """Pronouns take the last named speaker; carried sources the one named just before;
        a sentence with no source continues the source of the paragraph's sentence before."""
        self._resolve_institutions(attributions)
        for index in range(1, len(attributions)):
            ahead = attributions[index]
            before = attributions[index - 1]
            if ((before is None or before.how == "carry") and ahead is not None and ahead.how == "explicit"
                    and self.lex.back_reference.match(self.text, self.sentences[index][0])):
                attributions[index - 1] = Attribution(ahead.source, ahead.start, ahead.end, "explicit", ahead.admits,
                                                      "named_by_next_sentence")
        last_speaker: Attribution | None = None
        last: tuple[int, Attribution] | None = None
        # an article that names one source only (a ministry's bulletin relayed) carries it over
        # every paragraph; one that names several carries a source within its paragraph
        single_source = len({a.source for a in attributions if a is not None and a.how == "explicit"}) == 1
        for index, attribution in enumerate(attributions):
            if attribution is None and self.lex.topic_shift.match(self.text, *self.sentences[index]):
                last = None
            if attribution is None:
                if last is not None and (single_source or self._same_paragraph(last[0], index)):
                    attributions[index] = Attribution(last[1].source, last[1].start, last[1].end, "paragraph",
                                                      last[1].admits, "same_paragraph" if self._same_paragraph(last[0], index)
                                                      else "single_source_article")
                continue
            if attribution.how == "pronoun":
                if last_speaker is not None:
                    attribution.source = last_speaker.source
                    attribution.start, attribution.end = last_speaker.start, last_speaker.end
                else:
                    attributions[index] = None
                    continue
            elif attribution.how == "carry":
                if last is not None and index - last[0] <= CARRY_SENTENCES:
                    attribution.source = last[1].source
                    attribution.start, attribution.end = last[1].start, last[1].end
                else:
                    attributions[index] = None
                    if last is not None and (single_source or self._same_paragraph(last[0], index)):
                        attributions[index] = Attribution(last[1].source, last[1].start, last[1].end, "paragraph",
                                                          last[1].admits, "carry_marker_without_antecedent")
                    continue
            if attribution.how == "explicit":
                last_speaker = attribution
            if attribution.source and attribution.how not in ("media", "paragraph", "headline"):
                last = (index, attribution)  # a headline's speaker is its own; the lead names none

    def _dateline_institution(self, kinds: frozenset[str]) -> Attribution | None:
        """The institution of the dateline's country, for a ministry named by its kind alone with
        none named before: "MOSCOW (Sputnik) - ... the Defense Ministry said" is Russia's."""
        dateline = DATELINE.search(self.text, self.prose_start, min(len(self.text), self.prose_start + 600))
        if dateline is None:
            return None
        country = DATELINE_COUNTRIES[dateline.group(1).lower()]
        source = next((kind for kind in sorted(kinds) if kind.startswith(country)), None)
        return Attribution(source, None, None, "dateline") if source else None

    def _resolve_institutions(self, attributions: list[Attribution | None]) -> None:
        """"le ministère", "the Defense Ministry": the last source of that kind named before,
        else the institution of the country its sentence says (`_institution_country`)."""
        named: list[Attribution] = []
        for index, attribution in enumerate(attributions):
            if attribution is None:
                continue
            if attribution.source.startswith(ANAPHORA):
                kinds = self.lex.anaphora[attribution.source[len(ANAPHORA):]]
                antecedent = next((a for a in reversed(named) if a.source in kinds), None)
                rule = "institution:named_before"
                if attribution.how == "headline":  # a headline's "MoD" is the ministry the article then names
                    antecedent = next((a for a in attributions[index + 1 :] if a is not None and a.how == "explicit"
                                       and a.source in kinds), None)
                    rule = "institution:named_after_headline"
                if antecedent is None:  # "Oryx Blog est l'un d'entre eux ... Selon le site": a mention without a verb
                    rule = "institution:mentioned_before"
                    mentioned = [m for m in self.index.sources.within(self.prose_start, self.sentences[index][0]) if m[2] in kinds]
                    if mentioned:
                        antecedent = Attribution(mentioned[-1][2], mentioned[-1][0], mentioned[-1][1], "explicit")
                if antecedent is None:  # "MOSCOW, December 24. /TASS/. ... the Defense Ministry said"
                    antecedent = self._dateline_institution(kinds)
                    rule = "institution:dateline"
                country = self._institution_country(index) if antecedent is None else None
                by_country = next((kind for kind in sorted(kinds) if country and kind.startswith(country)), None)
                if antecedent is not None:
                    attribution.source, attribution.rule = antecedent.source, rule
                elif by_country is not None:
                    # "Russian troops have destroyed ..., the Defense Ministry said": the army that acts is its ministry's
                    attribution.source, attribution.rule = by_country, "institution:country_of_sentence"
                else:
                    attributions[index] = None
                    continue
            if attribution.how == "explicit":
                named.append(attribution)

    def _institution_country(self, sentence: int) -> str | None:
        """Whose is an institution named by its kind alone with none met before: the country
        whose forces act in its sentence ("Russian troops have destroyed"), else the enemy of the
        side that loses there ("Ukraine Loses Over 250 Soldiers - MoD")."""
        s_start, s_end = self.sentences[sentence]
        words = sorted(self.index.side_adjectives.within(s_start, s_end) + self.index.side_names.within(s_start, s_end))
        agents = [v for v in self.index.side_agents.within(s_start, s_end) if self._active(v, s_start)]
        for start, end, side in words:
            if side not in OPPOSITE or self._locative(start) or self._counted_word(start, s_start):
                continue
            if any(v[0] >= end and self.index.words_between(end, v[0]) <= SIDE_AGENT_WORDS
                   and not SUBJECT_BREAK.search(self.text, end, v[0]) for v in agents):
                return side
            if self._loss_follows(end, s_end):
                return OPPOSITE[side]
        return None

    def _same_paragraph(self, first: int, second: int) -> bool:
        return self.cleaned.paragraph_index(self.sentences[first][0]) == self.cleaned.paragraph_index(self.sentences[second][0])

    def _bulletin_source(self, sentence: int, attributions: list[Attribution | None]) -> Attribution:
        """A bulletin's lines take the source its header names, else its outlet's, else the General Staff's."""
        header = self.cleaned.sentence_index(self.bulletin_from) if self.bulletin_from is not None else sentence
        if self.last_sourced is None:  # the last sentence with a source at or before each one
            latest, self.last_sourced = -1, []  # (looking back from every line was quadratic)
            for index, found in enumerate(attributions):
                latest = index if found is not None and found.source else latest
                self.last_sourced.append(latest)
        if self.last_sourced[sentence] > max(-1, header - 3):
            return attributions[self.last_sourced[sentence]]
        return self._outlet_source() or Attribution("ukraine_general_staff", None, None, "bulletin")

    def _outlet_source(self) -> Attribution | None:
        """An official publisher (the UK MoD's updates, the General Staff's site) is its articles' source."""
        outlet = self.document.outlet
        if not outlet:
            return None
        found = self.lex.sources.find(outlet, 0, len(outlet))
        # a newspaper is no source of its own articles' figures; an official publisher is
        if found and found[0][2] != "media_estimate" and found[0][1] - found[0][0] >= len(outlet.strip()) * 0.6:
            return Attribution(found[0][2], None, None, "outlet")
        return None

    def _attribute(self, figures_by_sentence: dict[int, list[Figure]], attributions: list[Attribution | None]) -> None:
        image_sources = [
            (i, a) for i, a in enumerate(attributions)
            if a is not None and a.source and self._mentions_images_publisher(i)
        ]
        by_value: dict[tuple[int, str], Attribution | None] = {}  # None: a source set by an earlier stage
        side_by_value: dict[tuple[int, str], tuple[str, int]] = {}  # a figure's side as said where it was first said
        outlet = self._outlet_source()
        self.last_sourced = None
        for sentence in sorted(figures_by_sentence):
            figures = figures_by_sentence[sentence]
            attribution = attributions[sentence]
            if attribution is None and self._mentions_images(sentence):
                near = [(abs(i - sentence), a) for i, a in image_sources if abs(i - sentence) <= IMAGE_SENTENCES]
                if near:
                    attribution = Attribution(min(near, key=lambda x: x[0])[1].source, None, None, "image")
                    attribution.start, attribution.end = min(near, key=lambda x: x[0])[1].start, min(near, key=lambda x: x[0])[1].end
            if attribution is None and any(f.bulletin or (f.daily_of is not None and f.daily_of.bulletin) for f in figures):
                attribution = self._bulletin_source(sentence, attributions)
            shared: Attribution | None = attribution
            if shared is None:
                for figure in figures:
                    known = by_value.get(_value_key(figure.claim)) if figure.claim is not None else None
                    if known is not None:
                        shared = known
                        break
            clauses = self._clause_speakers(sentence) if attribution is not None and attribution.how == "explicit" else []
            for figure in figures:
                claim = figure.claim
                assert claim is not None  # only figures that are claims are attributed
                chosen = self._clause_speaker(clauses, figure) or attribution
                borrowed = ""
                if chosen is None:  # the same figure said elsewhere, or beside another one of its sentence's
                    chosen = by_value.get(_value_key(claim))
                    borrowed = "same_figure:" if chosen is not None else "same_sentence_figure:" if shared else "outlet:"
                    chosen = chosen or shared or outlet
                if chosen is not None and chosen.source:
                    claim.source = chosen.source
                    if chosen.start is not None and chosen.end is not None:
                        claim.attribution = self.text[chosen.start : chosen.end]
                    claim.decide("source", f"attribution:{borrowed}{chosen.how}" + (f":{chosen.rule}" if chosen.rule else ""),
                                 chosen.start, chosen.end)
                else:
                    claim.decide("source", "none_found")
                if claim.source != "unattributed":
                    by_value.setdefault(_value_key(claim), chosen)
                said_before = side_by_value.get(_value_key(claim))
                if said_before is not None and figure.side_rule in WEAK_SIDE_RULES:
                    figure.side_said = None  # "13 canons qui ne bombarderont plus les villes ukrainiennes": said before
                if figure.side_said is None and said_before is not None:
                    # "la mort de 1 351 de ses soldats", then "«1 351 militaires ont été tués»": the same figure
                    claim.side = said_before[0]
                    claim.decide("side", "same_figure_said_before", said_before[1], said_before[1])
                elif figure.side_said is None:
                    claim.side = _default_side(claim.source, chosen)
                    claim.decide("side", "default_from_source" if chosen is None or not chosen.admits
                                 else "default_admission")
                elif figure.side_said in SPEAKER_RELATIVE:
                    claim.side = _speaker_relative_side(figure.side_said, claim.source, chosen)
                    claim.decide("side", f"{figure.side_said}_of_source")
                if figure.side_said is not None and figure.side_rule not in WEAK_SIDE_RULES:
                    side_by_value.setdefault(_value_key(claim), (claim.side, figure.number.start))
            self._share_side(figures)
        self._side_of_repeats([f for sentence in sorted(figures_by_sentence) for f in figures_by_sentence[sentence]])

    @staticmethod
    def _side_of_repeats(figures: list[Figure]) -> None:
        """A figure printed again is one figure: a headline or lead that names no side nor source
        ("A total of 558 aircraft ... have been destroyed") takes the side the body gives it."""
        known: dict[tuple[int, str], Figure] = {}
        for figure in figures:
            reason = figure.claim.reason("side")
            if reason is not None and not (reason.rule.startswith("default") and figure.claim.source == "unattributed"):
                known.setdefault(_value_key(figure.claim), figure)
        for figure in figures:
            reason = figure.claim.reason("side")
            same = known.get(_value_key(figure.claim))
            if same is None or reason is None or not reason.rule.startswith("default") or figure.claim.source != "unattributed":
                continue
            figure.claim.side = same.claim.side
            figure.claim.decide("side", "same_figure_elsewhere", same.number.start, same.number.end)

    def _share_side(self, figures: list[Figure]) -> None:
        """A list says its side once: "«1 351 militaires ont été tués et 3 825 blessés»" takes the
        side the first figure was given where it was said before, not the source's habit."""
        known = [f for f in figures if f.claim.reason("side") is not None
                 and not f.claim.reason("side").rule.startswith("default")]
        if not known:
            return
        for figure in figures:
            reason = figure.claim.reason("side")
            if reason is not None and reason.rule.startswith("default"):
                peer = min(known, key=lambda f: abs(f.number.start - figure.number.start))
                figure.claim.side = peer.claim.side
                figure.claim.decide("side", "shared_with_list_peer", peer.number.start, peer.number.end)

    def _clause_speakers(self, sentence: int) -> list[tuple[int, Attribution]]:
        """The verbs of saying of a sentence with a named subject each, when there are several
        speakers: "While the Ukrainian government now claims over 15,000 ..., the Russian
        authorities admitted to just under 500 deaths" gives each clause its own."""
        s_start, s_end = self.sentences[sentence]
        sources = [src for src in self.index.sources.within(s_start, s_end)
                   if not self._source_locative(src[0], src[1]) and not self._owned_loser(src[0], src[1])]
        clauses = []
        for start, end, kind in self.index.attribution.within(s_start, s_end):
            if kind == "prepositions":  # "Selon Kiev, ..., tandis que Moscou affirme ..."
                named = [src for src in sources if src[0] >= end and self.index.words_between(end, src[0]) <= PREPOSITION_WORDS
                         and not PREPOSITION_BREAK.search(self.text, end, src[0])]
                if named:
                    clauses.append((start, Attribution(named[0][2], named[0][0], named[0][1], "explicit", rule="clause_preposition")))
                continue
            if kind != "verbs" or any(a <= start < b for a, b, _ in sources):
                continue
            subject = [src for src in sources if src[1] <= start and self.index.words_between(src[1], start) <= SUBJECT_WORDS
                       and not SUBJECT_BREAK.search(self.text, src[1], start)]
            if subject:
                src = max(subject, key=lambda x: (x[1], x[1] - x[0]))
                clauses.append((start, Attribution(src[2], src[0], src[1], "explicit", rule="clause_subject")))
        return clauses if len({a.source for _, a in clauses}) > 1 else []

    @staticmethod
    def _clause_speaker(clauses: list[tuple[int, Attribution]], figure: Figure) -> Attribution | None:
        """The speaker of the clause a figure stands in: a "selon X" right after it ("1 351 tués, selon le
        ministère russe"), else the last verb of saying before it, else the first after."""
        if not clauses:
            return None
        after = [(start, a) for start, a in clauses if start > figure.number.start]
        if after and after[0][1].rule == "clause_preposition":
            return after[0][1]
        before = [a for start, a in clauses if start < figure.number.start]
        return before[-1] if before else clauses[0][1]

    def _mentions_images(self, sentence: int) -> bool:
        s_start, s_end = self.sentences[sentence]
        return bool(IMAGES.search(self.text, s_start, s_end))

    def _mentions_images_publisher(self, sentence: int) -> bool:
        s_start, s_end = self.sentences[sentence]
        return any(kind == "image_publishers" for _s, _e, kind in self.index.attribution.within(s_start, s_end))


INVASION_DAY = date(2022, 2, 24)


def _parse_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 15)


SINCE = re.compile(r"(?:depuis|since|from|du|dès|à partir|after|après)\b", re.IGNORECASE)
INVASION_START = ("2022-02-24", "2022-02")


def _starts_a_period(text: str, window_start: int, mention: DateMention) -> bool:
    """"depuis février", "since the invasion on 24 February": the start of a period, not the figure's date."""
    if mention.date in INVASION_START or SINCE.match(mention.text):
        return True
    before = text[window_start : mention.start]
    words = WORDS.findall(before)
    return any(SINCE.fullmatch(word) for word in words[-6:])


def _period_before(document_date: str, period: str) -> str:
    """The month (YYYY-MM) or year (YYYY-12) before the document's."""
    year, month = int(document_date[:4]), int(document_date[5:7])
    if period == "year":
        return f"{year - 1}-12"
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def _default_side(source: str, attribution: Attribution | None) -> str:
    """With no side in the text: a source admitting losses speaks of its own side's; otherwise
    each side's sources report the enemy's losses (Russian sources Ukraine's, the rest Russia's)."""
    own_side = "russia" if source in SOURCES_REPORTING_ON_UKRAINE else "ukraine" if source.startswith("ukraine") else None
    if attribution is not None and attribution.admits and own_side:
        return own_side
    return "ukraine" if source in SOURCES_REPORTING_ON_UKRAINE else "russia"


def _speaker_relative_side(said: str, source: str, attribution: Attribution | None) -> str:
    """"the enemy" is the other side of whoever says so; "its own" is theirs."""
    speaker = "russia" if source.startswith("russia") else "ukraine" if source.startswith("ukraine") else None
    if speaker is None:
        return _default_side(source, attribution)
    return speaker if said == "own" else OPPOSITE[speaker]


def _after_title(document: Document) -> int:
    """Where the claims are read from: a title given as metadata (the compact form's title opens
    the body) is a headline, not the article's claim, as a `title:` line is not."""
    start = document.body_start
    title = document.title
    if title and document.text.startswith(title, start):
        line_end = document.text.find("\n", start)
        return len(document.text) if line_end < 0 else line_end
    return start


def _coarse(category: str) -> str:
    return PERSONNEL if category.startswith("personnel") else category


def _value_key(claim: Claim | None) -> tuple[int, str]:  # a Figure's claim, set by the time it is asked
    return claim.value, _coarse(claim.category)
