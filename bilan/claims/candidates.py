"""Candidates: the numbers of an article that may be claims (singular articles as 1, stocks out)."""

from __future__ import annotations

from typing import TYPE_CHECKING
import re
from bisect import bisect_left
from bilan.numbers import NumberMention
from bilan.claims.rules import LIST_GAP, NEXT_WORD, PERSONNEL, WORDS
from bilan.claims import counting

if TYPE_CHECKING:
    from bilan.claims.article import Article


BULLETIN_ITEM = re.compile(r"[:—–‒-]\s*(?:environ|about|approximately|près de|~)?\s*\d[\d\s\u00a0\u202f.,]*\(\s*\+\s*\d")


BULLETIN_MIN_ITEMS = 3  # three "label : total (+increment)" items make a bulletin without a header


LIST_NEXT = re.compile(r"(?:\s+[\w’'-]+){0,3}\s*(?:,|\bet\b|\band\b)\s*", re.IGNORECASE)


LIST_ITEM_WORDS = 10  # "610 soldats, un transport de troupes blindé M113 de fabrication américaine, deux canons"


LOSS_WORD_AFTER_WORDS = 8  # "Un canon Caesar livré par la France a lui aussi été détruit"


CLAUSE_BREAK = re.compile(r"[.;!?]")


ELLIPTIC_LINK = re.compile(r"(?:,|\bet|\bpuis)\s*$", re.IGNORECASE)  # ", et un dans ...", "et une à ..."


ELLIPTIC_ITEM_CHARS = 60  # "deux à Tver, et un": the figure before, a place phrase away


SHARE_CHARS = 30  # "les deux tiers des " before the figure


CLAUSE_OPENING = re.compile(r"(?:,|\bavec|\bwith)\s*$", re.IGNORECASE)


def singulars(article: Article, numbers: list[NumberMention]) -> list[NumberMention]:
    """The article as the figure 1 before a piece of equipment ("un obusier M777", "a tank"),
    when a loss verb or a list word governs it ("a coulé un sous-marin", "et un D-20"), when
    it is an item of a list of figures ("450 militaires, un canon Krab", "A tank, an
    infantry fighting vehicle, two..."), or when a loss word follows it ("Un autre MiG-29 a
    été détruit"). Whether it is a loss is then decided as for any figure."""
    rule = article.lex.singular
    if rule is None:
        return []
    taken = {n.start for n in numbers}
    articles = [m.span() for m in rule.article.finditer(article.text, article.prose_start) if m.start() not in taken]
    nouns = {start: _singular_noun(article, end) for start, end in articles}
    figure_spans = sorted(
        [(n.start, n.end) for n in numbers] + [(start, noun[0]) for start, _end in articles if (noun := nouns[start]) is not None]
    )
    found = []
    starts = [n.start for n in numbers]
    for start, end in articles:
        noun = nouns[start]
        if noun is None:
            if rule.elliptic_place is not None and _elliptic_place_item(article, start, end, numbers, starts):
                found.append(NumberMention(start=start, end=end, text=article.text[start:end], value=1, words=True))
            continue
        noun_end, category = noun
        governed = rule.governed.search(
            article.text, max(article.prose_start, start - 40), start
        ) or article.index.loss_cues.within(end, article.index.nouns.within(end, noun_end)[0][0])  # "an abandoned tank"
        if (
            governed
            or _list_item(article, start, noun_end, figure_spans)
            or _loss_word_follows(article, start, noun_end, category)
        ):
            found.append(NumberMention(start=start, end=end, text=article.text[start:end], value=1, words=True))
    return found


def _elliptic_place_item(article: Article, start: int, end: int, numbers: list[NumberMention], starts: list[int]) -> bool:
    """ "12 drones abattus au-dessus de Koursk, 6 à Lipetsk et un dans la région de Tver": an
    article with no noun, after a list link, before a place word, a figure of its sentence just
    before it: the breakdown's last item, one of what the figures before count."""
    assert article.lex.singular is not None and article.lex.singular.elliptic_place is not None
    if not article.lex.singular.elliptic_place.match(article.text, end) or not ELLIPTIC_LINK.search(
        article.text, max(0, start - 8), start
    ):
        return False
    index = bisect_left(starts, start) - 1
    if index < 0 or start - numbers[index].end > ELLIPTIC_ITEM_CHARS or not article.sentences:
        return False
    return article.cleaned.sentence_index(numbers[index].start) == article.cleaned.sentence_index(start)


