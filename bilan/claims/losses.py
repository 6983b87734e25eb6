"""Loss or not: why a counted figure is no loss claim (force, hypothesis, launched, no loss word)."""

from __future__ import annotations

from typing import TYPE_CHECKING
import re
from bisect import bisect_left, bisect_right
from bilan.claims.figures import Figure
from bilan.claims.rules import BEFORE_FIGURE_CHARS, COORDINATION, HYPHEN_TAIL, LIST_GAP, PERSONNEL, WORDS
from bilan.claims import scoping

if TYPE_CHECKING:
    from bilan.claims.article import Article


INTERCEPTED_CATEGORIES = frozenset({"cruise_missiles", "drones"})


SUBSET_LINK = re.compile(
    r"[^.;:\d]{0,40}?\b(?:dont|including|among them|parmi lesquels|parmi eux)\s+(?:[\w’'-]+\s+){0,2}", re.IGNORECASE
)


LIST_JOIN = re.compile(LIST_GAP.pattern + r"(?:[\w’'-]+\s+){0,2}", re.IGNORECASE)  # "250 tanks and nearly 10,000"


NOT_LOSS_REASONS = frozenset(
    {"launched_not_lost", "force_nearer", "damaged_only", "launched_not_intercepted", "whole_of_the_parts_after"}
)


CLAUSE_MARK = re.compile(r"[,;:.()]")


# A contrast ends what a hypothesis governs: "losses could pass 1 million by June, though the
# pace has slowed since a peak of more than 1,500 a day" (the peak happened).
HYPOTHESIS_END = re.compile(
    r"\b(?:tandis qu|alors qu|bien qu|même si)|\b(?:while|whereas|but|mais|cependant|however|though|although|quoique)\b",
    re.IGNORECASE,
)


EXCHANGE_WORDS = 6  # "Kiev et Moscou ont échangé vendredi 95 prisonniers de guerre"


# Force labels that free captives: `exchanged` ones say so of anyone, `freed` ones only of captives
CAPTIVES_FREED = frozenset({"exchanged", "freed"})


# A verbless list line: a bullet, then the figure ("12 tanks", "— 30 artillery systems"), or a
# label and its figure ("chars : 12 (+1)"), and nothing after but its noun and an increment.
LIST_LINE = re.compile(
    r"[ \t]*(?:[-–—•*·][ \t]*)?(?:[^\W\d][^:\n\d]{0,60}?[ \t]*[:–—-][ \t]*)?"
    r"(?:~|environ|about|over|plus de|more than)?[ \t]*\d[\d \t\u00a0\u202f.,]*"
    r"(?:[^\W\d][^\n.;!?\d]{0,60})?(?:\(\s*\+\s*\d[\d\s\u00a0\u202f.,]*\))?[ \t]*[.;,]?[ \t]*$",
    re.IGNORECASE,
)


LIST_HEADING = re.compile(r"[^\n]{0,120}:[ \t]*$")  # "Russian losses so far:", "Les pertes russes :"


LIST_LINES_ABOVE = 30  # a bulletin's lines under one heading


CUE_AFTER_BREAK = re.compile(r"[;\d]")  # a clause of its own, or the next figure, before the word


RATIO_TERM_CHARS = 30  # "pour un soldat russe tué"


PREDICATE_CHARS = 90  # "soldats envoyés par Pyongyang dans la région de Koursk ont été tués"


FINITE_AUXILIARY = re.compile(
    r"\b(?:were|was|are|is|have|has|had|ont|sont|a|avaient|étaient|auraient|seraient|ont\s+été|sont\s+été)\b", re.IGNORECASE
)


LOSS_WORD_NEAR_WORDS = 6  # "destroyed 250 tanks and nearly 10,000 troops": a loss word this near people counts them


# A verbless fragment continuing a list of losses across full stops ("900 chars détruits.
# 40 lance-roquettes multiples. 12 avions."): before the figure at most its qualifier, after
# its noun a few words ("réduits au silence") and the stop; no verb, no figure, no clause mark.
FRAGMENT_BEFORE_WORDS = 2
FRAGMENT_TAIL = re.compile(r"[^\W\d]+(?:[\s’'-]+[^\W\d]+){0,3}")


