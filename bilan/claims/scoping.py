"""Scope and period: cumulative, a day, week, month or year, or one event; from cues, dates, the
period a bulletin states once, the record (when the analysis has one) and the figure's size."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from bisect import bisect_left, bisect_right
from itertools import accumulate
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from bilan.dating import DateMention
from bilan.claims.figures import Figure
from bilan.claims.rules import (
    LIST_GAP,
    INVASION_START,
    PERIOD_NEAR_WORDS,
    PERSONNEL,
    PREVIOUS_PERIODS,
    SINCE,
    WORDS,
    _coarse,
    _value_key,
)

if TYPE_CHECKING:
    from bilan.claims.article import Article
    from bilan.model import Claim
    from bilan.record import Record


SENTENCE_WINDOW_WORDS = 12  # scope and event cues count within this many words of the figure


YEAR_NEAR_WORDS = 12  # "Sur l'ensemble de l'année 2024, les pertes atteignent..."


WEAK_TOTAL_DATE_WORDS = 20  # a month or year this near makes a bare total ("au total", "so far") that month's or year's


DATED_TOTAL_FACTOR = 5  # a figure five times the size threshold is never one day's: a named day dates it


EARLY_WAR_DAYS = 90  # size thresholds grow over the first 90 days, as the record's totals did


PERIODS_AND_NIGHT = frozenset({"day", "week", "month", "year", "night", "previous_month", "previous_year"})


CARRIED_PERIODS = frozenset({"day", "week", "night"})  # said once, they hold for a bulletin's list


NIGHT_ATTACK_WEAPONS = frozenset({"drones", "cruise_missiles"})  # what a night's attack sends, and air defence downs


# A figure read as a total by its size alone may still be a bulletin's day: up to five times the
# size threshold (92 artillery systems, 176 drones in a Russian MoD day or week on realdev).
BULLETIN_DAY_FACTOR = 5
DAYS_IN_A_WEEK = 7


FRAME_LABELS = frozenset({"same_period", "not_a_cue", "air_attack"})  # scope phrases that are no cue of their own


# Totals whose sentence's event, when it names one, is their scope
WEAK_TOTALS = frozenset({"total", "so_far"})


# Totals since the invasion, by a cue, by the record or by a size no single event reaches: what a
# pronoun's sentence right after them goes on counting (`_total_said_before`)
CUMULATIVE_CUES = frozenset(
    {"cue:cumulative", "cue:so_far", "date:total_as_of", "record_total_plausible", "size_above_threshold"}
)


# A line that opens with a year and a colon or dash: a line of a table or list by year ("2023:
# 253,290 troops, 2,900 tanks", "- En 2024 : 430 790 soldats"); its figures are that year's.
YEAR_LABEL = re.compile(r"[\s\-–—•*]*(?:(?:en|in)\s+)?((?:19|20)\d\d)\s*[:–—-][^\d\n]{0,40}", re.IGNORECASE)


# Two sentences glued without a space, as real pages print them ("... et 9 drones.Depuis le
# lancement de l'offensive, ..."): a cue after the glue is the next sentence's.
GLUED_SENTENCE_END = re.compile(
    r"(?:[^\W\d_]|(?:(?<=[^\W\d_][-‑])|(?<=[^\W\d_][-‑]\d)|(?<=[^\W\d_][-‑]\d\d))\d)[.!?][^\W\d_]"
)  # and after a model number ("deux avions Su-25.Au total, ...")

# A wire dateline ("Kiev, 1er janv 2026 (AFP) - L'armée russe a perdu ..."): the date of the
# dispatch, not of a figure it gives
DATELINE_END = re.compile(r"\s*(?:\([^()\n]{2,30}\))?\s*[-–—]\s")
DATELINE_CHARS = 60  # a dateline opens its line

# A range of days before a date ("du 1er au 7 décembre", "between 1 and 7 December", "from 1 to 7
# December"): its length in days gives the unit of its period
RANGE_BEFORE = re.compile(
    r"(?:between|from|du|entre\s+le|entre)\s+(?:the\s+)?(\d{1,2})(?:er|st|nd|rd|th)?\s*"
    r"(?:and|to|au|et\s+le|et|through|-|–)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
MONTH_RANGE_DAYS = 11  # from this many days a range is a month's (as of that month), below it a week's
RANGE_UNITS = ((2, "day"), (MONTH_RANGE_DAYS, "week"), (46, "month"))  # ranges of fewer days than these; longer ones, a year

# A rate ("daily", "monthly average", "par jour", "chaque semaine") never dates a statement: "a
# monthly average of 14,300 according to NATO" is a month's figure
RATE_CUE = re.compile(
    r"(?:daily|weekly|monthly|annually|quotidien\w*|hebdomadaire\w*|mensuel\w*|annuel\w*"
    r"|(?:per|a|each|every|par|chaque)\s.*)",
    re.IGNORECASE,
)

# A report's own period, said after the verb that gives its figures ("dans sa mise à jour quotidienne", "in its
# daily update"): a daily report's figures are the day's
DAILY_REPORT = re.compile(r"(?:daily|weekly|quotidien\w*|hebdomadaire\w*)\b", re.IGNORECASE)

WEEKLY_REPORT = re.compile(r"(?:weekly|hebdomadaire\w*)\b", re.IGNORECASE)

# An event noun after a count ("a repoussé 14 contre-attaques", "repelled 30 assaults"): a tally of many
# events, the bulletin's, not one event the figures are of
COUNTED_EVENTS = re.compile(r"(?<![\d.,])\d+\s+$")
COUNTED_EVENT_CHARS = 8

# A date a total stands at, not a period of figures: "as of February", "au 5 novembre", "by the end
# of 2024", "fin 2024" (the mention's own prefix) give the as_of of a cumulative figure
STATE_DATE_BEFORE = re.compile(
    r"(?<!\w)(?:as\s+of|as\s+at|by|au|à\s+la\s+date\s+du|en\s+date\s+du|arrêtée?s?\s+au|(?:the\s+)?end\s+of"
    r"|(?:à\s+la\s+)?fin\s+(?:de\s+)?(?:l['’])?)\s*$",
    re.IGNORECASE,
)
STATE_DATE_PREFIX = re.compile(r"(?:fin|(?:à\s+)?la\s+fin\s+de|the\s+end\s+of|end\s+of|by)\b", re.IGNORECASE)
STATE_DATE_CHARS = 24
RANGE_TO = re.compile(r"(?<!\w)(?:entre|between|from)\s[^.;:!?]{0,40}?\s(?:et|and|to|until)\s[^.;:!?\d]{0,16}$", re.IGNORECASE)
RANGE_TO_CHARS = 70

# A date right after an event's noun dates that event ("the battle on March 4", "l'attaque du 4
# mars", "the offensive on May 10"): the figure is the event's, not that day's
EVENT_DATE_WORDS = 2  # "the offensive in Kharkiv on May 10"

OPENING_DATE_WORDS = 1  # "Le 12 novembre, ...", "Then on March 4, ...": the date opens its sentence
OPENING_DATE_END = re.compile(r"\s*,")
OPENING_DATE_REACH = 20
# The farthest a date can be from a figure and still be one of its candidates in `read_scope`
# (an opening date is at most OPENING_DATE_REACH words before it): a date farther is skipped
# before any of its tests, which on a 1,500-character run of weekdays and figures read every
# weekday of the sentence again for each figure
DATE_CANDIDATE_WORDS = max(SENTENCE_WINDOW_WORDS, YEAR_NEAR_WORDS, PERIOD_NEAR_WORDS, WEAK_TOTAL_DATE_WORDS, OPENING_DATE_REACH)

RANGE_END = re.compile(r"\s*(?:au|à|jusqu['’]au|-|–)\s", re.IGNORECASE)  # "du 24 février au 5 mars"

# A month or year that starts the figure's span ("since December", "Since January 2024 alone", "depuis
# le début de septembre"): a period of the unit nearest the span's length up to the document's date
# (ANNOTATION: "since December" takes the nearest unit), not a total since the invasion
SINCE_START = re.compile(
    r"(?<!\w)(?:since|depuis|dès)(?:\s+(?:the\s+)?(?:beginning|start)\s+of|\s+(?:le\s+)?début\s*(?:de|d['’])?)?\s*$",
    re.IGNORECASE,
)
SINCE_WORD = re.compile(r"(?:since|depuis|dès)\b", re.IGNORECASE)
SINCE_CHARS = 32
SINCE_RANGE_TO = re.compile(r"\s+(?:et|and|to|until|through|jusqu['’]\w*)\s", re.IGNORECASE)
# the unit nearest a span of this many days: below 4 a day, below 19 a week, below 198 a month, else a year
SINCE_UNITS = ((4, "day"), (19, "week"), (198, "month"))

CAMPAIGN_DATE_WORDS = 2  # "depuis le début de l'opération, le 6 août": the date right after the start


DATE_PERIODS = {"weekday": "day", "relative_day": "day", "explicit": "day", "week": "week", "month": "month", "year": "year"}


@dataclass(frozen=True)
class _SentenceFacts:
    """What a sentence says about the figures in it that have no cue of their own."""

    closed: bool  # it names an event or a date: no period said elsewhere is theirs
    eventful: bool  # it names an event
    totals_said: int  # its figures read as totals by a cue (but "au total"), and its bulletin lines
    totals: int  # its figures read as totals, by a cue or by their size
    day_sized_sums: bool  # every figure it sums ("Au total, l'ennemi a perdu 200 hommes, 3 blindés") may be a day's


INVASION_DAY = date(2022, 2, 24)


SIZE_RULES = frozenset(
    {"size_above_threshold", "size_below_threshold", "size_above_threshold_at_as_of", "size_below_threshold_at_as_of"}
)

# A figure with no cue, of Russian losses in a category of the General Staff's record, is a
# total since the invasion when it lies between RECORD_TOTAL_LOW and RECORD_TOTAL_HIGH times the
# record's totals around its as_of. Calibrated on ../shared/realdev (fr and en gold lines, side
# russia, every scope): 165 of the 218 cumulative figures lie within [0.8, 1.05] of the record
# and none of the 54 daily, weekly, monthly or event figures do (0 of 54 even down to 0.5);
# the cumulative figures below are Oryx's, Mediazona's, killed-only or old counts, above it five
# of 1.03-1.26 times: those the size rule still reads.
RECORD_TOTAL_LOW = 0.8
RECORD_TOTAL_HIGH = 1.05
DAILY_PERSONNEL_FLOOR = 100  # personnel figures this large rarely equal a day's figure by chance
RECORD_LAG_DAYS = 2  # CLAIMS.md's report lag: a figure matches the record within two days of its as_of


def _parse_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1], parts[2] if len(parts) > 2 else 15)


def _starts_a_period(text: str, window_start: int, mention: DateMention) -> bool:
    """ "depuis février", "since the invasion on 24 February": the start of a period, not the figure's date."""
    if mention.date in INVASION_START or SINCE.match(mention.text):
        return True
    before = text[window_start : mention.start]
    words = WORDS.findall(before)
    if words and words[-1].lower() == "du":  # "du 1er au 7 mars" starts a range; "l'attaque du 4 mars" is of that day
        return RANGE_END.match(text, mention.end) is not None
    return any(SINCE.fullmatch(word) and word.lower() != "du" for word in words[-6:])


