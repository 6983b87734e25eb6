"""What a number counts: the noun after it, a bulletin label, the noun of the figure before."""

from __future__ import annotations

from typing import TYPE_CHECKING
import re
from bisect import bisect_left
from bilan.model import CATEGORIES_NOT_LOSSES
from bilan.numbers import NumberMention
from bilan.claims.figures import Figure
from bilan.claims.rules import BEFORE_FIGURE_CHARS, HYPHEN_TAIL, NEXT_WORD, PERSONNEL, WORDS
from bilan.claims import losses, qualifiers

if TYPE_CHECKING:
    from bilan.claims.article import Article


FILLER_BREAK = re.compile(r"[.,;:!?—–()]")


FILLER_WORDS = 3  # words allowed between a number and its noun ("two Il-76 military transport aircraft")


# Words that cannot stand between a figure and its noun: verbs, links, and nouns that are
# themselves counted ("3 frappes de missiles" counts strikes, not missiles).
NON_FILLER = frozenset(
    "et and ont sont a est have has had were was été en in par by pour for dans sur on à at "
    "ou or que qui that which where où whose them these those eux elles lesquels lesquelles to avec with "
    "frappes strikes attaques attacks tirs salves vagues waves "
    "lanceurs launches tirés fired".split()
)


LABEL_COLON = re.compile(r"\w\s?:\s*$")


INCISE_BEFORE = re.compile(
    r",\s*(?:selon|d['’]après|according to|a-t-il|a-t-elle|he said|she said)[^,.;:]{0,60},\s*$", re.IGNORECASE
)


ITEM_SEPARATOR = re.compile(r"[;\n•·]")


LABEL_ADJECTIVE_WORDS = 5  # "drones opérationnels et tactiques : 19 202", "UAV of operational and tactical level – 681"


OF_THEM = re.compile(r"\s*(?:of\s+(?:them|these|those)|d['’]entre\s+(?:eux|elles))\b", re.IGNORECASE)


AUTRES = re.compile(r"\s*(?:autres|de plus|supplémentaires|more|other|others|additional)\b", re.IGNORECASE)


PLUS_INCREMENT = re.compile(r"\s*\(\s*\+\s*$")


INCREMENT_AFTER = re.compile(r"\s*\(\s*\+[\d\s\u00a0\u202f.,]+\)")


LABEL_DASH = re.compile(r"[—–‒\-:]\s*(?:environ|about|approximately|près de|~)?\s*$", re.IGNORECASE)


CONTRAST = re.compile(r"\b(?:tandis qu|alors qu)|\b(?:while|whereas|but|mais|cependant|however)\b", re.IGNORECASE)


GOVERNING_LOSS_WORDS = 6  # "Les pertes russes s'élèvent désormais à 830 personnes"


# "Les pertes de l'ennemi pour la journée s'élèvent à 1 150 personnes": farther, when the loss
# word is the subject of a verb that introduces the figure, and no clause mark stands between.
GOVERNING_SUBJECT_WORDS = 12


# A clause mark between the loss word and the figure's noun, not a figure's own separator
# ("les pertes oscillent entre 120.000 et 140.000 personnes")
PARENTHETICAL_OPEN = re.compile(r"[—–(][^—–()]*$")
PARENTHETICAL_CLOSE = re.compile(r"[^—–()]*[—–)]")


FIGURE_SUBJECT_BREAK = re.compile(r"[;:()]|(?<!\d)[,.]|[,.](?!\d)")


# "une quarantaine de kilomètres", "deux stations de guerre": the figure has its own unit or noun
ELLIPSIS_STOP = re.compile(
    r"\s*(?:\d|(?:[^\W\d]+\s+)?(?:de|d['’]|of)\b(?!\s+(?:which|whom|them|these|those)\b))", re.IGNORECASE
)  # "une quarantaine de kilomètres": its own unit


AUXILIARIES = re.compile(
    r"(?:\s+(?:ont|sont|été|avaient|étaient|auraient|seraient|have|has|had|been|were|was|are))*\s+", re.IGNORECASE
)


