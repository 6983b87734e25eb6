"""Category of personnel figures: killed, wounded, captured or casualties, from the words near them."""

from __future__ import annotations

from typing import TYPE_CHECKING
import re
from bisect import bisect_right
from bilan.claims.figures import Figure
from bilan.claims.rules import COORDINATION, PERSONNEL
from bilan.claims import losses

if TYPE_CHECKING:
    from bilan.claims.article import Article


CUE_AFTER_NOUN_WORDS = 4  # "soldats russes ont été tués": the participle within four words


# The nouns coordinated after a counted noun with no figure of their own: ", fighting ",
# " and other “", ", et " (a word or two of their own may qualify them).
MIXED_LINK = re.compile(
    r"\s*(?:,\s*(?:(?P<last>and|et|or|ou)\s+)?|\s+(?P<final>and|et|or|ou)\s+)"
    r"(?P<others>(?:other|autres|d['’]autres|various|divers)\s+)?[«»“”\"‘’]?\s*(?:[^\W\d][\w-]*\s+){0,2}?",
    re.IGNORECASE,
)


MIXED_START = re.compile(r",|\s+(?:and|et|or|ou)\s", re.IGNORECASE)  # what must follow the noun, checked first


MIXED_CHARS = 100  # "250 tanks, armoured vehicles and other military equipment"


DEATHS_NEARBY_SENTENCES = 3  # a headline's "lost 9,000 troops", the lead's "9,000 ... died there"


COORDINATED_CUE_CHARS = 12  # " and wounded", " ou blessés"


ASIDE = re.compile(r"[(;\[]")


def coordinated_kinds(article: Article, figure: Figure, s_end: int) -> tuple[str, str] | None:
    """What one figure counts when nouns of other kinds are coordinated after its own, with no
    figure of their own, the last after "and": several kinds (`other`: "300 tanks, fighting
    vehicles and guns", "250 tanks, IFVs and other hardware"), or two whose sum
    the record keeps ("some 20 battle tanks and armored vehicles"); with the rule. Two
    other kinds are left to the first noun ("26 navires et sous-marins"). People stop the list."""
    if figure.category.startswith(PERSONNEL) or not MIXED_START.match(article.text, figure.noun_end):
        return None
    # nouns up to the next figure only: "500 soldiers, one tank and two trucks" each have their own
    following = bisect_right(article.number_starts, figure.number.start)
    stop = min(s_end, figure.noun_end + MIXED_CHARS)
    if following < len(article.number_starts):
        stop = min(stop, article.number_starts[following])
    position, kinds = figure.noun_end, {figure.category}
    for start, end, category in article.index.nouns.within(figure.noun_end, stop):
        if start < position:
            continue
        link = MIXED_LINK.fullmatch(article.text, position, start)
        if link is None or category == PERSONNEL:
            return None
        kinds.add(category)
        position = end
        if link.group("last") or link.group("final"):
            if len(kinds) > 2 or (len(kinds) == 2 and link.group("others")):
                return "other", "several_kinds_of_equipment"
            total = article.lex.coordinated_sums.get(frozenset(kinds))
            return (total, "coordinated_sum") if total else None
    return None


def deaths_said_nearby(article: Article, figures: list[Figure]) -> None:
    """ "Russia has lost some 9,000 soldiers near the city", then "By its count, 9,000 Russian
    soldiers died there": losses that a neighbouring sentence gives as deaths, the same figure (value, side and
    scope), are deaths (ANNOTATION.md: casualties unless a neighbouring sentence plainly says the
    same figure is deaths)."""
    killed = [f for f in figures if f.claim is not None and f.claim.category == "personnel_killed"]
    if not killed:
        return
    for figure in figures:
        claim = figure.claim
        if claim is None or claim.category != "personnel_casualties" or figure.bulletin:
            continue
        for other in killed:
            said = other.claim
            if (
                said is not None
                and other is not figure
                and 0 < abs(other.sentence - figure.sentence) <= DEATHS_NEARBY_SENTENCES
                and claim.value in (said.value, said.value_max)
                and (claim.side, claim.scope) == (said.side, said.scope)  # not "200 nationalists" a strike killed
            ):
                claim.category = "personnel_killed"
                claim.decide("category", "deaths_of_the_same_figure_nearby", said.start, said.end)
                break