def _invasion_year_or_month(date: str | None) -> bool:
    """Whether a mention's date is the invasion's year or month ("2022", "février 2022")."""
    return date is not None and (date == "2022" or date.startswith(INVASION_START[1]))


def since_unit(article: Article, mention: DateMention) -> str | None:
    """The unit of the span a month or year starts ("since December", "depuis début 2024"), up to the
    document's date: None when it is no such start, or the invasion's ("since February", "depuis 2022")."""
    new_year = mention.kind == "explicit" and mention.date is not None and mention.date.endswith("-01-01")
    if mention.kind not in ("month", "year") and not new_year:
        return None  # but "since Jan. 1, 2025", "depuis le 1er janvier": the year so far, as "since January"
    if not SINCE_WORD.match(mention.text) and not SINCE_START.search(
        article.text, max(0, mention.start - SINCE_CHARS), mention.start
    ):
        return None
    if RANGE_END.match(article.text, mention.end) or SINCE_RANGE_TO.match(article.text, mention.end):
        return None  # "from August to October": a range, read by its end
    said = mention.date
    if _invasion_year_or_month(said):
        return None  # "since 2022", "since February 2022": since the invasion
    if mention.kind == "month" and said is not None and said[:4] not in mention.text and said[5:7] == "02":
        return None  # "since February" with no year: the invasion's month
    document = article.document.date
    if said is None or document is None:
        return mention.kind  # an undated article: "since September" is within its month or year
    if new_year or mention.kind == "month" and said[5:7] == "01":
        return "year"  # "depuis janvier", "since January 2024": the year so far, as the lexicon's "since january"
    start = _parse_day(said + "-01" if len(said) == 7 else said + "-01-01" if len(said) == 4 else said)
    days = (_parse_day(document) - start).days
    if days < 0:
        return None
    return next((unit for limit, unit in SINCE_UNITS if days < limit), "year")


# A part of the total before it ("82 710 tués depuis le début de la guerre, dont 630 au cours de la dernière
# journée"): the cues said before its opener are the total's, the nearest after it are the part's
SUBSET_BEFORE = re.compile(r"(?<!\w)(?:dont|including|of which|of whom)\s+(?:[^\W\d]+\s+){0,2}$", re.IGNORECASE)
SUBSET_CHARS = 40

# What may stand between the items of one list ("7 905 soldats, 12 220 blessés et 717 capturés"): no
# sentence break, no subset ("dont", "including") that makes one figure a part of the other
LIST_BREAK = re.compile(r"[.;:!?()]|\b(?:dont|parmi|including|of whom|among them)\b", re.IGNORECASE)
LIST_JOIN = re.compile(r",|\bet\b|\band\b", re.IGNORECASE)


def _listed_with(article: Article, figure: Figure, other: Figure) -> bool:
    """Whether two figures of one kind but different categories are items of one list (killed,
    wounded, captured): a scope cue of one is the list's."""
    first, second = (figure, other) if figure.number.start < other.number.start else (other, figure)
    between = article.text[first.noun_end : second.number.start]
    return first.noun_end <= second.number.start and not LIST_BREAK.search(between) and LIST_JOIN.search(between) is not None


CAMPAIGN_PLACE_SENTENCES = 2  # "... à l'offensive dans la région de Koursk. Selon X, ... stoppée. ... 167 chars dans la zone"


def _campaign_said_before(article: Article, sentence: int, position: int) -> bool:
    """Whether the two sentences before, or this one before `position`, name a campaign's ground."""
    start = article.sentences[max(sentence - CAMPAIGN_PLACE_SENTENCES, 0)][0]
    return any(label == "campaign" for _s, _e, label in article.index.scope.within(start, position))


def _counted_events(article: Article, start: int) -> bool:
    """Whether an event cue at `start` follows a count of its events ("14 contre-attaques")."""
    return COUNTED_EVENTS.search(article.text, max(0, start - COUNTED_EVENT_CHARS), start) is not None


EVENT_LINE_CHARS = 400  # the figure's line is read this far back (a text of one line is not read whole per figure)


def _event_named_around(article: Article, figure: Figure) -> bool:
    """Whether the headline or the figure's own line before it names an event ("Contre-offensive
    ukrainienne : ..."): a small count since a month is then that campaign's."""
    text = article.text
    head_end = text.find("\n", article.document.body_start)
    window = max(0, figure.number.start - EVENT_LINE_CHARS)
    line_start = max(window, text.rfind("\n", window, figure.number.start) + 1)
    spans = [(article.document.body_start, head_end if head_end >= 0 else len(text)), (line_start, figure.number.start)]
    return any(label == "event" for start, end in spans for _s, _e, label in article.index.scope.within(start, end))


INVASION_SINCE_CHARS = 120
INVASION_SINCE = re.compile(r"(?<!\w)(?:since|depuis)\s[^.;:!?()\d]*$", re.IGNORECASE)


def _invasion_year_since(text: str, window_start: int, mention: DateMention) -> bool:
    """ "since Vladimir Putin launched his full-scale invasion of Ukraine in 2022", "depuis que la Russie
    a envahi l'Ukraine en février 2022": the invasion's date in a clause after "since", the start of the
    total's span, however far the clause runs."""
    if not _invasion_year_or_month(mention.date):
        return False
    return INVASION_SINCE.search(text, window_start, mention.start) is not None


