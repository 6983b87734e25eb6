"""as_of: the date a figure refers to, from the text when it says, else the document's."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING
from bilan.dating import MONTHS, DateMention
from bilan.claims.figures import Figure
from bilan.claims.rules import PERIOD_NEAR_WORDS, PREVIOUS_PERIODS
from bilan.claims import scoping

if TYPE_CHECKING:
    from bilan.claims.article import Article


def _period_before(document_date: str, period: str) -> str:
    """The month (YYYY-MM) or year (YYYY-12) before the document's."""
    year, month = int(document_date[:4]), int(document_date[5:7])
    if period == "year":
        return f"{year - 1}-12"
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


RANGE_FROM = re.compile(r"(?<!\w)(?:entre|between|from|du)\s+(?:le\s+|the\s+)?$", re.IGNORECASE)
RANGE_AFTER_WORDS = 4  # "ont péri entre fin 2022 et début avril": the range right after the figure's verb
RANGE_TO_AFTER = re.compile(r"\s+(?:et|and|to|until|au|à|jusqu['’]au)\s", re.IGNORECASE)

# A range after the figure that ends on a date ("1.2 million casualties ... between the start of the
# invasion in February 2022 and December 2025", "75 000 morts entre le début de l'invasion ... et la fin
# de 2023"): the figure stands as of the range's end, whatever date states it
RANGE_OPENER = re.compile(r"(?<!\w)(?:entre|between|from)\s", re.IGNORECASE)
RANGE_CLOSER = re.compile(r"[^.;:!?]{0,90}?\s(?:et|and|to|until|through)\s+(?:the\s+|le\s+)?$", re.IGNORECASE)
RANGE_OPENER_WORDS = 8  # "1.2 million casualties, including up to 325,000 troop deaths, between ..."
RANGE_OPENER_CHARS = 90


# A word that makes a figure the present one, after a date that dated an earlier estimate
NOW = re.compile(r"(?<!\w)(?:désormais|maintenant|à présent|actuellement|now|currently)(?!\w)", re.IGNORECASE)


def _near_date(article: Article, figure: Figure, s_start: int, s_end: int, kinds: tuple[str, ...]) -> DateMention | None:
    number_at = figure.number.start
    best: DateMention | None = None
    found = scoping.sentence_dates(article, s_start, s_end)
    mentions = found.kept
    after = bisect_right(found.starts, number_at)  # the first date after the figure's number
    # Each loop reads the dates after the figure or near it only, and stops at the first too far
    # for it: on a 1,500-character run of weekdays and figures, each figure read every weekday of
    # its sentence (a range's opener, "now", the verbs of saying) again.
    for mention in mentions[after:]:
        window = max(figure.noun_end, mention.start - RANGE_OPENER_CHARS)
        if article.index.words_between(figure.noun_end, window) > RANGE_OPENER_WORDS:
            break  # every opener from here on is too far from the noun (`_ends_a_range_after`), as for the dates after
        if mention.kind in kinds and mention.date and _ends_a_range_after(article, figure, mention):
            return mention
    for first, following in pairwise(mentions[after:]):
        # "9 500 soldats ont péri entre le 3 mars et la fin de l'année 2023": a range right after
        # the figure dates it by its end, whatever other date is nearer
        near = article.index.words_between(figure.noun_end, first.start) <= RANGE_AFTER_WORDS
        if not near and first.start >= figure.noun_end:
            break  # the dates after are farther still
        if near and following.kind in kinds and _starts_a_range(article, first):
            return following
    # a date farther than PERIOD_NEAR_WORDS counts when it opens the sentence, within OPENING_DATE_REACH words
    for mention in scoping.dates_near(
        article, s_start, s_end, number_at, number_at, max(PERIOD_NEAR_WORDS, scoping.OPENING_DATE_REACH)
    ):
        if mention.kind not in kinds:
            continue
        distance = article.index.words_between(mention.start, number_at)
        if distance > PERIOD_NEAR_WORDS and not scoping.opens_sentence(
            article, s_start, mention, figure, comma=mention.kind != "year"
        ):
            continue
        if scoping.dates_statement(article, mention.start, mention.end, figure):
            continue
        if _starts_a_range(article, mention):
            continue  # "entre le 3 mars et la fin de 2023": as of the range's end
        if mention.end <= number_at and NOW.search(article.text, mention.end, number_at):
            continue  # "in April it estimated 600, but now puts the figure at 2,000"
        if best is None or distance < article.index.words_between(best.start, number_at):
            best = mention
    return best


def _ends_a_range_after(article: Article, figure: Figure, mention: DateMention) -> bool:
    """Whether the date closes a range ("between ... and December 2025") opened after the figure's noun."""
    window = max(figure.noun_end, mention.start - RANGE_OPENER_CHARS)
    for opener in RANGE_OPENER.finditer(article.text, window, mention.start):
        if article.index.words_between(figure.noun_end, opener.start()) > RANGE_OPENER_WORDS:
            return False
        if RANGE_CLOSER.fullmatch(article.text, opener.end(), mention.start):
            return True
    return False