def rejection(article: Article, figure: Figure, s_start: int, s_end: int) -> str | None:
    """Why a counted figure cannot be a claim, or None."""
    if figure.daily_of is not None and figure.daily_of.claim is None:
        return "increment_of_a_non_claim"
    while (
        figure.ellipsis_of is not None and figure.ellipsis_of.claim is None and figure.ellipsis_of.ellipsis_of is not None
    ):  # "627 détruits, 42 endommagés, 51 abandonnés"
        figure.ellipsis_of = figure.ellipsis_of.ellipsis_of
    if (
        figure.ellipsis_of is not None
        and figure.ellipsis_of.claim is None
        and figure.ellipsis_of.category == PERSONNEL
        and figure.how == "autres_of_previous"
        and _own_personnel_word(article, figure, s_end)
    ):
        # "The group has 40,000 fighters. 3,000 of them were killed": a loss of its own
        figure.ellipsis_of, figure.how = None, "part_of_people_before"
    if figure.ellipsis_of is not None and figure.ellipsis_of.claim is None:
        if _rejected_as(article, figure.ellipsis_of) not in NOT_LOSS_REASONS:
            return "ellipsis_of_a_non_claim"
        # "Of the 40 missiles fired, 35 were shot down": the same kind, judged on its own words
        figure.ellipsis_of, figure.how = None, "ellipsis_of_a_figure_not_lost"
    if figure.ellipsis_of is not None and (after := _force_after(article, figure, s_end)):
        return "ellipsis_" + after  # "un tué et 27 disparus": the missing are not losses
    if not figure.bulletin and any(
        not HYPOTHESIS_END.search(article.text, c[1], figure.number.start)
        for c in article.index.hypothetical_cues.within(s_start, figure.number.start)
    ):
        return "hypothetical_cue_before"
    if article.lex.not_counts.search(article.text, max(s_start, figure.number.start - BEFORE_FIGURE_CHARS), figure.number.start):
        return "not_counted"
    if _ratio_term_after(article, figure, s_end):
        return "ratio"
    if figure.number.value == 1 and article.lex.ratio_one_before.search(
        article.text, max(s_start, figure.number.start - BEFORE_FIGURE_CHARS), figure.number.start
    ):
        return "ratio"  # "three wounded for every one killed", "0.04 km² per one killed soldier"
    return None


OTHER_WAR_WORDS = 5  # "the 15,000 Soviet soldiers killed in Afghanistan"; not "lost 300,000 soldiers, more than ... Afghanistan"


# A sentence opening on a frame of time or place, up to its first comma: "Lors de la bataille
# d'Iwo Jima, ... plus de 6 800 soldats sont morts" sets the whole sentence in that war.
FRAME_OPENING = re.compile(
    r"\s*(?:lors d[eu]s?|pendant|durant|au cours d[eu]s?|à|en|dans|during|in|at|throughout)\b[^,;:.!?]{0,80},",
    re.IGNORECASE,
)


def another_war(article: Article, figure: Figure, s_start: int, s_end: int) -> bool:
    """Whether the figure is a loss of another war: a war's word a few words from the figure or
    its noun, or in the frame that opens its sentence ("During the battle of Iwo Jima, ...")."""
    cues = [c for c in article.index.other_wars.within(s_start, s_end) if c[2] == "cue"]
    if not cues:
        return False
    number = figure.number
    if any(
        min(article.index.words_between(c[0], number.start), article.index.words_between(c[0], figure.noun_end))
        <= OTHER_WAR_WORDS
        for c in cues
    ):
        return True
    frame = FRAME_OPENING.match(article.text, s_start, number.start)
    return frame is not None and any(c[1] <= frame.end() for c in cues)


OWN_WORD_AFTER = re.compile(
    r"(?:\s+(?:ont|sont|été|déjà|have|has|had|been|were|was|are|already|reportedly|since|then))*\s+", re.IGNORECASE
)


def _own_personnel_word(article: Article, figure: Figure, s_end: int) -> bool:
    """Whether a personnel word follows "N of them", only auxiliaries and adverbs between ("have already been killed")."""
    cues = article.index.personnel_cues.within(figure.noun_end, min(s_end, figure.noun_end + 40))
    return bool(cues) and OWN_WORD_AFTER.fullmatch(article.text, figure.noun_end, cues[0][0]) is not None