def cohere_scopes(article: Article, figures: list[Figure]) -> None:
    """A list shares its scope: a figure read by size takes that of a figure with a cue."""
    decided = [f for f in figures if not f.scope_by_size and not f.bulletin and f.daily_of is None]
    for figure in figures:
        if not figure.scope_by_size:
            continue  # its own cue holds (the peers of each figure, among every decided one, were quadratic)
        # a list counts different things ("364 chars, 748 véhicules blindés"); the same thing
        # twice is a total and its part ("792 170 ..., dont 1 370 en 24 heures")
        peers = [
            d
            for d in decided
            if (
                _coarse(d.claim.category) != _coarse(figure.claim.category)
                or d.sentence == figure.sentence
                and d.claim.category != figure.claim.category
                and _listed_with(article, figure, d)
            )
            and not _glued_between(article, figure, d.number.start, d.number.end)
        ]
        if figure.scope_by_size and peers:
            nearest = min(peers, key=lambda d: abs(d.number.start - figure.number.start))
            figure.claim.scope, figure.claim.period = nearest.claim.scope, nearest.claim.period
            figure.soft_day = nearest.soft_day
            figure.claim.decide("scope", "shared_with_list_peer", nearest.number.start, nearest.number.end)
            figure.claim.decide("period", "shared_with_list_peer", nearest.number.start, nearest.number.end)


# "the first ... since", "la plus lourde ... depuis": a record said against the time since the last one
RECORD_SINCE = re.compile(
    r"(?<!\w)(?:the\s+first|the\s+largest|the\s+biggest|the\s+highest|the\s+heaviest|the\s+worst|"
    r"la\s+première|le\s+premier|la\s+plus|le\s+plus|les\s+plus)\b[^,;.]*$",
    re.IGNORECASE,
)
RECORD_SINCE_CHARS = 60


def carry_frames(article: Article, figures: list[Figure]) -> None:
    """What a figure with no cue of its own inherits from the text before it.

    - "over the same period", "durant cette période": the scope of the claim before it;
    - a small figure (read as one event by its size) after "in the past 24 hours" or "la
      semaine dernière" said earlier in the article or its sentence takes that period: a daily or weekly
      bulletin states its period once, then lists its figures (Russian MoD battlegroup
      reports, General Staff summaries), unless its own sentence names an event.
    """
    periods = [cue for cue in article.index.scope.items if cue[2] in CARRIED_PERIODS and not _dates_saying(article, cue)]
    period_starts = [cue[0] for cue in periods]
    # where a weekly report is first named ("dans son bilan hebdomadaire"): its lists count seven days
    weekly_from = next(
        (start for start, _end, label in periods if label == "week" and WEEKLY_REPORT.match(article.text, start)), None
    )
    by_sentence: dict[int, list[Figure]] = {}
    for figure in figures:
        by_sentence.setdefault(figure.sentence, []).append(figure)

    @lru_cache(maxsize=None)
    def sentence_facts(sentence: int) -> _SentenceFacts:
        s_start, s_end = article.sentences[sentence]
        peers = by_sentence[sentence]
        eventful = any(c[2] == "event" and not _counted_events(article, c[0]) for c in article.index.scope.within(s_start, s_end))
        return _SentenceFacts(
            closed=eventful
            or any(
                m.kind in ("explicit", "month") and not _dates_a_daily_report(article, m)
                for m in dates_in(article, s_start, s_end)
            ),
            eventful=eventful,
            totals_said=sum(
                p.claim.scope == "cumulative" and not p.scope_by_size and not _sums_a_list(p) or p.bulletin for p in peers
            ),
            totals=sum(p.claim.scope == "cumulative" for p in peers),
            day_sized_sums=all(
                p.claim.value < _threshold(article, p.claim.category) * BULLETIN_DAY_FACTOR for p in peers if _sums_a_list(p)
            ),
        )

    previous: Figure | None = None
    said: Figure | None = None  # the last figure whose scope the text said, not its size
    for figure in figures:
        claim = figure.claim
        s_start, s_end = article.sentences[figure.sentence]
        same = [c for c in article.index.scope.within(s_start, s_end) if c[2] == "same_period"]
        if same and previous is not None and previous.scope_by_size and said is not None:
            previous = said  # "During the same period": the period said before, not a figure's guess by size
        stated = _period_stated_before(article, figure, same[0][0]) if same and not figure.bulletin else None
        if same and stated is not None and (previous is None or previous.claim is None or previous.sentence < stated[0]):
            # "du 8 juillet au 5 août ... 335 mercenaires ont été tués pendant cette période": the period the
            # text stated before, when no claim since has a scope of its own
            _sentence, start, end, unit = stated
            claim.scope, claim.period = "period", unit
            figure.scope_by_size = False
            claim.decide("scope", "same_period_as_stated", start, end)
            claim.decide("period", "same_period_as_stated", start, end)
        elif same and previous is not None and previous.claim is not None and not figure.bulletin:
            claim.scope, claim.period = previous.claim.scope, previous.claim.period
            figure.scope_by_size = False
            claim.decide("scope", "same_period_as_previous", same[0][0], same[0][1])
            claim.decide("period", "same_period_as_previous", same[0][0], same[0][1])
        elif (
            figure.scope_by_size
            and (own := _own_period_after(article, figure, periods, period_starts, s_end, sentence_facts(figure.sentence)))
            is not None
        ):
            # "Le 9 août, le ministère a indiqué que l'Ukraine avait perdu 350 hommes ... dans les
            # affrontements ... au cours des dernières 24 heures": its own sentence's period, however
            # far after it, though the sentence dates the statement
            start, end, label = own
            claim.scope, claim.period = "period", "day" if label == "night" else label
            claim.decide("scope", "period_later_in_its_sentence", start, end)
            claim.decide("period", "period_later_in_its_sentence", start, end)
        elif figure.scope_by_size and (added_to := _account_added_to(article, figure)) is not None:
            # "Since the start of the counteroffensive, the enemy lost 26,000 ... Additionally, Russia's forces
            # eliminated 914 units of special equipment": the same account, the same scope
            claim.scope, claim.period = added_to.claim.scope, added_to.claim.period
            claim.decide("scope", "added_to_the_account_before", added_to.number.start, added_to.number.end)
            claim.decide("period", "added_to_the_account_before", added_to.number.start, added_to.number.end)
        elif (
            figure.scope_by_size
            and claim.scope == "event"
            and not sentence_facts(figure.sentence).closed
            and (total := _total_said_before(article, figure)) is not None
        ):
            # "Oryx a compté 800 chars russes détruits depuis le début de l'opération. D'après
            # ce décompte, 40 ont été abandonnés et 310 pris": the same count goes on, since the invasion
            claim.scope, claim.period = "cumulative", None
            claim.decide("scope", "total_said_before", total.number.start, total.number.end)
            claim.decide("period", "total_said_before", total.number.start, total.number.end)
        elif (
            figure.scope_by_size
            and not sentence_facts(figure.sentence).closed
            and (night := _night_of_the_same_count_before(article, figure)) is not None
        ):
            claim.scope, claim.period = "period", "day"
            claim.decide("scope", "night_said_in_previous_sentence", *night)
            claim.decide("period", "night_said_in_previous_sentence", *night)
        elif (
            figure.scope_by_size
            and _carries_period(
                article,
                figure,
                sentence_facts(figure.sentence),
                _week_before(periods, period_starts, s_end),
                weekly_from is not None and weekly_from < s_end,
            )
            or _sums_a_list(figure)
            and _sum_carries_period(sentence_facts(figure.sentence))
        ):
            # the sentence's own period, however far ("Two Su-25 ... and 30 drones were shot down
            # ... in the past day"), else the last one said before it
            at = bisect_left(period_starts, s_end) - 1
            if (
                at >= 0
                and _same_voice(article, periods[at][0], figure)
                and not _reported_after(article, figure, periods[at][0])
                and _night_holds(periods[at][2], claim)
            ):
                start, end, label = periods[at]
                claim.scope, claim.period = "period", "day" if label == "night" else label
                claim.decide("scope", "period_said_before", start, end)
                claim.decide("period", "period_said_before", start, end)
        previous = figure
        if claim is not None and not figure.scope_by_size:
            said = figure


STATED_PERIOD_SENTENCES = 3  # "cette période" looks back this many sentences for the period it names