NAMED_IN_BRACKETS = re.compile(r"[A-ZÀ-Ý][\w’'-]*\s*\(\s*$")


CLASSIFIER_LINK = re.compile(r"\s*(?:de|d['’]|des|du|of)\s*[«»\"“”]?\s*", re.IGNORECASE)


LABEL_NOUN_CHARS = 120


MISSILES = "cruise_missiles"
GENERIC_MISSILES = frozenset({"missiles", "missile"})  # the bare word: which missiles, a model may say


TOTAL_BEFORE_CHARS = 70  # "brings the total since February 2022 to 650,000"


def read_figure(article: Article, number: NumberMention, sentence: int, previous: Figure | None) -> Figure | None:
    """What a number counts, as a `Figure` naming the rule that found it (`how`), or None when it
    counts nothing; with the figure whose running total it gives, when a total word precedes it."""
    figure = _read_figure(article, number, sentence, previous)
    if figure is not None and figure.total_of is None and not figure.bulletin:
        total = _total_of(article, number, sentence, previous)
        figure.total_of = total[0] if total else None
    return figure


def _total_of(article: Article, number: NumberMention, sentence: int, previous: Figure | None) -> tuple[Figure, int, int] | None:
    """The figure before (in the sentence, else the last of the sentence before)
    when a running total's word stands just before this one, no figure between: "Russia lost
    1,250 troops. That brings the total to 650,000 troops", "soit ... Au 30 juin, son total
    atteignait 542 700 hommes", "Its tally passed the one million mark"; with where its word stands."""
    s_start = article.sentences[sentence][0]
    # a qualifier stands within the letters the pattern allows ("the total to more than 650,000")
    word = article.lex.totals.search(article.text, max(s_start, number.start - TOTAL_BEFORE_CHARS), number.start)
    # the sentence before, even across a line break: scraped articles put each sentence on its own line
    last = article.last_figure
    antecedent = (previous or (last if last is not None and last.sentence == sentence - 1 else None)) if word else None
    return (antecedent, word.start(), word.start() + len(word.group().split()[0])) if word and antecedent else None