def _ratio_term_after(article: Article, figure: Figure, s_end: int) -> bool:
    """ "en moyenne trois blessés pour un tué", "five Russians for every Ukrainian soldier": the
    counted noun followed by the ratio's other term, a person or a piece of equipment ("pour un
    total de 300" is no ratio: a total is neither)."""
    ratio = article.lex.ratio_after.match(article.text, figure.noun_end)
    cue = cue_after(article, figure.noun_end, s_end) if ratio is None else None
    if cue is not None:  # "40 soldats tués pour chaque km²": past the noun's loss word
        ratio = article.lex.ratio_after.match(article.text, cue)
    if ratio is None:
        # "30 soldats par kilomètre carré conquis", "20 troops per square mile": a unit of ground after "par", "per"
        return any(article.lex.per_unit.match(article.text, at) for at in (figure.noun_end, cue) if at is not None)
    if article.lex.ratio_units.match(article.text, ratio.end()):
        return True  # "pour chaque kilomètre carré pris": losses per unit of ground
    stop = min(s_end, ratio.end() + RATIO_TERM_CHARS)
    return any(
        not article.text[ratio.end() : c[0]].strip() or article.index.words_between(ratio.end(), c[0]) <= 1
        for table in (article.index.personnel_cues, article.index.nouns, article.index.conditional_nouns)
        for c in table.within(ratio.end(), stop)
    )


def subset_category(article: Article, figure: Figure, s_end: int) -> str | None:
    """What the part of a total named right after it counts ("15 véhicules blindés ukrainiens,
    dont huit chars": tanks), or None when no "dont", "including" figure follows."""
    following = bisect_right(article.number_starts, figure.number.start)
    if following >= len(article.number_starts) or article.number_starts[following] >= s_end:
        return None
    subset = article.figure_at.get(article.number_starts[following])
    if subset is None or not SUBSET_LINK.fullmatch(article.text, figure.noun_end, subset.number.start):
        return None
    return subset.category


def _rejected_as(article: Article, figure: Figure) -> str | None:
    """The reason a figure was dropped, if it was."""
    return next((r.reason for r in reversed(article.rejected) if r.start == figure.number.start), None)


def not_loss(article: Article, figure: Figure, s_start: int, s_end: int) -> str | None:
    """Why a counted figure is no loss, or None when it is one.

    A loss word qualifying the counted noun ("125 000 militaires russes «liquidés»") decides;
    else the nearest of the loss words and the force or damage words of the sentence (or of
    the sentence a list continues: "Parmi eux se trouvaient 953 chars ...")."""
    number_at = figure.number.start
    if list_fragment(article, figure, s_start, s_end):
        return None
    windows = [(s_start, s_end)] + continued_sentence(article, figure.sentence)
    if figure.category in INTERCEPTED_CATEGORIES and not any(article.index.interception_cues.within(a, b) for a, b in windows):
        return "launched_not_intercepted"  # missiles and drones fired are not losses; shot down, they are
    if cue_after(article, figure.noun_end, s_end) is not None:
        # "le retour au pays de 120 soldats captifs": the captives' own word yields to their exchange
        return "prisoners_exchanged" if _exchanged(article, figure, s_start, s_end) else None
    whole_end = _whole_clause_end(article, figure, s_start, s_end)
    if whole_end is not None:
        # "Of 40 Shahed drones, 35 were destroyed": the whole's loss word is in its own clause, or it has none
        windows = [(s_start, whole_end)]
        if not any(table.within(s_start, whole_end) for table in (article.index.loss_cues, article.index.personnel_cues)):
            return "whole_of_the_parts_after"
    loss = [c[0] for a, b in windows for c in article.index.loss_cues.within(a, b)]
    loss += [c[0] for a, b in windows for c in article.index.personnel_cues.within(a, b)]
    if figure.category in (PERSONNEL,) or figure.category.startswith("personnel"):
        loss += [figure.noun_start] if article.index.personnel_cues.within(figure.noun_start, figure.noun_end) else []
    if not loss:
        return "no_loss_word"
    # a loss word governing a list governs its later figures ("lost 2,200 of the 3,500 tanks it had ...,
    # as well as 4,400 of its 13,600 IFVs"): measured from the list's first figure too
    list_start = _list_start(article, figure, s_start)
    nearest_loss = _nearest_loss(article, loss, list_start, number_at)
    predicate = _loss_predicate(article, figure, s_end)
    for start, _end, label in _force_words(article, s_start, s_end, number_at):
        if predicate is not None and label in ("cue", "launched") and figure.noun_end <= start and _end <= predicate:
            continue  # "4 700 soldats envoyés par Pyongyang ... ont été tués": the participle qualifies the noun
        distance = article.index.words_between(start, number_at)
        if label in CAPTIVES_FREED and distance <= EXCHANGE_WORDS and _captives(article, figure):
            return "prisoners_exchanged"  # "échangé 95 prisonniers de guerre": the noun's own word yields
        if label == "freed":
            continue  # "released", "libéré" say nothing of anyone but captives ("a libéré la ville")
        if label == "launched" and (
            figure.category not in INTERCEPTED_CATEGORIES
            or CLAUSE_MARK.search(article.text, min(_end, number_at), max(start, number_at))
        ):
            continue  # only missiles and drones are fired; "Of the 40 missiles fired, 35 were shot down": the 40
        if distance < nearest_loss:
            return {"damaged": "damaged_only", "launched": "launched_not_lost"}.get(label, "force_nearer")
    return None