def _period_stated_before(article: Article, figure: Figure, position: int) -> tuple[int, int, int, str] | None:
    """The last period the text states before "pendant cette période" (a range of dates, "au cours des sept
    derniers jours"), within STATED_PERIOD_SENTENCES sentences: its sentence, span and unit."""
    first = max(figure.sentence - STATED_PERIOD_SENTENCES, 0)
    start = article.sentences[first][0]
    found: list[tuple[int, int, str]] = []
    for cue_start, cue_end, label in article.index.scope.within(start, position):
        if label in ("day", "week", "month", "year") and cue_end <= position:
            found.append((cue_start, cue_end, label))
    mentions = article.dates[bisect_left(article.date_starts, start) : bisect_left(article.date_starts, position)]
    for at, mention in enumerate(mentions):
        span = range_days(article, mention) if mention.kind == "explicit" else None
        if span is None and at > 0:
            span = _days_between(article, mentions[at - 1], mention)
        if span is not None:
            unit = next((unit for limit, unit in RANGE_UNITS if span < limit), "year")
            found.append((mention.start, mention.end, unit))
    if not found:
        return None
    cue_start, cue_end, unit = max(found)
    return article.cleaned.sentence_index(cue_start), cue_start, cue_end, unit


DATES_RANGE_FROM = re.compile(r"(?:du|from|between|entre)\s+(?:le\s+|the\s+)?$", re.IGNORECASE)
DATES_RANGE_TO = re.compile(r"\s*(?:au|à|to|and|et|until|through|-|–)\s*(?:le\s+|the\s+)?", re.IGNORECASE)


def _days_between(article: Article, first: DateMention, last: DateMention) -> int | None:
    """The days "du 8 juillet au 5 août", "from July 8 to August 5" span, both ends counted."""
    if first.kind != "explicit" or last.kind != "explicit" or not first.date or not last.date:
        return None
    if len(first.date) < 10 or len(last.date) < 10:
        return None
    if not DATES_RANGE_FROM.search(article.text, max(0, first.start - 12), first.start):
        return None
    if not DATES_RANGE_TO.fullmatch(article.text, first.end, last.start):
        return None
    days = (date.fromisoformat(last.date) - date.fromisoformat(first.date)).days + 1
    return days if days > 0 else None


def _account_added_to(article: Article, figure: Figure) -> Figure | None:
    """The last figure of the sentence before, scoped by a cue, when the figure's sentence opens on an
    additive connector ("Additionally", "En outre"): what the sentence adds shares its scope."""
    s_start = article.sentences[figure.sentence][0]
    if figure.sentence == 0 or not article.lex.additive_openers.match(article.text, s_start):
        return None
    p_start, p_end = article.sentences[figure.sentence - 1]
    starts = article.number_starts[bisect_left(article.number_starts, p_start) : bisect_left(article.number_starts, p_end)]
    for at in reversed(starts):
        other = article.figure_at.get(at)
        if other is None or other.claim is None:
            continue
        reason = other.claim.reason("scope")
        if reason is not None and not other.scope_by_size and reason.rule not in SIZE_RULES:
            return other
    return None


def _total_said_before(article: Article, figure: Figure) -> Figure | None:
    """The total since the invasion that a cue gave in the sentence just before, in the same paragraph,
    when the figure's sentence carries that sentence's speaker on ("Selon eux", "il ajoute"): the same
    count goes on ("1 000 chars détruits depuis le début de l'opération. Selon eux, 65 abandonnés")."""
    if figure.sentence == 0 or not article.cleaned.same_paragraph(figure.sentence - 1, figure.sentence):
        return None
    said = article.attributions[figure.sentence] if article.attributions else None
    if said is None or said.how not in ("pronoun", "carry"):
        return None
    p_start, p_end = article.sentences[figure.sentence - 1]
    for at in article.number_starts[bisect_left(article.number_starts, p_start) : bisect_left(article.number_starts, p_end)]:
        other = article.figure_at.get(at)
        if other is None or other.claim is None:
            continue
        reason = other.claim.reason("scope")
        if other.claim.scope == "cumulative" and reason is not None and reason.rule in CUMULATIVE_CUES:
            return other
    return None


def _night_of_the_same_count_before(article: Article, figure: Figure) -> tuple[int, int] | None:
    """The night cue of the sentence just before, in the same paragraph, when that sentence counts
    the same kind of thing ("Russia launched 60 drones overnight. Air defence shot down 41 drones":
    the night's attack, of which the figure says how much was lost), or when the figure counts drones
    or missiles, which a night's attack sends ("Overnight, Russia launched a large attack. The air
    force shot down 20 cruise missiles")."""
    claim = figure.claim
    if figure.sentence == 0 or claim is None or not article.cleaned.same_paragraph(figure.sentence - 1, figure.sentence):
        return None
    if claim.scope == "cumulative" and claim.value >= _threshold(article, claim.category) * BULLETIN_DAY_FACTOR:
        return None  # "Ukraine has downed 25,000 drones": no night's count
    p_start, p_end = article.sentences[figure.sentence - 1]
    nights = [(start, end) for start, end, label in article.index.scope.within(p_start, p_end) if label == "night"]
    kind = _coarse(claim.category)
    return nights[0] if nights and (kind in NIGHT_ATTACK_WEAPONS or kind in _kinds_counted(article, p_start, p_end)) else None


def _kinds_counted(article: Article, start: int, end: int) -> frozenset[str]:
    """The coarse categories of the figures in `start:end`, by the sorted number starts and kept
    per span: scanning every figure of the article for each figure was quadratic."""
    kinds = article.kinds_counted.get((start, end))
    if kinds is None:
        starts = article.number_starts[bisect_left(article.number_starts, start) : bisect_left(article.number_starts, end)]
        figures = (article.figure_at.get(at) for at in starts)
        kinds = frozenset(_coarse(f.category) for f in figures if f is not None and f.category is not None)
        article.kinds_counted[(start, end)] = kinds
    return kinds


def _own_period_after(
    article: Article,
    figure: Figure,
    periods: list[tuple[int, int, str]],
    period_starts: list[int],
    s_end: int,
    facts: _SentenceFacts,
) -> tuple[int, int, str] | None:
    """The day or week its own sentence says after a figure read by its size, in the same clause."""
    claim = figure.claim
    if facts.eventful or facts.totals_said or claim is None:
        return None
    if claim.scope == "cumulative" and claim.value >= _threshold(article, claim.category) * BULLETIN_DAY_FACTOR:
        return None
    at = bisect_left(period_starts, s_end) - 1
    if at < 0 or periods[at][0] < figure.noun_end or _reported_after(article, figure, periods[at][0]):
        return None
    return periods[at] if _night_holds(periods[at][2], claim) else None


def _dates_a_daily_report(article: Article, mention: DateMention) -> bool:
    """ "dans sa mise à jour quotidienne du 4 juin", "in its daily update of 4 June": the day of
    the report whose figures the bulletin gave, no date closing the sentence to that bulletin's day."""
    reports = [
        (start, end)
        for start, end, label in article.index.scope.within(max(0, mention.start - 40), mention.start)
        if label == "day" and end <= mention.start and RATE_CUE.fullmatch(article.text, start, end) is not None
    ]
    return any(article.index.words_between(end, mention.start) <= 2 for _start, end in reports)


def _air_attack_named(article: Article, sentence: int) -> bool:
    """Whether the sentence or the one before names one air attack ("la plus importante attaque aérienne")."""
    start = article.sentences[max(sentence - 1, 0)][0]
    return any(label == "air_attack" for _s, _e, label in article.index.scope.within(start, article.sentences[sentence][1]))


def _night_holds(label: str, claim: Claim | None) -> bool:
    """A night said once holds for the drones and missiles downed in it, not for tanks destroyed at the front."""
    return label != "night" or (claim is not None and claim.category in NIGHT_ATTACK_WEAPONS)


def _sums_a_list(figure: Figure) -> bool:
    """Whether only "au total", "in total" made the figure a total: the sum of what a bulletin
    lists, of its period when it said one ("au cours de la journée ... Au total, l'adversaire a
    perdu 170 hommes"), since the invasion when it did not."""
    reason = figure.claim.reason("scope") if figure.claim is not None else None
    return reason is not None and reason.rule == "cue:total"


def _sum_carries_period(facts: _SentenceFacts) -> bool:
    """A sum takes the period said before unless its sentence names an event or a date, says a
    total of its own, or sums figures too large for a day ("In total, 1,180,000 personnel")."""
    return not facts.closed and facts.totals_said == 0 and facts.day_sized_sums


def _same_voice(article: Article, position: int, figure: Figure) -> bool:
    """Whether a period said at `position` may be the figure's: said in the figure's paragraph,
    or where no source is named, or by the figure's own source (another voice's "in the past 24
    hours" is not the period of a later paragraph's strike)."""
    sentence = article.cleaned.sentence_index(position)
    if article.cleaned.same_paragraph(sentence, figure.sentence):
        return True
    said = article.attributions[sentence]
    return said is None or said.source in (None, "", "unattributed") or figure.claim.source in ("unattributed", said.source)