def _read_figure(article: Article, number: NumberMention, sentence: int, previous: Figure | None) -> Figure | None:
    text = article.text
    s_start, s_end = article.sentences[sentence]

    near = max(s_start, number.start - BEFORE_FIGURE_CHARS)
    if PLUS_INCREMENT.search(text, near, number.start) and previous is not None and previous.category:
        return Figure(
            number,
            sentence,
            previous.category,
            previous.noun_start,
            previous.noun_end,
            daily_of=previous,
            bulletin=previous.bulletin,
            how="increment_of_previous",
        )

    label = _bulletin_label(article, number, s_start)
    if label is not None:
        start, end, category = label
        return Figure(number, sentence, category, start, end, bulletin=True, how="bulletin_label")

    noun = _noun_after(article, number, s_end)
    if noun is not None:
        start, end, category, conditional = noun
        if conditional and not _conditional_ok(article, category, start, end, sentence, s_end):
            return None
        return Figure(number, sentence, category, start, end, how="conditional_noun_after" if conditional else "noun_after")

    autres = AUTRES.match(text, number.end) or OF_THEM.match(text, number.end)  # "60 of them", "30 d'entre eux"
    antecedent = previous or _figure_of_sentence_before(article, sentence)
    if antecedent is not None and autres and not _people_verb_before(article, number, antecedent):
        return Figure(
            number, sentence, antecedent.category, number.start, autres.end(), ellipsis_of=antecedent, how="autres_of_previous"
        )
    of_them = OF_THEM.match(text, number.end)
    people = _people_named_before(article, sentence) if of_them and antecedent is None and previous is None else None
    if of_them and people is not None and losses.cue_after(article, of_them.end(), s_end) is not None:
        # "Trois volontaires français sont partis combattre. Deux d'entre eux auraient été tués."
        return Figure(
            number, sentence, PERSONNEL, number.start, of_them.end(), antecedent=people, how="people_of_sentence_before"
        )
    if (
        previous is not None
        and article.lex.ellipsis.search(text, previous.number.end, number.start)
        and not ELLIPSIS_STOP.match(text, number.end)
        and not _civilians_counted(article, number)
    ):
        # "627 détruits, 42 endommagés, 51 abandonnés", not "à une quarantaine de kilomètres"
        return Figure(
            number, sentence, previous.category, number.start, number.end, ellipsis_of=previous, how="ellipsis_of_previous"
        )

    qualifier_start = qualifiers.read_qualifier(article, number, s_start)[2]  # "put deaths at as many as 120,000"
    ends = {number.start, qualifier_start}
    incise = INCISE_BEFORE.search(text, max(s_start, qualifier_start - 80), qualifier_start)
    if incise:  # "a atteint, selon l'état-major, 500 000"
        ends.add(incise.start())
    introduced = any(
        article.lex.introducers.search(text, max(s_start, end - BEFORE_FIGURE_CHARS), end)
        or _bare_introduced(article, s_start, end)
        for end in ends
    )
    # "deaths were counted in Buryatia (3 120) and Dagestan (2 870)": a name's figure in brackets
    introduced = introduced or bool(
        NAMED_IN_BRACKETS.search(text, max(s_start, number.start - 40), number.start) and text.startswith(")", number.end)
    )
    if introduced and (_nothing_counted_after(article, number) or losses.cue_after(article, number.end, s_end) is not None):
        # "dont 770 au cours des dernières 24 heures", "1 008 chars, dont 627 détruits"
        found = _noun_before(article, number, s_start, sentence, s_end)
        if found is not None:
            return Figure(number, sentence, found[2], found[0], found[1], how="introduced_noun_before")
        total = _total_of(article, number, sentence, previous)
        if total is not None:  # "Its tally passed the one million mark": the tally of the figure before
            return Figure(number, sentence, total[0].category, total[1], total[2], total_of=total[0], how="total_of_previous")
        side = article.lex.counterpart_openers.match(text, s_start)
        before = _figure_of_sentence_before(article, sentence) if side and previous is None else None
        if before is not None:
            # "Côté russe, les pertes seraient de 300 000. Côté ukrainien, ce serait 40 000": the other side's count
            return Figure(
                number, sentence, before.category, side.start(), side.end(), ellipsis_of=before, how="counterpart_of_previous"
            )
    opener = article.lex.list_openers.match(text, s_start)
    antecedent = _figure_of_sentence_before(article, sentence) if opener and previous is None else None
    if antecedent is not None and not text[opener.end() : number.start].strip(" ,") and _nothing_counted_after(article, number):
        # "... 87 340 soldats russes ont été «éliminés». Parmi eux, 640 durant la dernière journée."
        return Figure(number, sentence, antecedent.category, opener.start(), opener.end(), how="list_opener_of_previous")
    before = _figure_of_sentence_before(article, sentence) if previous is None else None
    if before is not None and before.category not in CATEGORIES_NOT_LOSSES and before.category != PERSONNEL:
        verbs = article.index.loss_cues.within(number.end, min(s_end, number.end + 40))
        if verbs and PASSIVE_GAP.fullmatch(text, number.end, verbs[0][0]):
            # "Moscow lost 40 tanks in May. In June, 35 were destroyed": the same kind
            return Figure(
                number, sentence, before.category, number.start, number.end, ellipsis_of=before, how="subject_of_loss_word"
            )
    topic = _topic_noun(article, s_start, number.start)
    if topic is not None and (
        _nothing_counted_after(article, number) or losses.cue_after(article, number.end, s_end) is not None
    ):
        # "For tanks, March was the worst month, with 310 destroyed"
        return Figure(number, sentence, topic[2], topic[0], topic[1], how="topic_of_sentence")
    cues = [
        c
        for c in article.index.personnel_cues.within(number.end, min(s_end, number.end + 30))
        if AUXILIARIES.fullmatch(text, number.end, c[0])
    ]
    if cues and _conditional_ok(article, PERSONNEL, number.start, number.end, sentence, s_end):
        # "Près de 3 200 sont morts", "plus 400 ont été faits prisonniers": people, in a military text
        return Figure(number, sentence, PERSONNEL, number.start, number.end, how="subject_of_personnel_word")
    return None