def _starts_a_range(article: Article, mention: DateMention) -> bool:
    """ "entre début 2023 et fin mai", "between 1 and 7 December": the first date of a range."""
    before = article.text[max(0, mention.start - 12) : mention.start]
    words = mention.text.split()
    return bool(RANGE_FROM.search(before) or (words and words[0].lower() in ("du", "from", "between", "entre"))) and bool(
        RANGE_TO_AFTER.match(article.text, mention.end)
    )


def read_as_of(
    article: Article, figure: Figure, s_start: int, s_end: int, scope_rule: str, scope_span: tuple[int | None, int | None]
) -> tuple[str | None, str, tuple[int | None, int | None]]:
    """The figure's date, the rule that gave it and the span it read: a date near it, else the
    date of the statement that gives it ("Le 25 mars, le ministère a annoncé que 1 351..."),
    else the period before the document's ("last month"), a bulletin's header, the document's."""
    kinds = ("explicit", "weekday", "relative_day", "month", "week", "day_number", "year")
    mention = _near_date(article, figure, s_start, s_end, kinds)
    if mention is None:
        mention = _statement_date(article, figure, s_start, kinds)
        if mention is not None and mention.date and mention.kind != "year":
            return mention.date, f"statement_date:{mention.kind}", (mention.start, mention.end)
        mention = None
    previous = scope_rule.removeprefix("cue:")
    if previous in PREVIOUS_PERIODS and article.document.date:
        return _period_before(article.document.date, PREVIOUS_PERIODS[previous]), f"cue:{previous}", scope_span
    if scope_rule == "date:range":
        # "du 1er au 7 décembre": as of its last day; "from 1 to 30 November": of its month
        ranged = next((m for m in article.dates if m.start == scope_span[0] and m.date), None)
        days = scoping.range_days(article, ranged) if ranged is not None else None
        if ranged is not None and ranged.date and days is not None:
            return (ranged.date[:7] if days >= scoping.MONTH_RANGE_DAYS else ranged.date), "date:range_end", scope_span
    if scope_rule == "year_label" and scope_span[0] is not None and scope_span[1] is not None:
        return _year_as_of(article, article.text[scope_span[0] : scope_span[1]], "year_label", scope_span)
    if mention is not None and not mention.date and mention.kind == "month" and (year := _year_of_month(article, mention)):
        # "in October alone" in an undated article that opened "In October 2025, ...": that October
        return year, "date:month_year_said_elsewhere", (mention.start, mention.end)
    if mention is not None and mention.date:
        span = (mention.start, mention.end)
        if mention.kind == "year":
            return _year_as_of(article, mention.date[:4], "date", span)
        return mention.date, f"date:{mention.kind}", span
    if scope_rule in ("date:month", "date:year", "date:total_as_of") and scope_span[0] is not None:
        # the month or year that made the figure a period's, further than a date dates by itself ("15,000 total
        # casualties, including ..., on the Pokrovsk front in January")
        scoped = next((m for m in article.dates if m.start == scope_span[0] and m.date), None)
        if scoped is not None and scoped.date:
            if scoped.kind == "year":
                return _year_as_of(article, scoped.date[:4], "scope_date", scope_span)
            return scoped.date, f"scope_date:{scoped.kind}", scope_span
    if figure.bulletin or figure.daily_of is not None:
        header = article.bulletin_date
        if header:
            return header, "bulletin_header_date", (None, None)
    return article.document.date, "document_date", (None, None)


def _month_number(lang: str, text: str) -> int | None:
    return next((MONTHS[lang][w] for w in text.lower().split() if w in MONTHS.get(lang, {})), None)


def _year_of_month(article: Article, mention: DateMention) -> str | None:
    """The YYYY-MM of a month named without its year when the article names that month with one
    year only ("In October 2025, ..." then "in October alone")."""
    month = _month_number(article.lang, mention.text)
    if month is None:
        return None
    said = {
        m.date[:7]
        for m in article.dates
        if m.kind == "month" and m.date and len(m.date) >= 7 and int(m.date[5:7]) == month and m.date[:4] in m.text
    }
    return said.pop() if len(said) == 1 else None


def _year_as_of(
    article: Article, year: str, how: str, span: tuple[int | None, int | None]
) -> tuple[str, str, tuple[int | None, int | None]]:
    """A year's figure is as of its December, unless that is still to come."""
    end_of_year = year + "-12"
    document = article.document.date
    if document is None or end_of_year < document[:7]:
        return end_of_year, f"{how}:year_december", span
    return document, f"{how}:current_year_document_date", span


def _statement_date(article: Article, figure: Figure, s_start: int, kinds: tuple[str, ...]) -> DateMention | None:
    """The date of the statement that introduces the figure, the nearest before it in its sentence."""
    before = [
        m
        for m in scoping.dates_in(article, s_start, figure.number.start)
        if m.kind in kinds and m.end <= figure.number.start and scoping.dates_statement(article, m.start, m.end, figure)
    ]
    # "En avril, le NIS estimait ... 600 mais il estime désormais ce chiffre à 2 000": the new figure is of now
    before = [m for m in before if not NOW.search(article.text, m.end, figure.number.start)]
    # "En août de cette année, le New York Times a rapporté ...": the month, not the year said after it
    dated = [m for m in before if m.kind != "year"]
    return dated[-1] if dated else before[-1] if before else None