def _reported_after(article: Article, figure: Figure, position: int) -> bool:
    """ "Après la perte de deux chars, Forbes note que des images
    publiées cette semaine ...": a period after a verb of saying that follows the figure is the
    reported clause's, not the figure's."""
    if position < figure.noun_end or DAILY_REPORT.match(article.text, position):
        return False  # "..., a déclaré le ministère dans sa mise à jour quotidienne": the report's day is the figure's
    return any(kind in ("verbs", "pronoun_verbs") for _s, _e, kind in article.index.attribution.within(figure.noun_end, position))


def _dates_saying(article: Article, cue: tuple[int, int, str]) -> bool:
    """ "officials said this week": the cue dates the statement, not a period of figures."""
    verbs = [t for t in article.index.attribution.within(cue[0] - 40, cue[0]) if t[2] in ("verbs", "pronoun_verbs")]
    return any(t_end <= cue[0] and not article.text[t_end : cue[0]].strip(" ,") for _s, t_end, _k in verbs)


def _week_before(periods: list[tuple[int, int, str]], period_starts: list[int], s_end: int) -> bool:
    """Whether the last period said before a sentence's end is a week: a weekly report lists its
    battlegroups' totals once it said its week ("Battlegroup Zapad ... 3,620 soldiers, while Battlegroup
    Tsentr ... 3,840"), and a list of totals that large may still be the week's."""
    at = bisect_left(period_starts, s_end) - 1
    return at >= 0 and periods[at][2] == "week"


def _carries_period(
    article: Article, figure: Figure, facts: _SentenceFacts, week: bool = False, weekly_report: bool = False
) -> bool:
    """Whether a figure with no cue can take the period said before it: read as one event by
    its size, or as a total by a size a bulletin's day rarely reaches; not when its own
    sentence names an event or dates it ("Le 25 mars, le ministère a annoncé que 1 351
    soldats avaient été tués"), nor in a list of totals, unless the period is a week (`_week_before`)."""
    claim = figure.claim
    factor = BULLETIN_DAY_FACTOR * (DAYS_IN_A_WEEK if week and weekly_report else 1)  # a weekly report counts seven days
    if claim.scope == "cumulative" and claim.value >= _threshold(article, claim.category) * factor:
        return False
    own_total = claim.scope == "cumulative"  # its own sized total is not one of its peers
    return not facts.closed and facts.totals_said == 0 and not (own_total and facts.totals > 1 and not week)


def scope_of_repeats(article: Article, figures: list[Figure]) -> None:
    """A figure printed again (headline, lead, body) is one figure: read by its size alone, it
    takes the scope that a cue gave the same value of the same kind elsewhere in the article
    ("Ukraine Loses Over 610 Soldiers" and "610 Ukrainian servicemen over the past day")."""
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


