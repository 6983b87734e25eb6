"""The claims lexicon (`bilan/data/claims_lexicon.toml`), loaded and checked: a phrase under two
labels or a repeated row is an error."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from bilan.matching import (
    LexiconError,
    PhraseScanner,
    PhraseTable,
    checked as _checked,
    phrase_regex as _phrase_pattern,
    phrase_tokens as _phrase_tokens,
)
from bilan.claims.rules import ANAPHORA
from bilan.model import CATEGORIES


@dataclass
class QualifierRule:
    qualifier: str
    regex: re.Pattern[str]
    requires: re.Pattern[str] | None
    # The lower-cased last word (\w+) of each phrase, which a match holds in one of the last
    # gap + 1 whitespace-separated pieces before the figure (`qualifiers.read_qualifier`).
    # None: a phrase ends with a prefix ("x*") or has no word; always searched.
    last_words: frozenset[str] | None = None
    gap: int = 0


WORD = re.compile(r"\w+")


def _opener(words: list[str]) -> re.Pattern[str]:
    """Words that open a sentence (after any punctuation), the longest first."""
    return re.compile(r"\W*+(?:" + _alternatives(sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _alternatives(phrases: list[str]) -> str:
    """The phrases as one regular-expression alternation (each matched as `_phrase_pattern` says)."""
    return "|".join(_phrase_pattern(p) for p in phrases)


def _last_words(phrases: list[str]) -> frozenset[str] | None:
    words = set()
    for phrase in phrases:
        found = WORD.findall(phrase.lower())
        if not found or phrase.rstrip().endswith("*"):
            return None
        words.add(found[-1])
    return frozenset(words)


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
    foreign_fighters: PhraseTable  # "combattants belges": the side foreign fighters fight for
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
    back_object: re.Pattern[str]  # "The Air Force reported this via Telegram": the same, its subject speaking
    opening_preposition: re.Pattern[str]  # "Pour le CSIS, ...": a sentence opening on its source
    published_by: re.Pattern[str]  # "publiés chaque matin par l'état-major"
    estimates_for: re.Pattern[str]  # "les estimations pour l'Ukraine": the figures of a side
    cost_to: re.Pattern[str]  # "ont coûté à Kiev", "has cost Russia": the loser
    subject_pronoun: re.Pattern[str]  # "Il a également déclaré": a pronoun subject before a verb of saying
    source_locatives: frozenset[str]  # "en Ukraine": a place, not a source
    channels: frozenset[str]  # "according to TASS": agencies that relay a speaker named beside them
    bare_places: frozenset[str]  # "Ukraine has knocked out": a country acts or speaks, no institution
    headline_capitals: frozenset[str]  # "Kyiv: Russia lost ...": a capital before a headline's colon speaks
    carry_back: frozenset[str]  # "indique le rapport": a carry phrase naming the report, which speaks for its paragraph
    place_of: re.Pattern[str]  # "le nord-est de l'Ukraine": a place too
    bulletin_headers: PhraseTable
    introducers: re.Pattern[str]
    bare_introducers: re.Pattern[str]  # "porté le total à 1 500": a preposition right before the figure
    ellipsis: re.Pattern[str]
    interception_cues: PhraseTable
    noun_less_followers: frozenset[str]
    generic_people: frozenset[str]  # "people", "personnes": soldiers only among soldiers (`counting._conditional_ok`)
    classifiers: frozenset[str]  # "pièces d'équipement spécial": the unit word, the noun after it counted
    list_openers: re.Pattern[str]  # "Parmi eux se trouvaient ...": a sentence continuing the list before it
    topic_openers: re.Pattern[str]  # "For tanks, ... 428 destroyed": the noun that a sentence's noun-less figures count
    counterpart_openers: re.Pattern[str]  # "Côté ukrainien, ce serait 40 000": the other side's count of the same
    additive_openers: re.Pattern[str]  # "Additionally, ...": a sentence adding to the account before it
    totals: re.Pattern[str]  # "That brings the total to 650,000 troops": a running total's word before a figure
    not_counts: re.Pattern[str]
    ratio_after: re.Pattern[str]  # "trois blessés pour un tué": the other term of a ratio, after the counted noun
    ratio_one_before: re.Pattern[str]  # "wounded for every one killed": a ratio's "one", after its preposition
    ratio_units: re.Pattern[str]  # "pour chaque kilomètre carré": a ratio's term that is a unit of ground
    per_unit: re.Pattern[str]  # "par kilomètre carré", "per square mile": a unit of ground after its preposition
    singular: SingularRule | None
    stock: re.Pattern[str]
    stock_opening: re.Pattern[str]  # "Of 40 drones, 35 were destroyed": the words before a whole opening its sentence
    share_of: re.Pattern[str]  # "a third of the 30,000 prisoners enlisted": the figure is the whole a share is of
    qualifiers: list[QualifierRule]
    scope_threshold: dict[str, int]
    coordinated_sums: dict[frozenset[str], str]  # "tanks and armored vehicles" after one figure: the record's sum
    scanner: PhraseScanner = field(init=False)

    def __post_init__(self) -> None:
        self.scanner = PhraseScanner({name: getattr(self, name) for name in SCANNED_TABLES})


def _words_table(section: dict[str, list[str]]) -> dict[str, list[str]]:
    return {"cue": section["words"]}


@dataclass
class SingularRule:
    """ "a coulé un sous-marin": an article, found first (it is rare), then the verb before it."""

    article: re.Pattern[str]
    governed: re.Pattern[str]
    noun_followers: frozenset[str]  # English: "a drone attack" counts attacks; empty: any word may follow
    # "6 à Lipetsk, 2 à Tver et un dans la région de Smolensk": the last item of a breakdown by place
    elliptic_place: re.Pattern[str] | None = None


# ASCII letters IGNORECASE matches as their two cases only (not "i": "İ" and "ı", "k": the Kelvin
# sign, "s": "ſ"), as a test checks over every code point
_TWO_CASED = frozenset("abcdefghjlmnopqrtuvwxyz")


def _words_from_their_letter(words: list[str], after: str) -> re.Pattern[str]:
    r"""`(?<!\w)(?:words)` then `after`, case-insensitive, searched from the words' first letter
    when they share one of `_TWO_CASED`: that letter as a class of its two cases, matched
    case-sensitively, lets the engine skip to it at C speed, and a look-behind over it and the
    character before refuses a word character there. The same matches as the look-behind first
    (`un`/`une` over a seed article: 180 -> 52 us); else that pattern."""
    plain = re.compile(rf"(?<!\w)(?:{_alternatives(words)}){after}", re.IGNORECASE)
    firsts = {word[:1] for word in words}
    first = next(iter(firsts)) if len(firsts) == 1 else ""
    if not first or first.lower() not in _TWO_CASED:
        return plain
    rests = "|".join(_phrase_pattern(word)[1:] for word in words)  # a letter is its own pattern
    return re.compile(rf"(?-i:[{first.lower()}{first.upper()}])(?<!\w.)(?:{rests}){after}", re.IGNORECASE)


def _singular_pattern(table: dict[str, list[str]]) -> SingularRule | None:
    if not table["articles"]:
        return None
    governed = _alternatives(sorted(table["governed_by"], key=len, reverse=True))
    qualified = rf"(?:(?:{_alternatives(table['qualifiers'])})\s+)?" if table.get("qualifiers") else ""
    return SingularRule(
        article=_words_from_their_letter(table["articles"], r"(?=\s+(?!seul\b))"),
        governed=re.compile(rf"(?<!\w)(?:{governed})\s*(?:[\w-]+\s+)?{qualified}$", re.IGNORECASE),
        noun_followers=frozenset(table.get("noun_followers", ())),
        elliptic_place=re.compile(rf"\s+(?:{_alternatives(table['places'])})(?!\w)", re.IGNORECASE)
        if table.get("places")
        else None,
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


def _coordinated_sums(rows: dict[str, list[str]]) -> dict[frozenset[str], str]:
    """The sum categories of CLAIMS.md by the two kinds they add, each a category too."""
    sums = {}
    for total, parts in rows.items():
        if total not in CATEGORIES or len(set(parts)) != 2 or not set(parts) <= set(CATEGORIES):
            raise LexiconError(f"coordinated_sums: {total} = {parts}: a category and two other categories")
        sums[frozenset(parts)] = total
    return sums


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
    for section, key in (
        ("noun_less", "introducers"),
        ("noun_less", "bare_introducers"),
        ("noun_less", "adverbs"),
        ("ellipsis", "connectors"),
        ("stock", "between"),
        ("stock", "share_of"),
        ("stock", "opening"),
        ("not_counts", "before"),
        ("not_counts", "after"),
        ("not_counts", "units"),
        ("not_counts", "per_unit"),
        ("not_counts", "before_one"),
        ("singular", "governed_by"),
        ("singular", "noun_followers"),
        ("singular", "places"),
        ("singular", "qualifiers"),
        ("side_possessors", "not_before"),
        ("noun_less_followers", "words"),
        ("classifiers", "words"),
        ("generic_people", "words"),
        ("list_openers", "words"),
        ("topic_openers", "words"),
        ("counterpart_openers", "words"),
        ("additive_openers", "words"),
        ("totals", "words"),
        ("all_kinds", "words"),
    ):
        _checked(f"{lang}.{section}", {key: table[section].get(key, [])})
    qualifiers = []
    for rule in table["qualifiers"]:
        before = "|".join(_phrase_pattern(p.lower()) for p in sorted(rule["before"], key=len, reverse=True))
        gap = rule.get("gap", 0)
        regex = re.compile(rf"(?<!\w)(?:{before})(?:(?<=['’])|\s+)(?:[\w’'-]+\s+){{0,{gap}}}$", re.IGNORECASE)
        requires = rule.get("requires")
        qualifiers.append(
            QualifierRule(
                rule["qualifier"],
                regex,
                re.compile(_alternatives(requires), re.IGNORECASE) if requires else None,
                _last_words(rule["before"]),
                gap,
            )
        )
    unknown = set(table["generic_people"]["words"]) - set(table["conditional_nouns"]["personnel"])
    if unknown:  # the rule reads conditional nouns only: any other row would be dead
        raise LexiconError(f"{lang}.generic_people: not conditional personnel nouns: {', '.join(sorted(unknown))}")
    introducers = sorted(table["noun_less"]["introducers"], key=len, reverse=True)
    # "dépasse désormais les 90 000": an adverb, then the one word the introducer allows
    adverbs = f"(?:(?:{_alternatives(table['noun_less']['adverbs'])})\\s+)?" if table["noun_less"].get("adverbs") else ""
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
        other_wars=PhraseTable({"cue": table["other_wars"]["words"], "era": table["other_wars"]["era"]}, f"{lang}.other_wars"),
        all_kinds=re.compile(
            r"\s*,?\s*(?:" + _alternatives(sorted(table["all_kinds"]["words"], key=len, reverse=True)) + r")\b",
            re.IGNORECASE,
        ),
        scope=PhraseTable(table["scope"], f"{lang}.scope"),
        sources=PhraseTable(table["sources"], f"{lang}.sources"),
        anaphoras=PhraseTable({ANAPHORA + phrase: [phrase] for phrase in table["anaphora"]}),
        anaphora={phrase: frozenset(kinds) for phrase, kinds in table["anaphora"].items()},
        side_adjectives=PhraseTable(table["side_adjectives"], f"{lang}.side_adjectives"),
        side_names=PhraseTable(table["side_names"], f"{lang}.side_names"),
        foreign_fighters=PhraseTable(table["foreign_fighters"], f"{lang}.foreign_fighters"),
        possessive_owner=re.compile(
            r"[’']s\s+(?:\w+\s+)?(?:"
            + _alternatives(table["side_possessors"]["heads"])
            + r")\b(?!\s+(?:"
            + _alternatives(table["side_possessors"]["not_before"])
            + r")\b)",
            re.IGNORECASE,
        ),
        side_head_before=re.compile(
            r"(?<!\w)("
            + "|".join(
                _phrase_pattern(p)
                for p in sorted(table["side_possessors"]["heads"] + table["side_possessors"]["losses"], key=len, reverse=True)
            )
            + r")(?:\s+[\w-]+)?\s+$",
            re.IGNORECASE,
        ),
        side_head_after=re.compile(
            r"\s+(?:[\w-]+\s+)?("
            + "|".join(
                _phrase_pattern(p)
                for p in sorted(table["side_possessors"]["heads"] + table["side_possessors"]["losses"], key=len, reverse=True)
            )
            + r")\b",
            re.IGNORECASE,
        ),
        loss_heads=frozenset(table["side_possessors"]["losses"]),
        side_agents=PhraseTable({"agent": table["side_agents"]["verbs"]}),
        side_both=PhraseTable(_words_table(table["side_both"])),
        side_own=PhraseTable(_words_table(table["side_own"])),
        side_possessor_qualified=re.compile(
            r"(?<!\w)(?:"
            + _alternatives(sorted(table["side_possessors"]["heads"], key=len, reverse=True))
            + r")\s+[\w-]+\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|of\s+the\s+|of\s+)$",
            re.IGNORECASE,
        ),
        side_possessor=re.compile(
            r"(?<!\w)(?:"
            + _alternatives(sorted(table["side_possessors"]["heads"], key=len, reverse=True))
            + r")\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|of\s+the\s+|of\s+)(?:[A-ZÀ-Ý][\w-]+\s+)?$",
            re.IGNORECASE,
        ),
        attribution=PhraseTable(
            {
                key: table["attribution"][key]
                for key in (
                    "prepositions",
                    "postpositions",
                    "verbs",
                    "pronoun_verbs",
                    "carry",
                    "media_arithmetic",
                    "image_publishers",
                    "actions",
                    "incise_verbs",
                    "that_verbs",
                )
            },
            f"{lang}.attribution",
        ),
        subject_pronoun=re.compile(
            r"(?<!\w)(?:" + _alternatives(table["attribution"]["subject_pronouns"]) + r")\s+(?:[\w’'-]+\s+){0,2}$",
            re.IGNORECASE,
        ),
        source_locatives=frozenset(table["attribution"]["source_locatives"]),
        channels=frozenset(table["attribution"]["channels"]),
        bare_places=frozenset(table["attribution"]["bare_places"]),
        headline_capitals=frozenset(table["attribution"]["headline_capitals"]),
        carry_back=frozenset(table["attribution"]["carry_back"]),
        place_of=re.compile(
            r"(?<!\w)(?:"
            + _alternatives(table["attribution"]["place_heads"])
            + r")\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|of\s+the\s+|of\s+)$",
            re.IGNORECASE,
        ),
        opening_preposition=re.compile(
            r"\W*(?:" + _alternatives(table["attribution"]["opening_prepositions"]) + r")\s+(?:la\s+|le\s+|les\s+|l['’]|the\s+)?",
            re.IGNORECASE,
        ),
        published_by=re.compile(
            r"(?<!\w)(?:"
            + _alternatives(table["attribution"]["published"])
            # "released on Tuesday by an American think tank": an indefinite article, an adjective before its noun
            + r")\s+(?:[\w’'-]+\s+){0,3}(?:par|by)\s+(?:la\s+|le\s+|les\s+|l['’]|the\s+|(?:an?|une?|des)\s+(?:[\w-]+\s+)?)?"
            r"(?:\d+\w*\s+)?$",
            re.IGNORECASE,
        ),
        back_reference=re.compile(r"\W*(?:" + _alternatives(table["attribution"]["back_references"]) + r")", re.IGNORECASE),
        back_object=re.compile(  # "reported this via Telegram", never "said this week"
            r"(?<!\w)(?:"
            + _alternatives(table["attribution"]["back_objects"])
            + r")(?=\s*(?:[.,;]|$|(?:via|on|in|to|at|sur|dans|à|au)\s))",
            re.IGNORECASE,
        ),
        cost_to=re.compile(
            r"(?<!\w)(?:" + _alternatives(table["side_possessors"]["cost"]) + r")\s+(?:[\w-]+\s+)?(?:la\s+|le\s+|l['’])?$",
            re.IGNORECASE,
        ),
        estimates_for=re.compile(
            r"(?<!\w)(?:"
            + _alternatives(table["side_possessors"]["estimates"])
            + r")\s+(?:pour|for)\s+(?:la\s+|le\s+|l['’]|the\s+)?$",
            re.IGNORECASE,
        ),
        topic_shift=re.compile(r"\W*+(?:" + _alternatives(table["attribution"]["topic_shifts"]) + r")\b", re.IGNORECASE),
        admissions=PhraseTable({"admits": table["attribution"]["admissions"]}, f"{lang}.attribution.admissions"),
        bulletin_headers=PhraseTable(_words_table(table["bulletin"]), f"{lang}.bulletin"),
        # a word connector starts a word; a bare comma or semicolon may follow one ("1,000 tanks, 624 of which",
        # "40 drones; 35 were shot down")
        ellipsis=re.compile(
            r"(?:(?:(?<!\w)"
            + r"|(?<!\w)".join(
                _phrase_pattern(p) for p in sorted(table["ellipsis"]["connectors"], key=len, reverse=True) if p[0].isalpha()
            )
            + r")\s*(?:[\w’'-]+\s+){0,2}|[,;]\s*)$",
            re.IGNORECASE,
        ),
        interception_cues=PhraseTable(_words_table(table["interception_cues"]), f"{lang}.interception_cues"),
        noun_less_followers=frozenset(table["noun_less_followers"]["words"]),
        classifiers=frozenset(table["classifiers"]["words"]),
        generic_people=frozenset(table["generic_people"]["words"]),
        counterpart_openers=_opener(table["counterpart_openers"]["words"]),
        list_openers=_opener(table["list_openers"]["words"]),
        topic_openers=_opener(table["topic_openers"]["words"]),
        additive_openers=_opener(table["additive_openers"]["words"]),
        # the word, then a verb and its particles ("brings the total to", "son total atteignait"), no figure between
        totals=re.compile(
            r"(?<!\w)(?:" + _alternatives(sorted(table["totals"]["words"], key=len, reverse=True)) + r")\b[^\d.,;:!?()]{0,50}$",
            re.IGNORECASE,
        ),
        singular=_singular_pattern(table["singular"]),
        stock_opening=re.compile(
            r"\W*(?:" + _alternatives(sorted(table["stock"]["opening"], key=len, reverse=True)) + r")\s+", re.IGNORECASE
        ),
        share_of=re.compile(
            r"(?<!\w)(?:" + _alternatives(sorted(table["stock"]["share_of"], key=len, reverse=True)) + r")\s+$",
            re.IGNORECASE,
        ),
        stock=re.compile(
            r"\s+(?:" + _alternatives(sorted(table["stock"]["between"], key=len, reverse=True)) + r")\s+",
            re.IGNORECASE,
        ),
        per_unit=re.compile(
            r"\s*(?:"
            + _alternatives(table["not_counts"]["per_unit"])
            + r")\s+(?:"
            + _alternatives(sorted(table["not_counts"]["units"], key=len, reverse=True))
            + r")(?!\w)",
            re.IGNORECASE,
        ),
        ratio_units=re.compile(
            r"\s*(?:" + _alternatives(sorted(table["not_counts"]["units"], key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
        ),
        ratio_after=re.compile(r"\s*(?:" + _alternatives(table["not_counts"]["after"]) + r")(?!\w)", re.IGNORECASE),
        ratio_one_before=re.compile(
            r"(?<!\w)(?:" + _alternatives(sorted(table["not_counts"]["before_one"], key=len, reverse=True)) + r")\s+$",
            re.IGNORECASE,
        ),
        not_counts=re.compile(r"(?<!\w)(?:" + _alternatives(table["not_counts"]["before"]) + r")\s*$", re.IGNORECASE),
        introducers=re.compile(
            r"(?<!\w)(?:" + _alternatives(introducers) + r")\s*" + adverbs + r"(?:[\w’'-]+\s+){0,1}$",
            re.IGNORECASE,
        ),
        bare_introducers=re.compile(
            r"(?<!\w)(?:" + _alternatives(table["noun_less"]["bare_introducers"]) + r")\s+$",
            re.IGNORECASE,
        ),
        qualifiers=qualifiers,
        scope_threshold=data["scope_threshold"],
        coordinated_sums=_coordinated_sums(data["coordinated_sums"]),
    )


SCANNED_TABLES = (
    "nouns",
    "conditional_nouns",
    "personnel_cues",
    "loss_cues",
    "interception_cues",
    "force_cues",
    "hypothetical_cues",
    "civilian_cues",
    "other_wars",
    "scope",
    "sources",
    "side_adjectives",
    "side_names",
    "foreign_fighters",
    "attribution",
    "admissions",
    "bulletin_headers",
    "anaphoras",
    "side_agents",
    "side_both",
    "side_own",
)
