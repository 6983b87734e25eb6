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

The components, one module each, in the order `run` calls them: `candidates` (numbers that may
be claims: singular articles as 1, stocks out) → `counting` (what a number counts: a `Figure`)
→ `losses` (loss or not) → `categories` → `qualifiers` (qualifier and range) → `scoping`
(scope and period) → `dating` (as_of) → `sides` → `sources`. `article` holds what they read
(the text, its sentences and cue index, read once); `rules` the constants several share.
Each records its decision on the claim (`Claim.decide`: field, value, rule, span) and each
drop as a `Rejection` with its reason, so `explain_claims` tells why for every figure.

Every rule is a row of `bilan/data/claims_lexicon.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from bilan.cleaning import Cleaned, clean
from bilan.model import CATEGORIES_NOT_LOSSES, Claim, Document, Rejection, collector_paused
from bilan.numbers import NumberMention
from bilan.record import Record
from bilan.reading import detect_language
from bilan.claims.article import Article
from bilan.claims.figures import Figure
from bilan.claims.rules import PERSONNEL
from bilan.claims import candidates, categories, counting, dating, losses, qualifiers, scoping, sides, sources


from bilan.claims.lexicon import build_lexicon, lexicon
from bilan.matching import LexiconError, PhraseScanner, PhraseTable

# The public names: the pipeline, the lexicon and its matcher.
__all__ = [
    "Extraction",
    "LexiconError",
    "PhraseScanner",
    "PhraseTable",
    "build_lexicon",
    "explain_claims",
    "extract_claims",
    "lexicon",
]

# Sources whose weekday and overnight figures are the daily tally; anyone else's are one event's.
DAILY_TALLY_SOURCES = frozenset({"ukraine_general_staff", "ukraine_mod"})


GENERIC_EQUIPMENT = frozenset({"vehicles_fuel_tanks", "special_equipment"})  # nouns that can name any equipment


SUBSET_TOTALS = GENERIC_EQUIPMENT | {"armoured_vehicles"}  # totals whose "dont N chars" says what they hold


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
    record: Record | None = None,
) -> list[Claim]:
    """The loss claims of a document, in text order (CLAIMS.md fields, `check` left empty); with
    a record, a figure with no scope cue is weighed against it (`scoping.weigh_against_record`)."""
    return explain_claims(document, cleaned, include_captions=include_captions, record=record).claims


def explain_claims(
    document: Document,
    cleaned: Cleaned | None = None,
    *,
    include_captions: bool = False,
    record: Record | None = None,
) -> Extraction:
    """The claims of a document with their reasons, and the rejected candidates with theirs."""
    cleaned = cleaned or clean(document)
    lang = document.lang or detect_language(document.text[document.body_start :])
    with collector_paused():
        article = Article(document, cleaned, lang, include_captions, record)
        return Extraction(run(article), article.rejected)


def run(article: Article) -> list[Claim]:
    """The article's claims: every component called in order on its candidate numbers, each drop recorded on `article.rejected`."""
    numbers = list(article.numbers)
    numbers = candidates.without_stocks(article, numbers + candidates.singulars(article, numbers))
    numbers = candidates.without_side_phrases(article, numbers)
    numbers = candidates.of_this_war(article, numbers)
    article.number_starts = [n.start for n in numbers]
    article.candidate_ends = [n.end for n in numbers]
    by_sentence: dict[int, list[NumberMention]] = {}
    for number in numbers:
        mark = article.cleaned.mark_at(number.start, number.end)
        if mark is not None and (mark.kind == "repeat" or not article.include_captions):
            article.reject(number, f"marked_{mark.kind}")
            continue
        if not article.sentences:
            continue
        by_sentence.setdefault(article.cleaned.sentence_index(number.start), []).append(number)

    attributions = sources.sentence_attributions(article)
    article.attributions = attributions

    figures: list[Figure] = []
    for sentence_index in sorted(by_sentence):
        previous: Figure | None = None
        for number in by_sentence[sentence_index]:
            figure = counting.read_figure(article, number, sentence_index, previous)
            if figure is None:
                article.reject(number, "nothing_counted")
            else:
                figures.append(figure)
                previous = article.last_figure = figure

    article.figure_at = {f.number.start: f for f in figures}
    claims_by_sentence: dict[int, list[Figure]] = {}
    for figure in figures:
        claim = _claim(article, figure)
        if claim is None:
            continue
        figure.claim = claim
        claims_by_sentence.setdefault(figure.sentence, []).append(figure)

    for sentence_figures in claims_by_sentence.values():
        scoping.cohere_scopes(article, sentence_figures)
    scoping.scope_of_repeats(article, figures)
    sources.resolve_chains(article, attributions)
    sources.attribute(article, claims_by_sentence, attributions)
    scoping.carry_frames(article, [f for f in figures if f.claim is not None])
    for figure in figures:
        if (
            figure.claim is not None
            and figure.soft_day
            and not figure.claim.category.startswith("personnel")
            and figure.claim.source not in DAILY_TALLY_SOURCES
        ):
            # "abattu samedi trois Su-34": a weekday's strike; a night stays one day's count (scoping)
            figure.claim.scope, figure.claim.period = "event", None
            figure.claim.decide("scope", "one_day_strike_of_a_non_tally_source")
            figure.claim.decide("period", "one_day_strike_of_a_non_tally_source")
    # once every side and scope is read: a figure given as deaths nearby is the same figure only then
    categories.deaths_said_nearby(article, [f for f in figures if f.claim is not None])
    return [f.claim for f in figures if f.claim is not None]


def _claim(article: Article, figure: Figure) -> Claim | None:
    number = figure.number
    s_start, s_end = article.sentences[figure.sentence]
    rejection = losses.rejection(article, figure, s_start, s_end)
    if rejection is not None:
        article.reject(number, rejection)
        return None

    category: str | None = figure.category
    category_rule = figure.how
    total_of = figure.total_of.claim if figure.total_of is not None else None  # the count this figure totals
    if figure.ellipsis_of is not None and figure.ellipsis_of.claim is not None:
        antecedent = figure.ellipsis_of.claim.category
        # "300 tués et 500 blessés": people take their own word; "627 détruits ... 288 capturés" stay tanks
        category = (
            categories.personnel_after(article, figure.noun_end, s_end, figure) if antecedent.startswith(PERSONNEL) else None
        )
        category_rule = "personnel_cue_after_ellipsis" if category else "ellipsis_of_previous"
        category = category or antecedent
    elif figure.daily_of is not None and figure.daily_of.claim is not None:
        category = figure.daily_of.claim.category
    elif figure.how == "total_of_previous":
        if total_of is None:
            article.reject(number, "total_of_a_non_claim")
            return None
        category = total_of.category  # "Its tally passed the one million mark"
    elif category == PERSONNEL:
        category, category_rule = categories.personnel_category(article, figure, s_start, s_end)
        if category is None and figure.bulletin:
            category = "personnel_casualties"  # a bulletin's "personnel" line counts its losses
            category_rule = "bulletin_personnel_line"
        if category is None and scoping.year_table_heading(article, figure.number.start) is not None:
            category = "personnel_casualties"  # "Russian losses by year:", then "2023: 253,290 troops"
            category_rule = "year_table_under_loss_heading"
        if category is None and losses.loss_word_near(article, figure, s_start, s_end):
            category = "personnel_casualties"  # "le nombre de militaires occupants détruits", "destroyed 10,000 troops"
            category_rule = "loss_word_on_personnel"
        if category is None and losses.list_fragment(article, figure, s_start, s_end):
            category = "personnel_casualties"  # "11 000 chars détruits. 400 000 soldats. 300 avions."
            category_rule = "list_fragment_after_loss"
        if category is None and total_of is not None and total_of.category.startswith(PERSONNEL):
            category = total_of.category  # "Russia lost 1,250 troops. That brings the total to 650,000 troops"
            category_rule = "total_of_the_losses_before"
        if category is None:
            article.reject(number, "personnel_without_loss_word")
            return None
    assert category is not None  # each branch above gives a category or returns
    subset = losses.subset_category(article, figure, s_end) if category in SUBSET_TOTALS else None
    if category == "armoured_vehicles" and subset == "tanks":
        category, category_rule = "tanks_and_armoured_vehicles", "total_including_tanks"
    elif category in GENERIC_EQUIPMENT and subset is not None and subset not in GENERIC_EQUIPMENT and subset != PERSONNEL:
        # "8 000 véhicules militaires perdus, dont 1 500 chars": vehicles of every kind (`other`)
        article.reject(number, "all_kinds_of_equipment")
        return None
    coordinated = categories.coordinated_kinds(article, figure, s_end)
    if coordinated is not None and coordinated[0] in CATEGORIES_NOT_LOSSES:
        article.reject(number, coordinated[1])  # "300 tanks, fighting vehicles and guns" is `other`
        return None
    if coordinated is not None:
        category, category_rule = coordinated  # "some 20 battle tanks and armored vehicles"
    if category in CATEGORIES_NOT_LOSSES:
        article.reject(number, "counts_no_loss_category")  # "16 pièces d'équipement militaire", "10 roquettes"
        return None
    if category in GENERIC_EQUIPMENT and article.lex.all_kinds.match(article.text, figure.noun_end):
        # "1,091 military vehicles of all kinds" is all equipment (`other`); "tanks of all types" are tanks
        article.reject(number, "all_kinds_of_equipment")
        return None
    if losses.another_war(article, figure, s_start, s_end):
        article.reject(number, "another_war")  # "15 000 soldats soviétiques tués en Afghanistan"
        return None
    if not figure.bulletin and figure.ellipsis_of is None and figure.daily_of is None:
        not_loss = losses.not_loss(article, figure, s_start, s_end)
        if not_loss == "no_loss_word" and total_of is not None and total_of.category == category:
            not_loss = None  # the total's loss word is the one of the figure it totals
        if not_loss is not None:
            article.reject(number, not_loss)
            return None

    qualifier, value_max, qualifier_start, qualifier_rule = qualifiers.read_qualifier(article, number, s_start)
    start = min(number.start, figure.noun_start, qualifier_start)
    end = max(number.end, figure.noun_end)
    cue = losses.cue_after(article, figure.noun_end, s_end)
    if cue is not None:
        end = max(end, cue)
    if figure.daily_of is not None and article.text.startswith(")", end):
        end += 1  # "(+1 740)": the increment's evidence closes its bracket
    side = figure.side_said = sides.read_side(article, figure, s_start, s_end)  # read_scope reads it
    scope, period, scope_rule, scope_span = scoping.read_scope(article, figure, category, s_start, s_end, end)
    as_of, as_of_rule, as_of_span = dating.read_as_of(article, figure, s_start, s_end, scope_rule, scope_span)
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
        text=article.text[start:end],
        caption=article.cleaned.mark_at(number.start, number.end) is not None,
    )
    claim.decide("value", "words" if number.words else "digits", number.start, number.end)
    claim.decide("category", category_rule, figure.noun_start, figure.noun_end)
    claim.decide("qualifier", qualifier_rule, qualifier_start, number.start)
    claim.decide("scope", scope_rule, *scope_span)
    claim.decide("period", scope_rule, *scope_span)
    claim.decide("as_of", as_of_rule, *as_of_span)
    if side:
        claim.decide("side", f"said:{figure.side_rule}", *figure.side_span)
    scoping.size_at_as_of(article, figure, claim)
    scoping.weigh_against_record(article, figure, claim)
    return claim