def read_scope(
    article: Article, figure: Figure, category: str, s_start: int, s_end: int, span_end: int
) -> tuple[str, str | None, str, tuple[int | None, int | None]]:
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
    dated = dates_near(article, s_start, s_end, span_start, span_end, DATE_CANDIDATE_WORDS)
    starts = sentence_dates(article, s_start, s_end).dropped
    subset = SUBSET_BEFORE.search(article.text, max(s_start, span_start - SUBSET_CHARS), span_start)
    subset_at = subset.start() if subset is not None else None  # a part's cues before its "dont" are its total's
    # A total cue after another figure of the kind that follows this one is that one's
    # (`_restated_before`), and so is every total cue after it: known from the first, the later
    # ones are skipped untested (a 1,500-character sentence of totals and figures read each
    # total cue for each figure, and the figures between them for each pair).
    restated_from: int | None = None
    for start, end, label in article.index.scope.within(s_start, s_end):
        if label in FRAME_LABELS:
            continue  # read by `carry_frames`, once every figure has its own cues
        if (
            restated_from is not None
            and start >= restated_from
            and (label in WEAK_TOTALS or label == "cumulative" and not _campaign_start(article, end, s_end))
        ):
            continue  # a total cue, restated before (below)
        if start < figure.noun_end and end > figure.noun_start:
            continue  # "main battle tanks" is a noun, not a battle
        if _glued_between(article, figure, start, end):
            continue
        if label == "campaign_place":
            if not _campaign_said_before(article, figure.sentence, start):
                continue
            label = "campaign"  # "Les unités sont passées à l'offensive dans la région de Koursk. ... 167 chars dans la zone"
        if label == "event" and _counted_events(article, start):
            continue  # "qui a aussi repoussé 14 contre-attaques": a tally of attacks, no one event
        if label in PERIODS_AND_NIGHT and any(m.start <= start and end <= m.end for m in starts):
            continue  # "since the war began in February last year": the start of the war, no year of figures
        distance = _distance(article, start, end, span_start, span_end)
        rule = f"cue:{label}"
        if label == "cumulative" and _campaign_start(article, end, s_end):
            label, rule = "event", "cue:campaign_start"
        label = "cumulative" if label in WEAK_TOTALS else label
        if label == "cumulative" and _total_of_another(article, figure, start, end):
            continue
        if label == "cumulative" and _restated_before(article, figure, start):
            restated_from = start if restated_from is None else restated_from
            continue
        if label in PERIODS_AND_NIGHT and _rate_of_another(article, figure, start, end):
            continue  # "160 000, avec une moyenne quotidienne de 1 200 soldats tués": the rate is 1 200's
        if label != "cumulative" and _figure_between(article, figure, start, end):
            continue  # "792 170 ..., dont 1 370 au cours des dernières 24 heures": the cue is 1 370's
        if label in PERIODS_AND_NIGHT:
            rate = RATE_CUE.fullmatch(article.text, start, end) is not None
            if distance > PERIOD_NEAR_WORDS or not rate and dates_statement(article, start, end, figure):
                continue
        elif label in ("event", "campaign") and distance > SENTENCE_WINDOW_WORDS:
            continue
        if subset_at is not None and end <= subset_at:
            distance += SENTENCE_WINDOW_WORDS  # "82 710 tués depuis le début de la guerre, dont 630 ... dernière journée"
        candidates.append((distance + (1 if label == "cumulative" else 0), label, False, rule, start, end))
    # "dans la région de Koursk", "since clashes began in the region": a named campaign's ground, its
    # event unless the figure has a cue of its own ("en 24 heures, 25 blindés dans la région de Koursk")
    # A third country's troops sent there ("4 700 soldats envoyés par Pyongyang dans la région de Koursk") count
    # their whole war: the campaign is no event of theirs.
    campaign = [c for c in candidates if c[1] == "campaign" and figure.side_said != "other"]
    candidates = [c for c in candidates if c[1] != "campaign"]
    events = [(start, end) for start, end, label in article.index.scope.within(s_start, s_end) if label == "event"]
    periods_of_totals: list[tuple[int, str, bool, str, int, int]] = []
    for mention in dated:
        label = DATE_PERIODS.get(mention.kind, "")
        if not label or (mention.kind == "explicit" and (not mention.date or len(mention.date) < 10)):
            continue
        distance = _distance(article, mention.start, mention.end, span_start, span_end)
        if distance > DATE_CANDIDATE_WORDS:
            continue  # too far for any of the candidates below
        if mention.kind == "explicit" and range_days(article, mention) is not None:
            continue  # read below
        if _figure_between(article, figure, mention.start, mention.end):
            continue
        dated_event = _event_before(article, events, mention)
        if dated_event is not None and distance <= SENTENCE_WINDOW_WORDS:
            candidates.append((distance, "event", False, "date:of_event", dated_event[0], mention.end))
            continue
        if _state_date(article, mention):
            if distance <= YEAR_NEAR_WORDS and not dates_statement(article, mention.start, mention.end, figure):
                candidates.append((distance + 1, "cumulative", False, "date:total_as_of", mention.start, mention.end))
            continue
        if mention.kind == "weekday" and _weekday_of_saying_a_longer_period(article, figure, mention, s_start, s_end):
            continue  # "... in the past week, while Ukraine lost 2,850 soldiers, the ministry said on Friday": the week's
        if label == "day" and figure.number.value >= _threshold(article, category) * DATED_TOTAL_FACTOR:
            continue  # "passed the million mark on Thursday": the date of a total, not a day's figure
        if (
            label in ("month", "year")
            and distance <= WEAK_TOTAL_DATE_WORDS
            and not dates_statement(article, mention.start, mention.end, figure)
        ):
            periods_of_totals.append((distance, label, False, f"date:{mention.kind}", mention.start, mention.end))
        opening_year = label == "year" and opens_sentence(article, s_start, mention, figure, comma=False)
        if (distance > (YEAR_NEAR_WORDS if label == "year" else PERIOD_NEAR_WORDS) and not opening_year) or dates_statement(
            article, mention.start, mention.end, figure
        ):
            continue  # but "L'année 2023 fut la plus sanglante ..., avec 31 540 soldats tués": the year of the sentence
        candidates.append((distance, label, label == "day", f"date:{mention.kind}", mention.start, mention.end))
    for mention in starts:
        distance = _distance(article, mention.start, mention.end, span_start, span_end)
        if distance > DATE_CANDIDATE_WORDS:
            continue  # too far for either candidate below
        unit = since_unit(article, mention)
        if unit is None or _figure_between(article, figure, mention.start, mention.end):
            continue
        if RECORD_SINCE.search(article.text, max(s_start, mention.start - RECORD_SINCE_CHARS), mention.start):
            continue  # "the first naval loss it has claimed since March": how long since the last one, not the figure's span
        if figure.number.value < _threshold(article, category) and _event_named_around(article, figure):
            continue  # "plus de 40 Bradley depuis le début de juin" under a counteroffensive's headline: its event
        if dates_statement(article, mention.start, mention.end, figure):
            continue
        if distance <= WEAK_TOTAL_DATE_WORDS and unit in ("month", "year"):
            periods_of_totals.append((distance, unit, False, "date:since", mention.start, mention.end))
        if distance <= YEAR_NEAR_WORDS or opens_sentence(article, s_start, mention, figure):
            candidates.append((distance, unit, False, "date:since", mention.start, mention.end))
    for mention in article.dates[bisect_left(article.date_starts, s_start) : bisect_left(article.date_starts, s_end)]:
        span = range_days(article, mention) if mention.kind == "explicit" else None
        if span is None:
            continue
        # "du 1er au 7 décembre", "between 1 and 7 December": a period of the unit nearest its length
        distance = _distance(article, mention.start, mention.end, span_start, span_end)
        if distance <= PERIOD_NEAR_WORDS and not dates_statement(article, mention.start, mention.end, figure):
            unit = next((unit for limit, unit in RANGE_UNITS if span < limit), "year")
            candidates.append((distance, unit, False, "date:range", mention.start, mention.end))
    if not candidates and campaign:
        _nearest, _label, _soft, rule, start, end = min(campaign, key=lambda c: c[0])
        # a place is a cue as weak as a size: a period said before in the bulletin holds (`carry_frames`)
        figure.scope_by_size = True
        return "event", None, rule, (start, end)
    if candidates:
        _nearest, label, soft, rule, start, end = min(candidates, key=lambda c: c[0])
        rates = [
            c
            for c in candidates
            if c[3].startswith("cue:") and c[1] in PERIODS_AND_NIGHT and RATE_CUE.fullmatch(article.text, c[4], c[5])
        ]
        if rule.startswith("date:") and label in ("month", "year") and rates:
            # "daily losses averaged 983 in January", "1 000 hommes par jour en mai": the rate is the
            # figure's unit, the month only dates it (as_of)
            _nearest, label, soft, rule, start, end = min(rates, key=lambda c: c[0])
        event_candidates = [c for c in candidates + campaign if c[1] in ("event", "campaign") and c[0] <= SENTENCE_WINDOW_WORDS]
        if rule.removeprefix("cue:") in WEAK_TOTALS and event_candidates:
            # "« Au total, 71 militaires ont été tués ... pour repousser l'attaque »", "have so far lost 90,000
            # in the counteroffensive": a sum or a total up to now of the event its sentence names
            _nearest, label, soft, rule, start, end = min(event_candidates, key=lambda c: c[0])
            label = "event"  # "In total, ... in the Kursk region": the campaign's sum, no bulletin's day
        elif rule.removeprefix("cue:") in WEAK_TOTALS and periods_of_totals:
            # "5,200 killed and 11,000 total casualties ... near Pokrovsk in February": the month's total
            _nearest, label, soft, rule, start, end = min(periods_of_totals, key=lambda c: c[0])
        if label in PERIODS_AND_NIGHT:
            # a night is one day's count whoever gives it ("overnight", "dans la nuit de samedi à
            # dimanche": ANNOTATION's annotators say period/day); only a weekday or a date may be a strike's,
            # and for drones and missiles only when one air attack is named ("a abattu ce dimanche 30 drones"
            # is the day's air defence; "la plus importante attaque aérienne ... a abattu mardi 72 missiles", the attack's)
            figure.soft_day = (
                soft
                and not any(c[1] == "night" for c in candidates)
                and (category not in NIGHT_ATTACK_WEAPONS or _air_attack_named(article, figure.sentence))
            )
            period = "day" if label == "night" else PREVIOUS_PERIODS.get(label, label)
            return "period", period, rule, (start, end)
        return label, None, rule, (start, end)
    line_start = article.lines.start(span_start)
    label_match = YEAR_LABEL.match(article.text, line_start, span_start)
    if label_match is not None:
        return "period", "year", "year_label", label_match.span(1)
    if figure.ellipsis_of is not None and figure.ellipsis_of.claim is not None:
        # "1 950 autres" with no cue of its own: the scope of the figure it continues
        antecedent = figure.ellipsis_of
        figure.scope_by_size, figure.soft_day = antecedent.scope_by_size, antecedent.soft_day
        return antecedent.claim.scope, antecedent.claim.period, "ellipsis_of_previous", none
    listed = _list_continued(article, figure)
    if listed is not None and listed.claim is not None:
        # "Parmi eux, 6 000 soldats auraient été tués", "Among them are 12 generals": the list's scope
        figure.scope_by_size, figure.soft_day = listed.scope_by_size, listed.soft_day
        return listed.claim.scope, listed.claim.period, "list_continued", (listed.number.start, listed.number.end)
    figure.scope_by_size = True
    if figure.number.value >= _threshold(article, category):
        return "cumulative", None, "size_above_threshold", none
    return "event", None, "size_below_threshold", none


def year_table_heading(article: Article, position: int) -> tuple[int, int] | None:
    """The heading above a table by year, when it names losses and `position` stands on one
    of its years' lines ("Russian losses by year:", then "2023: 253,290 troops"): the lines
    say what they count once, in their heading."""
    text = article.text
    line_start = article.lines.start(position)
    if YEAR_LABEL.match(text, line_start, position) is None:
        return None
    # The first line above that is neither blank nor a year's; what each line walked finds is
    # kept, so that the lines of a long table are not each walked up to its heading again.
    walked = []
    found: tuple[int, int] | None = None
    while line_start > 0:
        if line_start in article.year_headings:
            found = article.year_headings[line_start]
            break
        walked.append(line_start)
        end = line_start - 1
        start = article.lines.start(end)
        line_start = start
        if not text[start:end].strip() or YEAR_LABEL.match(text, start, end):
            continue  # a blank line, or the year before
        found = (start, end) if article.index.loss_cues.within(start, end) else None
        break
    for line in walked:
        article.year_headings[line] = found
    return found


def size_at_as_of(article: Article, figure: Figure, claim: Claim) -> None:
    """A figure read by its size is weighed at its own date when the text dates it ("Le 2 avril
    [2022], le ministère a annoncé la mort de 1 480 soldats", in an article of July):
    the totals of the war's first months were small."""
    reason = claim.reason("scope")
    if reason is None or reason.rule not in SIZE_RULES or not claim.as_of or claim.as_of == article.document.date:
        return
    above = claim.value >= _threshold(article, claim.category, claim.as_of)
    if above == (reason.rule == "size_above_threshold"):
        return
    claim.scope, claim.period = ("cumulative", None) if above else ("event", None)
    rule = "size_above_threshold_at_as_of" if above else "size_below_threshold_at_as_of"
    claim.decide("scope", rule, reason.start, reason.end)
    claim.decide("period", rule, reason.start, reason.end)