def personnel_after(article: Article, position: int, s_end: int, figure: Figure) -> str | None:
    """The personnel word just after the counted noun, never past the next figure ("Kyiv
    lost 64 soldiers and 185 were wounded": the wounded are the 185)."""
    following = bisect_right(article.number_starts, figure.number.start)
    stop = min(s_end, article.number_starts[following]) if following < len(article.number_starts) else s_end
    aside = ASIDE.search(article.text, position, stop)  # "tué 80 150 soldats (et blessé plus du triple)"
    cues = article.index.personnel_cues.within(position, aside.start() if aside else stop)
    if cues and article.index.words_between(position, cues[0][0]) <= CUE_AFTER_NOUN_WORDS:
        return _combine(article, cues, cues[0])
    return None


def _combine(article: Article, cues: list[tuple[int, int, str]], first: tuple[int, int, str]) -> str:
    """ "tués et blessés": a killed word and a wounded word together are casualties."""
    labels = {first[2]}
    for cue in cues:
        if cue is first:
            continue
        between = article.text[first[1] : cue[0]] if cue[0] > first[1] else article.text[cue[1] : first[0]]
        if COORDINATION.fullmatch(between):
            labels.add(cue[2])
    if {"killed", "wounded"} <= labels:
        return "personnel_casualties"
    return "personnel_" + first[2]


def personnel_category(article: Article, figure: Figure, s_start: int, s_end: int) -> tuple[str | None, str]:
    """Killed, wounded, casualties or captured, and the rule that said so: the noun's own
    word, else the word just after it, else the word of the sentence nearest the figure."""
    # "morts ou blessés", "le nombre de morts", "180,000 fallen soldiers": the noun says it
    own = [
        cue
        for cue in article.index.personnel_cues.within(figure.noun_start - 40, figure.noun_end)
        if cue[1] > figure.noun_start or cue[0] >= figure.number.end
    ]
    if (
        own
        and all(c[2] == "wounded" and c[1] <= figure.noun_start for c in own)
        and personnel_after(article, figure.noun_end, s_end, figure) == "personnel_captured"
    ):
        return "personnel_captured", "personnel_cue:captured_after_wounded"  # "two wounded soldiers who were captured"
    if own:
        # "70,000 killed in action and wounded", "280,000 wounded or dead": a word coordinated after the noun's own
        own += article.index.personnel_cues.within(figure.noun_end, figure.noun_end + COORDINATED_CUE_CHARS)
        return (_combine(article, own, own[0]) if len(own) > 1 else "personnel_" + own[0][2]), "personnel_cue:noun"
    after = personnel_after(article, figure.noun_end, s_end, figure)
    if after:
        return after, "personnel_cue:after_noun"
    cues = article.index.personnel_cues.within(s_start, s_end)
    if not cues:  # "... 5 540 officers have died. Among them are 12 generals."
        cues = [
            c for a, b in losses.continued_sentence(article, figure.sentence) for c in article.index.personnel_cues.within(a, b)
        ]
        if cues:
            return _combine(article, cues, cues[-1]), "personnel_cue:list_continued"
        return None, "personnel_cue:none"
    # a word past the next figure is that one's: "le nombre de victimes dépasse 2 000, dont 400 tués et 1 500 blessés"
    following = bisect_right(article.number_starts, figure.number.start)
    if following < len(article.number_starts) and article.number_starts[following] < s_end:
        cues = [c for c in cues if c[0] < article.number_starts[following]] or cues
    nearest = min(cues, key=lambda c: article.index.words_between(c[0], figure.number.start))
    return _combine(article, cues, nearest), "personnel_cue:nearest"