def _nearest_loss(article: Article, loss: list[int], list_start: int, number_at: int) -> int:
    """min(words_between(p, number_at if p >= list_start else list_start) for p in loss), from the
    loss words nearest the list's start and the figure only (the count of words between grows
    with the distance): every loss word of a 1,500-character sentence of them, for each figure,
    was quadratic in the sentence."""
    words_between = article.index.words_between
    ordered = sorted(loss)
    split = bisect_left(ordered, list_start)  # those before the list's start are measured from it
    near = [words_between(ordered[split - 1], list_start)] if split else []
    after = bisect_right(ordered, number_at, split)  # the others, from the figure: the nearest each side
    if after > split:
        near.append(words_between(ordered[after - 1], number_at))
    if after < len(ordered):
        near.append(words_between(ordered[after], number_at))
    return min(near)


def _whole_clause_end(article: Article, figure: Figure, s_start: int, s_end: int) -> int | None:
    """Where the clause of a whole that opens its sentence ends ("Of 40 drones, 35 were
    destroyed", "Sur les 40 drones, 35 ont été abattus"): the comma before the next figure, the
    part; None when the figure is no such whole."""
    if not article.lex.stock_opening.fullmatch(article.text, s_start, figure.number.start):
        return None
    following = bisect_right(article.number_starts, figure.number.start)
    if following >= len(article.number_starts) or article.number_starts[following] >= s_end:
        return None
    comma = article.text.rfind(",", figure.noun_end, article.number_starts[following])
    return comma if comma >= 0 else None


def list_fragment(article: Article, figure: Figure, s_start: int, s_end: int) -> bool:
    """Whether the figure's sentence is a verbless fragment ("12 avions.", "300 systèmes
    d'artillerie réduits au silence.", "Also 12 tanks, 30 APCs and 40 guns.") right after a
    sentence of the same paragraph whose last figure is a loss claim: the list goes on across
    the full stop, its loss word said once. Read once per sentence, at its first figure."""
    known = article.fragment_sentences.get(figure.sentence)
    if known is None:
        known = article.fragment_sentences[figure.sentence] = _is_fragment(article, figure, s_start, s_end)
    return known