def weigh_against_record(article: Article, figure: Figure, claim: Claim) -> None:
    """A figure whose scope only its size decided, read against the record when the analysis
    has one: a total since the invasion if it is plausible as the record's total at its as_of
    (`RECORD_TOTAL_LOW`..`RECORD_TOTAL_HIGH`), else one day's if the size read it as a total and
    it equals the record's daily figure within the report lag; else the size rule stands. Small
    figures equal some day's figure by chance ("cinq chars" of one strike), so only a figure the
    size took for a total ("2 314 drones" of a day in 2026), or personnel of DAILY_PERSONNEL_FLOOR
    and more ("1 010 pertes supplémentaires"), is read as a day. A figure a period cue decided is
    cumulative when it is the record's very total (`record_total_equal`), and so is one an
    event cue decided."""
    record = article.record
    reason = claim.reason("scope")
    if record is None or reason is None or claim.side != "russia" or not claim.as_of:
        return
    if claim.category not in record.general_staff.categories:
        return
    first, last = _as_of_days(claim.as_of)
    if reason.rule not in SIZE_RULES:
        if (
            claim.scope in ("period", "event")
            and claim.value >= _threshold(article, claim.category, claim.as_of)
            and _equals_a_total(record, claim, first, last)
        ):
            # "put total losses at 1,312,960, along with 237,853 drones, a category that has risen
            # tenfold in a year", "31 150 soldats tués depuis le début de l'offensive": a period or
            # event cue near the record's very total is not the figure's
            _record_decides(figure, claim, "cumulative", None, "record_total_equal")
        return
    low_total = record.cumulative(claim.category, first - timedelta(days=RECORD_LAG_DAYS))
    high_total = record.cumulative(claim.category, last + timedelta(days=RECORD_LAG_DAYS))
    if low_total is None or high_total is None or not high_total[1]:
        return  # before the record's first report, or the category is not yet counted
    value_max = claim.value_max or claim.value
    if claim.value <= high_total[1] * RECORD_TOTAL_HIGH and value_max >= low_total[1] * RECORD_TOTAL_LOW:
        _record_decides(figure, claim, "cumulative", None, "record_total_plausible")
        return
    if reason.rule not in ("size_above_threshold", "size_above_threshold_at_as_of") and not (
        claim.category.startswith(PERSONNEL) and claim.value >= DAILY_PERSONNEL_FLOOR
    ):
        return
    day = first - timedelta(days=RECORD_LAG_DAYS)
    while day <= last + timedelta(days=RECORD_LAG_DAYS):
        if record.daily(claim.category, day) == claim.value:
            _record_decides(figure, claim, "period", "day", "record_daily_difference")
            return
        day += timedelta(days=1)


def _equals_a_total(record: Record, claim: Claim, first: date, last: date) -> bool:
    """Whether the value is the record's total on a day of its as_of, within the report lag."""
    day = first - timedelta(days=RECORD_LAG_DAYS)
    while day <= last + timedelta(days=RECORD_LAG_DAYS):
        if record.report(claim.category, day) == claim.value:
            return True
        day += timedelta(days=1)
    return False


def _record_decides(figure: Figure, claim: Claim, scope: str, period: str | None, rule: str) -> None:
    claim.scope, claim.period = scope, period
    figure.scope_by_size = False  # a witness stronger than the size: list peers and frames do not override it
    claim.decide("scope", rule, figure.number.start, figure.number.end)
    claim.decide("period", rule, figure.number.start, figure.number.end)