PASSIVE_GAP = re.compile(
    r"(?:\s+(?:ont|sont|été|avaient|étaient|auraient|seraient|have|has|had|been|were|was|are|reportedly|also|already"
    r"|reported|said|confirmed|déjà|également|aussi))+\s+",
    re.IGNORECASE,
)


TOPIC_TAIL = re.compile(r"(?:\s+[^\W\d][\w’'-]*){0,2}\s*,")  # "As for artillery systems used," up to its comma


def _topic_noun(article: Article, s_start: int, before: int) -> tuple[int, int, str] | None:
    """The equipment noun of a topic that opens the sentence ("For tanks,", "As for artillery
    systems,", "Pour les chars,"), closed by a comma before the figure, or None."""
    opener = article.lex.topic_openers.match(article.text, s_start, before)
    if opener is None:
        return None
    at = opener.end()
    while at < before and article.text[at] in " \t":
        at += 1
    nouns = article.index.nouns.within(at, at + 1)
    if not nouns or nouns[0][2] in CATEGORIES_NOT_LOSSES or nouns[0][2] == PERSONNEL:
        return None
    start, end, category = nouns[0]
    for next_start, next_end, next_category in article.index.nouns.within(end, end + 40):
        if article.text[end:next_start].strip():
            break
        end, category = next_end, next_category  # "artillery systems"
    tail = TOPIC_TAIL.match(article.text, end, before)
    return (start, end, category) if tail is not None else None


def _civilians_counted(article: Article, number: NumberMention) -> bool:
    """ "70 000 militaires et 12 000 civils": the figure counts civilians, its own noun, not the soldiers before."""
    found = article.index.civilian_cues.within(number.end, number.end + 20)
    return bool(found) and not article.text[number.end : found[0][0]].strip()


def _people_verb_before(article: Article, number: NumberMention, antecedent: Figure) -> bool:
    """ "Six drones were shot down ... shelling killed a man and wounded 9 more": a
    killing or wounding verb right before "N more" counts people, not the equipment before."""
    if antecedent.category.startswith(PERSONNEL):
        return False
    verbs = article.index.personnel_cues.within(max(0, number.start - 20), number.start)
    return bool(verbs) and verbs[-1][2] in ("killed", "wounded") and not article.text[verbs[-1][1] : number.start].strip()


def found_before(article: Article, pattern: re.Pattern[str], s_start: int, end: int) -> bool:
    """Whether `pattern` (not anchored at `end`) matches in text[s_start:end], `s_start` a
    sentence's start. The sentence's first match is searched once: searching again for
    each of a line's hundreds of figures was quadratic."""
    first = article.first_matches.get((pattern, s_start), False)
    if first is False:
        s_end = max(end, article.sentences[article.cleaned.sentence_index(s_start)][1])
        first = article.first_matches[pattern, s_start] = pattern.search(article.text, s_start, s_end)
    if first is None or first.start() >= end:
        return False
    return first.end() <= end or pattern.search(article.text, s_start, end) is not None


def _bare_introduced(article: Article, s_start: int, end: int) -> bool:
    """ "bringing its count since the invasion to 612,300", "les pertes ennemies à près de 18 000": a bare
    preposition right before the figure, never between two figures ("three to one")."""
    bare = article.lex.bare_introducers.search(article.text, max(s_start, end - 12), end) or LABEL_COLON.search(
        article.text, max(s_start, end - 4), end
    )  # "Tanks destroyed this week: 45"
    if bare is None:
        return False
    window = article.text[max(s_start, bare.start() - 4) : bare.start()]
    before = bare.start() - (len(window) - len(window.rstrip()))
    if article.number_ends is None:
        article.number_ends = frozenset(n.end for n in article.numbers)
    return before not in article.number_ends