def _singular_noun(article: Article, article_end: int) -> tuple[int, str] | None:
    """Where the equipment an article names ends ("un obusier américain M777", "a Ukrainian
    Mi-24 helicopter") and what it is, or None when it names people or nothing counted."""
    nouns = article.index.nouns.within(article_end, article_end + 60)
    if not nouns or nouns[0][2] == PERSONNEL or not counting.is_filler(article, article.text[article_end : nouns[0][0]]):
        return None
    if _plural(article, nouns[0][0], nouns[0][1]):
        return None  # "un labyrinthe de véhicules", "une frappe de drones": the article is not theirs
    noun_end = nouns[0][1]
    for start, end, _category in nouns[1:]:  # "Mi-24 helicopter", "obusier M777"
        if article.text[noun_end:start].strip():
            break
        noun_end = end
    followers = article.lex.singular.noun_followers if article.lex.singular else frozenset()
    following = NEXT_WORD.match(article.text, noun_end)
    if (
        followers
        and following
        and following.start(1) == noun_end + 1
        and following.group(1).islower()
        and following.group(1) not in followers
    ):
        return None  # "a drone attack", "a tank column": the noun only qualifies what is counted
    return noun_end, nouns[0][2]


def _plural(article: Article, start: int, end: int) -> bool:
    """Whether a noun phrase is plural, by its head: the first word in French ("systèmes de
    défense"), the last in English ("air defense systems") unless "of" follows the head
    ("pieces of equipment"). Capitalised names ("HIMARS") are left alone."""
    words = WORDS.findall(article.text, start, end)
    if not words:
        return False
    if article.lang == "en":
        lowered = [w.lower() for w in words]
        head = words[lowered.index("of") - 1] if "of" in lowered[1:] else words[-1]
    else:
        head = words[0]
    # a compound is plural when each of its parts is: "chasseurs-bombardiers", "sous-marins"; not "lance-roquettes"
    return head.islower() and all(part[-1:] in ("s", "x") for part in head.split("-"))


def _list_item(article: Article, start: int, noun_end: int, figure_spans: list[tuple[int, int]]) -> bool:
    """Whether a figure stands in a list of figures of its sentence, a comma or a list word away."""
    s_start, s_end = article.sentences[article.cleaned.sentence_index(start)] if article.sentences else (0, len(article.text))
    index = bisect_left(figure_spans, (start, -1))
    if index > 0:
        before_end = figure_spans[index - 1][1]
        gap = article.text[before_end:start]
        if before_end >= s_start and LIST_GAP.fullmatch(gap) and len(WORDS.findall(gap)) <= LIST_ITEM_WORDS:
            return True
    following = figure_spans[index + 1] if index + 1 < len(figure_spans) else None
    if following is not None and following[0] < s_end:
        gap = article.text[noun_end : following[0]]
        return bool(LIST_NEXT.fullmatch(gap))
    return False


def _loss_word_follows(article: Article, start: int, noun_end: int, category: str) -> bool:
    """ "Un autre hélicoptère Ka-52 a été détruit", "Au même moment, un chasseur Su-30 ... a été abattu":
    an article opening its clause, whose noun a loss word follows with no other noun between
    ("Vue depuis un drone montrant un véhicule détruit": the drone is not what was destroyed;
    "Un obusier américain M777 a été détruit": the model names the same piece)."""
    s_start = article.sentences[article.cleaned.sentence_index(start)][0] if article.sentences else article.prose_start
    if article.text[s_start:start].strip() and not CLAUSE_OPENING.search(article.text, s_start, start):
        return False
    stop = noun_end + 80
    for table in (article.index.loss_cues, article.index.interception_cues):
        for cue_start, _end, _label in table.within(noun_end, stop):
            if (
                not CLAUSE_BREAK.search(article.text, noun_end, cue_start)
                and article.index.words_between(noun_end, cue_start) <= LOSS_WORD_AFTER_WORDS
                and not any(n[0] >= noun_end and n[2] != category for n in article.index.nouns.within(noun_end, cue_start))
            ):
                return True
    return False