def _is_fragment(article: Article, figure: Figure, s_start: int, s_end: int) -> bool:
    text = article.text
    first = bisect_left(article.number_starts, s_start)
    found = article.figure_at.get(article.number_starts[first]) if first < len(article.number_starts) else None
    if found is None:
        return False
    figure = found  # the sentence's first figure opens it
    before = text[s_start : figure.number.start]
    if article.index.words_between(s_start, figure.number.start) > FRAGMENT_BEFORE_WORDS or CLAUSE_MARK.search(before):
        return False
    # its items: each figure's noun, then a list link to the next figure ("12 tanks, 30 APCs and 40 guns")
    last_item = figure
    for at in article.number_starts[bisect_right(article.number_starts, figure.number.start) :]:
        if at >= s_end:
            break
        item = article.figure_at.get(at)
        gap = text[last_item.noun_end : at]
        if item is None or not LIST_GAP.fullmatch(gap) or FINITE_AUXILIARY.search(gap) or len(WORDS.findall(gap)) > 4:
            return False
        last_item = item
    tail_end = s_end
    while tail_end > last_item.noun_end and text[tail_end - 1] in " \t\n.;!…":
        tail_end -= 1
    tail = text[last_item.noun_end : tail_end].strip()
    if (tail and not FRAGMENT_TAIL.fullmatch(tail)) or FINITE_AUXILIARY.search(tail):
        return False
    if figure.sentence == 0 or _force_words(article, s_start, s_end, figure.number.start):
        return False  # "20 000 soldats en renfort.": a force word says what the fragment counts
    p_start, _p_end = article.sentences[figure.sentence - 1]
    index = bisect_left(article.number_starts, s_start) - 1
    if index < 0 or article.number_starts[index] < p_start:
        return False
    last = article.figure_at.get(article.number_starts[index])
    return (
        last is not None
        and last.claim is not None
        and article.cleaned.paragraph_index(p_start) == article.cleaned.paragraph_index(s_start)
    )


def _captives(article: Article, figure: Figure) -> bool:
    """Whether the counted noun, or a word right after it, says prisoners ("prisonniers", "soldats captifs")."""
    return any(c[2] == "captured" for c in article.index.personnel_cues.within(figure.noun_start, figure.noun_end + 30))


def _exchanged(article: Article, figure: Figure, s_start: int, s_end: int) -> bool:
    """Whether prisoners are exchanged or freed: an exchange word a few words from the figure of captives."""
    return _captives(article, figure) and any(
        label in CAPTIVES_FREED and article.index.words_between(start, figure.number.start) <= EXCHANGE_WORDS
        for start, _end, label in _force_words(article, s_start, s_end, figure.number.start)
    )


def _loss_predicate(article: Article, figure: Figure, s_end: int) -> int | None:
    """Where the loss verb whose subject is the counted noun starts: the first loss, personnel
    or interception word after the noun in its clause, a finite auxiliary before it and no figure
    between ("43 of the 84 cruise missiles fired at the country were shot down"; not "troops
    sent to replace those killed")."""
    stop = min(s_end, figure.noun_end + PREDICATE_CHARS)
    cues = [
        c
        for table in (article.index.loss_cues, article.index.personnel_cues, article.index.interception_cues)
        for c in table.within(figure.noun_end, stop)
    ]
    if not cues:
        return None
    cue_start, cue_end, _ = min(cues)
    if (
        CLAUSE_MARK.search(article.text, figure.noun_end, cue_start)
        or not FINITE_AUXILIARY.search(article.text, figure.noun_end, cue_end)
        or bisect_left(article.number_starts, cue_start) > bisect_right(article.number_starts, figure.noun_end)
    ):
        return None
    return cue_start


def loss_word_near(article: Article, figure: Figure, s_start: int, s_end: int) -> bool:
    """A loss word (not a personnel one) within a few words of a personnel figure, its noun,
    or the first figure of the list it ends ("destroyed 250 tanks and nearly 10,000 troops")."""
    starts = [figure.number.start, _list_start(article, figure, s_start)]
    return any(
        min(min(article.index.words_between(c[0], at) for at in starts), article.index.words_between(c[0], figure.noun_end))
        <= LOSS_WORD_NEAR_WORDS
        for c in article.index.loss_cues.within(s_start, s_end)
    )


def _list_start(article: Article, figure: Figure, s_start: int) -> int:
    """Where the list of figures that a figure closes starts ("250 tanks and 10,000 troops")."""
    at = figure.number.start
    index = bisect_left(article.number_starts, at)
    while index > 0 and article.number_starts[index - 1] >= s_start:
        before = article.figure_at.get(article.number_starts[index - 1])
        if before is None or not LIST_JOIN.fullmatch(article.text, before.noun_end, at):
            break
        at = before.number.start
        index -= 1
    return at