def _people_named_before(article: Article, sentence: int) -> tuple[int, int] | None:
    """The people a number counts in the sentence before, in the same paragraph, when that number
    made no figure ("Trois volontaires français sont partis combattre"): the span of their noun."""
    if sentence == 0 or not article.cleaned.same_paragraph(sentence - 1, sentence):
        return None
    p_start, p_end = article.sentences[sentence - 1]
    for number in reversed([n for n in article.numbers if p_start <= n.start < p_end]):
        noun = _noun_after(article, number, p_end)
        if (
            noun is not None
            and noun[2] == PERSONNEL
            and (
                not noun[3]
                or (
                    article.text[noun[0] : noun[1]].lower() not in article.lex.generic_people
                    and not article.index.civilian_cues.within(p_start, p_end)
                )
            )
        ):  # "19 people killed in one building. Five of them ...": a strike's victims
            return number.end, noun[1]  # "three French volunteers": the adjective before the noun too
    return None


def _figure_of_sentence_before(article: Article, sentence: int) -> Figure | None:
    """The last figure of the sentence before, in the same paragraph or on the line just before
    (scraped text puts each sentence on its own line): what "110 autres", "544 others" add to."""
    last = article.last_figure
    if last is None or last.sentence != sentence - 1:
        return None
    if not article.cleaned.same_paragraph(last.sentence, sentence):
        between = article.text[article.sentences[last.sentence][1] : article.sentences[sentence][0]]
        if between.count("\n") != 1 or between.strip():
            return None
    return last


def _nothing_counted_after(article: Article, number: NumberMention) -> bool:
    """ "dont 770 au cours des dernières 24 heures", not "dont 3 enfants"."""
    following = NEXT_WORD.match(article.text, number.end)
    if following is not None and "\n" in article.text[number.end : following.start(1)]:
        return True  # a headline ending on its figure: the next line is another sentence
    return following is None or following.group(1).lower().replace("’", "'") in article.lex.noun_less_followers


def _noun_after(article: Article, number: NumberMention, limit: int) -> tuple[int, int, str, bool] | None:
    text = article.text
    position = article.noun_search_from.get(number.start, number.end)
    increment = INCREMENT_AFTER.match(text, position)
    if increment:
        position = increment.end()
    window_end = min(limit, position + 80)
    for table, conditional in ((article.index.nouns, False), (article.index.conditional_nouns, True)):
        matches = [
            m
            for m in table.within(position, window_end)  # "anti-aircraft" names no aircraft
            if not HYPHEN_TAIL.search(text, max(0, m[0] - 2), m[0])
        ]
        for index, (start, end, category) in enumerate(matches):
            gap = text[position:start]
            if not is_filler(article, gap):
                break
            if not conditional:
                end, category = _head(article, matches[index:], start)
            return start, end, category, conditional
    return None


def _head(article: Article, matches: list[tuple[int, int, str]], start: int) -> tuple[int, str]:
    """Where the counted noun ends and what it counts: past a unit word ("pièces d'équipement
    spécial"), and in English to the last of nouns written together ("HIMARS rockets" counts
    rockets, "Mi-24 helicopter" a helicopter)."""
    text = article.text
    _start, end, category = matches[0]
    rest = matches[1:]
    if text[start:end].lower() in article.lex.classifiers and rest and CLASSIFIER_LINK.fullmatch(text, end, rest[0][0]):
        _start, end, category = rest[0]
        rest = rest[1:]
    if article.lang == "en":
        for next_start, next_end, next_category in rest:
            if text[end:next_start].strip():
                break
            if category == "other" and next_category == MISSILES and text[next_start:next_end].lower() in GENERIC_MISSILES:
                end = next_end  # "two ATACMS missiles": the model says which missiles
                continue
            end, category = next_end, next_category
    elif category == MISSILES and text[_start:end].lower() in GENERIC_MISSILES:
        # "deux missiles Tochka-U", "sept missiles opérationnels-tactiques ATACMS": the model after says which
        for next_start, next_end, next_category in rest[:1]:
            if (
                next_category == "other"
                and is_filler(article, text[end:next_start])
                and len(WORDS.findall(text, end, next_start)) <= 1
            ):
                end, category = next_end, next_category
    return end, category