def _as_of_days(as_of: str) -> tuple[date, date]:
    """The first and last day an as_of stands for: itself, or every day of its month."""
    if len(as_of) == 7:
        first = date(int(as_of[:4]), int(as_of[5:7]), 1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    day = date.fromisoformat(as_of)
    return day, day


def _total_of_another(article: Article, figure: Figure, start: int, end: int) -> bool:
    """ "1 010 pertes supplémentaires, ce qui porte le total à 1 183 620", "bringing the total to
    1,183,620": a total cue after the figure, right before another number, is that number's."""
    if start < figure.noun_end or start < figure.number.end:
        return False
    following = bisect_left(article.number_starts, end)
    if following >= len(article.number_starts) or article.number_starts[following] == figure.number.start:
        return False
    at = article.number_starts[following]
    return article.index.words_between(end, at) <= 2 and not re.search(r"[,;.:()]", article.text[end:at])


RATE_OF = re.compile(r"\s*(?:de|d['’]|of)\s*", re.IGNORECASE)


def _rate_of_another(article: Article, figure: Figure, start: int, end: int) -> bool:
    """ "160 000, avec une moyenne quotidienne de 1 200 soldats tués", "a daily average of 1,200": a period cue
    after the figure that introduces another number is that number's."""
    if start < figure.noun_end or start < figure.number.end:
        return False
    following = bisect_left(article.number_starts, end)
    if following >= len(article.number_starts):
        return False
    return RATE_OF.fullmatch(article.text, end, article.number_starts[following]) is not None


def _restated_before(article: Article, figure: Figure, start: int) -> bool:
    """ "1 010 pertes, ce qui porte le total à 1 183 620 depuis février 2022": a total cue after
    another figure of the same kind that follows the figure, not in a list with it, is that one's."""
    if start < figure.noun_end:
        return False
    kind = _coarse(figure.category)
    between = article.number_starts[
        bisect_right(article.number_starts, figure.number.start) : bisect_left(article.number_starts, start)
    ]
    return any(
        (other := article.figure_at.get(at)) is not None
        and _coarse(other.category) == kind
        and not LIST_GAP.fullmatch(article.text, figure.noun_end, at)
        for at in between
    )


def range_days(article: Article, mention: DateMention) -> int | None:
    """How many days a range ending at this explicit date spans, when one does."""
    match = RANGE_BEFORE.search(article.text, max(0, mention.start - 30), mention.start)
    if match is None or not mention.date:
        return None
    first, last = int(match.group(1)), int(mention.date[8:10])
    return last - first + 1 if 0 < first <= last else None


def _campaign_start(article: Article, cue_end: int, s_end: int) -> bool:
    """ "depuis le début de l'opération, le 6 août", "since the start of the offensive on June 4":
    a start dated well after the invasion's is a campaign's, one event. Read once per cue (each
    figure of its sentence asks)."""
    known = article.campaign_starts.get((cue_end, s_end))
    if known is None:
        known = article.campaign_starts[(cue_end, s_end)] = _read_campaign_start(article, cue_end, s_end)
    return known


def _read_campaign_start(article: Article, cue_end: int, s_end: int) -> bool:
    after = article.dates[bisect_left(article.date_starts, cue_end) : bisect_left(article.date_starts, s_end)]
    if not after or article.index.words_between(cue_end, after[0].start) > CAMPAIGN_DATE_WORDS or not after[0].date:
        return False
    mention = after[0]
    if mention.kind not in ("explicit", "month") or mention.date is None:
        return False
    return _parse_day(mention.date if len(mention.date) > 7 else mention.date + "-01") > INVASION_DAY + timedelta(days=31)


def _list_continued(article: Article, figure: Figure) -> Figure | None:
    """The last claim of the sentence before, when the figure's sentence opens by continuing its list."""
    s_start = article.sentences[figure.sentence][0]
    if figure.sentence == 0 or not article.lex.list_openers.match(article.text, s_start):
        return None
    before = article.sentences[figure.sentence - 1]
    starts = article.number_starts[bisect_left(article.number_starts, before[0]) : bisect_left(article.number_starts, before[1])]
    claimed = [f for at in starts if (f := article.figure_at.get(at)) is not None and f.claim is not None]
    return claimed[-1] if claimed else None


def _glued_between(article: Article, figure: Figure, start: int, end: int) -> bool:
    """Whether the first glued sentence end between the cue and the figure starts a sentence.
    The ends are found once per article (`Article.glued_ends`): a search per figure and cue ran
    over their whole distance, cubic in a 1,500-character sentence of figures and cues."""
    low, high = (end, figure.number.start) if end <= figure.number.start else (figure.noun_end, start)
    ends = article.glued_ends
    at = bisect_left(ends, max(low - 1, 0))
    if at == len(ends) or ends[at] + 3 > high + 1:
        return False  # as GLUED_SENTENCE_END.search(text, low - 1, high + 1) finding none
    first = ends[at]
    return first + 1 < high and first + 2 > low and article.text[first + 2].isupper()


def _figure_between(article: Article, figure: Figure, start: int, end: int) -> bool:
    """Whether a figure of the same kind stands between this one and a cue: "792 170 ..., dont
    1 370 au cours des dernières 24 heures" (the cue is the part's), not "18,000 troops and
    2,500 pieces of equipment last month" (a list shares it)."""
    low, high = (end, figure.number.start) if end <= figure.number.start else (figure.number.end, start)
    if high <= low:
        return False
    kind = _coarse(figure.category)
    between = article.number_starts[bisect_right(article.number_starts, low - 1) : bisect_left(article.number_starts, high)]
    return any((other := article.figure_at.get(at)) is not None and _coarse(other.category) == kind for at in between)


def _distance(article: Article, start: int, end: int, span_start: int, span_end: int) -> int:
    if end <= span_start:
        return article.index.words_between(end, span_start)
    if start >= span_end:
        return article.index.words_between(span_end, start)
    return 0


def _weekday_of_saying_a_longer_period(article: Article, figure: Figure, mention: DateMention, s_start: int, s_end: int) -> bool:
    """Whether a weekday right after a verb of saying that follows the figure ("..., the ministry said on
    Friday") dates a statement whose sentence says a week, month or year: that period is the figure's."""
    said = any(
        kind in ("verbs", "pronoun_verbs")
        and t_start >= figure.number.end
        and t_end <= mention.start
        and article.index.words_between(t_end, mention.start) <= 1
        for t_start, t_end, kind in article.index.attribution.within(figure.number.end, mention.start)
    )
    return said and any(
        label in ("week", "month", "year", "previous_month", "previous_year")
        for _s, _e, label in article.index.scope.within(s_start, s_end)
    )


def dates_statement(article: Article, start: int, end: int, figure: Figure) -> bool:
    """A date right after a verb of saying, or before the verb that introduces the figure."""
    s_start = article.sentences[figure.sentence][0]
    for t_start, t_end, kind in article.index.attribution.within(s_start, figure.number.start):
        if kind not in ("verbs", "pronoun_verbs"):
            continue
        if t_end <= start and article.index.words_between(t_end, start) <= 1:
            return True
        if end <= t_start and t_end <= figure.number.start:
            return True
    return False


@dataclass(frozen=True)
class SentenceDates:
    """The dates from a sentence's start to an offset, read once (each figure of the sentence asks)."""

    kept: tuple[DateMention, ...]  # those that may date its figures (`dates_in`)
    starts: list[int]  # the kept ones' starts
    reach: list[int]  # the farthest end of the kept ones up to each (their ends need not be in order)
    dropped: tuple[DateMention, ...]  # the others: periods' starts, datelines, ...


def sentence_dates(article: Article, s_start: int, s_end: int) -> SentenceDates:
    found = article.sentence_dates.get((s_start, s_end))
    if found is not None:
        return found
    # Whether a date is kept depends on it and s_start only: decided once per (s_start, date), as
    # each figure of a sentence asks again (quadratic on a 1,500-character run of day numbers).
    kept = article.dates_kept.setdefault(s_start, {})
    out: list[DateMention] = []
    dropped: list[DateMention] = []
    for at in range(bisect_left(article.date_starts, s_start), bisect_left(article.date_starts, s_end)):
        keep = kept.get(at)
        m = article.dates[at]
        if keep is None:
            keep = kept[at] = (
                not _starts_a_period(article.text, max(s_start, m.start - 60), m)
                and not _invasion_year_since(article.text, max(s_start, m.start - INVASION_SINCE_CHARS), m)
                and not _dateline(article.text, m)
                and not _starts_a_campaign(article, s_start, m)
            )
        (out if keep else dropped).append(m)
    found = article.sentence_dates[(s_start, s_end)] = SentenceDates(
        tuple(out), [m.start for m in out], list(accumulate((m.end for m in out), max)), tuple(dropped)
    )
    return found


def dates_in(article: Article, s_start: int, s_end: int) -> tuple[DateMention, ...]:
    """The dates of a sentence that may date its figures: not a period's start, not a dateline."""
    return sentence_dates(article, s_start, s_end).kept


def dates_near(article: Article, s_start: int, s_end: int, low: int, high: int, words: int) -> tuple[DateMention, ...]:
    """The dates of `dates_in` within `words` words of the span from `low` to `high` (as `_distance`
    counts), in order, and maybe a few farther ones (the caller still measures): a figure reads the
    dates around it, not every date of a 1,500-character sentence of them."""
    found = sentence_dates(article, s_start, s_end)
    word_starts = article.index.word_starts
    before = bisect_left(word_starts, low) - words - 1
    # a date ending before the (words + 1)th word before `low` is farther; their ends are not
    # sorted, their farthest end so far is
    first = bisect_left(found.reach, word_starts[before]) if before >= 0 else 0
    after = bisect_right(word_starts, high) + words
    last = bisect_right(found.starts, word_starts[after]) if after < len(word_starts) else len(found.kept)
    return found.kept[first:last]


def opens_sentence(article: Article, s_start: int, mention: DateMention, figure: Figure, comma: bool = True) -> bool:
    """ "Le 8 décembre, les Russes ont vécu leur journée la plus sanglante ..., perdant 1 730
    soldats": a date that opens the sentence before a comma dates all of it, up to OPENING_DATE_REACH words
    (a quote of many sentences glued into one is not all of that day's); a year needs no comma ("L'année
    2023 fut la plus sanglante ..., avec 31 540 soldats tués")."""
    return (
        mention.end <= figure.number.start
        and article.index.words_between(mention.end, figure.number.start) <= OPENING_DATE_REACH
        and article.index.words_between(s_start, mention.start) <= OPENING_DATE_WORDS
        and (not comma or OPENING_DATE_END.match(article.text, mention.end) is not None)
    )


def _event_before(article: Article, events: list[tuple[int, int]], mention: DateMention) -> tuple[int, int] | None:
    """The event cue a date stands right after ("the battle on March 4", "l'offensive sur Kharkiv le 10 mai")."""
    return next(
        (
            e
            for e in events
            if e[0] < mention.start
            and (
                e[1] > mention.start
                or article.index.words_between(e[1], mention.start) <= EVENT_DATE_WORDS
                and not re.search(r"[,;:.!?()]", article.text[e[1] : mention.start])
            )
        ),
        None,
    )


def _starts_a_campaign(article: Article, s_start: int, mention: DateMention) -> bool:
    """ "since the start of the Kharkiv offensive on May 10": the date an event after "since" began,
    which starts the figure's period and dates nothing."""
    events = [(start, end) for start, end, label in article.index.scope.within(s_start, mention.start + 1) if label == "event"]
    event = _event_before(article, events, mention)
    if event is None:
        return False
    if SINCE.match(article.text, event[0]):
        return True  # "depuis le début de l'offensive": the cue's own "depuis"
    words = WORDS.findall(article.text, max(s_start, event[0] - 60), event[0])
    return any(SINCE.fullmatch(word) for word in words[-6:])


def _state_date(article: Article, mention: DateMention) -> bool:
    """ "as of February", "au 5 novembre 2025", "by the end of 2024", "fin 2024": the date a total stands at."""
    if RANGE_TO.search(article.text, max(0, mention.start - RANGE_TO_CHARS), mention.start):
        return False  # "entre le 3 mars et la fin de 2023": the end of a period
    if STATE_DATE_BEFORE.search(article.text, max(0, mention.start - STATE_DATE_CHARS), mention.start):
        return mention.kind != "weekday"  # "by Monday": a deadline
    return mention.kind in ("year", "month") and STATE_DATE_PREFIX.match(mention.text) is not None


def _dateline(text: str, mention: DateMention) -> bool:
    # the line's start looked for within DATELINE_CHARS only: from the text's start, for every
    # date, it was quadratic on one long line (284 s CPU for 10 MB of weekdays and figures)
    window = max(0, mention.start - DATELINE_CHARS - 1)
    line_start = text.rfind("\n", window, mention.start) + 1
    if line_start == 0 and window > 0:
        return False  # the line starts before the window: farther than DATELINE_CHARS
    return mention.start - line_start <= DATELINE_CHARS and DATELINE_END.match(text, mention.end) is not None


def _threshold(article: Article, category: str, date: str | None = None) -> float:
    """The size from which a figure with no cue reads as a total since the invasion, at `date`
    (the document's by default).

    Scaled down in the war's first three months, when totals were still small.
    """
    key = category if category in article.lex.scope_threshold else PERSONNEL if category.startswith("personnel") else category
    base = article.lex.scope_threshold.get(key, 100)
    date = date or article.document.date
    if not date:
        return base
    elapsed = (_parse_day(date) - INVASION_DAY).days
    return base * min(1.0, max(elapsed, 1) / EARLY_WAR_DAYS)