def _force_words(article: Article, s_start: int, s_end: int, number_at: int) -> list[tuple[int, int, str]]:
    """The sentence's words of force and damage that can tell a figure is no loss: a
    `before_figure` word only just before it, a damage word only when no loss word is
    coordinated with it ("détruits ou endommagés"); never where a weapon was made."""
    found = []
    for start, end, label in article.index.force_cues.within(s_start, s_end):
        if (
            label in ("origin", "neither")
            or HYPHEN_TAIL.search(article.text, max(0, start - 2), start)
            or any(n[0] <= start < n[1] for n in article.index.nouns.within(max(s_start, start - 60), end))
        ):
            continue  # "multiple launch rocket systems", "air-launched cruise missiles": a word of the noun; "son compte Facebook"
        if label == "before_figure" and not (end <= number_at and article.index.words_between(end, number_at) <= 2):
            continue
        if label == "damaged" and any(
            COORDINATION.fullmatch(article.text, min(end, c[1]), max(start, c[0]))
            for c in article.index.loss_cues.within(max(s_start, start - 40), min(s_end, end + 40))
        ):
            continue
        found.append((start, end, label))
    return found


def list_heading(article: Article, position: int) -> tuple[int, int] | None:
    """The heading of the verbless list whose line holds `position`, when it names losses
    ("Russian losses so far:", then "12 tanks", "30 artillery systems"; "Pertes russes :",
    then "— chars : 12 (+1)"): the lines say once, in their heading, that they count losses.
    Read once a line: each figure of a line asks, and its line is matched whole."""
    line_start = article.lines.start(position)
    if line_start not in article.list_headings:
        article.list_headings[line_start] = _list_heading(article, line_start)
    return article.list_headings[line_start]


def _list_heading(article: Article, line_start: int) -> tuple[int, int] | None:
    text = article.text
    line_end = article.lines.end(line_start)
    if not LIST_LINE.fullmatch(text, line_start, line_end):
        return None
    for _ in range(LIST_LINES_ABOVE):
        if line_start == 0:
            return None
        end = line_start - 1
        start = article.lines.start(end)
        line_start = start
        if not text[start:end].strip() or LIST_LINE.fullmatch(text, start, end):
            continue  # a blank line, or the item before
        if start < article.prose_start or not LIST_HEADING.fullmatch(text, start, end):
            return None
        loss = article.index.loss_cues.within(start, end) or [
            c for c in article.index.personnel_cues.within(start, end) if c[2] == "casualties"
        ]
        return (start, end) if loss else None
    return None


def continued_sentence(article: Article, sentence: int) -> list[tuple[int, int]]:
    """The sentence before, when this one continues its list: "Parmi eux se trouvaient ...",
    "Among them are 12 generals"; the heading of a table by year, on one of its lines; the
    heading of a verbless list of losses, on one of its lines."""
    s_start, s_end = article.sentences[sentence]
    heading = scoping.year_table_heading(article, s_end) or list_heading(article, s_start)
    if heading is not None:
        return [heading]
    if sentence == 0 or not article.lex.list_openers.match(article.text, s_start):
        return []
    return [article.sentences[sentence - 1]]


def _force_after(article: Article, figure: Figure, s_end: int) -> str | None:
    """ "un tué et 27 disparus", "42 endommagés", "39 others did not reach their targets":
    a force or damage word right after the counted noun."""
    following = bisect_right(article.number_starts, figure.number.start)
    stop = min(s_end, article.number_starts[following]) if following < len(article.number_starts) else s_end
    for start, _end, label in _force_words(article, figure.noun_end, stop, figure.number.start):
        if label == "freed":
            continue
        if article.index.words_between(figure.noun_end, start) <= 2:
            return "damaged_only" if label == "damaged" else "force_after"
        break
    return None


def cue_after(article: Article, position: int, s_end: int) -> int | None:
    """Where a personnel or loss word within two words after `position` ends ("soldats tués"), or None;
    never past a semicolon or another figure ("40 drones; 35 were shot down": the 35's word)."""
    for table in (article.index.personnel_cues, article.index.loss_cues):
        cues = table.within(position, s_end)
        if (
            cues
            and article.index.words_between(position, cues[0][0]) <= 2
            and not CUE_AFTER_BREAK.search(article.text, position, cues[0][0])
        ):
            return cues[0][1]
    return None