def is_filler(article: Article, gap: str) -> bool:
    """Whether the words between a figure and a noun are few and light enough for the noun to be what it counts."""
    words = WORDS.findall(gap)
    if FILLER_BREAK.search(gap):
        return False
    words = [w for w in words if w.lower() not in ("de", "d'", "d’", "of", "des", "du", "the")]
    return len(words) <= FILLER_WORDS and not any(w.lower() in NON_FILLER or w[0].isdigit() for w in words)


def _bulletin_label(article: Article, number: NumberMention, s_start: int) -> tuple[int, int, str] | None:
    if article.bulletin_from is None or number.start < article.bulletin_from:
        return None
    dash = LABEL_DASH.search(article.text, max(s_start, number.start - BEFORE_FIGURE_CHARS), number.start)
    if not dash:
        return None
    label_end = dash.start()
    label_from = max(s_start, label_end - LABEL_NOUN_CHARS)
    item = ITEM_SEPARATOR.search(article.text, label_from, label_end)  # the label starts after the last "; "
    while item is not None:
        label_from = item.end()
        item = ITEM_SEPARATOR.search(article.text, label_from, label_end)
    candidates = article.index.nouns.within(label_from, label_end + 1) + article.index.conditional_nouns.within(
        label_from, label_end + 1
    )
    for start, end, category in sorted(candidates, key=lambda c: -c[1]):
        # "chars : 9 390", "drones opérationnels et tactiques : 19 202": the noun and its adjectives
        if len(WORDS.findall(article.text, end, label_end)) <= LABEL_ADJECTIVE_WORDS and not FILLER_BREAK.search(
            article.text, end, label_end
        ):
            return start, end, category
    return None


def _noun_before(article: Article, number: NumberMention, s_start: int, sentence: int, s_end: int) -> tuple[int, int, str] | None:
    """The noun the clause names before a noun-less figure: the nearest plain noun, else the
    nearest of "morts", "pertes", "Russes"... that counts soldiers here."""
    nouns = [c for c in article.index.nouns.within(s_start, number.start) if c[1] <= number.start]
    if nouns:
        return max(nouns, key=lambda c: c[1])
    conditional = [
        c
        for c in article.index.conditional_nouns.within(s_start, number.start)
        if c[1] <= number.start and not _in_parenthetical(article.text, s_start, c, number.start)
    ]
    for start, end, category in sorted(conditional, key=lambda c: -c[1]):
        if _conditional_ok(article, category, start, end, sentence, s_end):
            return start, end, category
    return None


def _in_parenthetical(text: str, s_start: int, noun: tuple[int, int, str], end: int) -> bool:
    """Whether a noun stands in a dashed or bracketed aside closed before the figure: "Enemy
    casualties—killed and crippled—top 9,000" counts casualties, not the killed."""
    return bool(PARENTHETICAL_OPEN.search(text, s_start, noun[0]) and PARENTHETICAL_CLOSE.match(text, noun[1], end))