THIS_WAR_SIDES = frozenset({"russia", "ukraine"})


WAR_UNSAID_SENTENCES = 6  # an article this long says which war it is about


def of_this_war(article: Article, numbers: list[NumberMention]) -> list[NumberMention]:
    """Drop every figure of an article that names neither Russia nor Ukraine, by name or
    adjective, anywhere ("les forces armées soudanaises", "the RSF"): its war is another one.
    A text of a few sentences (a headline, a brief) or a bulletin ("the enemy's total combat
    losses") may leave its war unsaid."""
    if (
        len(article.sentences) < WAR_UNSAID_SENTENCES
        or article.index.bulletin_headers.items
        or any(
            label in THIS_WAR_SIDES
            for table in (article.index.side_names, article.index.side_adjectives)
            for *_, label in table.items
        )
    ):
        return numbers
    for number in numbers:
        article.reject(number, "another_war:neither_side_named")
    return []


def without_side_phrases(article: Article, numbers: list[NumberMention]) -> list[NumberMention]:
    """Drop the number of a phrase that says whose losses ("des deux côtés", "au total des
    deux"): the two sides are no figure, and would otherwise be read as an ellipsis of the
    figure before ("400 soldats tués ou blessés des deux côtés")."""
    kept = []
    for number in numbers:
        if any(
            start <= number.start and number.end <= end
            for start, end, _ in article.index.side_both.within(number.start - 20, number.end)
        ):
            article.reject(number, "part_of_both_sides_phrase")
        else:
            kept.append(number)
    return kept


def without_stocks(article: Article, numbers: list[NumberMention]) -> list[NumberMention]:
    """Drop the stock of "2,200 of the 3,500 tanks", and let the first figure count its noun."""
    numbers = sorted(numbers, key=lambda n: n.start)
    kept: list[NumberMention] = []
    skip = -1
    for index, number in enumerate(numbers):
        if index == skip:
            continue
        if _whole_of_a_share(article, number):
            article.reject(number, "whole_of_a_share")  # "a third of the 30,000 prisoners enlisted ... have died"
            continue
        following = numbers[index + 1] if index + 1 < len(numbers) else None
        if following is not None:
            stock = article.lex.stock.match(article.text, number.end)
            if stock and stock.end() == following.start:
                article.noun_search_from[number.start] = following.end
                # "500 000 des 750 000 pertes totales": a total of losses is a claim of its own
                losses = article.index.personnel_cues.within(following.end, following.end + 30)
                if not (losses and not article.text[following.end : losses[0][0]].strip()):
                    skip = index + 1
                    article.reject(following, "stock_of_previous")  # "2,200 of the 3,500 tanks"
        kept.append(number)
    return kept


def _whole_of_a_share(article: Article, number: NumberMention) -> bool:
    """ "a third of the 30,000 prisoners enlisted by the group": the whole a share is taken
    from is no loss; a whole of losses is ("90% of the 300,000 casualties", "des 750 000 pertes")."""
    if not article.lex.share_of.search(article.text, max(article.prose_start, number.start - SHARE_CHARS), number.start):
        return False
    losses = article.index.personnel_cues.within(number.end, number.end + 30)
    return not (losses and losses[0][2] != "captured" and not article.text[number.end : losses[0][0]].strip())


def bulletin_start(article: Article) -> int | None:
    """Where an official bulletin's lines start: its header ("pertes totales de l'ennemi"),
    or the first of at least three "chars : 9 390 (+8)" items."""
    headers = article.index.bulletin_headers.items
    if headers:
        return headers[0][0]
    items = BULLETIN_ITEM.finditer(article.text, article.prose_start)
    first = [item.start() for _, item in zip(range(BULLETIN_MIN_ITEMS), items)]
    if len(first) == BULLETIN_MIN_ITEMS:
        return article.sentences[article.cleaned.sentence_index(first[0])][0] if article.sentences else first[0]
    return None
