"""Side: whose losses, read from the sentence (owners, agents, adjectives, "the enemy")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bilan.claims.figures import Figure
from bilan.numbers import NumberMention
from bilan.claims.rules import OPPOSITE, PERSONNEL, POSSESSIVE, SIDE_AGENT_WORDS, SUBJECT_BREAK, WORDS

if TYPE_CHECKING:
    from bilan.claims.article import Article


DIGITS = re.compile(r"\d[\d\s.,'’\u00a0\u202f]*\d|\d")


DIGIT_GROUPS = re.compile(r"(?<=[\d.,'’\u00a0\u202f ])\d+")  # the groups after a number's first ("1 000 000")


SIDE_BOTH_WORDS = 12  # "200,000 soldiers killed or wounded on both sides"


SIDE_COMPLEMENT = re.compile(
    r"\s*(?:\(\s*\+\s*[\d\s]+\)\s*)?(?:de\s+la|de\s+l['’]|du|des|de|d['’]|of\s+the|of|belonging\s+to\s+the|belonging\s+to)(?!\w)\s*",
    re.IGNORECASE,
)


SIDE_COMPLEMENT_WORDS = 3  # "des forces armées ukrainiennes": the side within three words of "des"


SUBJECT_VERB_WORDS = 1  # "the forces of Ukraine, destroyed", "the forces of Ukraine have destroyed"


NOUN_ADJECTIVE_WORDS = 1  # "Ukrainian military losses": the side adjective at most one word before its noun
COUNTED_WORDS = 3  # "55 Ukrainian troops and destroyed": the side word of a figure's noun phrase


DIED_IN_WORDS = 5  # "soldats avaient été tués en Ukraine"


SIDE_OWN_WORDS = 8  # "ses pertes s'élèvent à 1 351"


SIDE_OBJECT_WORDS = 4  # "a abattu, entre autres, deux chars": the object list starts within four words of its verb


AGREED_PARTICIPLE = re.compile(r"(?:és|ée|ées|is|ies|us|ues|ts|te|tes)\b", re.IGNORECASE)


AUXILIARY_BEFORE = re.compile(
    r"(?<!\w)(?:a|ont|avait|avaient|aurait|auraient|avoir|ayant)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE
)


PASSIVE_BEFORE = re.compile(r"(?<!\w)(?:été|être|été\s+\w+|were|was|been|be|are|is|being)\s+$", re.IGNORECASE)


COST = re.compile(
    r"(?<!\w)(?:cost|costs|costing|coûté|coûte|coûtent)\b", re.IGNORECASE
)  # "Ukraine has cost Russia": who pays is after


# "abattus par la défense antiaérienne russe": the agent, up to three words after "par"
AGENT = re.compile(r"(?<!\w)(?:par|by)\s+(?:les\s+|des\s+|la\s+|le\s+|l['’]|the\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


MAKER = re.compile(r"[-‑](?:made|built|designed|supplied|produced|manufactured)\b", re.IGNORECASE)


FOR_SIDE = re.compile(r"\s*(?:for|pour|on\s+the|du\s+côté|côté|chez)\s+((?:the\s+|les\s+|l['’]|la\s+|le\s+)?)", re.IGNORECASE)


SIDE_OPENING = re.compile(r"[\W\d]*(?:du\s+|de\s+l['’]autre\s+)?côté\s+|[\W\d]*on\s+the\s+", re.IGNORECASE)


SIDE_OPENING_END = re.compile(r"\s*,|\s+side\b", re.IGNORECASE)  # "Côté russe,", "On the Russian side"


BOTH_JOIN = re.compile(r"\s+(?:et|and|ou|or)\s+", re.IGNORECASE)  # "soldats russes et ukrainiens"


BY_AGENT = re.compile(r"(?<!\w)(?:by|par)\s+(?:the\s+|les\s+|la\s+|le\s+|l['’]|des\s+)?$", re.IGNORECASE)


FOR_SIDE_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}?(?=\s+(?:for|pour|on\s+the|du\s+côté|chez)\s)", re.IGNORECASE)


def _for_side(article: Article, position: int, s_end: int) -> tuple[str, int, int] | None:
    """The side a preposition right at `position` gives ("pour l'Ukraine", "on the Ukrainian side")."""
    beneficiary = FOR_SIDE.match(article.text, position, s_end)
    if beneficiary is None:
        return None
    window = (beneficiary.start(1), min(s_end, beneficiary.end() + 30))
    for start, end, side in sorted(article.index.side_adjectives.within(*window) + article.index.side_names.within(*window)):
        if start in (beneficiary.start(1), beneficiary.end()):  # "pour l'Ukraine", "for the Russians"
            return side, start, end
    return None


def _coordinated(text: str, first: tuple[str, int, int], second: tuple[str, int, int]) -> bool:
    """Two side names of opposite sides joined by "and"/"et" ("Ukraine and Russia's losses")."""
    return first[0] != second[0] and first[0] != "other" and BOTH_JOIN.fullmatch(text, first[2], second[1]) is not None


# Who lost what an agent destroyed: the other side; what "we" destroyed is the enemy's, what "the enemy" destroyed our own
AGENT_LOSER = {**OPPOSITE, "own": "enemy", "enemy": "own"}


LOCATIVE = frozenset(
    "en dans contre vers sur à au aux depuis pour in into against on at to from toward towards "
    "across over near près l'est l'ouest nord sud est ouest".split()
)


def read_side(article: Article, figure: Figure, s_start: int, s_end: int) -> str | None:
    """Whose losses, when the sentence says (see the side tables of the lexicon); the rule
    that decided is kept in `figure.side_rule`. `enemy` and `own` are resolved against the
    source once it is known."""
    found = _side_decision(article, figure, s_start, s_end)
    if found is None:
        return None
    side, figure.side_rule, start, end = found
    figure.side_span = (start, end)
    return side


def _side_decision(article: Article, figure: Figure, s_start: int, s_end: int) -> tuple[str, str, int, int] | None:
    text = article.text
    number = figure.number
    if figure.antecedent is not None:
        # "Trois volontaires français ... Deux d'entre eux": the side of the people the pronoun names
        start, end = figure.antecedent
        named = article.index.foreign_fighters.within(start, min(s_start, end + 30)) + article.index.side_adjectives.within(
            start, min(s_start, end + 30)
        )
        if named:
            side_start, side_end, side = min(named)
            return side, "antecedent_of_pronoun", side_start, side_end
    # 1. the counted noun's own side: "100 000 Russes", "1,200 Russian troops", "soldats russes"
    within = [
        a
        for a in article.index.side_adjectives.within(number.end, figure.noun_end)
        if a[0] >= number.end and not MAKER.match(text, a[1])
    ]  # "13 Iranian-made drones": who built them, not who lost them
    following: list[tuple[int, int, str]] = []
    position = figure.noun_end
    for adjective in sorted(article.index.side_adjectives.within(figure.noun_end, min(s_end, figure.noun_end + 40))):
        if not (not following and not text[position : adjective[0]].strip() or BOTH_JOIN.fullmatch(text, position, adjective[0])):
            break
        following.append(adjective)
        position = adjective[1]
    if {a[2] for a in within + following} >= {"russia", "ukraine"}:
        # "300 000 militaires ukrainiens et russes", "Russian and Ukrainian soldiers": both sides together
        return "other", "both_in_noun", within[0][0] if within else following[0][0], (within + following)[-1][1]
    if within:
        return within[-1][2], "noun_adjective", within[-1][0], within[-1][1]
    named = [n for n in article.index.side_names.within(number.end, figure.noun_end) if n[0] >= number.end]
    if named:  # "15,000 occupiers", "300 envahisseurs": the counted noun names its side
        return named[-1][2], "noun_names_side", named[-1][0], named[-1][1]
    foreign = _foreign_fighters(article, figure, s_end)
    if foreign is not None:
        return foreign
    if figure.noun_end <= number.start and not SUBJECT_BREAK.search(text, figure.noun_end, number.start):
        # "the number of Russian troops killed ... has topped 1 million", "Ukrainian military
        # losses had topped 1 million": the noun before its figure in its clause, and its own adjective
        before = [
            a
            for a in article.index.side_adjectives.within(max(s_start, figure.noun_start - 40), figure.noun_start)
            if article.index.words_between(a[1], figure.noun_start) <= NOUN_ADJECTIVE_WORDS
        ]
        if before:
            return before[-1][2], "adjective_of_noun_before", before[-1][0], before[-1][1]
    for start, end, side in article.index.side_adjectives.within(figure.noun_end, min(s_end, figure.noun_end + 40)):
        if not text[figure.noun_end : start].strip():
            return side, "noun_adjective", start, end
        break
    complement = _side_of_complement(article, figure, s_end)
    if complement is not None:
        return complement
    beneficiary = _for_side(article, max(figure.noun_end, number.end), s_end)
    if beneficiary is not None:  # "3 050 chars russes, contre 800 pour l'Ukraine", "800 on the Ukrainian side"
        return beneficiary[0], "for_side", beneficiary[1], beneficiary[2]
    after = bisect_right(article.number_starts, number.start)
    if after < len(article.number_starts) and article.number_starts[after] < s_end:
        next_start = article.number_starts[after]
        joined = BOTH_JOIN.fullmatch(text, max(figure.noun_end, number.end), next_start)
        shared = FOR_SIDE_AFTER.match(text, article.candidate_ends[after], s_end) if joined else None
        beneficiary = _for_side(article, shared.end(), s_end) if shared is not None else None
        if beneficiary is not None:  # "70,000 killed and 120,000 injured on the Ukrainian side": both figures'
            return beneficiary[0], "for_side_of_pair", beneficiary[1], beneficiary[2]
    # 2. both sides together
    for start, end, _ in article.index.side_both.within(s_start, s_end):
        if article.index.words_between(start if start > number.start else end, number.start) <= SIDE_BOTH_WORDS:
            return "other", "both_sides", start, end
    facts = _sentence_sides(article, figure.sentence, s_start, s_end)
    excluded = facts.excluded
    # 3. the owner of the losses: "Russia's losses", "la Russie a perdu", "les pertes ukrainiennes"
    owners = _nearest_owners(article, figure, facts.owner_names, facts.sayings, skip_own_span=False)
    owners += _nearest_owners(article, figure, facts.owner_adjectives, facts.sayings, skip_own_span=True)
    own = _own_side(article, figure, s_start, s_end)
    if own is not None:
        owners.append(own)
    if owners:
        _distance, side, start, end = min(owners)
        return side, "owner", start, end
    # 4. who destroyed: the other side lost
    agent = _agent_side(article, figure, s_start, s_end, excluded)
    if agent is not None:
        return agent
    # 5. "Côté nord-coréen, ...", "On the Ukrainian side, ...": the side the sentence opens on
    opening = SIDE_OPENING.match(text, s_start, s_end)
    if opening is not None:
        for start, end, side in article.index.side_adjectives.within(opening.end(), min(s_end, opening.end() + 30)):
            if start == opening.end() and SIDE_OPENING_END.match(text, end):
                return side, "sentence_opening", start, end
    # 6. "2 480 militaires auraient péri en Ukraine": the invader's dead
    if figure.category.startswith(PERSONNEL):
        for start, end, side in article.index.side_names.within(number.end, s_end):
            if (
                side == "ukraine"
                and locative(article, start)
                and article.index.words_between(figure.noun_end, start) <= DIED_IN_WORDS
                and not SUBJECT_BREAK.search(article.text, figure.noun_end, start)
                and not POSSESSIVE.match(article.text, end)
            ):
                return "russia", "died_in_ukraine", start, end
    # 7. the nearest side adjective of the sentence
    nearest: tuple[int, str, int, int] | None = None
    for start, end, side in facts.qualifying_adjectives:
        if number.start <= start < figure.noun_end:
            continue
        distance = article.index.words_between(start, number.start)
        if nearest is None or distance < nearest[0]:
            nearest = (distance, side, start, end)
    return (nearest[1], "nearest_adjective", nearest[2], nearest[3]) if nearest else None


def _foreign_fighters(article: Article, figure: Figure, s_end: int) -> tuple[str, str, int, int] | None:
    """ "Deux combattants belges", "two Belgian volunteers", "14 Britons": people of a foreign
    nationality counted with the side they fight for (the lexicon's `foreign_fighters`), read on
    the figure's own noun or the word right after it, for personnel figures only."""
    if not figure.category.startswith(PERSONNEL):
        return None
    text = article.text
    found = [f for f in article.index.foreign_fighters.within(figure.number.end, figure.noun_end) if f[0] >= figure.number.end]
    if not found:
        found = [
            f
            for f in article.index.foreign_fighters.within(figure.noun_end, min(s_end, figure.noun_end + 30))
            if not text[figure.noun_end : f[0]].strip()
        ]
    if not found:
        return None
    start, end, side = found[-1]
    return side, "foreign_fighters", start, end


@dataclass(frozen=True)
class SentenceSides:
    """What a sentence says of sides whatever its figure: the attribution span, the side names
    and adjectives that own losses (step 3), those that may be the nearest adjective (step 7)."""

    excluded: tuple[int, int]
    owner_names: list[tuple[str, int, int]]
    owner_adjectives: list[tuple[str, int, int]]
    qualifying_adjectives: list[tuple[int, int, str]]
    sayings: list[int]  # where the sentence's verbs of saying start, in order (see _in_speaker_incise)


def _sentence_sides(article: Article, sentence: int, s_start: int, s_end: int) -> SentenceSides:
    """The sentence's SentenceSides, read once per sentence: read again for each figure, a
    sentence of many figures and side names cost their product (4 s for 128 kB of "Ukraine
    said Russia lost 100 troops, ...")."""
    key = (sentence, s_start, s_end)
    cached = article.sentence_sides.get(key)
    if cached is not None:
        return cached
    text = article.text
    excluded = _attribution_span(article, sentence)
    names = []
    for start, end, side in article.index.side_names.within(s_start, s_end):
        if article.lex.estimates_for.search(text, max(s_start, start - 40), start) or article.lex.cost_to.search(
            text, max(s_start, start - 40), start
        ):
            names.append((side, start, end))
            continue  # "pour l'Ukraine, les estimations atteignaient 45 000 morts", "has cost Russia"
        if excluded[0] <= start < excluded[1] or locative(article, start):
            continue
        if names and _coordinated(text, names[-1], (side, start, end)):
            # "Ukraine and Russia's losses": both sides own them
            names[-1] = ("other", names[-1][1], end)
            continue
        if BY_AGENT.search(text, max(s_start, start - 12), start):
            continue  # "captured by Ukraine, 79 damaged": who took them, not who lost them
        possessor = article.lex.side_possessor.search(text, max(s_start, start - 60), start)
        if POSSESSIVE.match(text, end):
            # "Russia's losses": the owner; "Kyiv's count": not the loser
            if article.lex.possessive_owner.match(text, end, end + 40):
                names.append((side, start, end))
            continue
        if possessor and _destroys_next(article, end, s_start, s_end):
            continue  # "a brigade of the Armed Forces of Ukraine then destroyed a T-80": the destroyer, not the loser
        if possessor or loss_follows(article, end, s_end):
            names.append((side, start, end))
    adjectives = []
    for start, end, side in article.index.side_adjectives.within(s_start, s_end):
        if excluded[0] <= start < excluded[1]:
            continue
        head = _side_head(article, start, end, s_start, s_end)
        if head is None:
            continue
        if BY_AGENT.search(text, max(s_start, start - 12), start):
            continue  # "544 tanks captured by Ukrainian forces, 79 damaged": who took them
        if any(owner == "other" and a <= start < b for owner, a, b in names):
            continue  # "Ukraine and Russia's losses": the pair owns them
        head_start, head_end, head_word = head
        if (
            head_word.lower() in article.lex.loss_heads
            or loss_follows(article, max(end, head_end), s_end)
            or article.lex.side_possessor.search(text, max(s_start, min(start, head_start) - 60), min(start, head_start))
        ):
            adjectives.append((side, start, end))
    qualifying = []
    source_spans = [(a, b) for a, b, _ in article.index.sources.within(s_start, s_end)]
    for start, end, side in article.index.side_adjectives.within(s_start, s_end):
        if excluded[0] <= start < excluded[1]:
            continue
        if any(a <= start < b + 3 for a, b in source_spans):
            continue  # "le renseignement militaire ukrainien", "Ukraine's military": the source, not the loser
        if AGENT.search(text, max(s_start, start - 50), start):
            continue  # "détruits par les défenseurs ukrainiens": who destroyed, not who lost
        if locative(article, start):
            continue
        if not _qualifies_military(article, start, end, s_start, s_end):
            continue  # "storm Ukrainian trenches", "les villes ukrainiennes": not whose losses
        qualifying.append((start, end, side))
    sayings = [
        start for start, _e, kind in article.index.attribution.within(s_start, s_end) if kind in ("verbs", "pronoun_verbs")
    ]
    facts = SentenceSides(excluded, names, adjectives, qualifying, sayings)
    article.sentence_sides[key] = facts
    return facts


def owner_of_sentence(article: Article, sentence: int) -> tuple[str, int, int] | None:
    """The one side a sentence names as the owner of losses ("les forces ukrainiennes ont
    perdu", "Russia's losses"), if it names just one; None for none, for both, or for a
    sentence outside the paragraph of the one after it."""
    if sentence < 0 or sentence + 1 >= len(article.sentences) or not article.cleaned.same_paragraph(sentence, sentence + 1):
        return None
    s_start, s_end = article.sentences[sentence]
    facts = _sentence_sides(article, sentence, s_start, s_end)
    owners = facts.owner_names + facts.owner_adjectives
    if len({side for side, _s, _e in owners}) != 1 or owners[0][0] in ("enemy", "own"):
        return None
    return owners[0]


NEAREST_OWNERS = 3  # owners kept on each side of a figure: the nearest wins, a few more keep its ties


def _nearest_owners(
    article: Article, figure: Figure, owners: list[tuple[str, int, int]], sayings: list[int], skip_own_span: bool
) -> list[tuple[int, str, int, int]]:
    """The sentence's owners nearest the figure on each side, with their distance in words: only the
    nearest can win, and reading every owner for every figure costs their product on a long sentence.
    Skipped: an owner inside the figure's own words (for adjectives) and one in a speaker's incise."""
    number = figure.number
    at = bisect_left(owners, number.start, key=lambda owner: owner[1])
    kept: list[tuple[int, str, int, int]] = []
    for index in range(at - 1, -1, -1):
        side, start, end = owners[index]
        if _in_speaker_incise(figure, start, sayings):
            continue  # a noun before its figure ("soldiers killed ..., the General Staff said, ... to 820 430")
        kept.append((article.index.words_between(start, number.start), side, start, end))
        if len(kept) == NEAREST_OWNERS:
            break
    after = 0
    for index in range(at, len(owners)):
        side, start, end = owners[index]
        if skip_own_span and start < figure.noun_end:
            continue
        if _in_speaker_incise(figure, start, sayings):
            break  # every owner farther on is past the same verb of saying
        kept.append((article.index.words_between(start, number.start), side, start, end))
        after += 1
        if after == NEAREST_OWNERS:
            break
    return kept


def _in_speaker_incise(figure: Figure, position: int, sayings: list[int]) -> bool:
    """ "«We destroyed 50 tanks», said Syrskyi, the commander of Ukraine's armed forces": a side
    named after the figure past a verb of saying describes the speaker, it owns no loss."""
    first = bisect_left(sayings, figure.noun_end)
    return position > figure.noun_end and first < len(sayings) and sayings[first] < position


def _qualifies_military(article: Article, start: int, end: int, s_start: int, s_end: int) -> bool:
    """Whether a side adjective qualifies a counted noun or a head that owns losses (a noun
    within two words after it in English, before it in French), not a place or a thing."""
    if _side_head(article, start, end, s_start, s_end) is not None:
        return True
    if article.lang == "en":
        window = (end, min(s_end, end + 30))
        nouns = article.index.nouns.within(*window) + article.index.conditional_nouns.within(*window)
        return any(
            article.index.words_between(end, n[0]) <= 2 and not SUBJECT_BREAK.search(article.text, end, n[0]) for n in nouns
        )
    window = (max(s_start, start - 40), start)
    nouns = article.index.nouns.within(*window) + article.index.conditional_nouns.within(*window)
    return any(
        n[1] <= start and article.index.words_between(n[1], start) <= 2 and not SUBJECT_BREAK.search(article.text, n[1], start)
        for n in nouns
    )


def _side_of_complement(article: Article, figure: Figure, s_end: int) -> tuple[str, str, int, int] | None:
    """ "49 UAVs of the Ukrainian army", "3 200 combattants des forces armées ukrainiennes",
    "boats of the enemy": the noun's complement names its side."""
    complement = SIDE_COMPLEMENT.match(article.text, figure.noun_end)
    if complement is None:
        return None
    after = complement.end()
    stop = min(s_end, after + 50)
    candidates = article.index.side_adjectives.within(after, stop) + article.index.side_names.within(after, stop)
    for start, end, side in sorted(candidates):
        between = article.text[after:start]
        if SUBJECT_BREAK.search(between) or len(WORDS.findall(between)) > SIDE_COMPLEMENT_WORDS:
            return None
        if article.index.side_agents.within(after, start):
            return None
        return side, "noun_complement", start, end
    return None


def _side_head(article: Article, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int, str] | None:
    """The head a side adjective qualifies: "forces armées ukrainiennes", "Ukrainian armed forces"."""
    if article.lang == "en":
        match = article.lex.side_head_after.match(article.text, end, min(s_end, end + 40))
    else:
        match = article.lex.side_head_before.search(article.text, max(s_start, start - 40), start)
    return (match.start(1), match.end(1), match.group(1)) if match else None


def _destroys_next(article: Article, end: int, s_start: int, s_end: int) -> bool:
    """Whether an active verb of destroying comes right after a side's name ("... of Ukraine, destroyed")."""
    return any(
        v[0] >= end and article.index.words_between(end, v[0]) <= SUBJECT_VERB_WORDS and is_active(article, v, s_start)
        for v in article.index.side_agents.within(end, min(s_end, end + 40))
    )


def loss_follows(article: Article, end: int, s_end: int) -> bool:
    """ "la Russie a perdu", "Ukrainian forces suffered": a loss word within a few words."""
    stop = min(s_end, end + 60)
    agents = article.index.side_agents.within(end, stop) + [
        (m.start(), m.end(), "cost") for m in COST.finditer(article.text, end, stop)
    ]
    return any(
        article.index.words_between(end, c[0]) <= 4
        and c[0] >= end
        and not any(a[0] <= c[0] < a[1] for a in agents)  # "Ukrainian forces destroyed": who destroyed
        for table in (article.index.loss_cues, article.index.personnel_cues)
        for c in table.within(end, stop)
    )


def _own_side(article: Article, figure: Figure, s_start: int, s_end: int) -> tuple[int, str, int, int] | None:
    """ "1 351 de ses soldats", "498 of its troops", "ses pertes": the speaker's own side."""
    number = figure.number
    for start, end, _ in article.index.side_own.within(s_start, s_end):
        if number.end <= start and article.index.words_between(number.end, start) <= 2:
            distance = 0
        elif end <= number.start and article.index.words_between(end, number.start) <= SIDE_OWN_WORDS:
            distance = article.index.words_between(end, number.start)
        else:
            continue
        # the possessive's antecedent: the side named last before it ("l'armée russe a perdu
        # 880 hommes, portant ses pertes à"), else whoever speaks
        before = [
            m
            for m in article.index.side_names.within(s_start, start) + article.index.side_adjectives.within(s_start, start)
            if m[2] in OPPOSITE and not locative(article, m[0])
        ]
        return (distance, max(before)[2] if before else "own", start, end)
    return None


def _agent_side(
    article: Article, figure: Figure, s_start: int, s_end: int, excluded: tuple[int, int]
) -> tuple[str, str, int, int] | None:
    """The side that destroyed the figure's items, as the subject of an active verb whose
    object list holds the figure ("la défense russe a abattu 212 avions, 97 hélicoptères") or
    as its agent after it ("abattus par la défense russe"): the other side lost them."""
    number = figure.number
    verbs = [
        v
        for v in article.index.side_agents.within(s_start, number.start)
        if is_active(article, v, s_start) and _object_of(article, v[1], number)
    ]
    words = sorted(
        article.index.side_adjectives.within(s_start, number.start) + article.index.side_names.within(s_start, number.start)
    )
    best: tuple[int, str, int, int] | None = None
    for v_start, _v_end, _ in verbs:
        for start, end, side in words:
            if end > v_start or excluded[0] <= start < excluded[1] or locative(article, start):
                continue
            if article.index.words_between(end, v_start) > SIDE_AGENT_WORDS or SUBJECT_BREAK.search(article.text, end, v_start):
                continue
            if counted_word(article, start, s_start):
                continue  # "eliminated 55 Ukrainian troops and destroyed two vehicles": an object, not the subject
            distance = article.index.words_between(start, number.start)
            if best is None or distance < best[0]:
                best = (distance, side, start, end)
    if best is None:
        after = article.index.side_adjectives.within(figure.noun_end, s_end) + article.index.side_names.within(
            figure.noun_end, s_end
        )
        for start, end, side in sorted(after):
            if AGENT.search(article.text, max(s_start, start - 50), start) and article.index.side_agents.within(
                figure.noun_end, start
            ):
                best = (0, side, start, end)
                break
    if best is None or best[1] not in AGENT_LOSER:
        return None
    return AGENT_LOSER[best[1]], "agent", best[2], best[3]


def counted_word(article: Article, position: int, s_start: int, words: int = COUNTED_WORDS) -> bool:
    """Whether a word qualifies a figure before it ("55 Ukrainian troops", "350 soldats ukrainiens"),
    standing within `words` words of it."""
    before = bisect_left(article.number_starts, position) - 1
    if before < 0 or article.number_starts[before] < s_start:
        return False
    number_start = article.number_starts[before]
    between = DIGITS.sub("", article.text[number_start:position])  # "100,000 Russian troops": the number's own comma
    return article.index.words_between(number_start, position) <= words + len(
        DIGIT_GROUPS.findall(article.text, number_start, position)
    ) and not SUBJECT_BREAK.search(between)


def is_active(article: Article, verb: tuple[int, int, str], s_start: int) -> bool:
    """An agent verb in the active voice: not after "été/were", and a French participle that
    agrees ("militaires occupants détruits", "chars abattus") only after its auxiliary."""
    v_start, v_end, _ = verb
    if PASSIVE_BEFORE.search(article.text, max(s_start, v_start - 12), v_start):
        return False
    if article.lang == "fr" and AGREED_PARTICIPLE.search(article.text, v_start, v_end):
        return bool(AUXILIARY_BEFORE.search(article.text, max(s_start, v_start - 30), v_start))
    return True


def _object_of(article: Article, verb_end: int, number: NumberMention) -> bool:
    """Whether a figure is in the object list of a verb: the list starts within a few words
    of it, and no loss word or verb of saying opens another clause before the figure
    ("Russian soldiers killed or wounded now standing at 403,720" is no object)."""
    first = bisect_left(article.number_starts, verb_end)
    first_start = article.number_starts[first] if first < len(article.number_starts) else number.start
    if article.index.words_between(verb_end, min(first_start, number.start)) > SIDE_OBJECT_WORDS:
        return False
    if any(verb_end <= c[0] for c in article.index.personnel_cues.within(verb_end, number.start)):
        return False
    return not article.index.attribution.within(verb_end, number.start)


def _attribution_span(article: Article, sentence: int) -> tuple[int, int]:
    attribution = article.attributions[sentence] if article.attributions else None
    if attribution is None or attribution.start is None or attribution.end is None:
        return (-1, -1)
    return (attribution.start, attribution.end)


def locative(article: Article, position: int) -> bool:
    """Whether the word before `position` makes a side's name a place ("en Ukraine", "in Russia")."""
    sentence_start = article.sentences[article.cleaned.sentence_index(position)][0] if article.sentences else 0
    words = WORDS.findall(article.text, max(sentence_start, position - 24), position)
    return bool(words) and words[-1].lower().replace("’", "'") in LOCATIVE