def _conditional_ok(article: Article, category: str, noun_start: int, noun_end: int, sentence: int, s_end: int) -> bool:
    """People, Russians, the dead: military losses only in a military, not civilian, context.

    The noun says it ("700 000 morts ou blessés", "100 000 pertes"), or a personnel word
    follows it, or a word of losses governs it ("Les pertes russes s'élèvent désormais à 830
    personnes", "auraient perdu plus de 31.420 personnes"); and no civilian word is in the
    sentence, nor in the three before unless they name soldiers or weapons."""
    s_start = article.sentences[sentence][0]
    if any(
        not CONTRAST.search(article.text, min(c[1], noun_start), max(c[0], noun_end))
        for c in article.index.civilian_cues.within(s_start, s_end)
    ):
        return False  # "cinq civils tués, et 130 blessés"; not "15 000, tandis que Moscou a accueilli 420 000 réfugiés"
    if sentence in article.civilian_sentences:
        return False  # "At least 11 people were killed across the country and 64 wounded": the same victims
    context_start = article.sentences[max(0, sentence - 3)][0]
    generic = article.text[noun_start:noun_end].lower() in article.lex.generic_people
    military = (
        _among_soldiers(article, context_start, noun_start, s_end)
        if generic
        else any(c[2] not in CATEGORIES_NOT_LOSSES for c in article.index.nouns.within(context_start, s_end))
    ) or any(
        article.index.words_between(a[1], noun_start) <= 1 or article.index.words_between(noun_end, a[0]) <= 1
        for table in (article.index.side_adjectives, article.index.foreign_fighters)  # "trois volontaires géorgiens"
        for a in table.within(max(s_start, noun_start - 30), min(s_end, noun_end + 30))
    )
    if not military and article.index.civilian_cues.within(context_start, s_end):
        if generic:
            article.civilian_sentences.add(sentence)
        return False  # "612 civils ... Le conflit a également fait 1.208 blessés"
    if any(end > noun_start for _start, end, _label in article.index.personnel_cues.within(noun_start - 40, noun_end)):
        return True
    governing = [
        c
        for c in article.index.personnel_cues.within(s_start, noun_start)
        if c[2] == "casualties"
        and (
            article.index.words_between(c[1], noun_start) <= GOVERNING_LOSS_WORDS
            or (
                article.index.words_between(c[1], noun_start) <= GOVERNING_SUBJECT_WORDS
                and not FIGURE_SUBJECT_BREAK.search(article.text, c[1], noun_start)
                and _introduced_figure(article, c[1], noun_start)
            )
        )
        and not _figure_between_offsets(article, c[1], noun_start, skip=1)
    ]
    if governing:
        return True
    if not generic and _object_of_killing(article, s_start, noun_start, context_start, s_end):
        return True
    cues = article.index.personnel_cues.within(noun_end, s_end)
    if not cues or article.index.words_between(noun_end, cues[0][0]) > 3:
        return False
    if generic and not military:
        article.civilian_sentences.add(sentence)
    return military


OBJECT_OF_KILLING_WORDS = 4  # "a tué au moins 120 000 Russes": the verb, a qualifier, the figure


def _object_of_killing(article: Article, s_start: int, noun_start: int, context_start: int, s_end: int) -> bool:
    """ "La guerre a tué 120 000 Russes", "has killed 120,000 Russians": a nationality is the object
    of a verb of killing, wounding or capturing just before its figure (casualties words govern
    farther: `_conditional_ok`); only with no civilian word in the sentence or the three before."""
    verbs = [
        c
        for c in article.index.personnel_cues.within(s_start, noun_start)
        if c[2] in ("killed", "wounded", "captured")
        and c[1] <= noun_start
        and article.index.words_between(c[1], noun_start) <= OBJECT_OF_KILLING_WORDS
        and not _figure_between_offsets(article, c[1], noun_start, skip=1)
    ]
    return bool(verbs) and not article.index.civilian_cues.within(context_start, s_end)


def _among_soldiers(article: Article, context_start: int, noun_start: int, s_end: int) -> bool:
    """Whether "people" stand among soldiers: soldiers named later in the sentence, or the
    nearest of the soldiers and civilians named before them is soldiers. Weapons around them
    are a strike's, its victims civilians ("43 of the 84 cruise missiles were shot down. At least
    11 people were killed"; "killing 23 civilians. More than 100 people were wounded")."""
    soldiers = [c[0] for c in article.index.nouns.within(context_start, s_end) if c[2] == PERSONNEL]
    if any(at > noun_start for at in soldiers):
        return True
    civilians = [c[0] for c in article.index.civilian_cues.within(context_start, noun_start)]
    return bool(soldiers) and (not civilians or max(soldiers) > max(civilians))


def _introduced_figure(article: Article, start: int, noun_start: int) -> bool:
    """Whether the figure just before `noun_start` is introduced by a verb or noun of the
    introducers ("s'élèvent à 1 150 personnes", "stood at 520 people"), read from `start`."""
    index = bisect_left(article.number_starts, noun_start) - 1
    if index < 0 or article.number_starts[index] < start:
        return False
    at = article.number_starts[index]
    return article.lex.introducers.search(article.text, max(start, at - BEFORE_FIGURE_CHARS), at) is not None


def _figure_between_offsets(article: Article, start: int, end: int, skip: int = 0) -> bool:
    """Whether more than `skip` figures start between two offsets."""
    return bisect_left(article.number_starts, end) - bisect_left(article.number_starts, start) > skip
